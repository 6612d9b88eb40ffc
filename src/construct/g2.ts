/**
 * Exact two-layer solutions with any layer-2 activation of the catalogue
 * (activation/layer2.ts), and the exact certificates that none exists for a
 * polynomial activation. Zero signal dropped: n neurons, A2 invertible on
 * the n signal codes. Zero signal kept: n + 1 neurons, A2 invertible on all
 * n + 1 codes, so W3^T = A2^{-1} X reaches X itself (its last row is 0).
 *
 * A polynomial g2 of degree d keeps every column in span{1, z, ..., z^d}
 * (Taylor: p(w z + b) = sum_k p^(k)(b) w^k z^k / k!), so:
 * - dropped: rank U3 <= rank V < n is impossible (V the Vandermonde matrix
 *   of the signal codes, rank min(n, d + 1));
 * - kept, n >= d + 1: column n of U3 is a polynomial of degree <= d equal to
 *   C at n >= d + 1 distinct codes, hence the constant C (V has full column
 *   rank there), so it is C > 0 at the zero signal too: not form (1).
 * A layer-3 bias changes neither bound (constants are in the span).
 */
import { type G2, fullRankLayer, polyDegree, vandermonde } from '../activation/layer2.js';
import { equals, type Mat, rank, solve, transpose } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';
import { forward } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import type { RowsInUse } from './bias3.js';
import { encoderForCodes } from './codes.js';

/** Whether signals can be reconstructed with this g2, with the evidence. */
export type Reconstruction =
  | {
      kind: 'solution';
      /** exact: rational weights and the exact forward pass; certified: A2 proven invertible (real W3). */
      how: 'exact' | 'certified';
      n2: number;
      W2: Q[];
      b2: Q[];
      /** For exact solutions: W3 (n x n2). */
      W3?: Mat;
      /** For certified ones: the perturbation bound ||T^{-1}||_inf m eps < 1. */
      bound?: Q;
    }
  | { kind: 'impossible'; certificate: string }
  | { kind: 'undecided'; reason: string };

/**
 * Decides reconstruction of X(n, C) from the given n + 1 codes (pairwise
 * distinct on the rows in use) with activation g2 and a layer-2 bias, b3 = 0.
 */
export function reconstruct(g: G2, codes: readonly Q[], C: Q, rows: RowsInUse): Reconstruction {
  const n = codes.length - 1;
  const m = rows === 'kept' ? n + 1 : n;
  const used = codes.slice(0, m);
  const d = polyDegree(g);
  if (d !== undefined) {
    const r = rank(vandermonde(codes.slice(0, n), d));
    if (rows === 'dropped' && r < n)
      return {
        kind: 'impossible',
        certificate: `every column lies in the span of $1, \\dots, z^{${d}}$, of rank ${r} < ${n} on the codes`,
      };
    if (rows === 'kept' && r === d + 1)
      return {
        kind: 'impossible',
        certificate: `column ${n} of $U_3$ has degree at most ${d} and equals $C$ at ${n} codes (rank ${r} = ${d} + 1), so it is $C > 0$ at the zero signal`,
      };
  }
  const layer = fullRankLayer(g, used);
  if (layer.kind === 'not-found') return { kind: 'undecided', reason: layer.reason };
  if (layer.kind === 'certified')
    return { kind: 'solution', how: 'certified', n2: m, W2: layer.W2, b2: layer.b2, bound: layer.bound };
  if (g.kind !== 'exact') return { kind: 'undecided', reason: 'internal: exact layer for an analytic g2' };
  const X = stepMatrix(n, C);
  const W3T = solve(layer.A2, X.slice(0, m));
  const weights = {
    ...encoderForCodes(codes, C),
    W2: layer.W2.map((w) => [w]),
    b2: layer.b2,
    W3: transpose(W3T),
  };
  const out = forward(weights, X, g.f);
  if (!equals(out.Y.slice(0, m), X.slice(0, m)))
    return { kind: 'undecided', reason: 'internal: the forward pass does not reproduce X' };
  return { kind: 'solution', how: 'exact', n2: m, W2: layer.W2, b2: layer.b2, W3: weights.W3 };
}
