/**
 * prop-architecture: the decisions flipping on false evidence, the
 * prediction by degree, the hand-computed bias-free witnesses, and the
 * verdict per range of n.
 */
import { describe, expect, it } from 'vitest';
import {
  completeLayer3,
  decideConditionNecessary,
  decideNonlinear,
  decidePolynomialDegree,
  decideRelu,
  decideWidth,
  decideZeroSignal,
  type G2Cell,
  noLayer2Bias,
  oddCodes,
  predictedPossible,
  type ReluInstance,
} from '../../src/claims/prop-architecture.js';
import { findClaim } from '../../src/claims/registry.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { equals, matrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { relu } from '../../src/model/network.js';

const claim = findClaim('prop-architecture')!;
const cell = (p: Partial<G2Cell>): G2Cell => ({
  g2: 'relu',
  affine: false,
  n: 1,
  rows: 'dropped',
  codes: 'z',
  outcome: 'solution',
  ...p,
});

describe('nonlinear', () => {
  const yes = [cell({ n: 1 }), cell({ n: 2 })];
  it('holds when every cell has a solution and n <= 2 (every non-affine g2 works there)', () => {
    expect(decideNonlinear(yes, [1, 2])).toBe('holds');
  });
  it('is inconclusive at n = 3 when the catalogue works (it does not decide every g2)', () => {
    expect(decideNonlinear([...yes, cell({ n: 3 })], [1, 2, 3])).toBe('inconclusive');
  });
  it('is refuted by a non-affine activation proven unable, and ignores affine ones and kept rows', () => {
    expect(decideNonlinear([...yes, cell({ n: 2, g2: 'square', degree: 2, outcome: 'impossible' })], [1, 2])).toBe(
      'refuted',
    );
    expect(decideNonlinear([...yes, cell({ n: 2, g2: 'identity', affine: true, outcome: 'impossible' })], [1, 2])).toBe(
      'holds',
    );
    expect(decideNonlinear([...yes, cell({ n: 2, rows: 'kept', outcome: 'impossible' })], [1, 2])).toBe('holds');
  });
});

describe('polynomial degree', () => {
  // By hand from the proof: dropped n <= d + 1, kept n <= d; non-polynomials always.
  it.each([
    [2, 3, 'dropped', true],
    [2, 4, 'dropped', false],
    [2, 2, 'kept', true],
    [2, 3, 'kept', false],
    [1, 1, 'kept', true],
    [1, 2, 'kept', false],
    [3, 4, 'dropped', true],
    [undefined, 9, 'kept', true],
  ] as const)('degree %s, n = %d, %s: %s', (degree, n, rows, want) => {
    expect(predictedPossible({ degree, n, rows })).toBe(want);
  });

  it('a cell contradicting the prediction refutes it (an off-by-one degree)', () => {
    const ok = [
      cell({ g2: 'square', degree: 2, n: 4, outcome: 'impossible' }),
      cell({ g2: 'square', degree: 2, n: 3 }),
    ];
    expect(decidePolynomialDegree(ok)).toBe('holds');
    // The same evidence read as degree 3 (u^3 would reach n = 4): refuted.
    expect(decidePolynomialDegree(ok.map((c) => ({ ...c, degree: 3 })))).toBe('refuted');
    expect(decidePolynomialDegree([...ok, cell({ n: 5, outcome: 'undecided' })])).toBe('inconclusive');
  });
});

describe('ReLU and the zero signal', () => {
  const x = (p: Partial<ReluInstance>): ReluInstance => ({
    n: 2,
    codes: [],
    signalsDistinct: true,
    zeroDistinct: true,
    signals: true,
    zeroSignal: true,
    ...p,
  });
  it('relu: a distinct instance not reconstructed is inconclusive; tied signal codes are not counted', () => {
    expect(decideRelu([x({}), x({ signalsDistinct: false, signals: false })])).toBe('holds');
    expect(decideRelu([x({}), x({ signals: false })])).toBe('inconclusive');
  });
  it('zero signal: reconstructed despite a tie is a contradiction (refuted); distinct but missed is inconclusive', () => {
    expect(decideZeroSignal([x({}), x({ zeroDistinct: false, zeroSignal: false })])).toBe('holds');
    expect(decideZeroSignal([x({ zeroDistinct: false, zeroSignal: true })])).toBe('refuted');
    expect(decideZeroSignal([x({ zeroSignal: false })])).toBe('inconclusive');
  });
});

