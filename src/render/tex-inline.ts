/**
 * Rationals, vectors and matrices as inline LaTeX for the atlas pages
 * (GitHub renders `$...$` with MathJax). Everything here is safe inside a
 * Markdown table cell: no `|`, no `\\` line breaks, no bare `_` or `*`.
 * Matrices are written row by row with rows separated by semicolons,
 * `[a, b; c, d]`, the convention every page using them states.
 */
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';

/** A rational in inline LaTeX: `3`, `-\tfrac{3}{7}` (text-size fractions so that rows do not touch). */
export function texQ(x: Q): string {
  if (x.isInteger()) return x.num.toString();
  const a = x.abs();
  return `${x.sign() < 0 ? '-' : ''}\\tfrac{${a.num}}{${a.den}}`;
}

/** A vector as `(a, b, c)`. */
export function texVec(v: readonly Q[]): string {
  return `(${v.map(texQ).join(', ')})`;
}

/** A matrix as `[a, b; c, d]` (rows separated by semicolons). */
export function texMat(a: Mat): string {
  return `[${a.map((r) => r.map(texQ).join(', ')).join('; ')}]`;
}

/** `$...$` around a formula. */
export function math(tex: string): string {
  return `$${tex}$`;
}
