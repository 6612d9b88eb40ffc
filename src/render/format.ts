/**
 * Small shared renderers: terminal tables that fit a width, definition
 * lists, inline TeX as plain text, LaTeX for rationals and matrices, and
 * JSON with rationals as strings.
 *
 * Tables are laid out here rather than with a table package (cli-table3,
 * columnify): none of them falls back to a record layout when a wrapped
 * table would still not fit, and every terminal surface of stepae must read
 * in 80 columns. The layout is psql's: a table when it fits, wrapped cells
 * when the wrapped columns stay readable, else one aligned "key  value"
 * block per row (psql's expanded display, `\x auto`).
 */
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';

/** How a terminal table is laid out. */
export interface TableLayout {
  /**
   * The widest line allowed, in characters (a terminal's columns). Undefined:
   * no limit, every row on one line (the output of a pipe or a file).
   */
  width?: number;
}

/** Spaces between columns. */
const GAP = 2;

/** A wrapped column narrower than this (when its cells are wider) reads badly: the records layout is used instead. */
export const MIN_WRAP = 30;

/** Words longer than this may be broken when a column is narrowed (an unbroken word of any length would fix the width). */
const MAX_WORD = 30;

const lines = (cell: string): string[] => cell.split('\n');
const cellWidth = (cell: string): number => Math.max(0, ...lines(cell).map((l) => l.length));
const longestWord = (cell: string): number =>
  Math.min(MAX_WORD, Math.max(0, ...cell.split(/\s+/).map((w) => w.length)));

/** Operators that keep their operands on their line: `n = 8` is not split into `n` and `= 8`. */
const GLUE = new Set(['=', '!=', '<', '>', '<=', '>=', '+', '-', '*', '/', '->', '=>', '<=>']);

/** A paragraph's words grouped into units that wrap as one: an operator with the words on each side of it. */
function units(words: readonly string[]): string[][] {
  const out: string[][] = [];
  let glueNext = false;
  for (const word of words) {
    const last = out[out.length - 1];
    if (last && (glueNext || GLUE.has(word))) last.push(word);
    else out.push([word]);
    glueNext = GLUE.has(word);
  }
  return out;
}

/**
 * Word-wraps one cell to `width` characters: explicit line breaks kept, an
 * operator kept with its operands (`n = 8` stays on one line when it fits
 * one), words broken only when longer than the width.
 */