describe('dropped conditions', () => {
  it('width: a narrower solution refutes, an unchecked bound is inconclusive', () => {
    expect(decideWidth([{ n: 3, n2: 3 }], true)).toBe('holds');
    expect(decideWidth([{ n: 3, n2: 3 }], false)).toBe('inconclusive');
    expect(decideWidth([{ n: 3, n2: 2 }], true)).toBe('refuted');
  });

  it('condition necessary: one solution refutes, all impossible holds', () => {
    expect(decideConditionNecessary([{ n: 3, outcome: 'impossible', detail: '' }])).toBe('holds');
    expect(
      decideConditionNecessary([
        { n: 3, outcome: 'impossible', detail: '' },
        { n: 2, outcome: 'solution', detail: '' },
      ]),
    ).toBe('refuted');
    expect(decideConditionNecessary([{ n: 3, outcome: 'undecided', detail: '' }])).toBe('inconclusive');
  });

  it.each([
    [1, false, 'solution'],
    [2, false, 'solution'],
    [3, false, 'impossible'],
    [1, true, 'solution'],
    [3, true, 'solution'],
    [4, true, 'impossible'],
  ] as const)('ReLU without a layer-2 bias, n = %d, b3 %s: %s', (n, b3, outcome) => {
    expect(noLayer2Bias(n, Q.ONE, b3).outcome).toBe(outcome);
  });

  it('n = 3 with b3, codes (-3, -1, 1), W2 = (1, -1): W3 = [1/2, 1/2; -1, 0; 0, 0], b3 = (-1/2, 1, 1), by hand', () => {
    // A2 rows (z+, z-): (0, 3), (0, 1), (1, 0). With [A2 1] S = X, column t: 3b + c = t1, b + c = t2, a + c = t3.
    // t = (1, 0, 0): b = 1/2, c = -1/2, a = 1/2; t = (1, 1, 0): b = 0, c = 1, a = -1; t = (1, 1, 1): b = 0, c = 1, a = 0.
    expect(oddCodes(3).map(String)).toEqual(['-3', '-1', '1', '3']);
    const w = completeLayer3(oddCodes(3), Q.ONE, [Q.ONE, Q.MINUS_ONE], [Q.ZERO, Q.ZERO], relu, true);
    expect(w).toBeDefined();
    expect(
      equals(
        w!.W3,
        matrix([
          ['1/2', '1/2'],
          [-1, 0],
          [0, 0],
        ]),
      ),
    ).toBe(true);
    expect(w!.b3!.map(String)).toEqual(['-1/2', '1', '1']);
  });
});

describe('verdict', () => {
  it('n <= 5: refuted as worded by u^2 at n = 4, with the variants decided', () => {
    const v = claim.check(resolveClaimOptions(claim, { nMax: 5, runs: 20 }));
    expect(v.status).toBe('refuted');
    expect(Object.fromEntries(v.readings.map((r) => [r.name, r.status]))).toEqual({
      nonlinear: 'refuted',
      relu: 'holds',
      'relu-zero-signal': 'holds',
      'polynomial-degree': 'holds',
      'n2-necessary': 'holds',
      'n2-necessary-b3': 'refuted',
      'nonlinearity-necessary': 'refuted',
      'bias-necessary': 'refuted',
    });
    if (v.status === 'refuted') expect(v.counterexample).toMatchObject({ g2: 'square', n: 4 });
  });

  it.each([
    [{ n: 2 }, 'holds'],
    [{ n: 3 }, 'inconclusive'],
  ] as const)('%j: %s', (args, status) => {
    expect(claim.check(resolveClaimOptions(claim, { ...args, runs: 10 })).status).toBe(status);
  });
});
