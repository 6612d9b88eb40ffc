/**
 * The study histograms: the spec compiles without a warning, renders, and
 * vega's own binned data counts each run once, in the bin its value falls
 * in (computed by hand below), diverged runs left out.
 */
import { describe, expect, it } from 'vitest';
import { convertSvg, figureSvg, svgRenderer } from '../../src/render/figure.js';
import {
  MSE_FLOOR,
  normalisedCodes,
  studyCurvesCaption,
  studyCurvesSpec,
  studyHistogramCaption,
  studyHistogramSpec,
  thinLogCurve,
} from '../../src/render/study-figure.js';

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

describe('the curves figure', () => {
  // Hand-computed: t(i) = (z(i) - z(1)) / (z(n+1) - z(1)).
  it.each([
    ['increasing linear', [2, 4, 6], [0, 0.5, 1]],
    ['decreasing linear (alpha < 0)', [5, 3, 1], [0, 0.5, 1]],
    ['not monotone', [1, 3, 2], [0, 2, 1]],
    ['no scale: z(n+1) = z(1)', [1, 5, 1], undefined],
    ['one code', [7], undefined],
  ])('normalisedCodes, %s', (_name, codes, expected) => {
    expect(normalisedCodes(codes)).toEqual(expected);
  });

  it('thinLogCurve keeps at most 12 points per decade, the first and the last, and no epoch 0 or non-finite loss', () => {
    const curve: [number, number][] = Array.from({ length: 1001 }, (_, e) => [e, 1 / (e + 1)]);
    curve[500] = [500, Infinity];
    const thin = thinLogCurve(curve);
    expect(thin[0]).toEqual([1, 0.5]);
    expect(thin[thin.length - 1]).toEqual([1000, 1 / 1001]);
    expect(thin.every(([e, l]) => e >= 1 && Number.isFinite(l))).toBe(true);
    for (const d of [0, 1, 2]) {
      const inDecade = thin.filter(([e]) => e >= 10 ** d && e < 10 ** (d + 1)).length;
      expect(inDecade).toBeGreaterThan(0);
      expect(inDecade).toBeLessThanOrEqual(12);
    }
    // Epochs strictly increase.
    expect(thin.every(([e], k) => k === 0 || e > (thin[k - 1] as [number, number])[0])).toBe(true);
  });

  it('compiles without a warning, draws every run with a scale, and says which have none', async () => {
    const runs = [
      {
        seed: 1,
        curve: [
          [0, 1],
          [10, 0.1],
          [100, 0.01],
        ] as [number, number][],
        codes: [0, 1, 2],
      },
      {
        seed: 2,
        curve: [
          [0, 1],
          [10, 0.5],
          [100, 0.2],
        ] as [number, number][],
        codes: [3, 9, 3],
      },
    ];
    const spec = studyCurvesSpec(runs, 'test', 1e-5);
    const vl = await import('vega-lite');
    const warnings: string[] = [];
    const note = (...a: unknown[]) => {
      warnings.push(a.map(String).join(' '));
      return logger;
    };
    const logger = { level: () => logger, error: note, warn: note, info: () => logger, debug: () => logger };
    vl.compile(spec as never, { logger: logger as never });
    expect(warnings).toEqual([]);
    const svg = await figureSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(studyCurvesCaption(runs, 'test', 1e-5)).toMatch(
      /2 runs: .* 1 run\(s\) with z\(n\+1\) = z\(1\) have no scale/,
    );
    expect(studyCurvesCaption(runs.slice(0, 1), 'test')).not.toMatch(/no scale/);
  });
});
