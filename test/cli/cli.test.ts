import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import { CLAIMS } from '../../src/claims/registry.js';
import { run, runBin } from '../helpers/cli.js';

describe('verify (in process)', () => {
  it('dataset prints X exactly', async () => {
    const r = await run('dataset', '--n', '2', '--C', '3/2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('[ 3/2  3/2 ]\n[   0  3/2 ]\n[   0    0 ]');
  });

  it('dataset --json keeps rationals as strings', async () => {
    const r = await run('dataset', '--n', '1', '--C', '0.5', '--json');
    expect(JSON.parse(r.out)).toEqual({ n: 1, C: '1/2', X: [['1/2'], ['0']] });
  });

  it.each([
    [['dataset', '--n', '0'], /--n must be an integer from 1/],
    [['dataset', '--n', '-3'], /--n must be an integer from 1/],
    [['dataset', '--n', 'x'], /--n: 'x' is not an integer/],
    [['dataset', '--n', '2', '--C', 'abc'], /--C: not a rational number: 'abc'; accepted:/],
    [['dataset', '--n', '2', '--C', '-1'], /--C must be a positive rational/],
    [['dataset', '--n', '2', '--json', '--latex'], /exclude each other/],
    [['dataset'], /required option '--n <n>'/],
    [['nonsense'], /unknown command/],
  ])('%j exits 2 with one line on stderr', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });

  it('--version and --help exit 0', async () => {
    expect((await run('--version')).code).toBe(0);
    const h = await run('--help');
    expect(h.code).toBe(0);
    expect(h.out).toContain('dataset');
  });
});

describe('verify all fits the terminal', () => {
  const args = ['all', '--n-max', '3', '--runs', '10', '--epochs', '200', '--seeds', '1'];

  it('when stdout is an 80-column terminal then no line is wider and each claim is a block of four lines', async () => {
    const io = memoryIo(80);
    expect(await runCli(args, io)).toBe(1);
    const lines = io.stdout.split('\n');
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => l.startsWith('claim    ')).map((l) => l.slice(9))).toEqual(CLAIMS.map((c) => c.id));
    for (const key of ['verdict  ', 'scope    ', 'reason   '])
      expect(lines.filter((l) => l.startsWith(key))).toHaveLength(CLAIMS.length);
  });

  it('when stdout is not a terminal then each claim is one line (for grep), as --json is for programs', async () => {
    const io = memoryIo();
    expect(await runCli(args, io)).toBe(1);
    const lines = io.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(CLAIMS.length + 2);
    expect(lines.slice(2).map((l) => l.split(' ')[0])).toEqual(CLAIMS.map((c) => c.id));
  });
});

describe('verify (built binary)', () => {
  it('spawns and exits 2 on bad input, without a stack trace', async () => {
    for (const args of [
      ['dataset', '--n', '0'],
      ['dataset', '--n', '3', '--C', 'abc'],
    ]) {
      const r = runBin(args);
      expect(r.status).toBe(2);
      expect(r.err).toMatch(/^verify: /);
      expect(r.err).not.toMatch(/at .*\.js:\d+/);
    }
    const ok = runBin(['dataset', '--n', '3']);
    expect(ok.status).toBe(0);
    expect(ok.out).toContain('[ 1  1  1 ]');
  });
});
