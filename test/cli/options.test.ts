/**
 * One vocabulary of options: --json / --latex choose what is printed,
 * --out FILE sends it to a file (with a one-line note), the spellings
 * before 0.2 keep working with a deprecation note, --quiet drops notes and
 * progress, unknown options get the nearest known one, and help texts give
 * each default once.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oneLineError, optionClaims } from '../../src/cli/program.js';
import { CLAIMS } from '../../src/claims/registry.js';
import { run } from '../helpers/cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'stepae-opts-'));

describe('--out FILE: where the output goes', () => {
  it('when latex --out FILE succeeds then the file holds the document and one note says so', async () => {
    const f = join(tmp(), 'a.tex');
    const r = await run('latex', '--n', '2', '--out', f);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe(`verify: LaTeX written to ${f}\n`);
    expect(readFileSync(f, 'utf8')).toBe((await run('latex', '--n', '2')).out);
  });

  it('when construct --latex --out FILE then the file holds the LaTeX, not the report', async () => {
    const f = join(tmp(), 'c.tex');
    const r = await run('construct', '--n', '3', '--latex', '--out', f);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toBe(`verify: LaTeX written to ${f}\n`);
    expect(readFileSync(f, 'utf8')).toBe((await run('construct', '--n', '3', '--latex')).out);
  });

  it('when construct --json --out FILE then the file holds the JSON', async () => {
    const f = join(tmp(), 'c.json');
    const r = await run('construct', '--n', '2', '--json', '--out', f);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(f, 'utf8'))).toEqual(JSON.parse((await run('construct', '--n', '2', '--json')).out));
  });

  it('when dataset --out FILE then the file holds what dataset prints', async () => {
    const f = join(tmp(), 'x.txt');
    const r = await run('dataset', '--n', '2', '--latex', '--out', f);
    expect(r.code).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe('\\begin{bmatrix}\n  1 & 1 \\\\\n  0 & 1 \\\\\n  0 & 0\n\\end{bmatrix}\n');
  });

  it('when --out is given twice then it is refused, as every value option is', async () => {
    const r = await run('latex', '--n', '2', '--out', 'a.tex', '--out', 'b.tex');
    expect(r.code).toBe(2);
    expect(r.err).toBe('verify: --out is given 2 times; accepted: once (a value option is never silently replaced)\n');
  });
});

describe('the spellings before 0.2 (one version of deprecation)', () => {
  it('when construct --latex FILE then the LaTeX is written beside the report, with a one-line deprecation note', async () => {
    const f = join(tmp(), 'old.tex');
    const r = await run('construct', '--n', '2', '--latex', f);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'verify: --latex FILE is deprecated and goes in the next version; use --latex --out FILE (the LaTeX instead of the report)\n',
    );
    expect(r.out).toContain(`LaTeX written to ${f}\n`);
    expect(r.out).toMatch(/^Exact solution: n = 2/);
    expect(readFileSync(f, 'utf8')).toBe((await run('construct', '--n', '2', '--latex')).out);
  });

  it('when construct --latex FILE is given twice then the repeat is refused', async () => {
    const r = await run('construct', '--n', '2', '--latex', 'a.tex', '--latex', 'b.tex');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^verify: --latex is given 2 times/);
  });

  it('when search conjecture --latex FILE then the table goes there and the report to stdout, with the note', async () => {
    const f = join(tmp(), 's.tex');
    const r = await run('search', 'conjecture', '--n', '2', '--workers', '1', '--latex', f);
    expect(r.code).toBe(0);
    expect(r.err).toBe(
      'verify: --latex FILE is deprecated and goes in the next version; use --latex (the table on stdout) and a redirection\n',
    );
    expect(r.out).toMatch(/^Conjecture search: n = 2/);
    expect(readFileSync(f, 'utf8')).toBe(
      (await run('search', 'conjecture', '--n', '2', '--workers', '1', '--latex')).out,
    );
  });

  it('when search conjecture --latex then the LaTeX table is printed instead of the report', async () => {
    const r = await run('search', 'conjecture', '--n', '2', '--workers', '1', '--latex');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^% stepae LaTeX fragment; the preamble needs: \\usepackage\{amsmath\} \\usepackage\{booktabs\}\n\\begin\{table\}/,
    );
  });
});

describe('--quiet', () => {
  it('when --quiet then the result is still written but no note is printed', async () => {
    const f = join(tmp(), 'q.tex');
    const r = await run('latex', '--n', '2', '--out', f, '--quiet');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(existsSync(f)).toBe(true);
  });

  it('when -q precedes the command then it applies too', async () => {
    const r = await run('-q', 'construct', '--n', '2', '--latex', join(tmp(), 'old.tex'));
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Exact solution/);
  });

  it('when --quiet then errors still print', async () => {
    const r = await run('dataset', '--n', '0', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^verify: --n must be an integer from 1/);
  });

  it('when a command runs then --quiet is among its options', async () => {
    for (const cmd of [['all'], ['train'], ['search', 'conjecture'], ['construct'], ['lemma-layer3'], ['merge']]) {
      const h = await run(...cmd, '--help');
      expect(h.out, cmd.join(' ')).toContain('-q, --quiet');
    }
  });
});

describe('unknown options and commands', () => {
  it.each([
    [['all', '--n-mx', '3'], "verify: unknown option '--n-mx' (did you mean --n-max?)\n"],
    [['lemma-layer3', '--nmax', '3'], "verify: unknown option '--nmax' (did you mean --n-max?)\n"],
    [['search', 'conjecture', '--grd', '2'], "verify: unknown option '--grd' (did you mean --grid?)\n"],
    [['train', '--experiment', 'free', '--epoch', '3'], "verify: unknown option '--epoch' (did you mean --epochs?)\n"],
    [['construct', '--n', '2', '--latx'], "verify: unknown option '--latx' (did you mean --latex?)\n"],
    [['datset', '--n', '2'], "verify: unknown command 'datset' (did you mean dataset?)\n"],
  ])('when %j is given then the nearest known one is suggested, on one line', async (args, err) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(err);
    expect(r.out).toBe('');
  });

  it.each([
    ["error: unknown option '--x'\n(Did you mean --y?)\n", "verify: unknown option '--x' (did you mean --y?)\n"],
    ["error: required option '--n <n>' not specified\n", "verify: required option '--n <n>' not specified\n"],
  ])('oneLineError(%j) = %j', (text, line) => {
    expect(oneLineError(text)).toBe(line);
  });
});

describe('help texts', () => {
  it('when any command prints its help then no option states its default twice', async () => {
    const commands = [['dataset'], ['list'], ['construct'], ['latex'], ['search', 'conjecture'], ['merge'], ['train']];
    commands.push(['all'], ...CLAIMS.map((c) => [c.id]));
    for (const cmd of commands) {
      const h = await run(...cmd, '--help');
      // Options are separated in the help by lines starting with two spaces and a dash.
      const options = h.out.split(/\n(?= {2}-)/);
      for (const o of options) expect((o.match(/\(default/g) ?? []).length, `${cmd.join(' ')}: ${o}`).toBeLessThan(2);
    }
  });

  it("when train --help then --epochs gives the deck's 2 500 000 once", async () => {
    const h = await run('train', '--help');
    expect(h.out).toMatch(/--epochs <E> +epochs per seed \(default: 2500000, the deck's\)\n/);
  });

  it("when all --help then --epochs names each training claim's own default", async () => {
    // The deck gives 2 500 000 epochs for the constrained and the free runs; the sigmoid slide gives none and
    // stepae runs 500 000 (train-sigmoid's reading).
    expect(optionClaims(CLAIMS, 'epochs')).toBe(
      '[train-sigmoid: 500000; train-constrained: 2500000; train-free: 2500000]',
    );
    expect(optionClaims(CLAIMS, 'seeds')).toBe('[train-sigmoid, train-constrained, train-free]');
    const h = await run('all', '--help');
    expect(h.out.replace(/\s+/g, ' ')).toContain(
      '[train-sigmoid: 500000; train-constrained: 2500000; train-free: 2500000]',
    );
  });
});

describe('--n N on claim commands', () => {
  it('when a claim command gets --n N then it checks that n and its replay says --n N', async () => {
    const r = await run('lemma-rank', '--n', '3', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { command: string; scope: { checked: number[] } };
    expect(j.command).toMatch(/^npx verify lemma-rank --n 3 /);
    expect(j.scope.checked).toEqual([3, 3]);
  });

  it('when --n and --n-max are both given then it is refused', async () => {
    const r = await run('lemma-layer3', '--n', '3', '--n-max', '4');
    expect(r.code).toBe(2);
    expect(r.err).toBe("verify: option '--n <N>' cannot be used with option '--n-max <N>'\n");
  });
});