export function wrapText(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const para of lines(text)) {
    let line = '';
    const put = (piece: string) => {
      if (line === '') line = piece;
      else if (line.length + 1 + piece.length <= w) line += ' ' + piece;
      else {
        out.push(line);
        line = piece;
      }
    };
    for (const unit of units(para.split(' ').filter((x) => x !== ''))) {
      const joined = unit.join(' ');
      if (joined.length <= w) {
        put(joined);
        continue;
      }
      // A unit wider than the line wraps word by word; a word wider than the line is cut.
      for (let word of unit) {
        while (word.length > w) {
          if (line !== '') out.push(line);
          line = '';
          out.push(word.slice(0, w));
          word = word.slice(w);
        }
        put(word);
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * Column widths that fit `avail` characters of content with the fewest
 * lines: each column starts at its floor and the spare characters go, one
 * at a time, to the column where one more character saves the most lines
 * (table height first, then lines over all cells, then the column furthest
 * from its natural width).
 * @param rows the table's rows, the header included
 */
function fitWidths(
  rows: readonly (readonly string[])[],
  natural: readonly number[],
  floor: readonly number[],
  avail: number,
): number[] {
  const widths = floor.map((f, j) => Math.min(f, natural[j] ?? f));
  const memo = new Map<string, number[]>();
  const counts = (j: number, w: number): number[] => {
    const key = `${j}:${w}`;
    let c = memo.get(key);
    if (!c) {
      c = rows.map((r) => wrapText(r[j] ?? '', w).length);
      memo.set(key, c);
    }
    return c;
  };
  const score = (ws: readonly number[]): [number, number] => {
    const per = ws.map((w, j) => counts(j, w));
    let height = 0;
    let total = 0;
    for (let k = 0; k < rows.length; k++) height += Math.max(...per.map((c) => c[k] ?? 1));
    for (const c of per) for (const x of c) total += x;
    return [height, total];
  };
  let spare = avail - widths.reduce((a, b) => a + b, 0);
  while (spare > 0) {
    let best: { j: number; key: [number, number, number] } | undefined;
    for (let j = 0; j < widths.length; j++) {
      const deficit = (natural[j] ?? 0) - (widths[j] ?? 0);
      if (deficit <= 0) continue;
      const trial = widths.slice();
      trial[j] = (trial[j] ?? 0) + 1;
      const key: [number, number, number] = [...score(trial), -deficit];
      if (
        !best ||
        key[0] < best.key[0] ||
        (key[0] === best.key[0] && (key[1] < best.key[1] || (key[1] === best.key[1] && key[2] < best.key[2])))
      )
        best = { j, key };
    }
    if (!best) break;
    widths[best.j] = (widths[best.j] ?? 0) + 1;
    spare--;
  }
  return widths;
}

/** Rows of wrapped cells side by side, each cell padded to its column. */
function joinCells(cells: readonly string[][], widths: readonly number[]): string[] {
  const height = Math.max(1, ...cells.map((c) => c.length));
  return Array.from({ length: height }, (_, k) =>
    cells
      .map((c, j) => (c[k] ?? '').padEnd(widths[j] ?? 0))
      .join(' '.repeat(GAP))
      .trimEnd(),
  );
}

/**
 * Key-value blocks, one per row (the records layout): each key (a header)
 * beside its value, both wrapped to fit the width; blocks separated by a
 * blank line.
 */
function recordsLayout(header: readonly string[], body: readonly (readonly string[])[], width: number): string {
  const keyNatural = Math.max(...header.map((h) => h.length));
  // Keys take at most 40% of the line (they wrap), values the rest.
  const keyWidth = Math.max(
    Math.min(keyNatural, Math.floor(width * 0.4)),
    Math.min(keyNatural, ...header.map(longestWord)),
  );
  const valueWidth = Math.max(1, width - keyWidth - GAP);
  return (
    body
      .map((row) =>
        header
          .flatMap((h, j) =>
            joinCells([wrapText(h, keyWidth), wrapText(row[j] ?? '', valueWidth)], [keyWidth, valueWidth]),
          )
          .join('\n'),
      )
      .join('\n\n') + '\n'
  );
}

/**
 * A plain-text table with aligned columns and a rule under the header.
 *
 * With `layout.width`, the table fits that many characters a line: when the
 * rows are wider, the widest columns are narrowed and their cells wrapped
 * onto continuation lines (rows then separated by a blank line); when a
 * wrapped column would be narrower than {@link MIN_WRAP} characters while its
 * cells are wider, each row is printed as a block of aligned `header  value`
 * lines instead. Without a width (a pipe, a file), every row is one line.
 */
export function textTable(
  header: readonly string[],
  body: readonly (readonly string[])[],
  layout: TableLayout = {},
): string {
  const natural = header.map((h, j) => Math.max(cellWidth(h), ...body.map((r) => cellWidth(r[j] ?? ''))));
  const fits = (w: number) => natural.reduce((s, x) => s + x, 0) + GAP * (header.length - 1) <= w;
  if (layout.width === undefined || fits(layout.width)) {
    const line = (r: readonly string[]) =>
      r
        .map((c, j) => c.padEnd(natural[j] ?? 0))
        .join(' '.repeat(GAP))
        .trimEnd();
    return [line(header), natural.map((w) => '-'.repeat(w)).join(' '.repeat(GAP)), ...body.map(line)].join('\n') + '\n';
  }
  const width = layout.width;
  const avail = width - GAP * (header.length - 1);
  // A column narrower than its cells stays readable: at least MIN_WRAP wide (or its widest cell), and no word broken.
  const floor = header.map((h, j) => {
    const cells = body.map((r) => r[j] ?? '');
    return Math.max(
      longestWord(h),
      ...cells.map(longestWord),
      Math.min(MIN_WRAP, Math.max(0, ...cells.map(cellWidth))),
    );
  });
  if (floor.reduce((a, b) => a + b, 0) > avail) return recordsLayout(header, body, width);
  const widths = fitWidths([header, ...body], natural, floor, avail);
  const wrapRow = (r: readonly string[]) => r.map((c, j) => wrapText(c, widths[j] ?? 1));
  const rows = body.map(wrapRow);
  const separate = rows.some((r) => r.some((c) => c.length > 1));
  const out = [...joinCells(wrapRow(header), widths), widths.map((w) => '-'.repeat(w)).join(' '.repeat(GAP))];
  rows.forEach((r, k) => {
    if (separate && k > 0) out.push('');
    out.push(...joinCells(r, widths));
  });
  return out.join('\n') + '\n';
}

/**
 * A definition list: each term followed by its definition, aligned and
 * wrapped to the width (none: one line each), indented by two spaces under
 * an optional title line. The legend printed beside a table whose rows are
 * named by short terms (the readings of a claim, say).
 */
export function textLegend(
  title: string,
  entries: readonly (readonly [string, string])[],
  layout: TableLayout = {},
): string {
  const indent = '  ';
  const termWidth = Math.max(0, ...entries.map(([t]) => t.length));
  const head = title === '' ? '' : `${title}\n`;
  if (layout.width === undefined)
    return (
      head +
      entries.map(([t, d]) => `${indent}${t.padEnd(termWidth)}${' '.repeat(GAP)}${d}`.trimEnd()).join('\n') +
      '\n'
    );
  const avail = layout.width - indent.length;
  // A term column wider than a third of the line pushes the definition under its term.
  const keyWidth = Math.min(termWidth, Math.floor(avail / 3));
  const defWidth = Math.max(1, avail - keyWidth - GAP);
  return (
    head +
    entries
      .flatMap(([t, d]) => {
        if (t.length <= keyWidth)
          return joinCells([[t], wrapText(d, defWidth)], [keyWidth, defWidth]).map((l) => indent + l);
        return [indent + t, ...wrapText(d, avail - GAP).map((l) => `${indent}${' '.repeat(GAP)}${l}`.trimEnd())];
      })
      .join('\n') +
    '\n'
  );
}

/** TeX macros of the claims' statements and their plain-text spelling. */
const PLAIN: Readonly<Record<string, string>> = {
  ge: '>=',
  geq: '>=',
  le: '<=',
  leq: '<=',
  ne: '!=',
  neq: '!=',
  times: 'x',
  cdot: '*',
  in: 'in',
  notin: 'not in',
  emptyset: '{}',
  dots: '...',
  ldots: '...',
  cdots: '...',
  to: '->',
  mapsto: '->',
  implies: '=>',
  iff: '<=>',
  Rightarrow: '=>',
  Leftrightarrow: '<=>',
  forall: 'for all',
  exists: 'there is',
  infty: 'infinity',
  lvert: '|',
  rvert: '|',
  mid: '|',
  star: '*',
  prime: "'",
  quad: '  ',
  qquad: '  ',
  sum: 'sum',
  prod: 'prod',
  min: 'min',
  max: 'max',
  det: 'det',
  inf: 'inf',
  sup: 'sup',
  rank: 'rank',
  log: 'log',
  exp: 'exp',
  ell: 'l',
  epsilon: 'eps',
  varepsilon: 'eps',
};

/**
 * Inline TeX (`$...$` in a claim's text) as plain text for a terminal:
 * `$\operatorname{rank} A^{[2]} \ge n$` becomes `rank A2 >= n`. Layer
 * superscripts `^{[k]}` become the terminal's `A2`; fonts are dropped; Greek
 * letters are spelled out; what it does not know it leaves as written.
 */
export function plainMath(text: string): string {
  return text.replace(/\$([^$]*)\$/g, (_m, tex: string) => {
    let s = tex;
    s = s.replace(/\\lvert\s*/g, '|').replace(/\s*\\rvert/g, '|');
    // A numerator or denominator that is more than one token keeps parentheses: e^u/(1+e^u), not e^u/1+e^u.
    const part = (x: string) => (/^[A-Za-z0-9.]+$/.test(x.trim()) ? x.trim() : `(${x.trim()})`);
    s = s.replace(
      /\\[dt]?frac\s*\{((?:[^{}]|\{[^{}]*\})*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g,
      (_f, a: string, b: string) => `${part(a)}/${part(b)}`,
    );
    s = s.replace(/\\[dt]?frac\s*(\d)(\d)/g, '$1/$2');
    s = s.replace(
      /\\(?:operatorname|mathrm|mathbf|mathsf|mathcal|mathit|text|textrm|boldsymbol)\s*\{([^{}]*)\}/g,
      '$1',
    );
    s = s.replace(/\\(?:operatorname|mathrm|mathbf|mathsf|mathcal|mathit|boldsymbol)\s+(\w)/g, '$1');
    s = s.replace(/\^\{\[(\w+)\]\}/g, '$1');
    // Layer indices as the terminal writes them: A_2 -> A2, W_{2,j} -> W2_j.
    s = s.replace(/\b([A-Za-z])_\{(\d),\s*([^{}]+)\}/g, '$1$2_$3');
    s = s.replace(/\b([A-Za-z])_(?:\{(\d)\}|(\d)(?![\d{]))/g, (_x, v: string, a?: string, b?: string) => v + (a ?? b));
    s = s.replace(/\\([A-Za-z]+)/g, (m, name: string) => PLAIN[name] ?? (GREEK.has(name) ? name : m));
    s = s.replace(/\\[,;:! ]/g, ' ');
    s = s.replace(/\\([{}|])/g, '$1');
    // One-token sub- and superscripts lose their braces; longer ones keep them as parentheses.
    s = s.replace(/([_^])\{([^{}]*)\}/g, (_x, op: string, body: string) =>
      /^([A-Za-z0-9]+'?|-[0-9]+|\S|\(.*\))$/.test(body.trim()) ? op + body.trim() : `${op}(${body.trim()})`,
    );
    return s.replace(/\s+/g, ' ').trim();
  });
}

const GREEK = new Set([
  'alpha',
  'beta',
  'gamma',
  'delta',
  'Delta',
  'lambda',
  'mu',
  'pi',
  'rho',
  'sigma',
  'tau',
  'phi',
  'psi',
  'omega',
  'Gamma',
  'Sigma',
  'Omega',
]);

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
