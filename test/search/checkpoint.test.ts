/**
 * Issue 13 §2 and issue 17 §1: search files are untrusted input. Every
 * edit the issue lists (and more) is refused with a UsageError (exit 2)
 * naming the field, by schema, by the relations between fields, or by the
 * digest; merge refuses missing, duplicate, foreign and incomplete shards.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import {
  type Checkpoint,
  digestOf,
  formatSearchFile,
  mergeCheckpoints,
  parseSearchFile,
  seal,
} from '../../src/search/checkpoint.js';
import { linearCodes } from '../../src/search/grid.js';
import { runSearch } from '../../src/search/runner.js';
import { run } from '../helpers/cli.js';

const spec = { n: 3, g: 2, zeroSignal: 'drop' as const, codes: linearCodes(3, 'drop') };
const one = await runSearch({ spec, workers: 1 });
const shards = await Promise.all([0, 1].map((index) => runSearch({ spec, workers: 1, shard: { index, count: 2 } })));
const other = await runSearch({ spec: { ...spec, g: 1 }, workers: 1, shard: { index: 1, count: 2 } });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const edit = (c: Checkpoint, f: (j: Json) => void): string => {
  const j = JSON.parse(formatSearchFile(c)) as Json;
  f(j);
  return JSON.stringify(j);
};
/** An edit that keeps the file consistent and recomputes the digest: only the relations can catch it. */
const resealed = (c: Checkpoint, f: (j: Json) => void): string => {
  const j = JSON.parse(formatSearchFile(c)) as Json;
  f(j);
  delete j.digest;
  return JSON.stringify(seal(j as Checkpoint));
};

