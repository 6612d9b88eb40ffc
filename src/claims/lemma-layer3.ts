/**
 * lemma-layer3 (deck, "Layer 3"):
 *   a perfect reconstruction Y = X is achieved only if U^{[3]} is a full-rank
 *   matrix of form (1): U_ij = C for j >= i and U_ij <= 0 for j < i.
 *
 * Indices: rows i = 1..n+1 (signals, row n+1 the zero signal), columns
 * j = 1..n (outputs); u_ij below the diagonal.
 *
 * (a) Entrywise, since C > 0: ReLU(u) = C iff u = C, ReLU(u) = 0 iff u <= 0.
 *     Decided exactly from the preimages ReLU^{-1}(C) and ReLU^{-1}(0) of the
 *     exact piecewise-linear ReLU: both directions, every n at once.
 * (b) Row i minus row i+1 (i < n) makes the top n x n block T lower
 *     triangular with diagonal C - u_{i+1,i} and C, so
 *     det T = C prod_{i=1}^{n-1} (C - u_{i+1,i}) >= C^n > 0 for every n.
 *     Checked for n in nMin..nMax without trusting the closed form: the
 *     symbolic det with u_ij = -v_ij (v_ij >= 0) has only positive
 *     coefficients and equals C^n at v = 0, which certifies det T >= C^n.
 * (c) So "full rank" (rank n) is implied by the form: the lemma holds for
 *     every n, and "full rank" adds nothing.
 */
import { type Interval, pwl, type PWL, pwlPreimage } from '../activation/pwl.js';
import { fastRankQ } from '../kernel/fastrank.js';
import { det, equals, type Mat, submatrix } from '../kernel/matrix.js';
import { Poly, polyDet } from '../kernel/poly.js';
import { Q } from '../kernel/rational.js';
import { relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { latexQ } from '../render/format.js';
import { texPoly, texRange } from '../render/tex.js';
import { formOne, isFormOne } from '../construct/decoder.js';
import { nRange, reading, recheck, upTo, verdictFrom } from './common.js';
import type { Scope, Status, Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

const uName = (i: number, j: number) => `u${i + 1}_${j + 1}`;
const vName = (i: number, j: number) => `v${i + 1}_${j + 1}`;

/** A square symbolic matrix: entry(i, j) for 0-based i, j. */
export function symbolicMatrix(n: number, entry: (i: number, j: number) => Poly): Poly[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => entry(i, j)));
}

/** The symbolic top block of a form-(1) matrix: entries C (variable) and u_ij below the diagonal. */
export function symbolicFormOne(n: number): Poly[][] {
  const C = Poly.variable('C');
  return symbolicMatrix(n, (i, j) => (j >= i ? C : Poly.variable(uName(i, j))));
}

/** The top block of form (1) written with u_ij = -v_ij, v_ij >= 0: the setting of the positivity certificate. */
export function formOneEntryV(i: number, j: number): Poly {
  return j >= i ? Poly.variable('C') : Poly.variable(vName(i, j)).neg();
}

/** The claimed closed form C * prod_{i=2..n} (C - u_{i,i-1}). */
export function closedFormDet(n: number): Poly {
  const C = Poly.variable('C');
  let p = C;
  for (let i = 1; i < n; i++) p = p.mul(C.sub(Poly.variable(uName(i, i - 1))));
  return p;
}

/** The closed form in v = -u: C * prod (C + v_{i,i-1}). */
function closedFormDetV(n: number): Poly {
  const C = Poly.variable('C');
  let p = C;
  for (let i = 1; i < n; i++) p = p.mul(C.add(Poly.variable(vName(i, i - 1))));
  return p;
}

// ---------------------------------------------------------------- (a) entrywise

/** The exact preimages of C and 0 under the output activation. */
export interface EntrywiseEvidence {
  C: Q;
  preimageC: Interval[];
  preimage0: Interval[];
}

/** The exact ReLU max(u, 0) as a piecewise-linear function. */
export function reluPwl(): PWL {
  return pwl(
    [Q.ZERO],
    [
      { a: Q.ZERO, c: Q.ZERO },
      { a: Q.ONE, c: Q.ZERO },
    ],
  );
}

