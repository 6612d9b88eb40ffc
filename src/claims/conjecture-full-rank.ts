/**
 * conjecture-full-rank (deck, "Set of solutions", Conjecture):
 *   A2 is full rank iff at most two rows and at most two columns have zeros
 *   at identical positions and the ratios {b2_j / W2_j} are mutually
 *   different at the non-zero entries.
 *
 * Six readings (search/readings.ts: a pattern part and a ratio part), each
 * an "iff" read in both directions and in both zero-signal modes (rows
 * 1..n, or 1..n+1 as on the slide). Each of these 24 cells is settled for
 * EVERY n by a theorem of the form "holds for n <= a, fails for every
 * n > a": the "holds" part by the three lemmas (R: three rows with one zero
 * pattern, C: three columns with one zero pattern, K: equal ratios in one
 * row) proved on the page, the "fails" part by an explicit family
 * (search/atlas-families.ts). The check re-computes each cell from exact
 * evidence, per n in nMin..nMax: the family's member (is it a
 * counterexample?) and the exhaustive grid search (how many
 * counterexamples?). The decisions are small pure functions (decideCell,
 * decideReading, decideNecessary, decideCorrected, decideMixed) so that
 * tests can feed them false evidence; a disagreement between a theorem and
 * the evidence is a bug and stops the check (recheck).
 *
 * Variants: the "only if" of share+empty/k-row (hence of share/k-row) with
 * the zero signal dropped (proved, any codes); the corrected one-sign
 * statement (Schoenberg–Whitney for degree-1 B-splines, proved); the
 * matching candidate for mixed signs (refuted, family M_n).
 */
import { InternalError } from '../errors.js';
import { classificationAtlas, criterionProof, loadRecordedResults } from '../search/classify/atlas.js';
import { TYPE_CLASSES } from '../search/classify/reference.js';
import { classifySpec, engineFor, runClassifyUnits } from '../search/classify/run.js';
import { type GridCounts, loadGridCounts } from '../search/recorded.js';
import { rank } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { rampFigureSpec } from '../render/figure-ramps.js';
import { texColumns, texInlineMatrix, texRows, texNs, texRangeMath, texRelu, texTuple, texVec } from '../render/tex.js';
import { certify, type Certified } from '../search/certify.js';
import { interlacing, perfectColumnMatching } from '../search/corrected.js';
import { columnRatios, columnsMatrix, familyCodes, familyColumns, type FamilyId } from '../search/atlas-families.js';
import {
  type GridColumn,
  type MixedCheck,
  mixedCandidateCheck,
  nontrivialCounterexamples,
  type NontrivialCounterexample,
  type OneSignCheck,
  oneSignCheck,
} from '../search/atlas-grid.js';
import { randomCorrectedCheck, randomReadingSearch, type RandomReadingFinding } from '../search/atlas-random.js';
import { linearCodes } from '../search/grid.js';
import {
  condition,
  evaluateParts,
  type PatternPart,
  type RatioPart,
  type Reading,
  READINGS,
} from '../search/readings.js';
import { type Checkpoint, searchAll } from '../search/runner.js';
import type { Scope, Section, Status, Verdict } from '../verdict.js';
import { nRange, reading, recheck, verdictFrom, type PendingReading } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

const GRID = 2;
/** Mixed-sign and nontrivial enumerations stop at this n (their grids grow fastest). */
const SMALL_N = 3;

export type Mode = 'drop' | 'keep';
export type Direction = 'if' | 'only if';
const MODES: readonly Mode[] = ['drop', 'keep'];
const DIRECTIONS: readonly Direction[] = ['if', 'only if'];

// ---------------------------------------------------------------------------
// Readings: readable names and definitions.

/** The readable name of a reading: `share/k-all` -> `share-k-all`, `share+empty/k-row` -> `share-empty-k-row`. */
export function readingName(r: Pick<Reading, 'id'>): string {
  return r.id.replace('+', '-').replace('/', '-');
}

const PATTERN_TEX: Record<PatternPart, string> = {
  share:
    'no nonempty zero pattern is shared by three rows or by three columns: for every $S \\ne \\emptyset$, at most two rows and at most two columns $\\ell$ have $Z(\\ell) = S$',
  'share+empty':
    'no zero pattern, the empty one included, is shared by three rows or by three columns: for every $S$, at most two rows and at most two columns $\\ell$ have $Z(\\ell) = S$',
  'per-line':
    'every row and every column has at most two zeros: $\\lvert Z(\\ell) \\rvert \\le 2$ for every line $\\ell$',
};

const RATIO_TEX: Record<RatioPart, string> = {
  'k-all':
    'the ratios $k_j = b^{[2]}_j / W^{[2]}_j$ of the columns that are not identically zero are pairwise different',
  'k-row': 'in every row $i$, the columns $j$ with $A^{[2]}_{ij} \\ne 0$ have pairwise different $k_j$',
};

const PATTERN_SHORT: Record<PatternPart, string> = {
  share: 'share: no nonempty zero pattern on three rows or three columns',
  'share+empty': 'share-empty: no zero pattern, $\\emptyset$ included, on three rows or three columns',
  'per-line': 'per-line: at most two zeros in every row and column',
};

const RATIO_SHORT: Record<RatioPart, string> = {
  'k-all': 'k-all: distinct $k_j$ among the columns not identically zero',
  'k-row': 'k-row: distinct $k_j$ among the columns nonzero in one row',
};

/** The condition of a reading in words and math. */
export function readingCondition(r: Reading): string {
  return `${PATTERN_TEX[r.pattern]}; and ${RATIO_TEX[r.ratio]}`;
}

/** The legend beside every table that names readings (`verify search --list-readings` style). */
function legend(): string {
  return (
    'Readings: each name is a pattern part and a ratio part, and says $\\operatorname{rank} A^{[2]} = n$ if and only if both hold. ' +
    `Pattern parts: ${Object.values(PATTERN_SHORT).join('; ')}. Ratio parts: ${Object.values(RATIO_SHORT).join('; ')}. ` +
    '$Z(\\ell)$ is the set of positions of the zeros of a line $\\ell$; $k_j$ is skipped where $W^{[2]}_j = 0$.'
  );
}

// ---------------------------------------------------------------------------
// The theorem of each cell (reading, direction, zero-signal mode).

/** What the page proves for one cell: the direction holds for n <= holdsUpTo and fails for every larger n. */
export interface CellTheorem {
  /** 0: fails for every n; Infinity: holds for every n. */
  holdsUpTo: number;
  /** The family that refutes the direction for every n > holdsUpTo. */
  family?: FamilyId;
  /** Why it holds for n <= holdsUpTo (LaTeX words), when holdsUpTo > 0. */
  why?: string;
}

/** The theorem of a cell (proved in the sections "Proof: ..."). */
export function cellTheorem(r: Reading, dir: Direction, mode: Mode): CellTheorem {
  if (dir === 'if') return { holdsUpTo: 0, family: r.pattern === 'per-line' ? 'P' : 'Z' };
  if (r.ratio === 'k-all') return { holdsUpTo: 1, family: 'K', why: 'every condition holds at $n = 1$' };
  if (mode === 'drop') {
    if (r.pattern === 'per-line')
      return { holdsUpTo: 3, family: 'T', why: 'Lemma K; for $n \\le 3$ a line with three zeros is a zero line' };
    return { holdsUpTo: Infinity, why: 'Lemmas R, C and K' };
  }
  if (r.pattern === 'share+empty') return { holdsUpTo: 1, family: 'G', why: 'every condition holds at $n = 1$' };
  if (r.pattern === 'share')
    return { holdsUpTo: 2, family: 'G', why: 'Lemmas C and K; for $n \\le 2$ three rows are all the rows' };
  return { holdsUpTo: 2, family: 'G', why: 'Lemma K; for $n \\le 2$ a line with three zeros is a zero column' };
}

