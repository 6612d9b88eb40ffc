/**
 * lemma-rank (deck, "Layer 3"):
 *   U3 = A2 W3^T can be full rank under three necessary conditions:
 *   1. n2 = n, 2. W3 is full rank, 3. A2 is full rank.
 *
 * ReLU(U3) = X forces rank U3 = n (lemma-layer3), and rank(AB) <= min(rank A,
 * rank B): so n2 >= n, rank W3 = n = min(n, n2) and rank A2 >= n are
 * necessary (zero signal kept or dropped, no b3). "n2 = n" is not (a dead
 * neuron can be added), nor "A2 full rank" read as rank min(n+1, n2) (the
 * dead neuron keeps rank n < n + 1) or as rank n (n2 = n + 1 neurons
 * triangular over all n + 1 codes give rank n + 1). With n2 = n the
 * corrected conditions also suffice (Sylvester). With a layer-3 bias and
 * the zero signal dropped, n2 = n - 1 suffices and none of the three
 * conditions is necessary; with the zero signal kept, det [U 1] > 0 keeps
 * the conditions of the case without bias.
 *
 * The evidence is a set of exact solutions (each verified by the forward
 * pass) in the four settings; each reading is decided by the exported pure
 * functions below from those solutions, the determinant identities behind
 * the lower bounds, and Sylvester's inequality on random instances.
 */
