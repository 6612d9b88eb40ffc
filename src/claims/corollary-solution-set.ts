/**
 * corollary-solution-set (deck, "Set of solutions", Corollary):
 *   for each fixed (k, U3) in K x U, infinitely many solutions are described
 *   by W2 = W3^{-1} W2*, b2 = b2* W3^{-1 T}, with W2* (n x 1) and b2* constant.
 *
 * Setting: n2 = n, zero signal dropped. W2* = W3 W2 and b2* = W3 b2 are the
 * invariants of a solution; the formula family of a base solution is the set
 * of (W3'^{-1} W2*, W3'^{-1} b2*, W3') that are solutions. Proved (the proof
 * section below): the family contains every positive rescaling (infinite);
 * with (k, U3) fixed it is the union of the scaling orbits of the direction
 * patterns whose solution has the same invariants, so it equals the scaling
 * family exactly when no other pattern shares them, which the computation
 * decides by enumerating the 2^n patterns; in the deck's configuration it
 * does for every n (det [|y_i - t_j|] != 0), in general it does not
 * (relabelings for every n >= 2, a genuine pair at n = 4); without fixing
 * (k, U3) the formulas reach solutions with other knots (the issue's n = 2
 * example, embedded in every n >= 2). Every status comes from a pure
 * decide function of exact evidence.
 */
