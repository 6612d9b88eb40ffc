import { describe, expect, it } from 'vitest';
import {
  decideAnyDelta,
  decideCriterion,
  decidePseudoInverse,
  decideRankOne,
  decideRankTwoFails,
  decideZeroDenominator,
  formulaShermanMorrison,
  squareZeroDelta,
  twoRowsDelta,
  updateInstance,
  type UpdateFormula,
} from '../../src/claims/formula-sherman-morrison.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { columnChange, shermanMorrisonUpdate } from '../../src/construct/families.js';
import { identity, inverse, type Mat, matrix, mul, scale, sub } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';

const str = (m: Mat) => m.map((r) => r.map(String));
// The deck's base on signals 1..n: A_ij = (j + 1/2 - i)_+.
const deckA = (n: number): Mat =>
  Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (j >= i ? Q.of(BigInt(2 * (j - i) + 1), 2n) : Q.ZERO)),
  );
const X = (n: number): Mat =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (j >= i ? Q.ONE : Q.ZERO)));

describe('formula-sherman-morrison: hand-checked cases (proofs draft, sherman.py, sherman3.py)', () => {
  it('two neurons changed at n = 2: tau = -8, formula [-3/4, -1/2; 1, 1/2] != fresh [3, 2; -4, -2]', () => {
    const A = deckA(2);
    const U = X(2);
    const delta = matrix([
      ['1/2', -1],
      [2, 1],
    ]);
    const upd = shermanMorrisonUpdate(mul(inverse(A), U), U, delta);
    expect(upd.ok && str(upd.W3T)).toEqual([
      ['-3/4', '-1/2'],
      ['1', '1/2'],
    ]);
    const e = updateInstance(A, U, delta, 'two-neurons');
    expect(e.tau.toString()).toBe('-8');
    expect(e.rankDelta).toBe(2);
    expect(e.exact).toBe(false);
    expect(e.criterion).toBe(false);
    expect(decideAnyDelta([e], false)).toBe('refuted');
  });

  it('n = 1, A = 1/2, U = 1, Delta = 1/2: previous solution gives 1 (exact), pseudo-inverse gives 2/5', () => {
    const A = matrix([['1/2']]);
    const U = matrix([[1]]);
    const delta = matrix([['1/2']]);
    const viaPinv = shermanMorrisonUpdate(matrix([['1/2']]), U, delta);
    expect(viaPinv.ok && str(viaPinv.W3T)).toEqual([['2/5']]);
    const e = updateInstance(A, U, delta, 'one-neuron');
    expect(e.exact).toBe(true);
    expect(e.pinvExact).toBe(false);
    expect(decidePseudoInverse([e])).toBe('refuted');
    expect(decideAnyDelta([e], true)).toBe('holds');
  });

  it('n = 4, Delta = (E13 + E24) A = [0, 0, 1/2, 3/2; 0, 0, 0, 1/2; 0; 0]: rank 2, tau = 1, exact', () => {
    const A = deckA(4);
    const delta = squareZeroDelta(A);
    expect(str(delta)).toEqual([
      ['0', '0', '1/2', '3/2'],
      ['0', '0', '0', '1/2'],
      ['0', '0', '0', '0'],
      ['0', '0', '0', '0'],
    ]);
    const e = updateInstance(A, X(4), delta, 'square-zero');
    expect(e.rankDelta).toBe(2);
    expect(e.tau.toString()).toBe('1');
    expect(e.exact && e.criterion).toBe(true);
    expect(decideRankTwoFails([e], 4)).toBe('refuted');
  });
});