import { type RowsInUse, buildWithLayer3Bias, formOneIdentities } from '../construct/bias3.js';
import { encoderForCodes, randomDistinctCodes } from '../construct/codes.js';
import { buildDecoder, linearEncoder, randomFormOne } from '../construct/decoder.js';
import { fastRankQ } from '../kernel/fastrank.js';
import { equals, type Mat, mul, rank, solve, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, forward } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { texRows } from '../render/tex.js';
import type { Scope, Section, Status, Verdict } from '../verdict.js';
import { nRange, reading, recheck, trials, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** An exact solution and its ranks on the rows in use. */
export interface RankInstance {
  /** How it was built, in words. */
  label: string;
  n: number;
  n2: number;
  rows: RowsInUse;
  b3: boolean;
  rankU3: number;
  rankW3: number;
  rankA2: number;
}

/** A condition on a solution, as the readings word it. */
export type Condition = (x: RankInstance) => boolean;

/** The number of rows in use. */
export function rowCount(x: Pick<RankInstance, 'n' | 'rows'>): number {
  return x.rows === 'kept' ? x.n + 1 : x.n;
}

/** The conditions of the readings. */
export const CONDITIONS = {
  n2EqualsN: (x: RankInstance) => x.n2 === x.n,
  n2AtLeastN: (x: RankInstance) => x.n2 >= x.n,
  w3FullRank: (x: RankInstance) => x.rankW3 === Math.min(x.n, x.n2),
  a2FullRank: (x: RankInstance) => x.rankA2 === Math.min(rowCount(x), x.n2),
  a2RankN: (x: RankInstance) => x.rankA2 === x.n,
  corrected: (x: RankInstance) => x.n2 >= x.n && x.rankW3 === x.n && x.rankA2 >= x.n,
  correctedB3Dropped: (x: RankInstance) => x.n2 >= x.n - 1 && x.rankW3 >= x.n - 1 && x.rankA2 >= x.n - 1,
} satisfies Record<string, Condition>;

/** A solution that violates a condition, or none. */
export function violation(instances: readonly RankInstance[], cond: Condition): RankInstance | undefined {
  return instances.find((x) => !cond(x));
}

/**
 * A necessity reading "every solution satisfies cond": refuted by a
 * verified solution that does not; holds when none does and the lower-bound
 * proof was re-checked for every n (`proofChecked`); else inconclusive.
 */
export function decideNecessary(instances: readonly RankInstance[], cond: Condition, proofChecked: boolean): Status {
  if (violation(instances, cond)) return 'refuted';
  return proofChecked && instances.length > 0 ? 'holds' : 'inconclusive';
}

/** Sylvester re-checks: ranks of random A (m x n2), W (n x n2) and of A W^T, with n2 = n. */
export interface SylvesterSample {
  n: number;
  rankA: number;
  rankW: number;
  rankProduct: number;
}

/**
 * `corrected`: the corrected conditions are necessary (no solution violates
 * them, lower bounds re-checked) and, with n2 = n, sufficient (every sample
 * with rank A = rank W = n has a product of rank n).
 */
export function decideCorrected(
  instances: readonly RankInstance[],
  samples: readonly SylvesterSample[],
  proofChecked: boolean,
): Status {
  const sufficient = samples.filter((s) => s.rankA === s.n && s.rankW === s.n);
  if (violation(instances, CONDITIONS.corrected) || sufficient.some((s) => s.rankProduct !== s.n)) return 'refuted';
  return proofChecked && instances.length > 0 && sufficient.length > 0 ? 'holds' : 'inconclusive';
}

/**
 * `b3-dropped`: with b3 and the zero signal dropped, n2 >= n - 1,
 * rank W3 >= n - 1 and rank A2 >= n - 1 are necessary, and n2 = n - 1 is
 * reached for every n >= 2 checked.
 */
export function decideB3Dropped(
  instances: readonly RankInstance[],
  ns: readonly number[],
  proofChecked: boolean,
): Status {
  if (violation(instances, CONDITIONS.correctedB3Dropped)) return 'refuted';
  const reached = ns.filter((n) => n >= 2).every((n) => instances.some((x) => x.n === n && x.n2 === n - 1));
  return proofChecked && reached && instances.length > 0 ? 'holds' : 'inconclusive';
}

/** Ranks of a solution on the rows in use, after the exact forward pass re-checked Y = X there. */
function instance(label: string, w: AutoencoderWeights, n: number, C: Q, rows: RowsInUse): RankInstance {
  const X = stepMatrix(n, C);
  const m = rows === 'kept' ? n + 1 : n;
  const out = forward(w, X);
  recheck(equals(out.Y.slice(0, m), X.slice(0, m)), `${label} reproduces X on ${m} signals, n = ${n}`);
  return {
    label,
    n,
    n2: w.W2.length,
    rows,
    b3: w.b3 !== undefined,
    rankU3: rank(out.U3.slice(0, m)),
    rankW3: rank(w.W3),
    rankA2: rank(out.A2.slice(0, m)),
  };
}

/** A solution with one more neuron, dead (W2 = b2 = 0, zero weights in W3). */
export function withDeadNeuron(w: AutoencoderWeights): AutoencoderWeights {
  return { ...w, W2: [...w.W2, [Q.ZERO]], b2: [...w.b2, Q.ZERO], W3: w.W3.map((row) => [...row, Q.ZERO]) };
}

/**
 * A kept-signal solution with b3 = -1 (every entry): the n2 = n triangular
 * layer vanishes at the zero signal's code, so row n + 1 of U3 is b3 <= 0,
 * and W3^T = A2^{-1} (U - 1 b3^T) on the signals.
 */
function keptWithBias(n: number, C: Q, encoder: { W1: Mat; b1: Q[] }, U: Mat): AutoencoderWeights | undefined {
  const base = buildDecoder({ n, C, encoder, U3: U });
  if (!base.ok || !base.construction.zeroSignal.reconstructed) return undefined;
  const b3 = Array.from({ length: n }, () => Q.MINUS_ONE);
  const A = base.construction.A2.slice(0, n);
  const target = U.slice(0, n).map((r) => r.map((u, j) => u.sub(b3[j] as Q)));
  return { ...base.construction.weights, W3: transpose(solve(A, target)), b3 };
}

/** A kept-signal solution with n2 = n + 1 and a random b3: A2 invertible on all n + 1 codes. */
function keptWideWithBias(n: number, C: Q, encoder: { W1: Mat; b1: Q[] }, U: Mat, rng: Rng): AutoencoderWeights {
  const wide = buildDecoder({ n, C, encoder, U3: U, n2: n + 1 });
  recheck(wide.ok, `n2 = n + 1 construction, n = ${n}`);
  if (!wide.ok) throw new RangeError('unreachable');
  const b3 = Array.from({ length: n }, () => Q.of(BigInt(rng.int(-3, 3)), BigInt(rng.int(1, 2))));
  const target = U.map((r) => r.map((u, j) => u.sub(b3[j] as Q)));
  return { ...wide.construction.weights, W3: transpose(solve(wide.construction.A2, target)), b3 };
}

/** Every exact solution of the evidence at one n (codes z = i, and random distinct codes with a random target). */
export function instancesAt(n: number, C: Q, rng: Rng): RankInstance[] {
  const out: RankInstance[] = [];
  const codeSets: { name: string; encoder: { W1: Mat; b1: Q[] }; U: Mat }[] = [
    { name: '$z_i = i$', encoder: linearEncoder(n, C), U: stepMatrix(n, C) },
    {
      name: 'random codes',
      encoder: encoderForCodes(randomDistinctCodes(n + 1, rng), C),
      U: randomFormOne(n, C, rng),
    },
  ];
  for (const { name, encoder, U } of codeSets) {
    const square = buildDecoder({ n, C, encoder, U3: U });
    const wide = buildDecoder({ n, C, encoder, U3: U, n2: n + 1 });
    recheck(square.ok && wide.ok, `constructions, n = ${n}`);
    if (!square.ok || !wide.ok) continue;
    const noBias: [string, AutoencoderWeights][] = [
      [`$n_2 = n$ (${name})`, square.construction.weights],
      [`$n_2 = n + 1$, triangular over all $n+1$ codes (${name})`, wide.construction.weights],
      [`$n_2 = n + 1$: a dead neuron added (${name})`, withDeadNeuron(square.construction.weights)],
    ];
    for (const rows of ['kept', 'dropped'] as const)
      for (const [label, w] of noBias) out.push(instance(label, w, n, C, rows));
    const kb = keptWithBias(n, C, encoder, U);
    recheck(kb !== undefined, `kept solution with b3, n = ${n}`);
    if (kb) {
      out.push(instance(`$n_2 = n$, $b_3 = -\\mathbf 1$ (${name})`, kb, n, C, 'kept'));
      out.push(
        instance(`$n_2 = n + 1$, $b_3 = -\\mathbf 1$ and a dead neuron (${name})`, withDeadNeuron(kb), n, C, 'kept'),
      );
    }
    out.push(instance(`$n_2 = n + 1$, random $b_3$ (${name})`, keptWideWithBias(n, C, encoder, U, rng), n, C, 'kept'));
    const small = buildWithLayer3Bias({ n, C, encoder, U });
    recheck(small.ok, `b3 construction, n = ${n}`);
    if (small.ok) {
      const w = small.solution.weights;
      out.push(instance(`$n_2 = ${n === 1 ? '1' : 'n - 1'}$ with $b_3$ (${name})`, w, n, C, 'dropped'));
      out.push(instance(`the same plus a dead neuron (${name})`, withDeadNeuron(w), n, C, 'dropped'));
    }
  }
  return out;
}

/** Random A ((n+1) x n) and W (n x n) with small integer entries: Sylvester's bound re-checked. */
export function sylvesterSamples(o: CheckOptions): SylvesterSample[] {
  const out: SylvesterSample[] = [];
  for (const { n, rng } of trials(o)) {
    const draw = (m: number, k: number): Mat =>
      Array.from({ length: m }, () => Array.from({ length: k }, () => Q.int(rng.int(-2, 2))));
    const A = draw(n + 1, n);
    const W = draw(n, n);
    out.push({ n, rankA: fastRankQ(A), rankW: fastRankQ(W), rankProduct: fastRankQ(mul(A, transpose(W))) });
  }
  return out;
}

/** The corrected conditions are not sufficient when n2 = n + 1: A2 = [I 0; 0 0], W3 = [0 I], rank A2 W3^T = n - 1. */
export function insufficiencyExample(n: number): { A2: Mat; W3: Mat; ranks: [number, number, number] } {
  const A2 = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === j && i < n ? Q.ONE : Q.ZERO)),
  );
  const W3 = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (j === i + 1 ? Q.ONE : Q.ZERO)),
  );
  return { A2, W3, ranks: [rank(A2), rank(W3), rank(mul(A2, transpose(W3)))] };
}

