/**
 * FROZEN COPY, for the benchmark only: the result type of the engine in
 * exhaustive-v1.ts (commit d8c670b).
 *
 * Original header:
 * Results of the exhaustive search: counts per reading and direction, and
 * the first (lexicographically smallest type sequence = enumeration order)
 * and simplest counterexamples. Merging is associative and commutative, so
 * shards, workers and resumed runs all combine to the single-run result.
 */
import { READINGS } from '../../src/search/readings.js';

/** A counterexample: its column types and its simplicity key (smaller is simpler). */
export interface Found {
  types: number[];
  key: number[];
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
  /** How many leaves needed the exact fallback (rank mod p below n). */
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
export function compareArrays(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) {
    const d = (a[k] as number) - (b[k] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function better(a: Found | null, b: Found | null, by: 'first' | 'simplest'): Found | null {
  if (!a) return b;
  if (!b) return a;
  const c =
    by === 'first' ? compareArrays(a.types, b.types) : compareArrays(a.key, b.key) || compareArrays(a.types, b.types);
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

function lessThan(a: ArrayLike<number>, b: readonly number[]): boolean {
  for (let k = 0; k < a.length; k++) {
    const d = (a[k] as number) - (b[k] as number);
    if (d !== 0) return d < 0;
  }
  return false;
}

/**
 * Records one counterexample into a direction counter, copying the types
 * only when they improve the first or the simplest one (the hot path
 * allocates nothing). key = (k0, k1), compared lexicographically.
 */
export function record(d: DirectionCount, types: ArrayLike<number>, k0: number, k1: number): void {
  d.count++;
  if (!d.first || lessThan(types, d.first.types)) d.first = { types: Array.from(types), key: [k0, k1] };
  const s = d.simplest;
  if (
    !s ||
    k0 < (s.key[0] as number) ||
    (k0 === s.key[0] && (k1 < (s.key[1] as number) || (k1 === s.key[1] && lessThan(types, s.types))))
  ) {
    d.simplest = { types: Array.from(types), key: [k0, k1] };
  }
}