/** The exact evidence of one cell at one n. */
export interface CellPoint {
  n: number;
  /** Whether the cell's family member at n is a counterexample (undefined: no family, or none at this n). */
  family: boolean | undefined;
  /** Counterexamples on the grid at n. */
  grid: number;
}

/** The evidence of one cell over the checked n. */
export interface CellEvidence {
  reading: Reading;
  direction: Direction;
  mode: Mode;
  points: CellPoint[];
}

/** Whether columns over codes are a counterexample to reading r in direction dir (exact). */
export function isCounterexample(
  r: Reading,
  dir: Direction,
  codes: readonly Q[],
  cols: readonly GridColumn[],
): boolean {
  const A = columnsMatrix(codes, cols);
  const full = rank(A) === cols.length;
  const cond = condition(r, evaluateParts(A, columnRatios(cols)));
  return dir === 'if' ? cond && !full : !cond && full;
}

/** Whether the family member at n is a counterexample for the cell (undefined: not defined there). */
export function familyCounterexample(
  r: Reading,
  dir: Direction,
  mode: Mode,
  id: FamilyId | undefined,
  n: number,
): boolean | undefined {
  const cols = id === undefined ? undefined : familyColumns(id, n, mode);
  return cols ? isCounterexample(r, dir, familyCodes(n, mode), cols) : undefined;
}

/** A cell decided from its evidence. */
export interface CellDecision {
  /** The n with an exact counterexample (family member or grid). */
  failsAt: number[];
  /** The n without one. */
  holdsAt: number[];
  /** Whether the evidence is what the theorem predicts at every checked n. */
  agrees: boolean;
}

/**
 * Decides a cell: it fails at n when the family member or the grid gives an
 * exact counterexample. It agrees with its theorem when, at every checked n,
 * the family member is a counterexample for n > holdsUpTo and the grid has
 * none for n <= holdsUpTo.
 */
export function decideCell(th: CellTheorem, ev: Pick<CellEvidence, 'points'>): CellDecision {
  const failsAt: number[] = [];
  const holdsAt: number[] = [];
  let agrees = true;
  for (const p of ev.points) {
    const fails = p.family === true || p.grid > 0;
    (fails ? failsAt : holdsAt).push(p.n);
    if (p.n > th.holdsUpTo ? p.family !== true : fails) agrees = false;
  }
  return { failsAt, holdsAt, agrees };
}

/** The checked range [lo, hi] of a list of n. */
function span(ns: readonly number[]): readonly [number, number] {
  return [Math.min(...ns), Math.max(...ns)];
}

/**
 * An as-worded reading (both directions, both modes): refuted when some cell
 * has an exact counterexample. Scope proved (the page's theorems) when
 * every cell agrees with its theorem, else the exhaustive range alone.
 */
export function decideReading(cells: readonly CellDecision[], ns: readonly number[]): { status: Status; scope: Scope } {
  const status: Status = cells.some((c) => c.failsAt.length > 0) ? 'refuted' : 'holds';
  const checked = span(ns);
  return {
    status,
    scope: cells.every((c) => c.agrees) ? { kind: 'proved', checked } : { kind: 'exhaustive', checked },
  };
}

/**
 * The variant "necessary-dropped": the "only if" cells of share+empty/k-row
 * and share/k-row with the zero signal dropped, plus the random search with
 * arbitrary codes. Holds when nothing refutes it; proved when the cells
 * agree with their theorem (holds for every n).
 */
export function decideNecessary(
  cells: readonly CellDecision[],
  random: readonly Pick<RandomReadingFinding, 'found'>[],
  ns: readonly number[],
  runs: number,
): { status: Status; scope: Scope } {
  const checked = span(ns);
  if (cells.some((c) => c.failsAt.length > 0)) return { status: 'refuted', scope: { kind: 'exhaustive', checked } };
  if (random.some((f) => f.found)) return { status: 'refuted', scope: { kind: 'sampled', instances: runs } };
  return {
    status: 'holds',
    scope: cells.every((c) => c.agrees) ? { kind: 'proved', checked } : { kind: 'exhaustive', checked },
  };
}

/**
 * The corrected one-sign statement: holds when it agrees with the exact rank
 * on every one-sign grid configuration and on every random instance
 * (proved: Schoenberg–Whitney); refuted otherwise, with the scope of the
 * check that found the disagreement.
 */
export function decideCorrected(
  grid: readonly Pick<OneSignCheck, 'mismatches'>[],
  random: { runs: number; failed: boolean },
  ns: readonly number[],
): { status: Status; scope: Scope } {
  const checked = span(ns);
  if (grid.some((c) => c.mismatches > 0)) return { status: 'refuted', scope: { kind: 'exhaustive', checked } };
  if (random.failed) return { status: 'refuted', scope: { kind: 'sampled', instances: random.runs } };
  return { status: 'holds', scope: { kind: 'proved', checked } };
}

/**
 * The matching candidate for mixed signs: refuted when a grid configuration
 * or a member of M_n satisfies it and is singular, with the scope of the
 * grid search that found it (the candidate holds on the grid for n <= 2,
 * which the page does not prove), or, when the grid covers no n in range,
 * by the family's proof.
 */
export function decideMixed(
  grid: readonly Pick<MixedCheck, 'n' | 'matchingButSingular'>[],
  family: readonly { n: number; counterexample: boolean }[],
  ns: readonly number[],
): { status: Status; scope: Scope } {
  const gridChecked = grid.length > 0 ? span(grid.map((c) => c.n)) : span(ns);
  if (grid.some((c) => c.matchingButSingular > 0))
    return { status: 'refuted', scope: { kind: 'exhaustive', checked: gridChecked } };
  // No n of the grid in range: a member of M_n, proved a counterexample for every n >= 3, refutes it.
  if (family.some((f) => f.counterexample)) return { status: 'refuted', scope: { kind: 'proved', checked: span(ns) } };
  return { status: 'holds', scope: { kind: 'exhaustive', checked: gridChecked } };
}

// ---------------------------------------------------------------------------
// Text computed from the decisions.

const FAMILY_TEX: Record<FamilyId, string> = {
  Z: '$Z_n$',
  P: '$P_n$',
  K: '$K_n$',
  T: '$T_n$',
  G: '$G_n$',
  M: '$M_n$',
};

/** The outcome of a cell in words, from its decision (and its theorem when they agree). */
export function cellText(th: CellTheorem, d: CellDecision): string {
  if (!d.agrees) {
    const parts: string[] = [];
    if (d.failsAt.length > 0) parts.push(`fails for ${texNs(d.failsAt)}`);
    if (d.holdsAt.length > 0) parts.push(`no counterexample for ${texNs(d.holdsAt)}`);
    return parts.join('; ');
  }
  const fam = th.family ? FAMILY_TEX[th.family] : '';
  if (th.holdsUpTo === 0) return `fails for every $n$ (${fam})`;
  if (th.holdsUpTo === Infinity) return `holds for every $n$ (${th.why})`;
  return `holds for $n \\le ${th.holdsUpTo}$ (${th.why}), fails for every $n \\ge ${th.holdsUpTo + 1}$ (${fam})`;
}

/** Where the grid re-check found the first counterexample, in words. */
function gridText(ev: CellEvidence): string {
  const first = ev.points.find((p) => p.grid > 0);
  const before = ev.points.filter((p) => p.grid === 0 && (!first || p.n < first.n)).map((p) => p.n);
  if (!first) return `no counterexample for ${texNs(ev.points.map((p) => p.n))}`;
  return before.length > 0
    ? `no counterexample for ${texNs(before)}; the first at $n = ${first.n}$`
    : `the first counterexample at $n = ${first.n}$`;
}

