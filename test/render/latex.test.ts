import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runBin } from '../helpers/cli.js';
import { matrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { latexMatrix, latexQ } from '../../src/render/format.js';
import {
  latexDocument,
  latexEscape,
  latexFragment,
  latexPackages,
  latexRange,
  latexRangeTable,
} from '../../src/render/latex.js';

describe('LaTeX renderers (exact strings)', () => {
  it.each([
    ['3', '3'],
    ['-3/7', '-\\frac{3}{7}'],
    ['1/2', '\\frac{1}{2}'],
    ['0', '0'],
  ])('latexQ(%s) = %s', async (x, expected) => {
    expect(latexQ(Q.parse(x))).toBe(expected);
  });

  it('bmatrix', async () => {
    expect(
      latexMatrix(
        matrix([
          [1, '-1/2'],
          [0, 3],
        ]),
      ),
    ).toBe('\\begin{bmatrix}\n  1 & -\\frac{1}{2} \\\\\n  0 & 3\n\\end{bmatrix}');
  });

  it('escapes text', async () => {
    expect(latexEscape('a_b & 50% #1 {x} ~ ^ \\')).toBe(
      'a\\_b \\& 50\\% \\#1 \\{x\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
  });

  it('when a range table is rendered then its caption sets every formula as mathematics', async () => {
    const t = latexRangeTable(
      [{ n: 1, codes: [Q.ONE, Q.int(2)], knots: [Q.of(3n, 2n)], detA2: Q.of(1n, 2n), zeroSignal: true }],
      { encoder: 'linear', C: Q.ONE },
      'npx verify latex --n 1',
    );
    expect(t).toContain('1 & $1, 2$ & $\\frac{3}{2}$ & $\\frac{1}{2}$ & yes \\\\');
    expect(t).toContain(
      '\\caption{Exact solutions for $n = 1$ (linear encoder, $C = 1$): the codes $z^{(i)}$, the knots $t_j$',
    );
    expect(t).toContain('Reproduce: \\texttt{npx verify latex --n 1}.}');
    expect(t).toContain('\\renewcommand{\\arraystretch}{1.3}');
    expect(t).toMatch(/\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/);
    // Outside $...$ and \texttt{...}, no formula is left as text: no "n =", no "A2", no "t_j", no "..".
    const prose = t.replace(/\$[^$]*\$/g, '').replace(/\\texttt\{[^}]*\}/g, '');
    expect(prose).not.toMatch(/n = |A2|t_j|\.\./);
  });

  it.each([
    [1, 5, '$n = 1, \\dots, 5$'],
    [2, 3, '$n = 2, 3$'],
    [4, 4, '$n = 4$'],
  ])('latexRange(%i, %i) = %s', (from, to, tex) => {
    expect(latexRange(from, to)).toBe(tex);
  });

  it.each([
    ['\\begin{gather*} x \\end{gather*}', ['amsmath']],
    ['\\toprule $\\begin{bmatrix} 1 \\end{bmatrix}$ \\resizebox{1cm}{!}{x}', ['amsmath', 'booktabs', 'graphicx']],
    ['plain text', []],
  ])('latexPackages(%j) = %j', (body, packages) => {
    expect(latexPackages(body)).toEqual(packages);
  });

  it('when a fragment is made then its first line names the packages it needs', () => {
    expect(latexFragment('\\toprule\n').split('\n')[0]).toBe(
      '% stepae LaTeX fragment; the preamble needs: \\usepackage{booktabs}',
    );
  });

  it('when a document is made then its title is a compact block, not \\maketitle', () => {
    const d = latexDocument('\\toprule\n', 'Title for $n = 4$');
    expect(d).not.toContain('\\maketitle');
    expect(d).toContain('{\\centering\\large\\bfseries Title for $n = 4$\\par}');
    expect(d).toContain('\\usepackage{booktabs}');
  });
});

function hasPdflatex(): boolean {
  return spawnSync('pdflatex', ['--version'], { encoding: 'utf8' }).status === 0;
}

describe('generated LaTeX compiles with pdflatex', () => {
  // CI installs texlive (see .ci/run); elsewhere the test is skipped with a message.
  const available = hasPdflatex();
  if (!available && process.env.CI) throw new Error('pdflatex is required in CI');
  it.skipIf(!available).each([
    ['construct', '--n', '5', '--encoder', 'random', '--seed', '3', '--u3', 'random'],
    ['latex', '--n', '6', '--C', '3/2'],
  ])('%s ... compiles without errors', async (...args) => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-tex-'));
    const file = join(dir, 'out.tex');
    const { code } = await run(...args, ...(args[0] === 'construct' ? ['--latex'] : []), '--out', file);
    expect(code).toBe(0);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'out.tex'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(r.status, r.stdout.slice(-2000)).toBe(0);
    const log = readFileSync(join(dir, 'out.log'), 'utf8');
    expect(log).not.toMatch(/^! /m);
  });
});

