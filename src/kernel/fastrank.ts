/**
 * The rank fast path for hot loops: integer matrices in Float64Array.
 *
 * 1. Float Bareiss, exact when proven so: every Bareiss intermediate is a
 *    minor of the input, so |entry| <= H = prod_i max(1, |row_i|_2)
 *    (Hadamard). Each update a*b - c*d is then at most 2 H^2 in absolute
 *    value; when 2 H^2 < 2^53 every product, difference and (exact)
 *    quotient is an integer computed without rounding.
 * 2. Otherwise rank mod a prime p < 2^26 (products < 2^52, exact in float64).
 *    rank mod p <= rank over Q, so full rank mod p proves full rank over Q.
 * 3. Otherwise exact BigInt Bareiss.
 */
import { bareiss, integerRows, type Mat } from './matrix.js';
import { Q } from './rational.js';

/** A prime below 2^26: residues multiply exactly in float64 (products < 2^52). */
export const PRIME = 67108859;

/** A second prime below 2^26, for a second residue when the first one is inconclusive. */
export const PRIME_2 = 67108837;

/**
 * Small primes for int32 hot loops: with residues in [0, p), a sum of 30
 * products of two residues is at most 30 (p - 1)^2 < 2^31, so a dot product
 * of length <= 30 accumulates in int32 without a reduction per term. Their
 * product, about 4.5e15, bounds what ranks modulo all four can prove by
 * Hadamard's bound.
 */
export const WALK_PRIMES: readonly number[] = [8191, 8179, 8171, 8167];

/** The largest modulus rankModP accepts: residues below it multiply exactly in float64. */
export const MAX_MODULUS = 2 ** 26;

const TWO53 = 2 ** 53;

/** True when float Bareiss on this integer matrix is provably exact. */
export function floatBareissSafe(a: Float64Array, m: number, n: number): boolean {
  let h = 1;
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) {
      const x = a[i * n + j] as number;
      s += x * x;
    }
    // sqrt and the product round; the 1 + 1e-12 per row absorbs that.
    h *= Math.max(1, Math.sqrt(s) * (1 + 1e-12));
  }
  return 2 * h * h < TWO53;
}

/**
 * Rank by float Bareiss. Exact only when floatBareissSafe(a) holds.
 * @param work scratch of at least m*n entries; a is not modified.
 */
export function rankFloatBareiss(a: Float64Array, m: number, n: number, work: Float64Array): number {
  work.set(a.subarray(0, m * n));
  let prev = 1;
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    if (!pivotToRow(work, m, n, r, c)) continue;
    const rb = r * n;
    const piv = work[rb + c] as number;
    for (let i = r + 1; i < m; i++) {
      const ib = i * n;
      const f = work[ib + c] as number;
      if (f === 0 && prev === piv) continue; // row unchanged: (piv*x - 0)/prev = x
      for (let j = c + 1; j < n; j++) {
        work[ib + j] = (piv * (work[ib + j] as number) - f * (work[rb + j] as number)) / prev;
      }
      work[ib + c] = 0;
    }
    prev = piv;
    r++;
  }
  return r;
}

/**
 * The elimination's pivot search, shared by the float and modular paths:
 * the first row p >= r with a nonzero entry in column c is swapped into row
 * r (columns c.. only: the earlier ones are zero in both rows).
 * @returns false when column c has no pivot
 */
function pivotToRow(work: Float64Array, m: number, n: number, r: number, c: number): boolean {
  let p = r;
  while (p < m && work[p * n + c] === 0) p++;
  if (p === m) return false;
  if (p !== r) {
    for (let j = c; j < n; j++) {
      const t = work[p * n + j] as number;
      work[p * n + j] = work[r * n + j] as number;
      work[r * n + j] = t;
    }
  }
  return true;
}

/**
 * The inverse of x modulo p, by the extended Euclidean algorithm.
 * @throws RangeError unless x is an integer in [1, p) and p a safe integer
 * (a NaN or a fraction would otherwise loop for ever).
 */
export function invMod(x: number, p: number): number {
  if (!Number.isSafeInteger(p) || p < 2 || !Number.isInteger(x) || x < 1 || x >= p)
    throw new RangeError(`invMod needs an integer in [1, ${p}), got ${x}`);
  let [a, b, u, v] = [x, p, 1, 0];
  while (b !== 0) {
    const t = Math.floor(a / b);
    [a, b] = [b, a - t * b];
    [u, v] = [v, u - t * v];
  }
  return ((u % p) + p) % p;
}

/**
 * Rank modulo p (a lower bound for the rank over Q). a is not modified.
 * Exact when p < 2^26 (products of residues < 2^52) and every entry is a
 * safe integer (its float remainder is then the true residue); both are
 * checked.
 * @throws RangeError when an entry is not a safe integer or p is out of range.
 */
