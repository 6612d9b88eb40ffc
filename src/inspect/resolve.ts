/**
 * Re-solving layer 3 exactly from a given layer 2: the deck's
 * W3^T = A2^{-1} U3 with U3 = X, generalised to any A2 by solving the linear
 * system A2 W3^T = X exactly (reduced row echelon form over Q) when it is
 * consistent. Tried on all n+1 signals first (then the zero signal's row of
 * U3 is 0 and ReLU gives it back), then on signals 1..n only (then the zero
 * signal is reconstructed exactly when its row of U3 comes out <= 0). With a
 * layer-3 bias the unknowns are (W3, b3) and A2 gets a column of ones.
 *
 * Only the target U3 = X is tried: another U3 of form (1) (negative entries
 * below the diagonal) may reconstruct the zero signal where X does not;
 * finding one is a linear feasibility problem, not searched here. When A2
 * on signals 1..n has rank < n no U3 works at all: a form-(1) matrix is
 * upper triangular with C on the diagonal on those rows, so rank(U3) = n,
 * but rank(A2 W3^T) <= rank(A2).
 */
import { equals, type Mat, rank, rref, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { forward } from '../model/network.js';

/**
 * A solution S of A S = B (A: m x k, B: m x p), free unknowns set to 0, or
 * undefined when the system is inconsistent.
 */
export function solveConsistent(A: Mat, B: Mat): Mat | undefined {
  const k = A[0]?.length ?? 0;
  const p = B[0]?.length ?? 0;
  const { r, pivots } = rref(A.map((row, i) => [...row, ...(B[i] as Q[])]));
  if (pivots.some((c) => c >= k)) return undefined;
  const S = Array.from({ length: k }, () => Array.from({ length: p }, () => Q.ZERO));
  pivots.forEach((c, i) => {
    S[c] = (r[i] as Q[]).slice(k);
  });
  return S;
}

/** The outcome of re-solving layer 3. */
export type Resolution =
  | {
      possible: true;
      /** Rows the system was solved on: all n+1 signals, or signals 1..n. */
      rows: 'all' | 'signals';
      W3: Mat;
      b3?: Q[];
      /** Y = X on signals 1..n / on the zero signal, by the exact forward pass. */
      signals: boolean;
      zeroSignal: boolean;
    }
  | { possible: false; reason: string };

/**
 * Keeps layers 1 and 2 (`w`'s W1, b1, W2, b2) and re-solves W3 (and b3
 * when `withB3`) for U3 = X, checking the result by the exact forward pass.
 */
export function resolveLayer3(w: { W1: Mat; b1: Q[]; W2: Mat; b2: Q[] }, A2: Mat, X: Mat, withB3: boolean): Resolution {
  const n = X.length - 1;
  const A = withB3 ? A2.map((row) => [...row, Q.ONE]) : A2;
  const top = A.slice(0, n);
  const r = rank(top);
  if (r < n)
    return {
      possible: false,
      reason: `${withB3 ? '[A2 1]' : 'A2'} on signals 1..n has rank ${r} < n = ${n}: no ${withB3 ? 'W3, b3 give' : 'W3 gives'} ReLU(U3) = X (a U3 of form (1) has rank n on those rows)`,
    };
  let rows: 'all' | 'signals' = 'all';
  let S = solveConsistent(A, X);
  if (!S) {
    rows = 'signals';
    S = solveConsistent(top, X.slice(0, n)) as Mat; // rank n on n rows: always consistent
  }
  const n2 = A2[0]?.length ?? 0;
  const W3 = transpose(S.slice(0, n2));
  const b3 = withB3 ? (S[n2] as Q[]) : undefined;
  // Only layers 1-2 of w: a b3 it may carry is the one being replaced.
  const { Y } = forward({ W1: w.W1, b1: w.b1, W2: w.W2, b2: w.b2, W3, ...(b3 ? { b3 } : {}) }, X);
  return {
    possible: true,
    rows,
    W3,
    ...(b3 ? { b3 } : {}),
    signals: equals(Y.slice(0, n), X.slice(0, n)),
    zeroSignal: equals([Y[n] as Q[]], [X[n] as Q[]]),
  };
}
