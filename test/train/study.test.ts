/**
 * The study of a session: Wilson intervals, the side of 1/2 decided in
 * integers, and the outcome counts of hand-made report sets.
 */
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/train/compare.js';
import type { SeedReport } from '../../src/train/session.js';
import { firstBelow, proportion, sideOfHalf, studyOf, wilson, Z95 } from '../../src/train/study.js';
import type { TrainResult } from '../../src/train/train.js';

describe('wilson', () => {
  // Source: R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17 (1998), Table II, method 3 (score interval, no correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i gives [%f, %f]', (k, m, lo, hi) => {
    const [a, b] = wilson(k, m);
    expect(a).toBeCloseTo(lo, 4);
    expect(b).toBeCloseTo(hi, 4);
  });

  it('each end solves the score equation (k/m - p)^2 = z^2 p (1 - p) / m, and the interval is symmetric', () => {
    for (let m = 1; m <= 60; m++)
      for (let k = 0; k <= m; k++) {
        const [lo, hi] = wilson(k, m);
        for (const p of [lo, hi]) {
          if (p === 0 || p === 1) continue; // clamped: k = 0 or k = m
          const lhs = (k / m - p) ** 2;
          const rhs = (Z95 * Z95 * p * (1 - p)) / m;
          expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12);
        }
        const [lo2, hi2] = wilson(m - k, m);
        expect(lo2).toBeCloseTo(1 - hi, 12);
        expect(hi2).toBeCloseTo(1 - lo, 12);
      }
  });

  it('an empty sample gives [0, 1]', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
  });
});

describe('sideOfHalf', () => {
  it('agrees with the interval ends for every k of m <= 400', () => {
    for (let m = 0; m <= 400; m++)
      for (let k = 0; k <= m; k++) {
        const [lo, hi] = wilson(k, m);
        const expected = lo > 0.5 ? 'above' : hi < 0.5 ? 'below' : 'undecided';
        expect(sideOfHalf(k, m), `${k} of ${m}`).toBe(expected);
      }
  });

  // By hand from (2k - m)^2 > z^2 m with z^2 = 3.8415: m = 10 decides k >= 9 (64 > 38.4) and k <= 1;
  // m = 32 decides k >= 22 (144 > 122.9) and k <= 10; m = 100 decides k >= 60 (400 > 384.1) and k <= 40;
  // three runs never decide (9 < 11.5).
  it.each([
    [9, 10, 'above'],
    [8, 10, 'undecided'],
    [1, 10, 'below'],
    [2, 10, 'undecided'],
    [22, 32, 'above'],
    [21, 32, 'undecided'],
    [10, 32, 'below'],
    [11, 32, 'undecided'],
    [60, 100, 'above'],
    [59, 100, 'undecided'],
    [40, 100, 'below'],
    [41, 100, 'undecided'],
    [3, 3, 'undecided'],
    [0, 3, 'undecided'],
    [4, 4, 'above'],
    [0, 0, 'undecided'],
  ])('%i of %i is %s', (k, m, side) => {
    expect(sideOfHalf(k, m)).toBe(side);
    expect(proportion(k, m).side).toBe(side);
  });
});

/** A hand-made run: what the study reads of a report, everything else neutral. */
function report(
  seed: number,
  o: {
    mse: number;
    linear?: boolean;
    exact?: boolean;
    monotone?: boolean;
    stuck?: number;
    rank?: number;
    curve?: [number, number][];
    diverged?: number;
  },
): SeedReport {
  const n = 3;
  const result: TrainResult = {
    seed,
    engine: 'js',
    epochs: 100,
    interrupted: false,
    ...(o.diverged === undefined ? {} : { diverged: { epoch: o.diverged, what: 'loss', loss: NaN } }),
    initialLoss: 0.3,
    finalLoss: o.mse,
    curve: o.curve ?? [
      [0, 0.3],
      [100, o.mse],
    ],
    params: new Float32Array(0),
    codes: Array.from({ length: n + 1 }, (_, i) => i),
    seconds: 0,
  };
  const comparison: Comparison = {
    finalMse: o.mse,
    r2: o.linear ? 1 : 0.5,
    exactLinear: o.exact ?? false,
    linear: o.linear ?? false,
    monotone: o.monotone ?? false,
    minGap: 0.1,
    ...(o.stuck === undefined ? {} : { stuck: o.stuck, rankA2: o.rank, rankA2Signals: o.rank }),
  };
  return { seed, result, comparison };
}

