/**
 * LaTeX a paper author can paste: exact matrices as display math (gather*,
 * bmatrix), booktabs tables whose captions are set as mathematics, and a
 * standalone document (article with a compact title block) or a fragment
 * that opens with the packages it needs.
 *
 * Fractions: inside a matrix or a table cell LaTeX already sets `\frac` in
 * text style, so `\tfrac` would change nothing there; what made fractions of
 * consecutive rows touch is the row height. Every matrix display and table
 * is set with `\arraystretch` {@link ARRAY_STRETCH}, inside a group so that a
 * pasted fragment changes nothing around it.
 */
import type { Construction } from '../construct/decoder.js';
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';
import { latexMatrix, latexQ } from './format.js';

/** Row height of matrices and tables (1 is LaTeX's default; 1.3 separates stacked text-style fractions). */
export const ARRAY_STRETCH = '1.3';

/** amsmath's bmatrix takes at most this many columns unless MaxMatrixCols is raised. */
const MAX_MATRIX_COLS = 10;

/** From this n on, a display line may be wider than the text: it is scaled down to the line width. */
const SCALE_FROM_N = 8;

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

/** A row vector as a one-row bmatrix. */
function latexRow(v: readonly Q[]): string {
  return latexMatrix([v.slice()]);
}

/** A column vector as a bmatrix. */
function latexColumn(v: readonly Q[]): string {
  return latexMatrix(v.map((x) => [x]));
}

/** Opens a group with taller array rows (and room for wide matrices); {@link endArrays} closes it. */
function beginArrays(columns: number): string[] {
  return [
    '\\begingroup',
    `\\renewcommand{\\arraystretch}{${ARRAY_STRETCH}}`,
    // amsmath refuses bmatrices wider than MaxMatrixCols (10); the counter is global, so it is only ever raised.
    ...(columns > MAX_MATRIX_COLS
      ? [`\\ifnum\\value{MaxMatrixCols}<${columns}\\setcounter{MaxMatrixCols}{${columns}}\\fi`]
      : []),
  ];
}

function endArrays(): string {
  return '\\endgroup';
}

/** One line of a display: scaled down to the line width when n is large enough for it to be wider. */
function displayLine(math: string, scale: boolean): string {
  return scale
    ? `\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{$\\displaystyle ${math}$}`
    : math;
}

/**
 * The exact weights of a construction as display math, after a sentence
 * saying what was verified and followed by the command that reproduces it.
 * @param encoder the encoder's description, e.g. `linear` or `random (seed 3)`
 */