// ---------------------------------------------------------------------------
// Evidence.

function gridRun(n: number, zeroSignal: 'keep' | 'drop'): Checkpoint {
  return searchAll({ n, g: GRID, zeroSignal, codes: linearCodes(n, zeroSignal) });
}

/** The finished grid searches, keyed `${mode}|${n}`. */
export type GridRuns = Map<string, Checkpoint>;

/** Runs the exhaustive grid search for every mode and every n in ns. */
export function gatherGrid(ns: readonly number[]): GridRuns {
  const runs: GridRuns = new Map();
  for (const mode of MODES) for (const n of ns) runs.set(`${mode}|${n}`, gridRun(n, mode));
  return runs;
}

function gridFailures(runs: GridRuns, mode: Mode, n: number, readingIndex: number, dir: Direction): number {
  const r = runs.get(`${mode}|${n}`)?.counts.readings[readingIndex];
  if (!r) throw new InternalError(`no grid run for ${mode}, n = ${n}`);
  return (dir === 'if' ? r.ifFails : r.onlyIfFails).count;
}

/** The evidence of every cell: family members and grid counts for every checked n. */
export function cellEvidence(runs: GridRuns, ns: readonly number[]): CellEvidence[] {
  return READINGS.flatMap((r, k) =>
    DIRECTIONS.flatMap((direction) =>
      MODES.map((mode) => {
        const th = cellTheorem(r, direction, mode);
        return {
          reading: r,
          direction,
          mode,
          points: ns.map((n) => ({
            n,
            family: familyCounterexample(r, direction, mode, th.family, n),
            grid: gridFailures(runs, mode, n, k, direction),
          })),
        };
      }),
    ),
  );
}

/** A zero row in Z_n: which pattern parts it passes, per n (the "zero row" sentence is computed from this). */
export function zeroRowEvidence(
  ns: readonly number[],
): { n: number; zeroRow: boolean; passes: Record<PatternPart, boolean> }[] {
  return ns.map((n) => {
    const cols = familyColumns('Z', n, 'drop') as GridColumn[];
    const A = columnsMatrix(familyCodes(n, 'drop'), cols);
    const p = evaluateParts(A, columnRatios(cols));
    return {
      n,
      zeroRow: A.some((row) => row.every((x) => x.isZero())),
      passes: { share: p.share, 'share+empty': p['share+empty'], 'per-line': p['per-line'] },
    };
  });
}

/** Whether the zero-row evidence is what the proof predicts: share parts pass for every n, per-line exactly for n <= 2. */
export function zeroRowAgrees(ev: ReturnType<typeof zeroRowEvidence>): boolean {
  return ev.every((e) => e.zeroRow && e.passes.share && e.passes['share+empty'] && e.passes['per-line'] === e.n <= 2);
}

/** The sentence on zero rows, from the evidence (the universal part only when the evidence agrees with its proof). */
export function zeroRowSentence(ev: ReturnType<typeof zeroRowEvidence>): string {
  const withRow = ev.filter((e) => e.zeroRow);
  const part = (p: PatternPart, name: string) => {
    const yes = withRow.filter((e) => e.passes[p]).map((e) => e.n);
    const no = withRow.filter((e) => !e.passes[p]).map((e) => e.n);
    if (no.length === 0) return `passes the pattern part of ${name} for ${texNs(yes)}`;
    if (yes.length === 0) return `fails the pattern part of ${name} for ${texNs(no)}`;
    return `passes the pattern part of ${name} for ${texNs(yes)} but not for ${texNs(no)}`;
  };
  const observed =
    `A zero row makes $A^{[2]}$ singular. In $Z_n$ (zero signal dropped) row $n$ is zero, and this zero row ` +
    `${part('share', 'share')}, ${part('share+empty', 'share-empty')}, and ${part('per-line', 'per-line')}.`;
  if (!zeroRowAgrees(ev)) return observed;
  return (
    `${observed} For every $n$: a zero row has the pattern "all columns", which no other row of $Z_n$ has, so it passes share and share-empty; ` +
    'it has $n$ zeros, so it passes per-line exactly when $n \\le 2$. So a zero row slips through the share readings for every $n$, ' +
    'and through the per-line readings only for $n \\le 2$.'
  );
}

// ---------------------------------------------------------------------------
// Sections: proofs.

const CONVENTION =
  '**Indices.** Rows $i = 1, \\dots, m$ of $A^{[2]}$ are the codes $z_1, \\dots, z_m$ ($m = n$ with the zero signal dropped, $A^{[2]}$ square; ' +
  '$m = n + 1$ with it kept, as on the slide); columns $j = 1, \\dots, n$ are the neurons $a_j(z) = (W^{[2]}_j z + b^{[2]}_j)_+$, where ' +
  '$(x)_+ = \\max(x, 0) = \\mathrm{ReLU}(x)$, so $A^{[2]}_{ij} = a_j(z_i)$. Where $W^{[2]}_j \\ne 0$, $k_j = b^{[2]}_j / W^{[2]}_j$ and the knot ' +
  '$t_j = -k_j$ is where the pre-activation vanishes: $a_j(z) = \\lvert W^{[2]}_j \\rvert (s_j (z - t_j))_+$ with $s_j = \\pm 1$ the sign of $W^{[2]}_j$. ' +
  '$Z(\\ell)$ is the zero pattern of a line $\\ell$ (the set of positions of its zeros). Full rank means rank $n$.';

function lemmaSection(): Section {
  return {
    title: 'Proof: three lemmas, and every "only if" that holds',
    proof: true,
    lines: [
      CONVENTION,
      '',
      'The lemmas hold for any codes, distinct or not, and allow $W^{[2]}_j = 0$ (a constant column).',
      '',
      '**Lemma R (three rows).** *Zero signal dropped. If three rows $i_1, i_2, i_3$ have the same zero pattern $S$ (possibly empty), $A^{[2]}$ is singular.* ' +
        'On these rows a column $j \\in S$ is $0$, and a column $j \\notin S$ is positive, so it equals its pre-activation $W^{[2]}_j z + b^{[2]}_j$. ' +
        'Every column restricted to the three rows therefore lies in $\\operatorname{span} \\lbrace (z_{i_1}, z_{i_2}, z_{i_3}), (1, 1, 1) \\rbrace$: ' +
        'the $3 \\times n$ submatrix has rank at most $2$, its three rows are dependent, and the square $A^{[2]}$ is singular. $\\square$',
      '',
      '**Lemma C (three columns).** *Either mode. If three columns have the same zero pattern $R$ (any $R$), $\\operatorname{rank} A^{[2]} < n$.* ' +
        'Each of them is $0$ on $R$ and positive, hence equal to $W^{[2]}_j z_i + b^{[2]}_j$, off $R$. All three lie in ' +
        '$\\lbrace v : v_i = 0 \\text{ for } i \\in R, \\ v_i = \\alpha z_i + \\beta \\text{ for } i \\notin R \\rbrace$, a space of dimension at most $2$. $\\square$',
      '',
      "**Lemma K (equal ratios).** *Either mode. If two columns $j \\ne j'$ are both nonzero in one row $i$ and $k_j = k_{j'} = k$, they are proportional, " +
        'and $\\operatorname{rank} A^{[2]} < n$.* Here $a_j(z) = (W^{[2]}_j (z + k))_+$. Both nonzero at $z_i$ means $W^{[2]}_j (z_i + k) > 0$ and ' +
        "$W^{[2]}_{j'} (z_i + k) > 0$, so $c = W^{[2]}_j / W^{[2]}_{j'} > 0$, and since $(c x)_+ = c (x)_+$ for $c > 0$, $a_j = c \\ a_{j'}$ at every $z$. $\\square$",
      '',
      '**Consequences** (the cells marked "holds" in the table above).',
      '',
      '- *Zero signal dropped, every $n$.* If $\\operatorname{rank} A^{[2]} = n$, no zero pattern, the empty one included, is shared by three rows (Lemma R) ' +
        'or three columns (Lemma C), and the columns nonzero in one row have distinct $k_j$ (Lemma K). This is the condition of share-empty-k-row, ' +
        'and it implies that of share-k-row: **the "only if" of share-k-row and share-empty-k-row holds for every $n$ and any codes.**',
      '- *Zero signal kept.* Lemmas C and K still apply; Lemma R does not, since $n + 1$ rows may carry one dependency. For $n \\le 2$ the "only if" ' +
        'of share-k-row still holds: three rows are then all the rows, and if they share a nonempty pattern $S$, a column $j \\in S$ is zero.',
      '- *per-line.* Dropped, $n \\le 3$: a line with three zeros in an $n \\times n$ matrix is a zero line, so full rank implies per-line, and ' +
        'with Lemma K the "only if" of per-line-k-row holds. Kept, $n \\le 2$: rows have $n \\le 2$ entries, and a column with three zeros among ' +
        '$n + 1 \\le 3$ entries is a zero column: the same conclusion.',
      '- *$n = 1$.* One column has at most two entries and every ratio part is empty: every condition holds, so every "only if" holds at $n = 1$.',
    ],
  };
}

