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

/** One run of the curves figure: its loss curve ([epoch, MSE]) and its final codes z(1..n+1). */
export interface CurveRun {
  seed: number;
  curve: readonly (readonly [number, number])[];
  codes: readonly number[];
}

/**
 * The curve's points for a log-log drawing: epoch 0 and non-positive
 * losses left out, then at most `perDecade` points per decade of epochs
 * (the first logged point at or past each step) and the last point, so a
 * hundred runs of 500 logged points each stay a small SVG.
 */
export function thinLogCurve(curve: readonly (readonly [number, number])[], perDecade = 12): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [e, l] of curve) {
    if (e < 1 || !(l > 0) || !Number.isFinite(l)) continue;
    const at = Math.log10(e);
    if (at >= next) {
      out.push([e, l]);
      next = Math.floor(at * perDecade + 1) / perDecade;
    }
  }
  const last = curve[curve.length - 1];
  if (last && last[0] >= 1 && last[1] > 0 && Number.isFinite(last[1]) && out[out.length - 1]?.[0] !== last[0])
    out.push([last[0], last[1]]);
  return out;
}

/**
 * A run's codes scaled so that the first signal's code is 0 and the zero
 * signal's (the last) is 1: t(i) = (z(i) - z(1)) / (z(n+1) - z(1)). An
 * exact linear code z(i) = alpha i + beta becomes t(i) = (i - 1) / n
 * whatever alpha and beta, so every run is drawn against one diagonal.
 * undefined when z(n+1) = z(1) (no scale).
 */
export function normalisedCodes(codes: readonly number[]): number[] | undefined {
  const first = codes[0];
  const last = codes[codes.length - 1];
  if (first === undefined || last === undefined || last === first || !Number.isFinite(last - first)) return undefined;
  return codes.map((z, k) => (k === 0 ? 0 : (z - first) / (last - first)));
}

/**
 * The vega-lite spec of a study's runs: the loss curves over seeds (log
 * scale on both axes, one thin line per run), and each run's final codes,
 * normalised (normalisedCodes), against the exact construction's linear
 * code (the dashed diagonal).
 */
export function studyCurvesSpec(runs: readonly CurveRun[], title: string, eps?: number): Record<string, unknown> {
  const loss = runs.flatMap((r) => thinLogCurve(r.curve).map(([epoch, mse]) => ({ seed: r.seed, epoch, mse })));
  const codes = runs.flatMap((r) => (normalisedCodes(r.codes) ?? []).map((t, k) => ({ seed: r.seed, i: k + 1, t })));
  const m = Math.max(1, ...runs.map((r) => r.codes.length));
  const exact = Array.from({ length: m }, (_, k) => ({ i: k + 1, t: m === 1 ? 0 : k / (m - 1) }));
  const line = { type: 'line', color: '#4c78a8', opacity: 0.35, strokeWidth: 1 };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    hconcat: [
      {
        width: 320,
        height: 220,
        layer: [
          {
            data: { values: loss },
            mark: line,
            encoding: {
              x: { field: 'epoch', type: 'quantitative', scale: { type: 'log', nice: false }, title: 'epoch (log)' },
              y: { field: 'mse', type: 'quantitative', scale: { type: 'log' }, title: 'MSE, float32 (log)' },
              detail: { field: 'seed', type: 'nominal' },
            },
          },
          ...(eps === undefined
            ? []
            : [
                {
                  mark: { type: 'rule', color: '#c0392b', strokeDash: [4, 3] },
                  encoding: { y: { datum: eps, type: 'quantitative' } },
                },
              ]),
        ],
      },
      {
        width: 220,
        height: 220,
        layer: [
          {
            data: { values: codes },
            mark: { ...line, point: false },
            encoding: {
              x: {
                field: 'i',
                type: 'quantitative',
                title: 'signal i (n + 1: the zero signal)',
                axis: { tickMinStep: 1 },
              },
              y: { field: 't', type: 'quantitative', title: '(z(i) - z(1)) / (z(n+1) - z(1))' },
              detail: { field: 'seed', type: 'nominal' },
            },
          },
          {
            data: { values: exact },
            mark: { type: 'line', color: 'black', strokeDash: [5, 3], strokeWidth: 1.5 },
            encoding: { x: { field: 'i', type: 'quantitative' }, y: { field: 't', type: 'quantitative' } },
          },
        ],
      },
    ],
  };
}

/** The caption of the curves figure: what is drawn, and the runs whose codes have no scale. */
export function studyCurvesCaption(runs: readonly CurveRun[], what: string, eps?: number): string {
  const flat = runs.filter((r) => normalisedCodes(r.codes) === undefined).length;
  let c = `${what}, ${runs.length} runs: left, the MSE against the epoch, both on log scales (at most 12 logged points per decade of each run)`;
  if (eps !== undefined) c += `, dashed at the deck's epsilon ${eps.toExponential()}`;
  c +=
    "; right, the final codes scaled so that the first signal is at 0 and the zero signal at 1, against the exact construction's linear code (dashed diagonal): a run on the diagonal has a linear code, a run that leaves [0, 1] or turns back is not monotone.";
  if (flat > 0) c += ` ${flat} run(s) with z(n+1) = z(1) have no scale and are not drawn on the right.`;
  return c;
}
