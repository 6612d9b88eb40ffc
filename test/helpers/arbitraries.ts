/**
 * Shared fast-check arbitraries over exact rationals, biased towards the
 * boundaries: zero, one, equal entries, dependent rows, entries that vanish
 * modulo the fast path's prime.
 */
import fc from 'fast-check';
import type { Mat } from '../../src/kernel/matrix.js';
import { PRIME } from '../../src/kernel/fastrank.js';
import { Q } from '../../src/kernel/rational.js';

/** A rational with small numerator and denominator (zero and one frequent). */
export const smallQ = (maxNum = 6, maxDen = 6): fc.Arbitrary<Q> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(Q.ZERO, Q.ONE, Q.MINUS_ONE) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.integer({ min: -maxNum, max: maxNum }), fc.integer({ min: 1, max: maxDen }))
        .map(([a, b]) => Q.of(BigInt(a), BigInt(b))),
    },
  );

/** Any rational with big numerator and denominator. */
export const bigQ: fc.Arbitrary<Q> = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }))
  .map(([a, b]) => Q.of(a, b));

/** An m x n matrix of the given entries. */
export const matrixOf = (m: number, n: number, entry: fc.Arbitrary<Q>): fc.Arbitrary<Mat> =>
  fc.array(fc.array(entry, { minLength: n, maxLength: n }), { minLength: m, maxLength: m });

/** A small-integer matrix with entries in [-k, k]. */
export const intMatrix = (m: number, n: number, k = 3): fc.Arbitrary<Mat> =>
  matrixOf(
    m,
    n,
    fc.integer({ min: -k, max: k }).map((x) => Q.int(x)),
  );

/**
 * A matrix built to be singular or rank deficient: some rows are rational
 * combinations of others.
 */
export const dependentMatrix = (m: number, n: number): fc.Arbitrary<Mat> =>
  fc
    .tuple(
      fc.integer({ min: 1, max: Math.max(1, Math.min(m, n) - 1) }),
      matrixOf(m, n, smallQ(3, 3)),
      fc.array(fc.array(smallQ(2, 2), { minLength: m, maxLength: m }), { minLength: m, maxLength: m }),
    )
    .map(([r, base, coef]) =>
      base.map((row, i) =>
        i < r ? row : row.map((_, j) => base.slice(0, r).reduce((s, b, t) => s.add(coef[i]![t]!.mul(b[j]!)), Q.ZERO)),
      ),
    );

/**
 * An integer matrix some of whose entries are multiples of the fast path's
 * prime, so that it is singular mod p but often not over Q.
 */
export const modPTrapMatrix = (n: number): fc.Arbitrary<Mat> =>
  fc
    .tuple(intMatrix(n, n, 2), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 3 }))
    .map(([a, r, k]) => a.map((row, i) => (i === r ? row.map((_x, j) => (j === i ? Q.int(k * PRIME) : Q.ZERO)) : row)))
    .map((a) => a.map((row, i) => row.map((x, j) => (i !== j && j === 0 ? x.mul(Q.int(PRIME)) : x))));