function familySection(): Section {
  return {
    title: 'Proof: explicit families, one counterexample for every $n$',
    proof: true,
    lines: [
      'Codes $z_i = i$ ($i = 1, \\dots, m$); every column is $(s (z - t))_+$ with $W^{[2]}_j = s = \\pm 1$, $b^{[2]}_j = -s t$, $k_j = -t$. ' +
        "A column $(j + \\tfrac12 - z)_+$ is positive exactly at the codes $i \\le j$: these columns form the staircase of the deck's construction.",
      '',
      '- $Z_n$ ($n \\ge 1$): $(j + \\tfrac12 - z)_+$ for $j = 1, \\dots, n - 1$, and the zero column $(-z)_+$. Row $i \\le n$ has zeros exactly in the columns ' +
        '$j < i$ and in the zero column: $i$ zeros, so rows $1, \\dots, n$ have distinct patterns (kept, rows $n$ and $n + 1$ are both zero: two rows). ' +
        'Column $j < n$ vanishes exactly on the rows $i > j$, the zero column on all rows: distinct patterns. The nonzero columns have distinct ' +
        '$k_j = -(j + \\tfrac12)$. So share, share-empty, k-all and k-row hold, and $A^{[2]}$ is singular: **the "if" of share-k-all, share-k-row, ' +
        'share-empty-k-all and share-empty-k-row fails for every $n$, in both modes.**',
      '- $P_n$: $P_1 = Z_1$; $P_2$: $(z - 2)_+, (z - \\tfrac52)_+$, which vanish at the codes $1, 2$ (each line has at most two zeros, rank at most $1$); ' +
        'for $n \\ge 3$, $P_n = L_n$: $(z + j)_+$ for $j = 1, \\dots, n$, positive at every code, so no line has a zero, the $k_j = j$ are distinct, and every ' +
        'column is affine on the codes: rank at most $2 < n$. **The "if" of per-line-k-all and per-line-k-row fails for every $n$, in both modes.**',
      '- $K_n$ ($n \\ge 2$): $(j + \\tfrac12 - z)_+$ for $j = 1, \\dots, n - 1$, and $(z - n + \\tfrac12)_+$. The last column is nonzero only at the codes $\\ge n$ ' +
        'and the others only at codes $\\le n - 1$: rows $1, \\dots, n - 1$ are triangular with diagonal $\\tfrac12$, row $n$ is $(0, \\dots, 0, \\tfrac12)$, ' +
        'so rank $n$ (kept: one more row $(0, \\dots, 0, \\tfrac32)$). Columns $n - 1$ and $n$ are nonzero with equal $k = -(n - \\tfrac12)$: k-all fails. ' +
        '**The "only if" of every k-all reading fails for every $n \\ge 2$, in both modes.**',
      "- $T_n$ (dropped): the deck's triangular $A^{[2]}$, $(j + \\tfrac12 - z)_+$ for $j = 1, \\dots, n$: upper triangular with diagonal $\\tfrac12$, rank $n$; " +
        'row $n$ has $n - 1$ zeros. **The "only if" of per-line-k-row, zero signal dropped, fails for every $n \\ge 4$.**',
      '- $G_n$ (kept, codes $1, \\dots, n + 1$, $n \\ge 2$): $(j + \\tfrac12 - z)_+$ for $j = 1, \\dots, n - 2$, then $(z)_+$ and $(n + 2 - z)_+$. ' +
        'On the last three codes $n - 1, n, n + 1$ the staircase vanishes and the last two columns are positive, so these three rows share the pattern ' +
        '$\\lbrace 1, \\dots, n - 2 \\rbrace$ (empty for $n = 2$), and column $1$ has $n$ zeros. Rank $n$: a combination vanishing on the last three codes ' +
        'has zero coefficients on $z$ and $n + 2 - z$ (independent affine functions on three points), and then on the triangular staircase. All $k_j$ ' +
        'are distinct. **The "only if", zero signal kept, fails for share-empty-k-row for every $n \\ge 2$, and for share-k-row and per-line-k-row for every $n \\ge 3$.**',
      '- $M_n$ ($n \\ge 3$): $(j + \\tfrac12 - z)_+$ for $j = 1, \\dots, n - 3$, then $(z)_+$, $(z - \\tfrac13)_+$ and $(z_m - z)_+$. The last three columns are affine ' +
        'on the codes, so the rank is at most $(n - 3) + 2 < n$; yet the columns are distinct and column $j \\le n - 3$ matches row $j$, $(z_m - z)_+$ row ' +
        '$n - 2$, $(z)_+$ and $(z - \\tfrac13)_+$ rows $n - 1$ and $n$: a perfect matching in the support. **The matching candidate fails for every $n \\ge 3$.**',
    ],
  };
}

