/**
 * A corrected statement, for the sub-case where every W2_j has the same
 * sign (all columns decreasing, ReLU(t_j - z), or all increasing,
 * ReLU(z - t_j)). A2's columns are then truncated powers of degree 1,
 * whose kernel is totally positive; the Schoenberg–Whitney theorem for
 * such collocation matrices gives:
 *
 *   A2 (codes z_1 < ... < z_m, n columns) has rank n iff the knots are
 *   pairwise distinct and, sorted t_(1) < ... < t_(n), some n of the codes,
 *   y_1 < ... < y_n, satisfy y_k < t_(k) < y_(k+2) for every k (no upper
 *   limit when k + 2 > n) for decreasing columns; mirrored for increasing.
 *
 * The upper limit says that at most two knots may lie beyond a code: the
 * columns (t - z)_+ with t above every remaining code are affine there, and
 * affine functions span only two dimensions. The
 * statement is checked here exhaustively on the grid and at random, with
 * exact ranks. For mixed signs, the natural candidate "distinct columns and
 * a perfect matching in the support graph" is only necessary; the search
 * counts where it fails.
 */
import fc from 'fast-check';
import { fastRankQ } from '../kernel/fastrank.js';
import { type Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { column, gridKnots, linearCodes, multisets } from './grid.js';

/**
 * The Schoenberg–Whitney condition for n one-sign columns on the square
 * system of codes `rows` (sorted): distinct knots and, knots sorted,
 * z_k < t_(k) < z_(k+2) for decreasing columns (k + 2 > n: no upper limit),
 * mirrored for increasing ones.
 */
function interlacingSquare(rows: readonly Q[], t: readonly Q[], s: 1 | -1): boolean {
  const n = t.length;
  if (s === 1) {
    // ReLU(z - t) at z is ReLU((-t) - (-z)): reflect both and reuse the decreasing case.
    const r = rows.map((z) => z.neg()).reverse();
    const u = t.map((x) => x.neg()).reverse();
    return interlacingSquare(r, u, -1);
  }
  for (let k = 0; k < n; k++) {
    if (!(rows[k] as Q).lt(t[k] as Q)) return false;
    if (k + 2 < n && !(t[k] as Q).lt(rows[k + 2] as Q)) return false;
  }
  return true;
}

/**
 * The corrected statement for one-sign columns: A2 has rank n iff the knots
 * are distinct and some n of the m codes satisfy the Schoenberg–Whitney
 * condition z_(k) < t_(k) < z_(k+2) (decreasing columns; mirrored for increasing).
 */
export function interlacing(codes: readonly Q[], knots: readonly Q[], s: 1 | -1): boolean {
  const t = [...knots].sort((a, b) => a.cmp(b));
  for (let k = 1; k < t.length; k++) if ((t[k] as Q).equals(t[k - 1] as Q)) return false;
  const n = t.length;
  const m = codes.length;
  if (m < n) return false;
  // Try every choice of n rows (m - n is 0 or 1 in the deck's settings).
  const choose = (start: number, picked: Q[]): boolean => {
    if (picked.length === n) return interlacingSquare(picked, t, s);
    for (let i = start; i <= m - (n - picked.length); i++) {
      if (choose(i + 1, [...picked, codes[i] as Q])) return true;
    }
    return false;
  };
  return choose(0, []);
}

/** Whether the support graph (rows x columns, edge where A_ij != 0) matches every column. */
export function perfectColumnMatching(A: Mat): boolean {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const rowOf = new Array<number>(m).fill(-1);
  const tryCol = (j: number, seen: boolean[]): boolean => {
    for (let i = 0; i < m; i++) {
      if ((A[i]?.[j] as Q).isZero() || seen[i]) continue;
      seen[i] = true;
      if (rowOf[i] === -1 || tryCol(rowOf[i] as number, seen)) {
        rowOf[i] = j;
        return true;
      }
    }
    return false;
  };
  for (let j = 0; j < n; j++) if (!tryCol(j, new Array<boolean>(m).fill(false))) return false;
  return true;
}

function matrixOf(codes: readonly Q[], cols: { s: 1 | -1; t: Q }[]): Mat {
  const c = cols.map(({ s, t }) => column(codes, s, t));
  return codes.map((_, i) => c.map((col) => col[i] as Q));
}

/** Results of the checks of the corrected statement for one n. */
export interface CorrectedCheck {
  n: number;
  zeroSignal: 'keep' | 'drop';
  oneSignConfigs: number;
  oneSignMismatches: number;
  mixedConfigs: number;
  mixedFullRank: number;
  /** Configurations that satisfy the matching candidate but are singular. */
  matchingButSingular: number;
  firstMatchingButSingular?: string;
}

/** Exhaustive check on the canonical grid (g) for n columns. */
export function checkCorrected(n: number, g: number, zeroSignal: 'keep' | 'drop', mixedLimit = 5): CorrectedCheck {
  const codes = linearCodes(n, zeroSignal);
  const knots = gridKnots(codes, g);
  const res: CorrectedCheck = {
    n,
    zeroSignal,
    oneSignConfigs: 0,
    oneSignMismatches: 0,
    mixedConfigs: 0,
    mixedFullRank: 0,
    matchingButSingular: 0,
  };
  // One sign: multisets of n knots per direction.
  for (const s of [-1, 1] as const) {
    for (const pick of multisets(knots.length, n)) {
      const ts = pick.map((k) => knots[k] as Q);
      const full =
        fastRankQ(
          matrixOf(
            codes,
            ts.map((t) => ({ s, t })),
          ),
        ) === n;
      res.oneSignConfigs++;
      if (full !== interlacing(codes, ts, s)) res.oneSignMismatches++;
    }
  }
  if (n > mixedLimit) return res;
  // Mixed signs: the matching candidate.
  for (const pick of multisets(2 * knots.length, n)) {
    const dirs = pick.map((ty) => (ty % 2 === 1 ? 1 : -1));
    if (dirs.every((d) => d === dirs[0])) continue;
    res.mixedConfigs++;
    const cols = pick.map((ty) => ({ s: (ty % 2 === 1 ? 1 : -1) as 1 | -1, t: knots[ty >> 1] as Q }));
    const A = matrixOf(codes, cols);
    const full = fastRankQ(A) === n;
    if (full) res.mixedFullRank++;
    const distinct = new Set(pick).size === pick.length;
    if (distinct && perfectColumnMatching(A) && !full) {
      res.matchingButSingular++;
      res.firstMatchingButSingular ??= cols
        .map((c) => (c.s === 1 ? `ReLU(z - ${c.t})` : `ReLU(${c.t} - z)`))
        .join(', ');
    }
  }
  return res;
}

/** Random check of the one-sign statement with arbitrary rational codes and knots (fast-check, seeded). */
export function randomCheckCorrected(
  nMax: number,
  runs: number,
  seed: number,
): { runs: number; failed: boolean; counterexample?: unknown } {
  const q = fc
    .tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: 1, max: 4 }))
    .map(([a, b]) => Q.of(BigInt(a), BigInt(b)));
  const arb = fc
    .integer({ min: 1, max: nMax })
    .chain((n) =>
      fc.tuple(
        fc.uniqueArray(q, { minLength: n, maxLength: n + 1, comparator: (a, b) => a.equals(b) }),
        fc.array(q, { minLength: n, maxLength: n }),
        fc.constantFrom<1 | -1>(1, -1),
      ),
    );
  const details = fc.check(
    fc.property(arb, ([zs, ts, s]) => {
      const codes = [...zs].sort((a, b) => a.cmp(b));
      const full =
        fastRankQ(
          matrixOf(
            codes,
            ts.map((t) => ({ s, t })),
          ),
        ) === ts.length;
      return full === interlacing(codes, ts, s);
    }),
    { seed, numRuns: runs },
  );
  return { runs, failed: details.failed, counterexample: details.counterexample ?? undefined };
}