/** Preimages of the two values of X under f (f = ReLU for the lemma; tests pass other activations). */
export function entrywiseEvidence(C: Q, f: PWL = reluPwl()): EntrywiseEvidence {
  return { C, preimageC: pwlPreimage(f, C), preimage0: pwlPreimage(f, Q.ZERO) };
}

function within(a: Interval, b: Interval): boolean {
  const loOk =
    b.lo === null || (a.lo !== null && (b.lo.lt(a.lo) || (b.lo.equals(a.lo) && (b.loClosed || !a.loClosed))));
  const hiOk =
    b.hi === null || (a.hi !== null && (a.hi.lt(b.hi) || (b.hi.equals(a.hi) && (b.hiClosed || !a.hiClosed))));
  return loOk && hiOk;
}

/** a ⊆ b for unions of intervals, b made of disjoint maximal intervals (as pwlPreimage returns). */
function subset(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.every((x) => b.some((y) => within(x, y)));
}

function contains(iv: Interval, x: Q): boolean {
  return within({ lo: x, hi: x, loClosed: true, hiClosed: true }, iv);
}

/** A rational point of `a` outside every interval of `b`, when one is easy to name (endpoints, midpoints, +-1). */
function pointOutside(a: readonly Interval[], b: readonly Interval[]): Q | undefined {
  for (const iv of a) {
    const cands: Q[] = [];
    if (iv.lo !== null) cands.push(iv.lo, iv.lo.add(Q.ONE), iv.lo.add(Q.of(1n, 2n)));
    if (iv.hi !== null) cands.push(iv.hi, iv.hi.sub(Q.ONE), iv.hi.sub(Q.of(1n, 2n)));
    if (iv.lo !== null && iv.hi !== null) cands.push(iv.lo.add(iv.hi).div(Q.int(2)));
    if (iv.lo === null && iv.hi === null) cands.push(Q.ZERO, Q.ONE, Q.MINUS_ONE);
    const hit = cands.find((x) => contains(iv, x) && !b.some((y) => contains(y, x)));
    if (hit) return hit;
  }
  return undefined;
}

/** The decision of (a): each direction, with a witness entry when it fails. */
export interface EntrywiseDecision {
  /** f(U) = X implies form (1). */
  onlyIf: Status;
  /** form (1) implies f(U) = X. */
  converse: Status;
  reason: string;
}

/**
 * Decides (a) from the preimages: f(U) = X iff every entry lies in f^{-1}(X_ij),
 * and form (1) asks u_ij in {C} where X_ij = C and u_ij in (-inf, 0] where X_ij = 0.
 * Every n >= 1 has entries of both kinds (row 1 has C, row n+1 has 0), so the
 * comparison of the sets decides the statement for every n.
 */
export function decideEntrywise(e: EntrywiseEvidence): EntrywiseDecision {
  const pointC: Interval[] = [{ lo: e.C, hi: e.C, loClosed: true, hiClosed: true }];
  const nonPositive: Interval[] = [{ lo: null, hi: Q.ZERO, loClosed: false, hiClosed: true }];
  const onlyIfC = subset(e.preimageC, pointC);
  const onlyIf0 = subset(e.preimage0, nonPositive);
  const convC = subset(pointC, e.preimageC);
  const conv0 = subset(nonPositive, e.preimage0);
  const parts: string[] = [];
  if (!onlyIfC) {
    const p = pointOutside(e.preimageC, pointC);
    parts.push(`an entry $u = ${p ? latexQ(p) : '?'} \\ne C$ already gives $C$`);
  }
  if (!onlyIf0) {
    const p = pointOutside(e.preimage0, nonPositive);
    parts.push(`an entry $u = ${p ? latexQ(p) : '?'} > 0$ already gives $0$`);
  }
  if (!convC) parts.push('$u = C$ does not give $C$');
  if (!conv0) {
    const p = pointOutside(nonPositive, e.preimage0);
    parts.push(`an entry $u = ${p ? latexQ(p) : '?'} \\le 0$ does not give $0$`);
  }
  return {
    onlyIf: onlyIfC && onlyIf0 ? 'holds' : 'refuted',
    converse: convC && conv0 ? 'holds' : 'refuted',
    reason:
      parts.length === 0 ? 'the preimages are exactly $\\lbrace C \\rbrace$ and $(-\\infty, 0]$' : parts.join('; '),
  };
}

