/**
 * Exact rationals, vectors and matrices as the math of an atlas page
 * (GitHub-flavoured Markdown rendered with MathJax): inline forms that are
 * safe inside Markdown table cells (no `|`, no `\\` line breaks; matrices
 * written row by row with rows separated by semicolons) and a display form
 * for free text lines. format.ts prints LaTeX for the paper output; these
 * are the page's inline variants.
 */
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';

/** A rational as inline math without the dollars: `3`, `-\tfrac{3}{7}`. */
export function texQ(x: Q): string {
  if (x.isInteger()) return x.num.toString();
  const a = x.abs();
  return `${x.sign() < 0 ? '-' : ''}\\tfrac{${a.num}}{${a.den}}`;
}

/** A vector as `(a, b, c)` (inline math, no dollars). */
export function texVec(v: readonly Q[]): string {
  return `(${v.map(texQ).join(', ')})`;
}

/** A matrix as `[a, b; c, d]`, rows separated by semicolons (inline math, safe in table cells). */
export function texMatInline(a: Mat): string {
  return `[${a.map((r) => r.map(texQ).join(', ')).join('; ')}]`;
}

/** A matrix as a bmatrix, for `$$...$$` display lines outside tables. */
export function texMat(a: Mat): string {
  return `\\begin{bmatrix} ${a.map((r) => r.map(texQ).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
}
