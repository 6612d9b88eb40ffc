/**
 * The factory of the three training claims (train-sigmoid,
 * train-constrained, train-free): the deck's float32 training runs,
 * measured rather than asserted. The deck gives settings (optimiser,
 * learning rate, epochs) and a conclusion, no threshold: each claim states
 * stepae's hypothesis as a proportion of seeds, and its outcome is
 * reproduced, not reproduced or inconclusive, decided from the 95% Wilson
 * interval of that proportion, never from a point estimate. An outcome is
 * decided only from runs of the claim's length; shorter runs (--epochs) are
 * inconclusive, with everything they measured.
 */
import { parseIntIn } from '../options.js';
import { replayText } from '../replay.js';
import { seedTable } from '../render/train.js';
import { LINEAR_R2, SETTLED_TOL, settledEpoch } from '../train/compare.js';
import type { Experiment } from '../train/model.js';
import { runSession, type SeedReport } from '../train/session.js';
import type { ClaimInfo, Status, Verdict } from '../verdict.js';
import { reading, verdictFrom } from './common.js';
import { type CheckOptions, type Claim, defineClaim } from './types.js';

/** Seeds per claim unless --seeds says otherwise. */
export const DEFAULT_SEEDS = 10;
/** Codes closer than this fraction of their range count as nearly merged. */
const MERGED_GAP = 1e-3;

/** The run length that decides a claim, and where it comes from. */
export interface Length {
  epochs: number;
  source: string;
}

/** The options of a training claim. */
interface TrainingOptions {
  epochs: number;
  seeds: number;
}

/**
 * The 95% Wilson score interval of a proportion k/n (z = 1.959964).
 * @returns [low, high], [0, 1] when n = 0
 */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z / d) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The outcome of a hypothesis "more than half of the seeds do X" from k of n:
 * reproduced when the Wilson interval lies above 1/2, not reproduced when it
 * lies below, else inconclusive.
 */
export function outcomeOf(k: number, n: number): Status {
  const [lo, hi] = wilson(k, n);
  return lo > 0.5 ? 'reproduced' : hi < 0.5 ? 'not reproduced' : 'inconclusive';
}

/** The logging interval of the runs (the second logged epoch). */
function logStep(reports: SeedReport[]): number {
  return reports[0]?.result.curve[1]?.[0] ?? 0;
}

/** What the runs have in common, in sentences computed from them. */
function findings(reports: SeedReport[], n: number): string[] {
  const k = reports.length;
  const mse = reports.map((r) => r.result.finalLoss);
  const lines = [
    `Final MSE from ${Math.min(...mse).toExponential(3)} to ${Math.max(...mse).toExponential(3)}; the exact construction's is 0.`,
    `Codes: ${reports.filter((r) => r.comparison.linear).length} of ${k} linear in i (R^2 >= ${LINEAR_R2}), ${reports.filter((r) => r.comparison.monotone).length} of ${k} strictly monotone.`,
  ];
  const merged = reports.filter((r) => r.comparison.minGap < MERGED_GAP).length;
  if (merged > 0)
    lines.push(
      `Nearly merged signals: in ${merged} of ${k} runs two consecutive signals have codes closer than ${MERGED_GAP} of the code range (with a free encoder z(i) - z(i+1) = C W1_i: the weight of the input that tells them apart went to near 0); the exact construction needs distinct codes, with knots between them.`,
    );
  const settled = reports.map((r) => settledEpoch(r.result.curve)).sort((a, b) => a - b);
  const epochs = reports[0]?.result.epochs ?? 0;
  const median = settled[Math.floor((settled.length - 1) / 2)] ?? 0;
  lines.push(
    `Settling: the epoch from which the MSE stayed within ${SETTLED_TOL.toExponential()} of its final value is ${settled[0]} to ${settled[settled.length - 1]} across seeds (median ${median}, ${((100 * median) / Math.max(epochs, 1)).toFixed(1)}% of the ${epochs} epochs; the loss is logged every ${logStep(reports)} epochs).`,
  );
  const two = reports.filter((r) => r.comparison.stuck !== undefined);
  if (two.length === 0) return lines;
  const full = two.filter((r) => r.comparison.rankA2Signals === n).length;
  lines.push(
    `The learned A2 has rank n = ${n} on signals 1..n in ${full} of ${k} runs; only there can any W3 reconstruct X (the deck's construction needs it).`,
  );
  const stuck = two.filter((r) => (r.comparison.stuck ?? 0) > 0);
  if (stuck.length === 0) return lines;
  lines.push(
    `Stuck outputs: in ${stuck.length} of ${k} runs some outputs whose target is C end with their ReLU off (u <= 0, y = 0). Each adds C^2/(n(n+1)) = ${(1 / (n * (n + 1))).toExponential(3)} (C = 1) to the MSE and passes no gradient back from its own error, so training does not pull it up.`,
  );
  const rest = (r: SeedReport) => r.result.finalLoss - (r.comparison.stuckMse ?? 0);
  const explained = stuck.filter((r) => Math.abs(rest(r)) < 1e-4);
  if (explained.length > 0)
    lines.push(
      `In ${explained.length} of them the stuck entries make the final MSE to within 1e-4: the rest of X is fitted, and what is left of the error sits where gradient descent gets no signal from it; more epochs remove it only if other entries' updates switch those outputs back on.`,
    );
  const other = stuck.filter((r) => Math.abs(rest(r)) >= 1e-4);
  if (other.length > 0) {
    const lowRank = other.filter((r) => (r.comparison.rankA2Signals ?? n) < n).length;
    lines.push(
      `In the other ${other.length}, outputs that are on leave a remainder of ${Math.min(...other.map(rest)).toExponential(2)} to ${Math.max(...other.map(rest)).toExponential(2)}; ${lowRank} of these ${other.length} have a learned A2 of rank < n on signals 1..n, which no W3 can fit exactly.`,
    );
  }
  return lines;
}

