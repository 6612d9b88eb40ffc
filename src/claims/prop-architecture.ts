/**
 * prop-architecture (deck, "Theoretical Conclusion on Architecture"):
 *   dropping the zero signal, a two-layer decoder reconstructs the step
 *   functions perfectly from their scalar codes if layer 2 has n2 >= n
 *   neurons, a non-linear g2 ("in particular, g2 = ReLU") and a bias.
 *
 * - Literally, "g2 non-linear" is refuted: g2(u) = u^2 keeps every column in
 *   span{1, z, z^2}, so rank U3 <= 3 < n for every n >= 4, whatever n2 and
 *   with or without b3; u^3 fails from n = 5. More generally a polynomial of
 *   degree d reconstructs iff n <= d + 1 (n <= d with the zero signal kept).
 * - With ReLU it holds for every n and pairwise distinct codes (triangular
 *   construction), and the zero signal too iff its code differs from the others.
 * - Each condition dropped: n2 >= n is necessary without b3 (rank U3 <= n2),
 *   not with b3 (n - 1 neurons suffice); an affine g2 works exactly for
 *   n <= 2 (n = 1 with the zero signal kept); no layer-2 bias works exactly
 *   for n <= 2 (n <= 3 with b3), on codes of both signs.
 * Each status is decided by the exported pure functions below from exact
 * evidence: verified constructions, rank certificates of impossibility, and
 * perturbation certificates for the analytic activations (activation/layer2.ts).
 */
