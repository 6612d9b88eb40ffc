/**
 * The atlas content of the classification, as plain data (rows and
 * paragraphs of strings) for the claim conjecture-full-rank to render: the
 * table per n, the criterion, its evidence, the smallest type of each
 * class, and the smallest mixed-sign configurations where a criterion on
 * the type (or on the order of the knots) cannot decide the rank.
 *
 * The counts come from the recorded run (results.json beside this file,
 * written by `node dist/bench/classify.js record`); the failure example is
 * computed here, exactly, from the determinant as a polynomial.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { searchDataFile } from '../recorded.js';
import { rank } from '../../kernel/matrix.js';
import { Poly, polyDet } from '../../kernel/poly.js';
import { Q } from '../../kernel/rational.js';
import { column, linearCodes } from '../grid.js';
import { classOf, gapEnds, isFree, typeLabel, typeText } from './classes.js';
import { ClassifyEngine } from './engine.js';
import { type GridAgreement } from './grid-check.js';
import { type TypeClass, TYPE_CLASSES } from './reference.js';
import { type ClassifyResult } from './run.js';

/** One recorded run: a result with its wall time. */
export interface RecordedRun extends ClassifyResult {
  workers: number;
  seconds: number;
  loadAverageAfter: number[];
}

/** The comparison of random distinct codes with codes 1..m (types whose class differs). */
export interface OrderOnlyCheck {
  n: number;
  zeroSignal: 'drop' | 'keep';
  codes: string[];
  types: number;
  differences: number;
}

/** The recorded results file (results.json). */
export interface RecordedResults {
  tool: string;
  version: string;
  command: string;
  date: string;
  commit: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  runs: RecordedRun[];
  grid: (GridAgreement & { seconds: number })[];
  orderOnly: OrderOnlyCheck[];
  /** One-sign types against Schoenberg–Whitney, per n. */
  oneSign: { n: number; types: number; mismatches: number }[];
  seed: number;
}

/**
 * Reads and checks the recorded results (src/search/classify/results.json
 * of the repository this module runs from, src or dist).
 * @throws UsageError when the file is missing or malformed.
 */
export function loadRecordedResults(): RecordedResults {
  return checkRecorded(JSON.parse(readFileSync(searchDataFile('classify/results.json'), 'utf8')) as unknown);
}

/** The proofs of the criterion (proof.md beside this module's source), as Markdown lines. */
export function criterionProof(): string[] {
  return readFileSync(searchDataFile('classify/proof.md'), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('<!--'));
}

/** @throws UsageError naming the first problem. */
export function checkRecorded(x: unknown): RecordedResults {
  const r = x as Partial<RecordedResults> | null;
  const bad = (why: string): never => {
    throw new UsageError(`classification results: ${why}`);
  };
  if (!r || typeof r !== 'object') return bad('not a JSON object');
  if (!Array.isArray(r.runs) || r.runs.length === 0) return bad('no runs');
  for (const run of r.runs) {
    if (!Number.isInteger(run.n) || (run.zeroSignal !== 'drop' && run.zeroSignal !== 'keep'))
      bad('a run without n or zeroSignal');
    const sum = TYPE_CLASSES.reduce((s, c) => s + (run.classes?.[c] ?? NaN), 0);
    if (sum !== run.types) bad(`n = ${run.n} ${run.zeroSignal}: the classes do not add up to the types`);
    if (!run.complete) bad(`n = ${run.n} ${run.zeroSignal}: the run is incomplete`);
  }
  if (!Array.isArray(r.grid) || !Array.isArray(r.orderOnly) || !Array.isArray(r.oneSign)) {
    bad('no grid, order or one-sign checks');
  }
  return r as RecordedResults;
}

/** Two configurations of one type with different ranks. */
export interface RankPair {
  n: number;
  type: string;
  typeText: string;
  /** Class indices of the type (sorted), as in classes.ts. */
  classes: number[];
  /** Columns as text, e.g. `ReLU(z - 1/2)`, the knots (rational strings, in type order) and the exact rank. */
  singular: { columns: string[]; knots: string[]; rank: number };
  fullRank: { columns: string[]; knots: string[]; rank: number };
  why: string;
}

function columnsText(type: readonly number[], knots: readonly Q[]): string[] {
  return type.map((c, j) => (classOf(c).s === 1 ? `ReLU(z - ${knots[j]})` : `ReLU(${knots[j]} - z)`));
}

