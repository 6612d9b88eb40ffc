import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constructForEps,
  expNegUpper,
  lowerBoundBelowOne,
  mse50,
  mseEnclosure,
  sigmoidWeights,
} from '../../src/activation/sigmoid.js';
import { sigmoidInfimum } from '../../src/claims/prop-sigmoid.js';
import { Q } from '../../src/kernel/rational.js';
import { fcParams } from '../helpers/seed.js';

describe('sigmoid construction (C = 1)', () => {
  it.each([
    [1, '1e-5'],
    [3, '1e-5'],
    [6, '1e-8'],
    [10, '1/3'],
  ])('n = %d, eps = %s: the exact bound is below eps and above the 50-digit MSE', (n, e) => {
    const eps = Q.parse(e);
    const { s, bound } = constructForEps(n, eps);
    expect(bound.lt(eps)).toBe(true);
    const w = sigmoidWeights(n, s);
    const hp = mse50(n, Q.ONE, w.W2, w.b2);
    // The certified bound must dominate the true value (50 digits are far more than the margin).
    expect(hp.lte(bound.toNumber())).toBe(true);
    const enc = mseEnclosure(n, Q.ONE, w.W2, w.b2);
    // The 50-digit evaluation rounds each step to nearest, so it agrees with the enclosure to ~45 digits.
    expect(hp.minus(enc.lo).abs().lte(hp.times('1e-40'))).toBe(true);
    expect(enc.hi.lte(eps.toNumber())).toBe(true);
  });

  it('e^{-s} <= expNegUpper(s) (checked against 50-digit exp)', () => {
    for (const s of [1, 5, 12, 30]) {
      const up = expNegUpper(Q.int(s), 3 * s + 10).toNumber();
      expect(Math.exp(-s) <= up * (1 + 1e-15)).toBe(true);
    }
  });
});

describe('C != 1', () => {
  it('C > 1: every random weight has MSE > (C - 1)^2 / 2 (enclosure lower end)', () => {
    const C = Q.of(3n, 2n);
    const inf = sigmoidInfimum(2, C);
    expect(inf.exact && inf.lower.equals(Q.of(1n, 8n))).toBe(true); // (1/2)^2 / 2
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
        const enc = mseEnclosure(2, C, [Q.int(a!), Q.int(b!)], [Q.int(c!), Q.int(d!)]);
        expect(enc.lo.gt(inf.lower.toNumber())).toBe(true);
      }),
      fcParams(50),
    );
  });

  it('C < 1, n >= 2: the certified lower bound is positive and below every sampled MSE', () => {
    const C = Q.of(1n, 2n);
    const { bound } = lowerBoundBelowOne(2, C);
    expect(bound.sign()).toBe(1);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -200, max: 200 }), { minLength: 4, maxLength: 4 }), ([a, b, c, d]) => {
        const enc = mseEnclosure(
          2,
          C,
          [Q.of(BigInt(a!), 10n), Q.of(BigInt(b!), 10n)],
          [Q.of(BigInt(c!), 10n), Q.of(BigInt(d!), 10n)],
        );
        expect(enc.hi.gte(bound.toNumber())).toBe(true);
      }),
      fcParams(50),
    );
  });
});