// ---------------------------------------------------------------- (b) full rank

/** The symbolic determinant of one top block and its positivity certificate. */
export interface DetEvidence {
  n: number;
  /** det of the block, in C and the v_ij (u_ij = -v_ij, v_ij >= 0). */
  det: Poly;
  /** Every coefficient is positive: with C > 0 and v >= 0 each term is >= 0. */
  positiveCoefficients: boolean;
  /** The terms in C alone (det at v = 0): with positive coefficients, det >= this > 0 for C > 0. */
  pureC: Poly;
  /** A point (C and the v_ij, all in the stated domain) where det = 0, if the search found one. */
  zero?: Record<string, Q>;
}

/**
 * The evidence for one n: the exact symbolic determinant of the block given by
 * `entry` (default: form (1) with u = -v), its coefficients, and when they do not
 * certify positivity, a search for a zero at C = `C` with each v_ij in {0, C/2, C, 2C}
 * (one variable at a time, then all equal).
 */
export function detEvidence(n: number, C: Q, entry: (i: number, j: number) => Poly = formOneEntryV): DetEvidence {
  const d = polyDet(symbolicMatrix(n, entry));
  const vars = d.variables().filter((v) => v !== 'C');
  const at = (assign: Map<string, Q>) => {
    const m = new Map<string, Q>([['C', C]]);
    for (const v of vars) m.set(v, assign.get(v) ?? Q.ZERO);
    return m;
  };
  const pureC = d.substitute(new Map(vars.map((v) => [v, Q.ZERO])));
  const positiveCoefficients = d.termList().every((t) => t.coef.sign() > 0);
  let zero: Record<string, Q> | undefined;
  if (!certified({ positiveCoefficients, pureC })) {
    const values = [Q.ZERO, C.div(Q.int(2)), C, C.mul(Q.int(2))];
    const tries: Map<string, Q>[] = [
      ...vars.flatMap((v) => values.map((t) => new Map([[v, t]]))),
      ...values.map((t) => new Map(vars.map((v) => [v, t]))),
    ];
    for (const t of tries) {
      const p = at(t);
      if (d.eval(p).isZero()) {
        zero = Object.fromEntries(p);
        break;
      }
    }
  }
  return { n, det: d, positiveCoefficients, pureC, zero };
}

/** Positive coefficients and a nonzero part in C alone: det >= that part > 0 for C > 0, v >= 0. */
export function certified(e: Pick<DetEvidence, 'positiveCoefficients' | 'pureC'>): boolean {
  return e.positiveCoefficients && !e.pureC.isZero();
}

/**
 * "Every block of the form has det != 0": holds when every n is certified
 * (positive coefficients and a nonzero part in C alone: det >= that part > 0 for
 * C > 0, v >= 0), refuted when some n has an exact zero in the domain, else
 * inconclusive.
 */
export function decideFullRank(ev: readonly DetEvidence[]): { status: Status; reason: string } {
  const zero = ev.find((e) => e.zero);
  if (zero) return { status: 'refuted', reason: `$\\det = 0$ at an admissible point for $n = ${zero.n}$` };
  const bad = ev.find((e) => !certified(e));
  if (bad) return { status: 'inconclusive', reason: `no positivity certificate for $n = ${bad.n}$ and no zero found` };
  const ns = ev.map((e) => e.n);
  return {
    status: 'holds',
    reason: `the symbolic determinant in $C$ and $v_{ij} = -u_{ij} \\ge 0$ has only positive coefficients and a nonzero part in $C$ alone, for $${texRange(Math.min(...ns), Math.max(...ns))}$`,
  };
}

