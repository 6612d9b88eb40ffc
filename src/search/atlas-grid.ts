/**
 * Fast exact enumerations of the canonical grid for the conjecture's atlas
 * page (claims/conjecture-full-rank.ts), beside the reading counts of
 * exhaustive.ts:
 * - the corrected one-sign statement (corrected.ts `interlacing`, or any
 *   statement passed in) against the exact rank of every one-sign
 *   configuration;
 * - the mixed-sign matching candidate (distinct columns and a perfect
 *   matching in the support => full rank) against the exact rank;
 * - the first counterexample of every reading and direction among the
 *   configurations with no zero column and no repeated column.
 *
 * Exactness: every grid entry times the grid's common denominator D is an
 * integer of small magnitude, and multiplying a matrix by D > 0 changes
 * neither its rank nor its zero pattern, so ranks go through
 * kernel/fastrank.ts `fastRank` (exact on integer matrices: it proves its
 * float path safe or falls back). Zero patterns are bit masks of the same
 * integers. Every counterexample reported by `nontrivialSmallest` is
 * re-evaluated by readings.ts `evaluateParts` on the exact rational matrix
 * before it is returned.
 */
import { InternalError } from '../errors.js';
import { fastRank } from '../kernel/fastrank.js';
import { rank } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';
import { perfectColumnMatching } from './corrected.js';
import {
  column,
  configMatrix,
  configRatios,
  gridDenominator,
  gridKnots,
  linearCodes,
  multisets,
  typeOf,
} from './grid.js';
import { condition, evaluateParts, READINGS } from './readings.js';

/** A column ReLU(s (z - t)) of the grid. */
export interface GridColumn {
  s: 1 | -1;
  t: Q;
}

/** The grid's columns as scaled integers, with their zero masks. */
interface Table {
  n: number;
  codes: Q[];
  knots: Q[];
  m: number;
  /** Column types: 2 * knot index + (s = +1). */
  types: number;
  /** ints[type * m + i]: D times the entry at code i. */
  ints: Float64Array;
  /** Bit i set when the entry at code i is 0. */
  zmask: Int32Array;
}

function table(n: number, g: number, zeroSignal: 'keep' | 'drop'): Table {
  const codes = linearCodes(n, zeroSignal);
  const knots = gridKnots(codes, g);
  const m = codes.length;
  if (m > 30) throw new RangeError('at most 30 codes (zero masks are 32-bit)');
  const types = 2 * knots.length;
  const D = gridDenominator(codes, knots);
  const ints = new Float64Array(types * m);
  const zmask = new Int32Array(types);
  for (let ty = 0; ty < types; ty++) {
    const { s, t } = typeOf(knots, ty);
    column(codes, s, t).forEach((x, i) => {
      // D clears every denominator of the grid; the entries stay far below 2^53.
      const v = Number((x.num * D) / x.den);
      ints[ty * m + i] = v;
      if (v === 0) zmask[ty] = (zmask[ty] as number) | (1 << i);
    });
  }
  return { n, codes, knots, m, types, ints, zmask };
}

/** Scratch buffers for the rank of one configuration. */
function ranker(tab: Table): (types: readonly number[]) => number {
  const { m, n, ints } = tab;
  const buf = new Float64Array(m * n);
  const work = new Float64Array(m * n);
  return (types) => {
    types.forEach((ty, j) => {
      for (let i = 0; i < m; i++) buf[i * n + j] = ints[ty * m + i] as number;
    });
    return fastRank(buf, m, n, work);
  };
}

/** A one-sign statement: does A2 of these knots (one direction s) have rank n on these sorted codes? */
export type OneSignStatement = (codes: readonly Q[], knots: readonly Q[], s: 1 | -1) => boolean;

/** The comparison of a one-sign statement with the exact rank, for one n and zero-signal mode. */
export interface OneSignCheck {
  n: number;
  zeroSignal: 'keep' | 'drop';
  /** One-sign configurations (multisets of n knots, both directions). */
  configs: number;
  /** Configurations where the statement and the exact rank disagree. */
  mismatches: number;
  /** The first disagreement in enumeration order. */
  firstMismatch?: GridColumn[];
}

/** Compares `statement` with the exact rank on every one-sign configuration of the grid (spacing g). */
export function oneSignCheck(
  n: number,
  g: number,
  zeroSignal: 'keep' | 'drop',
  statement: OneSignStatement,
): OneSignCheck {
  const tab = table(n, g, zeroSignal);
  const rankOf = ranker(tab);
  const out: OneSignCheck = { n, zeroSignal, configs: 0, mismatches: 0 };
  const types = new Array<number>(n).fill(0);
  for (const s of [-1, 1] as const) {
    for (const pick of multisets(tab.knots.length, n)) {
      pick.forEach((k, j) => (types[j] = 2 * k + (s === 1 ? 1 : 0)));
      const ts = pick.map((k) => tab.knots[k] as Q);
      out.configs++;
      if ((rankOf(types) === n) !== statement(tab.codes, ts, s)) {
        out.mismatches++;
        out.firstMismatch ??= ts.map((t) => ({ s, t }));
      }
    }
  }
  return out;
}

/** The matching candidate for columns of both signs, for one n and zero-signal mode. */
export interface MixedCheck {
  n: number;
  zeroSignal: 'keep' | 'drop';
  /** Configurations with columns of both directions. */
  configs: number;
  fullRank: number;
  /** Distinct columns with a perfect matching in the support, yet singular: counterexamples to the candidate. */
  matchingButSingular: number;
  first?: GridColumn[];
}

