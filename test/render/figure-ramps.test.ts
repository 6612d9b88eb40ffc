import { describe, expect, it } from 'vitest';
import { Q } from '../../src/kernel/rational.js';
import { rampFigureSpec } from '../../src/render/figure-ramps.js';

type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string } };

describe('rampFigureSpec', () => {
  const input = {
    title: 'T_2',
    codes: [Q.int(1), Q.int(2)],
    columns: [
      { s: -1 as const, t: Q.of(3n, 2n) },
      { s: 1 as const, t: Q.of(3n, 2n) },
    ],
  };

  it('has the entries of A2 as dots and one knot per column, data sorted and deterministic', () => {
    const spec = rampFigureSpec(input);
    expect(JSON.stringify(spec)).toBe(JSON.stringify(rampFigureSpec(input)));
    const [top, strip] = spec.vconcat as { layer: Layer[] }[];
    const dots = top!.layer.find((l) => l.mark.type === 'point')!.data.values;
    // (3/2 - z)_+ at 1, 2 is 1/2, 0; (z - 3/2)_+ is 0, 1/2: by hand.
    expect(dots.map((d) => [d.column, d.z, d.a])).toEqual([
      ['1: ReLU(3/2 − z)', 1, 0.5],
      ['1: ReLU(3/2 − z)', 2, 0],
      ['2: ReLU(z − 3/2)', 1, 0],
      ['2: ReLU(z − 3/2)', 2, 0.5],
    ]);
    const knots = strip!.layer.find((l) => l.mark.type === 'point')!.data.values;
    expect(knots.map((k) => k.knot)).toEqual(['t = 3/2', 't = 3/2']);
  });

  it('compiles with vega-lite and renders to SVG with vega', async () => {
    const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
    const compiled = vl.compile(rampFigureSpec(input) as never);
    const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none' });
    const svg = await view.toSVG();
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('T_2');
    expect(svg).toContain('t = 3/2');
  });
});
