/**
 * The factory of the three training claims (train-sigmoid,
 * train-constrained, train-free): the deck's float32 training runs,
 * measured rather than asserted. The deck gives settings (optimiser,
 * learning rate, epochs) and a conclusion, no threshold and no number of
 * runs: each claim states stepae's hypotheses as proportions of seeds ("more
 * than half of the runs ..."), and each hypothesis is reproduced, not
 * reproduced or inconclusive as the 95% Wilson interval of its proportion
 * lies above 1/2, below it, or contains it (train/study.ts `sideOfHalf`),
 * never from a point estimate. A conditional hypothesis ("among the runs
 * that reconstruct") with an empty sample is inconclusive. The claim's
 * status follows the one rule of every claim (common.ts `verdictFrom`) over
 * its as-worded hypotheses.
 *
 * An outcome is decided only from runs of exactly the claim's length;
 * other lengths (--epochs) are inconclusive, with everything they measured.
 *
 * Initialisation. The deck names none. The claims run `--init-scheme`
 * (default torch, nn.Linear's) on `--seeds` seeds (default 100), and the
 * other scheme (Keras Dense's Glorot-uniform weights and zero biases) as a
 * variant reading on `--other-init-seeds` seeds, the same first seed: its
 * status is the same rule over the same hypotheses, decided by the Wilson
 * rule on its own sample, so a smaller sample is more often inconclusive,
 * never more often wrong. Its default, 32 seeds (four SIMD groups per
 * core), keeps `verify all` within its time budget: the 100-seed study of
 * each claim costs about 130 s of CPU on this project's 2-core machine, and
 * a second 100-seed study per claim would double it; `--other-init-seeds
 * 100` runs the full comparison.
 */
import { InternalError, UsageError } from '../errors.js';
import { parseIntIn } from '../options.js';
import { SEED_MAX } from '../random.js';
import { replayText } from '../replay.js';
import {
  studyCurvesCaption,
  studyCurvesSpec,
  studyHistogramCaption,
  studyHistogramSpec,
} from '../render/study-figure.js';
import { proportionText, seedTable, studyTable } from '../render/train.js';
import { LINEAR_R2, SETTLED_TOL, settledEpoch } from '../train/compare.js';
import { type Experiment, INIT_SCHEMES, type InitScheme } from '../train/model.js';
import { runSession, type SeedReport, type Session } from '../train/session.js';
import {
  DECK_EPS,
  NEAR_MSE,
  type Proportion,
  proportion,
  type RunFacts,
  sideOfHalf,
  type Study,
  studyOf,
  wilson,
} from '../train/study.js';
import type { ClaimInfo, Section, Status, Verdict } from '../verdict.js';
import { reading, verdictFrom } from './common.js';
import { type CheckOptions, type Claim, defineClaim } from './types.js';

export { wilson };

/** Seeds per claim unless --seeds says otherwise (issue: at least 100 at the deck's length). */
export const DEFAULT_SEEDS = 100;
/** Seeds of the other initialisation scheme's variant unless --other-init-seeds says otherwise (0: none). */
export const DEFAULT_OTHER_SEEDS = 32;
/** Codes closer than this fraction of their range count as nearly merged. */
const MERGED_GAP = 1e-3;
/** A run is slow when it needs more than this fraction of the claim's length. */
export const SLOW_FRACTION = 0.1;

/** The run length that decides a claim, and where it comes from. */
export interface Length {
  epochs: number;
  source: string;
}

/** The options of a training claim. */
export interface TrainingOptions {
  epochs: number;
  seeds: number;
  initScheme: InitScheme;
  otherInitSeeds: number;
}

/**
 * The outcome of a hypothesis "more than half of the runs do X" from k of m:
 * reproduced when the 95% Wilson interval lies above 1/2, not reproduced
 * when it lies below, else (an empty sample included) inconclusive.
 */
export function outcomeOf(k: number, m: number): Status {
  const side = sideOfHalf(k, m);
  return side === 'above' ? 'reproduced' : side === 'below' ? 'not reproduced' : 'inconclusive';
}

/** A hypothesis of a training claim: "more than half of the runs (of its sample) ...". */
export interface Hypothesis {
  /** The reading's name, e.g. `reconstructs`. */
  name: string;
  /** What a run must do, completing "more than half of the runs ...". */
  does: string;
  /** The runs it counts among: every run, or those that reconstruct (MSE < the deck's epsilon). */
  among: 'runs' | 'runs that reconstruct';
  /** Whether a run of the sample does it; `length` is the claim's run length. */
  yes: (r: RunFacts, length: number) => boolean;
}

