/**
 * claim-layer3-bias (deck, "Bias in Layer 3"):
 *   "A bias in Layer three is not necessary. It will only increase the complexity."
 *
 * Not necessary: the triangular construction (construct/decoder.ts) has
 * b3 = 0 and reconstructs every signal whose code differs from the others.
 * Complexity, counted as the decoder's parameters P = 2 n2 + n n2 (+ n for
 * b3) of the smallest exact solution (a layer has n2 >= 1 neurons):
 * - without b3, n2 >= rank U3 = n (lemma-layer3), and n2 = n is reached:
 *   P = n^2 + 2n, zero signal kept or dropped;
 * - with b3, zero signal dropped, n2 = n - 1 suffices (construct/bias3.ts)
 *   and is the minimum (n <= rank [A2 1] <= n2 + 1): P = n^2 + 2n - 2 for
 *   n >= 2, two fewer; for n = 1 the one neuron gives P = 4 > 3;
 * - with b3, zero signal kept, det [U 1] > 0 forces n2 >= n: P = n^2 + 3n.
 * So "only increase" is refuted in the setting of that slide (zero signal
 * dropped) for every n >= 2, and holds when the zero signal is kept.
 * Each status is decided by the exported pure functions below from exact
 * evidence: verified constructions (upper bounds) and the determinant
 * identities behind the lower bounds, re-checked symbolically.
 */