function rankAt(codes: readonly Q[], type: readonly number[], knots: readonly Q[]): number {
  const cols = type.map((c, j) => column(codes, classOf(c).s, knots[j] as Q));
  return rank(codes.map((_, i) => cols.map((col) => col[i] as Q)));
}

/** Interior rational sample points of a class's gap (or its code). */
function samples(c: number, codes: readonly Q[]): Q[] {
  const { p } = classOf(c);
  if (p % 2 === 1) return [codes[(p - 1) / 2] as Q];
  const { lo, hi } = gapEnds(p, codes);
  if (lo && hi) return [1, 2, 3].map((k) => lo.add(hi.sub(lo).mul(Q.of(BigInt(k), 4n))));
  return [1, 2, 3].map((k) => (lo ? lo.add(Q.of(BigInt(k), 2n)) : (hi as Q).sub(Q.of(BigInt(k), 2n))));
}

/** det A2 of a type as a multilinear polynomial in its free knots t1..tn (codes as given). */
function typeDeterminant(codes: readonly Q[], type: readonly number[]): { D: Poly; names: string[] } {
  const names = type.map((_, j) => `t${j + 1}`);
  const D = polyDet(
    codes.map((z, i) =>
      type.map((c, j) => {
        const { s, p } = classOf(c);
        if (p % 2 === 1) return Poly.constant(column([z], s, codes[(p - 1) / 2] as Q)[0] as Q);
        const g = p / 2;
        if (s === 1 ? i < g : i >= g) return Poly.ZERO; // inactive row over the whole gap
        return Poly.constant(z.mul(Q.int(s))).sub(Poly.variable(names[j] as string).scale(Q.int(s)));
      }),
    ),
  );
  return { D, names };
}

/** A multilinear polynomial with variable v renamed to w. */
function renamed(D: Poly, v: string, w: string): Poly {
  let out = Poly.ZERO;
  for (const { monomial, coef } of D.termList()) {
    let term = Poly.constant(coef);
    for (const f of monomial === '' ? [] : monomial.split('*')) {
      const [name, e] = f.split('^') as [string, string | undefined];
      for (let k = 0; k < Number(e ?? 1); k++) term = term.mul(Poly.variable(name === v ? w : name));
    }
    out = out.add(term);
  }
  return out;
}

/**
 * The generic types of n columns (codes 1..n, zero signal dropped) whose
 * exceptional set is not contained in the ties t_j = t_k of two knots of
 * one gap, in enumeration order. Exact: det A2 is divided by every tie
 * factor (t_j - t_k) as often as it divides it (D(t_k := t_j) = 0); the
 * quotient changes sign in the box iff it vanishes on a hypersurface that
 * no tie hyperplane contains (a polynomial vanishing on an open piece of a
 * hyperplane is divisible by its equation).
 */
export function zerosOffTies(n: number): string[] {
  const codes = linearCodes(n, 'drop');
  const types: number[][] = [];
  const e = new ClassifyEngine(codes, n, {
    mirror: false,
    visit: (t, _w, cls) => {
      if (cls === 'generic') types.push(t.slice());
    },
  });
  for (const u of e.units()) e.runUnit(u);
  const out: string[] = [];
  for (const type of types) {
    const det0 = typeDeterminant(codes, type);
    let D = det0.D;
    const nm = det0.names;
    for (let a = 0; a < n; a++) {
      for (let b = a + 1; b < n; b++) {
        if (!isFree(type[a] as number) || (type[a] as number) >> 1 !== (type[b] as number) >> 1) continue;
        while (!D.isZero() && renamed(D, nm[b] as string, nm[a] as string).isZero())
          D = D.coefficientOf(nm[a] as string);
      }
    }
    // Vertex signs of the quotient (infinite ends: the t-coefficient, negated at -inf).
    const vars = D.variables();
    let pos = false;
    let neg = false;
    for (let mask = 0; mask < 1 << vars.length; mask++) {
      let P = D;
      vars.forEach((v, k) => {
        const { lo, hi } = gapEnds(classOf(type[nm.indexOf(v)] as number).p, codes);
        const up = (mask >> k) & 1;
        const end = up ? hi : lo;
        if (end) P = P.substitute(new Map([[v, end]]));
        else P = up ? P.coefficientOf(v) : P.coefficientOf(v).neg();
      });
      const sg = P.eval(new Map()).sign();
      if (sg > 0) pos = true;
      if (sg < 0) neg = true;
    }
    if (pos && neg) out.push(typeLabel(type));
  }
  return out;
}

