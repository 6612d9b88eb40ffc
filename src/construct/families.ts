/**
 * Families of solutions and the rank-one update of W3:
 * - lemma-scaling: (W2, b2, W3) -> (D W2, D b2, W3 D^{-1}) for a diagonal D;
 * - the corollary's parametrisation W2 = W3^{-1} W2*, b2 = W3^{-1} b2*;
 * - Sherman–Morrison: after a change Delta of A2, the new W3 from the old one.
 */
import { type Mat, identity, inverse, mul, scale, solve, sub } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import type { AutoencoderWeights } from '../model/network.js';

/**
 * The lemma-scaling map for D = diag(d): W2 -> D W2, b2 -> D b2, W3 -> W3 D^{-1}.
 * @throws RangeError when d has a zero entry (D^{-1} does not exist) or the wrong length.
 */
export function scaleSolution(w: AutoencoderWeights, d: readonly Q[]): AutoencoderWeights {
  if (d.length !== w.W2.length) throw new RangeError(`D has ${d.length} entries, layer 2 has ${w.W2.length} neurons`);
  const zero = d.findIndex((x) => x.isZero());
  if (zero >= 0) throw new RangeError(`D_${zero + 1} = 0: W3 D^-1 is undefined`);
  return {
    ...w,
    W2: w.W2.map((row, j) => row.map((x) => x.mul(d[j] as Q))),
    b2: w.b2.map((x, j) => x.mul(d[j] as Q)),
    W3: w.W3.map((row) => row.map((x, j) => x.div(d[j] as Q))),
  };
}

/**
 * The natural extension of the map to a D with zero entries: W3 D^+, the
 * pseudo-inverse zeroing the columns of the dead neurons.
 */
export function scaleSolutionPseudo(w: AutoencoderWeights, d: readonly Q[]): AutoencoderWeights {
  return {
    ...w,
    W2: w.W2.map((row, j) => row.map((x) => x.mul(d[j] as Q))),
    b2: w.b2.map((x, j) => x.mul(d[j] as Q)),
    W3: w.W3.map((row) => row.map((x, j) => ((d[j] as Q).isZero() ? Q.ZERO : x.div(d[j] as Q)))),
  };
}

/** The corollary's invariants of a solution with n2 = n: W2* = W3 W2 and b2* = W3 b2. */
export function corollaryInvariants(w: AutoencoderWeights): { W2star: Mat; b2star: Q[] } {
  const b2col = w.b2.map((x) => [x]);
  return { W2star: mul(w.W3, w.W2), b2star: mul(w.W3, b2col).map((r) => r[0] as Q) };
}

/**
 * The corollary's map: for an invertible W3, W2 = W3^{-1} W2* and b2 = W3^{-1} b2*.
 * @throws RangeError when W3 is singular.
 */
export function corollaryMember(W3: Mat, W2star: Mat, b2star: Q[]): { W2: Mat; b2: Q[]; W3: Mat } {
  const inv = inverse(W3);
  return {
    W2: mul(inv, W2star),
    b2: mul(
      inv,
      b2star.map((x) => [x]),
    ).map((r) => r[0] as Q),
    W3,
  };
}

/** The outcome of the deck's rank-one update. */
export type UpdateResult = { ok: true; W3T: Mat; denominator: Q } | { ok: false; reason: string; denominator?: Q };

/**
 * The deck's formula W3^T = (I - W3+^T U3^{-1} Delta / (1 + tr(Delta W3+^T U3^{-1}))) W3+^T,
 * with W3+ the solution before A2 changed by Delta (all n x n, zero signal dropped).
 * A zero denominator is reported, not divided by.
 */
export function shermanMorrisonUpdate(W3plusT: Mat, U3: Mat, delta: Mat): UpdateResult {
  let U3inv: Mat;
  try {
    U3inv = inverse(U3);
  } catch {
    return { ok: false, reason: 'U3 is singular' };
  }
  const M = mul(W3plusT, U3inv); // = A2^{-1} when W3+^T = A2^{-1} U3
  const DM = mul(delta, M);
  const trace = DM.reduce((s, row, i) => s.add(row[i] as Q), Q.ZERO);
  const denominator = Q.ONE.add(trace);
  if (denominator.isZero()) {
    return { ok: false, reason: '1 + trace(Delta W3+^T U3^-1) = 0: A2 + Delta is singular', denominator };
  }
  const n = W3plusT.length;
  const factor = sub(identity(n), scale(mul(M, delta), denominator.inv()));
  return { ok: true, W3T: mul(factor, W3plusT), denominator };
}

/** The fresh solve the update must match: W3^T = (A2 + Delta)^{-1} U3, or undefined if singular. */
export function freshSolve(A2: Mat, delta: Mat, U3: Mat): Mat | undefined {
  const next = A2.map((row, i) => row.map((x, j) => x.add((delta[i] as Q[])[j] as Q)));
  try {
    return solve(next, U3);
  } catch {
    return undefined;
  }
}

/** Delta = (newColumn - A2[:, j]) e_j^T: the change of A2 when neuron j changes. */
export function columnChange(A2: Mat, j: number, newColumn: readonly Q[]): Mat {
  return A2.map((row, i) => row.map((x, c) => (c === j ? (newColumn[i] as Q).sub(x) : Q.ZERO)));
}
