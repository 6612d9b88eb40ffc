/**
 * Exact dense matrices over Q (arrays of rows). Determinant and rank use
 * fraction-free Bareiss elimination on integer rows; solve, inverse and
 * kernel use Gauss–Jordan over Q.
 */
import { lcm, Q } from './rational.js';

/** A dense rational matrix, row-major. */
export type Mat = Q[][];
/** A rational vector. */
export type Vec = Q[];

/** Anything matrix() turns into a rational: a safe integer, a rational string or a Q. */
export type QLike = number | string | Q;

/** Converts one QLike exactly. @throws RangeError for a non-integer number. */
export function toQ(x: QLike): Q {
  if (x instanceof Q) return x;
  return typeof x === 'number' ? Q.int(x) : Q.parse(x);
}

/** Builds a rational matrix from rows of integers, rational strings or Q. */
export function matrix(rows: readonly (readonly QLike[])[]): Mat {
  return rows.map((r) => r.map(toQ));
}

export function rows(a: Mat): number {
  return a.length;
}

export function cols(a: Mat): number {
  return a[0]?.length ?? 0;
}

/** a[i][j], with the bounds made explicit for noUncheckedIndexedAccess. */
export function at(a: Mat, i: number, j: number): Q {
  const v = a[i]?.[j];
  if (v === undefined) throw new RangeError(`index (${i}, ${j}) outside a ${rows(a)}x${cols(a)} matrix`);
  return v;
}

export function zeros(m: number, n: number): Mat {
  return Array.from({ length: m }, () => Array.from({ length: n }, () => Q.ZERO));
}

export function identity(n: number): Mat {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? Q.ONE : Q.ZERO)));
}

export function transpose(a: Mat): Mat {
  const m = rows(a);
  const n = cols(a);
  return Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => at(a, i, j)));
}

/** Matrix product. @throws RangeError on a shape mismatch. */
export function mul(a: Mat, b: Mat): Mat {
  const k = cols(a);
  if (k !== rows(b)) throw new RangeError(`shape mismatch: ${rows(a)}x${k} times ${rows(b)}x${cols(b)}`);
  const n = cols(b);
  return a.map((row) =>
    Array.from({ length: n }, (_, j) => {
      let s = Q.ZERO;
      for (let t = 0; t < k; t++) s = s.add((row[t] as Q).mul(at(b, t, j)));
      return s;
    }),
  );
}

export function add(a: Mat, b: Mat): Mat {
  return a.map((row, i) => row.map((x, j) => x.add(at(b, i, j))));
}

export function sub(a: Mat, b: Mat): Mat {
  return a.map((row, i) => row.map((x, j) => x.sub(at(b, i, j))));
}

export function scale(a: Mat, s: Q): Mat {
  return a.map((row) => row.map((x) => x.mul(s)));
}

export function equals(a: Mat, b: Mat): boolean {
  return rows(a) === rows(b) && cols(a) === cols(b) && a.every((row, i) => row.every((x, j) => x.equals(at(b, i, j))));
}

/** The submatrix on the given row and column indices. */
export function submatrix(a: Mat, rowIdx: readonly number[], colIdx: readonly number[]): Mat {
  return rowIdx.map((i) => colIdx.map((j) => at(a, i, j)));
}

/** Each row multiplied by the lcm of its denominators: an integer matrix and the row scales. */
export function integerRows(a: Mat): { rows: bigint[][]; scales: bigint[] } {
  const scales = a.map((row) => row.reduce((l, x) => lcm(l, x.den), 1n));
  return { rows: a.map((row, i) => row.map((x) => x.num * ((scales[i] as bigint) / x.den))), scales };
}

/** The outcome of fraction-free elimination: rank, the pivots, and the last pivot. */
export interface BareissResult {
  rank: number;
  /** Original indices of the pivot rows, in pivot order. */
  pivotRows: number[];
  /** Column indices of the pivots, increasing. */
  pivotCols: number[];
  /** The last nonzero pivot: ± the minor on pivotRows x pivotCols. */
  lastPivot: bigint;
  /** Parity of the row swaps performed (for the determinant's sign). */
  swaps: number;
}

/**
 * Fraction-free Bareiss elimination with row pivoting on an integer matrix
 * (copied, not modified). Every intermediate entry is a minor of the input,
 * so each division is exact.
 */
export function bareiss(input: readonly (readonly bigint[])[]): BareissResult {
  const m = input.length;
  const n = input[0]?.length ?? 0;
  const a = input.map((r) => r.slice());
  const order = Array.from({ length: m }, (_, i) => i);
  const pivotCols: number[] = [];
  let prev = 1n;
  let r = 0;
  let swaps = 0;
  for (let c = 0; c < n && r < m; c++) {
    let p = r;
    while (p < m && (a[p] as bigint[])[c] === 0n) p++;
    if (p === m) continue;
    if (p !== r) {
      [a[p], a[r]] = [a[r] as bigint[], a[p] as bigint[]];
      [order[p], order[r]] = [order[r] as number, order[p] as number];
      swaps++;
    }
    const pr = a[r] as bigint[];
    const piv = pr[c] as bigint;
    for (let i = r + 1; i < m; i++) {
      const ri = a[i] as bigint[];
      const f = ri[c] as bigint;
      for (let j = c + 1; j < n; j++) ri[j] = (piv * (ri[j] as bigint) - f * (pr[j] as bigint)) / prev;
      ri[c] = 0n;
    }
    prev = piv;
    pivotCols.push(c);
    r++;
  }
  return { rank: r, pivotRows: order.slice(0, r), pivotCols, lastPivot: prev, swaps };
}

