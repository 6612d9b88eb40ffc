import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDecoder, linearEncoder, randomEncoder, randomFormOne } from '../../src/construct/decoder.js';
import {
  columnChange,
  corollaryInvariants,
  corollaryMember,
  freshSolve,
  scaleSolution,
  scaleSolutionPseudo,
  shermanMorrisonUpdate,
} from '../../src/construct/families.js';
import { equals, matrix, transpose } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { forward } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';
import { Rng } from '../../src/random.js';
import { smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

const positiveQ = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
  .map(([a, b]) => Q.of(BigInt(a), BigInt(b)));

/** A random exact solution (random encoder and U3) of dimension n with distinct codes. */
const solutionArb = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 2 ** 31 }))
  .map(([n, seed]) => {
    const rng = new Rng(seed);
    const r = buildDecoder({ n, C: Q.ONE, encoder: randomEncoder(n, rng), U3: randomFormOne(n, Q.ONE, rng) });
    return { n, r };
  })
  .filter(({ r }) => r.ok);

describe('lemma-scaling map', () => {
  it('positive D keeps every solution exactly', () => {
    fc.assert(
      fc.property(solutionArb, fc.array(positiveQ, { minLength: 6, maxLength: 6 }), ({ n, r }, d) => {
        if (!r.ok) return;
        const X = stepMatrix(n);
        const before = forward(r.construction.weights, X).Y;
        const after = forward(scaleSolution(r.construction.weights, d.slice(0, n)), X).Y;
        expect(equals(after, before)).toBe(true);
      }),
      fcParams(),
    );
  });

  it('n = 1, D = (-1): the neuron turns around and Y != X (exact)', () => {
    // Base: z = 1, 2; neuron ReLU(3/2 - z) = (1/2, 0); W3 = 2. With D = -1: ReLU(z - 3/2) = (0, 1/2),
    // W3 = -2: U3 = (0, -1), Y = (0, 0) != X = (1, 0).
    const r = buildDecoder({ n: 1, C: Q.ONE, encoder: linearEncoder(1, Q.ONE) });
    if (!r.ok) throw new Error(r.reason);
    const Y = forward(scaleSolution(r.construction.weights, [Q.MINUS_ONE]), stepMatrix(1)).Y;
    expect(Y.map((row) => row.map(String))).toEqual([['0'], ['0']]);
  });

  it('a zero entry: D^-1 is refused, and W3 D^+ breaks the solution', () => {
    const r = buildDecoder({ n: 3, C: Q.ONE, encoder: linearEncoder(3, Q.ONE) });
    if (!r.ok) throw new Error(r.reason);
    const d = [Q.ONE, Q.ZERO, Q.ONE];
    expect(() => scaleSolution(r.construction.weights, d)).toThrow(/D_2 = 0/);
    const Y = forward(scaleSolutionPseudo(r.construction.weights, d), stepMatrix(3)).Y;
    expect(equals(Y, stepMatrix(3))).toBe(false);
  });
});

describe('corollary invariants', () => {
  it('W3 W2 and W3 b2 are constant along positive scalings, and the formula inverts them', () => {
    fc.assert(
      fc.property(solutionArb, fc.array(positiveQ, { minLength: 6, maxLength: 6 }), ({ n, r }, d) => {
        if (!r.ok) return;
        const w = r.construction.weights;
        const s = scaleSolution(w, d.slice(0, n));
        const a = corollaryInvariants(w);
        const b = corollaryInvariants(s);
        expect(equals(a.W2star, b.W2star)).toBe(true);
        expect(equals([a.b2star], [b.b2star])).toBe(true);
        const m = corollaryMember(s.W3, a.W2star, a.b2star);
        expect(equals(m.W2, s.W2)).toBe(true);
      }),
      fcParams(),
    );
  });
});

describe('Sherman–Morrison update', () => {
  it('equals a fresh solve for every rank-one column change with nonzero denominator', () => {
    fc.assert(
      fc.property(solutionArb, fc.nat(), fc.array(smallQ(), { minLength: 6, maxLength: 6 }), ({ n, r }, jRaw, col) => {
        if (!r.ok) return;
        const c = r.construction;
        const A2 = c.A2.slice(0, n);
        const U3 = c.U3.slice(0, n);
        const delta = columnChange(A2, jRaw % n, col.slice(0, n));
        const u = shermanMorrisonUpdate(transpose(c.weights.W3), U3, delta);
        const f = freshSolve(A2, delta, U3);
        if (u.ok) expect(f !== undefined && equals(u.W3T, f)).toBe(true);
        else expect(f).toBeUndefined(); // zero denominator iff A2 + Delta singular
      }),
      fcParams(200),
    );
  });

  it('a rank-two change breaks the formula (hand-checked, n = 2)', () => {
    // A2 = I, U3 = [[1,1],[0,1]], W3+^T = U3. Delta = I (rank 2): the formula gives
    // (I - U3 U3^-1 I / (1 + 2)) U3 = (2/3) U3, but (2I)^-1 U3 = U3 / 2.
    const I = matrix([
      [1, 0],
      [0, 1],
    ]);
    const U3 = matrix([
      [1, 1],
      [0, 1],
    ]);
    const u = shermanMorrisonUpdate(U3, U3, I);
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.W3T.map((r) => r.map(String))).toEqual([
      ['2/3', '2/3'],
      ['0', '2/3'],
    ]);
    expect(freshSolve(I, I, U3)!.map((r) => r.map(String))).toEqual([
      ['1/2', '1/2'],
      ['0', '1/2'],
    ]);
  });

  it('zero denominator when the change silences the only neuron (n = 1)', () => {
    const A = matrix([['1/2']]);
    const u = shermanMorrisonUpdate(matrix([[2]]), matrix([[1]]), matrix([['-1/2']]));
    expect(u.ok).toBe(false);
    expect(freshSolve(A, matrix([['-1/2']]), matrix([[1]]))).toBeUndefined();
  });
});