/** Both parts must hold; a refuted part refutes. */
export function both(a: Status, b: Status): Status {
  if (a === 'refuted' || b === 'refuted') return 'refuted';
  if (a === 'holds' && b === 'holds') return 'holds';
  return 'inconclusive';
}

/** The factored closed form in LaTeX: C (C - u_{2,1}) (C - u_{3,2}) ... */
function texFactored(n: number): string {
  return ['C', ...upTo(n - 1).map((i) => `(C - u_{${i + 1},${i}})`)].join('\\,');
}

/** Draws a U of form (1) or a near miss (one entry perturbed), for the re-check of (a). */
function randomNearFormOne(n: number, C: Q, rng: Rng): Mat {
  const pool = [C, Q.ZERO, Q.int(-1), Q.of(-1n, 3n), C.add(Q.ONE), Q.of(1n, 2n), C.neg()];
  const U = formOne(n, C, () => pool[rng.int(1, 3)] as Q); // 0, -1, -1/3
  if (rng.next() < 0.6) {
    const i = rng.int(0, n);
    const j = rng.int(0, n - 1);
    (U[i] as Q[])[j] = pool[rng.int(0, pool.length - 1)] as Q;
  }
  return U;
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const ns = nRange(o);
  const rng = new Rng(o.seed);

  // (a) exact preimages, and random instances that must agree with the decision.
  const entry = decideEntrywise(entrywiseEvidence(C));
  let agree = 0;
  let ofForm = 0;
  const runs = Math.max(o.runs, 1);
  for (let t = 0; t < runs; t++) {
    const n = rng.int(o.nMin, nMax);
    const U = randomNearFormOne(n, C, rng);
    const reproduces = equals(
      U.map((r) => r.map(relu)),
      stepMatrix(n, C),
    );
    const form = isFormOne(U, C);
    if (form) ofForm++;
    recheck(reproduces === form, `ReLU(U) = X iff form (1) on a random instance, n = ${n}`);
    agree++;
  }

  // (b) symbolic determinants, certified, and the closed form compared.
  const dets = ns.map((n) => detEvidence(n, C));
  const rows: string[][] = [];
  for (const e of dets) {
    const n = e.n;
    recheck(e.det.equals(closedFormDetV(n)), `closed form of the determinant, n = ${n}`);
    recheck(
      e.pureC.equals(closedFormDetV(n).substitute(new Map(upTo(n - 1).map((i) => [vName(i, i - 1), Q.ZERO])))),
      `det at v = 0 is C^n, n = ${n}`,
    );
    // Independent numeric re-check at a random point: Bareiss det vs the closed form.
    const U = formOne(n, C, () => Q.of(-BigInt(rng.int(0, 9)), BigInt(rng.int(1, 5))));
    const idx = upTo(n).map((i) => i - 1);
    let expected = C;
    for (let i = 1; i < n; i++) expected = expected.mul(C.sub((U[i] as Q[])[i - 1] as Q));
    recheck(det(submatrix(U, idx, idx)).equals(expected), `closed form at a random point, n = ${n}`);
    recheck(fastRankQ(U) === n, `rank of a random form-(1) matrix, n = ${n}`);
    const expanded = n <= 3 ? `$${texPoly(polyDet(symbolicFormOne(n)), { leading: 'C' })}$` : '';
    rows.push([
      `$${n}$`,
      `$${texFactored(n)}$`,
      expanded || `${e.det.size()} terms`,
      certified(e) ? `yes; at $v = 0$: $${texPoly(e.pureC)}$` : 'no',
    ]);
  }
  const rank = decideFullRank(dets);

  // Beyond nMax: random form-(1) matrices, exact det and rank (a sampled re-check only).
  let beyond = 0;
  for (let t = 0; t < runs; t++) {
    const n = rng.int(nMax + 1, nMax + 8);
    const U = formOne(n, C, () => Q.of(-BigInt(rng.int(0, 20)), BigInt(rng.int(1, 7))));
    const idx = upTo(n).map((i) => i - 1);
    let expected = C;
    for (let i = 1; i < n; i++) expected = expected.mul(C.sub((U[i] as Q[])[i - 1] as Q));
    recheck(det(submatrix(U, idx, idx)).equals(expected), `closed-form det beyond nMax, n = ${n}`);
    recheck(fastRankQ(U) === n, `rank beyond nMax, n = ${n}`);
    beyond++;
  }

  const scope: Scope = { kind: 'proved', checked: [o.nMin, nMax] };
  const onlyIf = both(entry.onlyIf, rank.status);
  const formOneText =
    'form (1): $u_{ij} = C$ for $j \\ge i$ and $u_{ij} \\le 0$ for $j < i$ ($i = 1, \\dots, n+1$ rows, $j = 1, \\dots, n$ columns)';
  return verdictFrom(
    o,
    ['only-if'],
    {
      summary:
        '$\\mathrm{ReLU}(U) = X$ iff $U$ has form (1); rows $1, \\dots, n$ of form (1) have determinant $C \\prod_{i=1}^{n-1} (C - u_{i+1,i}) \\ge C^n > 0$, so full rank is implied by the form, for every $n$',
      readings: [
        reading(
          'only-if',
          'an exact output forces a full-rank pre-activation of form (1): $\\mathrm{ReLU}(U) = X$ implies $u_{ij} = C$ for $j \\ge i$, $u_{ij} \\le 0$ for $j < i$, and $\\operatorname{rank} U = n$',
          onlyIf,
          `entrywise: ${entry.reason}; rank: ${rank.reason}`,
          scope,
        ),
        reading(
          'iff',
          'and conversely: $\\mathrm{ReLU}(U) = X \\iff U$ has form (1)',
          both(entry.onlyIf, entry.converse),
          entry.reason,
          scope,
        ),
        reading(
          'rank-implied',
          '"full rank" adds nothing to the form: every $U$ of form (1) has $\\operatorname{rank} U = n$, since its rows $1, \\dots, n$ have $\\det = C \\prod_{i=1}^{n-1} (C - u_{i+1,i}) \\ge C^n > 0$',
          rank.status,
          rank.reason,
          scope,
        ),
        reading(
          'zero-signal-dropped',
          'the same on signals $1, \\dots, n$ only: $\\mathrm{ReLU}(T) = X_{1..n} \\Rightarrow T$ is rows $1, \\dots, n$ of a form-(1) matrix and $\\det T \\ne 0$',
          onlyIf,
          'the top block is the one whose determinant is certified; the entrywise argument is the same',
          scope,
        ),
      ],
      sections: [
        {
          title: 'Proof (every $n$)',
          proof: true,
          lines: [
            "**Indices.** Rows $i = 1, \\dots, n+1$ are the signals (row $n+1$ is the zero signal), columns $j = 1, \\dots, n$ the outputs; $u_{ij}$ is the deck's $\\mathbf{u}^{[3](i)}_j$, and $X_{ij} = C$ for $j \\ge i$, $X_{ij} = 0$ for $j < i$, with $C > 0$.",
            '',
            `**Form (1).** $U \\in \\mathbb{R}^{(n+1) \\times n}$ has ${formOneText}.`,
            '',
            '*(a) Entrywise.* $\\mathrm{ReLU}(U) = X$ means $\\max(0, u_{ij}) = X_{ij}$ for every entry. Since $C > 0$, $\\max(0, u) = C \\iff u = C$ and $\\max(0, u) = 0 \\iff u \\le 0$. So $\\mathrm{ReLU}(U) = X$ if and only if $U$ has form (1), for every $n$. The check computes the two preimages $\\mathrm{ReLU}^{-1}(C) = \\lbrace C \\rbrace$ and $\\mathrm{ReLU}^{-1}(0) = (-\\infty, 0]$ exactly.',
            '',
            '*(b) Determinant.* Let $T$ be rows $1, \\dots, n$ of a form-(1) matrix $U$. For $i = 1, \\dots, n-1$, in this order, replace row $i$ by row $i$ minus row $i+1$; row $i+1$ is still the original one, and the determinant does not change. Both rows equal $C$ in the columns $j > i$, so the new row $i$ is zero right of the diagonal, and its diagonal entry is $C - u_{i+1,i}$. Row $n$ is $(u_{n,1}, \\dots, u_{n,n-1}, C)$. The matrix is now lower triangular, so',
            '$$\\det T = C \\prod_{i=1}^{n-1} (C - u_{i+1,i}) \\ \\ge\\ C^n > 0,$$',
            'because every $u_{i+1,i} \\le 0$ makes every factor at least $C$.',
            '',
            '*(c) Full rank.* An $(n+1) \\times n$ matrix has rank at most $n$, and $T$ is an invertible $n \\times n$ submatrix of $U$, so $\\operatorname{rank} U = n$. "Full rank" follows from the form; the lemma holds for every $n$ and its rank condition adds nothing. $\\square$',
            '',
            `**What the computation re-checks.** For $${texRange(o.nMin, nMax)}$ the determinant of $T$ is computed as an exact polynomial in $C$ and $v_{ij} = -u_{ij} \\ge 0$. All its coefficients are positive and its value at $v = 0$ is $C^n$, which certifies $\\det T \\ge C^n > 0$ without using the closed form; the closed form is then compared term by term.`,
          ],
        },
        {
          title: 'Symbolic determinants of rows $1, \\dots, n$ of form (1)',
          table: {
            header: [
              '$n$',
              'closed form',
              'expanded (as computed)',
              'certified: all coefficients positive in $C$ and $v_{ij} = -u_{ij}$',
            ],
            rows,
          },
        },
        {
          title: 'Re-checks',
          lines: [
            `- (a) on ${agree} random matrices (${ofForm} of form (1), the others with one entry changed), $${texRange(o.nMin, nMax)}$: $\\mathrm{ReLU}(U) = X$ exactly when $U$ has form (1).`,
            `- (b) beyond the symbolic range (sampled, not a proof): ${beyond} random form-(1) matrices with $${texRange(nMax + 1, nMax + 8)}$, exact determinant equal to the closed form and exact rank $n$.`,
          ],
        },
      ],
      scope,
    },
    {
      certificate: {
        determinant: 'C * prod_{i=1}^{n-1} (C - u_{i+1,i}) >= C^n',
        positiveCoefficientsFor: ns,
        preimages: { C: '{C}', zero: '(-inf, 0]' },
      },
      counterexample: { entrywise: entry.reason, rank: rank.reason },
    },
  );
}