function schoenbergWhitneySection(): Section {
  return {
    title: 'Proof: the corrected one-sign statement is Schoenberg–Whitney for degree-1 B-splines',
    proof: true,
    lines: [
      '**Statement.** Let every $W^{[2]}_j$ be negative, so that column $j$ is $\\lvert W^{[2]}_j \\rvert (t_j - z)_+$ (positive scalings change no rank), with the knots ' +
        'sorted $t_1 \\le \\dots \\le t_n$ and the codes sorted. Then $\\operatorname{rank} A^{[2]} = n$ if and only if the knots are distinct and some $n$ of the codes, ' +
        '$y_1 < \\dots < y_n$, satisfy',
      '',
      '$$y_k < t_k \\quad (k = 1, \\dots, n) \\qquad \\text{and} \\qquad t_k < y_{k+2} \\quad (k = 1, \\dots, n - 2).$$',
      '',
      'With the zero signal dropped the $y_k$ are all the codes; kept, any $n$ of the $n + 1$. For positive $W^{[2]}_j$, columns $(z - t_j)_+ = ((-t_j) - (-z))_+$: ' +
        'apply the statement to the codes $-z_i$ and the knots $-t_j$.',
      '',
      '**The theorem cited.** Schoenberg–Whitney (C. de Boor, *A Practical Guide to Splines*, rev. ed. 2001, ch. XIII): for a knot sequence ' +
        '$\\tau_1 \\le \\dots \\le \\tau_{n+k}$, the B-splines $B_1, \\dots, B_n$ of order $k$ and points $x_1 < \\dots < x_n$, the collocation matrix ' +
        '$[B_j(x_i)]$ is invertible if and only if $B_i(x_i) \\ne 0$ for every $i$.',
      '',
      '**The mapping.** Equal knots give proportional columns, so let $t_1 < \\dots < t_n$, and fix $a$ below every code and every knot. On $[a, \\infty)$:',
      '- The columns $(t_j - z)_+$ span the space $S$ of continuous piecewise-linear functions with breakpoints in $\\lbrace t_1, \\dots, t_n \\rbrace$ that vanish on ' +
        '$[t_n, \\infty)$. A function in $S$ is fixed by its values at $a, t_1, \\dots, t_{n-1}$, so $\\dim S = n$; the $n$ columns lie in $S$ and are ' +
        'independent (each $(t_j - z)_+$ has a kink at $t_j$ and no other column does), so they are a basis.',
      '- Knots $\\tau = (a, a, t_1, t_2, \\dots, t_n)$, order $k = 2$ (degree 1): $B_1$ is the half-hat equal to $1$ at $a$ and $0$ from $t_1$ on, $B_2$ the hat on ' +
        '$[a, t_2]$ peaking at $t_1$, and $B_i$ for $i \\ge 3$ the hat on $[t_{i-2}, t_i]$ peaking at $t_{i-1}$. Each $B_i$ lies in $S$, and $B_i$ is $1$ at the ' +
        '$i$-th point of $(a, t_1, \\dots, t_{n-1})$ and $0$ at the others, so the $B_i$ are a basis of $S$ too.',
      '- Hence $A^{[2]} = [B_j(y_i)] G$ on any $n$ codes $y_i$ with $G$ invertible ($G$ changes basis in $S$): the two matrices have the same rank.',
      '- The theorem, with the codes as the collocation sites $x_i = y_i > a$: $B_1(y_1) \\ne 0 \\iff y_1 < t_1$; $B_2(y_2) \\ne 0 \\iff y_2 < t_2$; for $i \\ge 3$, ' +
        '$B_i(y_i) \\ne 0 \\iff t_{i-2} < y_i < t_i$. These are exactly the interlacing conditions $y_k < t_k$ and $t_k < y_{k+2}$ of the statement. ' +
        'With $n + 1$ codes, $\\operatorname{rank} A^{[2]} = n$ if and only if some $n$ rows are independent. $\\square$',
      '',
      '**Necessity directly** (no citation needed). If $y_k \\ge t_k$, columns $1, \\dots, k$ vanish at $y_k, \\dots, y_n$: $k$ columns supported on the $k - 1$ rows ' +
        '$y_1, \\dots, y_{k-1}$ are dependent. If $t_k \\ge y_{k+2}$, columns $k, \\dots, n$ are affine ($t_j - z$) on the rows $y_1, \\dots, y_{k+2}$, so these ' +
        '$k + 2$ rows have rank at most $(k - 1) + 2$ and are dependent.',
    ],
  };
}

// ---------------------------------------------------------------------------
// The classification of every combinatorial type, and the grid counts for n = 1..8: recorded runs
// (minutes each), re-computed here for every n of the check's range.

/** The recorded grid row of n (zero signal dropped) equals this run's counts. */
function sameGridCounts(row: GridCounts['table'][number], c: Checkpoint['counts']): boolean {
  return (
    row.configurations === c.total &&
    row.fullRank === c.fullRank &&
    row.readings.every((r, k) => {
      const x = c.readings[k];
      return (
        x !== undefined &&
        x.id === r.id &&
        x.condition === r.condition &&
        x.ifFails.count === r.ifFails &&
        x.onlyIfFails.count === r.onlyIfFails
      );
    })
  );
}

/** The largest n whose classification the check re-computes (n = 4: 5 985 types, a fraction of a second). */
const CLASSIFY_RECHECK_N = 4;

/**
 * The recorded classification (n = 1..7) and grid counts (n = 1..8) as
 * atlas sections, after re-checking every recorded count this check can
 * re-compute: the grid counts for every n of `ns` (zero signal dropped), the
 * classification for n <= CLASSIFY_RECHECK_N in both modes.
 */
export function recordedSections(ns: readonly number[], runs: GridRuns): Section[] {
  const grid = loadGridCounts();
  for (const n of ns) {
    const row = grid.table.find((r) => r.n === n);
    const run = runs.get(`drop|${n}`);
    if (row && run) recheck(sameGridCounts(row, run.counts), `recorded grid counts for n = ${n}`);
  }
  const rec = loadRecordedResults();
  for (const n of ns.filter((k) => k <= CLASSIFY_RECHECK_N))
    for (const mode of MODES) {
      const spec = classifySpec(n, mode);
      const live = runClassifyUnits(
        spec,
        engineFor(spec, false)
          .units()
          .map((_, k) => k),
        false,
      );
      const r = rec.runs.find((x) => x.n === n && x.zeroSignal === mode);
      recheck(
        r !== undefined && r.types === live.types && TYPE_CLASSES.every((c) => r.classes[c] === live.classes[c]),
        `recorded classification for n = ${n}, zero signal ${modeText(mode)}`,
      );
    }
  const atlas = classificationAtlas(rec);
  const recorded = (what: string, command: string, date: string) =>
    `${what}: recorded by \`${command}\` on ${date.slice(0, 10)}; every check re-computes the counts for its own $n$ (here ${texNs(ns.filter((n) => n <= CLASSIFY_RECHECK_N))} for the classification, ${texNs(ns)} for the grid) and stops if one differs.`;
  return [
    {
      title: 'Every combinatorial type classified (zero signal dropped)',
      lines: [
        atlas.criterion[0] ?? '',
        'Each type is in exactly one class: **always singular** ($\\det A^{[2]} \\equiv 0$ on the box), **generic** (not identically zero, but zero somewhere in the box), **always full rank** (no zero in the box).',
        recorded('Counts for codes $z = i$', rec.command, rec.date),
      ],
      table: atlas.table,
    },
    {
      title:
        'Every combinatorial type classified (zero signal kept: $A^{[2]}$ is $(n+1) \\times n$, full rank = rank $n$)',
      lines: ['"Decided by" says which exact argument settled each type (kept.ts).'],
      table: atlas.keptTable,
    },
    {
      title: 'A criterion for columns of both signs',
      lines: atlas.criterion.slice(1).map((p) => p.replace(/A_2/g, 'A^{[2]}')),
    },
    {
      title: 'Proof of the criterion',
      proof: true,
      lines: criterionProof(),
    },
    { title: 'How the classification was checked', lines: atlas.evidence.map((p) => p.replace(/A2/g, '$A^{[2]}$')) },
    { title: 'The smallest type of each class (codes $z = i$)', table: atlas.smallest },
    {
      title: 'Where no criterion on the type decides the rank',
      lines: atlas.typeOnlyFailure.notes,
      table: atlas.typeOnlyFailure,
    },
    { title: 'Run times of the recorded classification', table: atlas.runs },
    {
      title: `Exhaustive grid counts for $n = 1, \\dots, ${Math.max(...grid.table.map((r) => r.n))}$ (zero signal dropped, codes $z = i$, grid $g = ${GRID}$): counterexamples "if" / "only if" per reading`,
      lines: [
        legend(),
        recorded(
          `Counts (the $n = 8$ search took ${grid.wallSeconds} s on ${grid.machine.cores} cores)`,
          grid.command,
          grid.date,
        ),
      ],
      table: {
        header: ['$n$', 'configurations', 'full rank', ...READINGS.map(readingName)],
        rows: grid.table.map((g) => [
          String(g.n),
          String(g.configurations),
          String(g.fullRank),
          ...READINGS.map((r) => {
            const c = g.readings.find((x) => x.id === r.id);
            return c ? `${c.ifFails} / ${c.onlyIfFails}` : '-';
          }),
        ]),
      },
    },
  ];
}

