/**
 * The conjecture search report: counts per reading and direction, and the
 * first and simplest counterexamples, each re-checked by independent exact
 * code (exact A2, a re-checked rank certificate, the direct predicates of
 * readings.ts) before it is shown.
 */
import { checkRankCertificate } from '../kernel/certificate.js';
import { rankCertificate } from '../kernel/matrix.js';
import { InternalError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { latexMatrix, latexQ, matStrings, textTable, toJson } from '../render/format.js';
import { latexCommand, latexEscape } from '../render/latex.js';
import { configMatrix, configRatios, gridKnots, typeOf } from './grid.js';
import { condition, evaluateParts, READINGS } from './readings.js';
import type { Found } from './result.js';
import { type Checkpoint, specFromJson } from './runner.js';

/** A counterexample, certified and readable. */
export interface Certified {
  reading: string;
  direction: 'if' | 'only if';
  which: 'first' | 'simplest';
  /** Each column as (W2_j, b2_j) with k_j. */
  columns: { W2: string; b2: string; k: string; text: string }[];
  A2: string[][];
  rank: number;
  condition: boolean;
}

/** Re-checks a counterexample exactly; throws InternalError when it is not one. */
export function certify(
  c: Checkpoint,
  readingIndex: number,
  direction: 'if' | 'only if',
  which: 'first' | 'simplest',
  f: Found,
): Certified {
  const spec = specFromJson(c.spec);
  const knots = gridKnots(spec.codes, spec.g);
  const A = configMatrix(spec.codes, knots, f.types);
  const cert = rankCertificate(A);
  if (!checkRankCertificate(A, cert).ok)
    throw new InternalError('rank certificate of a counterexample does not re-check');
  const reading = READINGS[readingIndex];
  if (!reading) throw new InternalError('unknown reading');
  const cond = condition(reading, evaluateParts(A, configRatios(knots, f.types)));
  const full = cert.rank === spec.n;
  const ok = direction === 'if' ? cond && !full : !cond && full;
  if (!ok) throw new InternalError(`reported ${direction} counterexample for ${reading.id} does not re-check`);
  return {
    reading: reading.id,
    direction,
    which,
    columns: f.types.map((ty) => {
      const { s, t } = typeOf(knots, ty);
      return {
        W2: String(s),
        b2: t.mul(Q.int(-s)).toString(),
        k: t.neg().toString(),
        text: s === 1 ? `ReLU(z - ${t})` : `ReLU(${t} - z)`,
      };
    }),
    A2: matStrings(A),
    rank: cert.rank,
    condition: cond,
  };
}

/** All certified first/simplest counterexamples of a finished search. */
export function certifyAll(c: Checkpoint): Certified[] {
  const out: Certified[] = [];
  c.counts.readings.forEach((r, k) => {
    for (const [dir, d] of [
      ['if', r.ifFails],
      ['only if', r.onlyIfFails],
    ] as const) {
      if (d.first) out.push(certify(c, k, dir, 'first', d.first));
      if (d.simplest) out.push(certify(c, k, dir, 'simplest', d.simplest));
    }
  });
  return out;
}

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
export function renderSearchJson(c: Checkpoint, certified: Certified[], command: string): string {
  return toJson({ command, ...c, certified });
}

/** A LaTeX table of the simplest counterexamples (a fragment; booktabs). */
export function renderSearchLatex(c: Checkpoint, certified: Certified[], command: string): string {
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
    `\\caption{Simplest counterexamples to each reading of the conjecture, $n = ${c.spec.n}$, grid $g = ${c.spec.g}$, zero signal ${c.spec.zeroSignal}; each re-checked exactly. Reproduce: ${latexCommand(command)}.}`,
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