describe('formula-sherman-morrison: each status flips on a false variant', () => {
  const A = deckA(3);
  const U = X(3);
  const oneNeuron = updateInstance(A, U, columnChange(A, 1, [Q.ONE, Q.of(1n, 3n), Q.ZERO]), 'one-neuron');

  it('rank-one: an off-by-one denominator (tr P instead of 1 + tr P) is refuted', () => {
    const offByOne: UpdateFormula = (W3plusT, U3, delta) => {
      const M = mul(W3plusT, inverse(U3));
      const DM = mul(delta, M);
      const tr = DM.reduce((s, r, i) => s.add(r[i]!), Q.ZERO);
      const factor = sub(identity(W3plusT.length), scale(mul(M, delta), tr.inv()));
      return { ok: true, W3T: mul(factor, W3plusT), denominator: tr };
    };
    expect(oneNeuron.rankDelta).toBe(1);
    expect(decideRankOne([oneNeuron])).toBe('holds');
    const wrong = updateInstance(A, U, columnChange(A, 1, [Q.ONE, Q.of(1n, 3n), Q.ZERO]), 'one-neuron', offByOne);
    expect(wrong.exact).toBe(false);
    expect(decideRankOne([wrong])).toBe('refuted');
    expect(decideCriterion([wrong])).toBe('refuted');
  });

  it('criterion and zero-denominator: a mutated instance is refuted', () => {
    expect(decideCriterion([oneNeuron])).toBe('holds');
    expect(decideCriterion([{ ...oneNeuron, criterion: !oneNeuron.criterion }])).toBe('refuted');
    // The last neuron silenced: A + Delta has a zero column, tau = 0 (matrix determinant lemma).
    const silenced = updateInstance(A, U, columnChange(A, 2, [Q.ZERO, Q.ZERO, Q.ZERO]), 'one-neuron');
    expect(silenced.tau.isZero()).toBe(true);
    expect(silenced.freshExists).toBe(false);
    expect(decideZeroDenominator([silenced])).toBe('holds');
    expect(decideZeroDenominator([{ ...silenced, determinantLemma: false }])).toBe('refuted');
  });

  it('pseudo-inverse: already without a change the formula returns U^{-1} A, not A^{-1} U; at n = 1 with C = 1/2 the readings coincide', () => {
    const none = updateInstance(
      A,
      U,
      matrix([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]),
      'none',
    );
    expect(none.exact).toBe(true);
    expect(none.pinvExact).toBe(false);
    expect(decidePseudoInverse([none])).toBe('refuted');
    // n = 1, C = 1/2: A = 1/2, U = 1/2, W3 = 1 = pinv(W3).
    const half = updateInstance(matrix([['1/2']]), matrix([['1/2']]), matrix([['1/3']]), 'one-neuron');
    expect(half.pinvExact).toBe(true);
    expect(decidePseudoInverse([half])).toBe('holds');
  });

  it('any-delta: doubling rows 1 and 2 (P = E11 + E22) is wrong for every n >= 2', () => {
    for (const n of [2, 3, 6]) {
      const e = updateInstance(deckA(n), X(n), twoRowsDelta(deckA(n)), 'two-rows');
      expect(e.freshExists && !e.exact && !e.criterion).toBe(true);
    }
  });

  it('any-delta: inconclusive without a failure beyond n = 1; rank-two-fails holds up to n = 3', () => {
    expect(decideAnyDelta([oneNeuron], false)).toBe('inconclusive');
    expect(decideRankTwoFails([], 3)).toBe('holds');
    expect(decideRankTwoFails([], 4)).toBe('inconclusive');
  });
});

describe('formula-sherman-morrison: the check', () => {
  it('refuted as worded; rank-one, criterion and zero-denominator hold; rank-two-fails refuted', () => {
    const v = formulaShermanMorrison.check(resolveClaimOptions(formulaShermanMorrison, { nMax: 5, runs: 40 }));
    expect(v.status).toBe('refuted');
    expect(v.asWorded).toEqual(['any-delta', 'pseudo-inverse']);
    const status = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
    expect(status).toEqual({
      'any-delta': 'refuted',
      'pseudo-inverse': 'refuted',
      'rank-one': 'holds',
      criterion: 'holds',
      'zero-denominator': 'holds',
      'rank-two-fails': 'refuted',
    });
  });

  it('honours --n 3: no square-zero rank-two change exists there', () => {
    const v = formulaShermanMorrison.check(resolveClaimOptions(formulaShermanMorrison, { n: 3, runs: 20 }));
    expect(v.readings.find((r) => r.name === 'rank-two-fails')!.status).toBe('holds');
  });
});