describe('parseSearchFile', () => {
  it('accepts what the search wrote, unchanged', () => {
    expect(parseSearchFile(formatSearchFile(one), 'f')).toEqual(one);
    for (const s of shards) expect(parseSearchFile(formatSearchFile(s), 'f')).toEqual(s);
  });

  // The first rows are the inputs of issue 13 §2, verbatim.
  it.each([
    ['doneUnits holding "x"', edit(one, (j) => (j.doneUnits = ['x'])), /doneUnits\[0\]: .*number/],
    ['doneUnits [0, 1, 99999, -5]', edit(one, (j) => (j.doneUnits = [0, 1, 99999, -5])), /doneUnits\[3\]/],
    ['deleted counts', edit(one, (j) => delete j.counts), /^f: counts: /],
    ['total + 1000', edit(one, (j) => (j.counts.total += 1000)), /counts\.total is 4276; the done units hold 3276/],
    ['a negative count', edit(one, (j) => (j.counts.readings[2].condition = -4)), /counts\.readings\[2\]\.condition/],
    ['an erased ifFails', edit(one, (j) => delete j.counts.readings[0].ifFails), /counts\.readings\[0\]\.ifFails/],
    ['shard {index: 5, count: 2}', resealed(one, (j) => (j.shard = { index: 5, count: 2 })), /shard 5\/2: the index/],
    ['deleted readings', edit(one, (j) => delete j.counts.readings), /counts\.readings/],
    ['doneUnits [0, 1, 99999]', resealed(one, (j) => (j.doneUnits = [0, 1, 99999])), /99999 is not a unit/],
    ['a duplicate unit', resealed(one, (j) => (j.doneUnits = [0, 0, 1])), /doneUnits\[1\] = 0 is a duplicate/],
    ['total + 1000, resealed', resealed(one, (j) => (j.counts.total += 1000)), /counts\.total is 4276/],
    [
      'one configuration moved between readings, resealed',
      resealed(one, (j) => (j.counts.readings[0].ifFails.count += 1)),
      /condition - ifFails/,
    ],
    [
      'a consistent edit, digest kept',
      edit(one, (j) => {
        j.counts.readings[0].condition += 1;
        j.counts.readings[0].ifFails.count += 1;
      }),
      /digest does not match/,
    ],
    ['an erased first counterexample', resealed(one, (j) => (j.counts.readings[0].ifFails.first = null)), /is missing/],
    [
      'a counterexample with a foreign key',
      resealed(one, (j) => (j.counts.readings[0].ifFails.first.key = ['1', '1'])),
      /not the key of its types/,
    ],
    ['complete with units missing', resealed(one, (j) => (j.doneUnits = j.doneUnits.slice(1))), /complete is true but/],
    ['unitsTotal changed', resealed(one, (j) => (j.unitsTotal += 1)), /unitsTotal is 352/],
    ['a code not canonical', resealed(one, (j) => (j.spec.codes[0] = '2/2')), /canonical form '1'/],
    ['codes not symmetric with orbits mirror', resealed(one, (j) => (j.spec.codes[2] = '4')), /not symmetric/],
    ['a unit of another shard', resealed(shards[0]!, (j) => (j.doneUnits = [1])), /does not belong to shard 0\/2/],
    ['an unknown field', edit(one, (j) => (j.extra = 1)), /Unrecognized key/],
    ['a shard count above the bound', edit(one, (j) => (j.shard.count = 10 ** 9)), /shard\.count/],
    ['a fractional count', edit(one, (j) => (j.counts.fullRank = 1.5)), /counts\.fullRank/],
    ['sample.checked above the total', resealed(one, (j) => (j.sample.checked = 9999)), /sample\.checked/],
    ['no digest', edit(one, (j) => delete j.digest), /digest/],
    ['version 1', edit(one, (j) => (j.version = 1)), /older stepae \(file version 1/],
    ['another kind', edit(one, (j) => (j.kind = 'x')), /not a stepae search file/],
    ['not JSON', '{"kind": ', /not JSON/],
    ['null', 'null', /not a stepae search file/],
  ])('%s: refused, exit 2', (_, text, message) => {
    let err: unknown;
    try {
      parseSearchFile(text, 'f');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toMatch(/\n|Cannot read properties/);
  });

  it('the digest covers the counts: the same file with any count changed has another digest', () => {
    const j = JSON.parse(formatSearchFile(one)) as Checkpoint;
    const d0 = digestOf(j);
    j.counts.readings[5]!.onlyIfFails.count++;
    expect(digestOf(j)).not.toBe(d0);
  });
});

describe('mergeCheckpoints', () => {
  it('merges a full set of shards into the single run', () => {
    const merged = mergeCheckpoints([shards[1]!, shards[0]!], ['b.json', 'a.json']);
    expect(merged.counts).toEqual(one.counts);
    expect(merged.doneUnits).toEqual(one.doneUnits);
    expect(merged.sample.checked).toBe(one.sample.checked);
    expect(parseSearchFile(formatSearchFile(merged), 'merged')).toEqual(merged);
  });

  it.each([
    ['a missing shard', () => [shards[0]!], /shard 1\/2 missing \(1 of 2\)/],
    ['a duplicate shard', () => [shards[0]!, shards[0]!, shards[1]!], /a\.json and b\.json are both shard 0\/2/],
    ['a foreign shard', () => [shards[0]!, other], /b\.json is a shard of another search \(n = 3, g = 1/],
    ['another shard count', () => [shards[0]!, one], /b\.json is shard 0\/1, foreign to the 2 shards/],
  ])('refuses %s, naming it', (_, parts, message) => {
    expect(() => mergeCheckpoints(parts(), ['a.json', 'b.json', 'c.json'])).toThrow(message);
  });

  it('refuses an incomplete shard', async () => {
    const stop = { stopped: false };
    const partial = await runSearch({
      spec,
      workers: 1,
      shard: { index: 1, count: 2 },
      stop,
      onProgress: () => (stop.stopped = true),
    });
    expect(partial.complete).toBe(false);
    expect(() => mergeCheckpoints([shards[0]!, partial], ['a.json', 'b.json'])).toThrow(
      /b\.json \(shard 1\/2\) is incomplete/,
    );
  });

  it('refuses an edited shard, naming the file', () => {
    const bad = JSON.parse(edit(shards[1]!, (j) => (j.counts.fullRank += 1))) as Checkpoint;
    expect(() => mergeCheckpoints([shards[0]!, bad], ['a.json', 'b.json'])).toThrow(/merge: b\.json: /);
  });
});

describe('through the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepae-ck-'));
  it.each([
    ['deleted counts', (j: Json) => delete j.counts, /counts/],
    ['deleted readings', (j: Json) => delete j.counts.readings, /counts\.readings/],
    ['total + 1000', (j: Json) => (j.counts.total += 1000), /counts\.total/],
  ])('--resume with %s exits 2 with one line, and leaves the file alone', async (_, f, message) => {
    const path = join(dir, 'resume.json');
    const text = edit(one, f);
    writeFileSync(path, text);
    const r = await run('search', 'conjecture', '--n', '3', '--workers', '1', '--resume', path);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  // A file edited and re-sealed (its digest recomputed) passes the digest; what it claims must still hold.
  it.each([
    [
      'the first "if" and "only if" counterexamples of a reading swapped',
      (j: Json) => {
        const r = j.counts.readings[0];
        [r.ifFails.first, r.onlyIfFails.first] = [r.onlyIfFails.first, r.ifFails.first];
      },
      /the file reports an if counterexample for share\/k-all that does not re-check; the file was altered/,
    ],
    ['a grid of 1000 knots per gap', (j: Json) => (j.spec.g = 1000), /spec\.g/],
    ['n = 30', (j: Json) => (j.spec.n = 30), /spec\.n/],
  ])('--resume and merge of a re-sealed file with %s exit 2 with one line', async (_, f, message) => {
    const path = join(dir, 'resealed.json');
    writeFileSync(path, resealed(one, f));
    for (const args of [
      ['search', 'conjecture', '--n', '3', '--workers', '1', '--resume', path],
      ['merge', path],
    ]) {
      const r = await run(...args);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('merge of a set with a missing shard exits 2 and names it', async () => {
    const a = join(dir, 'a.json');
    writeFileSync(a, formatSearchFile(shards[0]!));
    const r = await run('merge', a);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/shard 1\/2 missing/);
  });
});

describe('checkpoint schedule', () => {
  it('offers a checkpoint after the first unit of a short run, valid and resumable', async () => {
    const seen: Checkpoint[] = [];
    const r = await runSearch({ spec, workers: 1, onCheckpoint: (c) => seen.push(c) });
    expect(seen.length).toBeGreaterThanOrEqual(1);
    const first = seen[0]!;
    expect(first.complete).toBe(false);
    expect(first.doneUnits.length).toBeGreaterThan(0);
    const resumed = await runSearch({ spec, workers: 1, resume: parseSearchFile(formatSearchFile(first), 'ck') });
    expect(resumed.counts).toEqual(r.counts);
  });
});
