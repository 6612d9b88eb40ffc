/**
 * lemma-layer2-bias: per-case evidence on hand codes, the decisions
 * flipping on false evidence, the two lemmas as properties over random
 * rational codes, and the verdict per range of n.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  biasNeededAt,
  type CodesCase,
  codesCase,
  decideEveryLayer,
  decideIffDistinct,
  decideNecessary,
  decideSufficient,
  noBiasWitness,
  reachableAt,
} from '../../src/claims/lemma-layer2-bias.js';
import { findClaim } from '../../src/claims/registry.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { distinctCount, signCount } from '../../src/construct/codes.js';
import { rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { layer2 } from '../../src/model/network.js';
import { smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

const claim = findClaim('lemma-layer2-bias')!;
const q = (xs: (number | string)[]) => xs.map((x) => Q.parse(String(x)));

describe('cases by hand', () => {
  // (codes, n, bias needed, rank n reachable with a bias). Lemma 1: needed iff signs < n; Lemma 2: iff >= n distinct.
  it.each([
    [[1, 2], 1, false, true], // W2 = 1: A2 = (1, 2), rank 1
    [[-1, -2], 1, false, true], // W2 = -1
    [[0, 0], 1, true, true], // all zero: no bias-free column is nonzero; with a bias the constant column is
    [[1, 2, 3], 2, true, true], // one sign: rank <= 1
    [[-1, 1, 3], 2, false, true], // columns z+ = (0, 1, 3), z- = (1, 0, 0)
    [[1, 1, 1], 2, true, false], // one distinct code
    [[-3, -1, 1, 3], 3, true, true], // rank <= 2 < 3
    [['-1/2', '1/3', '1/3', 2], 3, true, true], // 3 distinct codes among 4
  ])('codes %j at n = %d: bias needed %s, reachable %s', (codes, n, needed, reachable) => {
    const c = codesCase('hand', n, q(codes));
    expect(biasNeededAt(c)).toBe(needed);
    expect(reachableAt(c)).toBe(reachable);
  });

  it('the bias-free witness uses +1 only when a code is positive, -1 only when one is negative', () => {
    expect(noBiasWitness(q([-1, -2]), 2).map((r) => String(r[0]))).toEqual(['-1', '0']);
    expect(noBiasWitness(q([-1, 2]), 3).map((r) => String(r[0]))).toEqual(['1', '-1', '0']);
  });
});

describe('decisions flip', () => {
  const base = codesCase('hand', 3, q([1, 2, 3, 4]));
  it('necessary: bound-certified cases hold; a witness refutes; a case with neither is inconclusive', () => {
    expect(decideNecessary([base])).toBe('holds');
    expect(decideNecessary([base, codesCase('hand', 2, q([-1, 1, 3]))])).toBe('refuted');
    const escaped: CodesCase = { ...base, bound: 3, witnessRank: 2 };
    expect(decideNecessary([base, escaped])).toBe('inconclusive');
  });

  it('sufficient: a distinct case whose layer is deficient is inconclusive, a tie refutes', () => {
    expect(decideSufficient([base])).toBe('holds');
    expect(decideSufficient([base, { ...base, biasRank: 2 }])).toBe('inconclusive');
    expect(decideSufficient([base, codesCase('hand', 3, q([1, 1, 1, 4]))])).toBe('refuted');
  });

  it('iff-distinct: a false variant reaching rank n with too few distinct codes refutes it', () => {
    const tie = codesCase('hand', 3, q([1, 1, 1, 4]));
    expect(decideIffDistinct([base, tie])).toBe('holds');
    expect(decideIffDistinct([base, { ...tie, biasRank: 3, distinct: 2 }])).toBe('refuted');
  });

  it('every-layer: the zero layer refutes it; a case claiming a full-rank zero layer flips it', () => {
    expect(decideEveryLayer([base])).toBe('refuted');
    expect(decideEveryLayer([{ ...base, zeroLayerRank: 3 }])).toBe('holds');
  });
});

describe('the lemmas on random rational codes', () => {
  it('Lemma 1: bias-free rank <= signs present, reached by the witness', () => {
    fc.assert(
      fc.property(
        fc.array(smallQ(9, 4), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        (codes, n) => {
          const W2 = noBiasWitness(codes, n);
          const A2 = layer2(
            codes,
            W2,
            W2.map(() => Q.ZERO),
          );
          expect(rank(A2)).toBe(Math.min(signCount(codes), n));
        },
      ),
      fcParams(100),
    );
  });

  it('Lemma 2: with a bias rank n is reached iff at least n codes are distinct', () => {
    fc.assert(
      fc.property(
        fc.array(smallQ(9, 4), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        (codes, n) => {
          const c = codesCase('random', n, codes);
          expect(reachableAt(c)).toBe(distinctCount(codes) >= n);
        },
      ),
      fcParams(100),
    );
  });
});

describe('verdict', () => {
  it.each([
    [{ nMax: 4 }, 'refuted', { necessary: 'refuted', sufficient: 'holds', 'necessary-n3': 'holds' }],
    [{ n: 3 }, 'holds', { necessary: 'holds', sufficient: 'holds', 'necessary-one-sign': 'holds' }],
    [{ n: 1 }, 'refuted', { necessary: 'refuted', 'sufficient-any-codes': 'holds' }],
  ] as const)('%j: %s', (args, status, readings) => {
    const v = claim.check(resolveClaimOptions(claim, { ...args, runs: 30 }));
    expect(v.status).toBe(status);
    const st = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
    expect(st).toMatchObject(readings);
  });
});