export const lemmaLayer3 = defineClaim({
  id: 'lemma-layer3',
  slide: 'Layer 3',
  gist: 'Y = X only if U3 is a full-rank matrix of form (1).',
  statement:
    'A perfect reconstruction $Y = X$ is achieved only if $U^{[3]}$ is a full-rank matrix of form (1): $U_{ij} = C$ for $j \\ge i$, $U_{ij} \\le 0$ for $j < i$.',
  reading:
    'Rows $i = 1, \\dots, n+1$ (signals), columns $j = 1, \\dots, n$ (outputs), amplitude $C > 0$. As worded: $\\mathrm{ReLU}(U) = X$ implies that $U$ has form (1) and rank $n$, the full rank of an $(n+1) \\times n$ matrix. Variants: the converse, whether "full rank" adds anything to the form, and the same on signals $1, \\dots, n$.',
  method:
    'Entrywise, the exact preimages $\\mathrm{ReLU}^{-1}(C)$ and $\\mathrm{ReLU}^{-1}(0)$ decide both directions for every $n$. For the rank, the exact symbolic determinant of rows $1, \\dots, n$ as a polynomial in $C$ and $v_{ij} = -u_{ij}$, for every $n$ in range: positive coefficients certify $\\det \\ge C^n$; it is also compared with the closed form $C \\prod_{i=1}^{n-1} (C - u_{i+1,i})$. Random exact instances re-check both parts, beyond the range too.',
  defaultNMax: 8,
  maxNMax: 16,
  options: {},
  check,
});