type SettingKey = 'kept' | 'dropped' | 'kept-b3' | 'dropped-b3';

const SETTINGS: { key: SettingKey; rows: RowsInUse; b3: boolean; title: string }[] = [
  { key: 'kept', rows: 'kept', b3: false, title: 'no $b_3$, zero signal kept (the deck)' },
  { key: 'dropped', rows: 'dropped', b3: false, title: 'no $b_3$, zero signal dropped' },
  { key: 'kept-b3', rows: 'kept', b3: true, title: '$b_3$, zero signal kept' },
  { key: 'dropped-b3', rows: 'dropped', b3: true, title: '$b_3$, zero signal dropped' },
];

/** The conditions of the table, with the settings where the proof (a), (e) shows them necessary. */
const TABLE_CONDITIONS: { tex: string; cond: Condition; proved: SettingKey[] }[] = [
  { tex: '$n_2 = n$', cond: CONDITIONS.n2EqualsN, proved: [] },
  { tex: '$n_2 \\ge n$', cond: CONDITIONS.n2AtLeastN, proved: ['kept', 'dropped', 'kept-b3'] },
  {
    tex: '$\\operatorname{rank} W_3 = \\min(n, n_2)$',
    cond: CONDITIONS.w3FullRank,
    proved: ['kept', 'dropped', 'kept-b3'],
  },
  { tex: '$\\operatorname{rank} A_2 = \\min(m, n_2)$', cond: CONDITIONS.a2FullRank, proved: ['dropped'] },
  { tex: '$\\operatorname{rank} A_2 = n$', cond: CONDITIONS.a2RankN, proved: ['dropped'] },
  { tex: '$\\operatorname{rank} A_2 \\ge n$', cond: (x) => x.rankA2 >= x.n, proved: ['kept', 'dropped', 'kept-b3'] },
];

