/**
 * Plots with vega-lite (rendered to SVG by vega in Node, no browser): loss
 * against epoch (log scale) and the codes. PNG goes through rsvg-convert
 * (Debian's librsvg2-bin) when it is installed.
 */
import { spawnSync } from 'node:child_process';
import type { TopLevelSpec } from 'vega-lite';

/** The SVG-to-PNG renderer, when one is on the PATH. */
export function pngRenderer(): string | undefined {
  return spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' }).status === 0 ? 'rsvg-convert' : undefined;
}

/**
 * An SVG as PNG bytes.
 * @throws Error when rsvg-convert is missing or fails
 */
export function svgToPng(svg: string): Uint8Array {
  const r = spawnSync('rsvg-convert', ['--format', 'png', '--background-color', 'white'], {
    input: svg,
    maxBuffer: 64 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`rsvg-convert failed: ${String(r.stderr ?? r.error ?? 'not found').trim()}`);
  return new Uint8Array(r.stdout);
}

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
  // Loaded on demand: vega is large, and most commands never plot.
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  return view.toSVG();
}