export function latexConstruction(
  c: Construction,
  command: string,
  verified: { signals: boolean; zeroSignal: boolean },
  encoder = 'linear',
): string {
  const w = c.weights;
  const where = !verified.signals
    ? '\\emph{not} on all signals'
    : verified.zeroSignal
      ? 'on all $n + 1$ signals, the zero signal included'
      : 'on signals $1, \\dots, n$ (the zero signal is not reconstructed)';
  const scale = c.n >= SCALE_FROM_N || c.n2 >= SCALE_FROM_N;
  const eq = (name: string, m: Mat) => `${name} = ${latexMatrix(m)}`;
  const lines = [
    `${eq('W^{[1]}', w.W1)}, \\qquad b^{[1]} = ${latexQ(w.b1[0] as Q)}, \\qquad \\mathbf{z}^{\\mathsf{T}} = ${latexRow(c.codes)}`,
    `${eq('W^{[2]}', w.W2)}, \\qquad \\mathbf{b}^{[2]} = ${latexColumn(w.b2)}, \\qquad ${eq('W^{[3]}', w.W3)}`,
    `${eq('A^{[2]}', c.A2)}, \\qquad ${eq('U^{[3]}', c.U3)}`,
  ];
  return [
    `% stepae: exact solution for n = ${c.n}`,
    `\\noindent Exact solution for $n = ${c.n}$, $n^{[2]} = ${c.n2}$, $C = ${latexQ(c.C)}$, ${latexEscape(encoder)} encoder, ` +
      `no layer-3 bias ($\\mathbf{b}^{[3]} = 0$); verified by exact rational arithmetic: $Y = \\operatorname{ReLU}(U^{[3]}) = X$ ${where}.`,
    ...beginArrays(Math.max(c.n, c.n2, c.codes.length)),
    '\\begin{gather*}',
    // A little room between lines: a column vector's last fraction would touch the next line's matrix.
    lines.map((l) => displayLine(l, scale)).join(' \\\\[1ex]\n'),
    '\\end{gather*}',
    endArrays(),
    `\\noindent{\\small Reproduce: ${latexCommand(command)}}`,
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

/** What the rows of a range table have in common (for its caption). */
export interface RangeSetting {
  /** e.g. `linear` */
  encoder: string;
  C: Q;
}

/** `$n = 1, \dots, 5$`, `$n = 1, 2$` or `$n = 3$`: a range of n as mathematics. */
export function latexRange(from: number, to: number): string {
  if (from === to) return `$n = ${from}$`;
  if (to === from + 1) return `$n = ${from}, ${to}$`;
  return `$n = ${from}, \\dots, ${to}$`;
}

/** A booktabs table over a range of n, its caption set as mathematics. */
export function latexRangeTable(rows: readonly RangeRow[], setting: RangeSetting, command: string): string {
  const from = Math.min(...rows.map((r) => r.n));
  const to = Math.max(...rows.map((r) => r.n));
  const body = rows
    .map(
      (r) =>
        `${r.n} & $${r.codes.map(latexQ).join(', ')}$ & $${r.knots.map(latexQ).join(', ')}$ & $${latexQ(r.detA2)}$ & ${r.zeroSignal ? 'yes' : 'no'} \\\\`,
    )
    .join('\n');
  const scale = to >= SCALE_FROM_N;
  const caption =
    `Exact solutions for ${latexRange(from, to)} (${latexEscape(setting.encoder)} encoder, $C = ${latexQ(setting.C)}$): ` +
    'the codes $z^{(i)}$, the knots $t_j$ of layer~2, the determinant of $\\hat A^{[2]}$, ' +
    'the top-left $n \\times n$ block of $A^{[2]}$ (signals $1, \\dots, n$), ' +
    'and whether the zero signal is reconstructed; each verified by exact rational arithmetic. ' +
    `Reproduce: ${latexCommand(command)}.`;
  return [
    '\\begin{table}[ht]',
    '\\centering',
    `\\renewcommand{\\arraystretch}{${ARRAY_STRETCH}}`,
    // The article class leaves no room under a caption set above its table; the float's group keeps this local.
    '\\setlength{\\belowcaptionskip}{1ex}',
    `\\caption{${caption}}`,
    `\\label{tab:stepae-range}`,
    ...(scale ? ['\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%'] : []),
    '\\begin{tabular}{rllrl}',
    '\\toprule',
    '$n$ & codes $z^{(i)}$ & knots $t_j$ & $\\det \\hat A^{[2]}$ & zero signal \\\\',
    '\\midrule',
    body,
    '\\bottomrule',
    `\\end{tabular}${scale ? '}' : ''}`,
    '\\end{table}',
    '',
  ].join('\n');
}

/** The packages a body uses, by the commands it contains (in the order of a preamble). */
export function latexPackages(body: string): string[] {
  const uses: [string, RegExp][] = [
    ['amsmath', /\\begin\{(?:gather|align|equation)\*?\}|\\begin\{[bp]matrix\}|\\operatorname|\\tfrac|\\text\{/],
    ['booktabs', /\\(?:top|mid|bottom)rule/],
    ['graphicx', /\\(?:resizebox|includegraphics|scalebox)/],
  ];
  return uses.filter(([, re]) => re.test(body)).map(([name]) => name);
}

/**
 * A body as a fragment to paste into a document: it opens with a comment
 * naming the packages the preamble must load.
 */
export function latexFragment(body: string): string {
  const packages = latexPackages(body);
  return `% stepae LaTeX fragment; the preamble needs: ${packages.map((p) => `\\usepackage{${p}}`).join(' ')}\n` + body;
}

/**
 * Wraps a body in a standalone document that pdflatex compiles, with a
 * compact title block (no \maketitle: its vertical space is for papers).
 * @param title LaTeX (math allowed), not escaped
 */
export function latexDocument(body: string, title: string): string {
  return [
    '\\documentclass{article}',
    '\\usepackage[margin=2cm]{geometry}',
    ...latexPackages(body).map((p) => `\\usepackage{${p}}`),
    '\\begin{document}',
    `{\\centering\\large\\bfseries ${title}\\par}`,
    '\\medskip',
    '',
    body,
    '\\end{document}',
    '',
  ].join('\n');
}
