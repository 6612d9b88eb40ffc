/**
 * LaTeX for the conjecture's atlas page (GitHub-flavoured Markdown with
 * $...$ math): rationals as \tfrac, ReLU columns, inline matrices and
 * ranges of n. Every string is safe inside a Markdown table cell: no `|`,
 * no `\\`, and no backslash before ASCII punctuation (Markdown would eat it
 * before the math is rendered).
 */
import type { Q } from '../kernel/rational.js';

/** A rational in LaTeX: `3`, `-\tfrac{1}{2}`. */
export function texQ(x: Q): string {
  if (x.isInteger()) return x.num.toString();
  const a = x.abs();
  return `${x.sign() < 0 ? '-' : ''}\\tfrac{${a.num}}{${a.den}}`;
}

/** A column ReLU(s (z - t)) in LaTeX, without dollars: `\mathrm{ReLU}(\tfrac{4}{3} - z)`, `\mathrm{ReLU}(z + 1)`. */
export function texRelu(c: { s: 1 | -1; t: Q }): string {
  const { s, t } = c;
  if (s === 1) {
    if (t.isZero()) return '\\mathrm{ReLU}(z)';
    return `\\mathrm{ReLU}(z ${t.sign() > 0 ? '-' : '+'} ${texQ(t.abs())})`;
  }
  if (t.isZero()) return '\\mathrm{ReLU}(-z)';
  return `\\mathrm{ReLU}(${texQ(t)} - z)`;
}

/** A column in plain text for figure legends: `ReLU(4/3 − z)`, `ReLU(z + 1)`. */
export function plainRelu(c: { s: 1 | -1; t: Q }): string {
  const { s, t } = c;
  if (s === 1) return t.isZero() ? 'ReLU(z)' : `ReLU(z ${t.sign() > 0 ? '−' : '+'} ${t.abs().toString()})`;
  return t.isZero() ? 'ReLU(−z)' : `ReLU(${t.toString().replace('-', '−')} − z)`;
}

/** Columns as one inline formula: `$\mathrm{ReLU}(z), \mathrm{ReLU}(2 - z)$`. */
export function texColumns(cols: readonly { s: 1 | -1; t: Q }[]): string {
  return `$${cols.map(texRelu).join(',\\ ')}$`;
}

/** A matrix inline, row by row, rows separated by semicolons, without dollars: `[\tfrac{1}{3}, 0;\ 0, \tfrac{2}{3}]`. */
export function texMatrixBody(a: readonly (readonly Q[])[]): string {
  return `[${a.map((r) => r.map(texQ).join(', ')).join(';\\ ')}]`;
}

/** texMatrixBody in dollars. */
export function texInlineMatrix(a: readonly (readonly Q[])[]): string {
  return `$${texMatrixBody(a)}$`;
}

/** A vector of rationals without dollars: `(1, 2, 3)`. */
export function texTupleBody(v: readonly Q[]): string {
  return `(${v.map(texQ).join(', ')})`;
}

/** texTupleBody in dollars. */
export function texTuple(v: readonly Q[]): string {
  return `$${texTupleBody(v)}$`;
}

/** A range of n in words and math: `$n = 3$`, `$n = 1, \dots, 4$`, `$n = 1, 2$`. */
export function texRange(lo: number, hi: number): string {
  if (lo === hi) return `$n = ${lo}$`;
  if (hi === lo + 1) return `$n = ${lo}, ${hi}$`;
  return `$n = ${lo}, \\dots, ${hi}$`;
}

/** A set of n (sorted, distinct) as maximal runs: `$n = 1, \dots, 3$ and $n = 5$`. */
export function texNs(ns: readonly number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([a, b]) => texRange(a, b)).join(' and ');
}
