/**
 * The plot of a training session (vega-lite, rendered by render/figure.ts):
 * loss against epoch (log scale) and the codes.
 */
import type { TopLevelSpec } from 'vega-lite';
import { figureSvg } from '../render/figure.js';

export interface PlotRun {
  seed: number;
  curve: [number, number][];
  codes: number[];
}

export async function plotSvg(runs: readonly PlotRun[], title: string): Promise<string> {
  const loss = runs.flatMap((r) =>
    r.curve.filter(([, l]) => l > 0).map(([epoch, l]) => ({ seed: String(r.seed), epoch, loss: l })),
  );
  const codes = runs.flatMap((r) => r.codes.map((z, i) => ({ seed: String(r.seed), i: i + 1, z })));
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    vconcat: [
      {
        width: 520,
        height: 260,
        data: { values: loss },
        mark: { type: 'line' },
        encoding: {
          x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
          y: { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'MSE (float32)' },
          color: { field: 'seed', type: 'nominal' },
        },
      },
      {
        width: 520,
        height: 200,
        data: { values: codes },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'i', type: 'quantitative', title: 'signal i' },
          y: { field: 'z', type: 'quantitative', title: 'code z(i)' },
          color: { field: 'seed', type: 'nominal' },
        },
      },
    ],
  };
  return figureSvg(spec as unknown as Record<string, unknown>);
}
