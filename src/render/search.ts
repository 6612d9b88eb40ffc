/**
 * The conjecture search report: counts per reading and direction, and the
 * certified first and simplest counterexamples (search/certify.ts), as a
 * terminal table, JSON and a LaTeX table.
 */
import { Q } from '../kernel/rational.js';
import type { Certified } from '../search/certify.js';
import type { Checkpoint } from '../search/runner.js';
import { type Replay, replayText } from '../replay.js';
import { latexQ, textTable, toJson } from './format.js';
import { ARRAY_STRETCH, latexCommand, latexEscape, latexFragment } from './latex.js';

function configText(x: Certified | undefined): string {
  return x ? x.columns.map((col) => col.text).join(', ') : '-';
}

/** The terminal report. */
export function renderSearchText(c: Checkpoint, certified: Certified[]): string {
  const s = c.spec;
  const find = (reading: string, dir: string, which: string) =>
    certified.find((x) => x.reading === reading && x.direction === dir && x.which === which);
  let out = `Conjecture search: n = ${s.n}, grid g = ${s.g}, zero signal ${s.zeroSignal}, codes (${s.codes.join(', ')})`;
  out += c.shard.count > 1 ? `, shard ${c.shard.index}/${c.shard.count}` : '';
  out += `\nconfigurations: ${c.counts.total}${c.complete ? '' : ' (INCOMPLETE: resume to finish)'}; A2 full rank (rank n): ${c.counts.fullRank}; exact fallbacks: ${c.counts.exactChecks}\n\n`;
  out += textTable(
    ['reading', 'condition holds', '"if" fails', '"only if" fails'],
    c.counts.readings.map((r) => [r.id, String(r.condition), String(r.ifFails.count), String(r.onlyIfFails.count)]),
  );
  out += '\nSimplest counterexamples (columns of A2; first in enumeration order in --json):\n';
  out += textTable(
    ['reading', '"if": condition holds, A2 singular', '"only if": A2 full rank, condition fails'],
    c.counts.readings.map((r) => [
      r.id,
      configText(find(r.id, 'if', 'simplest')),
      configText(find(r.id, 'only if', 'simplest')),
    ]),
  );
  out += 'Every counterexample shown was re-checked exactly (rank certificate and the direct predicates).\n';
  return out;
}

/** JSON: the checkpoint (counts, units) and the certified counterexamples. */
export function renderSearchJson(c: Checkpoint, certified: Certified[], replay: Replay): string {
  return toJson({ command: replayText(replay), argv: replay.argv, ...c, certified });
}

/** A matrix as a bmatrix on one line (for a table cell). */
function inlineBmatrix(a: readonly (readonly string[])[]): string {
  return `\\begin{bmatrix} ${a.map((r) => r.map((v) => latexQ(Q.parse(v))).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;
}

/** A column of A2 as a positive part: `(z - t)_+`, `(t - z)_+`, `z_+` or `(-z)_+` when t = 0. */
function columnTex(x: Certified['columns'][number]): string {
  const t = Q.parse(x.k).neg();
  const up = x.W2 === '1';
  if (t.isZero()) return up ? 'z_+' : '(-z)_+';
  return up ? `(z - ${latexQ(t)})_+` : `(${latexQ(t)} - z)_+`;
}

/**
 * A LaTeX table of the simplest counterexamples (a fragment, booktabs,
 * opening with the packages it needs), its caption set as mathematics.
 */
export function renderSearchLatex(c: Checkpoint, certified: Certified[], replay: Replay): string {
  const rows = certified
    .filter((x) => x.which === 'simplest')
    .map(
      (x) =>
        `\\texttt{${latexEscape(x.reading)}} & \`\`${x.direction}'' & $${x.columns.map(columnTex).join(',\\ ')}$ & $${inlineBmatrix(x.A2)}$ \\\\`,
    );
  const n = c.spec.n;
  const codes = c.spec.codes.map((z) => latexQ(Q.parse(z))).join(', ');
  const signals =
    c.spec.zeroSignal === 'drop'
      ? `the zero signal dropped (rows $1, \\dots, ${n}$)`
      : `the zero signal kept (rows $1, \\dots, ${n + 1}$)`;
  const caption =
    `Simplest counterexamples to each reading of the full-rank conjecture for $n = ${n}$: exhaustive search of the grid with $g = ${c.spec.g}$ interior knots per gap, codes $z = (${codes})$, ${signals}. ` +
    'Column $j$ of $A^{[2]}$ is $(z - t_j)_+ = \\max(0, z - t_j)$ or $(t_j - z)_+$. ' +
    "``if'': the condition holds and $A^{[2]}$ is singular; ``only if'': $A^{[2]}$ has rank $n$ and the condition fails; a reading and direction without a row has no counterexample on this grid. " +
    `Each row re-checked exactly. Reproduce: ${latexCommand(replayText(replay))}.`;
  const scale = n >= 5;
  return latexFragment(
    [
      '\\begin{table}[ht]',
      '\\centering',
      `\\renewcommand{\\arraystretch}{${ARRAY_STRETCH}}`,
      '\\setlength{\\belowcaptionskip}{1ex}',
      `\\caption{${caption}}`,
      `\\label{tab:stepae-conjecture-n${n}}`,
      ...(scale ? ['\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%'] : []),
      '\\begin{tabular}{llll}',
      '\\toprule',
      'reading & direction & columns of $A^{[2]}$ & $A^{[2]}$ \\\\',
      '\\midrule',
      // Matrices in consecutive rows would touch: booktabs' \\addlinespace separates them.
      rows.join('\n\\addlinespace\n'),
      '\\bottomrule',
      `\\end{tabular}${scale ? '}' : ''}`,
      '\\end{table}',
      '',
    ].join('\n'),
  );
}
