/**
 * Issue 13 §1: the kernel's fast paths prove their preconditions. Each
 * guard below used to be an assumption: a non-integer residue made invMod
 * loop for ever, an entry beyond 2^53 gave a residue of a rounded value.
 */
import { describe, expect, it } from 'vitest';
import {
  fastRank,
  fastRankRational,
  invMod,
  MAX_MODULUS,
  PRIME,
  PRIME_2,
  rankModP,
  WALK_PRIMES,
} from '../../src/kernel/fastrank.js';

const isPrime = (p: number) => {
  for (let d = 2; d * d <= p; d++) if (p % d === 0) return false;
  return p > 1;
};

describe('the primes', () => {
  it('PRIME and PRIME_2 are distinct primes below 2^26 (products of residues below 2^52)', () => {
    for (const p of [PRIME, PRIME_2]) {
      expect(isPrime(p)).toBe(true);
      expect(p).toBeLessThan(MAX_MODULUS);
    }
    expect(PRIME).not.toBe(PRIME_2);
  });
  it('the walk primes are distinct primes with 30 (p - 1)^2 < 2^31 (int32 dot products of length 30)', () => {
    expect(new Set(WALK_PRIMES).size).toBe(WALK_PRIMES.length);
    for (const p of WALK_PRIMES) {
      expect(isPrime(p)).toBe(true);
      expect(30 * (p - 1) ** 2).toBeLessThan(2 ** 31);
    }
  });
});

describe('guards', () => {
  it.each([NaN, 0.5, 0, PRIME, -1, Infinity])('invMod(%d, PRIME) throws instead of looping', (x) => {
    expect(() => invMod(x, PRIME)).toThrow(RangeError);
  });
  it('invMod inverts', () => {
    expect((invMod(3, 7) * 3) % 7).toBe(1);
  });
  it.each([2 ** 53, 2 ** 53 + 2, 1e300, NaN, 0.5])('rankModP and fastRank refuse the entry %d', (x) => {
    const a = Float64Array.from([x, 0, 0, 1]);
    expect(() => rankModP(a, 2, 2, new Float64Array(4))).toThrow(/not a safe integer/);
    expect(() => fastRank(a, 2, 2, new Float64Array(4))).toThrow(/not a safe integer/);
  });
  it('rankModP refuses a modulus above 2^26', () => {
    expect(() => rankModP(Float64Array.from([1]), 1, 1, new Float64Array(1), 2 ** 26 + 15)).toThrow(/modulus/);
  });
  it('fastRankRational refuses unsafe numerators and non-positive denominators', () => {
    const buf = new Float64Array(1);
    expect(() => fastRankRational([2 ** 53], [1], 1, 1, buf, new Float64Array(1))).toThrow(RangeError);
    expect(() => fastRankRational([1], [0], 1, 1, buf, new Float64Array(1))).toThrow(RangeError);
  });
  it('fastRankRational still goes exact (BigInt) when the scaled rows leave the safe range', () => {
    // Rows (1/2^52, 1/3) and (1, 1): the first row's scale lcm(2^52, 3) puts an entry beyond 2^53;
    // det = 1/2^52 - 1/3 != 0, so the rank is 2 (by hand).
    const nums = [1, 1, 1, 1];
    const dens = [2 ** 52, 3, 1, 1];
    expect(fastRankRational(nums, dens, 2, 2, new Float64Array(4), new Float64Array(4))).toBe(2);
  });
});
