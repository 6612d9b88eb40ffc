import { describe, expect, it } from 'vitest';
import { rank } from '../../src/kernel/matrix.js';
import { mixedCandidateCheck, nontrivialCounterexamples, oneSignCheck } from '../../src/search/atlas-grid.js';
import { randomCorrectedCheck, randomReadingSearch } from '../../src/search/atlas-random.js';
import { interlacing } from '../../src/search/corrected.js';
import { checkCorrected } from './slow-corrected.js';
import { binom, configMatrix, configRatios, gridKnots, linearCodes, multisets } from '../../src/search/grid.js';
import { condition, evaluateParts, READINGS } from '../../src/search/readings.js';

describe('atlas-grid: the fast enumerations against the slow ones', () => {
  it.each([1, 2, 3] as const)('n = %i: one-sign and mixed counts equal the slow reference (both modes)', (n) => {
    for (const mode of ['drop', 'keep'] as const) {
      const old = checkCorrected(n, 2, mode, 3);
      const one = oneSignCheck(n, 2, mode, interlacing);
      const mixed = mixedCandidateCheck(n, 2, mode);
      expect(one.configs).toBe(old.oneSignConfigs);
      expect(one.mismatches).toBe(old.oneSignMismatches);
      expect(mixed.configs).toBe(old.mixedConfigs);
      expect(mixed.fullRank).toBe(old.mixedFullRank);
      expect(mixed.matchingButSingular).toBe(old.matchingButSingular);
    }
  });

  it('one-sign configurations: 2 multisets of n among the K grid knots, K = (m + 2) + (m + 1) g', () => {
    for (const [n, mode] of [
      [3, 'drop'],
      [2, 'keep'],
    ] as const) {
      const m = mode === 'drop' ? n : n + 1;
      const K = m + 2 + (m + 1) * 2;
      expect(oneSignCheck(n, 2, mode, interlacing).configs).toBe(2 * Number(binom(K + n - 1, n)));
    }
  });

  it.each([
    [1, 'drop'],
    [2, 'drop'],
    [2, 'keep'],
    [3, 'drop'],
  ] as const)('n = %i, zero signal %s: the first nontrivial counterexamples equal a slow enumeration', (n, mode) => {
    // Slow reference: exact rank and readings.ts on every configuration, in enumeration order.
    const codes = linearCodes(n, mode);
    const knots = gridKnots(codes, 2);
    const want = new Map<string, string>();
    for (const pick of multisets(2 * knots.length, n)) {
      const A = configMatrix(codes, knots, pick);
      const zeroCol = A[0]!.some((_, j) => A.every((r) => r[j]!.isZero()));
      if (zeroCol || new Set(pick).size < n) continue;
      const full = rank(A) === n;
      const parts = evaluateParts(A, configRatios(knots, pick));
      for (const r of READINGS) {
        const c = condition(r, parts);
        if (c === full) continue;
        const key = `${r.id}|${c ? 'if' : 'only if'}`;
        if (!want.has(key)) want.set(key, pick.join(','));
      }
    }
    const got = new Map(
      nontrivialCounterexamples(n, 2, mode).map((c) => [
        `${c.reading}|${c.direction}`,
        c.columns.map(({ s, t }) => 2 * knots.findIndex((k) => k.equals(t)) + (s === 1 ? 1 : 0)).join(','),
      ]),
    );
    expect(got).toEqual(want);
  });
});

describe('atlas-random', () => {
  it('randomReadingSearch honours nMin: every counterexample has n >= nMin', () => {
    const found = randomReadingSearch({ nMin: 3, nMax: 4, runs: 30, seed: 11 });
    expect(found).toHaveLength(2 * READINGS.length);
    for (const f of found) if (f.counterexample) expect(f.counterexample.n).toBeGreaterThanOrEqual(3);
    // The "if" of every reading fails at every n (a zero column): found even from n = 3 on.
    expect(found.filter((f) => f.direction === 'if').every((f) => f.found)).toBe(true);
  });

  it('randomCorrectedCheck: the interlacing agrees with the exact rank; "always full rank" does not', () => {
    expect(randomCorrectedCheck({ nMin: 1, nMax: 4, runs: 200, seed: 3 }).failed).toBe(false);
    const r = randomCorrectedCheck({ nMin: 2, nMax: 4, runs: 200, seed: 3 }, () => true);
    expect(r.failed).toBe(true);
    expect(r.counterexample!.knots.length).toBeGreaterThanOrEqual(2);
  });
});