describe('studyOf on hand-made runs', () => {
  // Six runs, counted by hand:
  // - reconstructs (MSE < 1e-5): seeds 1, 2 (seed 6 is below 1e-5 but diverged): 2 of 6;
  // - MSE < 1e-3: seeds 1, 2, 3, 4 (5e-4 and 9.99e-4): 4 of 6;
  // - linear: seeds 1, 3, 6: 3 of 6; among those that reconstruct (1, 2): seed 1, so 1 of 2;
  // - monotone: seeds 1, 2: 2 of 6; stuck > 0: seeds 3, 4, 5: 3 of 6; rank 3 = n: seeds 1, 2: 2 of 6;
  // - diverged: seed 6: 1 of 6.
  const runs = [
    report(1, { mse: 1e-7, linear: true, exact: true, monotone: true, stuck: 0, rank: 3 }),
    report(2, { mse: 9.9e-6, monotone: true, stuck: 0, rank: 3 }),
    report(3, { mse: 5e-4, linear: true, stuck: 1, rank: 2 }),
    report(4, { mse: 9.99e-4, stuck: 2, rank: 2 }),
    report(5, { mse: 0.25, stuck: 18, rank: 1 }),
    report(6, { mse: 1e-9, linear: true, stuck: 0, rank: 2, diverged: 40 }),
  ];
  const study = studyOf(runs);
  const count = (key: string) => study.rows.find((r) => r.key === key)?.proportion;

  it.each([
    ['reconstructs', 2, 6],
    ['mse-below-1e-3', 4, 6],
    ['linear', 3, 6],
    ['linear-among-reconstructing', 1, 2],
    ['monotone', 2, 6],
    ['stuck', 3, 6],
    ['full-rank', 2, 6],
    ['diverged', 1, 6],
  ])('%s: %i of %i', (key, k, m) => {
    const p = count(key);
    expect(p && [p.count, p.of]).toEqual([k, m]);
    const [lo, hi] = wilson(k, m);
    expect([p?.low, p?.high]).toEqual([lo, hi]);
  });

  it('when no run reconstructs then linearity among them has an empty sample, undecided', () => {
    const s = studyOf([report(1, { mse: 0.1, linear: true }), report(2, { mse: 0.2 })]);
    const p = s.rows.find((r) => r.key === 'linear-among-reconstructing')?.proportion;
    expect(p).toEqual({ count: 0, of: 0, low: 0, high: 1, side: 'undecided' });
  });

  it('the sigmoid decoder has no stuck or rank rows, and no diverged row when none diverged', () => {
    const s = studyOf([report(1, { mse: 1e-8 })]);
    expect(s.rows.map((r) => r.key)).toEqual([
      'reconstructs',
      'mse-below-1e-3',
      'linear',
      'linear-among-reconstructing',
      'monotone',
    ]);
  });

  it('the facts carry the first logged epoch below the deck epsilon and the settling epoch', () => {
    const curve: [number, number][] = [
      [0, 0.3],
      [10, 2e-5],
      [20, 9e-6],
      [30, 5e-6],
      [40, 5e-6],
    ];
    const s = studyOf([report(1, { mse: 5e-6, curve })]);
    expect(s.facts[0]?.reached).toBe(20);
    expect(firstBelow(curve, 1e-5)).toBe(20);
    expect(firstBelow(curve, 1e-6)).toBeUndefined();
    // From the end: 5e-6 at 40 and 30 are within 1e-6 of the final 5e-6, 9e-6 at 20 is 4e-6 away: 30.
    expect(s.facts[0]?.settled).toBe(30);
  });
});
