/**
 * Exact feasibility of a linear system in standard form, A x = b, x >= 0,
 * over Q: phase 1 of the simplex method with Bland's rule (which cannot
 * cycle), on rationals, so the answer is exact. Hand-written because the
 * systems are tiny (at most a dozen rows, a few dozen columns) and must be
 * exact; the maintained JavaScript LP solvers work in floating point.
 */
import { Q } from '../../kernel/rational.js';

/**
 * Whether some x >= 0 satisfies A x = b.
 * @param A m rows of N rationals; @param b m rationals.
 * @throws RangeError on ragged input.
 */
export function feasible(A: readonly (readonly Q[])[], b: readonly Q[]): boolean {
  return solveFeasible(A, b) !== undefined;
}

/**
 * Some x >= 0 with A x = b (a basic feasible solution), or undefined when there is none.
 * @throws RangeError on ragged input.
 */
export function solveFeasible(A: readonly (readonly Q[])[], b: readonly Q[]): Q[] | undefined {
  const m = A.length;
  if (b.length !== m) throw new RangeError('feasible: b has the wrong length');
  if (m === 0) return [];
  const N = (A[0] as readonly Q[]).length;
  if (A.some((r) => r.length !== N)) throw new RangeError('feasible: ragged matrix');
  // Tableau with artificials: rows [A | I | b], b >= 0 after sign flips.
  const W = N + m;
  const T: Q[][] = A.map((row, i) => {
    const flip = (b[i] as Q).sign() < 0;
    const r = row.map((x) => (flip ? x.neg() : x));
    for (let k = 0; k < m; k++) r.push(k === i ? Q.ONE : Q.ZERO);
    r.push(flip ? (b[i] as Q).neg() : (b[i] as Q));
    return r;
  });
  const basis = Array.from({ length: m }, (_, i) => N + i);
  // Objective: minimise the sum of artificials; reduced costs c_j - c_B B^-1 A_j.
  const cost = (j: number) => (j >= N && j < W ? Q.ONE : Q.ZERO);
  for (;;) {
    // Reduced cost of column j: cost(j) - sum_i cost(basis_i) T[i][j].
    let enter = -1;
    for (let j = 0; j < W && enter < 0; j++) {
      if (basis.includes(j)) continue;
      let rc = cost(j);
      for (let i = 0; i < m; i++) rc = rc.sub(cost(basis[i] as number).mul((T[i] as Q[])[j] as Q));
      if (rc.sign() < 0) enter = j; // Bland: the first improving column
    }
    if (enter < 0) break;
    // Ratio test, ties broken by the smallest basic index (Bland).
    let leave = -1;
    let best: Q | undefined;
    for (let i = 0; i < m; i++) {
      const a = (T[i] as Q[])[enter] as Q;
      if (a.sign() <= 0) continue;
      const ratio = ((T[i] as Q[])[W] as Q).div(a);
      const c = best === undefined ? -1 : ratio.cmp(best);
      if (c < 0 || (c === 0 && (basis[i] as number) < (basis[leave] as number))) {
        best = ratio;
        leave = i;
      }
    }
    if (leave < 0) break; // unbounded below cannot happen for a sum of nonnegative artificials
    const prow = T[leave] as Q[];
    const piv = prow[enter] as Q;
    for (let j = 0; j <= W; j++) prow[j] = (prow[j] as Q).div(piv);
    for (let i = 0; i < m; i++) {
      if (i === leave) continue;
      const row = T[i] as Q[];
      const f = row[enter] as Q;
      if (f.isZero()) continue;
      for (let j = 0; j <= W; j++) row[j] = (row[j] as Q).sub(f.mul(prow[j] as Q));
    }
    basis[leave] = enter;
  }
  // Feasible iff every artificial still basic sits at 0.
  const x = new Array<Q>(N).fill(Q.ZERO);
  for (let i = 0; i < m; i++) {
    const j = basis[i] as number;
    const v = (T[i] as Q[])[W] as Q;
    if (j >= N) {
      if (!v.isZero()) return undefined;
    } else x[j] = v;
  }
  return x;
}
