/**
 * The histograms of a training study (vega-lite, rendered by ./figure.ts):
 * the final MSE over seeds on a log scale, and the settling epoch over
 * seeds, one row of both per group of runs (e.g. one per initialisation
 * scheme). Shared by `verify train --histogram` and the training claims'
 * atlas figures. The bins are fixed from the data's range (whole decades,
 * four bins per decade; twenty equal bins of the run length), so the same
 * runs give the same figure.
 */
import type { RunFacts } from '../train/study.js';

/** One group of runs (a row of the figure). */
export interface HistogramGroup {
  /** The row's label, e.g. `torch init, 100 seeds`. */
  label: string;
  runs: readonly Pick<RunFacts, 'finalMse' | 'settled' | 'diverged'>[];
}

/** The smallest MSE drawn: below it (0 included) a run is drawn in the first bin. */
export const MSE_FLOOR = 1e-15;

/** log10 of an MSE for the histogram, floored at MSE_FLOOR. */
function logMse(mse: number): number {
  return Math.log10(Math.max(mse, MSE_FLOOR));
}

/**
 * The vega-lite spec of the study's histograms.
 * @param epochs the run length (the settling histogram's range)
 * @param marks MSE thresholds drawn as vertical rules (e.g. the deck's epsilon 1e-5), and the epoch of a rule on the settling histogram
 */
export function studyHistogramSpec(
  groups: readonly HistogramGroup[],
  epochs: number,
  title: string,
  marks: { mse?: readonly number[]; epoch?: number } = {},
): Record<string, unknown> {
  // Diverged runs have no finite final state: they are counted in the caption, not drawn.
  const finite = groups.map((g) => ({ label: g.label, runs: g.runs.filter((r) => r.diverged === undefined) }));
  const logs = finite.flatMap((g) => g.runs.map((r) => logMse(r.finalMse)));
  const lo = Math.floor(Math.min(-6, ...logs));
  const hi = Math.max(lo + 1, Math.ceil(Math.max(0, ...logs)));
  const mseData = finite.flatMap((g) => g.runs.map((r) => ({ group: g.label, log10mse: logMse(r.finalMse) })));
  const settledData = finite.flatMap((g) => g.runs.map((r) => ({ group: g.label, settled: r.settled })));
  const span = Math.max(epochs, 1);
  const row = { field: 'group', type: 'nominal', title: null, sort: groups.map((g) => g.label) };
  const rules = (values: readonly number[]) =>
    values.map((v) => ({
      mark: { type: 'rule', color: '#c0392b', strokeDash: [4, 3] },
      encoding: { x: { datum: v, type: 'quantitative' } },
    }));
  const panel = (
    data: Record<string, unknown>[],
    field: string,
    bin: Record<string, unknown>,
    xTitle: string,
    ruleAt: readonly number[],
  ) => ({
    data: { values: data },
    facet: { row },
    spec: {
      width: 300,
      height: 110,
      layer: [
        {
          mark: { type: 'bar', color: '#4c78a8' },
          encoding: {
            x: { field, type: 'quantitative', bin, title: xTitle },
            y: { aggregate: 'count', type: 'quantitative', title: 'runs' },
          },
        },
        ...rules(ruleAt),
      ],
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    hconcat: [
      panel(
        mseData,
        'log10mse',
        { extent: [lo, hi], step: 0.25 },
        'log10 of the final MSE (float32)',
        (marks.mse ?? []).map(Math.log10),
      ),
      panel(
        settledData,
        'settled',
        { extent: [0, span], step: span / 20 },
        'settled by epoch (MSE within 1e-6 of its final value)',
        marks.epoch === undefined ? [] : [marks.epoch],
      ),
    ],
  };
}

/**
 * A caption for the histograms: what is drawn, what the dashed rules mark
 * (`rules`, in words), and the runs that are not drawn as they are.
 */
export function studyHistogramCaption(groups: readonly HistogramGroup[], what: string, rules?: string): string {
  const diverged = groups.reduce((s, g) => s + g.runs.filter((r) => r.diverged !== undefined).length, 0);
  const floored = groups.reduce((s, g) => s + g.runs.filter((r) => r.finalMse < MSE_FLOOR).length, 0);
  let c = `${what}: final MSE (log10, four bins per decade) and settling epoch over seeds; ${groups.map((g) => g.label).join('; ')}.`;
  if (rules) c += ` Dashed: ${rules}.`;
  if (floored > 0) c += ` ${floored} run(s) with MSE below ${MSE_FLOOR} (0 included) are drawn at ${MSE_FLOOR}.`;
  if (diverged > 0) c += ` ${diverged} diverged run(s) are not drawn.`;
  return c;
}