/**
 * The first mixed-sign type (smallest n, then enumeration order) that is
 * generic and has no two free columns of one class, whose determinant
 * vanishes at a point where all knots are distinct and off the codes, and
 * the full-rank point next to it with the same order of knots and codes:
 * no criterion on the type, nor on the order of knots and codes, decides
 * the rank. Found by solving det = 0 (affine in each knot) exactly.
 */
export function orderFailure(nMax = 4): RankPair | undefined {
  for (let n = 2; n <= nMax; n++) {
    const codes = linearCodes(n, 'drop');
    const types: number[][] = [];
    const e = new ClassifyEngine(codes, n, {
      mirror: false,
      visit: (t, _w, cls) => {
        if (cls !== 'generic') return;
        if (new Set(t.map((c) => classOf(c).s)).size < 2) return;
        if (t.some((c, j) => j > 0 && c === t[j - 1] && isFree(c))) return;
        types.push(t.slice());
      },
    });
    for (const u of e.units()) e.runUnit(u);
    for (const type of types) {
      const { D, names } = typeDeterminant(codes, type);
      const free = type.map((c, j) => (isFree(c) ? j : -1)).filter((j) => j >= 0);
      for (const v of free) {
        const others = type.map((c) => samples(c, codes));
        const choose = (j: number, acc: Q[]): RankPair | undefined => {
          if (j === type.length) {
            const fixed = new Map<string, Q>();
            acc.forEach((t, k) => k !== v && isFree(type[k] as number) && fixed.set(names[k] as string, t));
            const rest = D.substitute(fixed);
            const name = names[v] as string;
            let A = Q.ZERO;
            let B = Q.ZERO;
            for (const { monomial, coef } of rest.termList()) {
              if (monomial === '') A = A.add(coef);
              else if (monomial === name) B = B.add(coef);
            }
            if (B.isZero()) return undefined;
            const t = A.neg().div(B);
            const { lo, hi } = gapEnds(classOf(type[v] as number).p, codes);
            if ((lo && !lo.lt(t)) || (hi && !t.lt(hi))) return undefined;
            const knots = acc.slice();
            knots[v] = t;
            // No ties: the knots pairwise distinct and, for free columns, off the codes.
            const all = [...knots.filter((_, k) => isFree(type[k] as number)), ...codes];
            if (new Set(all.map(String)).size !== all.length) return undefined;
            // The nearest obstacle (another knot, a code or a gap end) bounds the step that keeps the order.
            let room: Q | undefined;
            for (const x of [...knots.filter((_, k) => k !== v), ...codes]) {
              const d = x.sub(t).abs();
              if (!d.isZero() && (!room || d.lt(room))) room = d;
            }
            const step = (room ?? Q.ONE).div(Q.int(2));
            const up = knots.slice();
            up[v] = hi && !t.add(step).lt(hi) ? t.sub(step) : t.add(step);
            const r0 = rankAt(codes, type, knots);
            const r1 = rankAt(codes, type, up);
            if (r0 === n || r1 !== n) return undefined;
            return {
              n,
              type: typeLabel(type),
              typeText: typeText(type, codes),
              classes: type.slice(),
              singular: { columns: columnsText(type, knots), knots: knots.map(String), rank: r0 },
              fullRank: { columns: columnsText(type, up), knots: up.map(String), rank: r1 },
              why: `det A2 is affine in ${name} with slope ${B} at the other knots: it vanishes at ${name} = ${t} and nowhere else on that line; the knots keep their order relative to each other and to the codes`,
            };
          }
          for (const t of j === v ? [Q.ZERO] : (others[j] as Q[])) {
            const r = choose(j + 1, [...acc, t]);
            if (r) return r;
          }
          return undefined;
        };
        const found = choose(0, []);
        if (found) return found;
      }
    }
  }
  return undefined;
}