// ---------------------------------------------------------------------------
// The check.

const modeText = (m: Mode) => (m === 'drop' ? 'dropped' : 'kept');

interface Smallest {
  n: number;
  mode: Mode;
  direction: Direction;
  readings: string[];
  cert: Certified;
  codes: Q[];
  columns: GridColumn[];
}

function certifiedColumns(c: Certified): GridColumn[] {
  return c.columns.map((col) => ({ s: col.W2 === '1' ? 1 : -1, t: Q.parse(col.k).neg() }));
}

/** The smallest grid counterexample of every reading, direction and mode, grouped by configuration. */
function smallestCounterexamples(runs: GridRuns, ns: readonly number[]): Smallest[] {
  const groups = new Map<string, Smallest>();
  for (const mode of MODES) {
    READINGS.forEach((r, k) => {
      for (const direction of DIRECTIONS) {
        for (const n of ns) {
          const run = runs.get(`${mode}|${n}`) as Checkpoint;
          const rc = run.counts.readings[k];
          const d = rc ? (direction === 'if' ? rc.ifFails : rc.onlyIfFails) : undefined;
          if (!d?.simplest) continue;
          const cert = certify(run, k, direction, 'simplest', d.simplest);
          const columns = certifiedColumns(cert);
          const key = `${mode}|${direction}|${n}|${cert.columns.map((c) => c.text).join(',')}`;
          const g = groups.get(key);
          if (g) g.readings.push(readingName(r));
          else
            groups.set(key, {
              n,
              mode,
              direction,
              readings: [readingName(r)],
              cert,
              codes: linearCodes(n, mode),
              columns,
            });
          break;
        }
      }
    });
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.direction.localeCompare(b.direction) ||
      a.mode.localeCompare(b.mode) ||
      a.n - b.n ||
      a.readings[0]!.localeCompare(b.readings[0]!),
  );
}

function figureSections(smallest: readonly Smallest[]): Section[] {
  const seen = new Map<string, number>();
  return smallest.map((s) => {
    const stem = `conjecture-full-rank-${s.direction === 'if' ? 'if' : 'only-if'}-${s.mode === 'drop' ? 'dropped' : 'kept'}-n${s.n}`;
    const k = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, k);
    const file = `${stem}${k > 1 ? `-${k}` : ''}.svg`;
    const what = `smallest "${s.direction}" counterexample, zero signal ${modeText(s.mode)}`;
    return {
      title: `Figure: the ${what}, $n = ${s.n}$ (${s.readings.join(', ')})`,
      lines: [
        `Columns ${texColumns(s.columns)} on the codes ${texTuple(s.codes)}: $A^{[2]} = ${texRows(s.cert.A2.map((r) => r.map((x) => Q.parse(x))))}$, rank ${s.cert.rank}.`,
      ],
      figure: {
        file,
        caption: `The ${what}, n = ${s.n} (${s.readings.join(', ')}): each column of A2 as a ReLU ramp over the codes; dots are the entries of A2, triangles the knots, dashed lines the codes.`,
        spec: rampFigureSpec({ title: `The ${what}, n = ${s.n}`, codes: s.codes, columns: s.columns }),
      },
    };
  });
}

