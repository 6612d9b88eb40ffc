/**
 * construct-linear (deck, "Handcrafted Solution - Linear Encoder"):
 *   z(i) = i; W2, b2 make A2 full rank; U3 any matrix of form (1);
 *   W3^T = A2^{-1} U3 (zero signal omitted).
 *
 * Proved for every n (the proof section below): with knots t_j = j + 1/2 and
 * decreasing columns (t_j - z)_+, A2 on signals 1..n is upper triangular with
 * diagonal 1/2, so W3^T = A2^{-1} U3 gives U3 on those rows and Y = X by
 * form (1); every column vanishes at z = n + 1, so the zero signal comes out
 * as 0. The computation re-checks this for n = nMin..nMax on U3 = X and on
 * random targets of form (1). Each reading is decided by a small pure
 * function of the evidence, so a test can feed it a false variant (a target
 * not of form (1), knots moved) and see the status flip.
 */
import { buildDecoder, linearEncoder, randomFormOne, verifyConstruction } from '../construct/decoder.js';
import { deckRecipe } from '../construct/patterns.js';
import type { Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { math, texRangeMath, texRows, texQ, texVec } from '../render/tex.js';
import type { Figure, Section, Status, Verdict } from '../verdict.js';
import { nRange, reading, recheck, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** One run of the deck's recipe on one target. */
export interface RecipeEvidence {
  n: number;
  /** The target, (n+1) x n. */
  target: Mat;
  /** Y = X on signals 1..n. */
  signals: boolean;
  /** Y = X on the zero signal. */
  zeroSignal: boolean;
  /** Row n+1 of U3 equals row n+1 of the target. */
  lastRowRealised: boolean;
}

/** Runs the recipe (knots j + 1/2 unless given) on one target; undefined when A2 is singular. */
export function recipeEvidence(n: number, C: Q, target: Mat, knots?: readonly Q[]): RecipeEvidence | undefined {
  const r = deckRecipe(n, C, target, knots);
  if (r === undefined) return undefined;
  const last = target[n];
  return {
    n,
    target,
    signals: r.signals,
    zeroSignal: r.zeroSignal,
    lastRowRealised: last !== undefined && (r.U3[n] as Q[]).every((x, j) => x.equals(last[j] as Q)),
  };
}

function allOf(flags: readonly boolean[]): Status {
  if (flags.length === 0) return 'inconclusive';
  return flags.every(Boolean) ? 'holds' : 'refuted';
}

/** `construction`: holds iff the recipe reproduced signals 1..n on every target tried. */
export function decideConstruction(ev: readonly RecipeEvidence[]): Status {
  return allOf(ev.map((e) => e.signals));
}

/** `zero-signal`: holds iff the same weights also gave y(n+1) = 0 on every target tried. */
export function decideZeroSignal(ev: readonly RecipeEvidence[]): Status {
  return allOf(ev.map((e) => e.zeroSignal));
}

/**
 * `prescribed-last-row`: refuted iff some target with a nonzero last row was
 * not realised there; holds iff every such target was; inconclusive without one.
 */
export function decideLastRow(ev: readonly RecipeEvidence[]): Status {
  return allOf(ev.filter((e) => (e.target[e.n] as Q[]).some((x) => !x.isZero())).map((e) => e.lastRowRealised));
}

/** One linear code z(i) = alpha i + beta with its outcome. */
export interface LinearCodeEvidence {
  n: number;
  alpha: Q;
  beta: Q;
  /** Y = X on all n+1 signals. */
  ok: boolean;
}

/** Builds the triangular solution for z(i) = alpha i + beta and verifies it on all n+1 signals. */
export function linearCodeEvidence(n: number, C: Q, alpha: Q, beta: Q): LinearCodeEvidence {
  const r = buildDecoder({ n, C, encoder: linearEncoder(n, C, alpha, beta) });
  if (!r.ok) return { n, alpha, beta, ok: false };
  const v = verifyConstruction(r.construction);
  return { n, alpha, beta, ok: v.signals && v.zeroSignal };
}

/** `general-linear`: holds iff every linear code tried gave an exact solution on all n+1 signals. */
export function decideGeneralLinear(ev: readonly LinearCodeEvidence[]): Status {
  return allOf(ev.map((e) => e.ok));
}

/** The proof's mechanism: A2 on signals 1..n is upper triangular with diagonal 1/2, and row n+1 is 0. */
function triangular(A2: Mat, n: number): boolean {
  const half = Q.of(1n, 2n);
  return A2.every((row, i) =>
    row.every((x, j) => (i === n || j < i ? x.isZero() : j === i ? x.equals(half) : x.sign() > 0)),
  );
}

/** The heatmap figure of A2 and W3 for one n (U3 = X). */
export function heatmapFigure(n: number, C: Q): Figure {
  const r = deckRecipe(n, C, stepMatrix(n, C));
  recheck(r !== undefined, `deck recipe at n = ${n}`);
  const { A2, weights } = r as NonNullable<typeof r>;
  const cells = (m: Mat, name: string) =>
    m.flatMap((row, i) =>
      row.map((x, j) => ({ matrix: name, row: i + 1, col: j + 1, value: x.toNumber(), exact: x.toString() })),
    );
  const panel = (name: string, title: string, m: Mat, rowTitle: string, dark: number) => ({
    title,
    width: 28 * m[0]!.length,
    height: 28 * m.length,
    data: { values: cells(m, name) },
    encoding: {
      x: { field: 'col', type: 'ordinal', title: 'neuron j', axis: { labelAngle: 0 } },
      y: { field: 'row', type: 'ordinal', title: rowTitle },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white' },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: name,
            scale: { scheme: 'blueorange', domainMid: 0 },
          },
          tooltip: [
            { field: 'row', type: 'ordinal', title: rowTitle },
            { field: 'col', type: 'ordinal', title: 'neuron j' },
            { field: 'exact', type: 'nominal', title: 'exact value' },
          ],
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'exact', type: 'nominal' },
          // White on the darkest cells, black elsewhere.
          color: { condition: { test: `abs(datum.value) >= ${dark}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  });
  return {
    file: `construct-linear-heatmap-n${n}.svg`,
    caption: `The handcrafted solution for n = ${n}, C = ${C}, U3 = X: A2 on all n + 1 signals (rows) and W3 (rows: outputs); each cell shows its exact value.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `Handcrafted solution, n = ${n}: z = i, knots j + 1/2`,
      hconcat: [
        // A2 does not depend on C (entries up to n - 1/2); W3 scales with C (entries 2C and -4C, 4C).
        panel('A2', 'A2 (rows: signals i = 1..n+1)', A2, 'signal i', n - 2),
        panel('W3', 'W3 (rows: outputs)', weights.W3, 'output', 4 * C.toNumber()),
      ],
      resolve: { scale: { color: 'independent' } },
    },
  };
}

/** The n shown in the figure: 6 when checked, else the largest n checked. */
function figureN(o: Pick<CheckOptions, 'nMin' | 'nMax'>): number {
  return o.nMin <= 6 && 6 <= o.nMax ? 6 : o.nMax;
}

const PROOF: string[] = [
  'Indices: signals $i = 1, \\dots, n+1$ with codes $z_i = i$ (signal $n+1$ is the zero signal), neurons and outputs $j = 1, \\dots, n$. Matrices written inline are listed row by row, rows separated by semicolons.',
  '',
  'Form (1): $U \\in \\mathbb Q^{(n+1) \\times n}$ with $U_{ij} = C$ for $j \\ge i$ and $U_{ij} \\le 0$ for $j < i$. ReLU maps such a $U$ to $X$ on rows $1..n$, since $x^{(i)}_j = C$ for $j \\ge i$ and $0$ otherwise.',
  '',
  '**Theorem (`construction`, `zero-signal`).** For every $n \\ge 1$, $C > 0$ and $U$ of form (1), the weights $W_1 = -\\tfrac1C \\mathbf 1^{\\mathsf T}$, $b_1 = n + 1$, $W_{2,j} = -1$, $b_{2,j} = j + \\tfrac12$, $W_3^{\\mathsf T} = A^{-1} U_{1..n}$ (with $A$ the first $n$ rows of $A_2$) give $Y = X$ on all $n + 1$ signals.',
  '',
  '*Proof.* $z_i = W_1 x^{(i)} + b_1 = -(n + 1 - i) + n + 1 = i$. The neuron $j$ is $(t_j - z)_+$ with $t_j = j + \\tfrac12$, so $A_{2,ij} = (j + \\tfrac12 - i)_+$: it is $0$ for $j < i$, $\\tfrac12$ for $j = i$ and positive for $j > i$. So $A$ is upper triangular with determinant $2^{-n} \\ne 0$, and $A W_3^{\\mathsf T} = U_{1..n}$: the pre-activations on signals $1..n$ are the rows of $U$, and ReLU of a form-(1) matrix is $X$ there. At the zero signal $z_{n+1} = n + 1 > t_j$ for every $j \\le n$, so row $n+1$ of $A_2$ is $0$, hence $U_{3,n+1,:} = 0$ and $y^{(n+1)} = \\mathrm{ReLU}(0) = 0 = x^{(n+1)}$. $\\square$',
  '',
  '**Any linear code (`general-linear`).** For $z_i = \\alpha i + \\beta$ with $\\alpha \\ne 0$ the same argument works with knots halfway between consecutive codes and every neuron pointing away from $z_{n+1}$: decreasing neurons $(t - z)_+$ if $\\alpha > 0$ (the zero signal has the largest code), increasing ones $(z - t)_+$ if $\\alpha < 0$. Ordered by code, $A$ is triangular with nonzero diagonal, and every column vanishes at $z_{n+1}$.',
  '',
  '**The last row is not prescribed (`prescribed-last-row`).** The recipe uses rows $1..n$ of $U$ only; row $n+1$ of $U_3$ is always $0$ (above), whatever the last row of the target. This is harmless, since $\\mathrm{ReLU}$ gives $0$ for any non-positive row, but a target whose last row is nonzero is not realised as $U_3$.',
];

function check(o: CheckOptions): Verdict {
  const { C } = o;
  const rng = new Rng(o.seed);
  const ns = nRange(o);
  const perN = Math.max(1, Math.ceil(o.runs / ns.length));
  const recipe: RecipeEvidence[] = [];
  const linear: LinearCodeEvidence[] = [];
  const rows: string[][] = [];
  let example: unknown = null;
  for (const n of ns) {
    const targets = [stepMatrix(n, C), ...Array.from({ length: perN }, () => randomFormOne(n, C, rng))];
    for (const target of targets) {
      const e = recipeEvidence(n, C, target);
      recheck(e !== undefined, `A2 invertible for the knots j + 1/2, n = ${n}`);
      if (e) recipe.push(e);
    }
    const base = deckRecipe(n, C, stepMatrix(n, C));
    recheck(base !== undefined && triangular(base.A2, n), `A2 upper triangular with diagonal 1/2, n = ${n}`);
    if (base === undefined) continue;
    // Linear codes of both signs of alpha (beta from the seed).
    for (const alpha of [Q.int(2), Q.of(-3n, 2n)]) {
      linear.push(linearCodeEvidence(n, C, alpha, Q.of(BigInt(rng.int(-9, 9)), BigInt(rng.int(1, 3)))));
    }
    if (n === Math.max(o.nMin, Math.min(4, o.nMax))) example = { n, weights: base.weights, A2: base.A2 };
    const W3 = base.weights.W3;
    rows.push([
      math(String(n)),
      n <= 4 ? math(texRows(W3)) : 'see `--json`',
      recipe.filter((e) => e.n === n).every((e) => e.signals) ? 'yes' : 'no',
      recipe.filter((e) => e.n === n).every((e) => e.zeroSignal) ? 'yes' : 'no',
    ]);
  }
  const checked: [number, number] = [o.nMin, o.nMax];
  const proved = { kind: 'proved', checked } as const;
  const construction = decideConstruction(recipe);
  const zero = decideZeroSignal(recipe);
  const general = decideGeneralLinear(linear);
  const lastRow = decideLastRow(recipe);
  const lastRowWitness = recipe.find((e) => (e.target[e.n] as Q[]).some((x) => !x.isZero()) && !e.lastRowRealised);
  const fn = figureN(o);
  const sections: Section[] = [
    { title: 'Proof', proof: true, lines: PROOF },
    {
      title: 'Solutions with $U_3 = X$ ($W_{2,j} = -1$, $b_{2,j} = j + \\tfrac12$)',
      table: { header: ['$n$', '$W_3$', '$Y = X$ on signals $1..n$ (all targets)', 'zero signal (all targets)'], rows },
    },
    {
      title: `The handcrafted solution for $n = ${fn}$`,
      figure: heatmapFigure(fn, C),
      lines: [
        `$A_2$ (all $n + 1$ signals) and $W_3$ for $n = ${fn}$, $C = ${texQ(C)}$, $U_3 = X$: $A_2$ is upper triangular with $\\tfrac12$ on the diagonal and a zero last row; $W_3$ is lower triangular. Colour: the value; text: the exact rational.`,
      ],
    },
  ];
  const nText = texRangeMath(checked[0], checked[1]);
  return verdictFrom(
    o,
    ['construction'],
    {
      summary: `recipe ${construction === 'holds' ? 'exact' : 'not exact'} (proof for every $n$), re-checked for ${nText} on ${recipe.length} targets of form (1), $U_3 = X$ and random; zero signal: ${zero}; other linear codes: ${general}; a prescribed last row of $U_3$ realised: ${lastRow}`,
      readings: [
        reading(
          'construction',
          'The recipe reconstructs signals $1..n$ for every target of form (1): $z_i = i$, $W_{2,j} = -1$, $b_{2,j} = j + \\tfrac12$, $W_3^{\\mathsf T} = A_2^{-1} U$ give $Y = X$ on rows $1..n$, for all $U$ of form (1).',
          construction,
          construction === 'holds'
            ? `$A_2$ upper triangular with diagonal $\\tfrac12$; exact forward pass on ${recipe.length} targets`
            : 'a target gave $Y \\ne X$ on signals $1..n$',
          proved,
        ),
        reading(
          'zero-signal',
          'The same weights also reconstruct the zero signal: $y^{(n+1)} = 0$.',
          zero,
          zero === 'holds'
            ? 'every column $(j + \\tfrac12 - z)_+$ vanishes at $z = n + 1$, so $U_{3,n+1,:} = 0$'
            : 'a target gave $y^{(n+1)} \\ne 0$',
          proved,
        ),
        reading(
          'general-linear',
          'Any linear code $z_i = \\alpha i + \\beta$, $\\alpha \\ne 0$: knots between consecutive codes, neurons pointing away from $z_{n+1}$, give $Y = X$ on all $n + 1$ signals.',
          general,
          general === 'holds'
            ? `exact forward pass on ${linear.length} codes with $\\alpha \\in \\lbrace 2, -\\tfrac32 \\rbrace$`
            : 'a linear code gave $Y \\ne X$',
          proved,
        ),
        reading(
          'prescribed-last-row',
          'The recipe realises the whole target, last row included: $U_{3,n+1,:} = U_{n+1,:}$.',
          lastRow,
          lastRowWitness
            ? `row $n+1$ of $U_3$ is always $0$; e.g. at $n = ${lastRowWitness.n}$ the target's last row is ${math(texVec(lastRowWitness.target[lastRowWitness.n] as Q[]))}`
            : lastRow === 'holds'
              ? 'every nonzero last row tried was realised'
              : 'no target with a nonzero last row was drawn',
          proved,
        ),
      ],
      sections,
      scope: proved,
    },
    { certificate: example, counterexample: null },
  );
}

export const constructLinear = defineClaim({
  id: 'construct-linear',
  slide: 'Handcrafted Solution - Linear Encoder',
  gist: 'With z = i, W2 and b2 making A2 full rank and any U3 of form (1), W3^T = A2^-1 U3 reconstructs X.',
  statement:
    'Linear encoder $z^{(i)} = i$; $W^{[2]}$ and $\\mathbf{b}^{[2]}$ make $A^{[2]}$ full rank; $U^{[3]}$ arbitrary of form (1); omitting the zero signal, $W^{[3]T} = A^{[2]-1} U^{[3]}$.',
  reading:
    'For every $n$ and every $U$ of form (1) ($U_{ij} = C$ for $j \\ge i$, $U_{ij} \\le 0$ for $j < i$), the weights $z_i = i$, $W_{2,j} = -1$, $b_{2,j} = j + \\tfrac12$ (so $A_2$ is full rank on signals $1..n$) and $W_3^{\\mathsf T} = A_2^{-1} U$ give $Y = X$ on signals $1..n$; and whether the zero signal, other linear codes and the last row of $U$ come along.',
  method:
    'A proof for every $n$ (below); re-checked by the exact construction for each $n$ checked, with $U_3 = X$ and random $U$ of form (1), by the exact forward pass on all $n + 1$ signals, and by the triangular structure of $A_2$; two further linear codes per $n$ through the general triangular construction.',
  defaultNMax: 10,
  maxNMax: 64,
  options: {},
  check,
});