/** The hypotheses the three claims draw from. */
export const HYPOTHESES = {
  reconstructs: {
    name: 'reconstructs',
    does: `reach the deck's epsilon, final MSE < ${DECK_EPS.toExponential()}`,
    among: 'runs',
    yes: (r) => r.reconstructs,
  },
  nearMse: {
    name: 'reaches-1e-3',
    does: `reach final MSE < ${NEAR_MSE.toExponential()} (100 times the deck's epsilon)`,
    among: 'runs',
    yes: (r) => r.nearMse,
  },
  nonlinear: {
    name: 'nonlinear',
    does: `end with a code that is not linear in i (not exactly affine, R^2 <= ${LINEAR_R2})`,
    among: 'runs',
    yes: (r) => !r.linear,
  },
  nonlinearAmongReconstructing: {
    name: 'nonlinear-among-reconstructing',
    does: `end with a code that is not linear in i (not exactly affine, R^2 <= ${LINEAR_R2})`,
    among: 'runs that reconstruct',
    yes: (r) => !r.linear,
  },
  slow: {
    name: 'slow',
    does: `are still changing their MSE (by more than ${SETTLED_TOL.toExponential()}) after the first tenth of the run (settling epoch > length / 10)`,
    among: 'runs',
    yes: (r, length) => r.settled > SLOW_FRACTION * length,
  },
  slowAmongReconstructing: {
    name: 'slow-among-reconstructing',
    does: `first reach MSE < ${DECK_EPS.toExponential()} only after the first tenth of the run (first logged epoch below it > length / 10)`,
    among: 'runs that reconstruct',
    yes: (r, length) => (r.reached ?? Infinity) > SLOW_FRACTION * length,
  },
} as const satisfies Record<string, Hypothesis>;

/** What a training claim measures and how it decides. */
export interface Measure {
  experiment: Experiment;
  length: Length;
  /** The hypotheses that state what the deck says; they decide the status. */
  asWorded: readonly Hypothesis[];
  /** Variant readings on the same runs, most faithful first (after the other initialisation's). */
  variants?: readonly Hypothesis[];
  /** Hypotheses reported in a section with their outcomes, deciding nothing. */
  secondary?: readonly Hypothesis[];
}

/** A hypothesis counted on a study. */
interface Tally {
  h: Hypothesis;
  p: Proportion;
  status: Status;
  /** The count in words, with its interval and sample. */
  text: string;
}

function tally(h: Hypothesis, study: Study, length: number, decides: boolean): Tally {
  const sample = h.among === 'runs' ? study.facts : study.facts.filter((r) => r.reconstructs);
  const p = proportion(sample.filter((r) => h.yes(r, length)).length, sample.length);
  const status = decides ? outcomeOf(p.count, p.of) : 'inconclusive';
  const text =
    h.among === 'runs'
      ? proportionText(p)
      : p.of === 0
        ? `no run reconstructs (0 of ${study.runs}): the sample is empty`
        : `${proportionText(p, 'runs that reconstruct')}; ${p.of} of ${study.runs} runs reconstruct`;
  return { h, p, status, text };
}

/** A tally in a few words for the one-line summary: `100 of 100 (0.963..1.000)`. */
function briefText(t: Tally, runs: number): string {
  if (t.p.of === 0) return `undecided: 0 of ${runs} runs reconstruct`;
  const of = t.h.among === 'runs' ? `${t.p.of}` : `${t.p.of} reconstructing`;
  return `${t.p.count} of ${of} (${t.p.low.toFixed(3)}..${t.p.high.toFixed(3)})`;
}

/** The one rule of every claim over a list of statuses (see common.ts `verdictFrom`). */
function combined(statuses: readonly Status[]): Status {
  if (statuses.some((s) => s === 'not reproduced' || s === 'refuted')) return 'not reproduced';
  if (statuses.some((s) => s === 'inconclusive')) return 'inconclusive';
  return 'reproduced';
}

/** The logging interval of the runs (the second logged epoch). */
function logStep(reports: readonly SeedReport[]): number {
  return reports[0]?.result.curve[1]?.[0] ?? 0;
}