import { randomFormOne } from '../construct/decoder.js';
import { corollaryInvariants, corollaryMember } from '../construct/families.js';
import {
  allPatterns,
  deckKnots,
  type Direction,
  isDiagonal,
  type PatternSolution,
  patternSolution,
} from '../construct/patterns.js';
import { det, equals, inverse, type Mat, mul, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, layer2, relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { math, texRows, texQ, texVec } from '../render/tex.js';
import type { Scope, Status, Verdict } from '../verdict.js';
import { nRange, reading, recheck, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** A configuration: signal codes y, knots t, a direction pattern s and a form-(1) target U (n x n). */
export interface Config {
  y: Q[];
  t: Q[];
  s: Direction[];
  U: Mat;
}

/** The layer-2 and layer-3 weights of a member (no encoder: the codes are given). */
export interface Member {
  W2: Mat;
  b2: Q[];
  W3: Mat;
}

/** The invariants W2* = W3 W2 and b2* = W3 b2 of a member. */
export function invariantsOf(m: Member): { W2star: Mat; b2star: Q[] } {
  return corollaryInvariants({ W1: [], b1: [], ...m } as AutoencoderWeights);
}

function sameInvariants(a: Member, b: Member): boolean {
  const x = invariantsOf(a);
  const y = invariantsOf(b);
  return equals(x.W2star, y.W2star) && equals([x.b2star], [y.b2star]);
}

/** U3 of a member on the codes y (n x n), and whether ReLU(U3) = X there. */
export function memberOutput(y: readonly Q[], m: Member, C: Q): { U3: Mat; solves: boolean } {
  const A = layer2([...y], m.W2, m.b2);
  const U3 = mul(A, transpose(m.W3));
  const X = stepMatrix(y.length, C).slice(0, y.length);
  return {
    U3,
    solves: equals(
      U3.map((r) => r.map(relu)),
      X,
    ),
  };
}

/** k_j = b2_j / W2_j, or undefined for W2_j = 0. */
export function kOf(m: Pick<Member, 'W2' | 'b2'>): (Q | undefined)[] {
  return m.W2.map((r, j) => ((r[0] as Q).isZero() ? undefined : (m.b2[j] as Q).div(r[0] as Q)));
}

function sameK(a: Member, b: Member): boolean {
  const ka = kOf(a);
  const kb = kOf(b);
  return ka.every((x, j) => x !== undefined && kb[j] !== undefined && x.equals(kb[j] as Q));
}

/** One formula member: (W3'^{-1} W2*, W3'^{-1} b2*, W3') from a base and an invertible W3'. */
export interface MemberEvidence {
  n: number;
  /** A solution on signals 1..n. */
  solution: boolean;
  /** Same k as the base. */
  sameK: boolean;
  /** Same U3 as the base. */
  sameU3: boolean;
  /** W3_0^{-1} W3' is diagonal with positive entries (a lemma-scaling image). */
  rescaling: boolean;
  member: Member;
}

/** The formula member of `base` (a solution on codes y) for the invertible W3'. */
export function formulaMember(y: readonly Q[], base: Member, W3p: Mat, C: Q): MemberEvidence {
  const inv = invariantsOf(base);
  const m = corollaryMember(W3p, inv.W2star, inv.b2star);
  const out = memberOutput(y, m, C);
  const G = mul(inverse(base.W3), W3p);
  return {
    n: y.length,
    solution: out.solves,
    sameK: sameK(base, m),
    sameU3: equals(out.U3, memberOutput(y, base, C).U3),
    rescaling: isDiagonal(G) && G.every((r, i) => (r[i] as Q).sign() > 0),
    member: m,
  };
}

/**
 * `infinite`: holds iff every member tried is a solution with the base's
 * (k, U3), and the members of each base are pairwise distinct (the map
 * D -> member is injective on the sample, so the positive D give infinitely many).
 */
export function decideInfinite(groups: readonly (readonly MemberEvidence[])[]): Status {
  if (groups.length === 0) return 'inconclusive';
  const ok = groups.every((g) => {
    const keys = new Set(g.map((e) => JSON.stringify(e.member)));
    return g.length >= 2 && keys.size === g.length && g.every((e) => e.solution && e.sameK && e.sameU3);
  });
  return ok ? 'holds' : 'refuted';
}

/** The admissible patterns of one (y, t, U) and which of them share the invariants of pattern s. */
export interface PatternCensus {
  n: number;
  /** Admissible patterns (A invertible). */
  admissible: number;
  /** Admissible patterns other than s with the invariants of s. */
  equalInvariants: Direction[][];
  /** Admissible patterns with other invariants (solutions with the same (k, U3) outside the family). */
  outside: number;
  /** det [|y_i - t_j|]. */
  detB: Q;
}

/** Enumerates the 2^n direction patterns of (y, t) with target U and compares them with pattern s. */
export function patternCensus(c: Config): PatternCensus {
  const base = patternSolution(c.y, c.t, c.s, c.U);
  recheck(base !== undefined, 'the base pattern is admissible');
  const b = base as PatternSolution;
  let admissible = 0;
  let outside = 0;
  const equalInvariants: Direction[][] = [];
  for (const s of allPatterns(c.y.length)) {
    const sol = patternSolution(c.y, c.t, s, c.U);
    if (sol === undefined) continue;
    admissible++;
    if (s.every((x, j) => x === c.s[j])) continue;
    if (sameInvariants(sol, b)) equalInvariants.push(s);
    else outside++;
  }
  const B = c.y.map((yi) => c.t.map((tj) => yi.sub(tj).abs()));
  return { n: c.y.length, admissible, equalInvariants, outside, detB: det(B) };
}

/** `scaling-fixed-*`: holds iff no census found another pattern with the base's invariants. */
export function decideScalingFixed(census: readonly PatternCensus[]): Status {
  if (census.length === 0) return 'inconclusive';
  return census.every((c) => c.equalInvariants.length === 0) ? 'holds' : 'refuted';
}

/** `complete`: refuted iff some census found an admissible pattern with other invariants. */
export function decideComplete(census: readonly PatternCensus[]): Status {
  if (census.length === 0) return 'inconclusive';
  return census.some((c) => c.outside > 0) ? 'refuted' : 'holds';
}

/** A witness that the formula family with (k, U3) fixed is more than the scaling family. */
export interface PairWitness {
  n: number;
  y: Q[];
  t: Q[];
  s: Direction[];
  s2: Direction[];
  /** Both admissible, same (k, U3), same invariants, W3_s^{-1} W3_s' not a positive diagonal. */
  valid: boolean;
  W3: Mat;
  W3p: Mat;
  detB: Q;
}

/** Checks a pattern pair exactly (target U). */
export function pairWitness(y: Q[], t: Q[], s: Direction[], s2: Direction[], U: Mat, C: Q): PairWitness {
  const a = patternSolution(y, t, s, U);
  const b = patternSolution(y, t, s2, U);
  const B = y.map((yi) => t.map((tj) => yi.sub(tj).abs()));
  const empty = { n: y.length, y, t, s, s2, W3: [], W3p: [], detB: det(B) };
  if (a === undefined || b === undefined) return { ...empty, valid: false };
  const e = formulaMember(y, a, b.W3, C);
  const valid =
    sameInvariants(a, b) &&
    e.solution &&
    e.sameK &&
    e.sameU3 &&
    !e.rescaling &&
    equals(e.member.W2, b.W2) &&
    equals([e.member.b2], [b.b2]);
  return { ...empty, valid, W3: a.W3, W3p: b.W3 };
}

/** The relabeling pair of every n >= 2: knots (3/2, 3/2, 5/2, ..., n - 1/2), the first two neurons swapped. */
export function relabelingWitness(n: number, C: Q): PairWitness {
  const y = Array.from({ length: n }, (_, i) => Q.int(i + 1));
  const t = [Q.of(3n, 2n), ...Array.from({ length: n - 1 }, (_, j) => Q.of(BigInt(2 * j + 3), 2n))];
  const rest = Array.from({ length: n - 2 }, (): Direction => -1);
  return pairWitness(y, t, [1, -1, ...rest], [-1, 1, ...rest], stepMatrix(n, C).slice(0, n), C);
}

/** The genuine pair at n = 4 (distinct knots 2, 7/3, 8/3, 3; proofs draft, corollary3.py). */
export function genuineWitness(C: Q): PairWitness {
  const y = [1, 2, 3, 4].map((i) => Q.int(i));
  const t = [Q.int(2), Q.of(7n, 3n), Q.of(8n, 3n), Q.int(3)];
  return pairWitness(y, t, [-1, 1, -1, 1], [-1, -1, 1, 1], stepMatrix(4, C).slice(0, 4), C);
}

/** The 2 x 2 block of the issue's example: W3' = W3_0 G with G = I except on the last two neurons. */
export const ISSUE_BLOCK: readonly (readonly Q[])[] = [
  [Q.of(49n, 47n), Q.of(-1n, 47n)],
  [Q.of(-2n, 47n), Q.of(48n, 47n)],
];

/** The issue's example embedded at n >= 2 on the deck's base (y = 1..n, knots j + 1/2, decreasing, U3 = X). */
export function freeWitness(n: number, C: Q): MemberEvidence & { base: Member; G: Mat } {
  const y = Array.from({ length: n }, (_, i) => Q.int(i + 1));
  const base = patternSolution(
    y,
    deckKnots(n),
    y.map((): Direction => -1),
    stepMatrix(n, C).slice(0, n),
  ) as PatternSolution;
  const G = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) =>
      i >= n - 2 && j >= n - 2 ? (ISSUE_BLOCK[i - n + 2]![j - n + 2] as Q) : i === j ? Q.ONE : Q.ZERO,
    ),
  );
  return { ...formulaMember(y, base, mul(base.W3, G), C), base, G };
}

