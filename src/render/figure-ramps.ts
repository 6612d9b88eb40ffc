/**
 * A vega-lite figure of a layer-2 matrix A2 with ReLU columns: each column
 * ReLU(s (z - t)) drawn as a ramp over the codes, its entries at the codes
 * as dots (these are the entries of A2), and its knot t as a triangle on a
 * strip below, one line per column; the codes are dashed vertical rules. Data inline and sorted, no
 * dates: the spec is deterministic. Style as src/train/plot.ts (vega-lite
 * v6 schema, nominal colour per series).
 *
 * Floats appear only here, for drawing: the matrix itself is exact
 * elsewhere.
 */
import type { Q } from '../kernel/rational.js';
import { plainRelu } from './tex.js';

/** What to draw: the codes (rows of A2) and the columns ReLU(s (z - t)). */
export interface RampFigureInput {
  title: string;
  codes: readonly Q[];
  columns: readonly { s: 1 | -1; t: Q }[];
}

function ramp(s: 1 | -1, t: number, z: number): number {
  return Math.max(0, s * (z - t));
}

/** The vega-lite spec (data inline) of one A2 as ReLU ramps over the codes. */
export function rampFigureSpec(input: RampFigureInput): Record<string, unknown> {
  const codes = input.codes.map((z) => z.toNumber());
  const cols = input.columns.map((c, j) => ({
    label: `${j + 1}: ${plainRelu(c)}`,
    s: c.s,
    t: c.t.toNumber(),
    tText: c.t.toString(),
  }));
  const xs = [...codes, ...cols.map((c) => c.t)];
  const lo = Math.floor(Math.min(...xs)) - 1;
  const hi = Math.ceil(Math.max(...xs)) + 1;
  // A ramp is linear on each side of its knot: three points draw it exactly.
  const lines = cols.flatMap((c) =>
    [lo, Math.min(hi, Math.max(lo, c.t)), hi].map((z, k) => ({ column: c.label, order: k, z, a: ramp(c.s, c.t, z) })),
  );
  const entries = cols.flatMap((c) => codes.map((z, i) => ({ column: c.label, row: i + 1, z, a: ramp(c.s, c.t, z) })));
  const knots = cols.map((c) => ({ column: c.label, t: c.t, knot: `t = ${c.tText}` }));
  const rows = codes.map((z, i) => ({ z, row: `z${i + 1} = ${input.codes[i]?.toString()}` }));
  const color = { field: 'column', type: 'nominal', title: 'column of A2', sort: cols.map((c) => c.label) };
  const x = {
    field: 'z',
    type: 'quantitative',
    title: 'code z',
    scale: { domain: [lo, hi], nice: false },
    axis: { tickMinStep: 1 },
  };
  // The ramps' panel shares the strip's x axis: its title is said once, under the strip.
  const xTop = { ...x, axis: { tickMinStep: 1, title: null } };
  const codeRules = (xEnc: Record<string, unknown>) => ({
    data: { values: rows },
    mark: { type: 'rule', color: '#999999', strokeDash: [3, 3] },
    encoding: { x: xEnc },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: input.title,
    vconcat: [
      {
        width: 420,
        height: 220,
        layer: [
          codeRules(xTop),
          {
            data: { values: lines },
            mark: { type: 'line', clip: true },
            encoding: {
              x: xTop,
              y: { field: 'a', type: 'quantitative', title: 'entry of A2' },
              color,
              order: { field: 'order', type: 'quantitative' },
            },
          },
          {
            data: { values: entries },
            mark: { type: 'point', filled: true, size: 60, opacity: 1 },
            encoding: { x: xTop, y: { field: 'a', type: 'quantitative' }, color },
          },
        ],
      },
      {
        // The knots on a strip of their own, one line per column, so that knots on a code stay visible.
        width: 420,
        height: 18 * cols.length + 8,
        layer: [
          codeRules(x),
          {
            data: { values: knots },
            mark: { type: 'point', shape: 'triangle-up', filled: true, size: 110, opacity: 1 },
            encoding: {
              x: { ...x, field: 't' },
              y: {
                field: 'column',
                type: 'nominal',
                sort: cols.map((c) => c.label),
                axis: { title: 'knots', labels: false, ticks: false },
              },
              color,
            },
          },
          {
            data: { values: knots },
            mark: { type: 'text', align: 'left', dx: 9, fontSize: 10 },
            encoding: {
              x: { ...x, field: 't' },
              y: { field: 'column', type: 'nominal', sort: cols.map((c) => c.label) },
              text: { field: 'knot' },
            },
          },
        ],
      },
    ],
    resolve: { scale: { x: 'shared', color: 'shared' } },
  };
}