function scopeOf(status: Status, o: CheckOptions): Scope {
  return status === 'inconclusive'
    ? { kind: 'exhaustive', checked: [o.nMin, o.nMax] }
    : { kind: 'proved', checked: [o.nMin, o.nMax] };
}

const PROOF: string[] = [
  '**Indices.** Rows are the signals in use, $m = n + 1$ of them when the zero signal is kept and $m = n$ when it is dropped; outputs $j = 1, \\dots, n$; neurons $k = 1, \\dots, n_2$. $A_2$ is $m \\times n_2$ and $W_3$ is $n \\times n_2$. Matrices written inline list their rows separated by semicolons, and $[P \\ \\ Q]$ puts blocks side by side.',
  '',
  '**Form (1)**: $U_{ij} = C$ for $j \\ge i$ and $U_{ij} \\le 0$ for $j < i$. By lemma-layer3, $Y = \\mathrm{ReLU}(U_3) = X$ on the rows in use exactly when $U_3$ has form (1) there, and then $\\operatorname{rank} U_3 = n$: rows $1..n$ have determinant $C \\prod_{i=1}^{n-1} (C - u_{i+1,i}) \\ge C^n > 0$. ' +
    '"Full rank" of a $p \\times q$ matrix means rank $\\min(p, q)$; for $A_2$ the deck also writes it as an $(n+1) \\times n$ matrix, where full rank is rank $n$.',
  '',
  '**(a) Necessary, without $b_3$.** $\\operatorname{rank}(A W^{\\mathsf T}) \\le \\min(\\operatorname{rank} A, \\operatorname{rank} W)$, and both ranks are at most $n_2$; $\\operatorname{rank} W_3 \\le n$. From $n = \\operatorname{rank} U_3$: $n_2 \\ge n$, $\\operatorname{rank} W_3 = n = \\min(n, n_2)$ (condition 2 holds) and $\\operatorname{rank} A_2 \\ge n$. ' +
    'With the zero signal dropped $A_2$ is $n \\times n_2$, so $\\operatorname{rank} A_2 = n = \\min(n, n_2)$: condition 3 holds there.',
  '',
  '**(b) Not necessary, without $b_3$.** Append to an $n_2 = n$ solution a dead neuron ($W_{2,k} = b_{2,k} = 0$, a zero column of $W_3$): still a solution, with $n_2 = n + 1 \\ne n$ and, with the zero signal kept, $\\operatorname{rank} A_2 = n < n + 1 = \\min(n+1, n_2)$. ' +
    'And $n + 1$ decreasing neurons $\\mathrm{ReLU}(t_k - z)$ with knots between consecutive codes of all $n+1$ signals make $A_2$ triangular and invertible, $\\operatorname{rank} A_2 = n + 1 \\ne n$; $W_3^{\\mathsf T} = A_2^{-1} X$ is a solution. So conditions 1 and 3 fail however "full rank" is read.',
  '',
  "**(c) Sufficient when $n_2 = n$.** Sylvester's rank inequality, $\\operatorname{rank}(A W^{\\mathsf T}) \\ge \\operatorname{rank} A + \\operatorname{rank} W - n_2$, gives $\\operatorname{rank} U_3 \\ge n + n - n = n$. Not when $n_2 = n + 1$: $A_2 = [I_n, 0; 0, 0]$ and $W_3 = [0 \\ \\ I_n]$ have rank $n$ and $\\operatorname{rank} A_2 W_3^{\\mathsf T} = n - 1$.",
  '',
  '**(d) With $b_3$, zero signal dropped.** $U_3 = [A_2 \\ \\ \\mathbf 1] \\, [W_3^{\\mathsf T}; b_3^{\\mathsf T}]$, so $n \\le \\operatorname{rank} A_2 + 1$, $n \\le \\operatorname{rank} W_3 + 1$ and $n \\le n_2 + 1$. These are reached: with the signal codes sorted, $y_1 < \\dots < y_n$, the $n - 1$ neurons $\\mathrm{ReLU}(t_k - z)$, $t_k = (y_k + y_{k+1})/2$, vanish at $y_n$, so',
  '$$[A_2 \\ \\ \\mathbf 1] = \\begin{bmatrix} T_{n-1} & \\mathbf 1 \\\\ 0 & 1 \\end{bmatrix}, \\qquad \\det = \\prod_{k=1}^{n-1} (t_k - y_k) > 0,$$',
  '(rows in sorted order, $T_{n-1}$ upper triangular with the positive diagonal $t_k - y_k$), and $[W_3^{\\mathsf T}; b_3^{\\mathsf T}] = [A_2 \\ \\ \\mathbf 1]^{-1} U$ reaches any $U$ of form (1) ($n \\ge 2$; for $n = 1$, a dead neuron and $b_3 = C$). With a dead neuron added, $n_2 = n$ while $\\operatorname{rank} W_3 = \\operatorname{rank} A_2 = n - 1$: none of the three conditions is necessary.',
  '',
  '**(e) With $b_3$, zero signal kept.** Subtracting row $i + 1$ from row $i$ ($i = 1, \\dots, n$) in the $(n+1) \\times (n+1)$ matrix $[U \\ \\ \\mathbf 1]$ leaves a lower triangular matrix with diagonal $C - u_{i+1,i}$ and $1$:',
  '$$\\det\\, [U \\ \\ \\mathbf 1] = \\prod_{i=1}^{n} (C - u_{i+1,i}) \\ \\ge\\ C^n > 0 .$$',
  'Since $[U_3 \\ \\ \\mathbf 1] = [A_2 W_3^{\\mathsf T} \\ \\ \\mathbf 1] \\, [I, 0; b_3^{\\mathsf T}, 1]$, $\\operatorname{rank} A_2 W_3^{\\mathsf T} \\ge n$ and (a) applies unchanged. $\\square$',
  '',
  'The computation builds every solution of the tables above exactly and re-checks $Y = X$ by the forward pass, re-checks both determinant identities (symbolically for $n \\le 5$, at random exact form-(1) matrices for every $n$), and re-checks Sylvester on random integer matrices.',
];

