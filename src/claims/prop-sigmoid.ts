/**
 * prop-sigmoid (deck, "Sigmoid Activation Function", "Handcrafted Solution"):
 *   with g = sigmoid and a linear encoding, some W2, b2 give MSE < eps for
 *   an arbitrarily small eps > 0; handcrafted with z(i) = i and eps = 1e-5.
 *
 * Indices: signals i = 1..n+1, outputs j = 1..n; y(i)_j = sigmoid(u_j(z_i)),
 * MSE = (1/(n(n+1))) sum_{i,j} (y(i)_j - x(i)_j)^2 as on the slide.
 *
 * Which reading is "as worded". The deck fixes its data as "n+1 step functions
 * of dimension n and same amplitude C" and states the proposition without
 * restricting C (only the handcrafted example is at C = 1). So the as-worded
 * reading is: for every C > 0, every n and every linear code, inf MSE = 0.
 * It is refuted: sigmoid < 1, so for C > 1 each of the n(n+1)/2 entries equal
 * to C errs by more than C - 1 (inf MSE = (C - 1)^2 / 2, every n), and for
 * C < 1, n >= 2 the slope argument bounds inf MSE below by
 * (n - 1) delta^2 / (n(n+1)) > 0. It holds iff C = 1, or C < 1 and n = 1.
 * Reading the slide as "C = 1" would add a hypothesis the deck does not state;
 * it is the first variant, and the one the headline names.
 *
 * Linear codes: u_j is affine in z, hence in i for z_i = alpha i + beta, so
 * every linear code reaches the same pre-activations as z = i.
 *
 * Evidence: for a fixed grid of amplitudes (plus --C) and every n in range,
 * a rigorous lower bound of inf MSE and, where the proposition should hold,
 * weights with a certified MSE below eps. The readings are decided from these
 * rows by the exported decide* functions.
 */
