/**
 * lemma-scaling (deck, "Set of solutions"):
 *   if (W2, b2, W3) is a solution, so is (D W2, b2 D, W3 D^{-1}) for every
 *   positive diagonal D.
 *
 * Proved for every n (positive homogeneity, the proof section below), with
 * the exact criterion for an invertible D with negative entries,
 *   U3' = U3 - sum_{d_j < 0} |u_j| W3[:, j]^T   (u_j = W2_j z + b2_j on the codes),
 * the theorem that with n2 = n no D with a negative entry keeps any solution,
 * and its failure for n2 > n (a neuron dead on every code can be turned
 * around or removed). Every status is decided by a small pure function of
 * the exact evidence (forward passes on base solutions and their images), so
 * a test can feed it a false variant (a g2 that is not positively
 * homogeneous, a negative entry) and see it flip.
 */
import { buildDecoder, linearEncoder, randomEncoder } from '../construct/decoder.js';
import { scaleSolution, scaleSolutionPseudo } from '../construct/families.js';
import { deckKnots, deckRecipe } from '../construct/patterns.js';
import { equals, type Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, type ExactActivation, forward, relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import type { Rng } from '../random.js';
import { math, texRows, texVec } from '../render/tex.js';
import type { Status, Verdict } from '../verdict.js';
import { nRange, reading, recheck, trials, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** A base solution: weights, and the rows (signals 1..rows) on which Y = X. */
export interface Base {
  n: number;
  weights: AutoencoderWeights;
  /** n (zero signal dropped) or n + 1 (kept). */
  rows: number;
  g2?: ExactActivation;
}

/** One image of a base under a diagonal D. */
export interface ScalingInstance {
  n: number;
  n2: number;
  d: Q[];
  /** The sign class of D: all positive, some negative (none zero), some zero. */
  kind: 'positive' | 'negative' | 'zero';
  /** The image (W3 D^+ for a zero entry) reproduces X on the base's rows. */
  solution: boolean;
  /** For an invertible D: the criterion's U3' equals the forward pass's, and form (1) there iff solution. */
  criterion?: boolean;
}

function solves(w: AutoencoderWeights, n: number, rows: number, C: Q, g2: ExactActivation): boolean {
  const X = stepMatrix(n, C);
  return equals(forward(w, X, g2).Y.slice(0, rows), X.slice(0, rows));
}

/** True when a base is a solution on its rows (checked before any image is judged). */
export function isSolution(b: Base, C: Q): boolean {
  return solves(b.weights, b.n, b.rows, C, b.g2 ?? relu);
}

/** The image of a base under D = diag(d), judged exactly (and, for invertible D with ReLU, against the criterion). */
export function scalingInstance(b: Base, C: Q, d: readonly Q[]): ScalingInstance {
  const g2 = b.g2 ?? relu;
  const kind = d.some((x) => x.isZero()) ? 'zero' : d.some((x) => x.sign() < 0) ? 'negative' : 'positive';
  const image = kind === 'zero' ? scaleSolutionPseudo(b.weights, d) : scaleSolution(b.weights, d);
  const solution = solves(image, b.n, b.rows, C, g2);
  const out: ScalingInstance = { n: b.n, n2: b.weights.W2.length, d: [...d], kind, solution };
  if (kind !== 'zero' && g2 === relu) {
    const X = stepMatrix(b.n, C);
    const { z, U3 } = forward(b.weights, X);
    // U3' = U3 - sum_{d_j < 0} |u_j(z_i)| W3[:, j]^T, independent of the magnitudes |d_j|.
    const predicted: Mat = U3.map((row, i) =>
      row.map((x, c) =>
        d.reduce((acc, dj, j) => {
          if (dj.sign() >= 0) return acc;
          const u = ((b.weights.W2[j] as Q[])[0] as Q).mul(z[i] as Q).add(b.weights.b2[j] as Q);
          return acc.sub(u.abs().mul((b.weights.W3[c] as Q[])[j] as Q));
        }, x),
      ),
    );
    const actual = forward(image, X).U3;
    const formOne = equals(
      predicted.slice(0, b.rows).map((r) => r.map(relu)),
      X.slice(0, b.rows),
    );
    out.criterion = equals(predicted, actual) && formOne === solution;
  }
  return out;
}

/** `positive`: holds iff every image under a positive D is a solution. */
export function decidePositive(ev: readonly ScalingInstance[]): Status {
  const pos = ev.filter((e) => e.kind === 'positive');
  if (pos.length === 0) return 'inconclusive';
  return pos.every((e) => e.solution) ? 'holds' : 'refuted';
}

/** `criterion`: holds iff the criterion matched the forward pass on every invertible D judged by it. */
export function decideCriterion(ev: readonly ScalingInstance[]): Status {
  const judged = ev.filter((e) => e.criterion !== undefined);
  if (judged.length === 0) return 'inconclusive';
  return judged.every((e) => e.criterion) ? 'holds' : 'refuted';
}

/**
 * "Such a D never keeps a solution" for the instances of one kind and width:
 * refuted iff one image is a solution, holds iff none is, inconclusive without instances.
 */
export function decideNever(
  ev: readonly ScalingInstance[],
  kind: 'negative' | 'zero',
  width: 'square' | 'wide',
): Status {
  const sel = ev.filter((e) => e.kind === kind && (width === 'square' ? e.n2 === e.n : e.n2 > e.n));
  if (sel.length === 0) return 'inconclusive';
  return sel.some((e) => e.solution) ? 'refuted' : 'holds';
}

/**
 * The wide base of every n: the deck's solution (z = i, knots j + 1/2, U3 = X,
 * zero signal kept) plus neuron n+1 = (1 - z)_+, dead on every code, with
 * W3 column e_1.
 */
export function deadNeuronBase(n: number, C: Q): Base {
  const r = deckRecipe(n, C, stepMatrix(n, C), deckKnots(n));
  recheck(r !== undefined, `deck recipe, n = ${n}`);
  const w = (r as NonNullable<typeof r>).weights;
  return {
    n,
    rows: n + 1,
    weights: {
      ...w,
      W2: [...w.W2, [Q.MINUS_ONE]],
      b2: [...w.b2, Q.ONE],
      W3: w.W3.map((row, c) => [...row, c === 0 ? Q.ONE : Q.ZERO]),
    },
  };
}

function positiveQ(rng: Rng): Q {
  return Q.of(BigInt(rng.int(1, 9)), BigInt(rng.int(1, 9)));
}

/** Random diagonals for one base: positive, with at least one negative entry, with one zero entry. */
function diagonals(n2: number, rng: Rng): Q[][] {
  const pos = Array.from({ length: n2 }, () => positiveQ(rng));
  const neg = pos.map((x) => (rng.next() < 0.5 ? x.neg() : x));
  const j = rng.int(0, n2 - 1);
  neg[j] = (pos[j] as Q).neg();
  const zero = pos.slice();
  zero[rng.int(0, n2 - 1)] = Q.ZERO;
  return [pos, neg, zero];
}

const PROOF: string[] = [
  "Indices: codes $z_i$ of the signals in use, neurons $j = 1, \\dots, n_2$, outputs $c = 1, \\dots, n$; $D = \\operatorname{diag}(d_1, \\dots, d_{n_2})$; $W_{3,:j}$ is column $j$ of $W_3$; $u_j(z) = W_{2,j} z + b_{2,j}$. The deck's $\\mathbf b_2 D$ is the row-vector form of $D \\mathbf b_2$. Form (1): $U_{ij} = C$ for $j \\ge i$ and $U_{ij} \\le 0$ for $j < i$; $Y = \\mathrm{ReLU}(U_3) = X$ on the rows in use iff $U_3$ has form (1) there.",
  '',
  '**Theorem (`positive`).** For every $n$, $n_2$, codes, rows in use (zero signal kept or dropped), with or without a layer-3 bias, and every positively homogeneous $g_2$: if $(W_2, \\mathbf b_2, W_3)$ is a solution and $D$ is diagonal with $d_j > 0$, then $(D W_2, D \\mathbf b_2, W_3 D^{-1})$ is a solution.',
  '',
  '*Proof.* $\\mathrm{ReLU}(d u) = d\\,\\mathrm{ReLU}(u)$ for $d > 0$, so $A_2 \\mapsto A_2 D$ and $U_3 \\mapsto A_2 D D^{-1} W_3^{\\mathsf T} (+ \\mathbf 1 b_3^{\\mathsf T}) = U_3$. $\\square$',
  '',
  '**Exact criterion (`criterion`).** For an invertible diagonal $D$, the image has',
  "$$U_3' = U_3 - \\sum_{d_j < 0} \\lvert u_j \\rvert \\, W_{3,:j}^{\\mathsf T}, \\qquad \\lvert u_j \\rvert = (\\lvert u_j(z_i) \\rvert)_i,$$",
  "independent of the magnitudes $\\lvert d_j \\rvert$; so it is a solution iff $U_3'$ has form (1) on the rows in use. *Proof.* For $d < 0$, $\\mathrm{ReLU}(d u) = \\lvert d \\rvert \\mathrm{ReLU}(-u)$, so neuron $j$ contributes $\\lvert d_j \\rvert \\mathrm{ReLU}(-u_j) W_{3,:j}^{\\mathsf T} / d_j = -\\mathrm{ReLU}(-u_j) W_{3,:j}^{\\mathsf T}$ instead of $\\mathrm{ReLU}(u_j) W_{3,:j}^{\\mathsf T}$, and $\\mathrm{ReLU}(u) + \\mathrm{ReLU}(-u) = \\lvert u \\rvert$. $\\square$",
  '',
  '**Theorem (`negative-square`).** With $n_2 = n$ (and $b_3 = 0$), no diagonal $D$ with a negative entry maps a solution to a solution.',
  '',
  "*Proof.* On signals $1..n$ let $A$ be $A_2$ and $U$ the top block of $U_3$; $U$ has form (1), so $\\det U = C \\prod_i (C - u_{i+1,i}) > 0$ (lemma-layer3), hence $A$ and $W_3$ are invertible. Let $N = \\lbrace j : d_j < 0 \\rbrace \\ne \\emptyset$ and $P_{ij} = \\lvert u_j(z_i) \\rvert$ for $j \\in N$, $0$ otherwise, so $U' = U - P W_3^{\\mathsf T}$; suppose $U'$ has form (1). Row 1 of both is $C \\mathbf 1^{\\mathsf T}$, so $P_{1,:} W_3^{\\mathsf T} = 0$, so $P_{1,:} = 0$: $u_j(z_1) = 0$ for $j \\in N$. If $n = 1$ this makes $A = 0$, impossible. For $n \\ge 2$, rows 1 and 2 of a form-(1) matrix differ only in column 1: $U_{1,:} - U_{2,:} = (C - u_{21}) e_1^{\\mathsf T}$, likewise for $U'$; subtracting, $P_{2,:} W_3^{\\mathsf T} = (u_{21} - u'_{21}) e_1^{\\mathsf T}$. With $W_3^{\\mathsf T} = A^{-1} U$ and $e_1^{\\mathsf T} U^{-1} = (e_1 - e_2)^{\\mathsf T} / (C - u_{21})$ this gives $P_{2,:} = \\kappa (A_{1,:} - A_{2,:})$ with $\\kappa = (u_{21} - u'_{21}) / (C - u_{21})$. For $j \\in N$, $A_{1j} = \\mathrm{ReLU}(0) = 0$, so $\\lvert u_j(z_2) \\rvert = -\\kappa\\,\\mathrm{ReLU}(u_j(z_2))$. Now $u_j(z_2) = 0$ would make the affine $u_j$ vanish at two distinct codes, hence everywhere, and column $j$ of $A$ zero; $u_j(z_2) < 0$ makes the left side positive and the right side $0$. So $u_j(z_2) > 0$ and $\\kappa = -1$, i.e. $u'_{21} = C > 0$: $U'$ does not have form (1). $\\square$",
  '',
  "**Theorem (`zero-square`).** With $n_2 = n$, a $D$ with a zero entry, read with $W_3 D^{+}$ in place of the undefined $W_3 D^{-1}$, never gives a solution: the neuron is removed, so $A_2 D$ has a zero column and $\\operatorname{rank} U_3' \\le n - 1 < n = \\operatorname{rank} U$ on signals $1..n$. $\\square$",
  '',
  "**With $n_2 > n$ both fail (`negative-wide`, `zero-wide`), for every $n$.** Add to the deck's solution ($z_i = i$, decreasing neurons with knots $j + \\tfrac12$, $U_3 = X$, zero signal kept) the neuron $(1 - z)_+$, dead on every code, with $W_3$ column $e_1$. Turning it around ($d_{n+1} = -1$) adds $-\\lvert 1 - z_i \\rvert e_1^{\\mathsf T} = -(i - 1) e_1^{\\mathsf T}$ to row $i$: row 1 is unchanged and rows $i \\ge 2$ change only in column 1, below the diagonal, where they stay $\\le 0$; form (1) holds, so the image is a solution. Removing it ($d_{n+1} = 0$) does not change $U_3$. At $n = 1$: $W_2 = (-1, -1)$, $\\mathbf b_2 = (\\tfrac32, 1)$, $W_3 = [2, 1]$, and $D = \\operatorname{diag}(1, -1)$ gives $W_2 = (-1, 1)$, $\\mathbf b_2 = (\\tfrac32, -1)$, $W_3 = [2, -1]$, $U_3 = (1, -1)^{\\mathsf T}$: a solution.",
];

function check(o: CheckOptions): Verdict {
  const { C } = o;
  const ns = nRange(o);
  const bases: Base[] = [];
  const ev: ScalingInstance[] = [];
  const judge = (b: Base, rng: Rng) => {
    recheck(isSolution(b, C), `base solution (n = ${b.n}, n2 = ${b.weights.W2.length})`);
    for (const d of diagonals(b.weights.W2.length, rng)) ev.push(scalingInstance(b, C, d));
  };
  for (const { t, n, rng } of trials(o)) {
    const encoder = t % 2 === 0 ? linearEncoder(n, C) : randomEncoder(n, rng);
    for (const n2 of [n, n + 1]) {
      const r = buildDecoder({ n, C, encoder, n2 });
      if (!r.ok) continue; // two signals share a code: there is no base solution
      const b: Base = { n, weights: r.construction.weights, rows: r.construction.zeroSignal.reconstructed ? n + 1 : n };
      bases.push(b);
      judge(b, rng);
    }
  }
  // The dead-neuron family (n2 = n + 1) with the dead neuron turned around, resp. removed.
  const deadRows: string[][] = [];
  let deadExample: unknown = null;
  for (const n of ns) {
    const b = deadNeuronBase(n, C);
    recheck(isSolution(b, C), `dead-neuron base, n = ${n}`);
    const flip = [...Array.from({ length: n }, () => Q.ONE), Q.MINUS_ONE];
    const kill = [...Array.from({ length: n }, () => Q.ONE), Q.ZERO];
    const f = scalingInstance(b, C, flip);
    const k = scalingInstance(b, C, kill);
    ev.push(f, k);
    if (deadExample === null && f.solution) {
      const img = scaleSolution(b.weights, flip);
      deadExample = { n, base: b.weights, D: flip, image: img, U3: forward(img, stepMatrix(n, C)).U3 };
    }
    if (n <= 3) {
      const img = scaleSolution(b.weights, flip);
      deadRows.push([
        math(String(n)),
        math(texRows(b.weights.W3)),
        math(texVec(img.b2)),
        math(texRows(forward(img, stepMatrix(n, C)).U3)),
        f.solution ? 'yes' : 'no',
        k.solution ? 'yes' : 'no',
      ]);
    }
  }
  const checked: [number, number] = [o.nMin, o.nMax];
  const proved = { kind: 'proved', checked } as const;
  const positive = decidePositive(ev);
  const criterion = decideCriterion(ev);
  const negSquare = decideNever(ev, 'negative', 'square');
  const negWide = decideNever(ev, 'negative', 'wide');
  const zeroSquare = decideNever(ev, 'zero', 'square');
  const zeroWide = decideNever(ev, 'zero', 'wide');
  const count = (pred: (e: ScalingInstance) => boolean) => ev.filter(pred).length;
  const nPos = count((e) => e.kind === 'positive');
  const nNegSq = count((e) => e.kind === 'negative' && e.n2 === e.n);
  const nNegSqBroken = count((e) => e.kind === 'negative' && e.n2 === e.n && !e.solution);
  const nJudged = count((e) => e.criterion !== undefined);
  const keptWide = count((e) => e.kind === 'negative' && e.n2 > e.n && e.solution);
  const nNegWide = count((e) => e.kind === 'negative' && e.n2 > e.n);
  const never = (s: Status, what: string, n2: string) =>
    s === 'holds'
      ? `theorem; no ${what} kept any of the solutions with ${n2} (${nNegSqBroken} of ${nNegSq} negative images broken)`
      : s === 'refuted'
        ? `a ${what} kept a solution with ${n2}`
        : 'no instance';
  return verdictFrom(
    o,
    ['positive'],
    {
      summary: `positive $D$: ${positive} (positive homogeneity, proof for every $n$), re-checked on ${nPos} positive $D$ over ${bases.length} exact base solutions; a negative entry never keeps a solution with $n_2 = n$: ${negSquare} (${nNegSqBroken} of ${nNegSq} broken here); with $n_2 > n$: ${negWide} (${keptWide} of ${nNegWide} kept)`,
      readings: [
        reading(
          'positive',
          'Positive rescalings map solutions to solutions: $D$ diagonal with $d_j > 0$ and $(W_2, \\mathbf b_2, W_3)$ a solution imply $(D W_2, D \\mathbf b_2, W_3 D^{-1})$ a solution.',
          positive,
          positive === 'holds'
            ? `$\\mathrm{ReLU}(d u) = d\\,\\mathrm{ReLU}(u)$ for $d > 0$; exact forward pass on ${nPos} images`
            : 'an image under a positive $D$ is not a solution',
          proved,
        ),
        reading(
          'criterion',
          'For an invertible diagonal $D$, the image is a solution iff $U_3 - \\sum_{d_j < 0} \\lvert u_j \\rvert W_{3,:j}^{\\mathsf T}$ has form (1) on the rows in use.',
          criterion,
          criterion === 'holds'
            ? `the formula equals the forward pass's $U_3$ on all ${nJudged} invertible $D$`
            : 'the formula disagreed with the forward pass',
          proved,
        ),
        reading(
          'negative-square',
          'With $n_2 = n$, a $D$ with a negative entry never maps a solution to a solution.',
          negSquare,
          never(negSquare, 'negative entry', '$n_2 = n$'),
          proved,
        ),
        reading(
          'negative-wide',
          'With $n_2 > n$, a $D$ with a negative entry never maps a solution to a solution.',
          negWide,
          negWide === 'refuted'
            ? `turning around a neuron dead on every code keeps the solution (every $n$ checked; ${keptWide} of ${nNegWide} images with a negative entry)`
            : negWide === 'holds'
              ? 'no image with a negative entry was a solution'
              : 'no instance',
          proved,
        ),
        reading(
          'zero-square',
          'With $n_2 = n$, a $D$ with a zero entry, with $W_3 D^{+}$ in place of the undefined $W_3 D^{-1}$, never gives a solution.',
          zeroSquare,
          zeroSquare === 'holds'
            ? 'the neuron is removed: $\\operatorname{rank} U_3 < n$ on the signals'
            : zeroSquare === 'refuted'
              ? 'a zero entry kept a solution'
              : 'no instance',
          proved,
        ),
        reading(
          'zero-wide',
          'With $n_2 > n$, a $D$ with a zero entry (and $W_3 D^{+}$) never gives a solution.',
          zeroWide,
          zeroWide === 'refuted'
            ? 'removing a neuron dead on every code keeps the solution'
            : zeroWide === 'holds'
              ? 'no zero entry kept a solution'
              : 'no instance',
          proved,
        ),
      ],
      sections: [
        { title: 'Proof', proof: true, lines: PROOF },
        {
          title: 'The dead neuron turned around ($n_2 = n + 1$, zero signal kept)',
          lines: [
            "Base: the deck's solution plus the neuron $(1 - z)_+$ with $W_3$ column $e_1$; $D = \\operatorname{diag}(1, \\dots, 1, -1)$, resp. $\\operatorname{diag}(1, \\dots, 1, 0)$. Matrices are listed row by row, rows separated by semicolons.",
          ],
          table: {
            header: ['$n$', 'base $W_3$', 'image $\\mathbf b_2$', 'image $U_3$', '$-1$ keeps it', '$0$ keeps it'],
            rows: deadRows,
          },
        },
      ],
      scope: proved,
    },
    {
      certificate: { positiveInstances: nPos, bases: bases.length, wideNegativeKept: deadExample },
      counterexample: null,
    },
  );
}

export const lemmaScaling = defineClaim({
  id: 'lemma-scaling',
  slide: 'Set of solutions (lemma)',
  gist: '(D W2, D b2, W3 D^-1) is a solution for every positive diagonal D.',
  statement:
    'If $(W^{[2]}, \\mathbf{b}^{[2]}, W^{[3]})$ is a solution for a decoder with a perfect reconstruction, then for all positive diagonal matrices $D$, $(DW^{[2]}, \\mathbf{b}^{[2]}D, W^{[3]}D^{-1})$ is also a solution.',
  reading:
    '$W_2 \\mapsto D W_2$, $\\mathbf b_2 \\mapsto D \\mathbf b_2$, $W_3 \\mapsto W_3 D^{-1}$ (weights in `nn.Linear` shapes) keeps $Y = X$ for every positive diagonal $D$; and, beside it, exactly when a $D$ with a negative or zero entry does.',
  method:
    'A proof for every $n$ (below); re-checked on exact base solutions ($z_i = i$ and seeded random encoders, $n_2 = n$ and $n_2 = n + 1$) under random positive $D$, $D$ with negative entries and $D$ with a zero entry, every image judged by the exact forward pass and compared with the criterion; the dead-neuron family for every $n$ checked.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
