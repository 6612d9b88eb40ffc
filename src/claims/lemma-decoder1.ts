/**
 * lemma-decoder1 (deck, "Necessary Condition"):
 *   a one-layer decoder y = g(W2 z + b2) can produce the n+1 step functions
 *   from scalar codes only if g = 0 on a proper interval A and g = C on a
 *   disjoint proper interval B.
 *
 * Indices: signals i = 1..n+1 with codes z_i, outputs j = 1..n. Output j sees
 * only u_j(z) = W2_j z + b2_j, affine in z: it must send the codes of signals
 * 1..j into g^{-1}(C) and the others into g^{-1}(0). Weights are real (the
 * deck's W2, b2 are in R^n); "proper interval": more than one point.
 *
 * Readings, by activation class, each decided from exact evidence by a small
 * exported function:
 * - only-if (as worded, any g): refuted. ReLU and leaky ReLU reconstruct at n = 1
 *   (ReLU(C(2 - z)) = (C, 0)) though ReLU = C at one point only; for EVERY n the
 *   interpolating polynomial of degree <= 2n - 1 through (k, C), k = 1-n..0, and
 *   (k, 0), k = 1..n, reconstructs with u_j(z) = z - j, z = i, and so does a
 *   continuous zigzag; neither is constant on any proper interval.
 * - monotone-n2: for monotone g and n >= 2 the lemma holds (a monotone g equal at
 *   two points is constant between them; outputs n and 1 give two points each).
 * - monotone-n1: refuted by ReLU, leaky ReLU (n = 1).
 * - polynomial, non-monotone-pwl: refuted for every n (the two families).
 * - converse (linear codes, n >= 2): refuted by g = 0 on [-1, 0], C on [2, 3],
 *   2C elsewhere: output n needs u(z_1..z_n) in [2, 3] (step <= 1 in absolute value)
 *   and u(z_{n+1}) in [-1, 0] (a step <= -2).
 * - converse-n1: holds (an affine map sends two distinct codes anywhere).
 */
