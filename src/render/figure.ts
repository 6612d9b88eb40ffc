/**
 * vega-lite specs to SVG, the one plotting pipeline of stepae (the atlas's
 * figures and `verify train --plot`). Rendered by vega in Node without a
 * browser or canvas, so text widths are vega's own estimate from the font
 * size, the same on every machine; the font is pinned (DejaVu Sans, which
 * rsvg-convert and browsers find or substitute the same way), the
 * background is white and nothing depends on the date: the same spec gives
 * the same bytes.
 */
import { spawnSync } from 'node:child_process';

/** The configuration every figure gets (the spec's own config wins). */
const CONFIG = {
  font: 'DejaVu Sans',
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14 },
};

/** A vega-lite spec (data inline) as SVG text. */
export async function figureSvg(spec: Record<string, unknown>): Promise<string> {
  // Loaded on demand: vega is large, and most commands never plot.
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const config = { ...CONFIG, ...((spec.config as Record<string, unknown> | undefined) ?? {}) };
  const compiled = vl.compile({ ...spec, config } as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg.endsWith('\n') ? svg : svg + '\n';
}

/** The SVG-to-PNG/PDF renderer, when one is on the PATH (Debian: librsvg2-bin). */
export function svgRenderer(): string | undefined {
  return spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' }).status === 0 ? 'rsvg-convert' : undefined;
}

/**
 * An SVG as PNG (at `scale` times its size) or PDF (vector) bytes.
 * @throws Error when rsvg-convert is missing or fails
 */
export function convertSvg(svg: string, format: 'png' | 'pdf', scale = 1): Uint8Array {
  const args = ['--format', format, '--background-color', 'white'];
  if (format === 'png' && scale !== 1) args.push('--zoom', String(scale));
  const r = spawnSync('rsvg-convert', args, { input: svg, maxBuffer: 64 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`rsvg-convert failed: ${String(r.stderr ?? r.error ?? 'not found').trim()}`);
  return new Uint8Array(r.stdout);
}