/** The first mixed-sign generic type and two configurations of it with different ranks (its diagonal). */
export function smallestMixedGeneric(nMax = 4): RankPair | undefined {
  for (let n = 2; n <= nMax; n++) {
    const codes = linearCodes(n, 'drop');
    let first: number[] | undefined;
    const e = new ClassifyEngine(codes, n, {
      mirror: false,
      visit: (t, _w, cls) => {
        if (!first && cls === 'generic' && new Set(t.map((c) => classOf(c).s)).size === 2) first = t.slice();
      },
    });
    for (const u of e.units()) e.runUnit(u);
    if (!first) continue;
    const type = first;
    // Spread knots (full rank by the class), then the first repeated free class made equal.
    const counts = new Map<number, number>();
    const knots = type.map((c) => {
      const k = counts.get(c) ?? 0;
      counts.set(c, k + 1);
      return samples(c, codes)[k % 3] as Q;
    });
    const j = type.findIndex((c, k) => k > 0 && c === type[k - 1] && isFree(c));
    const tied = knots.slice();
    if (j > 0) tied[j] = tied[j - 1] as Q;
    const rFull = rankAt(codes, type, knots);
    const rTied = rankAt(codes, type, tied);
    if (rFull !== n || rTied === n) continue;
    return {
      n,
      type: typeLabel(type),
      typeText: typeText(type, codes),
      classes: type.slice(),
      singular: { columns: columnsText(type, tied), knots: tied.map(String), rank: rTied },
      fullRank: { columns: columnsText(type, knots), knots: knots.map(String), rank: rFull },
      why: 'two free columns of one class: equal knots give equal columns',
    };
  }
  return undefined;
}

/** The atlas content, as strings. */
export interface ClassifyAtlas {
  /** Zero signal dropped: header and one row per n. */
  table: { header: string[]; rows: string[][] };
  /** Zero signal kept, with how the types were decided. */
  keptTable: { header: string[]; rows: string[][] };
  /** The criterion, one paragraph per item (GitHub-flavoured Markdown with $...$ math). */
  criterion: string[];
  /** How it was checked, one paragraph per check, with the figures. */
  evidence: string[];
  /** Per class: class, n, type label, type over the codes 1..n. */
  smallest: { header: string[]; rows: string[][] };
  /** Two configurations of one type with different ranks: the smallest mixed-sign one, and the smallest without ties. */
  typeOnlyFailure: { header: string[]; rows: string[][]; notes: string[] };
  /** Run times: n, zero signal, seconds, workers, load, digest. */
  runs: { header: string[]; rows: string[][] };
}

const CLASS_NAME: Record<TypeClass, string> = {
  singular: 'always singular',
  generic: 'generic',
  full: 'always full rank',
};

