import { describe, expect, it } from 'vitest';
import { mse50 } from '../../src/activation/sigmoid.js';
import {
  deltaBelowOne,
  expPartialSum,
  expUpper,
  lowerBoundBelowOneExact,
  nOneWitness,
  sharperBound,
  uniformSteepness,
} from '../../src/activation/sigmoid-bounds.js';
import { Q } from '../../src/kernel/rational.js';

describe('rational bounds of e^s', () => {
  it.each([0, 1, 5, 12, 30])('S_K(%i) <= e^s <= the Lagrange upper bound (50-digit exp)', (s) => {
    const K = Math.max(40, 3 * s);
    expect(expPartialSum(s, K).toNumber()).toBeLessThanOrEqual(Math.exp(s));
    expect(expUpper(s, K)!.toNumber()).toBeGreaterThanOrEqual(Math.exp(s) * (1 - 1e-15));
  });

  it('S_3(2) = 1 + 2 + 2 + 4/3 = 19/3 (by hand)', () => {
    expect(expPartialSum(2, 3).equals(Q.of(19n, 3n))).toBe(true);
  });

  it('e^12 > 10^5 > e^11 (the draft: sigmoid.py (a), (b))', () => {
    expect(expPartialSum(12, 60).gt(Q.int(100000))).toBe(true);
    expect(expUpper(11, 60)!.lt(Q.int(100000))).toBe(true);
  });
});

describe('uniformSteepness', () => {
  // ln(10^5) = 11.51, so 12 is the smallest integer s with e^{-s} < 1e-5; ln(10^8) = 18.42; ln 3 = 1.10.
  it.each([
    ['1e-5', 12],
    ['1e-8', 19],
    ['1/3', 2],
    ['1e-200', 461],
  ])('eps = %s: s = %i', (eps, s) => {
    const c = uniformSteepness(Q.parse(eps));
    expect(c.s).toBe(s);
    expect(c.E.lt(Q.parse(eps))).toBe(true);
    if (c.previousLower) expect(c.previousLower.lt(Q.parse(eps))).toBe(false);
  });

  it('the sharper per-n bound stays below E and above the 50-digit MSE (C = 1, s = 12)', () => {
    const { E } = uniformSteepness(Q.parse('1e-5'));
    for (const n of [1, 2, 6, 10]) {
      const b = sharperBound(n, E);
      expect(b.toNumber()).toBeLessThanOrEqual(E.toNumber() * (1 + 1e-11));
      const W2 = Array.from({ length: n }, () => Q.int(-12));
      const b2 = Array.from({ length: n }, (_, j) => Q.of(BigInt(12 * (2 * j + 3)), 2n));
      expect(mse50(n, Q.ONE, W2, b2).lte(b.toNumber())).toBe(true);
    }
  });
});

describe('C < 1', () => {
  // The draft (sigmoid.py (c)): C = 1/2: m = 3/16, delta = 3/28; C = 9/10: m = 19/400, delta = 1/20.
  it.each([
    ['1/2', '3/16', '3/28'],
    ['9/10', '19/400', '1/20'],
  ])('C = %s: m = %s, delta = %s', (c, m, d) => {
    const r = deltaBelowOne(Q.parse(c));
    expect(r.m.equals(Q.parse(m))).toBe(true);
    expect(r.delta.equals(Q.parse(d))).toBe(true);
  });

  it('lower bound (n - 1) delta^2 / (n(n+1)): C = 1/2, n = 2 gives (9/784)/6 = 3/1568', () => {
    expect(lowerBoundBelowOneExact(2, Q.of(1n, 2n)).equals(Q.of(3n, 1568n))).toBe(true);
    expect(lowerBoundBelowOneExact(1, Q.of(1n, 2n)).isZero()).toBe(true);
  });

  it.each([
    ['1/2', '1e-5'],
    ['9/10', '1e-12'],
    ['1/10', '1e-150'],
  ])('n = 1, C = %s: certified weights below eps = %s, and the 50-digit MSE agrees', (c, e) => {
    const C = Q.parse(c);
    const eps = Q.parse(e);
    const w = nOneWitness(C, eps)!;
    expect(w.mseUpper.lt(eps)).toBe(true);
    const hp = mse50(1, C, [w.W2], [w.b2]);
    expect(hp.lte(w.mseUpper.toNumber() * (1 + 1e-9) + 1e-300)).toBe(true);
  });
});