function check(o: CheckOptions): Verdict {
  const ns = nRange(o);
  const small = ns.filter((n) => n <= SMALL_N);

  // Exact evidence.
  const runs = gatherGrid(ns);
  const evidence = cellEvidence(runs, ns);
  const decided = evidence.map((ev) => {
    const th = cellTheorem(ev.reading, ev.direction, ev.mode);
    return { ev, th, d: decideCell(th, ev) };
  });
  for (const { ev, d } of decided)
    recheck(
      d.agrees,
      `the theorem of ${ev.reading.id}, "${ev.direction}", zero signal ${ev.mode} against its evidence`,
    );

  const random = randomReadingSearch({ nMin: o.nMin, nMax: o.nMax, runs: o.runs, seed: o.seed });
  const oneSign = MODES.flatMap((mode) => ns.map((n) => oneSignCheck(n, GRID, mode, interlacing)));
  const oneSignRandom = randomCorrectedCheck({
    nMin: o.nMin,
    nMax: o.nMax,
    runs: Math.max(100, o.runs * 5),
    seed: o.seed,
  });
  const mixed = MODES.flatMap((mode) => small.map((n) => mixedCandidateCheck(n, GRID, mode)));
  const mixedFamily = MODES.flatMap((mode) =>
    ns
      .filter((n) => n >= 3)
      .map((n) => {
        const cols = familyColumns('M', n, mode) as GridColumn[];
        const A = columnsMatrix(familyCodes(n, mode), cols);
        const distinct = new Set(cols.map((c) => `${c.s}|${c.t}`)).size === n;
        return { n, mode, counterexample: distinct && perfectColumnMatching(A) && rank(A) < n };
      }),
  );
  const nontrivial = MODES.flatMap((mode) => small.flatMap((n) => nontrivialCounterexamples(n, GRID, mode)));
  const zeroRows = zeroRowEvidence(ns);
  recheck(zeroRowAgrees(zeroRows), 'the zero row of Z_n against the pattern parts');
  const smallest = smallestCounterexamples(runs, ns);

  // Decisions.
  const cellsOf = (r: Reading) => decided.filter((x) => x.ev.reading.id === r.id);
  const asWorded: PendingReading[] = READINGS.map((r) => {
    const cells = cellsOf(r);
    const { status, scope } = decideReading(
      cells.map((c) => c.d),
      ns,
    );
    const text = (dir: Direction) => {
      const [drop, keep] = MODES.map((m) => cells.find((c) => c.ev.direction === dir && c.ev.mode === m)!);
      const a = cellText(drop!.th, drop!.d);
      const b = cellText(keep!.th, keep!.d);
      return a === b ? `"${dir}" ${a}, zero signal dropped or kept` : `"${dir}", zero signal dropped: ${a}; kept: ${b}`;
    };
    return reading(
      readingName(r),
      `$\\operatorname{rank} A^{[2]} = n$ if and only if ${readingCondition(r)}. Read for the slide's $(n + 1) \\times n$ matrix (zero signal kept) and for the square one (dropped), any codes.`,
      status,
      `${text('if')}. ${text('only if')}. Re-checked exactly for ${texRangeMath(...span(ns))}: the families' members and the grid.`,
      scope,
    );
  });
  const necessaryCells = decided
    .filter(
      (x) =>
        x.ev.direction === 'only if' &&
        x.ev.mode === 'drop' &&
        x.ev.reading.ratio === 'k-row' &&
        x.ev.reading.pattern !== 'per-line',
    )
    .map((x) => x.d);
  const necessaryRandom = random.filter(
    (f) => f.direction === 'only if' && (f.reading === 'share/k-row' || f.reading === 'share+empty/k-row'),
  );
  const nec = decideNecessary(necessaryCells, necessaryRandom, ns, o.runs);
  const cor = decideCorrected(oneSign, oneSignRandom, ns);
  recheck(cor.status === 'holds', 'the one-sign statement (Schoenberg–Whitney) against the exact rank');
  const mix = decideMixed(
    mixed,
    mixedFamily.map((f) => ({ n: f.n, counterexample: f.counterexample })),
    ns,
  );
  const oneSignConfigs = oneSign.reduce((s, c) => s + c.configs, 0);
  const variants: PendingReading[] = [
    reading(
      'corrected-one-sign',
      'All $W^{[2]}_j$ of one sign (columns $(t_j - z)_+$, or $(z - t_j)_+$ mirrored): $\\operatorname{rank} A^{[2]} = n$ if and only if the knots are distinct and, sorted, some $n$ codes $y_1 < \\dots < y_n$ satisfy $y_k < t_k$ for every $k$ and $t_k < y_{k+2}$ for $k \\le n - 2$. Both zero-signal modes, any distinct codes.',
      cor.status,
      cor.status === 'holds'
        ? `Schoenberg–Whitney for degree-1 B-splines (proof below); no disagreement with the exact rank on the ${oneSignConfigs} one-sign grid configurations for ${texRangeMath(...span(ns))} (both modes) nor on ${oneSignRandom.runs} random rational instances.`
        : `disagrees with the exact rank (${oneSign.reduce((s, c) => s + c.mismatches, 0)} grid configurations; random: ${oneSignRandom.failed ? 'yes' : 'no'})`,
      cor.scope,
    ),
    reading(
      'necessary-dropped',
      'Zero signal dropped, any codes: if $\\operatorname{rank} A^{[2]} = n$, then no zero pattern, the empty one included, is shared by three rows or by three columns, and in every row the nonzero columns have distinct $k_j$. This is the "only if" of share-empty-k-row, and it implies that of share-k-row.',
      nec.status,
      nec.status === 'holds'
        ? `Lemmas R, C and K (proof below), for every $n$; the grid has no counterexample for ${texRangeMath(...span(ns))}, nor ${necessaryRandom.length * o.runs} random instances with arbitrary rational codes, repeated codes and $W^{[2]}_j = 0$ allowed.`
        : 'a counterexample was found (see the tables)',
      nec.scope,
    ),
    reading(
      'mixed-candidate',
      'Columns of both signs: distinct columns and a perfect matching of columns to rows in the support of $A^{[2]}$ imply $\\operatorname{rank} A^{[2]} = n$.',
      mix.status,
      mixedText(mixed, mixedFamily),
      mix.scope,
    ),
  ];

  const refutedAll = asWorded.every((r) => r.status === 'refuted');
  const summary =
    `${refutedAll ? 'every reading of the iff is refuted' : `${asWorded.filter((r) => r.status === 'refuted').length} of 6 readings refuted`}` +
    `${decided.filter((x) => x.ev.direction === 'if').every((x) => x.th.holdsUpTo === 0 && x.d.agrees) ? ' for every n (the "if" by explicit families)' : ''}` +
    `; proved: ${
      [
        nec.status === 'holds' && nec.scope.kind === 'proved'
          ? 'the "only if" of share-k-row and share-empty-k-row with the zero signal dropped'
          : '',
        cor.status === 'holds' ? 'the corrected one-sign statement (Schoenberg-Whitney)' : '',
      ]
        .filter(Boolean)
        .join(', and ') || 'nothing'
    }`;

  const first = smallest.slice().sort((a, b) => a.n - b.n)[0];
  const sections: Section[] = [
    {
      title: 'The six readings',
      lines: [
        'The deck\'s sentence admits six readings: a pattern part ("at most two rows and at most two columns have zeros at identical positions") and a ratio part ("the ratios are mutually different at the non zero entries"). Each reading says: $\\operatorname{rank} A^{[2]} = n$ if and only if its condition holds.',
      ],
      table: {
        header: ['reading', 'condition'],
        rows: READINGS.map((r) => [readingName(r), readingCondition(r)]),
      },
    },
    {
      title: 'Each direction of each reading, for every $n$',
      lines: [
        legend(),
        '',
        '"if" is condition $\\Rightarrow$ full rank; "only if" is full rank $\\Rightarrow$ condition. Each cell is a theorem for every $n$ (proofs below), then the grid re-check: where the exhaustive grid search found its first counterexample.',
      ],
      table: {
        header: ['reading', 'direction', 'zero signal dropped', 'zero signal kept'],
        rows: READINGS.flatMap((r) =>
          DIRECTIONS.map((dir) => {
            const cell = (m: Mode) =>
              decided.find((x) => x.ev.reading.id === r.id && x.ev.direction === dir && x.ev.mode === m)!;
            const t = (m: Mode) => `${cellText(cell(m).th, cell(m).d)}; grid: ${gridText(cell(m).ev)}`;
            return [readingName(r), `"${dir}"`, t('drop'), t('keep')];
          }),
        ),
      },
    },
    lemmaSection(),
    familySection(),
    {
      title: 'Re-check of the families',
      lines: [
        `Each member is built exactly (codes $z_i = i$) for ${texRangeMath(...span(ns))}, and its rank and condition are evaluated; a cell agrees with its theorem when its family's member is a counterexample for every $n$ past the threshold and the grid finds none below it.`,
      ],
      table: {
        header: ['family', 'cells it refutes', 'zero signal dropped', 'zero signal kept'],
        rows: (['Z', 'P', 'K', 'T', 'G'] as const).map((id) => {
          const cells = decided.filter((x) => x.th.family === id);
          const names = [...new Set(cells.map((x) => `${readingName(x.ev.reading)} "${x.ev.direction}"`))];
          const verified = (m: Mode) => {
            const ok = cells
              .filter((x) => x.ev.mode === m)
              .flatMap((x) => x.ev.points.filter((p) => p.family === true).map((p) => p.n));
            const inCells = cells.filter((x) => x.ev.mode === m);
            if (inCells.length === 0) return 'not used';
            const need = inCells.flatMap((x) => x.ev.points.filter((p) => p.n > x.th.holdsUpTo).map((p) => p.n));
            if (need.length === 0) return 'no $n$ in range';
            const all = [...new Set(need)].every((n) =>
              inCells.every((x) => n <= x.th.holdsUpTo || x.ev.points.find((p) => p.n === n)?.family === true),
            );
            return `${all ? 'counterexample' : 'NOT a counterexample'} for ${texNs(ok.length > 0 ? ok : need)}`;
          };
          return [FAMILY_TEX[id], names.join(', '), verified('drop'), verified('keep')];
        }),
      },
    },
    schoenbergWhitneySection(),
    {
      title: `Exhaustive grid search (spacing $g = ${GRID}$, codes $z_i = i$): counterexamples "if" / "only if" per reading`,
      lines: [
        legend(),
        '',
        'Grid: knots at the codes, one unit beyond the extreme codes, and $g$ equally spaced points inside each gap; columns $(\\pm(z - t))_+$; every multiset of $n$ columns.',
      ],
      table: {
        header: ['zero signal', '$n$', 'configurations', 'full rank', ...READINGS.map(readingName)],
        rows: MODES.flatMap((mode) =>
          ns.map((n) => {
            const c = (runs.get(`${mode}|${n}`) as Checkpoint).counts;
            return [
              modeText(mode),
              String(n),
              String(c.total),
              String(c.fullRank),
              ...c.readings.map((r) => `${r.ifFails.count} / ${r.onlyIfFails.count}`),
            ];
          }),
        ),
      },
    },
    {
      title:
        'Smallest grid counterexample per reading, direction and zero-signal mode (simplest knots at the smallest $n$; re-checked exactly)',
      lines: [legend()],
      table: {
        header: ['readings', 'direction', 'zero signal', '$n$', 'columns', '$A^{[2]}$', 'rank'],
        rows: smallest.map((s) => [
          s.readings.join(', '),
          `"${s.direction}"`,
          modeText(s.mode),
          String(s.n),
          texColumns(s.columns),
          texInlineMatrix(s.cert.A2.map((r) => r.map((x) => Q.parse(x)))),
          String(s.cert.rank),
        ]),
      },
    },
    ...figureSections(smallest),
    {
      title: `The smallest counterexamples without a zero column or a repeated column (${small.length > 0 ? texRangeMath(...span(small)) : 'none in range'})`,
      lines: [legend(), '', zeroRowSentence(zeroRows)],
      table: {
        header: ['readings', 'direction', 'zero signal', '$n$', 'columns', '$A^{[2]}$', 'zero row'],
        rows: groupNontrivial(nontrivial).map((g) => [
          g.readings.join(', '),
          `"${g.c.direction}"`,
          modeText(g.c.zeroSignal),
          String(g.c.n),
          texColumns(g.c.columns),
          texInlineMatrix(g.c.A2),
          g.c.zeroRow ? 'yes' : 'no',
        ]),
      },
    },
    {
      title: `Random search (fast-check, seed ${o.seed}, ${o.runs} instances per reading and direction, zero signal dropped, arbitrary rational codes, $W^{[2]}_j = 0$ allowed)`,
      lines: [legend()],
      table: {
        header: ['reading', 'direction', 'found', 'shrunk counterexample'],
        rows: random.map((f) => [
          readingName({ id: f.reading }),
          `"${f.direction}"`,
          f.found ? 'yes' : 'no',
          f.counterexample
            ? `$n = ${f.counterexample.n}$, codes ${texTuple(f.counterexample.codes)}, $W^{[2]} = ${texVec(f.counterexample.W2)}$, $b^{[2]} = ${texVec(f.counterexample.b2)}$`
            : '-',
        ]),
      },
    },
    {
      title:
        'Re-check of the corrected one-sign statement and of the matching candidate (exhaustive grid, exact ranks)',
      lines: [
        `One sign: every multiset of $n$ knots of the grid in each direction; the statement is compared with the exact rank. Random: ${oneSignRandom.runs} instances with distinct random rational codes and random knots, ${oneSignRandom.failed ? 'a disagreement' : 'no disagreement'}. Mixed signs (for ${small.length > 0 ? texRangeMath(...span(small)) : 'no $n$ in range'}): configurations with both directions; "matching but singular" counts the counterexamples to the matching candidate.`,
      ],
      table: {
        header: [
          'zero signal',
          '$n$',
          'one-sign configurations',
          'disagreements',
          'mixed configurations',
          'mixed full rank',
          'matching but singular',
        ],
        rows: MODES.flatMap((mode) =>
          ns.map((n) => {
            const c = oneSign.find((x) => x.n === n && x.zeroSignal === mode) as OneSignCheck;
            const mx = mixed.find((x) => x.n === n && x.zeroSignal === mode);
            return [
              modeText(mode),
              String(n),
              String(c.configs),
              String(c.mismatches),
              mx ? String(mx.configs) : '-',
              mx ? String(mx.fullRank) : '-',
              mx ? String(mx.matchingButSingular) : '-',
            ];
          }),
        ),
      },
    },
    ...recordedSections(ns, runs),
  ];

  return verdictFrom(
    o,
    READINGS.map(readingName),
    {
      summary,
      readings: [...asWorded, ...variants],
      sections,
      scope: { kind: 'proved', checked: span(ns) },
    },
    { counterexample: first ? { n: first.n, zeroSignal: first.mode, ...first.cert } : null },
  );
}

