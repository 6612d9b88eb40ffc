/**
 * Explicit families of layer-2 matrices, one member per n, that decide each
 * direction of the conjecture's readings for every n. The atlas page of
 * conjecture-full-rank proves what each family does for every n; the claim
 * re-checks each member exactly for the n it covers.
 *
 * Codes are z_i = i (i = 1..m, m = n with the zero signal dropped, n + 1
 * kept). A column is ReLU(s (z - t)): W2_j = s, b2_j = -s t, k_j = -t.
 *
 * - Z_n (n >= 1): ReLU(j + 1/2 - z) for j < n, and the zero column ReLU(-z);
 * - P_n (n >= 1): Z_1; ReLU(z - 2), ReLU(z - 5/2) for n = 2; L_n = ReLU(z + j), j = 1..n, for n >= 3;
 * - K_n (n >= 2): ReLU(j + 1/2 - z) for j < n, and ReLU(z - n + 1/2);
 * - T_n (n >= 1, dropped): the deck's triangular A2, ReLU(j + 1/2 - z) for j = 1..n;
 * - G_n (n >= 2, kept): ReLU(j + 1/2 - z) for j <= n - 2, ReLU(z), ReLU(n + 2 - z);
 * - M_n (n >= 3): ReLU(j + 1/2 - z) for j <= n - 3, ReLU(z), ReLU(z - 1/3), ReLU(z_m - z).
 */
import { type Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import type { GridColumn } from './atlas-grid.js';
import { column, linearCodes } from './grid.js';

/** The families' names. */
export type FamilyId = 'Z' | 'P' | 'K' | 'T' | 'G' | 'M';

export const FAMILY_IDS: readonly FamilyId[] = ['Z', 'P', 'K', 'T', 'G', 'M'];

const HALF = Q.of(1n, 2n);

/** ReLU(j + 1/2 - z) for j = 1..count. */
function staircase(count: number): GridColumn[] {
  return Array.from({ length: Math.max(0, count) }, (_, k) => ({ s: -1 as const, t: Q.int(k + 1).add(HALF) }));
}

/**
 * The columns of family `id` at n in a zero-signal mode, or undefined where
 * the family is not defined (n too small, or the mode it is not made for).
 */
export function familyColumns(id: FamilyId, n: number, zeroSignal: 'keep' | 'drop'): GridColumn[] | undefined {
  if (!Number.isInteger(n) || n < 1) return undefined;
  const m = zeroSignal === 'keep' ? n + 1 : n;
  switch (id) {
    case 'Z':
      return [...staircase(n - 1), { s: -1, t: Q.ZERO }];
    case 'P':
      if (n === 1) return [{ s: -1, t: Q.ZERO }];
      if (n === 2)
        return [
          { s: 1, t: Q.int(2) },
          { s: 1, t: Q.of(5n, 2n) },
        ];
      return Array.from({ length: n }, (_, k) => ({ s: 1 as const, t: Q.int(-(k + 1)) }));
    case 'K':
      return n < 2 ? undefined : [...staircase(n - 1), { s: 1, t: Q.int(n).sub(HALF) }];
    case 'T':
      return zeroSignal === 'drop' ? staircase(n) : undefined;
    case 'G':
      return zeroSignal === 'keep' && n >= 2
        ? [...staircase(n - 2), { s: 1, t: Q.ZERO }, { s: -1, t: Q.int(n + 2) }]
        : undefined;
    case 'M':
      return n < 3
        ? undefined
        : [...staircase(n - 3), { s: 1, t: Q.ZERO }, { s: 1, t: Q.of(1n, 3n) }, { s: -1, t: Q.int(m) }];
  }
}

/** The codes of the families: 1..m. */
export function familyCodes(n: number, zeroSignal: 'keep' | 'drop'): Q[] {
  return linearCodes(n, zeroSignal);
}

/** The exact A2 of columns over codes (rows: codes). */
export function columnsMatrix(codes: readonly Q[], cols: readonly GridColumn[]): Mat {
  const c = cols.map(({ s, t }) => column(codes, s, t));
  return codes.map((_, i) => c.map((col) => col[i] as Q));
}

/** k_j = b2_j / W2_j = -t_j of each column. */
export function columnRatios(cols: readonly GridColumn[]): Q[] {
  return cols.map(({ t }) => t.neg());
}
