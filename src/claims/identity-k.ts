/**
 * identity-k (deck, "Layer 2"):
 *   A2_ij = g2(W2_j (z(i) + k_j)) with k_j = b2_j / W2_j.
 *
 * Where W2_j != 0, W2_j (z + b2_j / W2_j) = W2_j z + b2_j exactly, for any g2.
 * Where W2_j = 0 the column is the constant g2(b2_j) and k_j is undefined.
 * For ReLU, a column ReLU(w (z + k)) with w != 0 that is constant on two or
 * more distinct codes is zero there (an affine non-constant function takes
 * distinct values, and ReLU identifies distinct values only when they are
 * <= 0), so the positive constant columns ReLU(b2_j), b2_j > 0, W2_j = 0
 * are outside the k-parametrisation.
 */
import { rank } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode, type ExactActivation, identityActivation, layer2, relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { linearEncoder } from '../construct/decoder.js';
import { Rng } from '../random.js';
import { matText, reading, recheck, upTo, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

const ACTIVATIONS: [string, ExactActivation][] = [
  ['ReLU', relu],
  ['identity', identityActivation],
  ['clipped ReLU min(max(u,0),1)', (u) => relu(u).min(Q.ONE)],
  ['Heaviside (1 for u > 0)', (u) => (u.sign() > 0 ? Q.ONE : Q.ZERO)],
];

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const rng = new Rng(o.seed);
  let checked = 0;
  for (const n of upTo(nMax)) {
    const enc = linearEncoder(n, C, Q.of(BigInt(rng.int(1, 3)), BigInt(rng.int(1, 2))), Q.int(rng.int(-3, 3)));
    const codes = encode(enc.W1, enc.b1, stepMatrix(n, C));
    for (const [, g] of ACTIVATIONS) {
      for (let t = 0; t < Math.max(1, Math.ceil(o.runs / nMax)); t++) {
        const W2 = Array.from({ length: n }, () => {
          let w = 0;
          while (w === 0) w = rng.int(-5, 5);
          return [Q.of(BigInt(w), BigInt(rng.int(1, 4)))];
        });
        const b2 = Array.from({ length: n }, () => Q.of(BigInt(rng.int(-9, 9)), BigInt(rng.int(1, 4))));
        const A2 = layer2(codes, W2, b2, g);
        const viaK = codes.map((z) =>
          W2.map((w, j) => {
            const wj = w[0] as Q;
            const k = (b2[j] as Q).div(wj);
            return g(wj.mul(z.add(k)));
          }),
        );
        recheck(
          A2.every((row, i) => row.every((a, j) => a.equals((viaK[i] as Q[])[j] as Q))),
          `identity with k, n = ${n}`,
        );
        checked++;
      }
    }
  }
  // What W2_j = 0 adds: a constant column. With n = 2, z = 1, 2, 3: columns 1 and ReLU(z - 1).
  const n = 2;
  const codes = encode(linearEncoder(n, C).W1, linearEncoder(n, C).b1, stepMatrix(n, C));
  const W2 = [[Q.ZERO], [Q.ONE]];
  const b2 = [Q.ONE, Q.MINUS_ONE];
  const A2 = layer2(codes, W2, b2);
  recheck(rank(A2) === 2, 'constant-column witness has rank 2');
  return verdictFrom(
    o,
    ['W2_j != 0'],
    {
      summary: `holds where W2_j != 0 (exact, ${checked} random layers, 4 activations, n = 1..${nMax}); W2_j = 0 gives constant columns g2(b2_j) that the k-form cannot express`,
      readings: [
        reading(
          'W2_j != 0',
          'A2_ij = g2(W2_j (z(i) + k_j)), k_j = b2_j / W2_j',
          'holds',
          'W2_j (z + b2_j/W2_j) = W2_j z + b2_j in Q',
        ),
        reading(
          'every column',
          'every column of A2 (W2_j = 0 allowed) has the k-form',
          'refuted',
          'W2_j = 0, b2_j > 0 gives the constant column ReLU(b2_j) > 0, which no ReLU(w(z + k)) with w != 0 equals on 2 distinct codes',
        ),
      ],
      sections: [
        {
          title: 'What the parametrisation misses (W2_j = 0)',
          lines: [
            `n = 2, codes z = 1, 2, 3, W2 = ${matText(W2)}, b2 = (1, -1): A2 = ${matText(A2)}, rank 2 (full).`,
            'Column 1 is the constant 1 = ReLU(0*z + 1): it has no k_1, and no ReLU(w (z + k)) with w != 0 is a positive constant on two distinct codes.',
            'A positive constant column acts like a bias of layer 3 (W3 times it is a constant vector), so excluding W2_j = 0 also hides that freedom.',
          ],
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { certificate: { identity: 'W(z + b/W) = Wz + b for W != 0', randomLayersChecked: checked } },
  );
}

export const identityK = defineClaim({
  id: 'identity-k',
  slide: 'Layer 2',
  gist: 'A2_ij = g2(W2_j (z(i) + k_j)) with k_j = b2_j / W2_j.',
  statement:
    '$A^{[2]}_{ij} = g^{[2]}\\big(W^{[2]}_j (z^{(i)} + k_j)\\big)$ where $k_j = \\mathbf{b}^{[2]}_j / W^{[2]}_j$.',
  reading: 'An identity of rationals wherever W2_j != 0, for any activation; and what happens when W2_j = 0.',
  method:
    'Exact evaluation of both sides on random layers (random linear codes, weights and biases) for ReLU, identity, clipped ReLU and Heaviside; an exact full-rank A2 using a W2_j = 0 column.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