import { builtins } from '../activation/catalogue.js';
import { mseEnclosure, searchWitness, sigmoidWeights } from '../activation/sigmoid.js';
import {
  deltaBelowOne,
  lowerBoundBelowOneExact,
  nOneWitness,
  sharperBound,
  uniformSteepness,
} from '../activation/sigmoid-bounds.js';
import { ParseError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { parseRational } from '../options.js';
import { latexQ } from '../render/format.js';
import { texRange } from '../render/tex.js';
import { nRange, type PendingReading, reading, recheck, verdictFrom } from './common.js';
import type { Scope, Status, Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** The deck's epsilon, 1e-5. */
const DECK_EPS = Q.parse('1e-5');

/** The amplitudes every check examines (one per class and two inside each class), plus --C. */
export const AMPLITUDES = ['1/2', '9/10', '1', '11/10', '2'].map((c) => Q.parse(c));

/** What is known about inf MSE at one (C, n), for the target eps. */
export interface AmplitudeRow {
  C: Q;
  n: number;
  /** A rigorous lower bound of inf over W2, b2 of the MSE (0: none). */
  lower: Q;
  /** True when `lower` is the infimum itself. */
  lowerIsInfimum: boolean;
  /** Weights with a certified MSE upper bound, when constructed. */
  reached?: { W2: Q[]; b2: Q[]; mseUpper: Q };
  eps: Q;
  how: string;
}

/** What a row says about the proposition at (C, n). */
export type RowOutcome = 'bounded-away' | 'reached' | 'unknown';

/** bounded-away when inf MSE > 0 is certified; reached when certified weights go below eps; else unknown. */
export function rowOutcome(r: AmplitudeRow): RowOutcome {
  if (r.lower.sign() > 0) return 'bounded-away';
  if (r.reached && r.reached.mseUpper.lt(r.eps)) return 'reached';
  return 'unknown';
}

/** The characterisation: inf MSE = 0 iff C = 1, or C < 1 and n = 1. */
export function predicted(C: Q, n: number): boolean {
  return C.equals(Q.ONE) || (n === 1 && C.lt(Q.ONE));
}

/**
 * "inf MSE = 0 for every row of the class": refuted by one bounded-away row,
 * holds when every row is reached, inconclusive otherwise (or with no rows).
 */
export function decideClass(rows: readonly AmplitudeRow[]): { status: Status; reason: string } {
  if (rows.length === 0) return { status: 'inconclusive', reason: 'no amplitude and $n$ of this class in the range' };
  // The clearest refutation first: an exact infimum, then the smallest n.
  const away = rows
    .filter((r) => rowOutcome(r) === 'bounded-away')
    .sort((a, b) => Number(b.lowerIsInfimum) - Number(a.lowerIsInfimum) || a.n - b.n || a.C.cmp(b.C))[0];
  if (away)
    return {
      status: 'refuted',
      reason: `$C = ${latexQ(away.C)}$, $n = ${away.n}$: $\\inf \\mathrm{MSE} ${away.lowerIsInfimum ? '=' : '\\ge'} ${latexQ(away.lower)} > 0$`,
    };
  const unknown = rows.find((r) => rowOutcome(r) === 'unknown');
  if (unknown)
    return {
      status: 'inconclusive',
      reason: `$C = ${latexQ(unknown.C)}$, $n = ${unknown.n}$: neither bound certified`,
    };
  return {
    status: 'holds',
    reason: `certified weights reach $\\mathrm{MSE} < ${texEps(rows[0]!.eps)}$ in every case (${rows.length} pairs $(C, n)$)`,
  };
}

/** The characterisation against every row: holds when each row agrees with `predicted`, refuted when one contradicts it. */
export function decideCharacterisation(
  rows: readonly AmplitudeRow[],
  pred: (C: Q, n: number) => boolean = predicted,
): { status: Status; reason: string } {
  const wrong = rows.find((r) => pred(r.C, r.n) && rowOutcome(r) === 'bounded-away');
  if (wrong)
    return {
      status: 'refuted',
      reason: `predicted to hold at $C = ${latexQ(wrong.C)}$, $n = ${wrong.n}$, but $\\inf \\mathrm{MSE} \\ge ${latexQ(wrong.lower)}$`,
    };
  const open = rows.find((r) => (pred(r.C, r.n) ? rowOutcome(r) !== 'reached' : rowOutcome(r) !== 'bounded-away'));
  if (open)
    return {
      status: 'inconclusive',
      reason: `$C = ${latexQ(open.C)}$, $n = ${open.n}$ is not certified either way`,
    };
  return {
    status: 'holds',
    reason: `each of ${rows.length} pairs $(C, n)$ agrees: certified weights below $\\epsilon$ where predicted, a positive lower bound elsewhere`,
  };
}

/** The handcrafted weights at C = 1: the uniform certificate, and per n an enclosure of their MSE. */
export interface HandcraftedEvidence {
  eps: Q;
  s: number;
  /** E >= e^{-s}, exact: MSE < E for every n. */
  E: Q;
  /** Per n: the sharper rational bound, and for n <= 12 an enclosure of the MSE itself. */
  perN: { n: number; sharper: Q; enclosure?: { lo: Q; hi: Q } }[];
}

/**
 * "The handcrafted weights give MSE < eps for every n": holds when the uniform
 * rational bound E >= e^{-s} is below eps (the proof covers every n); refuted when
 * some n has an MSE enclosure at or above eps; inconclusive otherwise.
 */
export function decideHandcrafted(e: HandcraftedEvidence): { status: Status; reason: string } {
  const bad = e.perN.find((r) => r.enclosure && !r.enclosure.lo.lt(e.eps));
  if (bad?.enclosure)
    return {
      status: 'refuted',
      reason: `$s = ${e.s}$, $n = ${bad.n}$: $\\mathrm{MSE} \\ge ${sci(bad.enclosure.lo, 'down')} \\ge \\epsilon$`,
    };
  if (e.E.lt(e.eps))
    return {
      status: 'holds',
      reason: `$\\mathrm{MSE} < e^{-${e.s}} \\le 1/S_K(${e.s}) < ${texEps(e.eps)}$ for every $n$ (rational certificate)`,
    };
  return { status: 'inconclusive', reason: `$s = ${e.s}$ is not certified by the uniform bound` };
}

/**
 * "MSE = 0 is attained": the zero signal needs g = 0 and the first needs g = C; a
 * value outside the open range of g is never taken. Refuted when 0 or C is outside.
 */
export function decideExact(range: { lo: Q | null; hi: Q | null }, C: Q): { status: Status; reason: string } {
  const inside = (v: Q) => (range.lo === null || range.lo.lt(v)) && (range.hi === null || v.lt(range.hi));
  if (!inside(Q.ZERO))
    return { status: 'refuted', reason: 'the sigmoid never equals $0$, and the zero signal needs $0$: every $n$, $C$' };
  if (!inside(C)) return { status: 'refuted', reason: `the sigmoid never equals $C = ${latexQ(C)}$` };
  return { status: 'inconclusive', reason: '$0$ and $C$ are both values of $g$; exactness is not decided here' };
}

/** One row of the evidence. */
export function amplitudeRow(C: Q, n: number, eps: Q, s: number, E: Q): AmplitudeRow {
  if (C.equals(Q.ONE)) {
    // The exact rational bound (1/(n(n+1))) sum E^{|2i-2j-1|}, E >= e^{-s}: no floating point.
    const w = sigmoidWeights(n, Q.int(s));
    const bound = sharperBound(n, E);
    return {
      C,
      n,
      eps,
      lower: Q.ZERO,
      lowerIsInfimum: true,
      reached: { ...w, mseUpper: bound },
      how: `$s = ${s}$: $W_{2,j} = -${s}$, $b_{2,j} = ${s}(j + \\tfrac12)$`,
    };
  }
  if (Q.ONE.lt(C)) {
    const v = C.sub(Q.ONE).pow(2).div(Q.int(2));
    return {
      C,
      n,
      eps,
      lower: v,
      lowerIsInfimum: true,
      how: '$\\sigma < 1$: the $n(n+1)/2$ entries equal to $C$ err by more than $C - 1$',
    };
  }
  if (n === 1) {
    const w = nOneWitness(C, eps);
    return {
      C,
      n,
      eps,
      lower: Q.ZERO,
      lowerIsInfimum: true,
      reached: w ? { W2: [w.W2], b2: [w.b2], mseUpper: w.mseUpper } : undefined,
      how: '$u(z_1) \\approx \\ln\\frac{C}{1-C}$, $u(z_2) \\to -\\infty$',
    };
  }
  const { delta } = deltaBelowOne(C);
  // The upper bound only illustrates the gap (the decision uses the lower bound); its float
  // search grows like n^3, so it stops at n = 8.
  const w = n <= 8 ? searchWitness(n, C) : undefined;
  const enc = w ? mseEnclosure(n, C, w.W2, w.b2) : undefined;
  return {
    C,
    n,
    eps,
    lower: lowerBoundBelowOneExact(n, C),
    lowerIsInfimum: false,
    reached: w && enc ? { ...w, mseUpper: Q.parse(enc.hi.toExponential()) } : undefined,
    how: `slope argument, $\\delta = ${latexQ(delta)}$: $\\inf \\mathrm{MSE} \\ge (n-1)\\delta^2/(n(n+1))$`,
  };
}

/** What is known about inf MSE for (n, C) with codes z = i: exact value or a certified enclosure. */
export interface InfimumReport {
  n: number;
  C: Q;
  /** true when every eps > 0 is reachable. */
  proposition: boolean;
  lower: Q;
  /** A certified upper bound (reached by explicit weights), or the exact infimum when exact = true. */
  upper: Q;
  exact: boolean;
  how: string;
}

/** The infimum of the MSE over all W2, b2 for codes z = i (the row at the deck's eps, in the older report form). */
export function sigmoidInfimum(n: number, C: Q): InfimumReport {
  const u = uniformSteepness(DECK_EPS);
  const r = amplitudeRow(C, n, DECK_EPS, u.s, u.E);
  const proposition = predicted(C, n);
  const exact = r.lowerIsInfimum;
  const upper = proposition ? Q.ZERO : exact ? r.lower : (r.reached?.mseUpper ?? r.lower);
  return { n, C, proposition, lower: r.lower, upper, exact, how: r.how };
}

/** A power of ten as 10^{k}, else the rational (for eps, usually 10^{-5}). */
export function texEps(x: Q): string {
  const pow10 = (b: bigint) => /^10*$/.test(b.toString());
  if (x.num === 1n && pow10(x.den)) return `10^{-${x.den.toString().length - 1}}`;
  if (x.den === 1n && pow10(x.num)) return `10^{${x.num.toString().length - 1}}`;
  return latexQ(x);
}

/** The same in plain text: 1e-5. */
function plainEps(x: Q): string {
  const t = texEps(x);
  return t.startsWith('10^{') ? `1e${t.slice(4, -1)}` : x.toString();
}

/** A positive rational as m \\cdot 10^{e} with 4 digits, rounded as asked (the digits shown stay a valid bound). */
function sci(x: Q, round: 'down' | 'up' | 'near' = 'near'): string {
  if (x.isZero()) return '0';
  const [m0, e] = x.toNumber().toExponential(9).split('e') as [string, string];
  const scaled = Number(m0) * 1000;
  const m = (round === 'down' ? Math.floor(scaled) : round === 'up' ? Math.ceil(scaled) : Math.round(scaled)) / 1000;
  return `${m.toFixed(3)} \\cdot 10^{${Number(e)}}`;
}

/** An undecided reading claims no proof: its scope is what was computed, nothing more. */
function undecidedScope(rs: PendingReading[], checked: readonly [number, number]): PendingReading[] {
  return rs.map((r) => (r.status === 'inconclusive' ? { ...r, scope: { kind: 'exhaustive', checked } } : r));
}

function check(o: CheckOptions<{ eps: Q }>): Verdict {
  const { nMax } = o;
  const { eps } = o.extra;
  const ns = nRange(o);
  const scope: Scope = { kind: 'proved', checked: [o.nMin, nMax] };

  // The handcrafted weights (C = 1) and their uniform certificate.
  const cert = uniformSteepness(eps);
  const s = cert.s;
  const perN = ns.map((n) => {
    const bound = sharperBound(n, cert.E);
    // The enclosure (60-digit directed rounding, n(n+1) exponentials) is an independent re-check
    // of the rational bound; it is kept to n <= 12, where it costs milliseconds.
    if (n > 12) return { n, sharper: bound };
    const w = sigmoidWeights(n, Q.int(s));
    const enc = mseEnclosure(n, Q.ONE, w.W2, w.b2);
    const lo = Q.parse(enc.lo.toExponential());
    // The enclosure's lower end is sound at any width: it must lie below the rational bound.
    recheck(lo.le(bound), `handcrafted MSE below its rational bound, n = ${n}`);
    return { n, sharper: bound, enclosure: { lo, hi: Q.parse(enc.hi.toExponential()) } };
  });
  const hand = decideHandcrafted({ eps, s, E: cert.E, perN });

  // The amplitude grid, every n in range.
  const grid = [...AMPLITUDES];
  if (!grid.some((c) => c.equals(o.C))) grid.push(o.C);
  grid.sort((a, b) => a.cmp(b));
  const rows = grid.flatMap((C) => ns.map((n) => amplitudeRow(C, n, eps, s, cert.E)));
  for (const r of rows) {
    // Independent re-check of the lower bounds on the constructed weights: their enclosure lies above.
    if (r.reached && r.lower.sign() > 0)
      recheck(!r.reached.mseUpper.lt(r.lower), `weights below the lower bound at C = ${r.C}, n = ${r.n}`);
  }
  const asWorded = decideClass(rows);
  const charac = decideCharacterisation(rows);
  const cOne = decideClass(rows.filter((r) => r.C.equals(Q.ONE)));
  const nOne = decideClass(rows.filter((r) => r.n === 1 && !Q.ONE.lt(r.C)));
  const above = decideClass(rows.filter((r) => Q.ONE.lt(r.C)));
  const below = decideClass(rows.filter((r) => r.C.lt(Q.ONE) && r.n >= 2));
  const sigmoid = builtins(Q.ONE).find((a) => a.id === 'sigmoid');
  recheck(sigmoid?.kind === 'injective', 'the catalogue sigmoid is described by its range');
  const exact = decideExact(sigmoid?.kind === 'injective' ? sigmoid.g.range : { lo: null, hi: null }, o.C);

  // Rows that differ only by n (C > 1: the same exact infimum for every n) are merged.
  const table: string[][] = [];
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k] as AmplitudeRow;
    let last = k;
    const same = (x: AmplitudeRow) =>
      x.C.equals(r.C) && x.lowerIsInfimum && r.lowerIsInfimum && !x.reached && !r.reached && x.lower.equals(r.lower);
    while (last + 1 < rows.length && same(rows[last + 1] as AmplitudeRow)) last++;
    const nLast = (rows[last] as AmplitudeRow).n;
    table.push([
      `$${latexQ(r.C)}$`,
      last === k ? `$${r.n}$` : `$${r.n}, \\dots, ${nLast}$`,
      predicted(r.C, r.n) ? 'yes' : 'no',
      r.lowerIsInfimum ? `$= ${latexQ(r.lower)}$` : `$\\ge ${latexQ(r.lower)}$`,
      r.reached ? `$${sci(r.reached.mseUpper, 'up')}$` : '',
      rowOutcome(r),
      r.how,
    ]);
    k = last;
  }
  const handRows = perN.map((r) => [
    `$${r.n}$`,
    `$${sci(r.sharper, 'up')}$`,
    r.enclosure ? `$[${sci(r.enclosure.lo, 'down')}, ${sci(r.enclosure.hi, 'up')}]$` : '',
  ]);

  return verdictFrom(
    o,
    ['every-amplitude'],
    {
      summary: `holds iff $C = 1$ ($C \\le 1$ when $n = 1$): for $C > 1$, $\\inf \\mathrm{MSE} = (C - 1)^2 / 2 > 0$; for $C < 1$ and $n \\ge 2$, $\\inf \\mathrm{MSE} \\ge (n - 1) \\delta^2 / (n(n+1)) > 0$; at $C = 1$, $s = ${s}$ certifies $\\varepsilon = ${plainEps(eps)}$ for every $n$`,
      readings: undecidedScope(
        [
          reading(
            'every-amplitude',
            "as stated for the deck's data of any amplitude: for every $C > 0$, every $n \\ge 1$ and every linear code, $\\inf_{W_2, \\mathbf{b}_2} \\mathrm{MSE} = 0$",
            asWorded.status,
            asWorded.reason,
            scope,
          ),
          reading(
            'iff-c-is-1',
            'the proposition holds exactly for $C = 1$ (and for $C < 1$ when $n = 1$): $\\inf \\mathrm{MSE} = 0 \\iff C = 1 \\text{ or } (n = 1,\\ C < 1)$',
            charac.status,
            charac.reason,
            scope,
          ),
          reading(
            'c-is-1',
            'amplitude $C = 1$: for every $n$ and every linear code, $\\inf \\mathrm{MSE} = 0$',
            cOne.status,
            cOne.reason,
            scope,
          ),
          reading(
            'n-is-1',
            'one dimension, $0 < C \\le 1$: $\\inf \\mathrm{MSE} = 0$ (not attained when $C < 1$)',
            nOne.status,
            nOne.reason,
            scope,
          ),
          reading(
            'handcrafted',
            `the deck's handcrafted solution: $C = 1$, $z_i = i$, $W_{2,j} = -s$, $b_{2,j} = s(j + \\tfrac12)$ with $s = ${s}$ gives $\\mathrm{MSE} < ${texEps(eps)}$ for every $n$`,
            hand.status,
            hand.reason,
            scope,
          ),
          reading(
            'c-above-1',
            'amplitude $C > 1$: $\\inf \\mathrm{MSE} = 0$',
            above.status,
            above.status === 'refuted'
              ? `${above.reason}; in general $\\inf \\mathrm{MSE} = (C - 1)^2/2$`
              : above.reason,
            scope,
          ),
          reading(
            'c-below-1',
            'amplitude $0 < C < 1$ and $n \\ge 2$: $\\inf \\mathrm{MSE} = 0$',
            below.status,
            below.reason,
            scope,
          ),
          reading(
            'exact',
            'exact reconstruction: some $W_2, \\mathbf{b}_2$ give $\\mathrm{MSE} = 0$',
            exact.status,
            exact.reason,
            scope,
          ),
        ],
        [o.nMin, nMax],
      ),
      sections: [
        {
          title: 'Proofs (every $n$)',
          proof: true,
          lines: [
            '**Indices.** Signals $i = 1, \\dots, n+1$ (signal $n+1$ is the zero signal), outputs $j = 1, \\dots, n$; $x^{(i)}_j = C$ for $j \\ge i$ and $0$ otherwise; $y^{(i)}_j = \\sigma(u_j(z_i))$ with $\\sigma(u) = e^u/(1 + e^u)$ and $u_j(z) = W_{2,j} z + b_{2,j}$; $\\mathrm{MSE} = \\frac{1}{n(n+1)} \\sum_{i=1}^{n+1} \\sum_{j=1}^{n} (y^{(i)}_j - x^{(i)}_j)^2$ as on the slide.',
            '',
            '**Linear codes.** For $z_i = \\alpha i + \\beta$ ($\\alpha \\ne 0$) each $u_j(z_i)$ is an affine function of $i$, and every affine function of $i$ arises this way. So the set of reachable outputs, and every statement below, is the same for all linear codes; we write $z_i = i$.',
            '',
            '*$C = 1$ (`c-is-1`, `handcrafted`).* Take $u_j(z) = s(j + \\tfrac12 - z)$. If $i \\le j$ the target is $1$ and the error is $1 - \\sigma(s(j - i + \\tfrac12)) = \\sigma(-s(j - i + \\tfrac12))$; if $i > j$ the target is $0$ and the error is $\\sigma(-s(i - j - \\tfrac12))$. Since $\\sigma(-x) = 1/(1 + e^x) < e^{-x}$ for $x > 0$, every squared error satisfies',
            '$$e_{ij}^2 < e^{-2s \\lvert i - j - 1/2 \\rvert} = e^{-s \\lvert 2i - 2j - 1 \\rvert} \\le e^{-s},$$',
            'because $\\lvert 2i - 2j - 1 \\rvert$ is an odd integer, hence at least $1$. The average of the $n(n+1)$ terms is therefore $\\mathrm{MSE} < e^{-s}$ **for every $n$**. Given $\\epsilon > 0$, any $s > \\ln(1/\\epsilon)$ works; a rational certificate is $e^{s} > S_K(s) = \\sum_{m=0}^{K} s^m/m!$, so $e^{-s} < 1/S_K(s)$.',
            `For $\\epsilon = ${texEps(eps)}$ the smallest integer with $1/S_K(s) < \\epsilon$ is $s = ${s}$ ($K = ${cert.K}$)${cert.previousLower ? `; $s = ${s - 1}$ does not certify it this way, since $e^{-${s - 1}} \\ge ${sci(cert.previousLower, 'down')} \\ge \\epsilon$ (Lagrange remainder)` : ''}. Per $n$ the sharper sum $\\frac{1}{n(n+1)} \\sum_{i,j} E^{\\lvert 2i - 2j - 1 \\rvert}$ can allow a smaller $s$, but only for some $n$.`,
            '',
            '*$C > 1$ (`c-above-1`), every $n$.* $\\sigma < 1$, so each of the $n(n+1)/2$ entries with target $C$ errs by more than $C - 1$: $\\mathrm{MSE} > (C-1)^2/2$. The steep construction above, aimed at targets $0$ and $1$, approaches this value, so $\\inf \\mathrm{MSE} = (C-1)^2/2 > 0$, not attained.',
            '',
            '*$0 < C < 1$, $n = 1$ (`n-is-1`).* The targets are $C$ at $z_1$ and $0$ at $z_2$. Take $u(z_1) = \\ln\\frac{C}{1-C}$ and let the slope grow so that $u(z_2) \\to -\\infty$: $\\mathrm{MSE} = \\sigma(u(z_2))^2/2 \\to 0$, not attained. The check uses a rational $u(z_1)$ close to $\\ln\\frac{C}{1-C}$ and certifies $\\mathrm{MSE} < \\epsilon$ with directed rounding.',
            '',
            '*$0 < C < 1$, $n \\ge 2$ (`c-below-1`).* Let $m = \\min \\lbrace p(1-p) : p \\in [C/2, (1+C)/2] \\rbrace$ (attained at an end) and',
            '$$\\delta = \\min\\left(\\frac{\\min(C, 1-C)}{2},\\ \\frac{C}{2 + 1/(2m)}\\right) > 0.$$',
            "Fix an output $j \\ge 2$ and write $v_i = u_j(z_i)$, affine in $i$ with step $a$. Suppose the errors at $i = j-1$ and $i = j$ (targets $C$) are both below $\\delta$. Then $\\sigma(v_{j-1}), \\sigma(v_j) \\in [C/2, (1+C)/2]$, where $\\sigma^{-1}$ has derivative $1/(p(1-p)) \\le 1/m$, so $\\lvert a \\rvert < 2\\delta/m$. As $\\sigma' \\le 1/4$, $\\sigma(v_{j+1}) \\ge \\sigma(v_j) - \\lvert a \\rvert/4 > C - \\delta - \\delta/(2m) \\ge \\delta$, and the target at $i = j+1$ is $0$. So each of the $n - 1$ outputs $j \\ge 2$ has an entry that errs by at least $\\delta$, and $\\inf \\mathrm{MSE} \\ge (n-1)\\delta^2/(n(n+1)) > 0$.",
            '',
            '*`exact`.* $\\sigma > 0$ everywhere, and the zero signal needs $y^{(n+1)} = 0$.',
            '',
            '*As worded (`every-amplitude`).* The deck considers "$n+1$ step functions of dimension $n$ and same amplitude $C$" and states the proposition without restricting $C$; the case $C > 1$ refutes it for every $n$, and $C < 1$ for every $n \\ge 2$. It holds exactly when $C = 1$, or $C < 1$ and $n = 1$ (`iff-c-is-1`). $\\square$',
          ],
        },
        {
          title: `The amplitudes examined, $${texRange(o.nMin, nMax)}$, $\\epsilon = ${texEps(eps)}$`,
          table: {
            header: [
              '$C$',
              '$n$',
              'predicted $\\inf \\mathrm{MSE} = 0$',
              '$\\inf \\mathrm{MSE}$, certified lower bound',
              'certified MSE of constructed weights',
              'outcome',
              'how',
            ],
            rows: table,
          },
        },
        {
          title: `The handcrafted weights at $C = 1$, $s = ${s}$`,
          lines: [
            `Uniform certificate: $\\mathrm{MSE} < e^{-${s}} \\le 1/S_{${cert.K}}(${s}) \\le ${sci(cert.E, 'up')} < \\epsilon$ for every $n$. Per $n$, the sharper rational bound and a directed-rounding enclosure of the MSE itself:`,
          ],
          table: { header: ['$n$', 'sharper rational bound', 'MSE enclosure'], rows: handRows },
        },
      ],
      scope,
    },
    {
      certificate: { eps, s, expNegSUpper: cert.E, K: cert.K },
      counterexample: (() => {
        const r = rows.find((x) => rowOutcome(x) === 'bounded-away');
        return r ? { C: r.C, n: r.n, infimumLowerBound: r.lower, infimumExact: r.lowerIsInfimum } : null;
      })(),
    },
  );
}