/**
 * `scaling-free`: refuted iff a member is a solution whose W3' is not a
 * positive rescaling of the base's; holds when only n = 1 was checked and
 * every member that solves is a rescaling (at n = 1 the formulas only rescale).
 */
export function decideScalingFree(members: readonly MemberEvidence[], onlyNOne: boolean): Status {
  if (members.some((w) => w.solution && !w.rescaling)) return 'refuted';
  return onlyNOne && members.some((w) => w.solution) ? 'holds' : 'inconclusive';
}

/** `every-W3`: refuted iff some invertible W3' gave a member that is not a solution. */
export function decideEveryW3(members: readonly MemberEvidence[]): Status {
  if (members.length === 0) return 'inconclusive';
  return members.some((m) => !m.solution) ? 'refuted' : 'holds';
}

/** Pair witnesses: refuted iff one is valid; holds when only n = 1 was checked (one admissible pattern). */
export function decideGeneral(
  witnesses: readonly PairWitness[],
  census: readonly PatternCensus[],
  onlyNOne: boolean,
): Status {
  if (witnesses.some((w) => w.valid)) return 'refuted';
  return onlyNOne ? decideScalingFixed(census) : 'inconclusive';
}

const PROOF: string[] = [
  "Indices and setting: $n_2 = n$, zero signal dropped; signal codes $y_i$, $i = 1, \\dots, n$, pairwise distinct; neurons $j = 1, \\dots, n$ with $W_{2,j} \\ne 0$, $k_j = b_{2,j} / W_{2,j}$ and knot $t_j = -k_j$; a neuron is $m_j (s_j (z - t_j))_+$ with direction $s_j = \\pm 1$ and magnitude $m_j > 0$. $U$ is the $n \\times n$ block of $U_3$ on the signals, of form (1) ($U_{ij} = C$ for $j \\ge i$, $U_{ij} \\le 0$ for $j < i$), invertible with $\\det U = C \\prod_i (C - u_{i+1,i}) > 0$ (lemma-layer3); $A$ is $A_2$ on the signals. The invariants of a solution are $W_2^{\\star} = W_3 W_2$ and $\\mathbf b_2^{\\star} = W_3 \\mathbf b_2$ (the deck's $\\mathbf b_2 = \\mathbf b_2^{\\star} W_3^{-1 \\mathsf T}$ is the row form of $W_3^{-1} \\mathbf b_2^{\\star}$). The *formula family* of a solution is the set of $(W_3'^{-1} W_2^{\\star}, W_3'^{-1} \\mathbf b_2^{\\star}, W_3')$, $W_3'$ invertible, that are solutions. Matrices written inline are listed row by row, rows separated by semicolons.",
  '',
  "**`infinite`.** Take $(\\mathbf k, U) \\in \\mathcal K \\times \\mathcal U$: some directions make $A$ invertible, and $W_3^{\\mathsf T} = A^{-1} U$ is a solution with that $(\\mathbf k, U)$. For $D > 0$ diagonal, $W_3' = W_3 D^{-1}$ gives $W_3'^{-1} W_2^{\\star} = D W_2$ and $W_3'^{-1} \\mathbf b_2^{\\star} = D \\mathbf b_2$: the same $\\mathbf k$, and a solution with the same $U_3$ by lemma-scaling. Distinct $D$ give distinct $W_3'$, so the set is infinite. $\\square$",
  '',
  "**All solutions with a fixed $(\\mathbf k, U)$.** If $\\mathbf k' = \\mathbf k$ then $(W'_{2,j}, b'_{2,j}) = d_j (W_{2,j}, b_{2,j})$ with $d_j \\ne 0$; with $s'$ the new directions and $A^{(s')}$ the signal matrix of the unit neurons $(s'_j (z - t_j))_+$, $A' = A^{(s')} \\lvert D\\rvert'$ for a positive diagonal $\\lvert D\\rvert'$, and $U_3' = U$ forces $W_3' = W_3^{(s')} \\lvert D\\rvert'^{-1}$ with $W_3^{(s')\\mathsf T} = A^{(s')-1} U$. Its invariants are those of the unit solution of pattern $s'$ (the magnitudes cancel). So the solutions with a given $(\\mathbf k, U)$ are the union, over the admissible patterns $s'$ ($A^{(s')}$ invertible), of the positive-scaling orbits of the pattern solutions, and **the formula family of a base with pattern $s$ and the same $(\\mathbf k, U)$ is the union of the orbits of the patterns whose invariants equal those of $s$**. The computation enumerates the $2^n$ patterns and decides this exactly.",
  '',
  "**Theorem (`scaling-fixed-b-invertible`).** If $B = [\\lvert y_i - t_j \\rvert]$ is invertible, no other pattern shares the invariants: the formula family with the same $(\\mathbf k, U)$ is the scaling family. *Proof.* Let $u(z) = W_2 z + \\mathbf b_2$ and let a member have $u' = D u$. Equal invariants mean $W_3' u'(z) = W_3 u(z)$ for every $z$; equal $U_3$ means $W_3' \\mathrm{ReLU}(u'(y_i)) = W_3 \\mathrm{ReLU}(u(y_i))$; subtracting half of the first identity (with $\\mathrm{ReLU}(x) = (x + \\lvert x \\rvert)/2$), $W_3' \\lvert D \\rvert \\lvert u(y_i) \\rvert = W_3 \\lvert u(y_i) \\rvert$. The matrix with columns $\\lvert u(y_i) \\rvert$ is $\\operatorname{diag}(\\lvert W_{2,j} \\rvert) B^{\\mathsf T}$, invertible, so $W_3' \\lvert D \\rvert = W_3$. Then $W_3' u' = W_3 \\operatorname{sign}(D) u = W_3 u$ for all $z$; $W_3$ invertible gives $(\\operatorname{sign}(D) - I) W_2 = 0$, and $W_{2,j} \\ne 0$ gives $D > 0$. $\\square$",
  '',
  "**Theorem (`scaling-fixed-deck`).** For $y_i = i$ and $t_j = j + \\tfrac12$ (the deck's handcrafted solution), $B$ is invertible for every $n$. *Proof.* Let $g(z) = \\sum_j c_j \\lvert z - t_j \\rvert$ vanish at $z = 1, \\dots, n$. Its slope is $\\sigma_0 = -\\sum_j c_j$ left of $t_1$ and jumps by $2 c_j$ at $t_j$. On $[i, i+1]$ ($i \\le n - 1$) the only kink is $t_i$ and $g(i) = g(i+1) = 0$, so the slopes on the two halves are opposite: $\\sigma_i = -\\sigma_{i-1} = (-1)^i \\sigma_0$, hence $c_j = (-1)^j \\sigma_0$ for $j < n$, and $\\sigma_n = -\\sigma_0$ gives $c_n = (-\\sigma_0 - (-1)^{n-1} \\sigma_0)/2$. Then $0 = g(1) = \\sum_j c_j (t_j - 1)$ evaluates to $\\sigma_0 (\\tfrac12 - \\tfrac n2)$ for even $n$ and $-\\sigma_0 \\tfrac n2$ for odd $n$; for $n \\ge 2$ even and every odd $n$ this forces $\\sigma_0 = 0$, hence $c = 0$. $\\square$ The computation re-checks $\\det B \\ne 0$ and the pattern census for each $n$ checked.",
  '',
  "**`scaling-fixed-general` is refuted for every $n \\ge 2$ (relabeling).** Codes $1..n$, knots $(\\tfrac32, \\tfrac32, \\tfrac52, \\dots, n - \\tfrac12)$, patterns $s = (+1, -1, -1, \\dots, -1)$ and $s' = (-1, +1, -1, \\dots, -1)$. The columns are $(z - \\tfrac32)_+$, $(\\tfrac32 - z)_+$ and $(t_j - z)_+$: ordered as $(\\tfrac32 - z)_+, (\\tfrac52 - z)_+, \\dots$ they are triangular on signals $1..n-1$ and only $(z - \\tfrac32)_+$ is nonzero at signal $n$, so $A$ is invertible. $s'$ is $s$ with neurons 1 and 2 exchanged (equal knots): $W_2' = P W_2$, $\\mathbf b_2' = P \\mathbf b_2$, $W_3' = W_3 P$ with the transposition $P$, so the invariants agree and the formula with $W_3'$ gives the second solution, while $W_3^{-1} W_3' = P$ is not diagonal. It is the same network, but a different point of the weight space: the family is more than the scaling family. At $n = 4$ there is also a pair with distinct knots, $(2, \\tfrac73, \\tfrac83, 3)$, $s = (-1, +1, -1, +1)$, $s' = (-1, -1, +1, +1)$ (found by an exhaustive grid search, re-checked here); there $B$ is singular, as the theorem requires. At $n = 1$ exactly one direction makes $A \\ne 0$, so the family is the scaling family.",
  '',
  "**`complete` is refuted for every $n \\ge 2$ in the deck's setting.** With $y_i = i$, $t_j = j + \\tfrac12$, a pattern with $s_n = +1$ has the zero column $(z - n - \\tfrac12)_+$. If $s_n = -1$, write $\\mathrm{dec}_j = (t_j - z)_+$ on the codes; since $(z - t)_+ - (t - z)_+ = z - t$ and $t_n - z = \\mathrm{dec}_n$ on the codes, an increasing column is $\\mathrm{dec}_j - \\mathrm{dec}_n + (n - j) \\mathbf 1$, and $\\mathbf 1 = \\sum_m \\beta_m \\mathrm{dec}_m$ with $\\beta_n = 2$, $\\beta_m = 4(-1)^{n-m}$. With $P = \\lbrace j < n : s_j = +1 \\rbrace$ the matrix determinant lemma (for a rank-2 update, $\\det(I + B C^{\\mathsf T}) = \\det(I_2 + C^{\\mathsf T} B)$) gives $\\det A^{(s)} = \\det A^{(\\mathrm{dec})} \\big(1 + 4 \\sum_{j \\in P} (n - j)(-1)^{n-j}\\big)$, an odd integer multiple of $\\det A^{(\\mathrm{dec})} \\ne 0$. So exactly the $2^{n-1}$ patterns with $s_n = -1$ are admissible, each giving solutions with the same $(\\mathbf k, U)$; by `scaling-fixed-deck` only the base's lies in its formula family.",
  '',
  "**`scaling-free` is refuted for every $n \\ge 2$.** The issue's example: $n = 2$, $z = (1, 2, 3)$, $W_2 = (-1, -1)$, $\\mathbf b_2 = (\\tfrac32, \\tfrac52)$, $W_3 = [2, 0; -4, 2]$, so $W_2^{\\star} = (-2, 2)$, $\\mathbf b_2^{\\star} = (3, -1)$; with $W_3' = [\\tfrac{98}{47}, -\\tfrac{2}{47}; -\\tfrac{200}{47}, \\tfrac{100}{47}]$ the formulas give $W_2' = (-\\tfrac{49}{50}, -\\tfrac{51}{50})$, $\\mathbf b_2' = (\\tfrac{149}{100}, \\tfrac{251}{100})$, $\\mathbf k' = (-\\tfrac{149}{98}, -\\tfrac{251}{102}) \\ne \\mathbf k$, $U_3' = [1, 1; -\\tfrac1{50}, 1; 0, 0]$: exact on all three signals, and $W_3^{-1} W_3' = [\\tfrac{49}{47}, -\\tfrac1{47}; -\\tfrac2{47}, \\tfrac{48}{47}]$ is not diagonal. Both neurons are decreasing, so the invariants fix only the leftmost affine piece of each output; the knots and the free entry $u_{21} \\le 0$ move together. For $n \\ge 2$ apply the same $2 \\times 2$ block $G$ to the last two neurons of the deck's solution ($W_3' = W_3 G$): $W_3$ is lower triangular, so its last two columns are $0$ above row $n - 1$ and $[2, 0; -4, 2]$ on rows $n - 1, n$, as at $n = 2$; both changed neurons stay active on codes $\\le n - 1$, where $W_3' u' = W_3 u$, and the codes $n - 1, n, n + 1$ are those of $n = 2$ shifted by $n - 2$. So $U_3'$ differs from $X$ only by $-\\tfrac1{50}$ at row $n$, column $n - 1$: a solution with other knots. At $n = 1$ the formulas give $(W_2, \\mathbf b_2) W_3 / W_3'$, a rescaling, which is a solution only for $W_3 / W_3' > 0$.",
  '',
  "**`every-W3` is refuted for every $n$.** $W_3' = -W_3$ gives $(-W_2, -\\mathbf b_2)$: every neuron turned around, $D = -I$ in lemma-scaling, never a solution when $n_2 = n$ (lemma-scaling, `negative-square`).",
];

