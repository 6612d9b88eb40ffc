/**
 * The layer-3 bias helpers: parameter counts, the n2 = max(n - 1, 1)
 * construction with b3, and the bordered determinant of form (1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  borderedDet,
  borderedDetSymbolic,
  buildWithLayer3Bias,
  decoderParams,
  formOneIdentities,
  squareDetIdentity,
  subdiagonalProduct,
} from '../../src/construct/bias3.js';
import { encoderForCodes } from '../../src/construct/codes.js';
import { formOne, isFormOne, linearEncoder, randomFormOne } from '../../src/construct/decoder.js';
import { equals, matrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { forward } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';
import { Rng } from '../../src/random.js';
import { smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

describe('decoderParams', () => {
  // By hand: P = 2 n2 + n n2 (+ n with b3).
  it.each([
    [1, 1, false, 3],
    [2, 2, false, 8],
    [2, 1, true, 6],
    [2, 2, true, 10],
    [3, 2, true, 13],
    [3, 3, false, 15],
  ])('n = %d, n2 = %d, b3 %s: %d', (n, n2, b3, p) => {
    expect(decoderParams(n, n2, b3)).toBe(p);
  });
});

describe('buildWithLayer3Bias', () => {
  it('n = 2, z = i: one neuron ReLU(3/2 - z), W3 = (2, 0), b3 = (0, 1), by hand', () => {
    // A2 on codes 1, 2 is (1/2, 0); [A2 1] = [1/2, 1; 0, 1]; [W3^T; b3^T] = [A2 1]^{-1} [1, 1; 0, 1] = [2, 0; 0, 1].
    const r = buildWithLayer3Bias({ n: 2, C: Q.ONE, encoder: linearEncoder(2, Q.ONE) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = r.solution.weights;
    expect(equals(w.W2, matrix([[-1]]))).toBe(true);
    expect(w.b2.map(String)).toEqual(['3/2']);
    expect(equals(w.W3, matrix([[2], [0]]))).toBe(true);
    expect(w.b3.map(String)).toEqual(['0', '1']);
  });

  it('n = 1: a dead neuron and b3 = C', () => {
    const C = Q.of(5n, 2n);
    const r = buildWithLayer3Bias({ n: 1, C, encoder: linearEncoder(1, C) });
    expect(r.ok && r.solution.n2 === 1 && r.solution.weights.b3[0]!.equals(C)).toBe(true);
  });

  it('random distinct codes and random form-(1) targets: n2 = n - 1, U3 = U and Y = X on signals 1..n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }),
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 1000 }),
        (n, raw, seed) => {
          const codes = raw.slice(0, n + 1).map((x, i) => Q.of(BigInt(x * 16 + i), 3n));
          const C = Q.of(3n, 2n);
          const U = randomFormOne(n, C, new Rng(seed));
          const r = buildWithLayer3Bias({ n, C, encoder: encoderForCodes(codes, C), U });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.solution.n2).toBe(n - 1);
          // Independent forward pass.
          const out = forward(r.solution.weights, stepMatrix(n, C));
          expect(equals(out.U3.slice(0, n), U.slice(0, n))).toBe(true);
          expect(equals(out.Y.slice(0, n), stepMatrix(n, C).slice(0, n))).toBe(true);
        },
      ),
      fcParams(40),
    );
  });

  it('refuses equal signal codes with the reason', () => {
    const r = buildWithLayer3Bias({ n: 2, C: Q.ONE, encoder: encoderForCodes([Q.ONE, Q.ONE, Q.ZERO], Q.ONE) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/same code/);
  });
});

describe('det [U 1] of form (1)', () => {
  it('n = 1 and n = 2 by hand', () => {
    // [C, 1; u, 1]: det = C - u. [C, C, 1; u, C, 1; v, w, 1]: R1 - R2 = (C - u, 0, 0), R2 - R3 = (u - v, C - w, 0): (C - u)(C - w).
    const C = Q.int(2);
    expect(borderedDet(matrix([[2], [-3]])).equals(Q.int(5))).toBe(true);
    const U = matrix([
      [2, 2],
      [-1, 2],
      [-4, -3],
    ]);
    expect(isFormOne(U, C)).toBe(true);
    expect(borderedDet(U).equals(Q.int(15))).toBe(true);
    expect(subdiagonalProduct(U, C).equals(Q.int(15))).toBe(true);
  });

  it('equals prod (C - u_{i+1,i}) > 0 on random form-(1) matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), smallQ(4, 3), fc.integer({ min: 0, max: 99 }), (n, c, seed) => {
        const C = c.abs().add(Q.ONE);
        const U = randomFormOne(n, C, new Rng(seed));
        const d = borderedDet(U);
        expect(d.equals(subdiagonalProduct(U, C))).toBe(true);
        expect(d.sign()).toBe(1);
      }),
      fcParams(60),
    );
  });

  it('the symbolic identities hold for n <= 4, and a matrix not of form (1) breaks the closed form', () => {
    for (let n = 1; n <= 4; n++) {
      const s = borderedDetSymbolic(n);
      expect(s.det.equals(s.product)).toBe(true);
      expect(squareDetIdentity(n)).toBe(true);
    }
    expect(formOneIdentities(3, Q.ONE, new Rng(1))).toBe(true);
    // U_11 = 2C instead of C: no longer form (1); det [2, 1, 1; 0, 1, 1; 0, 0, 1] = 2, the product (1 - 0)(1 - 0) = 1.
    const U = formOne(2, Q.ONE).map((r, i) => r.map((x, j) => (i === 0 && j === 0 ? Q.int(2) : x)));
    expect(isFormOne(U, Q.ONE)).toBe(false);
    expect(borderedDet(U).equals(subdiagonalProduct(U, Q.ONE))).toBe(false);
  });
});