/** Exact determinant (Bareiss). @throws RangeError for a non-square matrix. */
export function det(a: Mat): Q {
  const n = rows(a);
  if (n !== cols(a) && n !== 0) throw new RangeError(`determinant of a non-square ${n}x${cols(a)} matrix`);
  if (n === 0) return Q.ONE;
  const { rows: ints, scales } = integerRows(a);
  const res = bareiss(ints);
  if (res.rank < n) return Q.ZERO;
  const d = res.swaps % 2 === 0 ? res.lastPivot : -res.lastPivot;
  return Q.of(
    d,
    scales.reduce((p, s) => p * s, 1n),
  );
}

/** Exact rank (Bareiss). */
export function rank(a: Mat): number {
  if (rows(a) === 0) return 0;
  return bareiss(integerRows(a).rows).rank;
}

/** Reduced row echelon form over Q, with the pivot columns. */
export function rref(a: Mat): { r: Mat; pivots: number[] } {
  const r = a.map((row) => row.slice());
  const m = rows(r);
  const n = cols(r);
  const pivots: number[] = [];
  let pr = 0;
  for (let c = 0; c < n && pr < m; c++) {
    let p = pr;
    while (p < m && at(r, p, c).isZero()) p++;
    if (p === m) continue;
    [r[p], r[pr]] = [r[pr] as Q[], r[p] as Q[]];
    const inv = at(r, pr, c).inv();
    r[pr] = (r[pr] as Q[]).map((x) => x.mul(inv));
    const pivRow = r[pr] as Q[];
    for (let i = 0; i < m; i++) {
      if (i === pr) continue;
      const f = at(r, i, c);
      if (f.isZero()) continue;
      r[i] = (r[i] as Q[]).map((x, j) => x.sub(f.mul(pivRow[j] as Q)));
    }
    pivots.push(c);
    pr++;
  }
  return { r, pivots };
}

/** A basis of the right kernel {v : A v = 0}, one vector per free column. */
export function kernel(a: Mat): Vec[] {
  const n = cols(a);
  const { r, pivots } = rref(a);
  const free = Array.from({ length: n }, (_, j) => j).filter((j) => !pivots.includes(j));
  return free.map((f) => {
    const v = Array.from({ length: n }, () => Q.ZERO);
    v[f] = Q.ONE;
    pivots.forEach((pc, i) => {
      v[pc] = at(r, i, f).neg();
    });
    return v;
  });
}

/**
 * The inverse of a square nonsingular matrix.
 * @throws RangeError when the matrix is singular or not square.
 */
export function inverse(a: Mat): Mat {
  const n = rows(a);
  if (n !== cols(a)) throw new RangeError(`inverse of a non-square ${n}x${cols(a)} matrix`);
  const aug = a.map((row, i) => [...row, ...(identity(n)[i] as Q[])]);
  const { r, pivots } = rref(aug);
  if (pivots.length < n || pivots[n - 1] !== n - 1) throw new RangeError('inverse of a singular matrix');
  return r.map((row) => row.slice(n));
}

/**
 * The unique X with A X = B for square nonsingular A.
 * @throws RangeError when A is singular or shapes mismatch.
 */
export function solve(a: Mat, b: Mat): Mat {
  const n = rows(a);
  if (n !== cols(a) || rows(b) !== n) throw new RangeError('solve needs a square A and a B with as many rows');
  const aug = a.map((row, i) => [...row, ...(b[i] as Q[])]);
  const { r, pivots } = rref(aug);
  if (pivots.length < n || pivots[n - 1] !== n - 1) throw new RangeError('solve: singular matrix');
  return r.map((row) => row.slice(n));
}

/** Evidence for a rank: a nonzero maximal minor (rank >= r) and a kernel basis (rank <= r). */
export interface RankCertificate {
  rank: number;
  /** Row and column indices of a nonzero r x r minor, and its value. */
  minor: { rows: number[]; cols: number[]; value: Q };
  /** n - r linearly independent vectors v with A v = 0. */
  kernel: Vec[];
}

/** The rank with a certificate (re-check it with checkRankCertificate). */
export function rankCertificate(a: Mat): RankCertificate {
  const { rows: ints } = integerRows(a);
  const res = rows(a) === 0 ? { rank: 0, pivotRows: [], pivotCols: [] } : bareiss(ints);
  const sub = submatrix(a, res.pivotRows, res.pivotCols);
  return {
    rank: res.rank,
    minor: { rows: res.pivotRows, cols: res.pivotCols, value: det(sub) },
    kernel: kernel(a),
  };
}
