/**
 * A study of a training session: what its runs show, as counts over seeds,
 * each with its 95% Wilson score interval, so that a statement about
 * training carries its uncertainty. Shared by `verify train --seeds K`
 * (text and JSON) and the training claims, which decide their hypotheses
 * from these intervals (`sideOfHalf`), never from a point estimate.
 *
 * The outcomes of a run, each a property of its final weights:
 * - reconstructs: final float32 MSE < 1e-5, the deck's epsilon (the only
 *   threshold the deck gives, for its handcrafted sigmoid decoder);
 * - MSE < 1e-3, a looser threshold;
 * - code linear: exactly affine in i (compare.ts `exactlyLinear`) or
 *   R^2 > 0.999; also among the runs that reconstruct, since a run that
 *   does not reconstruct says little about the codes training finds;
 * - code strictly monotone;
 * - stuck outputs present, rank A2 = n on signals 1..n (two-layer models);
 * - diverged (a non-finite loss or parameter; train.ts `Divergence`).
 * A diverged run neither reconstructs nor has MSE < 1e-3 (its final state
 * is not finite); its code outcomes are those of its last finite weights.
 */
import { LINEAR_R2, SETTLED_TOL, settledEpoch } from './compare.js';
import type { SeedReport } from './session.js';

/** The deck's epsilon: a run reconstructs when its final MSE is below it. */
export const DECK_EPS = 1e-5;
/** The looser MSE threshold reported beside the deck's. */
export const NEAR_MSE = 1e-3;
/** The 97.5% quantile of the standard normal distribution: the z of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * The 95% Wilson score interval of a proportion k/m: the p with
 * (k/m - p)^2 <= z^2 p (1 - p) / m.
 * @returns [low, high]; [0, 1] when m = 0 (an empty sample says nothing)
 */
