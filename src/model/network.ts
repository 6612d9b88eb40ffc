/**
 * Exact forward passes over Q, with weights in nn.Linear shapes (out x in):
 * encoder z = W1 x + b1 (W1: 1 x n), one-layer decoder y = g(W2 z + b2)
 * (W2: n x 1), two-layer decoder a = g2(W2 z + b2) (W2: n2 x 1),
 * y = ReLU(W3 a + b3) (W3: n x n2).
 */
import { type Mat, cols, mul, rows, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';

/** An exact activation on rationals. */
export type ExactActivation = (u: Q) => Q;

export const relu: ExactActivation = (u) => (u.sign() > 0 ? u : Q.ZERO);
export const identityActivation: ExactActivation = (u) => u;

/** Weights of the full autoencoder; b3 absent means no bias in layer 3. */
export interface AutoencoderWeights {
  W1: Mat;
  b1: Q[];
  W2: Mat;
  b2: Q[];
  W3: Mat;
  b3?: Q[];
}

/** Codes z(i) = W1 x(i) + b1 for the rows of X. */
export function encode(W1: Mat, b1: Q[], X: Mat): Q[] {
  const b = b1[0] ?? Q.ZERO;
  return mul(X, transpose(W1)).map((r) => (r[0] as Q).add(b));
}

/** The (m x n2) layer-2 activations A2 = g2(z W2^T + 1 b2^T) for codes z. */
export function layer2(codes: Q[], W2: Mat, b2: Q[], g2: ExactActivation = relu): Mat {
  return codes.map((z) => W2.map((w, j) => g2((w[0] as Q).mul(z).add(b2[j] ?? Q.ZERO))));
}

/** Y = ReLU(A2 W3^T + 1 b3^T), also returning the pre-activation U3. */
export function layer3(A2: Mat, W3: Mat, b3?: Q[]): { U3: Mat; Y: Mat } {
  if (cols(A2) !== cols(W3)) {
    throw new RangeError(`A2 has ${cols(A2)} columns but W3 has ${cols(W3)} inputs`);
  }
  const base = rows(A2) === 0 ? [] : mul(A2, transpose(W3));
  const U3 = b3 ? base.map((r) => r.map((x, j) => x.add(b3[j] ?? Q.ZERO))) : base;
  return { U3, Y: U3.map((r) => r.map(relu)) };
}

/** The full exact forward pass on the rows of X. */
export function forward(w: AutoencoderWeights, X: Mat, g2: ExactActivation = relu) {
  const z = encode(w.W1, w.b1, X);
  const A2 = layer2(z, w.W2, w.b2, g2);
  const { U3, Y } = layer3(A2, w.W3, w.b3);
  return { z, A2, U3, Y };
}