/** What a training claim measures and how it decides. */
export interface Measure {
  experiment: Experiment;
  length: Length;
  /** The hypothesis, as "more than half of the seeds ..." completes it. */
  question: string;
  /** How many of the runs do what the question asks. */
  count: (r: SeedReport[]) => number;
}

function check(m: Measure, o: CheckOptions<TrainingOptions>): Verdict {
  const { epochs, seeds } = o.extra;
  const n = Math.min(o.nMax, 8);
  const run = runSession({ experiment: m.experiment, n, C: 1, epochs, optimizer: 'rmsprop', seed: o.seed, seeds });
  const { reports, lr } = run;
  const yes = m.count(reports);
  const of = reports.length;
  const full = epochs >= m.length.epochs;
  const [lo, hi] = wilson(yes, of);
  const first = reports[0]?.seed ?? o.seed;
  const measured = `${yes} of ${of} seeds (${first}..${first + of - 1}; 95% Wilson interval ${lo.toFixed(3)}..${hi.toFixed(3)}), ${epochs} epochs, n = ${n}, RMSProp lr ${lr}`;
  const status: Status = full ? outcomeOf(yes, of) : 'inconclusive';
  const replay = replayText(run.replay);
  const runs = reports.map((r) => ({
    seed: r.seed,
    finalMse: r.result.finalLoss,
    r2: r.comparison.r2,
    ...(r.comparison.stuck === undefined ? {} : { stuck: r.comparison.stuck }),
  }));
  return verdictFrom(
    o,
    ['measured'],
    {
      summary: `${full ? '' : `short run (${epochs} < ${m.length.epochs} epochs), so undecided: `}more than half of the seeds: ${m.question}? ${measured}`,
      readings: [
        reading(
          'measured',
          `more than half of the seeds: ${m.question} (decided when the 95% Wilson interval lies on one side of 1/2)`,
          status,
          measured,
        ),
      ],
      sections: [
        { title: 'Runs (float32; the exact construction has MSE 0)', table: seedTable(reports) },
        { title: 'What the runs show', lines: findings(reports, n) },
      ],
      scope: { kind: 'sampled', instances: of },
    },
    {
      reason: full
        ? `the 95% Wilson interval ${lo.toFixed(3)}..${hi.toFixed(3)} contains 1/2; more seeds (--seeds) can decide`
        : `a run of ${epochs} epochs cannot decide a statement about ${m.length.epochs} (${m.length.source}); rerun with --epochs ${m.length.epochs}`,
      certificate: { measured, runs, replay },
      counterexample: { measured, runs, replay },
    },
  );
}

/** A training claim: its description and what it measures. */
export function trainingClaim(info: ClaimInfo & Measure): Claim {
  const { experiment, length, question, count, ...rest } = info;
  const m: Measure = { experiment, length, question, count };
  return defineClaim<TrainingOptions>({
    ...rest,
    defaultNMax: 8,
    maxNMax: 64,
    options: {
      epochs: {
        flags: '--epochs <E>',
        description: `epochs per seed (default: the claim's length; fewer is a short, inconclusive run)`,
        default: length.epochs,
        parse: (v) => parseIntIn(v, '--epochs', 1, 1_000_000_000),
        replay: (e) => (e === length.epochs ? [] : [['--epochs', e]]),
      },
      seeds: {
        flags: '--seeds <k>',
        description: `number of seeds (default ${DEFAULT_SEEDS})`,
        default: DEFAULT_SEEDS,
        parse: (v) => parseIntIn(v, '--seeds', 1, 10_000),
        replay: (k) => (k === DEFAULT_SEEDS ? [] : [['--seeds', k]]),
      },
    },
    check: (o) => check(m, o),
  });
}