import { builtins, parseActivation, type Activation } from '../activation/catalogue.js';
import { checkWitness, type Decision, decideOneLayer, hasIntervals } from '../activation/decoder1.js';
import { type Affine, type Interval, type PWL, pwl } from '../activation/pwl.js';
import { ParseError, UsageError } from '../errors.js';
import { Poly } from '../kernel/poly.js';
import { Q } from '../kernel/rational.js';
import { latexQ } from '../render/format.js';
import { texPoly, texRange, texVec } from '../render/tex.js';
import { nRange, type PendingReading, reading, recheck, upTo, verdictFrom } from './common.js';
import type { Scope, Status, Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** Continuous PWL through the given points (sorted by x), slope 1 outside. */
function pwlThrough(points: [Q, Q][]): PWL {
  const breaks = points.map(([x]) => x);
  const pieces: Affine[] = [];
  const [x0, y0] = points[0] as [Q, Q];
  pieces.push({ a: Q.ONE, c: y0.sub(x0) });
  for (let k = 1; k < points.length; k++) {
    const [xa, ya] = points[k - 1] as [Q, Q];
    const [xb, yb] = points[k] as [Q, Q];
    const a = yb.sub(ya).div(xb.sub(xa));
    pieces.push({ a, c: ya.sub(a.mul(xa)) });
  }
  const [xl, yl] = points[points.length - 1] as [Q, Q];
  pieces.push({ a: Q.ONE, c: yl.sub(xl) });
  return pwl(
    breaks,
    pieces,
    points.map(([, y]) => y),
  );
}

/** The 2n interpolation nodes: C at k = 1-n..0, 0 at k = 1..n. */
function nodes(n: number, C: Q): [Q, Q][] {
  return [...upTo(n).map((k): [Q, Q] => [Q.int(k - n), C]), ...upTo(n).map((k): [Q, Q] => [Q.int(k), Q.ZERO])];
}

/** A continuous zigzag: the nodes, with a peak 2C between C-nodes and a dip -C between 0-nodes. */
export function zigzag(n: number, C: Q): Activation {
  const pts: [Q, Q][] = [];
  const ns = nodes(n, C);
  ns.forEach(([x, y], k) => {
    pts.push([x, y]);
    const next = ns[k + 1];
    if (next && next[1].equals(y)) pts.push([x.add(Q.of(1n, 2n)), y.isZero() ? C.neg() : C.mul(Q.int(2))]);
  });
  return {
    id: `zigzag-${n}`,
    label: `continuous zigzag through (k, C), k = ${1 - n}..0 and (k, 0), k = 1..${n}`,
    kind: 'pwl',
    f: pwlThrough(pts),
    monotone: false,
  };
}

/** The Lagrange polynomial through the nodes (degree 2n - 1). */
export function lagrange(n: number, C: Q): Poly {
  const ns = nodes(n, C);
  const u = Poly.variable('u');
  return ns.reduce((acc, [xk, yk], k) => {
    if (yk.isZero()) return acc;
    let term = Poly.constant(yk);
    ns.forEach(([xm], m) => {
      if (m !== k) term = term.mul(u.sub(Poly.constant(xm))).scale(xk.sub(xm).inv());
    });
    return acc.add(term);
  }, Poly.ZERO);
}

/** 0 on [-1, 0], C on [2, 3], 2C elsewhere: intervals exist, yet n >= 2 cannot be reconstructed from linear codes. */
export function gapped(C: Q): Activation {
  const two = C.mul(Q.int(2));
  const f = pwl(
    [Q.MINUS_ONE, Q.ZERO, Q.int(2), Q.int(3)],
    [
      { a: Q.ZERO, c: two },
      { a: Q.ZERO, c: Q.ZERO },
      { a: Q.ZERO, c: two },
      { a: Q.ZERO, c: C },
      { a: Q.ZERO, c: two },
    ],
    [Q.ZERO, Q.ZERO, C, C],
  );
  return { id: 'gapped', label: '0 on [-1, 0], C on [2, 3], 2C elsewhere', kind: 'pwl', f, monotone: false };
}

// ---------------------------------------------------------------- evidence

/** Whether g has the deck's intervals (exact for PWL; "no" for strictly monotone g). */
export type IntervalStatus = 'yes' | 'no' | 'undecided';

/** One activation at one n: the exact decision and the intervals. */
export interface CaseRow {
  g: string;
  n: number;
  /** Monotone (non-decreasing or non-increasing), or undefined when unknown. */
  monotone: boolean | undefined;
  decision: Decision;
  intervals: IntervalStatus;
  A?: Interval;
  B?: Interval;
}

/** The counterexample families and the converse's activation at one n. */
export interface FamilyRow {
  n: number;
  /** Whether the codes are linear (the polynomial and the converse are about linear codes). */
  linearCodes: boolean;
  zigzag: { reconstructs: boolean; intervals: IntervalStatus };
  /** Lagrange polynomial with u_j = (z - beta)/alpha - j; undefined for non-linear codes. */
  polynomial?: { degree: number; reconstructs: boolean; p: Poly };
  gapped: { reconstructs: boolean; intervals: IntervalStatus };
}

/** Reconstructs over R: rational weights found, or real weights only. */
export function reconstructs(d: Decision): boolean {
  return d.status === 'yes' || d.status === 'real-only';
}

/** The exact decision and intervals for one activation. */
export function caseRow(act: Activation, codes: readonly Q[], C: Q): CaseRow {
  const d = decideOneLayer(act, codes, C);
  if (d.status === 'yes') recheck(checkWitness(act, codes, C, d.W2, d.b2), `witness for ${act.id}`);
  const iv = hasIntervals(act, C);
  const monotone = act.kind === 'injective' ? true : act.kind === 'pwl' ? act.monotone : undefined;
  return {
    g: act.id,
    n: codes.length - 1,
    monotone,
    decision: d,
    intervals: iv.status,
    ...(iv.status === 'yes' ? { A: iv.A, B: iv.B } : {}),
  };
}

/** z_i = alpha i + beta with alpha != 0: (alpha, beta), else undefined. */
export function linearFit(codes: readonly Q[]): { alpha: Q; beta: Q } | undefined {
  if (codes.length < 2) return undefined;
  const alpha = (codes[1] as Q).sub(codes[0] as Q);
  const beta = (codes[0] as Q).sub(alpha);
  if (alpha.isZero() || !codes.every((z, i) => z.equals(alpha.mul(Q.int(i + 1)).add(beta)))) return undefined;
  return { alpha, beta };
}

/** The families at one n. */
export function familyRow(codes: readonly Q[], C: Q): FamilyRow {
  const n = codes.length - 1;
  const fit = linearFit(codes);
  const z = zigzag(n, C);
  const g = gapped(C);
  let polynomial: FamilyRow['polynomial'];
  if (fit) {
    // u_j(z) = (z - beta)/alpha - j: u_j(z_i) = i - j, the node abscissae.
    const p = lagrange(n, C);
    const W2 = upTo(n).map(() => fit.alpha.inv());
    const b2 = upTo(n).map((j) => fit.beta.neg().div(fit.alpha).sub(Q.int(j)));
    const ok = checkWitness(z, codes, C, W2, b2, (u) => p.eval({ u }));
    polynomial = { degree: p.totalDegree(), reconstructs: ok, p };
  }
  return {
    n,
    linearCodes: fit !== undefined,
    zigzag: { reconstructs: reconstructs(decideOneLayer(z, codes, C)), intervals: hasIntervals(z, C).status },
    polynomial,
    gapped: { reconstructs: reconstructs(decideOneLayer(g, codes, C)), intervals: hasIntervals(g, C).status },
  };
}

// ---------------------------------------------------------------- decisions

/** A reading's status and its reason. */
export interface Decided {
  status: Status;
  reason: string;
}

const NONE: Decided = { status: 'inconclusive', reason: 'no case of this class in the range checked' };

/** A case that reconstructs although g has no intervals: a counterexample to the "only if". */
function violates(r: CaseRow): boolean {
  return reconstructs(r.decision) && r.intervals === 'no';
}

/**
 * "Reconstruction implies the intervals" over the given cases and families:
 * refuted by the first violation (smallest n); inconclusive when none is found,
 * since a universal statement about every g is not decided by finitely many.
 */
export function decideOnlyIf(rows: readonly CaseRow[], fams: readonly FamilyRow[]): Decided {
  const bad = [...rows].filter(violates).sort((a, b) => a.n - b.n)[0];
  const parts: string[] = [];
  if (bad) parts.push(`${texName(bad.g)} reconstructs at $n = ${bad.n}$ without the intervals`);
  for (const d of [decidePolynomial(fams), decideNonMonotonePwl(fams)])
    if (d.status === 'refuted') parts.push(d.reason);
  if (parts.length > 0) return { status: 'refuted', reason: parts.join('; ') };
  return { status: 'inconclusive', reason: 'no counterexample among the cases checked' };
}

/**
 * "For monotone g and n >= 2, reconstruction implies the intervals": refuted by a
 * monotone violation with n >= 2; holds when the monotone cases with n >= 2 agree
 * (the page proves it for every g, n and distinct codes); inconclusive without such cases.
 */
export function decideMonotoneN2(rows: readonly CaseRow[]): Decided {
  const cases = rows.filter((r) => r.monotone === true && r.n >= 2 && r.intervals !== 'undecided');
  if (cases.length === 0) return NONE;
  const bad = cases.find(violates);
  if (bad)
    return {
      status: 'refuted',
      reason: `monotone ${texName(bad.g)} reconstructs at $n = ${bad.n}$ without the intervals`,
    };
  const recon = cases.filter((r) => reconstructs(r.decision)).length;
  return {
    status: 'holds',
    reason: `${cases.length} monotone cases with $n \\ge 2$ agree (${recon} reconstruct, each with both intervals)`,
  };
}

/** "For monotone g and n = 1, reconstruction implies the intervals": refuted by a violation; else inconclusive. */
export function decideMonotoneN1(rows: readonly CaseRow[]): Decided {
  const cases = rows.filter((r) => r.monotone === true && r.n === 1);
  if (cases.length === 0) return NONE;
  const bad = cases.filter(violates);
  if (bad.length > 0)
    return {
      status: 'refuted',
      reason: `${bad.map((r) => texName(r.g)).join(', ')} reconstruct${bad.length === 1 ? 's' : ''} at $n = 1$ without the intervals`,
    };
  return { status: 'inconclusive', reason: 'no monotone counterexample at $n = 1$ among the cases checked' };
}

/** "A polynomial g that reconstructs has the intervals": refuted when a non-constant polynomial reconstructs. */
export function decidePolynomial(fams: readonly FamilyRow[]): Decided {
  const cases = fams.filter((f) => f.polynomial);
  if (cases.length === 0) return { status: 'inconclusive', reason: 'the codes are not linear' };
  const bad = cases.filter((f) => f.polynomial && f.polynomial.reconstructs && f.polynomial.degree >= 1);
  if (bad.length > 0)
    return {
      status: 'refuted',
      reason: `for ${texNs(bad.map((f) => f.n))} a non-constant polynomial (degree ${bad.map((f) => f.polynomial?.degree).join(', ')}) reconstructs, and it is constant on no interval`,
    };
  return { status: 'inconclusive', reason: 'the interpolating polynomials did not reconstruct' };
}

/** "A non-monotone continuous PWL g that reconstructs has the intervals": refuted by the zigzag. */
export function decideNonMonotonePwl(fams: readonly FamilyRow[]): Decided {
  if (fams.length === 0) return NONE;
  const bad = fams.filter((f) => f.zigzag.reconstructs && f.zigzag.intervals === 'no');
  if (bad.length > 0)
    return {
      status: 'refuted',
      reason: `for ${texNs(bad.map((f) => f.n))} a continuous zigzag reconstructs, and it is constant on no interval`,
    };
  return { status: 'inconclusive', reason: 'the zigzag did not reconstruct without intervals' };
}

/**
 * "With linear codes and n >= 2, the intervals suffice": refuted when some g with
 * both intervals (a catalogue case or the gapped g) cannot reconstruct at some n >= 2.
 */
export function decideConverse(rows: readonly CaseRow[], fams: readonly FamilyRow[]): Decided {
  const linear = fams.filter((f) => f.linearCodes && f.n >= 2);
  if (linear.length === 0) return { status: 'inconclusive', reason: 'no linear codes with $n \\ge 2$ in the range' };
  const ns = new Set(linear.map((f) => f.n));
  const badRow = rows.find((r) => ns.has(r.n) && r.intervals === 'yes' && r.decision.status === 'no');
  if (badRow)
    return {
      status: 'refuted',
      reason: `${texName(badRow.g)} has both intervals but cannot reconstruct at $n = ${badRow.n}$`,
    };
  const bad = linear.find((f) => f.gapped.intervals === 'yes' && !f.gapped.reconstructs);
  if (bad)
    return {
      status: 'refuted',
      reason: `$g = 0$ on $[-1, 0]$, $C$ on $[2, 3]$, $2C$ elsewhere has both intervals but cannot reconstruct at $n = ${bad.n}$`,
    };
  return { status: 'inconclusive', reason: 'every case with intervals reconstructs' };
}

/** "At n = 1 the intervals suffice": refuted by a case with intervals that cannot reconstruct; holds otherwise. */
export function decideConverseN1(rows: readonly CaseRow[]): Decided {
  const cases = rows.filter((r) => r.n === 1 && r.intervals === 'yes');
  if (cases.length === 0) return NONE;
  const bad = cases.find((r) => !reconstructs(r.decision));
  if (bad)
    return { status: 'refuted', reason: `${texName(bad.g)} has both intervals but cannot reconstruct at $n = 1$` };
  return { status: 'holds', reason: `all ${cases.length} activations with both intervals reconstruct at $n = 1$` };
}

// ---------------------------------------------------------------- rendering helpers

const TEX_NAMES: Record<string, string> = {
  relu: 'ReLU $\\max(u, 0)$',
  sigmoid: 'sigmoid $e^u/(1 + e^u)$',
  tanh: '$\\tanh u$',
  hardsigmoid: 'hard sigmoid $\\min(\\max(u/6 + 1/2, 0), 1)$',
  'clipped-relu': 'clipped ReLU $\\min(\\max(u, 0), C)$',
  heaviside: 'Heaviside $\\mathbb{1}[u > 0]$',
  'leaky-relu': 'leaky ReLU $\\max(u, u/100)$',
  softplus: 'softplus $\\ln(1 + e^u)$',
};

/** An activation's name in words and LaTeX; user expressions in code font. */
function texName(id: string): string {
  if (TEX_NAMES[id]) return TEX_NAMES[id];
  if (id.startsWith('expr:')) return `\`${id.slice(5)}\``;
  return id;
}

/** A list of n as `$n = 1, \\dots, 5$` when consecutive, else `$n = 1, 3$`. */
function texNs(ns: readonly number[]): string {
  const consecutive = ns.every((n, k) => k === 0 || n === (ns[k - 1] as number) + 1);
  return consecutive && ns.length > 2
    ? `$${texRange(ns[0] as number, ns[ns.length - 1] as number)}$`
    : `$n = ${ns.join(', ')}$`;
}

function texInterval(i: Interval): string {
  if (i.lo !== null && i.hi !== null && i.lo.equals(i.hi)) return `\\lbrace ${latexQ(i.lo)} \\rbrace`;
  const lo = i.lo === null ? '(-\\infty' : `${i.loClosed ? '[' : '('}${latexQ(i.lo)}`;
  const hi = i.hi === null ? '+\\infty)' : `${latexQ(i.hi)}${i.hiClosed ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}

/** The engine's reason for a negative decision, in the page's notation. */
function texWhy(d: Decision, C: Q): string {
  if (d.status === 'yes') return '';
  if (d.status === 'real-only') return 'real weights exist, rational ones do not (an irrational preimage)';
  const out = /^output (\d+):/.exec(d.reason);
  if (out && /Fourier/.test(d.reason))
    return `output $${out[1]}$: no affine $u = wz + b$ sends the codes of signals ${out[1] === '1' ? '$1$' : `$1, \\dots, ${out[1]}$`} into $g^{-1}(C)$ and the others into $g^{-1}(0)$`;
  if (out && /injective/.test(d.reason))
    return `output $${out[1]}$: $g$ is injective, so $u$ would be constant on two distinct codes`;
  if (/never equals 0/.test(d.reason)) return '$g$ never equals $0$, which the zero signal needs';
  if (/never equals C/.test(d.reason)) return `$g$ never equals $C = ${latexQ(C)}$`;
  return d.reason;
}

function reconText(rows: readonly CaseRow[]): string {
  const yes = rows.filter((r) => r.decision.status === 'yes').map((r) => r.n);
  const real = rows.filter((r) => r.decision.status === 'real-only').map((r) => r.n);
  const list = (ns: number[]) => ns.join(', ');
  if (yes.length === rows.length) return 'every $n$ checked';
  const parts: string[] = [];
  if (yes.length > 0) parts.push(`$n = ${list(yes)}$`);
  if (real.length > 0) parts.push(`$n = ${list(real)}$ over $\\mathbb{R}$ only`);
  return parts.length === 0 ? 'never' : parts.join('; ');
}

// ---------------------------------------------------------------- the check

/** An undecided reading claims no proof: its scope is what was computed, nothing more. */
function undecidedScope(rs: PendingReading[], checked: readonly [number, number]): PendingReading[] {
  return rs.map((r) => (r.status === 'inconclusive' ? { ...r, scope: { kind: 'exhaustive', checked } } : r));
}

function check(o: CheckOptions<{ g: string[]; codes: Q[] | undefined }>): Verdict {
  const { C } = o;
  const { g: userExprs, codes: givenCodes } = o.extra;
  const acts = [...builtins(C), ...userExprs.map((e) => parseActivation(e, C))];
  if (givenCodes && (givenCodes.length - 1 < o.nMin || givenCodes.length - 1 > o.nMax))
    throw new UsageError(
      `--codes gives ${givenCodes.length} codes, so n = ${givenCodes.length - 1}, outside n = ${o.nMin}..${o.nMax}; accepted: n + 1 codes for the n asked (or leave out --n)`,
    );
  const ns = givenCodes ? [givenCodes.length - 1] : nRange(o);
  const codesFor = (n: number) => givenCodes ?? upTo(n + 1).map((i) => Q.int(i));
  const first = ns[0] as number;
  const last = ns[ns.length - 1] as number;

  const rows = acts.flatMap((act) => ns.map((n) => caseRow(act, codesFor(n), C)));
  const fams = ns.map((n) => familyRow(codesFor(n), C));
  if (!givenCodes) {
    for (const f of fams) {
      // The page proves both families for every n: a failure here is a bug.
      recheck(f.zigzag.reconstructs && f.zigzag.intervals === 'no', `zigzag counterexample, n = ${f.n}`);
      recheck(
        (f.polynomial?.reconstructs ?? false) && f.polynomial?.degree === 2 * f.n - 1,
        `polynomial counterexample, n = ${f.n}`,
      );
      recheck(f.n < 2 || !f.gapped.reconstructs, `gapped g, n = ${f.n}`);
    }
  }

  const onlyIf = decideOnlyIf(rows, fams);
  const monoN2 = decideMonotoneN2(rows);
  const monoN1 = decideMonotoneN1(rows);
  const poly = decidePolynomial(fams);
  const zz = decideNonMonotonePwl(fams);
  const conv = decideConverse(rows, fams);
  const convN1 = decideConverseN1(rows);

  const proved = (a: number, b: number): Scope =>
    a <= b ? { kind: 'proved', checked: [a, b] } : { kind: 'exhaustive', checked: [first, last] };
  const n2From = Math.max(2, first);
  const scopeAll = proved(first, last);

  const table = acts.map((act) => {
    const mine = rows.filter((r) => r.g === act.id);
    const r0 = mine[0] as CaseRow;
    const failing = mine.find((r) => r.decision.status !== 'yes');
    return [
      texName(act.id),
      r0.monotone === undefined ? '?' : r0.monotone ? 'yes' : 'no',
      r0.intervals === 'yes' && r0.A && r0.B
        ? `$A = ${texInterval(r0.A)}$, $B = ${texInterval(r0.B)}$`
        : r0.intervals === 'undecided'
          ? 'undecided'
          : 'none',
      reconText(mine),
      mine.some(violates)
        ? `**no**, $n = ${mine
            .filter(violates)
            .map((r) => r.n)
            .join(', ')}$`
        : 'yes',
      failing ? `$n = ${failing.n}$: ${texWhy(failing.decision, C)}` : '',
    ];
  });
  const witnesses = rows
    .filter((r) => r.decision.status === 'yes' && r.n <= 3)
    .map((r) =>
      r.decision.status === 'yes'
        ? `- ${texName(r.g)}, $n = ${r.n}$: $W_2 = ${texVec(r.decision.W2)}$, $\\mathbf{b}_2 = ${texVec(r.decision.b2)}$`
        : '',
    );
  const famTable = fams.map((f) => [
    `$${f.n}$`,
    `${f.zigzag.reconstructs ? 'yes' : 'no'}; intervals: ${f.zigzag.intervals}`,
    f.polynomial ? `degree ${f.polynomial.degree}; ${f.polynomial.reconstructs ? 'yes' : 'no'}` : 'not linear codes',
    `${f.gapped.reconstructs ? 'yes' : 'no'}; intervals: ${f.gapped.intervals}`,
  ]);
  const smallPoly = fams.find((f) => f.polynomial && f.n === 2)?.polynomial?.p;

  const smallest = rows.filter(violates).sort((a, b) => a.n - b.n)[0];
  const codesText = givenCodes ? `codes $z = ${texVec(givenCodes)}$` : `codes $z_i = i$, $${texRange(first, last)}$`;
  return verdictFrom(
    o,
    ['only-if'],
    {
      summary:
        onlyIf.status === 'refuted'
          ? `the "only if" fails${givenCodes ? ' for the given codes' : ': ReLU and leaky ReLU reconstruct at $n = 1$ without the intervals, and a polynomial or a continuous zigzag $g$ for every $n$'}; it holds for monotone $g$ and $n \\ge 2$; the converse fails for $n \\ge 2$`
          : 'no counterexample to the "only if" among the cases checked for the given codes; it holds for monotone $g$ and $n \\ge 2$ (proved)',
      readings: undecidedScope(
        [
          reading(
            'only-if',
            'for every activation $g$, every $n \\ge 1$ and any codes: exact reconstruction $\\Rightarrow$ there are disjoint proper intervals $A$, $B$ with $g = 0$ on $A$ and $g = C$ on $B$',
            onlyIf.status,
            onlyIf.reason,
            scopeAll,
          ),
          reading(
            'monotone-n2',
            'the same for monotone $g$ (non-decreasing or non-increasing) and $n \\ge 2$, any distinct codes',
            monoN2.status,
            monoN2.reason,
            proved(n2From, last),
          ),
          reading(
            'monotone-n1',
            'the same for monotone $g$ and $n = 1$',
            monoN1.status,
            monoN1.reason,
            first === 1 ? { kind: 'exhaustive', checked: [1, 1] } : proved(2, 1),
          ),
          reading(
            'polynomial',
            'the same for polynomial $g$ (linear codes), every $n$',
            poly.status,
            poly.reason,
            scopeAll,
          ),
          reading(
            'non-monotone-pwl',
            'the same for continuous piecewise-linear $g$, every $n$',
            zz.status,
            zz.reason,
            scopeAll,
          ),
          reading(
            'converse',
            'the intervals suffice: if $g = 0$ on a proper interval $A$ and $g = C$ on a disjoint proper interval $B$, some $W_2, \\mathbf{b}_2$ reconstruct from linear codes, for every $n$',
            conv.status,
            conv.reason,
            proved(n2From, last),
          ),
          reading(
            'converse-n1',
            'the intervals suffice when $n = 1$ (two distinct codes)',
            convN1.status,
            convN1.reason,
            proved(Math.max(1, first), Math.min(1, last)),
          ),
        ],
        [first, last],
      ),
      sections: [
        {
          title: 'Proofs and counterexamples (every $n$)',
          proof: true,
          lines: [
            '**Indices.** Signals $i = 1, \\dots, n+1$ with codes $z_i$ (signal $n+1$ is the zero signal), outputs $j = 1, \\dots, n$. Output $j$ is $y^{(i)}_j = g(u_j(z_i))$ with $u_j(z) = W_{2,j} z + b_{2,j}$, and must equal $C$ for $i \\le j$ and $0$ for $i > j$. Reconstruction forces distinct codes (the signals are distinct and each output depends on the code only). Weights are real.',
            '',
            '*`only-if`, `monotone-n1`: $n = 1$.* With $z = (1, 2)$, $\\mathrm{ReLU}(C(2 - z)) = (C, 0)$: exact, yet $\\mathrm{ReLU} = C$ only at the single point $u = C$, so no proper $B$. The same $u$ works for the leaky ReLU, whose zero set is $\\lbrace 0 \\rbrace$ (no proper $A$ either).',
            '',
            '*`polynomial`, every $n$.* Let $p$ interpolate $(k, C)$ for $k = 1-n, \\dots, 0$ and $(k, 0)$ for $k = 1, \\dots, n$: $2n$ nodes, degree at most $2n - 1$. With $z_i = i$ and $u_j(z) = z - j$, $y^{(i)}_j = p(i - j)$ with $i - j \\in \\lbrace 1-n, \\dots, n \\rbrace$, which is $C$ iff $i - j \\le 0$ iff $j \\ge i$: exact reconstruction. $p$ is not constant (it takes the values $0$ and $C$), and a polynomial constant on a proper interval is constant, so $p$ has neither $A$ nor $B$. For linear codes $z_i = \\alpha i + \\beta$ take $u_j(z) = (z - \\beta)/\\alpha - j$.',
            '',
            '*`non-monotone-pwl`, every $n$.* The continuous piecewise-linear $g$ through the same nodes, with a peak $2C$ between two consecutive $C$-nodes, a dip $-C$ between two consecutive $0$-nodes, and slope $1$ outside, reconstructs with the same $u_j$; none of its pieces is flat, so it is constant on no proper interval.',
            '',
            '*`monotone-n2`.* Output $n$ equals $C$ at the codes $z_1, \\dots, z_n$ and $0$ at $z_{n+1}$, so $W_{2,n} \\ne 0$ (a constant output cannot take both values), and $u_n(z_1), \\dots, u_n(z_n)$ are $n \\ge 2$ distinct points where $g = C$. A monotone $g$ equal at two points is constant between them: that closed interval is $B$. Output $1$ equals $0$ at the $n \\ge 2$ codes $z_2, \\dots, z_{n+1}$, which gives $A$ in the same way. $A \\cap B = \\emptyset$ since $0 \\ne C$.',
            '',
            '*`converse-n1`.* Two distinct codes can be sent by an affine $u$ to any two points, one in $B$ and one in $A$.',
            '',
            '*`converse`, $n \\ge 2$.* Take $g = 0$ on $[-1, 0]$, $g = C$ on $[2, 3]$, $g = 2C$ elsewhere. For linear codes $v_i = u_n(z_i)$ is affine in $i$ with step $a$; output $n$ needs $v_1, \\dots, v_n \\in [2, 3]$ and $v_{n+1} \\in [-1, 0]$. Then $v_{n+1} - v_n = a \\le -2$, while $\\lvert v_2 - v_1 \\rvert = \\lvert a \\rvert \\le 1$: impossible. $\\square$',
            '',
            '**Catalogue facts.** The sigmoid and the softplus never equal $0$ (no $n$ is reconstructed); $\\tanh$ never equals $C \\ge 1$; for $C < 1$ and $n = 1$, $\\tanh$ reconstructs with real weights ($u(z_1) = \\operatorname{artanh} C$, $u(z_2) = 0$), never rational ones ($e^q$ is irrational for rational $q \\ne 0$), which is another counterexample at $n = 1$ over $\\mathbb{R}$.',
            '',
            `**What the computation re-checks.** For each activation and ${codesText}, exact reconstruction is decided per output (for piecewise-linear $g$ by Fourier–Motzkin over every choice of intervals of $g^{-1}(C)$ and $g^{-1}(0)$, with an exact witness re-checked by evaluation; for strictly increasing $g$ by injectivity and the range), and the intervals are read off the exact preimages.`,
          ],
        },
        {
          title: `The catalogue, ${codesText}`,
          table: {
            header: [
              '$g$',
              'monotone',
              'intervals $A$, $B$',
              'reconstructs',
              '"only if" agrees',
              'why not (first $n$)',
            ],
            rows: table,
          },
        },
        {
          title: 'Exact witnesses for $n \\le 3$, re-checked by exact evaluation',
          lines: witnesses.length > 0 ? witnesses : ['(none)'],
        },
        {
          title: 'The families: zigzag, interpolating polynomial, and the converse',
          lines: smallPoly
            ? [`For $n = 2$ and $C = ${latexQ(C)}$: $p(u) = ${texPoly(smallPoly, { leading: 'u' })}$.`]
            : [],
          table: {
            header: [
              '$n$',
              'continuous zigzag reconstructs',
              'interpolating polynomial, $u_j(z) = z - j$',
              '$g$ with $A = [-1, 0]$, $B = [2, 3]$ reconstructs',
            ],
            rows: famTable,
          },
        },
      ],
      scope: scopeAll,
    },
    {
      counterexample: smallest
        ? {
            activation: smallest.g,
            n: smallest.n,
            codes: codesFor(smallest.n),
            ...(smallest.decision.status === 'yes' ? { W2: smallest.decision.W2, b2: smallest.decision.b2 } : {}),
            intervals: smallest.intervals,
          }
        : { family: 'interpolating polynomial', n: first },
      certificate: null,
    },
  );
}

function parseCodes(v: string): Q[] {
  const codes = v.split(',').map((s, k) => Q.parse(s, `--codes entry ${k + 1}`));
  if (codes.length < 2)
    throw new ParseError('--codes: give n+1 >= 2 comma-separated rationals (the codes of signals 1..n+1)');
  const seen = new Set<string>();
  codes.forEach((c, k) => {
    if (seen.has(c.toString()))
      throw new ParseError(
        `--codes: entry ${k + 1} (${c}) repeats an earlier code; accepted: distinct codes (equal codes give equal outputs, so no decoder tells their signals apart)`,
      );
    seen.add(c.toString());
  });
  return codes;
}

export const lemmaDecoder1 = defineClaim({
  id: 'lemma-decoder1',
  slide: 'Necessary Condition (one-layer decoder)',
  gist: 'A one-layer decoder reconstructs the steps only if g is 0 on one proper interval and C on another.',
  statement:
    'A one layer decoder is able to generate the $n + 1$ different step functions out of their scalar codes $z$ only if there exist two non-overlapping proper intervals $A$ and $B$ such that $g^{[2]}(u) = 0$ on $A$ and $g^{[2]}(u) = C$ on $B$.',
  reading:
    'One-layer decoder $y^{(i)}_j = g(W_{2,j} z_i + b_{2,j})$ with real $W_2, \\mathbf{b}_2 \\in \\mathbb{R}^n$; "generate" means $y^{(i)} = x^{(i)}$ exactly for all $n+1$ signals; a proper interval has more than one point. As worded: for every $g$ and $n$. Variants by activation class (monotone, polynomial, piecewise linear), by $n$, and the converse.',
  method:
    "For a catalogue of activations (and `--g`) and codes $z_i = i$ (or `--codes`), exact reconstruction is decided per output: for piecewise-linear $g$ by Fourier–Motzkin over the exact preimages $g^{-1}(C)$ and $g^{-1}(0)$, with a witness re-checked by exact evaluation; for strictly increasing $g$ (sigmoid, $\\tanh$, softplus) by injectivity and the range. The intervals are read off the preimages. Two counterexample families (an interpolating polynomial, a continuous zigzag) and the converse's activation are checked exactly for every $n$ in range.",
  defaultNMax: 5,
  maxNMax: 12,
  options: {
    g: {
      flags: '--g <expr>',
      description: 'an extra activation in u, e.g. "min(max(u,0),1)" (repeatable)',
      default: [],
      parse: (v, prev) => {
        parseActivation(v, Q.ONE); // validates before any work
        return [...(prev ?? []), v];
      },
      replay: (gs) => gs.map((e) => ['--g', e] as const),
      repeatable: true,
    },
    codes: {
      flags: '--codes <list>',
      description: 'the n+1 codes, comma-separated rationals (default z = i for n = 1..n-max)',
      default: undefined,
      parse: (v) => parseCodes(v),
      replay: (codes) => (codes ? [['--codes', codes.join(',')]] : []),
    },
  },
  check,
});
