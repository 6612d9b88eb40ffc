/**
 * The tables of a training session, shared by `verify train` and the
 * training claims: one row per seed (the float32 run beside what the exact
 * check of its weights finds), and the study (`studyOf`): each outcome's
 * count over the seeds with its 95% Wilson interval.
 */
import { LINEAR_R2, SETTLED_TOL, settledEpoch } from '../train/compare.js';
import type { SeedReport } from '../train/session.js';
import type { Proportion, Study } from '../train/study.js';

/** The epochs of a run, and where it diverged if it did. */
function epochsCell(r: SeedReport): string {
  const d = r.result.diverged;
  if (!d) return String(r.result.epochs);
  return d.epoch === 0
    ? `0 (loss not finite at the start: ${d.loss})`
    : `${r.result.epochs} (${d.what} not finite at epoch ${d.epoch}: weights of epoch ${d.epoch - 1})`;
}

/** The table of a session's runs: header and one row per seed. */
export function seedTable(reports: readonly SeedReport[]): { header: string[]; rows: string[][] } {
  return {
    header: [
      'seed',
      'epochs',
      'final MSE (float32)',
      'R^2 of z vs i',
      `linear (exact, or R^2 > ${LINEAR_R2})`,
      'monotone',
      'min code gap / range',
      'rank A2 (exact): signals 1..n+1 / 1..n',
      'W3 re-solved exactly: signals 1..n, zero signal',
      'stuck outputs (share of MSE)',
      `settled by epoch (MSE within ${SETTLED_TOL.toExponential()})`,
    ],
    rows: reports.map((r) => {
      const c = r.comparison;
      const resolved = c.resolved
        ? 'failed' in c.resolved
          ? `no: ${c.resolved.failed}`
          : `${c.resolved.signals ? 'yes' : 'no'}, ${c.resolved.zeroSignal ? 'yes' : 'no'}`
        : c.nonFinite
          ? 'no exact value: a parameter is not finite'
          : '-';
      return [
        String(r.seed),
        epochsCell(r),
        r.result.finalLoss.toExponential(3),
        c.r2.toFixed(6),
        c.linear ? (c.exactLinear ? 'yes (exactly)' : 'yes') : 'no',
        c.monotone ? 'yes' : 'no',
        c.minGap.toExponential(2),
        c.rankA2 === undefined ? '-' : `${c.rankA2} / ${c.rankA2Signals}`,
        resolved,
        c.stuck === undefined ? '-' : `${c.stuck} (${(c.stuckMse ?? 0).toExponential(3)})`,
        String(settledEpoch(r.result.curve)),
      ];
    }),
  };
}

/** A count with its interval, e.g. `37 of 100 (0.282..0.467)`; `no run reconstructs` for an empty conditional sample. */
export function proportionText(p: Proportion, sample = 'runs'): string {
  if (p.of === 0) return sample === 'runs' ? 'no run' : `no run in the sample (${sample}: none)`;
  return `${p.count} of ${sampleOf(p.of, sample)} (95% Wilson interval ${p.low.toFixed(3)}..${p.high.toFixed(3)})`;
}

/** Where the interval lies against 1/2, in words. */
function sideText(p: Proportion): string {
  if (p.of === 0) return 'no sample';
  return p.side === 'above' ? 'more than half' : p.side === 'below' ? 'less than half' : 'undecided';
}

/** A sample's size with its noun: `100 runs`, `1 run`, `1 run that reconstructs`. */
function sampleOf(of: number, sample: string): string {
  if (of !== 1) return `${of} ${sample}`;
  return `1 ${sample === 'runs that reconstruct' ? 'run that reconstructs' : sample.replace(/^runs\b/, 'run')}`;
}

/** The study as a table: one row per outcome, its count, sample, 95% interval, and side of 1/2. */
export function studyTable(study: Study): { header: string[]; rows: string[][] } {
  return {
    header: ['outcome', 'count', 'of', '95% Wilson interval', 'share of the sample (interval vs 1/2)'],
    rows: study.rows.map((r) => {
      const p = r.proportion;
      if (p.of === 0 && r.sample === 'runs that reconstruct')
        return [r.label, '-', '0', '-', `no run reconstructs: the sample is empty`];
      return [
        r.label,
        String(p.count),
        sampleOf(p.of, r.sample),
        `${p.low.toFixed(3)}..${p.high.toFixed(3)}`,
        sideText(p),
      ];
    }),
  };
}