function check(o: CheckOptions): Verdict {
  const { C } = o;
  const rng = new Rng(o.seed);
  const ns = nRange(o);
  const onlyNOne = ns.every((n) => n === 1);
  const checked: [number, number] = [o.nMin, o.nMax];
  const proved: Scope = { kind: 'proved', checked };
  /** A reading that holds only because n = 1 alone was checked is exhaustive there, not proved for every n. */
  const scopeOf = (s: Status): Scope => (s === 'holds' && onlyNOne ? { kind: 'exhaustive', checked } : proved);
  const groups: MemberEvidence[][] = [];
  const negatives: MemberEvidence[] = [];
  const deckCensus: PatternCensus[] = [];
  const randomCensus: PatternCensus[] = [];
  const pairs: PairWitness[] = [];
  const frees: ReturnType<typeof freeWitness>[] = [];
  const freeMembers: MemberEvidence[] = [];
  const rows: string[][] = [];
  const perN = Math.max(1, Math.ceil(o.runs / (10 * ns.length)));
  for (const n of ns) {
    const y = Array.from({ length: n }, (_, i) => Q.int(i + 1));
    const deckS = y.map((): Direction => -1);
    const targets = [stepMatrix(n, C).slice(0, n), randomFormOne(n, C, rng).slice(0, n)];
    // infinite: positive rescalings through the formulas, on the deck's base and on random (k, s, U).
    const configs: Config[] = targets.map((U) => ({ y, t: deckKnots(n), s: deckS, U }));
    for (let r = 0; r < perN; r++) configs.push(randomConfig(n, C, rng));
    for (const c of configs) {
      const base = patternSolution(c.y, c.t, c.s, c.U) as PatternSolution;
      const g: MemberEvidence[] = [];
      const r0 = Array.from({ length: n }, () => Q.of(BigInt(rng.int(1, 9)), BigInt(rng.int(1, 9))));
      for (let m = 1; m <= 3; m++) {
        // D = m diag(r0): three distinct positive diagonals.
        const d = r0.map((x) => x.mul(Q.int(m)));
        g.push(
          formulaMember(
            c.y,
            base,
            base.W3.map((row) => row.map((x, j) => x.div(d[j] as Q))),
            C,
          ),
        );
      }
      groups.push(g);
      negatives.push(
        formulaMember(
          c.y,
          base,
          base.W3.map((row) => row.map((x) => x.neg())),
          C,
        ),
      );
    }
    // scaling-fixed-deck and complete: the 2^n patterns of the deck's knots, U3 = X and a random U.
    const censusX = patternCensus(configs[0] as Config);
    const censusR = patternCensus(configs[1] as Config);
    recheck(
      censusX.admissible === censusR.admissible && censusX.equalInvariants.length === censusR.equalInvariants.length,
      `the census does not depend on U (n = ${n})`,
    );
    deckCensus.push(censusX, censusR);
    // Two random configurations per n: the census costs 2^n exact solves each.
    for (const c of configs.slice(2, 4)) {
      const cs = patternCensus(c);
      if (!cs.detB.isZero()) randomCensus.push(cs);
    }
    // scaling-fixed-general and scaling-free: the witness families.
    const rel = n >= 2 ? relabelingWitness(n, C) : undefined;
    if (rel) pairs.push(rel);
    if (n === 4) pairs.push(genuineWitness(C));
    const free = n >= 2 ? freeWitness(n, C) : undefined;
    if (free) frees.push(free);
    if (n === 1) {
      // At n = 1 W3' is a number w: the formulas give (W2, b2) W3 / w, a rescaling; try both signs.
      const base = patternSolution(y, deckKnots(1), deckS, targets[0] as Mat) as PatternSolution;
      for (const w of [Q.int(2), Q.of(1n, 3n), Q.MINUS_ONE, Q.int(-3)])
        freeMembers.push(formulaMember(y, base, [[((base.W3[0] as Q[])[0] as Q).mul(w)]], C));
    }
    rows.push([
      math(String(n)),
      `${censusX.admissible} of ${2 ** n}`,
      String(censusX.equalInvariants.length),
      math(texQ(censusX.detB)),
      rel ? (rel.valid ? 'yes' : 'no') : '—',
      free ? (free.solution && !free.rescaling ? 'yes' : 'no') : '—',
      negatives[negatives.length - 1]?.solution ? 'yes' : 'no',
    ]);
  }
  const infinite = decideInfinite(groups);
  const fixedDeck = decideScalingFixed(deckCensus);
  const fixedB = decideScalingFixed(randomCensus);
  const general = decideGeneral(pairs, deckCensus, onlyNOne);
  const complete = decideComplete(deckCensus);
  const free = decideScalingFree([...frees, ...freeMembers], onlyNOne);
  const every = decideEveryW3(negatives);
  const issue = frees.find((f) => f.n === 2);
  const genuine = pairs.find((p) => p.n === 4 && p.t[0]?.equals(Q.int(2)));
  const firstPair = pairs.find((p) => p.valid);
  const members = groups.reduce((s, g) => s + g.length, 0);
  return verdictFrom(
    o,
    ['infinite'],
    {
      summary: `infinitely many solutions per $(\\mathbf k, U_3)$ through the formulas: ${infinite} (proof for every $n$; ${members} members re-checked); formula family = scaling family with $(\\mathbf k, U_3)$ fixed: ${fixedDeck} in the deck's setting (all direction patterns enumerated), ${general} in general; with $(\\mathbf k, U_3)$ free: ${free}; every solution with $(\\mathbf k, U_3)$: ${complete}`,
      readings: [
        reading(
          'infinite',
          "For each $(\\mathbf k, U_3) \\in \\mathcal K \\times \\mathcal U$ infinitely many solutions with that $(\\mathbf k, U_3)$ are given by the formulas: $W_3' = W_3 D^{-1}$, $D > 0$ diagonal, gives $(W_3'^{-1} W_2^{\\star}, W_3'^{-1} \\mathbf b_2^{\\star}, W_3') = (D W_2, D \\mathbf b_2, W_3 D^{-1})$.",
          infinite,
          infinite === 'holds'
            ? `${members} members from ${groups.length} bases (the deck's and random $(\\mathbf k, s, U)$): each a solution with the base's $(\\mathbf k, U_3)$, pairwise distinct`
            : 'a member was not a solution with the same $(\\mathbf k, U_3)$',
          proved,
        ),
        reading(
          'scaling-fixed-deck',
          "With $(\\mathbf k, U_3)$ fixed, in the deck's setting ($y_i = i$, $t_j = j + \\tfrac12$, decreasing neurons): the formula family is the lemma-scaling family, $W_3' = W_3 D^{-1}$ with $D > 0$.",
          fixedDeck,
          fixedDeck === 'holds'
            ? 'all $2^n$ direction patterns enumerated (for $U_3 = X$ and a random $U$): no other admissible pattern has the invariants; $\\det [\\lvert i - t_j \\rvert] \\ne 0$'
            : 'another pattern has the same invariants',
          proved,
        ),
        reading(
          'scaling-fixed-b-invertible',
          'With $(\\mathbf k, U_3)$ fixed and $\\det [\\lvert y_i - t_j \\rvert] \\ne 0$ (any codes, knots and directions): the formula family is the lemma-scaling family.',
          fixedB,
          fixedB === 'holds'
            ? `theorem; all $2^n$ patterns enumerated for ${randomCensus.length} random configurations with $\\det B \\ne 0$`
            : fixedB === 'refuted'
              ? 'a configuration with $\\det B \\ne 0$ has another pattern with the same invariants'
              : 'no random configuration with $\\det B \\ne 0$ was drawn',
          proved,
        ),
        reading(
          'scaling-fixed-general',
          'With $(\\mathbf k, U_3)$ fixed, for any codes and knots: the formula family is the lemma-scaling family.',
          general,
          general === 'refuted' && firstPair
            ? `two neurons with the same knot exchanged (every $n \\ge 2$; first at $n = ${firstPair.n}$, knots ${math(texVec(firstPair.t))}): same $(\\mathbf k, U_3)$ and invariants, $W_3^{-1} W_3'$ a permutation${genuine?.valid ? '; at $n = 4$ also with distinct knots $(2, \\tfrac73, \\tfrac83, 3)$' : ''}`
            : general === 'holds'
              ? 'one admissible direction at $n = 1$'
              : 'no witness checked',
          scopeOf(general),
        ),
        reading(
          'complete',
          'The formula family holds every solution with the given $(\\mathbf k, U_3)$.',
          complete,
          complete === 'refuted'
            ? "turning neurons around keeps $\\mathbf k$: in the deck's setting $2^{n-1}$ direction patterns are admissible, each with other invariants than the base's (table)"
            : 'only the base pattern is admissible',
          scopeOf(complete),
        ),
        reading(
          'scaling-free',
          "With $(\\mathbf k, U_3)$ not fixed: every invertible $W_3'$ for which the formulas give a solution is a positive rescaling, $W_3^{-1} W_3'$ positive diagonal.",
          free,
          free === 'refuted' && issue
            ? `the issue's example: $W_3' = ${texRows(issue.member.W3)}$ gives $W_2 = ${texVec(issue.member.W2.map((r) => r[0] as Q))}$, $\\mathbf b_2 = ${texVec(issue.member.b2)}$, another $\\mathbf k$, exact on all three signals, $W_3^{-1} W_3' = ${texRows(issue.G)}$; embedded in every $n \\ge 2$`
            : free === 'refuted'
              ? "the issue's block on the last two neurons gives a solution with other knots (every $n \\ge 2$ checked)"
              : free === 'holds'
                ? 'at $n = 1$ the formulas give rescalings only'
                : 'no witness checked',
          scopeOf(free),
        ),
        reading(
          'every-W3',
          "Every invertible $W_3'$ gives a solution through the formulas.",
          every,
          every === 'refuted'
            ? "$W_3' = -W_3$ turns every neuron around: not a solution (every $n$ checked)"
            : "every $W_3'$ tried gave a solution",
          proved,
        ),
      ],
      sections: [
        { title: 'Proof', proof: true, lines: PROOF },
        {
          title:
            "Direction patterns in the deck's setting ($y_i = i$, $t_j = j + \\tfrac12$, $U_3 = X$) and the witnesses",
          lines: [
            "Admissible: $A_2$ invertible on the signals. Equal invariants: patterns other than the base (all decreasing) whose solution has the same $W_2^{\\star}, \\mathbf b_2^{\\star}$. Relabeling: knots $(\\tfrac32, \\tfrac32, \\tfrac52, \\dots)$, neurons 1 and 2 exchanged. Issue block: $W_3' = W_3 G$ on the last two neurons.",
          ],
          table: {
            header: [
              '$n$',
              'admissible patterns',
              'equal invariants',
              '$\\det [\\lvert i - t_j \\rvert]$',
              'relabeling in the family',
              'issue block gives a solution',
              "$W_3' = -W_3$ gives a solution",
            ],
            rows,
          },
        },
      ],
      scope: proved,
    },
    {
      certificate: {
        members,
        issueExample: issue ? { W3: issue.member.W3, W2: issue.member.W2, b2: issue.member.b2, G: issue.G } : null,
        genuinePair: genuine?.valid
          ? { knots: genuine.t, s: genuine.s, s2: genuine.s2, W3: genuine.W3, W3p: genuine.W3p }
          : null,
      },
      counterexample: null,
    },
  );
}

