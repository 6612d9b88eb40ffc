/**
 * The slow reference for the one-sign and mixed-sign grid checks of
 * src/search/atlas-grid.ts: every multiset of the canonical grid, one exact
 * rank each, written as plainly as possible (it was the claim's own check
 * before the faster enumeration replaced it).
 */
import type { Mat } from '../../src/kernel/matrix.js';
import { fastRankQ } from '../../src/kernel/fastrank.js';
import { Q } from '../../src/kernel/rational.js';
import { interlacing, perfectColumnMatching } from '../../src/search/corrected.js';
import { column, gridKnots, linearCodes, multisets } from '../../src/search/grid.js';

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