import { type BiasSolution, buildWithLayer3Bias, decoderParams, formOneIdentities } from '../construct/bias3.js';
import { encoderForCodes, randomDistinctCodes } from '../construct/codes.js';
import { buildDecoder, linearEncoder, randomEncoder, randomFormOne, verifyConstruction } from '../construct/decoder.js';
import type { Q } from '../kernel/rational.js';
import { encode } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { texBmatrix, texRangeMath, texVec } from '../render/tex.js';
import type { Scope, Section, Status, Verdict } from '../verdict.js';
import { nRange, reading, trials, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** One instance of the b3 = 0 construction and what happened to it. */
export interface NoBiasInstance {
  n: number;
  n2: number;
  codes: Q[];
  /** solution: Y = X re-checked on the signals; tie: two signal codes are equal (re-checked); unexplained: neither. */
  outcome: 'solution' | 'tie' | 'unexplained';
}

/**
 * `not-necessary`: holds when every instance is a verified b3 = 0 solution
 * or a verified tie (equal codes: no decoder of any kind exists) and every
 * n has a solution; inconclusive otherwise (a failed construction proves nothing).
 */
export function decideNotNecessary(instances: readonly NoBiasInstance[], ns: readonly number[]): Status {
  if (instances.some((x) => x.outcome === 'unexplained')) return 'inconclusive';
  return ns.every((n) => instances.some((x) => x.n === n && x.outcome === 'solution')) ? 'holds' : 'inconclusive';
}

/** Bounds on the smallest decoder parameter count of one setting at one n (undefined: unknown). */
export interface CountBounds {
  /** From a lower bound on n2 whose proof was re-checked. */
  lower?: number;
  /** From a verified construction. */
  upper?: number;
}

/** The smallest solutions of one setting (zero signal dropped or kept) at one n, with and without b3. */
export interface ComplexityRow {
  n: number;
  withB3: CountBounds;
  withoutB3: CountBounds;
}

/** "A bias only increases the complexity" at one n (see decideComplexity). */
export function complexityAt(r: ComplexityRow): Status {
  const { withB3: b, withoutB3: a } = r;
  if (b.upper !== undefined && a.lower !== undefined && b.upper <= a.lower) return 'refuted';
  if (b.lower !== undefined && a.upper !== undefined && b.lower > a.upper) return 'holds';
  return 'inconclusive';
}

/**
 * "A bias only increases the complexity": at each n it holds when the proven
 * lower bound with b3 exceeds a constructed count without, and is refuted
 * when a constructed count with b3 is at most the proven lower bound
 * without. Refuted if some n refutes, holds if every n holds, else inconclusive.
 */
export function decideComplexity(rows: readonly ComplexityRow[]): Status {
  const s = rows.map(complexityAt);
  if (s.includes('refuted')) return 'refuted';
  return s.length > 0 && s.every((x) => x === 'holds') ? 'holds' : 'inconclusive';
}

/** `complexity-same-width`: at every width b3 adds parameters (P with b3 minus P without, per (n, n2)). */
export function decideSameWidth(diffs: readonly { n: number; n2: number; diff: number }[]): Status {
  return diffs.length > 0 && diffs.every((d) => d.diff > 0) ? 'holds' : 'refuted';
}

/** The evidence behind the counts at one n. */
export interface Counts {
  n: number;
  /** Both determinant identities re-checked at this n (formOneIdentities). */
  identities: boolean;
  dropped: ComplexityRow;
  kept: ComplexityRow;
  /** The b3 solution on z = i (zero signal dropped). */
  b3Solution?: BiasSolution;
}

/** The exact evidence for the parameter counts at one n. */
export function countsAt(n: number, C: Q, rng: Rng): Counts {
  // Lower bounds: rank U = n on rows 1..n (det = C prod (C - u) > 0) and on [U 1] (det = prod (C - u) > 0).
  const identities = formOneIdentities(n, C, rng);
  const minN2 = Math.max(n - 1, 1);
  // Upper bounds: the b3 = 0 construction on z = i (all n + 1 signals), and the b3 one (signals 1..n)
  // on z = i with U = X and on random distinct codes with a random form-(1) U.
  const plain = buildDecoder({ n, C, encoder: linearEncoder(n, C) });
  const v = plain.ok ? verifyConstruction(plain.construction) : { signals: false, zeroSignal: false };
  const lin = buildWithLayer3Bias({ n, C, encoder: linearEncoder(n, C) });
  const codes = randomDistinctCodes(n + 1, rng);
  const rnd = buildWithLayer3Bias({ n, C, encoder: encoderForCodes(codes, C), U: randomFormOne(n, C, rng) });
  const b3Ok = lin.ok && rnd.ok && lin.solution.n2 === minN2 && rnd.solution.n2 === minN2;
  const P = (n2: number, b3: boolean) => decoderParams(n, n2, b3);
  const lowerIf = (x: number) => (identities ? x : undefined);
  return {
    n,
    identities,
    dropped: {
      n,
      withB3: { lower: lowerIf(P(minN2, true)), upper: b3Ok ? P(minN2, true) : undefined },
      withoutB3: { lower: lowerIf(P(n, false)), upper: v.signals ? P(n, false) : undefined },
    },
    kept: {
      n,
      // With b3 kept, the b3 = 0 solution with b3 present (and zero) is one.
      withB3: { lower: lowerIf(P(n, true)), upper: v.zeroSignal ? P(n, true) : undefined },
      withoutB3: { lower: lowerIf(P(n, false)), upper: v.zeroSignal ? P(n, false) : undefined },
    },
    b3Solution: lin.ok ? lin.solution : undefined,
  };
}

/** Random b3 = 0 instances: random encoders and form-(1) targets, widths n and n + 1, failures classified. */
export function randomInstances(o: CheckOptions): NoBiasInstance[] {
  const out: NoBiasInstance[] = [];
  for (const { t, n, rng } of trials(o)) {
    const encoder = randomEncoder(n, rng);
    const U3 = randomFormOne(n, o.C, rng);
    const n2 = n + (t % 2);
    const codes = encode(encoder.W1, encoder.b1, stepMatrix(n, o.C));
    const r = buildDecoder({ n, C: o.C, encoder, U3, n2 });
    let outcome: NoBiasInstance['outcome'];
    if (r.ok) outcome = verifyConstruction(r.construction).signals ? 'solution' : 'unexplained';
    else {
      // The reason is re-checked on the codes themselves, not read from the message.
      outcome = new Set(codes.slice(0, n).map(String)).size < n ? 'tie' : 'unexplained';
    }
    out.push({ n, n2, codes, outcome });
  }
  return out;
}

function scopeOf(status: Status, o: CheckOptions): Scope {
  return status === 'inconclusive'
    ? { kind: 'exhaustive', checked: [o.nMin, o.nMax] }
    : { kind: 'proved', checked: [o.nMin, o.nMax] };
}

/** A count with its certainty: the exact value when both bounds agree. */
function countCell(b: CountBounds): string {
  if (b.lower !== undefined && b.lower === b.upper) return String(b.lower);
  if (b.upper !== undefined) return `at most ${b.upper}`;
  if (b.lower !== undefined) return `at least ${b.lower}`;
  return 'unknown';
}

function widthOf(b: CountBounds, n: number, withB3: boolean): string {
  // P = (n + 2) n2 (+ n): the width is read back from the exact count.
  const p = b.lower !== undefined && b.lower === b.upper ? b.lower : undefined;
  return p === undefined ? '?' : String((p - (withB3 ? n : 0)) / (n + 2));
}

const PROOF: string[] = [
  '**Indices.** Signals $i = 1, \\dots, n+1$ (signal $n+1$ is the zero signal), outputs $j = 1, \\dots, n$, neurons $k = 1, \\dots, n_2$. Matrices written inline list their rows separated by semicolons, and $[P \\ \\ Q]$ puts blocks side by side.',
  '',
  '**Setting.** $A_2 = \\mathrm{ReLU}(z W_2^{\\mathsf T} + \\mathbf 1 \\mathbf b_2^{\\mathsf T})$, $U_3 = A_2 W_3^{\\mathsf T} + \\mathbf 1 b_3^{\\mathsf T}$ (the last term only with a layer-3 bias), $Y = \\mathrm{ReLU}(U_3)$. ' +
    'The complexity of a decoder is its number of parameters, $P = 2 n_2 + n n_2$ without $b_3$ and $P = 2 n_2 + n n_2 + n$ with it (the encoder has $n + 1$ in both cases); a layer has $n_2 \\ge 1$ neurons. ' +
    '**Form (1)**: $U_{ij} = C$ for $j \\ge i$ and $U_{ij} \\le 0$ for $j < i$. Since $\\mathrm{ReLU}(u) = C \\iff u = C$ and $\\mathrm{ReLU}(u) = 0 \\iff u \\le 0$, $Y = X$ on a set of signals exactly when $U_3$ has form (1) on those rows.',
  '',
  '**(a) Not necessary.** Let the codes $y_1 < \\dots < y_n$ of signals $1..n$ be pairwise distinct (equal codes give equal outputs, so no decoder exists otherwise) and take $n_2 = n$ neurons $\\mathrm{ReLU}(t_k - z)$ with $t_k \\in (y_k, y_{k+1})$ for $k < n$ and $t_n > y_n$. ' +
    'On these codes neuron $k$ is positive exactly at $y_1, \\dots, y_k$: $A_2$ is triangular with a positive diagonal, hence invertible, and $W_3^{\\mathsf T} = A_2^{-1} U$ gives $U_3 = U$ for any $U$ of form (1), with $b_3 = 0$. ' +
    "If the zero signal's code differs from the others, take the decreasing neurons for the signal codes below it only (the last knot between them and it) and mirrored increasing neurons $\\mathrm{ReLU}(z - t_k)$ for those above: every column vanishes at its code, so row $n+1$ of $U_3$ is $0$ and the zero signal is reconstructed too, still with $n_2 = n$ and $b_3 = 0$.",
  '',
  '**(b) Lower bounds.** Let $T$ be rows $1..n$ of a form-(1) matrix. Subtracting row $i+1$ from row $i$ ($i = 1, \\dots, n-1$) makes $T$ lower triangular with diagonal $C - u_{i+1,i}$ and last entry $C$:',
  '$$\\det T = C \\prod_{i=1}^{n-1} (C - u_{i+1,i}) \\ \\ge\\ C^n > 0 .$$',
  'The same operations on all $n+1$ rows of $[U \\ \\ \\mathbf 1]$ (an $(n+1) \\times (n+1)$ matrix) also cancel the last column in rows $1..n$:',
  '$$\\det\\, [U \\ \\ \\mathbf 1] = \\prod_{i=1}^{n} (C - u_{i+1,i}) \\ \\ge\\ C^n > 0 . \\qquad (2)$$',
  'Without $b_3$: $n = \\operatorname{rank} U_3 \\le \\operatorname{rank} A_2 \\le n_2$. With $b_3$, zero signal dropped: $U_3 = [A_2 \\ \\ \\mathbf 1] \\, [W_3^{\\mathsf T}; b_3^{\\mathsf T}]$, so $n \\le n_2 + 1$. ' +
    'With $b_3$, zero signal kept: $[U_3 \\ \\ \\mathbf 1] = [A_2 W_3^{\\mathsf T} \\ \\ \\mathbf 1] \\, [I, 0; b_3^{\\mathsf T}, 1]$ is invertible by (2), so $\\operatorname{rank} A_2 W_3^{\\mathsf T} \\ge n$ and $n_2 \\ge n$: the bias cannot replace a neuron.',
  '',
  '**(c) With $b_3$ and the zero signal dropped, $n_2 = n - 1$ suffices** ($n \\ge 2$). Take the $n - 1$ neurons $\\mathrm{ReLU}(t_k - z)$, $t_k = (y_k + y_{k+1})/2$, $k < n$ (for $z_i = i$: $\\mathrm{ReLU}(k + \\tfrac12 - z)$). All vanish at $y_n$, so in sorted order',
  '$$M = [A_2 \\ \\ \\mathbf 1] = \\begin{bmatrix} T_{n-1} & \\mathbf 1 \\\\ 0 & 1 \\end{bmatrix}, \\qquad \\det M = \\prod_{k=1}^{n-1} (t_k - y_k) > 0,$$',
  'with $T_{n-1}$ upper triangular with the positive diagonal $t_k - y_k$. Then $[W_3^{\\mathsf T}; b_3^{\\mathsf T}] = M^{-1} U$ gives $U_3 = U$ for any $U$ of form (1) on rows $1..n$. For $n = 1$ one dead neuron and $b_3 = C$ do it.',
  '',
  '**(d) Counts** (smallest $n_2$ from (b) and (c), each reached):',
  '',
  '| setting | smallest $n_2$ | smallest $P$ | compared with no $b_3$ ($P = n^2 + 2n$) |',
  '|---|---|---|---|',
  '| no $b_3$ (zero signal kept or dropped) | $n$ | $n^2 + 2n$ | |',
  '| $b_3$, zero signal dropped, $n \\ge 2$ | $n - 1$ | $n^2 + 2n - 2$ | two fewer |',
  '| $b_3$, zero signal dropped, $n = 1$ | $1$ | $4$ | one more |',
  '| $b_3$, zero signal kept | $n$ | $n^2 + 3n$ | $n$ more |',
  '',
  'So a layer-3 bias is not necessary in any setting; it increases the complexity when the zero signal is kept, and decreases it by two parameters (one neuron) for every $n \\ge 2$ when the zero signal is dropped, as on the slides that surround this one. $\\square$',
  '',
  'The computation re-checks both determinant identities symbolically (exact polynomials in $C$ and the $u_{ij}$) for $n \\le 5$ and at random exact form-(1) matrices for every $n$, builds and verifies the constructions of (a) and (c) by the exact forward pass, and classifies every failed random construction by re-checking its codes for a tie.',
];

function check(o: CheckOptions): Verdict {
  const ns = nRange(o);
  const instances = randomInstances(o);
  // z = i on all n + 1 signals, b3 = 0: one instance per n.
  for (const n of ns) {
    const r = buildDecoder({ n, C: o.C, encoder: linearEncoder(n, o.C) });
    const v = r.ok ? verifyConstruction(r.construction) : undefined;
    instances.push({
      n,
      n2: n,
      codes: r.ok ? r.construction.codes : [],
      outcome: v && v.signals && v.zeroSignal ? 'solution' : 'unexplained',
    });
  }
  // A generator of its own, derived from the seed, for the random codes of the counts.
  const rng = new Rng((o.seed ^ 0x9e3779b9) >>> 0);
  const counts = ns.map((n) => countsAt(n, o.C, rng));
  const sameWidth = ns.flatMap((n) =>
    [n, n + 1].map((n2) => ({ n, n2, diff: decoderParams(n, n2, true) - decoderParams(n, n2, false) })),
  );

  const sNotNecessary = decideNotNecessary(instances, ns);
  const sDropped = decideComplexity(counts.map((c) => c.dropped));
  const sKept = decideComplexity(counts.map((c) => c.kept));
  const sSame = decideSameWidth(sameWidth);

  const solutions = instances.filter((x) => x.outcome === 'solution').length;
  const ties = instances.filter((x) => x.outcome === 'tie').length;
  const unexplained = instances.filter((x) => x.outcome === 'unexplained').length;
  const refutingNs = counts.filter((c) => complexityAt(c.dropped) === 'refuted').map((c) => c.n);
  const smallest = counts.find((c) => complexityAt(c.dropped) === 'refuted');
  const nText = (xs: number[]) =>
    xs.length === 0 ? 'none' : xs.length === 1 ? `$n = ${xs[0]}$` : `$n = ${xs[0]}, \\dots, ${xs[xs.length - 1]}$`;

  const witnessLines: string[] = [];
  for (const c of counts.filter((x) => x.n >= 2 && x.n <= 3)) {
    const s = c.b3Solution;
    if (!s) continue;
    witnessLines.push(
      `$n = ${s.n}$, codes $z_i = i$, $n_2 = ${s.n2}$: $W_2 = ${texVec(s.weights.W2.map((r) => r[0] as Q))}$, $\\mathbf b_2 = ${texVec(s.weights.b2)}$, $b_3 = ${texVec(s.weights.b3)}$,`,
      `$$W_3 = ${texBmatrix(s.weights.W3)}, \\qquad U_3 \\text{ on signals } 1..${s.n} = ${texBmatrix(s.U3.slice(0, s.n))} .$$`,
      `${decoderParams(s.n, s.n2, true)} decoder parameters, against ${decoderParams(s.n, s.n, false)} for the smallest solution without $b_3$.`,
      '',
    );
  }

  const sections: Section[] = [
    {
      title: 'Smallest exact solutions and their decoder parameters',
      table: {
        header: [
          '$n$',
          'no $b_3$: $n_2$, $P$',
          '$b_3$, zero signal dropped: $n_2$, $P$',
          '$b_3$, zero signal kept: $n_2$, $P$',
          'dropped: only increases?',
          'kept: only increases?',
        ],
        rows: counts.map((c) => [
          String(c.n),
          `${widthOf(c.dropped.withoutB3, c.n, false)}, ${countCell(c.dropped.withoutB3)}`,
          `${widthOf(c.dropped.withB3, c.n, true)}, ${countCell(c.dropped.withB3)}`,
          `${widthOf(c.kept.withB3, c.n, true)}, ${countCell(c.kept.withB3)}`,
          complexityAt(c.dropped) === 'refuted' ? 'no' : complexityAt(c.dropped) === 'holds' ? 'yes' : 'undecided',
          complexityAt(c.kept) === 'refuted' ? 'no' : complexityAt(c.kept) === 'holds' ? 'yes' : 'undecided',
        ]),
      },
    },
    {
      title: 'Smallest solutions with a layer-3 bias, zero signal dropped (exact, verified by the forward pass)',
      lines: witnessLines.length > 0 ? witnessLines : ['(no $n$ in $2..3$ was checked)'],
    },
    {
      title: 'Random instances without a layer-3 bias',
      lines: [
        `${instances.length} instances (random encoders with entries $p/q$, $\\lvert p \\rvert \\le 5$, $q \\le 4$, random form-(1) targets, $n_2 \\in \\lbrace n, n+1 \\rbrace$, and $z_i = i$ for each $n$): ` +
          `${solutions} exact solutions with $b_3 = 0$, ${ties} encoders giving two signals the same code (re-checked on the codes: no decoder of any kind exists), ${unexplained} unexplained failures.`,
      ],
    },
    { title: 'Proof', proof: true, lines: PROOF },
    {
      title: 'What a layer-3 bias changes in the smallest solution',
      lines: [
        'Decoder parameters of the smallest exact solution with $b_3$ minus those of the smallest without (exact counts from the table above): below zero the bias makes the solution smaller.',
      ],
      figure: {
        file: 'claim-layer3-bias-parameters.svg',
        caption:
          'Smallest exact solution: decoder parameters with a layer-3 bias minus without, zero signal dropped or kept',
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
          width: 520,
          height: 260,
          data: {
            values: counts.flatMap((c) =>
              (
                [
                  ['zero signal dropped', c.dropped],
                  ['zero signal kept', c.kept],
                ] as const
              ).flatMap(([setting, r]) => {
                const exactCount = (b: CountBounds) =>
                  b.lower !== undefined && b.lower === b.upper ? b.lower : undefined;
                const a = exactCount(r.withB3);
                const b = exactCount(r.withoutB3);
                return a !== undefined && b !== undefined ? [{ n: c.n, setting, difference: a - b }] : [];
              }),
            ),
          },
          layer: [
            {
              // One rule at zero, from a data set of its own (not one per data point).
              data: { values: [{ zero: 0 }] },
              mark: { type: 'rule', color: 'gray' },
              encoding: { y: { field: 'zero', type: 'quantitative' } },
            },
            {
              mark: { type: 'line', point: true },
              encoding: {
                x: { field: 'n', type: 'quantitative', title: 'n', axis: { tickMinStep: 1 } },
                y: {
                  field: 'difference',
                  type: 'quantitative',
                  title: 'parameters with b3 minus without',
                },
                color: { field: 'setting', type: 'nominal', title: 'setting', legend: { labelLimit: 0 } },
              },
            },
          ],
        },
      },
    },
  ];

  return verdictFrom(
    o,
    ['not-necessary', 'complexity-dropped'],
    {
      summary:
        sDropped === 'refuted'
          ? `a bias in layer 3 is not necessary, but with the zero signal dropped it saves a neuron: $n - 1$ neurons and $\\mathbf b_3$ need $n^2 + 2n - 2$ decoder parameters against $n^2 + 2n$ without (${texRangeMath(refutingNs[0] as number, refutingNs[refutingNs.length - 1] as number)} checked); with the zero signal kept it only adds parameters`
          : `a bias in layer 3 is not necessary (${sNotNecessary}); smallest counts with and without it: ${sDropped} (zero signal dropped), ${sKept} (kept)`,
      readings: [
        reading(
          'not-necessary',
          'Some exact solution has no layer-3 bias: for pairwise distinct codes there are $W_2, \\mathbf b_2, W_3$ with $\\mathrm{ReLU}(A_2 W_3^{\\mathsf T}) = X$ on the signals in use, the zero signal kept or dropped.',
          sNotNecessary,
          `${solutions} exact $b_3 = 0$ solutions (the triangular construction, $z_i = i$ and random encoders), ${ties} ties re-checked on the codes, ${unexplained} unexplained failures`,
          scopeOf(sNotNecessary, o),
        ),
        reading(
          'complexity-dropped',
          'Zero signal dropped (the setting of the surrounding slides): the smallest exact solution with a layer-3 bias has more decoder parameters than the smallest without, $\\min P_{b_3} > \\min P_0$, where $P = 2 n_2 + n n_2$ ($+\\, n$ with $b_3$) and $n_2 \\ge 1$.',
          sDropped,
          sDropped === 'refuted'
            ? `fails at ${nText(refutingNs)}: $n_2 = n - 1$ neurons and $b_3$ reconstruct signals $1..n$ exactly, $P = n^2 + 2n - 2$, while without $b_3$ $n_2 \\ge n$ gives $P \\ge n^2 + 2n$`
            : sDropped === 'holds'
              ? 'every $n$ checked is $n = 1$: one neuron and $b_3$ make $4 > 3$ parameters'
              : 'a bound could not be re-checked',
          scopeOf(sDropped, o),
        ),
        reading(
          'complexity-kept',
          'The same with all $n + 1$ signals reconstructed: $\\min P_{b_3} > \\min P_0$.',
          sKept,
          sKept === 'holds'
            ? '$\\det\\,[U \\ \\ \\mathbf 1] > 0$ forces $n_2 \\ge n$ even with $b_3$: $P \\ge n^2 + 3n$, while $n_2 = n$ without $b_3$ reconstructs all $n+1$ signals ($P = n^2 + 2n$)'
            : 'a bound could not be re-checked',
          scopeOf(sKept, o),
        ),
        reading(
          'complexity-same-width',
          'At a fixed width $n_2$, adding $b_3$ adds parameters: $P_{b_3} - P_0 = n > 0$.',
          sSame,
          `$P_{b_3} - P_0 = n$ for every $n$ checked and $n_2 \\in \\lbrace n, n+1 \\rbrace$`,
          scopeOf(sSame, o),
        ),
      ],
      sections,
      scope: { kind: 'proved', checked: [o.nMin, o.nMax] },
    },
    {
      counterexample: smallest?.b3Solution
        ? {
            n: smallest.n,
            n2: smallest.b3Solution.n2,
            parametersWithB3: decoderParams(smallest.n, smallest.b3Solution.n2, true),
            smallestWithoutB3: decoderParams(smallest.n, smallest.n, false),
            weights: smallest.b3Solution.weights,
            U3: smallest.b3Solution.U3.slice(0, smallest.n),
          }
        : null,
      certificate: { construction: 'b3 = 0, W3^T = A2^{-1} U3, verified by the exact forward pass' },
      reason: 'a count bound could not be re-checked',
    },
  );
}

