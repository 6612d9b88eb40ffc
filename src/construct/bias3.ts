/**
 * The layer-3 bias b3 (U3 = A2 W3^T + 1 b3^T): the exact construction that
 * saves a neuron when the zero signal is dropped, the bordered determinant
 * that shows it cannot when the zero signal is kept, and decoder parameter
 * counts. Shared by lemma-rank, prop-architecture and claim-layer3-bias.
 *
 * Zero signal dropped: with the signal codes sorted y_1 < ... < y_n, the
 * n - 1 decreasing columns ReLU(t_j - z), t_j = (y_j + y_{j+1}) / 2, all
 * vanish at y_n, so M = [A2 1] (sorted rows) is [T 1; 0 1] with T upper
 * triangular with positive diagonal: invertible, and [W3^T; b3^T] = M^{-1} U
 * reaches any U of form (1). Zero signal kept: det [U 1] = prod_{i=1..n}
 * (C - u_{i+1,i}) > 0 for U of form (1), so rank(A2 W3^T) >= n whatever b3.
 */
import { det, equals, type Mat, solve, transpose } from '../kernel/matrix.js';
import { Poly, polyDet } from '../kernel/poly.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, encode, forward } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import type { Rng } from '../random.js';
import { isFormOne, randomFormOne } from './decoder.js';

/** Which signals must be reconstructed: 1..n (dropped) or 1..n+1 (kept). */
export type RowsInUse = 'dropped' | 'kept';

/** The decoder's trainable scalars: W2 and b2 (2 n2), W3 (n n2), and b3 (n) when present. */
export function decoderParams(n: number, n2: number, withB3: boolean): number {
  return 2 * n2 + n * n2 + (withB3 ? n : 0);
}

/** An exact solution with a layer-3 bias, verified by the exact forward pass. */
export interface BiasSolution {
  n: number;
  n2: number;
  C: Q;
  weights: AutoencoderWeights & { b3: Q[] };
  /** Codes of all n + 1 signals. */
  codes: Q[];
  /** A2 and U3 on all n + 1 signals (row n + 1 is the zero signal's, not constrained). */
  A2: Mat;
  U3: Mat;
}

/**
 * A solution with b3 and n2 = max(n - 1, 1) neurons that reproduces X(n, C)
 * on signals 1..n (zero signal dropped) with pre-activations exactly U
 * (rows 1..n of a form-(1) matrix; default X). For n = 1 the one neuron is
 * dead (W2 = b2 = 0) and b3 = U_11 = C: a layer has at least one neuron.
 * Fails only when two signal codes are equal (then no decoder exists).
 */
export function buildWithLayer3Bias(o: {
  n: number;
  C: Q;
  encoder: { W1: Mat; b1: Q[] };
  U?: Mat;
}): { ok: true; solution: BiasSolution } | { ok: false; reason: string } {
  const { n, C } = o;
  const X = stepMatrix(n, C);
  const U = (o.U ?? X).slice(0, n);
  if (U.length !== n || U.some((r) => r.length !== n) || !isFormOne(U, C)) {
    return { ok: false, reason: 'U must have n rows of form (1): C on and above the diagonal, <= 0 below' };
  }
  const codes = encode(o.encoder.W1, o.encoder.b1, X);
  const signal = codes.slice(0, n);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      if ((signal[a] as Q).equals(signal[b] as Q))
        return { ok: false, reason: `signals ${a + 1} and ${b + 1} have the same code ${signal[a]}` };
  let W2: Mat;
  let b2: Q[];
  let W3T: Mat;
  let b3: Q[];
  if (n === 1) {
    W2 = [[Q.ZERO]];
    b2 = [Q.ZERO];
    W3T = [[Q.ZERO]];
    b3 = [(U[0] as Q[])[0] as Q];
  } else {
    const y = [...signal].sort((a, b) => a.cmp(b));
    const knots = y.slice(0, n - 1).map((v, j) => v.add(y[j + 1] as Q).div(Q.int(2)));
    // ReLU(t - z) = ReLU(-z + t).
    W2 = knots.map(() => [Q.MINUS_ONE]);
    b2 = knots;
    // M = [A2 1] on the signals, n x n: invertible by the triangular argument of the header.
    const M = signal.map((z) => [...knots.map((t) => t.sub(z).max(Q.ZERO)), Q.ONE]);
    const S = solve(M, U);
    W3T = S.slice(0, n - 1);
    b3 = S[n - 1] as Q[];
  }
  const weights = { ...o.encoder, W2, b2, W3: transpose(W3T), b3 };
  const out = forward(weights, X);
  if (!equals(out.U3.slice(0, n), U) || !equals(out.Y.slice(0, n), X.slice(0, n))) {
    return { ok: false, reason: 'internal: the forward pass does not reproduce U on signals 1..n' };
  }
  return { ok: true, solution: { n, n2: W2.length, C, weights, codes, A2: out.A2, U3: out.U3 } };
}

