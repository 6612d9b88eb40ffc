/**
 * lemma-encoder (deck, "One Layer Encoder"):
 *   one linear layer z = W1 x + b1 gives codes linear in the position,
 *   z(i) = alpha*i + beta with alpha != 0; no non-linearity is needed.
 *
 * Unknowns v = (W1_1..W1_n, b1, alpha, beta). The n+1 conditions
 *   sum_{j >= i} C W1_j + b1 - alpha*i - beta = 0   (i = 1..n+1)
 * are linear and homogeneous in v; their solution space is computed exactly.
 * Differences of consecutive conditions give C W1_i = -alpha, so the space is
 * {W1 = w 1, alpha = -C w, beta = b1 + C w (n+1)}: dimension 2, and the code is
 * linear (alpha != 0) exactly when the common weight w is nonzero.
 */
import { checkRankCertificate, gaussRank, isKernelVector } from '../kernel/certificate.js';
import { type Mat, rankCertificate } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { linearEncoder } from '../construct/decoder.js';
import { reading, recheck, upTo, vecText, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** The (n+1) x (n+3) matrix of the linear-code conditions on (W1, b1, alpha, beta). */
export function linearCodeSystem(n: number, C: Q): Mat {
  return Array.from({ length: n + 1 }, (_, r) => {
    const i = r + 1;
    return [...Array.from({ length: n }, (_, j) => (j + 1 >= i ? C : Q.ZERO)), Q.ONE, Q.int(-i), Q.MINUS_ONE];
  });
}

/** The two generators of the solution space predicted by the derivation. */
export function predictedBasis(n: number, C: Q): Q[][] {
  const ones = Array.from({ length: n }, () => Q.ONE);
  const zeros = Array.from({ length: n }, () => Q.ZERO);
  return [
    [...ones, Q.ZERO, C.neg(), C.mul(Q.int(n + 1))], // w = 1, b1 = 0
    [...zeros, Q.ONE, Q.ZERO, Q.ONE], // w = 0, b1 = 1
  ];
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const rows: string[][] = [];
  for (const n of upTo(nMax)) {
    const S = linearCodeSystem(n, C);
    const cert = rankCertificate(S);
    recheck(checkRankCertificate(S, cert).ok, `rank certificate of the encoder system, n = ${n}`);
    const basis = predictedBasis(n, C);
    const inKernel = basis.every((v) => isKernelVector(S, v));
    // Same space: both predicted vectors lie in the kernel, and together with
    // the computed basis they span only 2 dimensions.
    const sameSpace = inKernel && cert.kernel.length === 2 && gaussRank([...cert.kernel, ...basis]) === 2;
    recheck(sameSpace, `solution space of the encoder system, n = ${n}`);
    const e = linearEncoder(n, C);
    const z = encode(e.W1, e.b1, stepMatrix(n, C));
    recheck(
      z.every((zi, i) => zi.equals(Q.int(i + 1))),
      `witness encoder gives z(i) = i, n = ${n}`,
    );
    rows.push([String(n), String(cert.rank), String(cert.kernel.length), vecText(e.W1[0] as Q[]), String(e.b1[0])]);
  }
  return verdictFrom(
    o,
    ['exists', 'all'],
    {
      summary: `z = W1 x + b1 is linear in i iff W1 = w*1 with w != 0 (b1 free); alpha = -C w (n = 1..${nMax})`,
      readings: [
        reading(
          'exists',
          'some W1, b1 give z(i) = alpha*i + beta with alpha != 0',
          'holds',
          `witness W1 = -(1/C) 1, b1 = n+1 gives z(i) = i, checked exactly for n = 1..${nMax}`,
        ),
        reading(
          'all',
          'the set of all (W1, b1) with linear codes',
          'holds',
          'exactly {W1 = w 1, w != 0, b1 in Q}: the solution space of the n+1 linear conditions has dimension 2',
        ),
        reading(
          'no-nonlinearity',
          'no activation is needed in the encoder',
          'holds',
          'the codes are affine in x and the witness is affine: a non-linearity adds nothing',
        ),
      ],
      sections: [
        {
          title:
            'Solution space of sum_{j>=i} C W1_j + b1 = alpha i + beta (i = 1..n+1), unknowns (W1, b1, alpha, beta)',
          table: { header: ['n', 'rank of the system', 'dimension of solutions', 'witness W1', 'witness b1'], rows },
        },
        {
          title: 'Basis of the solutions',
          lines: [
            '(W1, b1, alpha, beta) = w (1, ..., 1, 0, -C, C(n+1)) + b (0, ..., 0, 1, 0, 1), for rationals w, b; linear (alpha != 0) iff w != 0.',
          ],
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { certificate: { basis: 'w(1,...,1, 0, -C, C(n+1)) + b(0,...,0, 1, 0, 1)', rankCertificates: 're-checked' } },
  );
}

export const lemmaEncoder = defineClaim({
  id: 'lemma-encoder',
  slide: 'One Layer Encoder',
  gist: 'One linear layer gives codes linear in the position of the step; no non-linearity is needed.',
  statement:
    'A one MLP layer encoder is enough to generate linear codes with respect to the positions; a non-linearity is not required in the encoder.',
  reading:
    'Existence: some W1 in Q^{1 x n}, b1 give z(i) = W1 x(i) + b1 = alpha i + beta with alpha != 0. Characterisation: the set of all such (W1, b1).',
  method:
    'The n+1 linear conditions on (W1, b1, alpha, beta) are solved exactly over Q (kernel basis with a re-checked rank certificate) and compared with the two-parameter family predicted by differencing consecutive conditions; a witness encoder is run through the exact forward pass.',
  defaultNMax: 12,
  maxNMax: 64,
  options: {},
  check,
});
