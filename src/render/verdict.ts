/**
 * Verdict renderers: one converter per target (terminal, Markdown for the
 * proofs/ atlas, JSON). Computing never formats; these never compute.
 * The terminal renderers fit a width when given one (tables wrap, or turn
 * into one block per row) and print the claims' inline TeX as plain text.
 */
import { replayText } from '../replay.js';
import { type ClaimInfo, type ReplayedVerdict, scopeText, type Section, type Verdict } from '../verdict.js';
import { plainMath, type TableLayout, textLegend, textTable, toJson, wrapText } from './format.js';

/** The certificate or counterexample of a verdict, as readable JSON (rationals as strings). */
function evidence(v: Verdict): { title: string; json: string } | undefined {
  if ((v.status === 'holds' || v.status === 'reproduced') && v.certificate != null)
    return { title: 'Certificate', json: toJson(v.certificate) };
  if ((v.status === 'refuted' || v.status === 'not reproduced') && v.counterexample != null) {
    return { title: 'Counterexample (smallest found, re-checked exactly)', json: toJson(v.counterexample) };
  }
  return undefined;
}

/**
 * The verdict's headline by the one rule of every claim: the status of the
 * as-worded readings and, when they fail, the first variant that holds
 * (variants are listed most faithful first): "refuted as worded; holds in
 * reading R".
 */
export function headline(v: Verdict): string {
  const first = v.readings.find(
    (r) => !v.asWorded.includes(r.name) && (r.status === 'holds' || r.status === 'reproduced'),
  );
  if ((v.status === 'refuted' || v.status === 'not reproduced') && first)
    return `${v.status} as worded; holds in reading ${first.name}`;
  return v.status;
}

/** Prose for the terminal: inline TeX as plain text, wrapped to the width. */
function prose(text: string, layout: TableLayout): string {
  const plain = plainMath(text);
  if (layout.width === undefined) return plain + '\n';
  return wrapText(plain, layout.width).join('\n') + '\n';
}

/** A table for the terminal: cells as plain text, fitted to the width. */
function table(header: readonly string[], rows: readonly (readonly string[])[], layout: TableLayout): string {
  return textTable(
    header.map(plainMath),
    rows.map((r) => r.map(plainMath)),
    layout,
  );
}

/** A titled block: title underlined, then its lines (verbatim: JSON, say) or its prose and table. */
function sectionText(s: Section, layout: TableLayout, verbatim = false): string {
  const title = plainMath(s.title);
  const titleLines = layout.width === undefined ? [title] : wrapText(title, layout.width);
  let out = `\n${titleLines.join('\n')}\n${'-'.repeat(Math.max(...titleLines.map((l) => l.length)))}\n`;
  if (s.lines) out += verbatim ? s.lines.join('\n') + '\n' : s.lines.map((l) => prose(l, layout)).join('');
  if (s.table) out += table(s.table.header, s.table.rows, layout);
  return out;
}

/**
 * The terminal report of one claim: the headline, the readings with their
 * statements as a legend, the evidence and the command that replays it.
 * @param layout the width to fit (none: one line per row, for pipes and files)
 */
export function renderVerdictText(claim: ClaimInfo, v: ReplayedVerdict, layout: TableLayout = {}): string {
  let out = prose(`${claim.id}: ${headline(v).toUpperCase()} (${scopeText(v.scope)}; seed ${v.seed})`, layout);
  out += prose(v.summary, layout);
  if (v.readings.length > 0) {
    const name = (r: { name: string }) => r.name + (v.asWorded.includes(r.name) ? ' (as worded)' : '');
    out +=
      '\n' +
      table(
        ['reading', 'verdict', 'scope', 'reason'],
        v.readings.map((r) => [name(r), r.status, scopeText(r.scope), r.reason]),
        layout,
      );
    out +=
      '\n' +
      textLegend(
        'Readings (what each one claims):',
        v.readings.map((r) => [r.name, plainMath(r.statement)]),
        layout,
      );
  }
  for (const s of v.sections)
    out += s.proof
      ? sectionText({ title: s.title, lines: [`(the proof is on the atlas page, proofs/${claim.id}.md)`] }, layout)
      : s.figure
        ? sectionText(
            { title: s.title, lines: [`(figure: proofs/figures/${s.figure.file}; ${s.figure.caption})`] },
            layout,
          )
        : sectionText(s, layout);
  const ev = evidence(v);
  if (ev) out += sectionText({ title: ev.title, lines: [ev.json.trimEnd()] }, layout, true);
  if (v.status === 'inconclusive') out += '\n' + prose(`reason: ${v.reason}`, layout);
  out += `\nreproduce: ${replayText(v.replay)}\n`;
  return out;
}