/** det [U 1] for an (n+1) x n matrix U (exact). */
export function borderedDet(U: Mat): Q {
  return det(U.map((r) => [...r, Q.ONE]));
}

/** prod_{i=1..n} (C - u_{i+1,i}) (1-based) for an (n+1) x n matrix U: the closed form of det [U 1] on form (1). */
export function subdiagonalProduct(U: Mat, C: Q): Q {
  let p = Q.ONE;
  for (let i = 1; i < U.length; i++) p = p.mul(C.sub((U[i] as Q[])[i - 1] as Q));
  return p;
}

/** The variable name of u_{i,j} (1-based) in symbolic matrices. */
export function uVar(i: number, j: number): string {
  return `u${i}_${j}`;
}

/**
 * det [U 1] of the symbolic (n+1) x n form-(1) matrix (C and one variable
 * per entry below the diagonal), and the closed form prod_{i=1..n} (C - u_{i+1,i}).
 */
export function borderedDetSymbolic(n: number): { det: Poly; product: Poly } {
  const C = Poly.variable('C');
  const rows = Array.from({ length: n + 1 }, (_, i) => [
    ...Array.from({ length: n }, (_, j) => (j >= i ? C : Poly.variable(uVar(i + 1, j + 1)))),
    Poly.constant(Q.ONE),
  ]);
  let product = Poly.constant(Q.ONE);
  for (let i = 1; i <= n; i++) product = product.mul(C.sub(Poly.variable(uVar(i + 1, i))));
  return { det: polyDet(rows), product };
}

/** det of the symbolic n x n form-(1) matrix (rows 1..n) equals C prod_{i<n} (C - u_{i+1,i}). */
export function squareDetIdentity(n: number): boolean {
  const C = Poly.variable('C');
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (j >= i ? C : Poly.variable(uVar(i + 1, j + 1)))),
  );
  let closed = C;
  for (let i = 1; i < n; i++) closed = closed.mul(C.sub(Poly.variable(uVar(i + 1, i))));
  return polyDet(rows).equals(closed);
}

/** Largest n whose determinant identities are re-checked symbolically (beyond: at random exact points only). */
export const SYMBOLIC_MAX = 5;

/**
 * Re-checks the two determinant identities behind every lower bound on n2:
 * det T = C prod_{i<n} (C - u_{i+1,i}) for rows 1..n of a form-(1) matrix,
 * and det [U 1] = prod_{i<=n} (C - u_{i+1,i}). Symbolically for
 * n <= SYMBOLIC_MAX, and at three random form-(1) matrices (exact
 * determinants against the closed forms) for every n.
 */
export function formOneIdentities(n: number, C: Q, rng: Rng): boolean {
  if (n <= SYMBOLIC_MAX) {
    const bordered = borderedDetSymbolic(n);
    if (!squareDetIdentity(n) || !bordered.det.equals(bordered.product)) return false;
  }
  for (let t = 0; t < 3; t++) {
    const U = randomFormOne(n, C, rng);
    const top = U.slice(0, n);
    if (!borderedDet(U).equals(subdiagonalProduct(U, C))) return false;
    if (!det(top).equals(C.mul(subdiagonalProduct(top, C)))) return false;
  }
  return true;
}