function check(o: CheckOptions): Verdict {
  const ns = nRange(o);
  const rng = new Rng(o.seed);
  const all = ns.flatMap((n) => instancesAt(n, o.C, rng));
  const proofChecked = ns.every((n) => formOneIdentities(n, o.C, rng));
  for (const x of all) recheck(x.rankU3 === x.n, `rank U3 = n for ${x.label}, n = ${x.n}`);
  const samples = sylvesterSamples(o);
  const insuff = insufficiencyExample(o.nMin);
  recheck(
    insuff.ranks[0] === o.nMin && insuff.ranks[1] === o.nMin && insuff.ranks[2] === o.nMin - 1,
    'insufficiency example',
  );
  const inSetting = (rows: RowsInUse, b3: boolean) => all.filter((x) => x.rows === rows && x.b3 === b3);
  const deck = inSetting('kept', false);
  const noB3 = all.filter((x) => !x.b3);

  const s = {
    n2: decideNecessary(deck, CONDITIONS.n2EqualsN, proofChecked),
    w3: decideNecessary(deck, CONDITIONS.w3FullRank, proofChecked),
    a2: decideNecessary(deck, CONDITIONS.a2FullRank, proofChecked),
    a2n: decideNecessary(deck, CONDITIONS.a2RankN, proofChecked),
    corrected: decideCorrected(noB3, samples, proofChecked),
    a2Dropped: decideNecessary(inSetting('dropped', false), CONDITIONS.a2FullRank, proofChecked),
    b3Kept: decideNecessary(inSetting('kept', true), CONDITIONS.corrected, proofChecked),
    b3Dropped: decideB3Dropped(inSetting('dropped', true), ns, proofChecked),
    n2B3Dropped: decideNecessary(inSetting('dropped', true), CONDITIONS.n2AtLeastN, proofChecked),
  };
  const witness = (xs: RankInstance[], c: Condition) => {
    const v = violation(xs, c);
    return v
      ? `${v.label} at $n = ${v.n}$: $n_2 = ${v.n2}$, $\\operatorname{rank} W_3 = ${v.rankW3}$, $\\operatorname{rank} A_2 = ${v.rankA2}$`
      : '';
  };
  const necessaryReason = (st: Status, xs: RankInstance[], c: Condition, why: string) =>
    st === 'refuted'
      ? `not necessary: ${witness(xs, c)}`
      : st === 'holds'
        ? why
        : 'a lower bound could not be re-checked';

  // The counterexample kept from the previous versions: n2 = n + 1 with a dead neuron at the smallest n.
  const n0 = ns[0] as number;
  const square = buildDecoder({ n: n0, C: o.C, encoder: linearEncoder(n0, o.C) });
  let counterexample: unknown = null;
  if (square.ok) {
    const padded = withDeadNeuron(square.construction.weights);
    const fp = forward(padded, stepMatrix(n0, o.C));
    counterexample = {
      n: n0,
      n2: n0 + 1,
      weights: padded,
      A2: fp.A2,
      rankA2: rank(fp.A2),
      fullRankA2: n0 + 1,
      Y_equals_X: equals(fp.Y, stepMatrix(n0, o.C)),
    };
  }

  const sufficientSamples = samples.filter((x) => x.rankA === x.n && x.rankW === x.n).length;
  const sections: Section[] = [
    {
      title: 'Each condition in each setting: necessary, or an exact solution without it',
      lines: [
        '$m$ is the number of signals in use ($n + 1$ kept, $n$ dropped). A cell says "necessary" where the proof shows it (with its determinant identities re-checked) and no exact solution of the evidence violates it, and names the smallest solution without the condition where one exists ("undecided" otherwise). Solutions: $z_i = i$ and random distinct codes with a random form-(1) target, for every $n$ checked.',
      ],
      table: {
        header: ['condition', ...SETTINGS.map((x) => x.title)],
        rows: TABLE_CONDITIONS.map(({ tex, cond, proved }) => [
          tex,
          ...SETTINGS.map(({ key, rows, b3 }) => {
            const v = violation(inSetting(rows, b3), cond);
            if (v) return `not necessary: ${v.label}, $n = ${v.n}$`;
            return proofChecked && proved.includes(key) ? 'necessary' : 'undecided';
          }),
        ]),
      },
    },
    {
      title: 'Smallest width per setting (exact solutions reach it; the proof gives the lower bound)',
      table: {
        header: ['$n$', ...SETTINGS.map((x) => x.title)],
        rows: ns.map((n) => [
          String(n),
          ...SETTINGS.map(({ rows, b3 }) => {
            const widths = inSetting(rows, b3)
              .filter((x) => x.n === n)
              .map((x) => x.n2);
            return widths.length ? String(Math.min(...widths)) : '';
          }),
        ]),
      },
    },
    {
      title: 'The corrected conditions are not sufficient when $n_2 > n$',
      lines: [
        `$n = ${o.nMin}$, $n_2 = n + 1$: $A_2 = ${texRows(insuff.A2)}$ (rank ${insuff.ranks[0]}), $W_3 = ${texRows(insuff.W3)}$ (rank ${insuff.ranks[1]}), $\\operatorname{rank} A_2 W_3^{\\mathsf T} = ${insuff.ranks[2]}$.`,
      ],
    },
    { title: 'Proof', proof: true, lines: PROOF },
  ];

  return verdictFrom(
    o,
    ['n2-equals-n', 'w3-full-rank', 'a2-full-rank', 'a2-rank-n'],
    {
      summary:
        '$n_2 = n$ and "$A_2$ full rank" (either meaning) are not necessary; the necessary conditions are $n_2 \\ge n$, $\\operatorname{rank} W_3 = n$ and $\\operatorname{rank} A_2 \\ge n$, sufficient when $n_2 = n$; with $\\mathbf b_3$ and the zero signal dropped $n_2 = n - 1$ suffices',
      readings: [
        reading(
          'n2-equals-n',
          "Condition 1, the deck's setting ($U_3 = A_2 W_3^{\\mathsf T}$, all $n+1$ signals): every exact solution has $n_2 = n$.",
          s.n2,
          necessaryReason(s.n2, deck, CONDITIONS.n2EqualsN, 'no solution has $n_2 \\ne n$'),
          scopeOf(s.n2, o),
        ),
        reading(
          'w3-full-rank',
          'Condition 2: every exact solution has $\\operatorname{rank} W_3 = \\min(n, n_2)$ (it then forces $n_2 \\ge n$ and rank $n$).',
          s.w3,
          necessaryReason(
            s.w3,
            deck,
            CONDITIONS.w3FullRank,
            '$n = \\operatorname{rank} U_3 \\le \\operatorname{rank} W_3 \\le \\min(n, n_2)$; every solution built has it',
          ),
          scopeOf(s.w3, o),
        ),
        reading(
          'a2-full-rank',
          'Condition 3 with "full rank" as rank $\\min(n+1, n_2)$ of the $(n+1) \\times n_2$ matrix $A_2$.',
          s.a2,
          necessaryReason(s.a2, deck, CONDITIONS.a2FullRank, 'no solution violates it'),
          scopeOf(s.a2, o),
        ),
        reading(
          'a2-rank-n',
          'Condition 3 with "full rank" as the rank $n$ of the deck\'s $(n+1) \\times n$ matrix $A_2$: every solution has $\\operatorname{rank} A_2 = n$.',
          s.a2n,
          necessaryReason(s.a2n, deck, CONDITIONS.a2RankN, 'no solution violates it'),
          scopeOf(s.a2n, o),
        ),
        reading(
          'corrected',
          'Without $b_3$ (zero signal kept or dropped): every solution has $n_2 \\ge n$, $\\operatorname{rank} W_3 = n$ and $\\operatorname{rank} A_2 \\ge n$; when $n_2 = n$, $\\operatorname{rank} A_2 = \\operatorname{rank} W_3 = n$ implies $\\operatorname{rank} U_3 = n$.',
          s.corrected,
          s.corrected === 'holds'
            ? `$\\operatorname{rank}(A W^{\\mathsf T}) \\le \\min(\\operatorname{rank} A, \\operatorname{rank} W)$, every solution built satisfies it; Sylvester re-checked on ${sufficientSamples} random pairs of rank $n$`
            : s.corrected === 'refuted'
              ? 'a solution or a Sylvester sample contradicts it'
              : 'a lower bound could not be re-checked',
          scopeOf(s.corrected, o),
        ),
        reading(
          'a2-full-rank-dropped',
          'Condition 3 with the zero signal dropped: every solution has $\\operatorname{rank} A_2 = \\min(n, n_2)$.',
          s.a2Dropped,
          necessaryReason(
            s.a2Dropped,
            inSetting('dropped', false),
            CONDITIONS.a2FullRank,
            '$n \\le \\operatorname{rank} A_2 \\le \\min(n, n_2)$ for the $n \\times n_2$ matrix',
          ),
          scopeOf(s.a2Dropped, o),
        ),
        reading(
          'b3-kept',
          'With a layer-3 bias, zero signal kept: the conditions of `corrected` stay necessary ($n_2 \\ge n$, $\\operatorname{rank} W_3 = n$, $\\operatorname{rank} A_2 \\ge n$).',
          s.b3Kept,
          necessaryReason(
            s.b3Kept,
            inSetting('kept', true),
            CONDITIONS.corrected,
            '$\\det\\,[U \\ \\ \\mathbf 1] = \\prod_{i=1}^{n} (C - u_{i+1,i}) > 0$ forces $\\operatorname{rank} A_2 W_3^{\\mathsf T} \\ge n$',
          ),
          scopeOf(s.b3Kept, o),
        ),
        reading(
          'b3-dropped',
          'With a layer-3 bias, zero signal dropped: $n_2 \\ge n - 1$, $\\operatorname{rank} W_3 \\ge n - 1$ and $\\operatorname{rank} A_2 \\ge n - 1$ are necessary, and $n_2 = n - 1$ is reached for every $n \\ge 2$.',
          s.b3Dropped,
          s.b3Dropped === 'holds'
            ? '$U_3 = [A_2 \\ \\ \\mathbf 1] [W_3^{\\mathsf T}; b_3^{\\mathsf T}]$ bounds each rank by one more; exact solutions with $n_2 = n - 1$ for every $n \\ge 2$ checked'
            : s.b3Dropped === 'refuted'
              ? 'a solution violates a bound'
              : 'not reached for some $n$, or a lower bound could not be re-checked',
          scopeOf(s.b3Dropped, o),
        ),
        reading(
          'n2-at-least-n-b3-dropped',
          'With a layer-3 bias, zero signal dropped: every solution has $n_2 \\ge n$.',
          s.n2B3Dropped,
          necessaryReason(
            s.n2B3Dropped,
            inSetting('dropped', true),
            CONDITIONS.n2AtLeastN,
            'no $n \\ge 2$ checked (at $n = 1$ a layer has at least one neuron)',
          ),
          scopeOf(s.n2B3Dropped, o),
        ),
      ],
      sections,
      scope: { kind: 'proved', checked: [o.nMin, o.nMax] },
    },
    {
      counterexample,
      certificate: { necessary: 'rank U3 = n <= min(rank A2, rank W3)' },
      reason: 'a lower bound could not be re-checked',
    },
  );
}

