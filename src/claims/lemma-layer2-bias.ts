/**
 * lemma-layer2-bias (deck, "Layer 2"):
 *   if g2 = ReLU, a bias in layer 2 is necessary and sufficient for A2 to be full rank.
 *
 * Without bias, ReLU(w z) = w+ ReLU(z) + w- ReLU(-z) (w+ = max(w, 0), w- = max(-w, 0)),
 * so every column of A2 lies in span{z+, z-}, z+ = max(z, 0), z- = max(-z, 0)
 * taken over the codes: rank A2 <= rank [z+ z-] <= 2, with equality reachable
 * (W2 = (1, -1, 0, ...)). Full rank (rank n) without bias is therefore
 * possible exactly when n <= rank [z+ z-]: n = 1 with a nonzero code, n = 2
 * with codes of both signs. With bias, A2 can be made full rank iff at least
 * n codes are distinct (equal codes give equal rows).
 */
import { buildDecoder, linearEncoder } from '../construct/decoder.js';
import { type Mat, rank } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode, layer2, relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { matText, reading, recheck, upTo, vecText, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** A code family: name and (alpha, beta) of z(i) = alpha i + beta. */
interface Family {
  name: string;
  alpha: Q;
  beta: (n: number) => Q;
}

const FAMILIES: Family[] = [
  { name: 'z = i (positive)', alpha: Q.ONE, beta: () => Q.ZERO },
  { name: 'z = 2i - (n+2) (both signs)', alpha: Q.int(2), beta: (n) => Q.int(-(n + 2)) },
];

/** rank [z+ z-]: the largest rank of a bias-free ReLU layer on these codes. */
export function noBiasRankBound(codes: Q[]): number {
  return rank(codes.map((z) => [relu(z), relu(z.neg())]));
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const rng = new Rng(o.seed);
  const rows: string[][] = [];
  const failures: Record<string, number[]> = {};
  const noteFail = (family: string, n: number) => (failures[family] ??= []).push(n);
  let witnesses: { family: string; n: number; codes: Q[]; W2: Mat; A2: Mat; rank: number }[] = [];
  for (const f of FAMILIES) {
    for (const n of upTo(nMax)) {
      const enc = linearEncoder(n, C, f.alpha, f.beta(n));
      const codes = encode(enc.W1, enc.b1, stepMatrix(n, C));
      const bound = noBiasRankBound(codes);
      // The span argument, re-checked on random bias-free weights: each column is w+ z+ + w- z-.
      for (let t = 0; t < 8; t++) {
        const W2: Mat = Array.from({ length: n }, () => [Q.of(BigInt(rng.int(-4, 4)), BigInt(rng.int(1, 3)))]);
        const A2 = layer2(
          codes,
          W2,
          Array.from({ length: n }, () => Q.ZERO),
        );
        recheck(
          A2.every((row, i) =>
            row.every((a, j) => {
              const w = (W2[j] as Q[])[0] as Q;
              const z = codes[i] as Q;
              return a.equals(
                relu(w)
                  .mul(relu(z))
                  .add(relu(w.neg()).mul(relu(z.neg()))),
              );
            }),
          ),
          `bias-free columns lie in span{z+, z-}, n = ${n}`,
        );
        recheck(rank(A2) <= bound, `bias-free rank bound, n = ${n}`);
      }
      // A bias-free witness reaching min(bound, n): W2 = (1, -1, 0, ...).
      const W2w: Mat = Array.from({ length: n }, (_, j) => [j === 0 ? Q.ONE : j === 1 ? Q.MINUS_ONE : Q.ZERO]);
      const A2w = layer2(
        codes,
        W2w,
        Array.from({ length: n }, () => Q.ZERO),
      );
      const reached = rank(A2w);
      recheck(reached === Math.min(bound, n), `bias-free witness reaches the bound, n = ${n}`);
      const noBiasFull = reached === n;
      if (noBiasFull) {
        noteFail(f.name, n);
        witnesses.push({ family: f.name, n, codes, W2: W2w, A2: A2w, rank: reached });
      }
      // With bias: the construction's A2 has rank n on all n+1 codes.
      const built = buildDecoder({ n, C, encoder: enc });
      recheck(built.ok && rank(built.construction.A2) === n, `bias construction has full rank, n = ${n}`);
      rows.push([f.name, String(n), vecText(codes), String(Math.min(bound, n)), noBiasFull ? 'yes' : 'no', 'yes']);
    }
  }
  witnesses = witnesses.sort((a, b) => a.n - b.n);
  // Sufficiency needs distinct codes: W1 = 0 makes every code equal, so rank A2 <= 1 for any bias.
  const tiesN = Math.min(2, nMax);
  const flat = encode([Array.from({ length: tiesN }, () => Q.ZERO)], [Q.ONE], stepMatrix(tiesN, C));
  const tieA2 = layer2(
    flat,
    Array.from({ length: tiesN }, (_, j) => [j % 2 === 0 ? Q.ONE : Q.MINUS_ONE]),
    Array.from({ length: tiesN }, (_, j) => Q.int(j + 1)),
  );
  const tieRank = rank(tieA2);
  recheck(tieRank <= 1, 'equal codes give rank <= 1');

  const linearFails = [...new Set(Object.values(failures).flat())].sort((a, b) => a - b);
  const posFails = failures['z = i (positive)'] ?? [];
  return verdictFrom(
    o,
    ['necessary (linear codes)', 'sufficient (linear codes)'],
    {
      summary:
        linearFails.length > 0
          ? `refuted at n = ${linearFails.join(', ')}: without bias rank A2 <= rank[z+ z-] <= 2, so a bias is necessary only for n >= 3 (n >= 2 for positive codes); sufficient for distinct codes`
          : `holds for n = 1..${nMax}`,
      readings: [
        reading(
          'necessary (z = i)',
          'with z(i) = i, no bias-free ReLU layer gives rank A2 = n',
          posFails.length ? 'refuted' : 'holds',
          posFails.length ? `fails at n = ${posFails.join(', ')}: rank[z+ z-] = 1 >= n` : 'rank[z+ z-] = 1 < n',
        ),
        reading(
          'necessary (linear codes)',
          'for linear codes z = alpha i + beta, no bias-free ReLU layer gives rank A2 = n',
          linearFails.length ? 'refuted' : 'holds',
          linearFails.length
            ? `fails at n = ${linearFails.join(', ')} (codes of both signs give rank 2)`
            : 'bound below n',
        ),
        reading(
          'necessary (n >= 3)',
          'for any codes and n >= 3, a bias is necessary',
          'holds',
          'rank A2 <= rank[z+ z-] <= 2 < n',
        ),
        reading(
          'sufficient (linear codes)',
          'for linear codes (alpha != 0) some bias makes A2 full rank',
          'holds',
          `triangular knots between consecutive codes, rank n checked exactly for n = 1..${nMax}`,
        ),
        reading(
          'sufficient (any codes)',
          'for any codes some bias makes A2 full rank',
          nMax >= 2 ? 'refuted' : 'holds',
          nMax >= 2
            ? `W1 = 0 makes all codes equal: rank A2 = ${tieRank} < 2 at n = 2 whatever W2, b2; at least n distinct codes are needed`
            : 'n = 1 only checked',
        ),
      ],
      sections: [
        {
          title: 'Largest rank of A2 without bias (rank [z+ z-], capped at n) and with bias',
          table: {
            header: [
              'codes',
              'n',
              'codes z(1..n+1)',
              'max rank, no bias',
              'full rank without bias',
              'full rank with bias',
            ],
            rows,
          },
        },
        {
          title: 'Bias-free full-rank witnesses (A2 over all n+1 codes, b2 = 0)',
          table: {
            header: ['codes', 'n', 'z', 'W2', 'A2', 'rank'],
            rows: witnesses.map((w) => [
              w.family,
              String(w.n),
              vecText(w.codes),
              matText(w.W2),
              matText(w.A2),
              String(w.rank),
            ]),
          },
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { counterexample: witnesses[0] ?? null, certificate: { bound: 'rank A2 <= rank [z+ z-]' } },
  );
}

export const lemmaLayer2Bias = defineClaim({
  id: 'lemma-layer2-bias',
  slide: 'Layer 2',
  gist: 'With a ReLU layer 2, a bias is necessary and sufficient for A2 to be full rank.',
  statement:
    'If $g^{[2]} = \\mathrm{ReLU}$, then the presence of a bias is a necessary and sufficient condition to make $A^{[2]}$ full rank.',
  reading:
    'A2 is (n+1) x n over all n+1 codes; full rank means rank n. Necessary: no bias-free layer (b2 = 0) reaches rank n. Sufficient: some W2, b2 reach rank n. Checked for positive linear codes, linear codes of both signs, and arbitrary codes.',
  method:
    'Bias-free columns satisfy ReLU(w z) = w+ z+ + w- z-, so rank A2 <= rank [z+ z-] (exact, re-checked on random weights) and W2 = (1, -1, 0, ...) reaches it; with bias, the triangular construction has rank n; equal codes (W1 = 0) bound the rank by 1.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
