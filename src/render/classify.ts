/**
 * The report of the classification of combinatorial types (`verify search
 * conjecture --symbolic`): per class the number of types and the smallest
 * one, the agreement with the criterion, and the digest that lets two runs
 * (or two versions) be compared.
 */
import type { ClassifyResult } from '../search/classify/run.js';
import { type Replay, replayText } from '../replay.js';
import { textTable, toJson } from './format.js';

const CLASS_NAME = { singular: 'always singular', generic: 'generic', full: 'always full rank' } as const;

/** The terminal report. */
export function renderClassifyText(
  r: ClassifyResult,
  shard?: { index: number; count: number },
  width?: number,
): string {
  const mode = r.zeroSignal === 'drop' ? 'zero signal dropped (square A2)' : 'zero signal kept ((n+1) x n A2, rank n)';
  let t = `Classification of every combinatorial type: n = ${r.n}, ${mode}, codes (${r.codes.join(', ')})`;
  t += shard && shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : '';
  t += `\ntypes: ${r.types}${r.complete ? '' : ' (INCOMPLETE: resume to finish)'}\n\n`;
  t += textTable(
    ['class', 'types', 'smallest type', 'its columns'],
    (['singular', 'generic', 'full'] as const).map((c) => [
      CLASS_NAME[c],
      String(r.classes[c]),
      r.smallest[c]?.label ?? '-',
      r.smallest[c]?.text ?? '-',
    ]),
    { width },
  );
  t += `\nalways singular = Rado's condition fails: ${r.radoMismatches} mismatches\n`;
  if (r.criterion)
    t += `criterion for both signs: checked on ${r.criterion.checked} types, ${r.criterion.mismatches} mismatches\n`;
  if (Object.keys(r.keptHow).length > 0)
    t += `kept types decided by: ${Object.entries(r.keptHow)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`;
  t += `digest of the counts: ${r.digest}\n`;
  return t;
}

/** JSON: the result with the command that replays it. */
export function renderClassifyJson(
  r: ClassifyResult,
  replay: Replay,
  shard?: { index: number; count: number },
): string {
  return toJson({ command: replayText(replay), argv: replay.argv, ...(shard ? { shard } : {}), ...r });
}
