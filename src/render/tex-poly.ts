/**
 * LaTeX for the exact objects the claim pages print inside `$...$`:
 * polynomials (the kernel's Poly has only a plain-text printer), rational
 * vectors and small matrices written inline. The atlas is Markdown read by
 * GitHub's MathJax, so nothing here uses `\\` line breaks or `|` (both break
 * Markdown table cells); matrices inline are written row by row with `;`.
 */
import type { Poly } from '../kernel/poly.js';
import type { Q } from '../kernel/rational.js';
import { latexQ } from './format.js';

/** How to print one variable, e.g. `u2_1` -> `u_{2,1}`. */
export type TexVariable = (name: string) => string;

/** The default variable printer: a name `x12_3` becomes `x_{12,3}`, `C` stays `C`. */
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
 * A polynomial in LaTeX, e.g. `C^{2} - C\,u_{2,1}`. Terms are ordered by
 * the exponent of `leading` (highest first), then by monomial, so that a
 * determinant in C reads from $C^n$ down; coefficients are exact rationals.
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
      const body = mono === '' ? latexQ(a) : a.num === 1n && a.den === 1n ? mono : `${latexQ(a)}\\,${mono}`;
      return idx === 0 ? (neg ? `-${body}` : body) : `${neg ? ' - ' : ' + '}${body}`;
    })
    .join('');
}

/** A rational vector inline: `(1, -\frac{1}{2}, 3)`. */
export function texVec(v: readonly Q[]): string {
  return `(${v.map(latexQ).join(', ')})`;
}

/** A small matrix inline, row by row: `[1, 0; -1, 2]` (safe inside Markdown tables). */
export function texRows(a: readonly (readonly Q[])[]): string {
  return `[${a.map((r) => r.map(latexQ).join(', ')).join('; ')}]`;
}

/** A matrix as a display bmatrix (for `$$...$$` lines, never inside a table). */
export function texBmatrix(a: readonly (readonly Q[])[]): string {
  return `\\begin{bmatrix} ${a.map((r) => r.map(latexQ).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
}

/** A range of n in LaTeX: `n = 3` or `n = 1, \dots, 8`. */
export function texRange(a: number, b: number, name = 'n'): string {
  return a === b ? `${name} = ${a}` : `${name} = ${a}, \\dots, ${b}`;
}

/** A range of n in plain text: `n = 3` or `n = 1..8`. */
export function plainRange(a: number, b: number, name = 'n'): string {
  return a === b ? `${name} = ${a}` : `${name} = ${a}..${b}`;
}