/** What the runs have in common, in sentences computed from them. */
function findings(reports: readonly SeedReport[], n: number, epochs: number): string[] {
  const k = reports.length;
  const mse = reports.map((r) => r.result.finalLoss);
  const lines = [
    `Final MSE from ${Math.min(...mse).toExponential(3)} to ${Math.max(...mse).toExponential(3)}; the exact construction's is 0.`,
    `Codes: ${reports.filter((r) => r.comparison.linear).length} of ${k} linear in i (${reports.filter((r) => r.comparison.exactLinear).length} of them exactly affine from the float32 bits, the rest with R^2 > ${LINEAR_R2}), ${reports.filter((r) => r.comparison.monotone).length} of ${k} strictly monotone.`,
  ];
  const merged = reports.filter((r) => r.comparison.minGap < MERGED_GAP).length;
  if (merged > 0)
    lines.push(
      `Nearly merged signals: in ${merged} of ${k} runs two consecutive signals have codes closer than ${MERGED_GAP} of the code range (with a free encoder z(i) - z(i+1) = C W1_i: the weight of the input that tells them apart went to near 0); the exact construction needs distinct codes, with knots between them.`,
    );
  const settled = reports.map((r) => settledEpoch(r.result.curve)).sort((a, b) => a - b);
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

/** The per-seed evidence kept in the certificate or counterexample. */
function runRecords(reports: readonly SeedReport[]) {
  return reports.map((r) => ({
    seed: r.seed,
    finalMse: r.result.finalLoss,
    r2: r.comparison.r2,
    settled: settledEpoch(r.result.curve),
    ...(r.comparison.stuck === undefined ? {} : { stuck: r.comparison.stuck }),
    ...(r.result.diverged ? { divergedAt: r.result.diverged.epoch } : {}),
  }));
}

/** The other initialisation scheme. */
function otherScheme(s: InitScheme): InitScheme {
  const other = INIT_SCHEMES.find((x) => x !== s);
  if (!other) throw new InternalError('only one initialisation scheme');
  return other;
}

/** One study of a claim: a session on one initialisation scheme, and its tallies. */
interface Arm {
  scheme: InitScheme;
  session: Session;
  study: Study;
  asWorded: Tally[];
  variants: Tally[];
  secondary: Tally[];
}

function arm(m: Measure, session: Session, scheme: InitScheme, decides: boolean): Arm {
  const study = studyOf(session.reports);
  const t = (hs: readonly Hypothesis[] = []) => hs.map((h) => tally(h, study, m.length.epochs, decides));
  return { scheme, session, study, asWorded: t(m.asWorded), variants: t(m.variants), secondary: t(m.secondary) };
}

/** "name: k of m ... (status)" for each tally. */
function tallyList(ts: readonly Tally[]): string {
  return ts.map((t) => `${t.h.name}: ${t.text} (${t.status})`).join('; ');
}

/** The comparison of the two schemes' outcomes, hypothesis by hypothesis. */
function schemeSection(main: Arm, other: Arm): Section {
  const both = (a: Arm) => [...a.asWorded, ...a.variants, ...a.secondary];
  const rows = both(main).map((t, k) => {
    const u = both(other)[k] as Tally;
    const changed =
      t.status === 'inconclusive' || u.status === 'inconclusive'
        ? t.status === u.status
          ? 'no (both undecided)'
          : 'undecided in one'
        : t.status === u.status
          ? 'no'
          : 'yes';
    const cell = (x: Tally) => (x.p.of === 0 ? `empty sample: ${x.status}` : `${x.p.count} of ${x.p.of}: ${x.status}`);
    return [t.h.name, cell(t), cell(u), changed];
  });
  return {
    title: `Initialisation: ${main.scheme} (${main.study.runs} seeds) against ${other.scheme} (${other.study.runs} seeds)`,
    lines: [
      `The deck names no initialisation. ${main.scheme === 'torch' ? 'torch' : 'keras-glorot'} is the claim's; the other scheme runs the same hypotheses on the same first seed. Each outcome is decided by its own sample's 95% Wilson interval; "undecided in one" means one sample could not decide (more seeds can).`,
    ],
    table: { header: ['hypothesis', main.scheme, other.scheme, 'conclusion changes?'], rows },
  };
}

function check(id: string, m: Measure, o: CheckOptions<TrainingOptions>): Verdict {
  const { epochs, seeds, initScheme, otherInitSeeds } = o.extra;
  const span = Math.max(seeds, otherInitSeeds);
  if (o.seed + span - 1 > SEED_MAX)
    throw new UsageError(
      `--seed ${o.seed} with ${span} seeds runs past the largest seed ${SEED_MAX}; accepted: seed + seeds - 1 <= ${SEED_MAX}`,
    );
  const n = Math.min(o.nMax, 8);
  const full = epochs === m.length.epochs;
  const base = { experiment: m.experiment, n, C: 1, epochs, optimizer: 'rmsprop', seed: o.seed } as const;
  const main = arm(m, runSession({ ...base, seeds, initScheme }), initScheme, full);
  const scheme2 = otherScheme(initScheme);
  const other =
    otherInitSeeds > 0
      ? arm(m, runSession({ ...base, seeds: otherInitSeeds, initScheme: scheme2 }), scheme2, full)
      : undefined;
  const lr = main.session.lr;
  const first = o.seed;
  const setting = `${epochs} epochs, n = ${n}, RMSProp lr ${lr}, seeds ${first}..${first + seeds - 1}`;
  const shortNote = full
    ? ''
    : `a run of ${epochs} epochs cannot decide a statement about ${m.length.epochs} (${m.length.source}): `;
  const statementOf = (h: Hypothesis) =>
    `more than half of the ${h.among} ${h.does} (${m.length.epochs} epochs, ${initScheme} init)`;
  const readings = [
    ...main.asWorded.map((t) => reading(t.h.name, statementOf(t.h), t.status, shortNote + t.text)),
    ...(other
      ? [
          reading(
            scheme2,
            `the as-worded hypotheses (${m.asWorded.map((h) => h.name).join(', ')}) with ${scheme2} initialisation${scheme2 === 'keras-glorot' ? " (Keras Dense's defaults: Glorot-uniform weights, zero biases)" : " (PyTorch nn.Linear's default)"}, on ${otherInitSeeds} seeds from the same first seed`,
            combined(other.asWorded.map((t) => t.status)),
            shortNote + tallyList(other.asWorded),
            { kind: 'sampled', instances: otherInitSeeds },
          ),
        ]
      : []),
    ...main.variants.map((t) => reading(t.h.name, statementOf(t.h), t.status, shortNote + t.text)),
  ];
  // The settling histogram marks the slowness threshold only for a claim with a slowness hypothesis.
  const slowness = [...m.asWorded, ...(m.variants ?? []), ...(m.secondary ?? [])].some((h) =>
    h.name.startsWith('slow'),
  );
  const figureGroups = [main, ...(other ? [other] : [])].map((a) => ({
    label: `${a.scheme} init, ${a.study.runs} seeds`,
    runs: a.study.facts,
  }));
  const curveRuns = main.session.reports.map((r) => ({ seed: r.seed, curve: r.result.curve, codes: r.result.codes }));
  const sections: Section[] = [
    {
      title: `Study: ${seeds} runs, ${initScheme} init (95% Wilson intervals)`,
      lines: [`Setting: ${setting}.`],
      table: studyTable(main.study),
    },
    {
      title: 'Histograms over seeds',
      figure: {
        file: `${id}-study.svg`,
        caption: studyHistogramCaption(
          figureGroups,
          `${m.experiment}, ${epochs} epochs`,
          `MSE ${DECK_EPS.toExponential()} (the deck's epsilon) and ${NEAR_MSE.toExponential()}` +
            (slowness ? `; a tenth of the run (${SLOW_FRACTION * epochs} epochs), the slowness threshold` : ''),
        ),
        spec: studyHistogramSpec(figureGroups, epochs, `${m.experiment}: ${epochs} epochs, n = ${n}, lr ${lr}`, {
          mse: [DECK_EPS, NEAR_MSE],
          ...(slowness ? { epoch: SLOW_FRACTION * epochs } : {}),
        }),
      },
    },
    {
      title: 'Loss curves and codes over seeds',
      figure: {
        file: `${id}-curves.svg`,
        caption: studyCurvesCaption(curveRuns, `${m.experiment}, ${epochs} epochs, ${initScheme} init`, DECK_EPS),
        spec: studyCurvesSpec(
          curveRuns,
          `${m.experiment}: ${epochs} epochs, n = ${n}, lr ${lr}, ${initScheme} init`,
          DECK_EPS,
        ),
      },
    },
  ];
  if (main.secondary.length > 0)
    sections.push({
      title: 'Other hypotheses (reported; they do not decide the verdict)',
      table: {
        header: ['hypothesis', 'statement', 'outcome', 'count'],
        rows: main.secondary.map((t) => [t.h.name, statementOf(t.h), t.status, t.text]),
      },
    });
  if (other) sections.push(schemeSection(main, other));
  else
    sections.push({
      title: 'Initialisation',
      lines: [
        `Only ${initScheme} initialisation was run (--other-init-seeds 0); --other-init-seeds K runs the same hypotheses with ${scheme2} on K seeds.`,
      ],
    });
  sections.push(
    {
      title: `Runs, ${initScheme} init (float32; the exact construction has MSE 0)`,
      table: seedTable(main.session.reports),
    },
    { title: 'What the runs show', lines: findings(main.session.reports, n, epochs) },
  );
  if (other)
    sections.push(
      {
        title: `Study: ${otherInitSeeds} runs, ${scheme2} init (95% Wilson intervals)`,
        table: studyTable(other.study),
      },
      { title: `Runs, ${scheme2} init`, table: seedTable(other.session.reports) },
    );
  const undecided = main.asWorded.filter((t) => t.status === 'inconclusive');
  const reason = !full
    ? `${shortNote}rerun with --epochs ${m.length.epochs}`
    : undecided
        .map((t) =>
          t.p.of === 0
            ? `${t.h.name}: no run reconstructs, so the sample is empty (more seeds help only if some runs reconstruct)`
            : `${t.h.name}: the 95% Wilson interval ${t.p.low.toFixed(3)}..${t.p.high.toFixed(3)} contains 1/2 (more seeds, --seeds, can decide)`,
        )
        .join('; ') || 'undecided';
  const measured = Object.fromEntries(main.asWorded.map((t) => [t.h.name, t.text]));
  const evidence = {
    setting: `${setting}, ${initScheme} init`,
    measured,
    runs: runRecords(main.session.reports),
    replay: replayText(main.session.replay),
    ...(other
      ? {
          [scheme2]: {
            measured: Object.fromEntries(other.asWorded.map((t) => [t.h.name, t.text])),
            replay: replayText(other.session.replay),
          },
        }
      : {}),
  };
  const summary =
    (full ? '' : `short run (${epochs} epochs, not ${m.length.epochs}), so undecided: `) +
    main.asWorded.map((t) => `${t.h.name} ${briefText(t, main.study.runs)}`).join('; ') +
    (other ? `; ${scheme2} init: ${combined(other.asWorded.map((t) => t.status))}` : '') +
    `; ${epochs} epochs, n = ${n}, lr ${lr}, ${initScheme} init`;
  return verdictFrom(
    o,
    m.asWorded.map((h) => h.name),
    { summary, readings, sections, scope: { kind: 'sampled', instances: seeds } },
    { reason, certificate: evidence, counterexample: evidence },
  );
}

/** What defines a training claim: its description and what it measures. */
export type TrainingClaimInfo = ClaimInfo & Measure;

/** A training claim: its description and what it measures. */
export function trainingClaim(info: TrainingClaimInfo): Claim {
  const { experiment, length, asWorded, variants, secondary, ...rest } = info;
  const m: Measure = { experiment, length, asWorded, variants, secondary };
  return defineClaim<TrainingOptions>({
    ...rest,
    defaultNMax: 8,
    maxNMax: 64,
    options: {
      epochs: {
        flags: '--epochs <E>',
        description: `epochs per seed (default: the claim's length; another length is an inconclusive run)`,
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
      initScheme: {
        flags: '--init-scheme <name>',
        description: `initial weights of the claim's runs: torch (nn.Linear's default) or keras-glorot (Dense's); default torch`,
        default: 'torch',
        parse: (v) => {
          const s = INIT_SCHEMES.find((x) => x === v);
          if (!s) throw new UsageError(`--init-scheme ${v}: unknown scheme; accepted: ${INIT_SCHEMES.join(', ')}`);
          return s;
        },
        replay: (s) => (s === 'torch' ? [] : [['--init-scheme', s]]),
      },
      otherInitSeeds: {
        flags: '--other-init-seeds <k>',
        description: `seeds of the variant with the other initialisation scheme (default ${DEFAULT_OTHER_SEEDS}; 0: none)`,
        default: DEFAULT_OTHER_SEEDS,
        parse: (v) => parseIntIn(v, '--other-init-seeds', 0, 10_000),
        replay: (k) => (k === DEFAULT_OTHER_SEEDS ? [] : [['--other-init-seeds', k]]),
      },
    },
    check: (o) => check(info.id, m, o),
  });
}
