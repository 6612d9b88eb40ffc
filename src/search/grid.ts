/**
 * The canonical grid of the conjecture search (docs/claims.md, "The
 * canonical grid"): codes z_1 < ... < z_m (m = n with the
 * zero signal dropped, n + 1 kept); knot positions z_1 - 1, z_1, ..., z_m,
 * z_m + 1 and g equally spaced points inside each gap between consecutive
 * ones; a column is ReLU(s (z - t)) with s = +1 or -1 (W2 = s, b2 = -s t,
 * k = -t). A configuration is a multiset of n columns, enumerated as
 * non-decreasing sequences of column types (type = 2 * knot index + (s = +1)).
 */
import { UsageError } from '../errors.js';
import { lcm, Q } from '../kernel/rational.js';
import type { Mat } from '../kernel/matrix.js';

export interface GridSpec {
  n: number;
  g: number;
  zeroSignal: 'keep' | 'drop';
  /** The m sorted, distinct codes. */
  codes: Q[];
}

/** Number of rows m of A2 for a spec. */
export function rowsOf(n: number, zeroSignal: 'keep' | 'drop'): number {
  return zeroSignal === 'keep' ? n + 1 : n;
}

/** Linear codes 1..m. */
export function linearCodes(n: number, zeroSignal: 'keep' | 'drop'): Q[] {
  return Array.from({ length: rowsOf(n, zeroSignal) }, (_, i) => Q.int(i + 1));
}

/** @throws UsageError unless codes are m distinct rationals (they are sorted here). */
/** The longest code, written as a rational, a search takes (its columns are exact integers of about this many digits). */
export const MAX_CODE_CHARS = 1000;

export function checkCodes(codes: Q[], n: number, zeroSignal: 'keep' | 'drop'): Q[] {
  const m = rowsOf(n, zeroSignal);
  if (codes.length !== m) {
    throw new UsageError(
      `--codes: ${codes.length} codes given; accepted: exactly ${m} (n = ${n}, zero signal ${zeroSignal})`,
    );
  }
  const sorted = [...codes].sort((a, b) => a.cmp(b));
  for (let i = 1; i < m; i++) {
    if ((sorted[i] as Q).equals(sorted[i - 1] as Q))
      throw new UsageError(`--codes: the code ${sorted[i]} appears twice; accepted: distinct rationals`);
  }
  return sorted;
}

/** The knot positions of the grid, increasing. */
export function gridKnots(codes: Q[], g: number): Q[] {
  const first = codes[0] as Q;
  const last = codes[codes.length - 1] as Q;
  const pts = [first.sub(Q.ONE), ...codes, last.add(Q.ONE)];
  const out: Q[] = [];
  pts.forEach((a, k) => {
    out.push(a);
    const b = pts[k + 1];
    if (b === undefined) return;
    for (let q = 1; q <= g; q++) out.push(a.add(b.sub(a).mul(Q.of(BigInt(q), BigInt(g + 1)))));
  });
  return out;
}

/** Direction and knot of a column type. */
export function typeOf(knots: readonly Q[], type: number): { s: 1 | -1; t: Q } {
  return { s: type % 2 === 1 ? 1 : -1, t: knots[type >> 1] as Q };
}

/** The exact column ReLU(s (z - t)) over the codes. */
export function column(codes: readonly Q[], s: 1 | -1, t: Q): Q[] {
  return codes.map((z) => {
    const u = z.sub(t).mul(Q.int(s));
    return u.sign() > 0 ? u : Q.ZERO;
  });
}

/** The exact A2 of a configuration (a list of column types). */
export function configMatrix(codes: readonly Q[], knots: readonly Q[], types: readonly number[]): Mat {
  const cols = types.map((ty) => {
    const { s, t } = typeOf(knots, ty);
    return column(codes, s, t);
  });
  return codes.map((_, i) => cols.map((c) => c[i] as Q));
}

/** k_j = b2_j / W2_j = -t_j for each column of a configuration. */
export function configRatios(knots: readonly Q[], types: readonly number[]): Q[] {
  return types.map((ty) => typeOf(knots, ty).t.neg());
}

/** Binomial coefficient as a bigint. */
export function binom(a: number, b: number): bigint {
  if (b < 0 || b > a) return 0n;
  let r = 1n;
  for (let k = 1; k <= b; k++) r = (r * BigInt(a - b + k)) / BigInt(k);
  return r;
}

/** Number of configurations: multisets of n out of the 2T column types. */
export function configurationCount(types: number, n: number): bigint {
  return binom(types + n - 1, n);
}

/** The common denominator that makes every grid entry an integer. */
export function gridDenominator(codes: readonly Q[], knots: readonly Q[]): bigint {
  return [...codes, ...knots].reduce((l, x) => lcm(l, x.den), 1n);
}

/**
 * Every multiset of n out of `types` items as a non-decreasing index array,
 * in lexicographic order, lazily. The yielded array is reused between
 * steps: copy it to keep it.
 */
export function* multisets(types: number, n: number): Generator<number[]> {
  if (types <= 0 && n > 0) return;
  const pick = new Array<number>(n).fill(0);
  for (;;) {
    yield pick;
    // Advance: the rightmost position that can grow grows, the ones after it follow it.
    let k = n - 1;
    while (k >= 0 && pick[k] === types - 1) k--;
    if (k < 0) return;
    const v = (pick[k] as number) + 1;
    for (let t = k; t < n; t++) pick[t] = v;
  }
}
