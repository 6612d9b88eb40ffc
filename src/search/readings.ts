/**
 * The readings of the deck's conjecture as named predicates on an exact
 * layer-2 matrix A2 (rows: codes, columns: neurons) and its ratios
 * k_j = b2_j / W2_j (undefined where W2_j = 0):
 *
 *   "A2 is full rank iff at most two rows and at most two columns have zeros
 *    at identical positions and the ratios {b_j / W_j} are mutually different
 *    at the non zero entries."
 *
 * Pattern parts (the zero pattern of a line is the set of positions of its zeros):
 *   share:     no nonempty zero pattern is shared by more than two rows, nor by more than two columns;
 *   share+empty: the same, the empty pattern (a line without zeros) counted as a pattern too;
 *   per-line:  every row and every column has at most two zeros.
 * Ratio parts:
 *   k-all:     the k_j of the columns that are not identically zero are pairwise different;
 *   k-row:     in every row, the columns nonzero there have pairwise different k_j.
 * This file is the slow, obviously-correct evaluation; the exhaustive search
 * computes the same predicates incrementally and every counterexample it
 * reports is re-evaluated here.
 */
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';

export type PatternPart = 'share' | 'share+empty' | 'per-line';
export type RatioPart = 'k-all' | 'k-row';

/** A named reading: pattern part and ratio part. */
export interface Reading {
  id: string;
  pattern: PatternPart;
  ratio: RatioPart;
  definition: string;
}

const PATTERN_TEXT: Record<PatternPart, string> = {
  share: 'no nonempty zero pattern is shared by more than 2 rows or by more than 2 columns',
  'share+empty': 'no zero pattern, the empty one included, is shared by more than 2 rows or by more than 2 columns',
  'per-line': 'every row and every column of A2 has at most 2 zeros',
};

const RATIO_TEXT: Record<RatioPart, string> = {
  'k-all': 'the ratios k_j = b2_j/W2_j of the columns that are not identically zero are pairwise different',
  'k-row': 'in every row, the columns with a nonzero entry there have pairwise different k_j',
};

/** All readings, in a fixed order (their index is used by the search's counters). */
export const READINGS: readonly Reading[] = (['share', 'share+empty', 'per-line'] as const).flatMap((pattern) =>
  (['k-all', 'k-row'] as const).map((ratio) => ({
    id: `${pattern}/${ratio}`,
    pattern,
    ratio,
    definition: `${PATTERN_TEXT[pattern]}; and ${RATIO_TEXT[ratio]}`,
  })),
);

/** The parts of the condition, evaluated directly on an exact matrix. */
export interface Parts {
  share: boolean;
  'share+empty': boolean;
  'per-line': boolean;
  'k-all': boolean;
  'k-row': boolean;
}

function maxMultiplicity(keys: string[], skip?: string): number {
  const counts = new Map<string, number>();
  for (const k of keys) if (k !== skip) counts.set(k, (counts.get(k) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/** Evaluates every part of the condition on A2 and its ratios (undefined: W2_j = 0). */
export function evaluateParts(A: Mat, ks: readonly (Q | undefined)[]): Parts {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const rowKeys = A.map((r) => r.map((x) => (x.isZero() ? '1' : '0')).join(''));
  const colKeys = Array.from({ length: n }, (_, j) => A.map((r) => ((r[j] as Q).isZero() ? '1' : '0')).join(''));
  const emptyRow = '0'.repeat(n);
  const emptyCol = '0'.repeat(m);
  const share = maxMultiplicity(rowKeys, emptyRow) <= 2 && maxMultiplicity(colKeys, emptyCol) <= 2;
  const shareEmpty = maxMultiplicity(rowKeys) <= 2 && maxMultiplicity(colKeys) <= 2;
  const zerosIn = (key: string) => [...key].filter((c) => c === '1').length;
  const perLine = rowKeys.every((k) => zerosIn(k) <= 2) && colKeys.every((k) => zerosIn(k) <= 2);
  const nonzeroCol = colKeys.map((k) => k !== '1'.repeat(m));
  const distinct = (cols: number[]) => {
    const seen: Q[] = [];
    for (const j of cols) {
      const k = ks[j];
      if (k === undefined) continue;
      if (seen.some((s) => s.equals(k))) return false;
      seen.push(k);
    }
    return true;
  };
  const kAll = distinct(Array.from({ length: n }, (_, j) => j).filter((j) => nonzeroCol[j]));
  const kRow = A.every((r) => distinct(Array.from({ length: n }, (_, j) => j).filter((j) => !(r[j] as Q).isZero())));
  return { share, 'share+empty': shareEmpty, 'per-line': perLine, 'k-all': kAll, 'k-row': kRow };
}

/** The condition of a reading. */
export function condition(r: Reading, p: Parts): boolean {
  return p[r.pattern] && p[r.ratio];
}