export const claimLayer3Bias = defineClaim({
  id: 'claim-layer3-bias',
  slide: 'Bias in Layer 3',
  gist: 'A bias in layer 3 is not necessary; it only increases the complexity.',
  statement: 'A bias in Layer three is not necessary. It will only increase the complexity.',
  reading:
    'Two sentences. "Not necessary": for pairwise distinct codes some exact solution has $b_3 = 0$. "Only increase the complexity": the smallest exact solution with a layer-3 bias has more decoder parameters ($P = 2 n_2 + n n_2$, plus $n$ for $b_3$) than the smallest without; the surrounding slides drop the zero signal, so that is the setting as worded, with the zero signal kept as a variant.',
  method:
    'Exact constructions verified by the forward pass: $b_3 = 0$ with $n_2 = n$ (codes $z_i = i$ and random encoders, failures re-checked for equal codes), and $b_3$ with $n_2 = n - 1$ (codes $z_i = i$ with $U_3 = X$, random distinct codes with a random form-(1) target). Lower bounds on $n_2$ from $\\det T = C \\prod (C - u_{i+1,i})$ and $\\det\\,[U \\ \\ \\mathbf 1] = \\prod (C - u_{i+1,i})$, both identities re-checked symbolically for $n \\le 5$ and at random exact points for every $n$.',
  defaultNMax: 10,
  maxNMax: 64,
  options: {},
  check,
});
