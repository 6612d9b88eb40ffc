/**
 * The conjecture search report: counts per reading and direction, and the
 * certified first and simplest counterexamples (search/certify.ts), as a
 * terminal table, JSON and a LaTeX table.
 */
import { Q } from '../kernel/rational.js';
import type { Certified } from '../search/certify.js';
import type { Checkpoint } from '../search/runner.js';
import { type Replay, replayText } from '../replay.js';
import { latexMatrix, latexQ, textTable, toJson } from './format.js';
import { latexCommand, latexEscape } from './latex.js';

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

/** A LaTeX table of the simplest counterexamples (a fragment; booktabs). */
export function renderSearchLatex(c: Checkpoint, certified: Certified[], replay: Replay): string {
  const col = (x: Certified['columns'][number]) => {
    const t = latexQ(Q.parse(x.k).neg());
    return x.W2 === '1' ? `(z - ${t})_+` : `(${t} - z)_+`;
  };
  const rows = certified
    .filter((x) => x.which === 'simplest')
    .map(
      (x) =>
        `${latexEscape(x.reading)} & ${x.direction} & $${x.columns.map(col).join(',\\ ')}$ & $${latexMatrix(x.A2.map((r) => r.map((v) => Q.parse(v))))}$ \\\\`,
    );
  return [
    '\\begin{table}[ht]',
    '\\centering',
    `\\caption{Simplest counterexamples to each reading of the conjecture, $n = ${c.spec.n}$, grid $g = ${c.spec.g}$, zero signal ${c.spec.zeroSignal}; each re-checked exactly. Reproduce: ${latexCommand(replayText(replay))}.}`,
    '\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%',
    '\\begin{tabular}{llll}',
    '\\toprule',
    'reading & direction & columns & $A^{[2]}$ \\\\',
    '\\midrule',
    ...rows,
    '\\bottomrule',
    '\\end{tabular}}',
    '\\end{table}',
    '',
  ].join('\n');
}