/** The atlas content from the recorded results. */
export function classificationAtlas(rec: RecordedResults): ClassifyAtlas {
  const drop = rec.runs.filter((r) => r.zeroSignal === 'drop').sort((a, b) => a.n - b.n);
  const keep = rec.runs.filter((r) => r.zeroSignal === 'keep').sort((a, b) => a.n - b.n);
  const row = (r: RecordedRun) => [
    String(r.n),
    String(r.types),
    String(r.classes.singular),
    String(r.classes.generic),
    String(r.classes.full),
  ];
  const nMax = drop[drop.length - 1]?.n ?? 0;
  const keptMax = keep[keep.length - 1]?.n ?? 0;
  const checked = drop.reduce((s, r) => s + (r.criterion?.checked ?? 0), 0);
  const mismatches = drop.reduce((s, r) => s + (r.criterion?.mismatches ?? 0), 0);
  const rado = rec.runs.reduce((s, r) => s + r.radoMismatches, 0);
  const gridRows = rec.grid.map(
    (g) => `n = ${g.n} (${g.zeroSignal}, g = ${g.g}): ${g.configurations} configurations, ${g.mismatches} mismatches`,
  );
  const order = rec.orderOnly.map(
    (o) => `n = ${o.n} (${o.zeroSignal}), codes ${o.codes.join(', ')}: ${o.differences} of ${o.types} types differ`,
  );
  // Smallest type of each class: the first n where the class occurs, the first type there.
  const smallestRows: string[][] = [];
  for (const [runs, zs] of [
    [drop, 'dropped'],
    [keep, 'kept'],
  ] as const) {
    for (const c of TYPE_CLASSES) {
      const r = runs.find((x) => x.smallest[c]);
      const t = r?.smallest[c];
      if (r && t) smallestRows.push([CLASS_NAME[c], zs, String(r.n), t.label, t.text]);
    }
  }
  // Smallest mixed-sign type of each class (zero signal dropped), by a walk over n = 2..4.
  for (const c of TYPE_CLASSES) {
    for (let n = 2; n <= 4; n++) {
      const codes = linearCodes(n, 'drop');
      let first: number[] | undefined;
      const e = new ClassifyEngine(codes, n, {
        mirror: false,
        visit: (t, _w, cls) => {
          if (!first && cls === c && new Set(t.map((x) => classOf(x).s)).size === 2) first = t.slice();
        },
      });
      for (const u of e.units()) e.runUnit(u);
      if (first) {
        smallestRows.push([CLASS_NAME[c], 'dropped, mixed signs', String(n), typeLabel(first), typeText(first, codes)]);
        break;
      }
    }
  }
  const offTies = [2, 3, 4].map((n) => ({ n, types: zerosOffTies(n) }));
  const pairRows: string[][] = [];
  for (const [what, p] of [
    ['smallest mixed-sign generic type', smallestMixedGeneric()],
    ['smallest mixed-sign type whose rank the order of knots and codes does not decide', orderFailure()],
  ] as const) {
    if (!p) continue;
    pairRows.push([
      what,
      String(p.n),
      p.type,
      p.singular.columns.join(', '),
      String(p.singular.rank),
      p.fullRank.columns.join(', '),
      String(p.fullRank.rank),
      p.why,
    ]);
  }
  return {
    table: {
      header: ['n', 'types', 'always singular', 'generic', 'always full rank'],
      rows: drop.map(row),
    },
    keptTable: {
      header: ['n', 'types', 'always singular', 'generic', 'always full rank', 'decided by'],
      rows: keep.map((r) => [
        ...row(r),
        Object.entries(r.keptHow)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => `${k} ${v}`)
          .join(', '),
      ]),
    },
    criterion: [
      'Setting: codes $z_1 < \\dots < z_m$, columns $\\mathrm{ReLU}(s_j(z - t_j))$. A type fixes each direction $s_j$ and the position class of each knot (on a code, or in one of the $m+1$ open gaps); it is a multiset of classes, as a grid configuration is a multiset of columns, and its box is the product of the open gaps: the order of two knots in one gap is not part of the type. Within a type, $\\det A_2$ is multilinear in the free knots.',
      "Always singular iff Rado's condition fails: over its box a column moves in a plane $V_j$ (increasing, knot in $(z_r, z_{r+1})$: $\\mathrm{span}\\{\\psi_r, \\psi_{r+1}\\}$; on $z_r$: $\\{\\psi_r\\}$; left of $z_1$: all affine functions; at or right of $z_m$: $\\{0\\}$; decreasing: mirrored with $\\varphi$), with $\\psi_i = (z - z_i)_+$, $\\varphi_i = (z_i - z)_+$ on the codes; the type is not always singular iff $\\dim \\sum_{j \\in J} V_j \\ge |J|$ for every set $J$ of columns, where $\\dim$ counts the interior codes $z_2..z_{m-1}$ touched plus $2$ if all affine functions are included, else $\\min(2, \\#\\text{points})$ with the points $z_1$ ($\\psi_1$), $z_m$ ($\\varphi_m$) and $z_i$ ($\\psi_i$ and $\\varphi_i$ both). Proof: Rado's theorem on independent transversals; it holds for the square and the kept case.",
      'Zero signal dropped ($m = n$): $A_2$ is singular at knots $t$ iff there is a nonzero linear spline $h$ with breakpoints at the codes, $h = 0$ on $[z_n, \\infty)$, such that $h(t_j) = 0$ for every increasing column and $h(t_j) = h_L(t_j)$ for every decreasing one, $h_L$ being the affine function equal to $h$ left of $z_1$. This describes the exceptional set of every type exactly.',
      'Hence the type is singular somewhere in its box iff there are signs $\\alpha_i = \\mathrm{sgn}\\, h(z_i)$, $\\beta_i = \\mathrm{sgn}(h - h_L)(z_i)$ and $\\delta_i = \\mathrm{sgn}\\, h_L(z_i)$ with: $\\alpha_n = 0$, $\\beta_1 = 0$, $\\alpha_1 = \\delta_1$, $\\beta_n = -\\delta_n$; $\\delta$ the sign pattern of an affine function (monotone, at most one zero) or zero; at each code, $\\delta_i = 0 \\Rightarrow \\beta_i = \\alpha_i$, $\\delta_i > 0 \\Rightarrow \\beta_i < \\alpha_i$ or $\\beta_i = \\alpha_i \\ne 0$ (mirrored for $\\delta_i < 0$); an increasing free knot in $(z_r, z_{r+1})$ needs $\\alpha_r \\alpha_{r+1} = -1$ or $\\alpha_r = \\alpha_{r+1} = 0$, an increasing knot on $z_r$ needs $\\alpha_r = 0$, and decreasing knots the same for $\\beta$; an increasing knot left of $z_1$ or a decreasing knot right of $z_n$ needs $\\delta$ without zero or sign change, both kinds need $\\delta = 0$; and $\\alpha, \\delta$ not both zero. Always full rank iff Rado holds and no such signs exist; generic iff both.',
      'Consequences: the classes depend on the order of the codes only, not on their values; for one-sign columns the conditions reduce to Schoenberg–Whitney (knots interlacing the codes); a generic type is singular exactly on the zero set of $\\det A_2$ in its box, which for mixed signs is in general not a union of hyperplanes $t_j = t_k$: no criterion on the type, nor on the order of knots and codes, decides the rank (example below).',
      `Zero signal kept ($m = n + 1$, full rank = rank $n$): always singular iff Rado fails (same proof); otherwise generic iff $A_2(t)x = 0$ for some $t$ in the box and $x \\ne 0$, i.e. iff the kernel of the matrix of the free columns' end columns and the code columns holds a nonzero vector whose two entries per free column share their sign; decided exactly for every type up to n = ${keptMax}, by vertex-sign certificates and, for the rest, exact linear programmes.`,
    ],
    evidence: [
      `Every type for n = 1..${nMax} (zero signal dropped, codes z = i) was classified from the exact vertex values of det A2 (a prefix-sharing Laplace expansion, exact in float64 by a Hadamard bound); the criterion was evaluated on every type and on its mirror image: ${checked} checks, ${mismatches} mismatches. Rado against "always singular", both settings up to n = ${Math.max(nMax, keptMax)}: ${rado} mismatches.`,
      `Exhaustive canonical grid (every configuration, exact ranks): ${gridRows.join('; ')}.`,
      `One sign (every one-sign type, n = 1..${nMax}): the classes against Schoenberg–Whitney interlacing at distinct knots of the type: ${rec.oneSign.map((o) => `n = ${o.n}: ${o.types} types, ${o.mismatches} mismatches`).join('; ')}.`,
      `Classes versus the values of the codes (random distinct rational codes, seed ${rec.seed}, every type): ${order.join('; ')}.`,
      'Unit tests: hand-computed determinants; the old per-type polynomial determinant (n <= 3); the exact BigInt reference at the box vertices (n <= 3); the exact kernel search by linear programmes against the sign conditions (n <= 4); Schoenberg–Whitney (interlacing) on every one-sign type (n <= 5); fast-check with the fixed seed on random distinct rational codes (criterion = exact class, rank consistent with the class, a singular point inside the box of every generic type).',
    ],
    smallest: { header: ['class', 'zero signal', 'n', 'type', 'columns'], rows: smallestRows },
    typeOnlyFailure: {
      header: ['what', 'n', 'type', 'singular configuration', 'rank', 'full-rank configuration', 'rank', 'why'],
      rows: pairRows,
      notes: [
        'Codes 1..n, zero signal dropped. Type labels: + increasing, - decreasing; gK the open gap K (g0 left of z_1), zK the code z_K.',
        'A generic type is by definition one where the type does not decide the rank; the second row shows more: the two configurations have the same type and the same order of all knots and codes, with no ties, and still differ in rank.',
        `Exactly (det A2 divided by every tie factor t_j - t_k, then its vertex signs): ${offTies
          .map(
            (o) =>
              `n = ${o.n}: ${o.types.length} generic types have singular configurations off every tie${o.types.length ? ` (first: ${o.types[0]})` : ''}`,
          )
          .join('; ')}. So the second row is the smallest such type.`,
      ],
    },
    runs: {
      header: ['n', 'zero signal', 'types', 'seconds', 'workers', 'load after', 'digest'],
      rows: rec.runs.map((r) => [
        String(r.n),
        r.zeroSignal,
        String(r.types),
        String(r.seconds),
        String(r.workers),
        r.loadAverageAfter.join(' '),
        r.digest,
      ]),
    },
  };
}