/**
 * The verdict table of `verify all`, fitted to the width: in 80 columns,
 * one block of `claim / verdict / scope / reason` lines per claim.
 */
export function renderAllText(
  results: readonly { claim: ClaimInfo; verdict: Verdict }[],
  layout: TableLayout = {},
): string {
  return table(
    ['claim', 'verdict', 'scope', 'reason'],
    results.map(({ claim, verdict }) => [claim.id, headline(verdict), scopeText(verdict.scope), verdict.summary]),
    layout,
  );
}

/** The JSON document of one claim's verdict. */
export function renderVerdictJson(claim: ClaimInfo, v: ReplayedVerdict, version: string): string {
  return toJson(verdictJson(claim, v, version));
}

/** The JSON object of one claim's verdict (the command as a shell line and as argv). */
export function verdictJson(claim: ClaimInfo, v: ReplayedVerdict, version: string): Record<string, unknown> {
  const { replay, ...rest } = v;
  return { id: claim.id, version, command: replayText(replay), argv: replay.argv, headline: headline(v), ...rest };
}

function mdEscapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    `| ${header.map(mdEscapeCell).join(' | ')} |\n|${header.map(() => '---').join('|')}|\n` +
    rows.map((r) => `| ${r.map(mdEscapeCell).join(' | ')} |`).join('\n') +
    '\n'
  );
}

/** The proofs/<id>.md file of one claim. */
export function renderVerdictMarkdown(claim: ClaimInfo, v: ReplayedVerdict, version: string): string {
  let out = `# \`${claim.id}\` — ${headline(v)}\n\n`;
  out += `<!-- generated by \`npm run proofs\` (stepae ${version}); do not edit -->\n\n`;
  out += `**Deck** (${claim.slide}): ${claim.statement}\n\n`;
  out += `**Reading.** ${claim.reading}\n\n`;
  out += `**Method.** ${claim.method}\n\n`;
  out += `**Verdict: ${headline(v)}** (${scopeText(v.scope)}; seed ${v.seed}). ${v.summary}\n\n`;
  if (v.readings.length > 0) {
    out += mdTable(
      ['reading', 'statement', 'verdict', 'scope', 'reason'],
      v.readings.map((r) => [
        r.name + (v.asWorded.includes(r.name) ? ' (as worded)' : ''),
        r.statement,
        r.status,
        scopeText(r.scope),
        r.reason,
      ]),
    );
    out += '\n';
  }
  for (const s of v.sections) {
    out += `## ${s.title}\n\n`;
    if (s.lines) out += s.lines.join('\n') + '\n\n';
    if (s.table) out += mdTable(s.table.header, s.table.rows) + '\n';
    if (s.figure) out += `![${mdEscapeCell(s.figure.caption)}](figures/${s.figure.file})\n\n*${s.figure.caption}*\n\n`;
  }
  const ev = evidence(v);
  if (ev) out += `## ${ev.title}\n\n\`\`\`json\n${ev.json}\`\`\`\n\n`;
  if (v.status === 'inconclusive') out += `**Why inconclusive.** ${v.reason}\n\n`;
  out += `## Reproduce\n\n\`\`\`\n${replayText(v.replay)}\n\`\`\`\n\nstepae ${version}\n`;
  return out;
}

/** proofs/README.md: the atlas table. */
export function renderAtlasMarkdown(
  results: readonly { claim: ClaimInfo; verdict: Verdict }[],
  version: string,
): string {
  let out = `# The proofs atlas\n\n<!-- generated by \`npm run proofs\` (stepae ${version}); do not edit -->\n\n`;
  out +=
    'One file per claim of the deck, produced by `npm run proofs` and checked in CI by `npm run proofs:check`.\n\n';
  out += mdTable(
    ['claim', 'verdict', 'scope', 'reason'],
    results.map(({ claim, verdict }) => [
      `[${claim.id}](${claim.id}.md)`,
      headline(verdict),
      scopeText(verdict.scope),
      verdict.summary,
    ]),
  );
  return out;
}
