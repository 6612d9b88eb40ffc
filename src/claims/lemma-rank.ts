/**
 * lemma-rank (deck, "Layer 3"):
 *   U^{[3]} = A^{[2]} W^{[3]T} can be full rank under three necessary conditions:
 *   1. n2 = n, 2. W3 is full rank, 3. A2 is full rank.
 *
 * rank(U3) <= min(rank A2, rank W3) <= n2, and ReLU(U3) = X forces rank U3 = n
 * (lemma-layer3). So n2 >= n, rank W3 = n (= full rank of the n x n2 matrix W3)
 * and rank A2 >= n are necessary. "n2 = n" is not (a wider layer works), and
 * "A2 full rank" (rank min(n+1, n2)) is not when n2 > n (a zero neuron keeps
 * rank n). With n2 = n the corrected conditions are also sufficient, by
 * Sylvester's inequality rank(A2 W3^T) >= rank A2 + rank W3 - n2 = n.
 */
import { buildDecoder, linearEncoder } from '../construct/decoder.js';
import { fastRankQ } from '../kernel/fastrank.js';
import { equals, type Mat, mul, rank, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { forward } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { matText, reading, recheck, upTo, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** A solution with n2 = n+1 neurons and rank(A2) = n: the n2 = n solution plus a zero neuron. */
function paddedSolution(n: number, C: Q) {
  const r = buildDecoder({ n, C, encoder: linearEncoder(n, C) });
  if (!r.ok) throw new RangeError(r.reason);
  const w = r.construction.weights;
  return {
    ...w,
    W2: [...w.W2, [Q.ZERO]],
    b2: [...w.b2, Q.ZERO],
    W3: w.W3.map((row) => [...row, Q.ZERO]),
  };
}

function randomMat(m: number, n: number, rng: Rng): Mat {
  return Array.from({ length: m }, () => Array.from({ length: n }, () => Q.int(rng.int(-2, 2))));
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const rows: string[][] = [];
  let smallest: unknown = null;
  for (const n of upTo(nMax)) {
    const X = stepMatrix(n, C);
    // Witness 1: n2 = n + 1 with a full-rank A2 (all n+1 codes used).
    const wide = buildDecoder({ n, C, encoder: linearEncoder(n, C), n2: n + 1 });
    recheck(wide.ok, `n2 = n+1 construction, n = ${n}`);
    if (!wide.ok) continue;
    const fw = forward(wide.construction.weights, X);
    recheck(equals(fw.Y, X), `n2 = n+1 witness reproduces X, n = ${n}`);
    // Witness 2: n2 = n + 1 with rank(A2) = n < n + 1.
    const padded = paddedSolution(n, C);
    const fp = forward(padded, X);
    recheck(equals(fp.Y, X), `padded witness reproduces X, n = ${n}`);
    const rA = rank(fp.A2);
    const rW = rank(padded.W3);
    const rU = rank(fp.U3);
    recheck(rA === n && rU === n && rW === n, `padded witness ranks, n = ${n}`);
    rows.push([String(n), String(n + 1), String(rank(wide.construction.A2)), String(rA), String(rW), String(rU)]);
    if (n === 1) {
      smallest = {
        n,
        n2: 2,
        weights: padded,
        A2: fp.A2,
        rankA2: rA,
        fullRankA2: Math.min(n + 1, 2),
        Y_equals_X: true,
      };
    }
  }

  // Sylvester with n2 = n: random A2 of rank n and W3 of rank n give rank(U3) = n.
  const rng = new Rng(o.seed);
  let sylvester = 0;
  for (let t = 0; t < o.runs; t++) {
    const n = rng.int(1, nMax + 4);
    const A = randomMat(n + 1, n, rng);
    const W = randomMat(n, n, rng);
    if (fastRankQ(A) !== n || fastRankQ(W) !== n) continue;
    recheck(fastRankQ(mul(A, transpose(W))) === n, `Sylvester bound with n2 = n = ${n}`);
    sylvester++;
  }
  // Not sufficient when n2 > n: rank A2 = rank W3 = n, rank U3 < n.
  const A = [
    [Q.ONE, Q.ZERO],
    [Q.ZERO, Q.ZERO],
  ];
  const W = [[Q.ZERO, Q.ONE]];
  const U = mul(A, transpose(W));
  recheck(rank(A) === 1 && rank(W) === 1 && rank(U) === 0, 'insufficiency witness');

  return verdictFrom(
    o,
    ['n2 = n', 'W3 full rank', 'A2 full rank'],
    {
      summary: `as worded, n2 = n and "A2 full rank" are not necessary (n2 = n+1 with rank A2 = n reconstructs X, n = 1..${nMax}); the necessary conditions are n2 >= n, rank W3 = n, rank A2 >= n`,
      readings: [
        reading(
          'n2 = n',
          'U3 full rank requires n2 = n',
          'refuted',
          'n2 = n+1 solutions exist for every n checked; only n2 >= n is necessary (rank U3 <= n2)',
        ),
        reading(
          'W3 full rank',
          'U3 full rank requires rank W3 = n',
          'holds',
          'rank U3 <= rank W3 <= n, and U3 needs rank n',
        ),
        reading(
          'A2 full rank',
          'U3 full rank requires rank A2 = min(n+1, n2)',
          'refuted',
          'with n2 = n+1 a zero neuron gives rank A2 = n < n+1 and still Y = X; necessary only for n2 = n',
        ),
        reading(
          'corrected',
          'rank U3 = n requires n2 >= n, rank W3 = n, rank A2 >= n; for n2 = n these also suffice',
          'holds',
          `necessity by rank(AB) <= min(rank A, rank B); sufficiency for n2 = n by Sylvester (${sylvester} random re-checks); not sufficient for n2 > n (exact witness)`,
        ),
      ],
      sections: [
        {
          title: 'Exact witnesses with n2 = n + 1 (linear codes z = i); both reproduce X exactly',
          table: {
            header: ['n', 'n2', 'rank A2 (wide construction)', 'rank A2 (zero neuron added)', 'rank W3', 'rank U3'],
            rows,
          },
        },
        {
          title: 'The corrected conditions are not sufficient when n2 > n',
          lines: [
            `A2 = ${matText(A)} (rank 1), W3 = ${matText(W)} (rank 1, n = 1, n2 = 2), U3 = A2 W3^T = ${matText(U)} (rank 0).`,
          ],
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { counterexample: smallest },
  );
}

export const lemmaRank = defineClaim({
  id: 'lemma-rank',
  slide: 'Layer 3 (rank of a matrix product)',
  gist: 'U3 can be full rank only if n2 = n, W3 is full rank and A2 is full rank.',
  statement:
    'The preactivation matrix $U^{[3]}$ can be full rank under three necessary conditions: 1. $n^{[2]} = n$; 2. $W^{[3]}$ is full rank; 3. $A^{[2]}$ is full rank.',
  reading:
    'For U3 = A2 W3^T with ReLU(U3) = X (so rank U3 = n): is each of n2 = n, rank W3 = min(n, n2), rank A2 = min(n+1, n2) necessary?',
  method:
    "rank(AB) <= min(rank A, rank B) for the necessary parts; exact solutions with n2 = n + 1 (one full-rank, one with a zero neuron so rank A2 = n) for every n <= n-max, verified by the exact forward pass; Sylvester's inequality on random instances for sufficiency when n2 = n.",
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
