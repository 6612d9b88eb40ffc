/**
 * claim-layer3-bias: the decisions flip on false evidence, the counts
 * match the hand formulas, and the verdict follows the readings.
 */
import { describe, expect, it } from 'vitest';
import {
  type ComplexityRow,
  complexityAt,
  countsAt,
  decideComplexity,
  decideNotNecessary,
  decideSameWidth,
  type NoBiasInstance,
  randomInstances,
} from '../../src/claims/claim-layer3-bias.js';
import { findClaim } from '../../src/claims/registry.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { equals, matrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { forward } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';
import { Rng } from '../../src/random.js';

const claim = findClaim('claim-layer3-bias')!;
const check = (a: Parameters<typeof resolveClaimOptions>[1]) => claim.check(resolveClaimOptions(claim, a));

// Hand formulas (the page's table (d)): no b3 n^2 + 2n; b3 dropped n^2 + 2n - 2 (n >= 2), 4 at n = 1; b3 kept n^2 + 3n.
const noB3 = (n: number) => n * n + 2 * n;
const b3Dropped = (n: number) => (n === 1 ? 4 : n * n + 2 * n - 2);
const b3Kept = (n: number) => n * n + 3 * n;
const exact = (p: number) => ({ lower: p, upper: p });

describe('decisions', () => {
  it('not-necessary: solutions and verified ties hold; an unexplained failure or a missing n is inconclusive', () => {
    const sol = (n: number): NoBiasInstance => ({ n, n2: n, codes: [], outcome: 'solution' });
    expect(decideNotNecessary([sol(1), sol(2), { ...sol(2), outcome: 'tie' }], [1, 2])).toBe('holds');
    expect(decideNotNecessary([sol(1), sol(2), { ...sol(2), outcome: 'unexplained' }], [1, 2])).toBe('inconclusive');
    expect(decideNotNecessary([sol(1)], [1, 2])).toBe('inconclusive');
  });

  it.each([1, 2, 3, 5, 8])('complexity at n = %d, from the hand formulas', (n) => {
    const dropped: ComplexityRow = { n, withB3: exact(b3Dropped(n)), withoutB3: exact(noB3(n)) };
    const kept: ComplexityRow = { n, withB3: exact(b3Kept(n)), withoutB3: exact(noB3(n)) };
    expect(complexityAt(dropped)).toBe(n === 1 ? 'holds' : 'refuted');
    expect(complexityAt(kept)).toBe('holds');
  });

  it('complexity flips: a b3 solution as large as the bound is refuted, a missing bound is inconclusive', () => {
    // A false variant: had the bias needed n neurons when dropped, P = n^2 + 3n > n^2 + 2n: holds.
    expect(decideComplexity([{ n: 3, withB3: exact(b3Kept(3)), withoutB3: exact(noB3(3)) }])).toBe('holds');
    // Equal counts do not "only increase".
    expect(decideComplexity([{ n: 3, withB3: exact(15), withoutB3: exact(15) }])).toBe('refuted');
    expect(decideComplexity([{ n: 3, withB3: { upper: 18 }, withoutB3: { upper: 15 } }])).toBe('inconclusive');
    expect(decideComplexity([])).toBe('inconclusive');
  });

  it('same width: b3 adds n > 0 parameters; a zero difference flips it', () => {
    expect(decideSameWidth([{ n: 2, n2: 2, diff: 2 }])).toBe('holds');
    expect(
      decideSameWidth([
        { n: 2, n2: 2, diff: 2 },
        { n: 3, n2: 3, diff: 0 },
      ]),
    ).toBe('refuted');
  });
});

describe('evidence', () => {
  it.each([1, 2, 3, 4, 6])('countsAt(%d) gives the hand formulas, each bound proved and constructed', (n) => {
    const c = countsAt(n, Q.of(7n, 3n), new Rng(5));
    expect(c.identities).toBe(true);
    expect(c.dropped.withoutB3).toEqual(exact(noB3(n)));
    expect(c.dropped.withB3).toEqual(exact(b3Dropped(n)));
    expect(c.kept.withB3).toEqual(exact(b3Kept(n)));
    expect(c.kept.withoutB3).toEqual(exact(noB3(n)));
  });

  it('random instances: a failure counts as a tie only when two signal codes are equal', () => {
    const xs = randomInstances(resolveClaimOptions(claim, { nMax: 5, runs: 60 }));
    for (const x of xs) {
      const tie = new Set(x.codes.slice(0, x.n).map(String)).size < x.n;
      expect(x.outcome).toBe(tie ? 'tie' : 'solution');
    }
  });
});

describe('verdict', () => {
  it('default range: refuted as worded (complexity, zero signal dropped), holds when kept', () => {
    const v = check({ nMax: 4, runs: 20 });
    const st = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
    expect(st).toEqual({
      'not-necessary': 'holds',
      'complexity-dropped': 'refuted',
      'complexity-kept': 'holds',
      'complexity-same-width': 'holds',
    });
    expect(v.status).toBe('refuted');
    expect(v.scope).toEqual({ kind: 'proved', checked: [1, 4] });
  });

  it('the counterexample is an exact n = 2 solution with one neuron and b3: 6 parameters against 8', () => {
    const v = check({ nMax: 3, runs: 10 });
    if (v.status !== 'refuted') throw new Error('expected a refutation');
    const cx = JSON.parse(JSON.stringify(v.counterexample)) as {
      n: number;
      parametersWithB3: number;
      smallestWithoutB3: number;
      weights: Record<'W1' | 'W2' | 'W3', string[][]> & Record<'b1' | 'b2' | 'b3', string[]>;
    };
    const w = cx.weights;
    const out = forward(
      {
        W1: matrix(w.W1),
        b1: w.b1.map((x) => Q.parse(x)),
        W2: matrix(w.W2),
        b2: w.b2.map((x) => Q.parse(x)),
        W3: matrix(w.W3),
        b3: w.b3.map((x) => Q.parse(x)),
      },
      stepMatrix(cx.n),
    );
    expect(equals(out.Y.slice(0, cx.n), stepMatrix(cx.n).slice(0, cx.n))).toBe(true);
    expect(w.W2).toHaveLength(cx.n - 1);
    expect([cx.parametersWithB3, cx.smallestWithoutB3]).toEqual([6, 8]);
  });

  it('--n 1 holds: one neuron and b3 make 4 > 3 parameters', () => {
    expect(check({ n: 1 }).status).toBe('holds');
  });
});
