import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../helpers/seed.js';
import { UsageError } from '../../src/errors.js';
import { Q } from '../../src/kernel/rational.js';
import { searchAll } from '../../src/search/runner.js';
import { linearCodes } from '../../src/search/grid.js';
import { canonicalJson, digest, emptyCounts, mergeCounts } from '../../src/search/classify/counts.js';
import { gridAgreement } from '../../src/search/classify/grid-check.js';
import {
  checkClassifyCheckpoint,
  classifyResult,
  classifySpec,
  engineFor,
  mergeClassifyCheckpoints,
  runClassify,
  runClassifyUnits,
} from '../../src/search/classify/run.js';

describe('classification runs', () => {
  it.each([
    [4, 'drop'],
    [3, 'keep'],
  ] as const)('n = %d, %s: three shards merged give the single run, digest included', async (n, zs) => {
    const spec = classifySpec(n, zs);
    const whole = await runClassify({ spec, workers: 1 });
    const shards = await Promise.all(
      [0, 1, 2].map((index) => runClassify({ spec, workers: 1, shard: { index, count: 3 } })),
    );
    expect(shards.every((s) => s.complete)).toBe(true);
    const merged = mergeClassifyCheckpoints(shards);
    expect(merged.complete).toBe(true);
    expect(merged.counts).toEqual(whole.counts);
    expect(classifyResult(merged).digest).toBe(classifyResult(whole).digest);
  });

  it('a stopped run resumes to the single-run counts', async () => {
    const spec = classifySpec(4, 'drop');
    const whole = await runClassify({ spec, workers: 1 });
    const stop = { stopped: false };
    let seen = 0;
    const part = await runClassify({
      spec,
      workers: 1,
      stop,
      onProgress: () => {
        if (++seen === 7) stop.stopped = true;
      },
    });
    expect(part.complete).toBe(false);
    expect(part.doneUnits.length).toBe(7);
    const json = JSON.parse(JSON.stringify(part)) as unknown;
    const resumed = await runClassify({ spec, workers: 1, resume: checkClassifyCheckpoint(json) });
    expect(resumed.complete).toBe(true);
    expect(resumed.counts).toEqual(whole.counts);
  });

  it('runClassifyUnits over any split of the units merges to the whole (fast-check)', () => {
    const spec = classifySpec(3, 'drop');
    const total = engineFor(spec, false).units().length;
    const whole = runClassifyUnits(
      spec,
      Array.from({ length: total }, (_, k) => k),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: total, maxLength: total }), (owner) => {
        const parts = [0, 1, 2, 3].map((o) =>
          runClassifyUnits(
            spec,
            owner.flatMap((x, k) => (x === o ? [k] : [])),
          ),
        );
        // Merging is order-independent.
        const ab = parts.reduce((acc, p) => mergeCounts(acc, p), emptyCounts(false));
        const ba = [...parts].reverse().reduce((acc, p) => mergeCounts(acc, p), emptyCounts(false));
        expect(ab).toEqual(whole);
        expect(ba).toEqual(whole);
      }),
      fcParams(20),
    );
  });

  it('checkpoint validation names the problem', async () => {
    const cp = await runClassify({ spec: classifySpec(2, 'drop'), workers: 1 });
    // An edit is caught by the digest; an edit whose digest was recomputed, by the field checks.
    const edited = (patch: object) => () => checkClassifyCheckpoint({ ...cp, ...patch });
    const resealed = (patch: object) => () => {
      const rest: Record<string, unknown> = { ...cp, ...patch };
      delete rest.digest;
      return checkClassifyCheckpoint({ ...rest, digest: `sha256:${digest(rest)}` });
    };
    expect(edited({ unitsTotal: 3 })).toThrow(/digest does not match/);
    expect(resealed({ kind: 'other' })).toThrow(/kind/);
    expect(resealed({ unitsTotal: 3 })).toThrow(/unitsTotal/);
    expect(resealed({ doneUnits: [0, 0] })).toThrow(/repeats/);
    expect(resealed({ doneUnits: [999] })).toThrow(/doneUnits/);
    expect(resealed({ shard: { index: 2, count: 2 } })).toThrow(/shard/);
    expect(resealed({ complete: false })).toThrow(/complete is false/);
    expect(resealed({ counts: { ...cp.counts, types: cp.counts.types + 1 } })).toThrow(/do not add up/);
    expect(resealed({ spec: { ...cp.spec, codes: ['1', '1'] } })).toThrow(UsageError);
    expect(() => mergeClassifyCheckpoints([cp, cp])).toThrow(/both shard 0\/1/);
  });

  it('specs: codes default to 1..m, are sorted, and bad ones are usage errors', () => {
    expect(classifySpec(3, 'keep').codes.map(String)).toEqual(['1', '2', '3', '4']);
    expect(classifySpec(2, 'drop', [Q.int(5), Q.int(-1)]).codes.map(String)).toEqual(['-1', '5']);
    expect(() => classifySpec(0, 'drop')).toThrow(UsageError);
    expect(() => classifySpec(2, 'drop', [Q.int(1)])).toThrow(UsageError);
  });

  it('the digest is the sha256 of the canonical JSON (key order does not matter)', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    // sha256 of the two bytes '{}', as `printf '{}' | sha256sum` prints it.
    expect(digest({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});

describe('agreement with the exhaustive grid', () => {
  it.each([
    [2, 'drop'],
    [3, 'drop'],
    [4, 'drop'],
    [2, 'keep'],
    [3, 'keep'],
  ] as const)('n = %d, %s (g = 2): no configuration contradicts its type, and the ranks match GridSearch', (n, zs) => {
    const a = gridAgreement(n, 2, zs);
    expect(a.mismatches).toBe(0);
    const counts = searchAll({ n, g: 2, zeroSignal: zs, codes: linearCodes(n, zs) }).counts;
    expect(a.configurations).toBe(counts.total);
    expect(a.byClass.singular.fullRank + a.byClass.generic.fullRank + a.byClass.full.fullRank).toBe(counts.fullRank);
  });
});