/** A random configuration with A invertible: codes 1..n, sorted knots on a grid of step 1/3, random directions and U. */
function randomConfig(n: number, C: Q, rng: Rng): Config {
  const y = Array.from({ length: n }, (_, i) => Q.int(i + 1));
  for (;;) {
    const t = Array.from({ length: n }, () => Q.of(BigInt(rng.int(0, 3 * (n + 1))), 3n)).sort((a, b) => a.cmp(b));
    const s = Array.from({ length: n }, (): Direction => (rng.next() < 0.5 ? 1 : -1));
    const U = randomFormOne(n, C, rng).slice(0, n);
    if (patternSolution(y, t, s, U) !== undefined) return { y, t, s, U };
  }
}

export const corollarySolutionSet = defineClaim({
  id: 'corollary-solution-set',
  slide: 'Set of solutions (Corollary)',
  gist: 'For fixed (k, U3), W2 = W3^-1 W2* and b2 = W3^-1 b2* describe infinitely many solutions.',
  statement:
    'For each fixed couple $(\\mathbf{k}, U^{[3]}) \\in \\mathcal{K} \\times \\mathcal{U}$ there exists a set of infinitely many solutions described by $W^{[2]} = W^{[3]-1} W^{[2]*}$, $\\mathbf{b}^{[2]} = \\mathbf{b}^{[2]*} W^{[3]-1T}$.',
  reading:
    "$n_2 = n$, zero signal dropped. $W_2^{\\star} = W_3 W_2$ and $\\mathbf b_2^{\\star} = W_3 \\mathbf b_2$ are the constants; the formula family of a solution is the set of $(W_3'^{-1} W_2^{\\star}, W_3'^{-1} \\mathbf b_2^{\\star}, W_3')$ that are solutions. As worded: for each $(\\mathbf k, U_3)$ it contains infinitely many solutions with that $(\\mathbf k, U_3)$. Beside it: is it the lemma-scaling family with $(\\mathbf k, U_3)$ fixed (in the deck's setting, when $\\det [\\lvert y_i - t_j \\rvert] \\ne 0$, in general) and with $(\\mathbf k, U_3)$ free; is it every solution with that $(\\mathbf k, U_3)$; is it every $W_3'$.",
  method:
    "A proof for every $n$ (below). Re-checked for each $n$: formula members for random positive $D$ on the deck's base and on random knots, directions and $U$; the $2^n$ direction patterns of the deck's knots and of random knots with $\\det B \\ne 0$, each solved exactly and its invariants compared; the relabeling pair (every $n \\ge 2$), the genuine pair ($n = 4$) and the issue's block (every $n \\ge 2$), each verified by the exact forward pass; $W_3' = -W_3$.",
  defaultNMax: 6,
  maxNMax: 12,
  options: {},
  check,
});
