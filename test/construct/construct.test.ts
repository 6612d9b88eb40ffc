import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { det, submatrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import {
  buildDecoder,
  isFormOne,
  linearEncoder,
  randomEncoder,
  randomFormOne,
  verifyConstruction,
} from '../../src/construct/decoder.js';
import { encode } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';
import { Rng } from '../../src/random.js';
import { fcParams } from '../helpers/seed.js';

describe('linear encoder', () => {
  it.each([1, 2, 5, 9])('gives z(i) = alpha i + beta exactly (n = %d)', (n) => {
    const alpha = Q.of(-3n, 2n);
    const beta = Q.of(1n, 7n);
    const C = Q.of(5n, 3n);
    const e = linearEncoder(n, C, alpha, beta);
    const z = encode(e.W1, e.b1, stepMatrix(n, C));
    z.forEach((zi, i) => expect(zi.equals(alpha.mul(Q.int(i + 1)).add(beta))).toBe(true));
  });
});

describe('buildDecoder', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))(
    'n = %d, linear encoder z(i) = i: Y = X on all n+1 signals, zero signal included',
    (n) => {
      const r = buildDecoder({ n, C: Q.ONE, encoder: linearEncoder(n, Q.ONE) });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(verifyConstruction(r.construction)).toEqual({ signals: true, zeroSignal: true });
      expect(r.construction.zeroSignal.reconstructed).toBe(true);
      expect(r.construction.weights.b3).toBeUndefined();
      // A2 on the signal rows is invertible (the deck's W3^T = A2^{-1} U3 needs it).
      const A = r.construction.A2;
      expect(det(submatrix(A, [...Array(n).keys()], [...Array(n).keys()])).isZero()).toBe(false);
    },
  );

  it('random encoders and random U3 of form (1): signals 1..n always, the zero signal whenever its code is distinct', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
        const rng = new Rng(seed);
        const encoder = randomEncoder(n, rng);
        const C = Q.of(BigInt(rng.int(1, 5)), BigInt(rng.int(1, 3)));
        const U3 = randomFormOne(n, C, rng);
        expect(isFormOne(U3, C)).toBe(true);
        const codes = encode(encoder.W1, encoder.b1, stepMatrix(n, C));
        const distinct = new Set(codes.map(String)).size;
        const signalsDistinct = new Set(codes.slice(0, n).map(String)).size === n;
        for (const n2 of [n, n + 1]) {
          const r = buildDecoder({ n, C, encoder, U3, n2 });
          expect(r.ok).toBe(signalsDistinct);
          if (!r.ok) {
            expect(r.reason).toMatch(/same code/);
            continue;
          }
          const v = verifyConstruction(r.construction);
          expect(v.signals).toBe(true);
          expect(v.zeroSignal).toBe(r.construction.zeroSignal.reconstructed);
          expect(v.zeroSignal).toBe(distinct === n + 1);
        }
      }),
      fcParams(150),
    );
  });

  it('refuses n2 < n with the rank argument', () => {
    const r = buildDecoder({ n: 3, C: Q.ONE, encoder: linearEncoder(3, Q.ONE), n2: 2 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/rank/);
  });
});
