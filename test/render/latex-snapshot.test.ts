/**
 * Snapshot tests of the LaTeX a paper author pastes, as mathjs tests its
 * LaTeX: each command's output is compared, as an exact string, with a
 * checked-in .tex file under test/render/fixtures/, and compiled with
 * pdflatex (a fragment inside a minimal article that loads exactly the
 * packages its first line names), with no error and no overfull box.
 *
 * The fixtures were read and rendered to PDF when written (the layout
 * decisions are in src/render/latex.ts). After a deliberate change of the
 * output, rewrite them with
 *   STEPAE_UPDATE_FIXTURES=1 npx vitest run test/render/latex-snapshot.test.ts
 * and read the diff before committing it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';

const FIXTURES = join('test', 'render', 'fixtures');

const CASES: [file: string, args: string[]][] = [
  ['latex-n5.tex', ['latex', '--n', '5']],
  ['construct-n4.tex', ['construct', '--n', '4', '--latex']],
  [
    'construct-n3-random-fragment.tex',
    ['construct', '--n', '3', '--encoder', 'random', '--seed', '3', '--u3', 'random', '--latex', '--fragment'],
  ],
  ['search-conjecture-n3.tex', ['search', 'conjecture', '--n', '3', '--latex', '--workers', '1']],
];

function hasPdflatex(): boolean {
  return spawnSync('pdflatex', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** A fragment inside a minimal article loading the packages its first line asks for; a document as it is. */
function compilable(tex: string): string {
  if (tex.startsWith('\\documentclass')) return tex;
  const first = tex.split('\n')[0] ?? '';
  const packages = [...first.matchAll(/\\usepackage\{([^}]*)\}/g)].map((m) => m[1]);
  return [
    '\\documentclass{article}',
    '\\usepackage[margin=2cm]{geometry}',
    ...packages.map((p) => `\\usepackage{${p}}`),
    '\\begin{document}',
    tex,
    '\\end{document}',
    '',
  ].join('\n');
}

describe('LaTeX output (exact strings, checked-in .tex)', () => {
  it.each(CASES)('when %s is asked for then the output is that file', async (file, args) => {
    const r = await run(...args);
    expect(r.code, r.err).toBe(0);
    const path = join(FIXTURES, file);
    if (process.env.STEPAE_UPDATE_FIXTURES) writeFileSync(path, r.out);
    expect(r.out).toBe(readFileSync(path, 'utf8'));
  });
});

describe('the checked-in LaTeX compiles with pdflatex, without overfull boxes', () => {
  // CI installs texlive (see .ci/run); elsewhere the test is skipped with a message.
  const available = hasPdflatex();
  if (!available && process.env.CI) throw new Error('pdflatex is required in CI');
  if (!available) console.log('pdflatex not found: the LaTeX compilation tests are skipped');
  it.skipIf(!available).each(CASES)('%s compiles', (file) => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-snap-'));
    writeFileSync(join(dir, 'doc.tex'), compilable(readFileSync(join(FIXTURES, file), 'utf8')));
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'doc.tex'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.status, r.stdout.slice(-2000)).toBe(0);
    const log = readFileSync(join(dir, 'doc.log'), 'utf8');
    expect(log).not.toMatch(/^! /m);
    expect(log).not.toMatch(/Overfull \\hbox/);
  });
});
