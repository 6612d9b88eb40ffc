/**
 * LaTeX for the math of the atlas pages (GitHub-flavoured Markdown rendered
 * with MathJax): exact rationals, vectors, matrices, polynomials, ReLU
 * columns and ranges of n. Every inline form is safe inside a Markdown
 * table cell: no `|`, no `\\` line breaks, no bare `_` or `*`; inline
 * matrices are written row by row, rows separated by semicolons,
 * `[a, b; c, d]`. Fractions are `\tfrac` so that entries in a row do not
 * touch. (format.ts prints the LaTeX of the paper output.)
 */
import type { Poly } from '../kernel/poly.js';
import type { Q } from '../kernel/rational.js';

/** `$...$` around a formula. */
export function math(tex: string): string {
  return `$${tex}$`;
}

/** A rational, without dollars: `3`, `-\tfrac{3}{7}`. */
export function texQ(x: Q): string {
  if (x.isInteger()) return x.num.toString();
  const a = x.abs();
  return `${x.sign() < 0 ? '-' : ''}\\tfrac{${a.num}}{${a.den}}`;
}

/** A vector, without dollars: `(a, b, c)`. */
export function texVec(v: readonly Q[]): string {
  return `(${v.map(texQ).join(', ')})`;
}

/** texVec in dollars. */
export function texTuple(v: readonly Q[]): string {
  return math(texVec(v));
}

/** A matrix inline, without dollars: `[a, b; c, d]` (rows separated by semicolons; safe in table cells). */
export function texRows(a: readonly (readonly Q[])[]): string {
  return `[${a.map((r) => r.map(texQ).join(', ')).join('; ')}]`;
}

/** texRows in dollars. */
export function texInlineMatrix(a: readonly (readonly Q[])[]): string {
  return math(texRows(a));
}

/** A matrix as a display bmatrix, for `$$...$$` lines outside tables. */
export function texBmatrix(a: readonly (readonly Q[])[]): string {
  return `\\begin{bmatrix} ${a.map((r) => r.map(texQ).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
}

/** How to print one variable, e.g. `u2_1` -> `u_{2,1}`. */
export type TexVariable = (name: string) => string;

/** The default variable printer: a name `x12_3` becomes `x_{12,3}`, `x3` becomes `x_{3}`, `C` stays `C`. */
export const texVariable: TexVariable = (name) => {
  const m = /^([A-Za-z]+)(\d+)_(\d+)$/.exec(name);
  if (m) return `${m[1]}_{${m[2]},${m[3]}}`;
  const s = /^([A-Za-z]+)(\d+)$/.exec(name);
  return s ? `${s[1]}_{${s[2]}}` : name;
};

/** The factors of a monomial key as written by Poly.termList (`C^2*u2_1`): [variable, exponent]. */
function factors(monomial: string): [string, number][] {
  if (monomial === '') return [];
  return monomial.split('*').map((f): [string, number] => {
    const [v, e] = f.split('^') as [string, string | undefined];
    return [v, e === undefined ? 1 : Number(e)];
  });
}

/**
 * A polynomial, e.g. `C^{2} - C\,u_{2,1}`. Terms are ordered by the exponent
 * of `leading` (highest first), then by monomial, so that a determinant in
 * C reads from $C^n$ down; coefficients are exact rationals.
 */
export function texPoly(p: Poly, options: { variable?: TexVariable; leading?: string } = {}): string {
  const variable = options.variable ?? texVariable;
  const lead = options.leading;
  const terms = p.termList().map((t) => ({ ...t, f: factors(t.monomial) }));
  if (terms.length === 0) return '0';
  const power = (f: [string, number][]) => f.find(([v]) => v === lead)?.[1] ?? 0;
  terms.sort((a, b) => power(b.f) - power(a.f) || (a.monomial < b.monomial ? -1 : a.monomial > b.monomial ? 1 : 0));
  return terms
    .map(({ f, coef }, idx) => {
      const neg = coef.sign() < 0;
      const a = coef.abs();
      const mono = f
        // The leading variable first, as in C^2 u_{2,1}.
        .sort(([x], [y]) => (x === lead ? -1 : y === lead ? 1 : 0))
        .map(([v, e]) => (e === 1 ? variable(v) : `${variable(v)}^{${e}}`))
        .join('\\,');
      const body = mono === '' ? texQ(a) : a.num === 1n && a.den === 1n ? mono : `${texQ(a)}\\,${mono}`;
      return idx === 0 ? (neg ? `-${body}` : body) : `${neg ? ' - ' : ' + '}${body}`;
    })
    .join('');
}

/** A column ReLU(s (z - t)), without dollars: `\mathrm{ReLU}(\tfrac{4}{3} - z)`, `\mathrm{ReLU}(z + 1)`. */
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
  return math(cols.map(texRelu).join(',\\ '));
}

/** A range of n, without dollars: `n = 3`, `n = 1, 2`, `n = 1, \dots, 8`. */
export function texRange(a: number, b: number, name = 'n'): string {
  if (a === b) return `${name} = ${a}`;
  if (b === a + 1) return `${name} = ${a}, ${b}`;
  return `${name} = ${a}, \\dots, ${b}`;
}

/** texRange in dollars. */
export function texRangeMath(a: number, b: number, name = 'n'): string {
  return math(texRange(a, b, name));
}

/** A set of n as maximal runs, in dollars: `$n = 1, \dots, 3$ and $n = 5$`. */
export function texNs(ns: readonly number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const n of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([a, b]) => texRangeMath(a, b)).join(' and ');
}

/** A range of n in plain text: `n = 3` or `n = 1..8`. */
export function plainRange(a: number, b: number, name = 'n'): string {
  return a === b ? `${name} = ${a}` : `${name} = ${a}..${b}`;
}
