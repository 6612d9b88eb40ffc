/**
 * The study histograms: the spec compiles without a warning, renders, and
 * vega's own binned data counts each run once, in the bin its value falls
 * in (computed by hand below), diverged runs left out.
 */
import { describe, expect, it } from 'vitest';
import { convertSvg, figureSvg, svgRenderer } from '../../src/render/figure.js';
import { MSE_FLOOR, studyHistogramCaption, studyHistogramSpec } from '../../src/render/study-figure.js';

/** The binned rows of a compiled spec, per panel: [bin start, group, count]. */
async function bins(
  spec: Record<string, unknown>,
): Promise<{ warnings: string[]; panels: [number, string, number][][] }> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const warnings: string[] = [];
  const note = (...a: unknown[]) => {
    warnings.push(a.map(String).join(' '));
    return logger;
  };
  const logger = { level: () => logger, error: note, warn: note, info: () => logger, debug: () => logger };
  const compiled = vl.compile(spec as never, { logger: logger as never }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  await view.runAsync();
  const panels: [number, string, number][][] = [];
  for (const d of compiled.data ?? []) {
    const rows = view.data(d.name) as Record<string, unknown>[];
    if (!rows.every((r) => '__count' in r && 'group' in r) || rows.length === 0) continue;
    const start = Object.keys(rows[0] as object).find((k) => k.startsWith('bin_') && !k.endsWith('_end')) as string;
    panels.push(rows.map((r) => [r[start] as number, r.group as string, r.__count as number]));
  }
  view.finalize();
  return { warnings, panels };
}

const sorted = (xs: [number, string, number][]) => [...xs].sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0]);

describe('studyHistogramSpec', () => {
  const groups = [
    {
      label: 'torch init, 5 seeds',
      runs: [
        { finalMse: 1e-7, settled: 0 },
        { finalMse: 2e-6, settled: 500 },
        { finalMse: 0, settled: 999 },
        { finalMse: 0.3, settled: 1000 },
        { finalMse: NaN, settled: 40, diverged: 41 },
      ],
    },
    { label: 'keras-glorot init, 1 seed', runs: [{ finalMse: 0.3, settled: 1000 }] },
  ];
  const spec = studyHistogramSpec(groups, 1000, 'test', { mse: [1e-5, 1e-3], epoch: 100 });

  it('compiles without a warning and counts each finite run in its bin', async () => {
    const { warnings, panels } = await bins(spec);
    expect(warnings).toEqual([]);
    expect(panels).toHaveLength(2);
    // log10 MSE in bins of 0.25 from floor(min) = -15 (the floor 1e-15 of MSE 0):
    // 1e-7 -> [-7, -6.75); 2e-6 (-5.70) -> [-5.75, -5.5); 0 -> 1e-15 -> [-15, -14.75); 0.3 (-0.52) -> [-0.75, -0.5).
    expect(sorted(panels[0] as [number, string, number][])).toEqual(
      sorted([
        [-7, 'torch init, 5 seeds', 1],
        [-5.75, 'torch init, 5 seeds', 1],
        [-15, 'torch init, 5 seeds', 1],
        [-0.75, 'torch init, 5 seeds', 1],
        [-0.75, 'keras-glorot init, 1 seed', 1],
      ]),
    );
    // Settling epochs in 20 bins of 50 over [0, 1000]; a run that settles at the last epoch is in the last bin.
    expect(sorted(panels[1] as [number, string, number][])).toEqual(
      sorted([
        [0, 'torch init, 5 seeds', 1],
        [500, 'torch init, 5 seeds', 1],
        [950, 'torch init, 5 seeds', 2],
        [950, 'keras-glorot init, 1 seed', 1],
      ]),
    );
  });

  it('renders to SVG, the same bytes twice, and to PNG when rsvg-convert is there', async () => {
    const a = await figureSvg(spec);
    expect(a).toMatch(/^<svg/);
    expect(a).toContain('log10 of the final MSE');
    expect(await figureSvg(spec)).toBe(a);
    if (svgRenderer()) expect(convertSvg(a, 'png').subarray(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    else if (process.env.CI) throw new Error('rsvg-convert is missing');
  });

  it('the caption counts the runs that are not drawn as they are', () => {
    const c = studyHistogramCaption(groups, 'free');
    expect(c).toContain(`1 run(s) with MSE below ${MSE_FLOOR}`);
    expect(c).toContain('1 diverged run(s) are not drawn');
  });
});
