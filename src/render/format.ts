/**
 * Small shared renderers: a terminal table, LaTeX for rationals and
 * matrices, and JSON with rationals as strings.
 */
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';

/** A plain-text table with aligned columns and a rule under the header. */
export function textTable(header: readonly string[], body: readonly (readonly string[])[]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => (r[j] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, j) => c.padEnd(widths[j] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n') + '\n';
}

/** A matrix as right-aligned text rows. */
export function textMatrix(a: Mat): string {
  const cells = a.map((r) => r.map((x) => x.toString()));
  // A loop, not Math.max(...cells): spreading n^2 cells overflows the call stack from n = 360.
  let w = 1;
  for (const row of cells) for (const c of row) w = Math.max(w, c.length);
  return cells.map((r) => '[ ' + r.map((c) => c.padStart(w)).join('  ') + ' ]').join('\n') + '\n';
}

/** A rational in LaTeX: `3`, `-\frac{3}{7}`. */
export function latexQ(x: Q): string {
  if (x.isInteger()) return x.num.toString();
  const a = x.abs();
  return `${x.sign() < 0 ? '-' : ''}\\frac{${a.num}}{${a.den}}`;
}

/** A matrix as a LaTeX bmatrix (amsmath). */
export function latexMatrix(a: Mat): string {
  const body = a.map((r) => '  ' + r.map(latexQ).join(' & ')).join(' \\\\\n');
  return `\\begin{bmatrix}\n${body}\n\\end{bmatrix}`;
}

/** JSON with every Q as its canonical string ("-3/7") and bigints as strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
}

/** A matrix as rows of rational strings. */
export function matStrings(a: Mat): string[][] {
  return a.map((r) => r.map((x) => x.toString()));
}
