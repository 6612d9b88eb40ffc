/**
 * verify search conjecture --symbolic: the classification of every
 * combinatorial type through the CLI, with shards, merge and validated
 * files. Expected counts: the recorded run (src/search/classify/results.json),
 * itself checked against the exhaustive grid.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'stepae-classify-cli-'));
interface Result {
  types: number;
  classes: { singular: number; generic: number; full: number };
  digest: string;
  argv: string[];
}

describe('verify search conjecture --symbolic', () => {
  it.each([
    // n, mode, types, always singular, generic, always full rank (the recorded table)
    [3, 'drop', 560, 440, 24, 96],
    [4, 'drop', 5985, 5044, 271, 670],
    [3, 'keep', 1140, 748, 62, 330],
  ] as const)('when n = %i, zero signal %s, then the classes are the recorded ones', async (n, zs, types, s, g, f) => {
    const r = await run(
      'search',
      'conjecture',
      '--symbolic',
      '--n',
      String(n),
      '--zero-signal',
      zs,
      '--json',
      '--workers',
      '1',
    );
    expect(r.err).toBe('');
    const j = JSON.parse(r.out) as Result;
    expect([j.types, j.classes.singular, j.classes.generic, j.classes.full]).toEqual([types, s, g, f]);
    expect(j.argv).toEqual([
      'search',
      'conjecture',
      '--symbolic',
      '--n',
      String(n),
      '--zero-signal',
      zs,
      '--codes',
      'linear',
    ]);
  });

  it('when two shards are merged then the result and its digest equal the single run; a shard missing, twice or edited is refused', async () => {
    const base = ['search', 'conjecture', '--symbolic', '--n', '4', '--workers', '1'];
    const single = JSON.parse((await run(...base, '--json')).out) as Result;
    const files = [0, 1].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, f] of files.entries()) expect((await run(...base, '--shard', `${i}/2`, '--out', f)).code).toBe(0);
    const merged = await run('merge', ...files, '--json');
    expect(merged.code).toBe(0);
    const m = JSON.parse(merged.out) as Result;
    expect([m.types, m.classes, m.digest]).toEqual([single.types, single.classes, single.digest]);

    const missing = await run('merge', files[0]!);
    expect([missing.code, missing.err]).toEqual([2, expect.stringMatching(/shard 1\/2 missing/)]);
    const twice = await run('merge', files[0]!, files[0]!, files[1]!);
    expect([twice.code, twice.err]).toEqual([2, expect.stringMatching(/are both shard 0\/2/)]);
    const edited = join(dir, 'edited.json');
    const j = JSON.parse(readFileSync(files[1]!, 'utf8')) as { counts: { classes: { full: number } } };
    j.counts.classes.full += 1;
    writeFileSync(edited, JSON.stringify(j));
    const bad = await run('merge', files[0]!, edited);
    expect([bad.code, bad.err]).toEqual([2, expect.stringMatching(/digest does not match/)]);
  });

  it('when --resume is given a grid search file then exit 2 naming it', async () => {
    const grid = join(dir, 'grid.json');
    expect((await run('search', 'conjecture', '--n', '2', '--out', grid)).code).toBe(0);
    const r = await run('search', 'conjecture', '--symbolic', '--n', '2', '--resume', grid);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/kind must be 'stepae-classify'/);
  });
});