describe('construct CLI', () => {
  it('--json gives nn.Linear shapes with rational strings', async () => {
    const r = await run('construct', '--n', '3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    const W2 = j.W2 as string[][];
    const W3 = j.W3 as string[][];
    expect((j.W1 as string[][])[0]).toHaveLength(3); // 1 x n
    expect(W2).toHaveLength(3); // n2 x 1
    expect(W2[0]).toHaveLength(1);
    expect(W3).toHaveLength(3); // n x n2
    expect(j.b2).toEqual(['3/2', '5/2', '7/2']); // knots j + 1/2 (derived in construct-linear)
    expect(j.verified).toEqual({ signals: true, zeroSignal: true });
    expect(j.b3).toBeUndefined();
  });

  it('--scale with a positive D re-verifies; a negative entry is reported and exits 1', async () => {
    const ok = await run('construct', '--n', '3', '--scale', '1,2,1/3', '--json');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { scale: { verified: boolean } }).scale.verified).toBe(true);
    const bad = await run('construct', '--n', '3', '--scale', '1,-2,1/3');
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('NO LONGER a solution');
  });

  it('--n2 wider than n builds a wider decoder', async () => {
    const r = await run('construct', '--n', '3', '--n2', '5', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { W3: string[][]; verified: unknown };
    expect(j.W3[0]).toHaveLength(5);
    expect(j.verified).toEqual({ signals: true, zeroSignal: true });
  });

  it('--u3 from a file (n x n), exact rationals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-u3-'));
    const f = join(dir, 'u3.json');
    writeFileSync(
      f,
      JSON.stringify({
        U3: [
          ['1', '1'],
          ['-1/3', '1'],
        ],
      }),
    );
    const r = await run('construct', '--n', '2', '--u3', f, '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { U3: string[][] }).U3).toEqual([
      ['1', '1'],
      ['-1/3', '1'],
      ['0', '0'],
    ]);
  });

  it.each([
    [['construct', '--n', '3', '--scale', '1,0,1'], /entry 2 is 0/],
    [['construct', '--n', '3', '--scale', '1,2'], /2 entries given, layer 2 has 3/],
    [['construct', '--n', '3', '--n2', '2'], /n2 >= n/],
    [['construct', '--n', '3', '--latex', '/nonexistent-dir/x.tex'], /does not exist/],
    [['construct', '--n', '3', '--u3', '/nonexistent.json'], /--u3: \/nonexistent.json does not exist/],
    [['construct', '--n', '2', '--fragment'], /--fragment needs --latex/],
    [['construct', '--n', '2', '--latex', '--json'], /--json and --latex exclude each other/],
    [['construct', '--n', '2', '--latex', 'a.tex', '--out', 'b.tex'], /use --latex --out FILE/],
    [['construct', '--n', '2', '--encoder', 'cubic'], /Allowed choices are linear, random/],
    [['latex', '--n', '2', '--n-min', '3'], /n-min 3 > --n 2/],
  ])('%j exits 2', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('a U3 that is not of form (1) is refused, naming the entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-u3-'));
    const f = join(dir, 'u3.json');
    writeFileSync(
      f,
      JSON.stringify([
        [1, 1],
        [2, 1],
        [0, 0],
      ]),
    );
    const r = await run('construct', '--n', '2', '--u3', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not of form \(1\) at \(2, 1\) = 2/);
  });

  it('the spawned binary writes a LaTeX file atomically (no temporary left behind)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-bin-'));
    expect(runBin(['construct', '--n', '2', '--latex', '--out', join(dir, 'a.tex')]).status).toBe(0);
    expect(readFileSync(join(dir, 'a.tex'), 'utf8')).toMatch(/^\\documentclass/);
    expect(execFileSync('ls', [dir], { encoding: 'utf8' }).trim()).toBe('a.tex');
  });
});