export function rankModP(a: Float64Array, m: number, n: number, work: Float64Array, p = PRIME): number {
  if (!Number.isInteger(p) || p < 2 || p > MAX_MODULUS)
    throw new RangeError(`rankModP: modulus ${p} outside [2, 2^26]`);
  for (let k = 0; k < m * n; k++) {
    const e = a[k] as number;
    if (!Number.isSafeInteger(e)) throw new RangeError(`rankModP: entry ${e} is not a safe integer`);
    const x = e % p;
    work[k] = x < 0 ? x + p : x;
  }
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    if (!pivotToRow(work, m, n, r, c)) continue;
    const rb = r * n;
    const inv = invMod(work[rb + c] as number, p);
    for (let i = r + 1; i < m; i++) {
      const ib = i * n;
      const x = work[ib + c] as number;
      if (x === 0) continue;
      const f = (x * inv) % p;
      for (let j = c + 1; j < n; j++) {
        const y = ((work[ib + j] as number) - f * (work[rb + j] as number)) % p;
        work[ib + j] = y < 0 ? y + p : y;
      }
      work[ib + c] = 0;
    }
    r++;
  }
  return r;
}

/** Which path decided a fast rank. */
export type RankPath = 'float' | 'modp' | 'bigint';

/**
 * The exact rank of an integer matrix stored row-major in a Float64Array.
 * @param work scratch of at least m*n entries.
 * @throws RangeError when an entry is not a safe integer (|x| < 2^53): such
 * a float no longer names one integer, so no rank of it is exact.
 */
export function fastRank(a: Float64Array, m: number, n: number, work: Float64Array): number {
  return fastRankWithPath(a, m, n, work).rank;
}

/** fastRank, also telling which path decided it. */
export function fastRankWithPath(
  a: Float64Array,
  m: number,
  n: number,
  work: Float64Array,
): { rank: number; path: RankPath } {
  for (let k = 0; k < m * n; k++) {
    if (!Number.isSafeInteger(a[k] as number)) throw new RangeError(`fastRank: entry ${a[k]} is not a safe integer`);
  }
  if (floatBareissSafe(a, m, n)) return { rank: rankFloatBareiss(a, m, n, work), path: 'float' };
  const full = Math.min(m, n);
  if (rankModP(a, m, n, work) === full) return { rank: full, path: 'modp' };
  const big = Array.from({ length: m }, (_, i) => Array.from({ length: n }, (_, j) => BigInt(a[i * n + j] as number)));
  return { rank: bareiss(big).rank, path: 'bigint' };
}

/** Exact rank of a rational matrix through the fast path where its integer rows fit. */
export function fastRankQ(a: Mat): number {
  const m = a.length;
  const n = a[0]?.length ?? 0;
  if (m === 0 || n === 0) return 0;
  const { rows } = integerRows(a);
  const buf = new Float64Array(m * n);
  let k = 0;
  for (const row of rows) {
    for (const x of row) {
      if (x >= 2n ** 53n || x <= -(2n ** 53n)) return bareiss(rows).rank;
      buf[k++] = Number(x);
    }
  }
  return fastRank(buf, m, n, new Float64Array(m * n));
}

function gcdNum(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

/**
 * Exact rank of a rational matrix given as numerators and positive
 * denominators (safe integers), without BigInt when the scaled rows fit:
 * each row is multiplied by the lcm of its denominators, then fastRank.
 * The lcm only grows along a row and a rounded product is never below the
 * exact one, so a scaled entry or lcm that left the safe range is seen by
 * Number.isSafeInteger and the row goes to BigInt.
 * @param buf, work scratch of at least m*n entries each.
 * @throws RangeError when a numerator or denominator is not a safe integer, or a denominator is not positive.
 */
export function fastRankRational(
  nums: ArrayLike<number>,
  dens: ArrayLike<number>,
  m: number,
  n: number,
  buf: Float64Array,
  work: Float64Array,
): number {
  for (let k = 0; k < m * n; k++) {
    const x = nums[k] as number;
    const d = dens[k] as number;
    if (!Number.isSafeInteger(x) || !Number.isSafeInteger(d) || d < 1)
      throw new RangeError(`fastRankRational: ${x}/${d} is not a safe integer over a positive safe integer`);
  }
  for (let i = 0; i < m; i++) {
    let l = 1;
    for (let j = 0; j < n; j++) {
      const d = dens[i * n + j] as number;
      l = (l / gcdNum(l, d)) * d;
    }
    for (let j = 0; j < n; j++) {
      const v = (nums[i * n + j] as number) * (l / (dens[i * n + j] as number));
      if (!Number.isSafeInteger(v) || !Number.isSafeInteger(l)) {
        // A scaled entry left the safe range: redo this matrix in BigInt.
        const rowsBig = Array.from({ length: m }, (_, r) =>
          Array.from({ length: n }, (_, c) =>
            Q.of(BigInt(nums[r * n + c] as number), BigInt(dens[r * n + c] as number)),
          ),
        );
        return fastRankQ(rowsBig);
      }
      buf[i * n + j] = v;
    }
  }
  return fastRank(buf, m, n, work);
}
