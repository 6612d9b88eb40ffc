/**
 * Results of the exhaustive search: counts per reading and direction, and
 * the first (lexicographically smallest type sequence = enumeration order)
 * and simplest counterexamples. Merging is associative and commutative, so
 * shards, workers and resumed runs all combine to the single-run result.
 */
import { READINGS } from './readings.js';

/**
 * A counterexample: its column types and its simplicity key (smaller is
 * simpler): the sum of the knots' denominators, then the sum of the
 * absolute values of their numerators, exact integers written in decimal
 * (a knot's denominator can exceed 2^53: codes 1e-17 give 10^17).
 */
export interface Found {
  types: number[];
  key: [string, string];
}

export interface DirectionCount {
  count: number;
  first: Found | null;
  simplest: Found | null;
}

export interface ReadingCount {
  id: string;
  /** Configurations where the reading's condition holds. */
  condition: number;
  /** "if": condition holds but A2 is not full rank. */
  ifFails: DirectionCount;
  /** "only if": A2 is full rank but the condition fails. */
  onlyIfFails: DirectionCount;
}

export interface SearchCounts {
  total: number;
  fullRank: number;
  /** How many exact decisions the rank needed beyond the walk's prime (an engine statistic, not a result). */
  exactChecks: number;
  readings: ReadingCount[];
}

export function emptyCounts(): SearchCounts {
  return {
    total: 0,
    fullRank: 0,
    exactChecks: 0,
    readings: READINGS.map((r) => ({
      id: r.id,
      condition: 0,
      ifFails: { count: 0, first: null, simplest: null },
      onlyIfFails: { count: 0, first: null, simplest: null },
    })),
  };
}

/** Lexicographic comparison of number arrays. */
export function compareArrays(a: ArrayLike<number>, b: ArrayLike<number>): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const d = (a[k] as number) - (b[k] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Compares simplicity keys exactly (as integers). */
export function compareKeys(a: readonly [string, string], b: readonly [string, string]): number {
  for (let k = 0; k < 2; k++) {
    const x = BigInt(a[k] as string);
    const y = BigInt(b[k] as string);
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** The better of two counterexamples: the first in enumeration order, or the simplest (ties: the first). */
export function better(a: Found | null, b: Found | null, by: 'first' | 'simplest'): Found | null {
  if (!a) return b;
  if (!b) return a;
  const c =
    by === 'first' ? compareArrays(a.types, b.types) : compareKeys(a.key, b.key) || compareArrays(a.types, b.types);
  return c <= 0 ? a : b;
}

function mergeDirection(a: DirectionCount, b: DirectionCount): DirectionCount {
  return {
    count: a.count + b.count,
    first: better(a.first, b.first, 'first'),
    simplest: better(a.simplest, b.simplest, 'simplest'),
  };
}

/** a + b (new object). */
export function mergeCounts(a: SearchCounts, b: SearchCounts): SearchCounts {
  return {
    total: a.total + b.total,
    fullRank: a.fullRank + b.fullRank,
    exactChecks: a.exactChecks + b.exactChecks,
    readings: a.readings.map((r, k) => {
      const s = b.readings[k] as ReadingCount;
      return {
        id: r.id,
        condition: r.condition + s.condition,
        ifFails: mergeDirection(r.ifFails, s.ifFails),
        onlyIfFails: mergeDirection(r.onlyIfFails, s.onlyIfFails),
      };
    }),
  };
}
