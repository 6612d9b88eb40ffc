/**
 * LaTeX output: exact matrices as bmatrix (\frac for non-integers),
 * booktabs tables, and a standalone document (article, amsmath, booktabs,
 * graphicx, geometry) or a fragment.
 */
import type { Construction } from '../construct/decoder.js';
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';
import { latexMatrix, latexQ } from './format.js';

/** Escapes text for LaTeX (outside math). */
export function latexEscape(text: string): string {
  return text.replace(/[\\{}$&#%_^~]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\textbackslash{}';
      case '^':
        return '\\textasciicircum{}';
      case '~':
        return '\\textasciitilde{}';
      default:
        return `\\${c}`;
    }
  });
}

/** A command in typewriter type, breakable at spaces. */
export function latexCommand(cmd: string): string {
  return `\\texttt{${latexEscape(cmd)}}`;
}

/** A column vector as a bmatrix. */
function latexColumn(v: readonly Q[]): string {
  return latexMatrix(v.map((x) => [x]));
}

/** One display equation scaled down to the line width when too wide. */
function fitted(math: string): string {
  return `\\noindent\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{$\\displaystyle ${math}$}\n`;
}

/** The exact weights of a construction, with a caption saying what was verified and how to reproduce it. */
export function latexConstruction(
  c: Construction,
  command: string,
  verified: { signals: boolean; zeroSignal: boolean },
): string {
  const w = c.weights;
  const eq = (name: string, m: Mat) => `${name} = ${latexMatrix(m)}`;
  const where = !verified.signals
    ? 'NOT all signals'
    : verified.zeroSignal
      ? 'all $n+1$ signals, the zero signal included'
      : 'signals $1, \\dots, n$ (the zero signal is not reconstructed)';
  return [
    '\\begin{table}[ht]',
    '\\centering',
    `\\caption{Exact solution for $n = ${c.n}$, $n^{[2]} = ${c.n2}$, $C = ${latexQ(c.C)}$, $\\mathbf{b}^{[3]} = 0$. ` +
      `Verified by exact rational arithmetic: $Y = X$ on ${where}. Reproduce: ${latexCommand(command)}.}`,
    `\\label{tab:stepae-n${c.n}}`,
    fitted(
      `${eq('W^{[1]}', w.W1)},\\quad \\mathbf{b}^{[1]} = ${latexColumn(w.b1)},\\quad \\mathbf{z} = ${latexColumn(c.codes)}`,
    ),
    '',
    fitted(`${eq('W^{[2]}', w.W2)},\\quad \\mathbf{b}^{[2]} = ${latexColumn(w.b2)},\\quad ${eq('W^{[3]}', w.W3)}`),
    '',
    fitted(`${eq('A^{[2]}', c.A2)},\\quad ${eq('U^{[3]}', c.U3)}`),
    '\\end{table}',
    '',
  ].join('\n');
}

/** One row of the range table. */
export interface RangeRow {
  n: number;
  codes: readonly Q[];
  knots: readonly Q[];
  detA2: Q;
  zeroSignal: boolean;
}

/** A booktabs table over a range of n. */
export function latexRangeTable(rows: readonly RangeRow[], caption: string, command: string): string {
  const body = rows
    .map(
      (r) =>
        `${r.n} & $${r.codes.map(latexQ).join(', ')}$ & $${r.knots.map(latexQ).join(', ')}$ & $${latexQ(r.detA2)}$ & ${r.zeroSignal ? 'yes' : 'no'} \\\\`,
    )
    .join('\n');
  return [
    '\\begin{table}[ht]',
    '\\centering',
    `\\caption{${latexEscape(caption)} Reproduce: ${latexCommand(command)}.}`,
    '\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%',
    '\\begin{tabular}{rllrl}',
    '\\toprule',
    '$n$ & codes $z^{(i)}$ & knots $t_j$ & $\\det A^{[2]}_{1..n}$ & zero signal \\\\',
    '\\midrule',
    body,
    '\\bottomrule',
    '\\end{tabular}}',
    '\\end{table}',
    '',
  ].join('\n');
}

/** Wraps a body in a standalone document that pdflatex compiles. */
export function latexDocument(body: string, title: string): string {
  return [
    '\\documentclass{article}',
    '\\usepackage[margin=2cm]{geometry}',
    '\\usepackage{amsmath}',
    '\\usepackage{booktabs}',
    '\\usepackage{graphicx}',
    `\\title{${latexEscape(title)}}`,
    '\\date{}',
    '\\begin{document}',
    '\\maketitle',
    body,
    '\\end{document}',
    '',
  ].join('\n');
}