/** The reason of the mixed-sign candidate, from the grid and the family M_n. */
function mixedText(mixed: readonly MixedCheck[], family: readonly { n: number; counterexample: boolean }[]): string {
  const parts: string[] = [];
  const famNs = [...new Set(family.filter((f) => f.counterexample).map((f) => f.n))];
  if (famNs.length > 0)
    parts.push(
      `fails for every $n \\ge 3$ (family $M_n$: opposite ReLUs combine into affine functions; re-checked for ${texNs(famNs)})`,
    );
  if (mixed.length === 0) parts.push(`the grid check runs for $n \\le ${SMALL_N}$ only`);
  else {
    const bad = mixed.filter((c) => c.matchingButSingular > 0).map((c) => c.n);
    const first = bad.length > 0 ? Math.min(...bad) : undefined;
    const clean = [...new Set(mixed.filter((c) => first === undefined || c.n < first).map((c) => c.n))];
    parts.push(
      `on the grid, ${clean.length > 0 ? `no counterexample for ${texNs(clean)}` : ''}${clean.length > 0 && first !== undefined ? '; ' : ''}${first !== undefined ? `the first at $n = ${first}$` : ''}`,
    );
  }
  return parts.join('; ') + '.';
}

function groupNontrivial(
  cs: readonly NontrivialCounterexample[],
): { readings: string[]; c: NontrivialCounterexample }[] {
  const byKey = new Map<string, { n: number; readings: string[]; c: NontrivialCounterexample }>();
  for (const mode of MODES) {
    for (const r of READINGS) {
      for (const dir of DIRECTIONS) {
        const c = cs
          .filter((x) => x.zeroSignal === mode && x.reading === r.id && x.direction === dir)
          .sort((a, b) => a.n - b.n)[0];
        if (!c) continue;
        const key = `${mode}|${dir}|${c.n}|${c.columns.map(texRelu).join(',')}`;
        const g = byKey.get(key);
        if (g) g.readings.push(readingName(r));
        else byKey.set(key, { n: c.n, readings: [readingName(r)], c });
      }
    }
  }
  return [...byKey.values()].sort(
    (a, b) => a.c.direction.localeCompare(b.c.direction) || a.c.zeroSignal.localeCompare(b.c.zeroSignal) || a.n - b.n,
  );
}

export const conjectureFullRank = defineClaim({
  id: 'conjecture-full-rank',
  slide: 'Set of solutions (Conjecture)',
  gist: 'A2 is full rank iff at most two rows and two columns share a zero pattern and the k_j differ.',
  statement:
    '$A^{[2]}$ is full rank if and only if at most two rows and at most two columns have zeros at identical positions and the ratios $\\lbrace \\mathbf{b}^{[2]}_j / W^{[2]}_j \\rbrace_{j=1,\\dots,n}$ are mutually different at the non zero entries.',
  reading:
    'Six readings, each a pattern part and a ratio part: zero patterns shared by at most two rows and two columns (the empty pattern excluded: share; counted: share-empty) or at most two zeros per line (per-line); ratios $k_j = b^{[2]}_j / W^{[2]}_j$ distinct among all nonzero columns (k-all) or among the columns nonzero in one row (k-row). Each "iff" is read in both directions, for the square $A^{[2]}$ (zero signal dropped) and for the slide\'s $(n + 1) \\times n$ one (kept). Variants: the "only if" with the zero signal dropped; the corrected statement for columns of one sign; a matching candidate for both signs.',
  method:
    'Each direction of each reading, in each mode, is settled for every $n$ by a theorem: three lemmas (three rows or three columns with one zero pattern, equal ratios in one row) for the "holds" part, an explicit family of matrices for the "fails" part. The check re-computes every cell exactly for $n$ in range: each family member\'s rank and condition, and the exhaustive search of the canonical grid (spacing $g = 2$, codes $z_i = i$). The one-sign statement is Schoenberg–Whitney for degree-1 B-splines, re-checked against the exact rank on the grid and at random; a seeded random search with arbitrary rational codes samples every reading.',
  defaultNMax: 4,
  maxNMax: 6,
  options: {},
  check,
});