export function wilson(k: number, m: number): [number, number] {
  if (m === 0) return [0, 1];
  const z = Z95;
  const p = k / m;
  const d = 1 + (z * z) / m;
  const centre = (p + (z * z) / (2 * m)) / d;
  const half = (z / d) * Math.sqrt((p * (1 - p)) / m + (z * z) / (4 * m * m));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Where a proportion's 95% Wilson interval lies against 1/2. */
export type Side = 'above' | 'below' | 'undecided';

/**
 * Whether the 95% Wilson interval of k/m lies above 1/2, below it, or
 * contains it. 1/2 is outside the interval iff (k/m - 1/2)^2 > z^2/(4m),
 * that is (2k - m)^2 > z^2 m: above when moreover 2k > m, below when
 * 2k < m. Decided in integers against z^2 m, not from the rounded ends of
 * `wilson`: for m <= 10 000 (the most seeds stepae runs) z^2 m is at least
 * 7e-5 from every integer, far beyond the float rounding of the product
 * (about 1e-11), so the comparison is exact. An empty sample is undecided.
 */
export function sideOfHalf(k: number, m: number): Side {
  const d = 2 * k - m;
  if (d === 0 || d * d <= Z95 * Z95 * m) return 'undecided';
  return d > 0 ? 'above' : 'below';
}

/** A count of runs with its 95% Wilson interval and its side of 1/2. */
export interface Proportion {
  count: number;
  of: number;
  low: number;
  high: number;
  side: Side;
}

export function proportion(count: number, of: number): Proportion {
  const [low, high] = wilson(count, of);
  return { count, of, low, high, side: sideOfHalf(count, of) };
}

/** What one run shows, in the study's terms. */
export interface RunFacts {
  seed: number;
  /** The epochs behind the final weights (for a diverged run, its last finite epoch). */
  epochs: number;
  finalMse: number;
  /** The epoch where the run diverged, if it did. */
  diverged?: number;
  reconstructs: boolean;
  nearMse: boolean;
  linear: boolean;
  monotone: boolean;
  /** Two-layer models only. */
  stuck?: boolean;
  /** Two-layer models only: rank A2 = n on signals 1..n. */
  fullRank?: boolean;
  /** The first logged epoch from which the MSE stays within SETTLED_TOL of its final value. */
  settled: number;
  /** The first logged epoch with MSE < DECK_EPS (undefined: never). */
  reached?: number;
}

/** The first logged epoch whose loss is below `eps`, undefined when none is. */
export function firstBelow(curve: readonly [number, number][], eps: number): number | undefined {
  return curve.find(([, l]) => l < eps)?.[0];
}

/** The facts of one run. */
export function runFacts(r: SeedReport): RunFacts {
  const c = r.comparison;
  const res = r.result;
  const finite = res.diverged === undefined;
  return {
    seed: r.seed,
    epochs: res.epochs,
    finalMse: res.finalLoss,
    ...(finite ? {} : { diverged: res.diverged?.epoch }),
    reconstructs: finite && res.finalLoss < DECK_EPS,
    nearMse: finite && res.finalLoss < NEAR_MSE,
    linear: c.linear,
    monotone: c.monotone,
    ...(c.stuck === undefined ? {} : { stuck: c.stuck > 0 }),
    ...(c.rankA2Signals === undefined ? {} : { fullRank: c.rankA2Signals === r.result.codes.length - 1 }),
    settled: settledEpoch(res.curve),
    ...(firstBelow(res.curve, DECK_EPS) === undefined ? {} : { reached: firstBelow(res.curve, DECK_EPS) }),
  };
}

/** The outcomes a study counts, in the order it shows them. */
export type OutcomeKey =
  | 'reconstructs'
  | 'mse-below-1e-3'
  | 'linear'
  | 'linear-among-reconstructing'
  | 'monotone'
  | 'stuck'
  | 'full-rank'
  | 'diverged';

/** One outcome: its key, its label, and its count over its sample. */
export interface StudyRow {
  key: OutcomeKey;
  label: string;
  /** The runs counted: every run, or those that reconstruct. */
  sample: 'runs' | 'runs that reconstruct';
  proportion: Proportion;
}

/** A session's study: the outcome counts and the facts of every run. */
export interface Study {
  runs: number;
  rows: StudyRow[];
  facts: RunFacts[];
  /** The thresholds used, for the reader. */
  thresholds: { deckEps: number; nearMse: number; linearR2: number; settledTol: number };
}

/**
 * The study of a session's runs. The rows of two-layer outcomes (stuck,
 * full rank) are left out for the sigmoid decoder, the diverged row when
 * no run diverged.
 */
export function studyOf(reports: readonly SeedReport[]): Study {
  const facts = reports.map(runFacts);
  const m = facts.length;
  const count = (f: (r: RunFacts) => boolean | undefined, among = facts) => among.filter((r) => f(r) === true).length;
  const recon = facts.filter((r) => r.reconstructs);
  const row = (key: OutcomeKey, label: string, k: number, of = m): StudyRow => ({
    key,
    label,
    sample: key === 'linear-among-reconstructing' ? 'runs that reconstruct' : 'runs',
    proportion: proportion(k, of),
  });
  const rows = [
    row('reconstructs', `reconstructs (final MSE < ${DECK_EPS.toExponential()}, the deck's epsilon)`, recon.length),
    row(
      'mse-below-1e-3',
      `final MSE < ${NEAR_MSE.toExponential()}`,
      count((r) => r.nearMse),
    ),
    row(
      'linear',
      `code linear (exactly, or R^2 > ${LINEAR_R2})`,
      count((r) => r.linear),
    ),
    row(
      'linear-among-reconstructing',
      'code linear, among the runs that reconstruct',
      count((r) => r.linear, recon),
      recon.length,
    ),
    row(
      'monotone',
      'code strictly monotone',
      count((r) => r.monotone),
    ),
  ];
  if (facts.some((r) => r.stuck !== undefined)) {
    rows.push(
      row(
        'stuck',
        'stuck outputs present (target C, ReLU off)',
        count((r) => r.stuck),
      ),
    );
    rows.push(
      row(
        'full-rank',
        'rank A2 = n on signals 1..n',
        count((r) => r.fullRank),
      ),
    );
  }
  const diverged = count((r) => r.diverged !== undefined);
  if (diverged > 0) rows.push(row('diverged', 'diverged (a non-finite loss or parameter)', diverged));
  return {
    runs: m,
    rows,
    facts,
    thresholds: { deckEps: DECK_EPS, nearMse: NEAR_MSE, linearR2: LINEAR_R2, settledTol: SETTLED_TOL },
  };
}
