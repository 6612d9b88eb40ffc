/**
 * The per-seed table of a training session, shared by `verify train` and
 * the training claims: one row per seed, the float32 run beside what the
 * exact check of its weights finds.
 */
import { LINEAR_R2, SETTLED_TOL, settledEpoch } from '../train/compare.js';
import type { SeedReport } from '../train/session.js';

/** The table of a session's runs: header and one row per seed. */
export function seedTable(reports: readonly SeedReport[]): { header: string[]; rows: string[][] } {
  return {
    header: [
      'seed',
      'epochs',
      'final MSE (float32)',
      'R^2 of z vs i',
      `linear (R^2 >= ${LINEAR_R2})`,
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
        : '-';
      return [
        String(r.seed),
        String(r.result.epochs),
        r.result.finalLoss.toExponential(3),
        c.r2.toFixed(6),
        c.linear ? 'yes' : 'no',
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
