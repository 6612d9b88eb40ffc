/**
 * lemma-rank: each condition as a predicate on hand-made solutions, the
 * decisions flipping on false evidence, and the exact instances of the check.
 */
import { describe, expect, it } from 'vitest';
import {
  CONDITIONS,
  decideB3Dropped,
  decideCorrected,
  decideNecessary,
  insufficiencyExample,
  instancesAt,
  type RankInstance,
  type SylvesterSample,
} from '../../src/claims/lemma-rank.js';
import { findClaim } from '../../src/claims/registry.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { Q } from '../../src/kernel/rational.js';
import { Rng } from '../../src/random.js';

const claim = findClaim('lemma-rank')!;
const inst = (p: Partial<RankInstance>): RankInstance => ({
  label: 'hand',
  n: 2,
  n2: 2,
  rows: 'kept',
  b3: false,
  rankU3: 2,
  rankW3: 2,
  rankA2: 2,
  ...p,
});

describe('conditions, by hand', () => {
  // n = 2 kept (m = 3): the dead-neuron solution has n2 = 3, rank W3 = 2, rank A2 = 2.
  const dead = inst({ n2: 3 });
  // n2 = 3 triangular over the three codes: rank A2 = 3.
  const wide = inst({ n2: 3, rankA2: 3 });
  it.each([
    ['n2EqualsN', dead, false],
    ['w3FullRank', dead, true],
    ['a2FullRank', dead, false],
    ['a2RankN', dead, true],
    ['a2FullRank', wide, true],
    ['a2RankN', wide, false],
    ['corrected', wide, true],
    ['a2FullRank', inst({ n2: 3, rows: 'dropped' }), true],
    ['correctedB3Dropped', inst({ n2: 1, rankW3: 1, rankA2: 1, b3: true, rows: 'dropped' }), true],
    ['correctedB3Dropped', inst({ n2: 1, rankW3: 0, rankA2: 1, b3: true, rows: 'dropped' }), false],
  ] as const)('%s on %j is %s', (name, x, want) => {
    expect(CONDITIONS[name](x)).toBe(want);
  });
});

describe('decisions flip', () => {
  it('a necessity holds on satisfying solutions with the proof re-checked, and flips on a violation', () => {
    const good = [inst({}), inst({ n: 3, n2: 3, rankU3: 3, rankW3: 3, rankA2: 3 })];
    expect(decideNecessary(good, CONDITIONS.w3FullRank, true)).toBe('holds');
    expect(decideNecessary(good, CONDITIONS.w3FullRank, false)).toBe('inconclusive');
    expect(decideNecessary([...good, inst({ rankW3: 1 })], CONDITIONS.w3FullRank, true)).toBe('refuted');
  });

  it('corrected: a Sylvester sample of rank n with a deficient product refutes it', () => {
    const ok: SylvesterSample = { n: 3, rankA: 3, rankW: 3, rankProduct: 3 };
    expect(decideCorrected([inst({})], [ok], true)).toBe('holds');
    expect(decideCorrected([inst({})], [ok, { ...ok, rankProduct: 2 }], true)).toBe('refuted');
    // Samples below rank n say nothing.
    expect(decideCorrected([inst({})], [{ n: 3, rankA: 2, rankW: 3, rankProduct: 1 }], true)).toBe('inconclusive');
    expect(decideCorrected([inst({ n2: 1 })], [ok], true)).toBe('refuted');
  });

  it('b3-dropped needs n2 = n - 1 reached at every n >= 2', () => {
    const at = (n: number, n2: number) => inst({ n, n2, rankU3: n, rankW3: n2, rankA2: n2, b3: true, rows: 'dropped' });
    expect(decideB3Dropped([at(1, 1), at(2, 1), at(3, 2)], [1, 2, 3], true)).toBe('holds');
    expect(decideB3Dropped([at(1, 1), at(2, 1), at(3, 3)], [1, 2, 3], true)).toBe('inconclusive');
    expect(decideB3Dropped([at(3, 1)], [3], true)).toBe('refuted');
  });
});

describe('evidence', () => {
  it('instancesAt(2): the widths and ranks of the proof', () => {
    const xs = instancesAt(2, Q.of(5n, 4n), new Rng(3));
    const find = (label: RegExp, rows: string) => xs.find((x) => label.test(x.label) && x.rows === rows)!;
    expect(find(/^\$n_2 = n\$ \(\$z/, 'kept')).toMatchObject({ n2: 2, rankA2: 2, rankW3: 2 });
    expect(find(/dead neuron added \(\$z/, 'kept')).toMatchObject({ n2: 3, rankA2: 2, rankW3: 2 });
    expect(find(/triangular over all .* \(\$z/, 'kept')).toMatchObject({ n2: 3, rankA2: 3, rankW3: 2 });
    expect(find(/with \$b_3\$ \(\$z/, 'dropped')).toMatchObject({ n2: 1, b3: true, rankA2: 1, rankW3: 1 });
    expect(xs.every((x) => x.rankU3 === 2)).toBe(true);
  });

  it.each([1, 2, 3, 5])('insufficiencyExample(%d): ranks n, n and n - 1', (n) => {
    // A2 = [I_n 0; 0 0], W3 = [0 I_n]: A2 W3^T keeps rows 1..n of W3^T = [0; I_n], i.e. e_1..e_{n-1} and a zero row.
    expect(insufficiencyExample(n).ranks).toEqual([n, n, n - 1]);
  });
});

describe('verdict', () => {
  it('statuses of every reading with n <= 3', () => {
    const v = claim.check(resolveClaimOptions(claim, { nMax: 3, runs: 20 }));
    expect(Object.fromEntries(v.readings.map((r) => [r.name, r.status]))).toEqual({
      'n2-equals-n': 'refuted',
      'w3-full-rank': 'holds',
      'a2-full-rank': 'refuted',
      'a2-rank-n': 'refuted',
      corrected: 'holds',
      'a2-full-rank-dropped': 'holds',
      'b3-kept': 'holds',
      'b3-dropped': 'holds',
      'n2-at-least-n-b3-dropped': 'refuted',
    });
    expect(v.status).toBe('refuted');
    expect(v.asWorded).toEqual(['n2-equals-n', 'w3-full-rank', 'a2-full-rank', 'a2-rank-n']);
  });

  it('--n 1: n2 >= n with b3 is not refuted there (a layer has one neuron)', () => {
    const v = claim.check(resolveClaimOptions(claim, { n: 1 }));
    expect(v.readings.find((r) => r.name === 'n2-at-least-n-b3-dropped')?.status).toBe('holds');
  });
});