export const lemmaRank = defineClaim({
  id: 'lemma-rank',
  slide: 'Layer 3 (rank of a matrix product)',
  gist: 'U3 can be full rank only if n2 = n, W3 is full rank and A2 is full rank.',
  statement:
    'The preactivation matrix $U^{[3]}$ can be full rank under three necessary conditions: 1. $n^{[2]} = n$; 2. $W^{[3]}$ is full rank; 3. $A^{[2]}$ is full rank.',
  reading:
    'In the deck\'s setting ($U_3 = A_2 W_3^{\\mathsf T}$ with no layer-3 bias, $A_2$ of size $(n+1) \\times n_2$ over all $n+1$ signals), every exact solution ($\\mathrm{ReLU}(U_3) = X$, hence $\\operatorname{rank} U_3 = n$) satisfies each condition: $n_2 = n$; $\\operatorname{rank} W_3 = \\min(n, n_2)$; $\\operatorname{rank} A_2 = \\min(n+1, n_2)$, or $\\operatorname{rank} A_2 = n$ when "full rank" is taken from the deck\'s $(n+1) \\times n$ shape. Variants: the corrected conditions, the zero signal dropped, and a layer-3 bias.',
  method:
    "Exact solutions in four settings (zero signal kept or dropped, $b_3$ or not), each verified by the forward pass: $n_2 = n$, $n_2 = n + 1$ triangular over all codes, a dead neuron added, $b_3$ with $n_2 = n - 1$, on codes $z_i = i$ and random distinct codes; each condition is necessary when no solution violates it and the proof applies. Lower bounds from $\\det T = C \\prod (C - u_{i+1,i})$ and $\\det\\,[U \\ \\ \\mathbf 1] = \\prod (C - u_{i+1,i})$, re-checked symbolically ($n \\le 5$) and at random exact points; Sylvester's inequality re-checked on random integer matrices.",
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