/** Checks the matching candidate on every mixed-sign configuration of the grid. */
export function mixedCandidateCheck(n: number, g: number, zeroSignal: 'keep' | 'drop'): MixedCheck {
  const tab = table(n, g, zeroSignal);
  const rankOf = ranker(tab);
  const out: MixedCheck = { n, zeroSignal, configs: 0, fullRank: 0, matchingButSingular: 0 };
  for (const pick of multisets(tab.types, n)) {
    const up = pick.filter((ty) => ty % 2 === 1).length;
    if (up === 0 || up === n) continue;
    out.configs++;
    if (rankOf(pick) === n) {
      out.fullRank++;
      continue;
    }
    if (new Set(pick).size < n) continue;
    // Rare (singular, distinct): the matching is decided on the exact matrix.
    if (perfectColumnMatching(configMatrix(tab.codes, tab.knots, pick))) {
      out.matchingButSingular++;
      out.first ??= pick.map((ty) => typeOf(tab.knots, ty));
    }
  }
  return out;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

function maxMultiplicity(keys: readonly number[], skip?: number): number {
  const counts = new Map<number, number>();
  for (const k of keys) if (k !== skip) counts.set(k, (counts.get(k) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/** The parts of readings.ts on a grid configuration, from zero masks and knot indices (see readings.ts). */
function partsFast(tab: Table, pick: readonly number[]): Record<string, boolean> {
  const { m, zmask } = tab;
  const n = pick.length;
  const colKeys = pick.map((ty) => zmask[ty] as number);
  const rowKeys = Array.from({ length: m }, (_, i) =>
    colKeys.reduce((acc, mask, j) => (mask & (1 << i) ? acc | (1 << j) : acc), 0),
  );
  const full = (1 << m) - 1; // m <= 30
  const share = maxMultiplicity(rowKeys, 0) <= 2 && maxMultiplicity(colKeys, 0) <= 2;
  const shareEmpty = maxMultiplicity(rowKeys) <= 2 && maxMultiplicity(colKeys) <= 2;
  const perLine = rowKeys.every((k) => popcount(k) <= 2) && colKeys.every((k) => popcount(k) <= 2);
  // k_j = -t_j: equal ratios are equal knot indices.
  const distinct = (cols: number[]) => new Set(cols.map((j) => (pick[j] as number) >> 1)).size === cols.length;
  const all = Array.from({ length: n }, (_, j) => j);
  const kAll = distinct(all.filter((j) => colKeys[j] !== full));
  const kRow = Array.from({ length: m }, (_, i) => i).every((i) =>
    distinct(all.filter((j) => !((colKeys[j] as number) & (1 << i)))),
  );
  return { share, 'share+empty': shareEmpty, 'per-line': perLine, 'k-all': kAll, 'k-row': kRow };
}

/** A counterexample with no zero column and no repeated column. */
export interface NontrivialCounterexample {
  /** readings.ts id. */
  reading: string;
  direction: 'if' | 'only if';
  zeroSignal: 'keep' | 'drop';
  n: number;
  codes: Q[];
  columns: GridColumn[];
  /** Exact A2. */
  A2: Q[][];
  /** Whether A2 has a zero row (a singular matrix whose pattern part may still hold). */
  zeroRow: boolean;
}

/**
 * The first counterexample in enumeration order of every reading and
 * direction at this n, among the configurations with no zero column and
 * no two equal columns; each re-checked exactly.
 */
export function nontrivialCounterexamples(
  n: number,
  g: number,
  zeroSignal: 'keep' | 'drop',
): NontrivialCounterexample[] {
  const tab = table(n, g, zeroSignal);
  const rankOf = ranker(tab);
  const full = (1 << tab.m) - 1;
  const found = new Map<string, number[]>();
  const wanted = READINGS.length * 2;
  for (const pick of multisets(tab.types, n)) {
    if (found.size === wanted) break;
    if (pick.some((ty, j) => tab.zmask[ty] === full || (j > 0 && pick[j - 1] === ty))) continue;
    const isFull = rankOf(pick) === n;
    const parts = partsFast(tab, pick);
    for (const r of READINGS) {
      const cond = (parts[r.pattern] as boolean) && (parts[r.ratio] as boolean);
      if (cond === isFull) continue;
      const key = `${r.id}|${cond ? 'if' : 'only if'}`;
      if (!found.has(key)) found.set(key, pick.slice());
    }
  }
  const out: NontrivialCounterexample[] = [];
  for (const r of READINGS) {
    for (const direction of ['if', 'only if'] as const) {
      const pick = found.get(`${r.id}|${direction}`);
      if (!pick) continue;
      const A2 = configMatrix(tab.codes, tab.knots, pick);
      const cond = condition(r, evaluateParts(A2, configRatios(tab.knots, pick)));
      const isFull = rank(A2) === n;
      if (!(direction === 'if' ? cond && !isFull : !cond && isFull))
        throw new InternalError(`nontrivial ${direction} counterexample for ${r.id} does not re-check`);
      out.push({
        reading: r.id,
        direction,
        zeroSignal,
        n,
        codes: tab.codes,
        columns: pick.map((ty) => typeOf(tab.knots, ty)),
        A2,
        zeroRow: A2.some((row) => row.every((x) => x.isZero())),
      });
    }
  }
  return out;
}
