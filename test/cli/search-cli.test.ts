import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';

describe('verify search conjecture', () => {
  it('--list-readings prints the six readings', async () => {
    const r = await run('search', 'conjecture', '--list-readings');
    expect(r.code).toBe(0);
    for (const id of [
      'share/k-all',
      'share/k-row',
      'share+empty/k-all',
      'share+empty/k-row',
      'per-line/k-all',
      'per-line/k-row',
    ]) {
      expect(r.out).toContain(id);
    }
  });

  it('prints the report and certifies its counterexamples', async () => {
    const r = await run('search', 'conjecture', '--n', '3', '--grid', '1', '--workers', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/configurations: \d+; A2 full rank/);
    expect(r.out).toContain('re-checked exactly');
  });

  it('shards written with --out merge into the single-run JSON counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-shards-'));
    const files = [0, 1].map((i) => join(dir, `s${i}.json`));
    for (const [i, f] of files.entries()) {
      expect(
        (await run('search', 'conjecture', '--n', '3', '--shard', `${i}/2`, '--out', f, '--workers', '1')).code,
      ).toBe(0);
    }
    const single = JSON.parse((await run('search', 'conjecture', '--n', '3', '--json', '--workers', '1')).out) as {
      counts: unknown;
    };
    const merged = JSON.parse((await run('merge', ...files, '--json')).out) as { counts: unknown; complete: boolean };
    expect(merged.complete).toBe(true);
    expect(merged.counts).toEqual(single.counts);
  });

  it.each([
    [['search', 'conjecture', '--n', '8'], /3\d{9} configurations.*needs --force/],
    [['search', 'conjecture', '--shard', '2/2'], /0 <= i < N/],
    [['search', 'conjecture', '--shard', 'x'], /not i\/N/],
    [['search', 'conjecture', '--zero-signal', 'maybe'], /Allowed choices are keep, drop/],
    [['search', 'conjecture', '--random', '--symbolic'], /exclude each other/],
    [['search', 'conjecture', '--codes', '/nonexistent.json'], /--codes: \/nonexistent.json does not exist/],
    [['merge', '/nonexistent.json'], /merge: \/nonexistent.json does not exist/],
  ])('%j exits 2', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('--resume refuses a checkpoint of another search', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-ck-'));
    const f = join(dir, 'a.json');
    expect((await run('search', 'conjecture', '--n', '2', '--out', f, '--workers', '1')).code).toBe(0);
    const r = await run('search', 'conjecture', '--n', '3', '--resume', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/different search/);
  });

  it('codes from a file must be distinct and of the right number', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-codes-'));
    const f = join(dir, 'c.json');
    writeFileSync(f, JSON.stringify(['0', '1/2', '1/2']));
    const r = await run('search', 'conjecture', '--n', '3', '--codes', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/appears twice/);
    writeFileSync(f, JSON.stringify(['-1', '1/2', '4']));
    const ok = await run('search', 'conjecture', '--n', '3', '--codes', f, '--workers', '1', '--json');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { spec: { codes: string[] } }).spec.codes).toEqual(['-1', '1/2', '4']);
    expect(readFileSync(f, 'utf8')).toContain('1/2');
  });

  it('--random replays a counterexample from its path', async () => {
    const first = JSON.parse(
      (await run('search', 'conjecture', '--random', '--n', '3', '--runs', '200', '--json')).out,
    ) as {
      findings: { reading: string; direction: string; path?: string; counterexample?: unknown }[];
    };
    const f = first.findings.find((x) => x.path);
    expect(f).toBeDefined();
    const again = JSON.parse(
      (await run('search', 'conjecture', '--random', '--n', '3', '--runs', '200', '--json', '--path', f!.path!)).out,
    ) as { findings: typeof first.findings };
    const same = again.findings.find((x) => x.reading === f!.reading && x.direction === f!.direction);
    expect(same?.counterexample).toEqual(f!.counterexample);
  });
});