export const propSigmoid = defineClaim({
  id: 'prop-sigmoid',
  slide: 'Sigmoid Activation Function; Handcrafted Solution',
  gist: 'With a sigmoid output and linear codes, some W2, b2 give an MSE below any epsilon > 0.',
  statement:
    'Let the output activation be a sigmoid $g^{[2]}(u) = \\frac{e^u}{1+e^u}$ and the encoding be linear. Then there is a solution $W^{[2]}, \\mathbf{b}^{[2]}$ for which the $MSE = \\frac{1}{n(n+1)} \\sum_{i=1}^{n+1} \\lVert \\mathbf{y}^{(i)} - \\mathbf{x}^{(i)} \\rVert_2^2 < \\epsilon$ for an arbitrarily small $\\epsilon > 0$. Handcrafted: $z^{(i)} = i$, $\\epsilon = 10^{-5}$.',
  reading:
    'One-layer decoder $y^{(i)}_j = \\sigma(W_{2,j} z_i + b_{2,j})$, all $n+1$ signals of amplitude $C$, real weights. As worded: for every $C > 0$, $n \\ge 1$ and linear code, $\\inf_{W_2, \\mathbf{b}_2} \\mathrm{MSE} = 0$. Variants: the exact characterisation in $C$, each amplitude class, the handcrafted weights, and exact reconstruction.',
  method:
    'For the amplitudes $\\tfrac12, \\tfrac{9}{10}, 1, \\tfrac{11}{10}, 2$ (and `--C`) and every $n$ in range: a rigorous lower bound of $\\inf \\mathrm{MSE}$ (exact $(C-1)^2/2$ for $C > 1$; the rational $(n-1)\\delta^2/(n(n+1))$ for $C < 1$, $n \\ge 2$) and weights whose MSE is enclosed with directed rounding. At $C = 1$ the uniform bound $\\mathrm{MSE} < e^{-s} \\le 1/S_K(s)$ is a rational certificate for every $n$.',
  defaultNMax: 6,
  maxNMax: 40,
  options: {
    eps: {
      flags: '--eps <x>',
      description: "the target MSE, a positive rational (default 1e-5, the deck's)",
      default: DECK_EPS,
      parse: (v) => {
        const e = parseRational(v, '--eps');
        if (e.sign() <= 0) throw new ParseError(`--eps must be a positive rational, got ${e}`);
        if (e.lt(Q.parse('1e-300'))) throw new ParseError(`--eps ${v} is below 1e-300; accepted: 1e-300 <= eps`);
        return e;
      },
      replay: (e) => (e.equals(DECK_EPS) ? [] : [['--eps', e]]),
    },
  },
  check,
});