import { type G2, IDENTITY_G2, layer2Catalogue, polyDegree } from '../activation/layer2.js';
import { buildWithLayer3Bias, formOneIdentities } from '../construct/bias3.js';
import { encoderForCodes, randomDistinctCodes } from '../construct/codes.js';
import { buildDecoder, linearEncoder, verifyConstruction } from '../construct/decoder.js';
import { type Reconstruction, reconstruct } from '../construct/g2.js';
import { equals, rank, solve, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, forward, identityActivation, relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { texBmatrix, texVec } from '../render/tex.js';
import type { Scope, Section, Status, Verdict } from '../verdict.js';
import { nRange, reading, recheck, trials, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** One activation at one n on one code vector: can layer 2 with it reconstruct? */
export interface G2Cell {
  g2: string;
  /** Degree when g2 is a polynomial. */
  degree?: number;
  affine: boolean;
  n: number;
  rows: 'dropped' | 'kept';
  codes: string;
  outcome: Reconstruction['kind'];
}

/** The outcome summarised for the decisions: true (a solution), false (impossible), undefined. */
function possible(c: Pick<G2Cell, 'outcome'>): boolean | undefined {
  return c.outcome === 'solution' ? true : c.outcome === 'impossible' ? false : undefined;
}

/**
 * `nonlinear`: every non-affine g2 with n2 >= n neurons and a bias
 * reconstructs signals 1..n. Refuted by an activation proven unable to at
 * some n; holds when every cell has a solution and every n is at most 2
 * (where the page proves it for every non-affine g2); inconclusive otherwise.
 */
export function decideNonlinear(cells: readonly G2Cell[], ns: readonly number[]): Status {
  const xs = cells.filter((c) => !c.affine && c.rows === 'dropped');
  if (xs.some((c) => possible(c) === false)) return 'refuted';
  return xs.length > 0 && xs.every((c) => possible(c) === true) && ns.every((n) => n <= 2) ? 'holds' : 'inconclusive';
}

/** What a polynomial g2 of degree d can do: n <= d + 1 dropped, n <= d kept; any n for the others. */
export function predictedPossible(c: Pick<G2Cell, 'degree' | 'n' | 'rows'>): boolean {
  if (c.degree === undefined) return true;
  return c.rows === 'dropped' ? c.n <= c.degree + 1 : c.n <= c.degree;
}

/**
 * `polynomial-degree`: every decided cell agrees with predictedPossible;
 * refuted on a disagreement, inconclusive when a cell is undecided.
 */
export function decidePolynomialDegree(cells: readonly G2Cell[]): Status {
  const decided = cells.map((c) => ({ p: possible(c), want: predictedPossible(c) }));
  if (decided.some(({ p, want }) => p !== undefined && p !== want)) return 'refuted';
  return cells.length > 0 && decided.every(({ p }) => p !== undefined) ? 'holds' : 'inconclusive';
}

/** One ReLU construction: are the codes distinct, and what did the exact forward pass reproduce? */
export interface ReluInstance {
  n: number;
  codes: Q[];
  /** Signal codes pairwise distinct. */
  signalsDistinct: boolean;
  /** The zero signal's code differs from every signal code. */
  zeroDistinct: boolean;
  signals: boolean;
  zeroSignal: boolean;
}

/** `relu`: every instance with distinct signal codes is reconstructed on signals 1..n (else inconclusive). */
export function decideRelu(xs: readonly ReluInstance[]): Status {
  const d = xs.filter((x) => x.signalsDistinct);
  return d.length > 0 && d.every((x) => x.signals) ? 'holds' : 'inconclusive';
}

/**
 * `relu-zero-signal`: the zero signal is reconstructed iff its code differs
 * from the others. Refuted if it is reconstructed despite a tie (equal codes
 * give equal outputs), holds when every distinct instance is reconstructed
 * and there is one, inconclusive otherwise.
 */
export function decideZeroSignal(xs: readonly ReluInstance[]): Status {
  const d = xs.filter((x) => x.signalsDistinct);
  if (d.some((x) => !x.zeroDistinct && x.zeroSignal && x.signals)) return 'refuted';
  return d.length > 0 && d.every((x) => !x.zeroDistinct || x.zeroSignal) ? 'holds' : 'inconclusive';
}

/** A width necessity: refuted by a verified solution narrower than n; holds when the lower bound was re-checked. */
export function decideWidth(solutions: readonly { n: number; n2: number }[], proofChecked: boolean): Status {
  if (solutions.some((s) => s.n2 < s.n)) return 'refuted';
  return proofChecked && solutions.length > 0 ? 'holds' : 'inconclusive';
}

/** One n with a condition dropped: a verified solution, a rank certificate that none exists, or neither. */
export interface DroppedCondition {
  n: number;
  outcome: 'solution' | 'impossible' | 'undecided';
  detail: string;
}

/** A "condition is necessary" reading: refuted by a solution without it, holds when every n is certified impossible. */
export function decideConditionNecessary(xs: readonly DroppedCondition[]): Status {
  if (xs.some((x) => x.outcome === 'solution')) return 'refuted';
  return xs.length > 0 && xs.every((x) => x.outcome === 'impossible') ? 'holds' : 'inconclusive';
}

/**
 * Solves for W3 (and b3) on signals 1..n given layer 2, zero signal dropped:
 * M = A2 (or [A2 1]) on the signal codes must be square and invertible.
 * Verified by the exact forward pass with the given activation.
 */
export function completeLayer3(
  codes: readonly Q[],
  C: Q,
  W2: Q[],
  b2: Q[],
  g: (u: Q) => Q,
  withB3: boolean,
): AutoencoderWeights | undefined {
  const n = codes.length - 1;
  const X = stepMatrix(n, C);
  const A = codes.slice(0, n).map((z) => W2.map((w, j) => g(w.mul(z).add(b2[j] as Q))));
  const M = withB3 ? A.map((r) => [...r, Q.ONE]) : A;
  if (M.length !== (M[0]?.length ?? 0) || rank(M) < n) return undefined;
  const S = solve(M, X.slice(0, n));
  const W3T = withB3 ? S.slice(0, W2.length) : S;
  const weights: AutoencoderWeights = {
    ...encoderForCodes(codes, C),
    W2: W2.map((w) => [w]),
    b2,
    W3: transpose(W3T),
    ...(withB3 ? { b3: S[W2.length] as Q[] } : {}),
  };
  const out = forward(weights, X, g);
  return equals(out.Y.slice(0, n), X.slice(0, n)) ? weights : undefined;
}

/** n = 1 with b3: one dead neuron, W3 = 0 and b3 = C, verified by the exact forward pass. */
function deadNeuronWithBias(codes: readonly Q[], C: Q): AutoencoderWeights | undefined {
  const weights = { ...encoderForCodes(codes, C), W2: [[Q.ZERO]], b2: [Q.ZERO], W3: [[Q.ZERO]], b3: [C] };
  const X = stepMatrix(1, C);
  return equals(forward(weights, X).Y.slice(0, 1), X.slice(0, 1)) ? weights : undefined;
}

/** Codes 2i - 1 - 2 ceil(n/2): odd, nonzero, of both signs among the signals once n >= 2. */
export function oddCodes(n: number): Q[] {
  const shift = 1 + 2 * Math.ceil(n / 2);
  return Array.from({ length: n + 1 }, (_, i) => Q.int(2 * (i + 1) - shift));
}

/** ReLU without a layer-2 bias at n: the witness with columns z+, z- (and b3), or the rank bound. */
export function noLayer2Bias(n: number, C: Q, withB3: boolean): DroppedCondition {
  const codes = oddCodes(n);
  const signal = codes.slice(0, n);
  const span = signal.map((z) => [relu(z), relu(z.neg()), ...(withB3 ? [Q.ONE] : [])]);
  const bound = rank(span);
  if (bound < n)
    return {
      n,
      outcome: 'impossible',
      detail: `columns in $\\operatorname{span} \\lbrace z^+, z^-${withB3 ? ', \\mathbf 1' : ''} \\rbrace$: rank at most ${withB3 ? 3 : 2} < ${n}`,
    };
  // With b3 at n = 1 the layer is one dead neuron and b3 = C does the work.
  const W2 = withB3 && n === 1 ? [Q.ZERO] : [Q.MINUS_ONE, Q.ONE].slice(0, withB3 ? n - 1 : n);
  const w =
    withB3 && n === 1
      ? deadNeuronWithBias(codes, C)
      : completeLayer3(
          codes,
          C,
          W2,
          W2.map(() => Q.ZERO),
          relu,
          withB3,
        );
  return w
    ? { n, outcome: 'solution', detail: `codes $${texVec(codes.slice(0, n))}$, $W_2 = ${texVec(W2)}$` }
    : { n, outcome: 'undecided', detail: 'the witness failed' };
}

/** An affine g2 (the identity) at n, zero signal dropped or kept, from the cells of IDENTITY_G2. */
function affineCondition(cells: readonly G2Cell[], n: number, rows: 'dropped' | 'kept'): DroppedCondition {
  const c = cells.find((x) => x.g2 === IDENTITY_G2.id && x.n === n && x.rows === rows && x.codes === '$z_i = i$');
  const outcome = c
    ? c.outcome === 'solution'
      ? 'solution'
      : c.outcome === 'impossible'
        ? 'impossible'
        : 'undecided'
    : 'undecided';
  return {
    n,
    outcome,
    detail:
      outcome === 'impossible'
        ? rows === 'dropped'
          ? `columns in $\\operatorname{span} \\lbrace 1, z \\rbrace$: rank at most 2 < ${n}`
          : `column ${n} is affine, equal to $C$ at ${n} codes, so $C$ at the zero signal`
        : outcome === 'solution'
          ? 'exact solution'
          : 'undecided',
  };
}

function scopeOf(status: Status, o: CheckOptions): Scope {
  return status === 'inconclusive'
    ? { kind: 'exhaustive', checked: [o.nMin, o.nMax] }
    : { kind: 'proved', checked: [o.nMin, o.nMax] };
}

/** The catalogue cells at n: dropped on z = i and on random distinct codes, kept on z = i. */
function cellsAt(acts: readonly G2[], n: number, C: Q, rng: Rng): G2Cell[] {
  const lin = Array.from({ length: n + 1 }, (_, i) => Q.int(i + 1));
  const rnd = randomDistinctCodes(n + 1, rng);
  const out: G2Cell[] = [];
  for (const g of acts) {
    const base = { g2: g.id, degree: polyDegree(g), affine: g.affine, n };
    const runs: [Q[], string, 'dropped' | 'kept'][] = [
      [lin, '$z_i = i$', 'dropped'],
      [rnd, 'random', 'dropped'],
      [lin, '$z_i = i$', 'kept'],
    ];
    for (const [codes, name, rows] of runs)
      out.push({ ...base, rows, codes: name, outcome: reconstruct(g, codes, C, rows).kind });
  }
  return out;
}

const PROOF: string[] = [
  '**Indices.** Signals $i = 1, \\dots, n+1$ with codes $z_i$ (signal $n+1$ is the zero signal), outputs $j = 1, \\dots, n$, neurons $k = 1, \\dots, n_2$. Neuron $k$ computes $g_2(W_{2,k} z + b_{2,k})$; $A_2$ has one row per signal in use and one column per neuron.',
  '',
  '**Form (1)**: $U_{ij} = C$ for $j \\ge i$ and $U_{ij} \\le 0$ for $j < i$. As $\\mathrm{ReLU}(u) = C \\iff u = C$ and $\\mathrm{ReLU}(u) = 0 \\iff u \\le 0$, $Y = X$ on a set of signals iff $U_3$ has form (1) on those rows, and then $\\operatorname{rank} U_3 = n$ (rows $1..n$ have determinant $C \\prod_{i<n} (C - u_{i+1,i}) > 0$, lemma-layer3).',
  '',
  '**(a) `relu`.** Let the signal codes be pairwise distinct (equal codes give equal outputs) and sorted, $y_1 < \\dots < y_n$. The $n$ neurons $\\mathrm{ReLU}(t_k - z)$ with $t_k \\in (y_k, y_{k+1})$ ($k < n$) and $t_n > y_n$ are positive at $y_i$ exactly when $i \\le k$: $A_2$ is triangular with a positive diagonal, hence invertible, and $W_3^{\\mathsf T} = A_2^{-1} U$ gives $U_3 = U$ for any $U$ of form (1). Wider layers add dead neurons.',
  '',
  "**(b) `relu-zero-signal`.** If the zero signal's code equals a signal's code, both get the same output, but $x^{(i)} \\ne 0$. Otherwise use decreasing neurons $\\mathrm{ReLU}(t_k - z)$ for the signal codes below it (knots between consecutive codes, the last one between the largest of them and the zero signal's code) and increasing ones $\\mathrm{ReLU}(z - t_k)$ for those above (mirrored): every column vanishes at the zero signal's code, so row $n+1$ of $U_3$ is $0$, and on the signals $A_2$ is block triangular with a positive diagonal.",
  '',
  '**(c) Polynomial $g_2$ of degree $d$ (`nonlinear` refuted, `polynomial-degree`).** Taylor: $p(wz + b) = \\sum_{r \\le d} \\frac{p^{(r)}(b)}{r!} w^r z^r$, so every column of $A_2$, and $\\mathbf 1$ (for $b_3$), lies in $\\operatorname{span} \\lbrace 1, z, \\dots, z^d \\rbrace$. Conversely that span is reached: for fixed $b$, $d + 1$ distinct values of $w$ and the invertible Vandermonde matrix in $w$ isolate each $p^{(r)}(b) z^r$, and $p^{(r)}$ is a nonzero polynomial for $r \\le d$. ' +
    'Restricted to $r$ distinct codes, the polynomials of degree $\\le d$ form a subspace of dimension $\\min(r, d+1)$ (Lagrange interpolation). ' +
    'Zero signal dropped: $\\operatorname{rank} U_3 = n$ needs $n \\le d + 1$, and then $n$ columns form a basis on the $n$ codes. ' +
    'Kept: column $n$ of $U_3$ is a polynomial of degree $\\le d$ equal to $C$ at the $n$ signal codes; if $n \\ge d + 1$ it is the constant $C$, so it is $C > 0$ at the zero signal, not form (1); if $n \\le d$, $n + 1$ columns form a basis of $\\mathbb R^{n+1}$ and $W_3^{\\mathsf T} = A_2^{-1} X$ works. ' +
    'So $g_2(u) = u^2$ fails for every $n \\ge 4$ whatever $n_2$ and with or without $b_3$, and $u^3$ from $n = 5$.',
  '',
  '**(d) Non-polynomial activations.** For a $g_2$ that is continuous and not a polynomial, $\\operatorname{span} \\lbrace g_2(wz + b) \\rbrace$ is dense in $C(\\mathbb R)$ on compacts (Leshno, Lin, Pinkus and Schocken, 1993, "Multilayer feedforward networks with a nonpolynomial activation function can approximate any function"; their theorem covers every locally bounded, piecewise continuous $g_2$, the Heaviside step included), so its restriction to $n$ distinct codes is $\\mathbb R^n$: otherwise some $c \\ne 0$ is orthogonal to every $(f(z_i))_i$, hence to every continuous $f$, and $f(z_i) = c_i$ gives $\\lVert c \\rVert^2 = 0$. Some $n$ columns are then a basis. ' +
    'The computation exhibits them: exactly for the piecewise-linear activations of the catalogue (a greedy choice of neurons $w(z - t)$, independence decided exactly), and for sigmoid, tanh and softplus by a perturbation certificate: with steep neurons $A_2 = T + D$, where $T$ is the exact matrix of the limit ($\\mathbf 1[u > 0]$, $\\operatorname{sign} u$, $\\mathrm{ReLU}(u)$), $\\lvert D_{ik} \\rvert \\le \\varepsilon$ by $\\lvert \\sigma(u) - \\mathbf 1[u > 0] \\rvert \\le e^{-\\lvert u \\rvert}$, $\\lvert \\tanh u - \\operatorname{sign} u \\rvert \\le 2 e^{-2 \\lvert u \\rvert}$, $0 < \\ln(1 + e^u) - \\mathrm{ReLU}(u) \\le e^{-\\lvert u \\rvert}$, and $\\lVert T^{-1} \\rVert_\\infty \\, m \\, \\varepsilon < 1$ makes $A_2 = T (I + T^{-1} D)$ invertible ($e^{-a}$ bounded by a rational from its Taylor series).',
  '',
  '**(e) Every non-affine $g_2$ works for $n \\le 2$.** For $n = 1$ a non-affine $g_2$ is not identically $0$: the constant neuron $g_2(b) \\ne 0$ is a basis. For $n = 2$ every pair $(a, c)$ is $(w z_1 + b, w z_2 + b)$ for some $w, b$; if all vectors $(g_2(a), g_2(c))$ lay on one line, the diagonal $(g_2(a), g_2(a))$ would force the line $(1, 1)$ and $g_2$ constant. ' +
    'At $n = 3$ every activation of the catalogue works, but not every non-affine function: an additive $g_2$ ($g_2(x + y) = g_2(x) + g_2(y)$) that is not linear exists by a Hamel basis, and on rational codes $g_2(w z + b) = z\\, g_2(w) + g_2(b)$ keeps the rank at 2. So the literal reading is left undecided when only $n = 3$ is checked.',
  '',
  '**(f) Each condition dropped.** Width: without $b_3$, $n = \\operatorname{rank} U_3 \\le n_2$; with $b_3$, the $n - 1$ neurons $\\mathrm{ReLU}(t_k - z)$, $t_k = (y_k + y_{k+1})/2$, all vanish at $y_n$, so $[A_2 \\ \\ \\mathbf 1]$ is block triangular, invertible, and $[W_3^{\\mathsf T}; b_3^{\\mathsf T}] = [A_2 \\ \\ \\mathbf 1]^{-1} U$ works with $n_2 = n - 1$ (see claim-layer3-bias). ' +
    'Affine $g_2$: the case $d = 1$ of (c): $n \\le 2$ dropped, $n = 1$ kept (e.g. $g_2(u) = u$, $z = (1, 2)$, $W_2 = -1$, $b_2 = 2$, $W_3 = C$ gives $U_3 = (C, 0)^{\\mathsf T}$). ' +
    'No layer-2 bias: $\\mathrm{ReLU}(wz) = (w)_+ z^+ + (-w)_+ z^-$ with $z^\\pm = (\\pm z)_+$ puts the columns in $\\operatorname{span} \\lbrace z^+, z^- \\rbrace$ (rank $\\le 2$), and with $b_3$ in $\\operatorname{span} \\lbrace z^+, z^-, \\mathbf 1 \\rbrace$ (rank $\\le 3$); both are reached on codes of both signs. $\\square$',
];

function check(o: CheckOptions): Verdict {
  const ns = nRange(o);
  const rng = new Rng(o.seed);
  const acts = [...layer2Catalogue(o.C), IDENTITY_G2];
  const cells = ns.flatMap((n) => cellsAt(acts, n, o.C, rng));

  // ReLU: z = i for every n, and random codes: distinct, and with the zero signal tied to a signal.
  const relus: ReluInstance[] = [];
  const addRelu = (n: number, codes: Q[]) => {
    const signal = codes.slice(0, n).map(String);
    const signalsDistinct = new Set(signal).size === n;
    const zeroDistinct = !signal.includes(String(codes[n]));
    const r = buildDecoder({ n, C: o.C, encoder: encoderForCodes(codes, o.C) });
    const v = r.ok ? verifyConstruction(r.construction) : { signals: false, zeroSignal: false };
    relus.push({ n, codes, signalsDistinct, zeroDistinct, signals: v.signals, zeroSignal: v.zeroSignal });
  };
  for (const n of ns)
    addRelu(
      n,
      Array.from({ length: n + 1 }, (_, i) => Q.int(i + 1)),
    );
  for (const { t, n, rng: r } of trials(o)) {
    const codes = randomDistinctCodes(n + 1, r);
    if (t % 4 === 3) codes[n] = codes[r.int(0, n - 1)] as Q;
    addRelu(n, codes);
  }

  const proofChecked = ns.every((n) => formOneIdentities(n, o.C, rng));
  const plainWidths = relus.filter((x) => x.signals).map((x) => ({ n: x.n, n2: x.n }));
  const b3Widths = ns.flatMap((n) => {
    const r = buildWithLayer3Bias({ n, C: o.C, encoder: linearEncoder(n, o.C) });
    return r.ok ? [{ n, n2: r.solution.n2 }] : [];
  });
  const affineDropped = ns.map((n) => affineCondition(cells, n, 'dropped'));
  const affineKept = ns.map((n) => affineCondition(cells, n, 'kept'));
  const noBias = ns.map((n) => noLayer2Bias(n, o.C, false));
  const noBiasB3 = ns.map((n) => noLayer2Bias(n, o.C, true));

  const s = {
    nonlinear: decideNonlinear(cells, ns),
    relu: decideRelu(relus),
    zero: decideZeroSignal(relus),
    poly: decidePolynomialDegree(cells),
    width: decideWidth(plainWidths, proofChecked),
    widthB3: decideWidth(b3Widths, proofChecked),
    affine: decideConditionNecessary(affineDropped),
    bias: decideConditionNecessary(noBias),
  };

  // The smallest failure of the literal reading, with its certificate.
  const failing = cells
    .filter((c) => !c.affine && c.rows === 'dropped' && c.outcome === 'impossible')
    .sort((a, b) => a.n - b.n)[0];
  let counterexample: unknown = null;
  if (failing) {
    const g = acts.find((a) => a.id === failing.g2) as G2;
    const codes = Array.from({ length: failing.n + 1 }, (_, i) => Q.int(i + 1));
    const r = reconstruct(g, codes, o.C, 'dropped');
    counterexample = {
      g2: failing.g2,
      n: failing.n,
      codes: failing.codes,
      certificate: r.kind === 'impossible' ? r.certificate : r.kind,
    };
  }

  // Witnesses worth printing: u^2 at n = 3 (dropped), identity at n = 1 (kept), bias-free ReLU.
  const witnessLines: string[] = [];
  const square = acts.find((a) => a.id === 'square');
  if (square && ns.includes(3)) {
    const r = reconstruct(square, [1, 2, 3, 4].map(Q.int), o.C, 'dropped');
    if (r.kind === 'solution' && r.W3)
      witnessLines.push(
        `$g_2(u) = u^2$, $n = 3$, $z_i = i$, zero signal dropped: $W_2 = ${texVec(r.W2)}$, $\\mathbf b_2 = ${texVec(r.b2)}$, $W_3 = ${texBmatrix(r.W3)}$ (exact forward pass: $Y = X$ on signals $1..3$).`,
        '',
      );
  }
  if (ns.includes(1)) {
    const w = { ...linearEncoder(1, o.C), W2: [[Q.MINUS_ONE]], b2: [Q.int(2)], W3: [[o.C]] };
    const out = forward(w, stepMatrix(1, o.C), identityActivation);
    recheck(equals(out.Y, stepMatrix(1, o.C)), 'identity g2 reconstructs both signals at n = 1');
    witnessLines.push(
      `$g_2(u) = u$, $n = 1$, $z = (1, 2)$: $W_2 = -1$, $b_2 = 2$, $W_3 = C$ give $U_3 = ${texBmatrix(out.U3)}$: both signals, the zero signal included (exact forward pass).`,
      '',
    );
  }
  const biasRows = (xs: DroppedCondition[], b3: boolean) =>
    xs
      .filter((d) => d.outcome === 'solution')
      .map(
        (d) =>
          `ReLU, $\\mathbf b_2 = 0$${b3 ? ', with $b_3$' : ''}, $n = ${d.n}$: ${d.detail} (exact forward pass on signals $1..${d.n}$).`,
      );
  witnessLines.push(...biasRows(noBias, false), '', ...biasRows(noBiasB3, true));

  const cellText = (c: G2Cell | undefined) =>
    !c ? '' : c.outcome === 'solution' ? 'yes' : c.outcome === 'impossible' ? 'no' : '?';
  const activationTable = (rows: 'dropped' | 'kept', codes: string) => ({
    header: ['$g_2$', ...ns.map((n) => `$n = ${n}$`)],
    rows: acts.map((g) => [
      `$${g.tex}$`,
      ...ns.map((n) => cellText(cells.find((c) => c.g2 === g.id && c.n === n && c.rows === rows && c.codes === codes))),
    ]),
  });
  const dropTable = {
    header: [
      '$n$',
      '$n_2 = n - 1$, no $b_3$',
      '$n_2 = n - 1$, with $b_3$',
      'affine $g_2$, zero signal dropped',
      'affine $g_2$, kept',
      'no layer-2 bias',
      'no layer-2 bias, with $b_3$',
    ],
    rows: ns.map((n, k) => {
      const dc = (d: DroppedCondition) =>
        d.outcome === 'solution' ? 'possible' : d.outcome === 'impossible' ? `impossible: ${d.detail}` : 'undecided';
      const b3 = b3Widths.find((x) => x.n === n);
      return [
        String(n),
        n === 1
          ? 'no layer'
          : proofChecked
            ? `impossible: $\\operatorname{rank} U_3 \\le ${n - 1} < ${n}$`
            : 'undecided',
        n === 1 ? 'no layer' : b3 && b3.n2 === n - 1 ? 'possible' : 'undecided',
        dc(affineDropped[k] as DroppedCondition),
        dc(affineKept[k] as DroppedCondition),
        dc(noBias[k] as DroppedCondition),
        dc(noBiasB3[k] as DroppedCondition),
      ];
    }),
  };
  const distinctRelu = relus.filter((x) => x.signalsDistinct);
  const tiedZero = distinctRelu.filter((x) => !x.zeroDistinct).length;
  const polyFail = (id: string) => {
    const xs = cells.filter((c) => c.g2 === id && c.rows === 'dropped' && c.outcome === 'impossible').map((c) => c.n);
    return xs.length ? Math.min(...xs) : undefined;
  };

  const sections: Section[] = [
    {
      title: 'The literal reading: each non-linear $g_2$ of the catalogue, zero signal dropped, codes $z_i = i$',
      lines: [
        'yes: an exact solution (rational weights, exact forward pass) or, for sigmoid, tanh and softplus, a certified invertible $A_2$; no: a certificate that none exists (every column in $\\operatorname{span} \\lbrace 1, \\dots, z^d \\rbrace$); ?: undecided. The same verdicts on random distinct codes are part of the evidence.',
      ],
      table: activationTable('dropped', '$z_i = i$'),
    },
    {
      title: 'The same with all $n + 1$ signals ($n_2 = n + 1$ neurons)',
      table: activationTable('kept', '$z_i = i$'),
    },
    { title: 'Each condition dropped (codes $z_i = i$; no layer-2 bias: odd codes of both signs)', table: dropTable },
    { title: 'Exact witnesses', lines: witnessLines },
    { title: 'Proof', proof: true, lines: PROOF },
  ];
  const sq = polyFail('square');
  const cu = polyFail('cube');

  return verdictFrom(
    o,
    ['nonlinear'],
    {
      summary:
        s.nonlinear === 'refuted'
          ? `refuted for "non-linear $g_2$": $g_2(u) = u^2$ keeps $\\operatorname{rank} U_3 \\le 3$, so no $n \\ge 4$ is reconstructed ($u^3$: no $n \\ge 5$); with ReLU, $n_2 \\ge n$ neurons and a bias it holds for every $n$ and distinct codes`
          : `non-linear $g_2$: ${s.nonlinear}; ReLU: ${s.relu}`,
      readings: [
        reading(
          'nonlinear',
          'Every non-affine $g_2$ with $n_2 \\ge n$ neurons and a layer-2 bias reconstructs signals $1..n$ from pairwise distinct codes (checked on the catalogue: ReLU, leaky ReLU, hard sigmoid, clipped ReLU, Heaviside, sigmoid, tanh, softplus, $u^2$, $u^3$).',
          s.nonlinear,
          s.nonlinear === 'refuted'
            ? `$g_2(u) = u^2$ cannot from $n = ${sq}$${cu ? `, $u^3$ from $n = ${cu}$` : ''}: every column lies in $\\operatorname{span} \\lbrace 1, \\dots, z^d \\rbrace$, rank $\\le d + 1 < n$, whatever $n_2$ and $b_3$`
            : s.nonlinear === 'holds'
              ? 'every $n$ checked is at most 2, where every non-affine $g_2$ works (proof (e))'
              : 'every activation of the catalogue works at the $n$ checked, which does not decide every non-affine $g_2$ (proof (e))',
          scopeOf(s.nonlinear, o),
        ),
        reading(
          'relu',
          'With $g_2 = \\mathrm{ReLU}$, $n_2 \\ge n$ neurons and a layer-2 bias ($b_3 = 0$), signals $1..n$ are reconstructed from any pairwise distinct codes.',
          s.relu,
          `the triangular construction reproduces $X$ exactly on ${distinctRelu.filter((x) => x.signals).length} of ${distinctRelu.length} code vectors ($z_i = i$ for every $n$ and random distinct codes)`,
          scopeOf(s.relu, o),
        ),
        reading(
          'relu-zero-signal',
          "The same with the zero signal: all $n + 1$ signals are reconstructed iff the zero signal's code differs from the signal codes.",
          s.zero,
          `reconstructed on every code vector where it is distinct; ${tiedZero} code vectors with a tie, where no decoder can`,
          scopeOf(s.zero, o),
        ),
        reading(
          'polynomial-degree',
          'A polynomial $g_2$ of degree $d \\ge 1$ reconstructs iff $n \\le d + 1$ (zero signal dropped) and iff $n \\le d$ (kept, with $n_2 = n + 1$); the non-polynomial activations of the catalogue reconstruct at every $n$ (Leshno et al. for every continuous non-polynomial $g_2$).',
          s.poly,
          s.poly === 'holds'
            ? 'every cell of the tables agrees: exact solutions where predicted, span certificates elsewhere ($g_2 = u$, $u^2$, $u^3$), solutions for every non-polynomial activation'
            : s.poly === 'refuted'
              ? 'a cell disagrees with the prediction'
              : 'a cell is undecided',
          scopeOf(s.poly, o),
        ),
        reading(
          'n2-necessary',
          'Without a layer-3 bias, every solution on signals $1..n$ has $n_2 \\ge n$.',
          s.width,
          s.width === 'holds'
            ? '$n = \\operatorname{rank} U_3 \\le \\operatorname{rank} A_2 \\le n_2$; the determinant identity re-checked for every $n$'
            : 'a narrower solution or an unchecked bound',
          scopeOf(s.width, o),
        ),
        reading(
          'n2-necessary-b3',
          'With a layer-3 bias, every solution on signals $1..n$ has $n_2 \\ge n$.',
          s.widthB3,
          s.widthB3 === 'refuted'
            ? '$n_2 = n - 1$ neurons and $b_3$ reconstruct signals $1..n$ for every $n \\ge 2$ checked (exact forward pass)'
            : 'no $n \\ge 2$ checked',
          scopeOf(s.widthB3, o),
        ),
        reading(
          'nonlinearity-necessary',
          'No affine $g_2$ reconstructs signals $1..n$, even with a layer-2 bias (zero signal dropped; a layer-3 bias changes nothing, proof (c)).',
          s.affine,
          s.affine === 'refuted'
            ? `$g_2(u) = u$ reconstructs at $n = ${affineDropped
                .filter((d) => d.outcome === 'solution')
                .map((d) => d.n)
                .join(', ')}$; impossible from $n = 3$ (rank $\\le 2$)`
            : s.affine === 'holds'
              ? 'every $n$ checked is at least 3: rank $\\le 2 < n$'
              : 'a case is undecided',
          scopeOf(s.affine, o),
        ),
        reading(
          'bias-necessary',
          'No ReLU layer without a bias ($\\mathbf b_2 = 0$, $b_3 = 0$) reconstructs signals $1..n$, for any codes.',
          s.bias,
          s.bias === 'refuted'
            ? `codes of both signs reconstruct at $n = ${noBias
                .filter((d) => d.outcome === 'solution')
                .map((d) => d.n)
                .join(', ')}$; impossible from $n = 3$ (rank $\\le 2$), from $n = 4$ with $b_3$`
            : s.bias === 'holds'
              ? 'every $n$ checked is at least 3: rank $\\le 2 < n$'
              : 'a case is undecided',
          scopeOf(s.bias, o),
        ),
      ],
      sections,
      scope: { kind: 'proved', checked: [o.nMin, o.nMax] },
    },
    {
      counterexample,
      certificate: { construction: 'construct/decoder.ts, verified by the exact forward pass' },
      reason: 'the catalogue does not decide every non-affine g2 at the n checked',
    },
  );
}

export const propArchitecture = defineClaim({
  id: 'prop-architecture',
  slide: 'Theoretical Conclusion on Architecture',
  gist: 'Dropping the zero signal, n2 >= n neurons, a non-linear g2 (ReLU) and a layer-2 bias suffice for perfect reconstruction.',
  statement:
    "Let's drop the signal identically equal to 0 from the dataset. A two layers decoder can perfectly reconstruct step functions from their scalar codes if layer 2 satisfies: 1. $n^{[2]} \\ge n$ neurons; 2. $g^{[2]}$ non-linear, in particular ReLU; 3. a bias vector.",
  reading:
    'As worded: for every non-affine $g_2$, a layer of $n_2 \\ge n$ neurons with a bias (and $b_3 = 0$) reconstructs signals $1..n$ exactly from any pairwise distinct codes. Variants: $g_2 = \\mathrm{ReLU}$ (the example the slide names), the zero signal kept, polynomial $g_2$ by degree, and whether each condition is necessary (with and without a layer-3 bias).',
  method:
    'For each $n$ and each activation of the catalogue ($u$, $u^2$, $u^3$ included), on codes $z_i = i$ and random distinct codes: an exact solution (greedy exact choice of neurons, $W_3^{\\mathsf T} = A_2^{-1} X$, exact forward pass), a perturbation certificate for sigmoid, tanh and softplus, or a span certificate for polynomials (Vandermonde rank). ReLU: the triangular construction on $z_i = i$ and random codes, the zero signal checked against ties. Dropped conditions: rank bounds and exact witnesses; the width bound from the determinant identity of form (1), re-checked.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
