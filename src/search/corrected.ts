/**
 * A corrected statement, for the sub-case where every W2_j has the same
 * sign (all columns decreasing, ReLU(t_j - z), or all increasing,
 * ReLU(z - t_j)). A2's columns are then truncated powers of degree 1,
 * whose kernel is totally positive; the Schoenberg–Whitney theorem for
 * such collocation matrices gives:
 *
 *   A2 (codes z_1 < ... < z_m, n columns) has rank n iff the knots are
 *   pairwise distinct and, sorted t_(1) < ... < t_(n), some n of the codes,
 *   y_1 < ... < y_n, satisfy y_k < t_(k) < y_(k+2) for every k (no upper
 *   limit when k + 2 > n) for decreasing columns; mirrored for increasing.
 *
 * The upper limit says that at most two knots may lie beyond a code: the
 * columns (t - z)_+ with t above every remaining code are affine there, and
 * affine functions span only two dimensions. For mixed signs, the natural
 * candidate "distinct columns and a perfect matching in the support graph"
 * is only necessary. Both are checked on the grid and at random by
 * atlas-grid.ts and atlas-random.ts.
 */
import { type Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';

/**
 * The Schoenberg–Whitney condition for n one-sign columns on the square
 * system of codes `rows` (sorted): distinct knots and, knots sorted,
 * z_k < t_(k) < z_(k+2) for decreasing columns (k + 2 > n: no upper limit),
 * mirrored for increasing ones.
 */
function interlacingSquare(rows: readonly Q[], t: readonly Q[], s: 1 | -1): boolean {
  const n = t.length;
  if (s === 1) {
    // ReLU(z - t) at z is ReLU((-t) - (-z)): reflect both and reuse the decreasing case.
    const r = rows.map((z) => z.neg()).reverse();
    const u = t.map((x) => x.neg()).reverse();
    return interlacingSquare(r, u, -1);
  }
  for (let k = 0; k < n; k++) {
    if (!(rows[k] as Q).lt(t[k] as Q)) return false;
    if (k + 2 < n && !(t[k] as Q).lt(rows[k + 2] as Q)) return false;
  }
  return true;
}

/**
 * The corrected statement for one-sign columns: A2 has rank n iff the knots
 * are distinct and some n of the m codes satisfy the Schoenberg–Whitney
 * condition z_(k) < t_(k) < z_(k+2) (decreasing columns; mirrored for increasing).
 */
export function interlacing(codes: readonly Q[], knots: readonly Q[], s: 1 | -1): boolean {
  const t = [...knots].sort((a, b) => a.cmp(b));
  for (let k = 1; k < t.length; k++) if ((t[k] as Q).equals(t[k - 1] as Q)) return false;
  const n = t.length;
  const m = codes.length;
  if (m < n) return false;
  // Try every choice of n rows (m - n is 0 or 1 in the deck's settings).
  const choose = (start: number, picked: Q[]): boolean => {
    if (picked.length === n) return interlacingSquare(picked, t, s);
    for (let i = start; i <= m - (n - picked.length); i++) {
      if (choose(i + 1, [...picked, codes[i] as Q])) return true;
    }
    return false;
  };
  return choose(0, []);
}

/** Whether the support graph (rows x columns, edge where A_ij != 0) matches every column. */
export function perfectColumnMatching(A: Mat): boolean {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const rowOf = new Array<number>(m).fill(-1);
  const tryCol = (j: number, seen: boolean[]): boolean => {
    for (let i = 0; i < m; i++) {
      if ((A[i]?.[j] as Q).isZero() || seen[i]) continue;
      seen[i] = true;
      if (rowOf[i] === -1 || tryCol(rowOf[i] as number, seen)) {
        rowOf[i] = j;
        return true;
      }
    }
    return false;
  };
  for (let j = 0; j < n; j++) if (!tryCol(j, new Array<boolean>(m).fill(false))) return false;
  return true;
}
