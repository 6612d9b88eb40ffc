/**
 * Issue 13 §1: every run recounts a seeded sample of its configurations
 * exactly, with code independent of the engine, and a disagreement is an
 * InternalError (exit 3), never a report.
 */
import { describe, expect, it, vi } from 'vitest';
import { InternalError } from '../../src/errors.js';
import { GridSearch, type UnitResult } from '../../src/search/exhaustive.js';
import { gridKnots, linearCodes } from '../../src/search/grid.js';
import { mergeCheckpoints, runSearch, searchAll } from '../../src/search/runner.js';
import { ExactRecount, sampleGap } from '../../src/search/sample.js';

const spec = { n: 3, g: 2, zeroSignal: 'drop' as const, codes: linearCodes(3, 'drop') };
const knots = gridKnots(spec.codes, 2);
const recount = new ExactRecount(spec.codes, knots, 3);

describe('ExactRecount', () => {
  // [0, 1, 2]: types 0 and 2 are ReLU(t - z) with t = 0 and 1/3, below every code: zero columns, so A2 is singular (hand check).
  const truth = recount.verdict([0, 1, 2]);
  it('agrees with a hand-checked configuration', () => {
    expect(truth.full).toBe(false);
  });
  it.each([
    ['the rank flipped', { types: [0, 1, 2], weight: 2, full: true, conditions: truth.conditions }],
    ['a condition flipped', { types: [0, 1, 2], weight: 2, full: false, conditions: truth.conditions ^ 4 }],
    ['a wrong orbit weight', { types: [0, 1, 2], weight: 1, full: false, conditions: truth.conditions }],
  ])('throws InternalError for %s', (_, sample) => {
    expect(() => recount.check(true, [sample])).toThrow(InternalError);
  });
  it('counts a weight-2 sample as two configurations', () => {
    expect(recount.check(true, [{ types: [0, 1, 2], weight: 2, ...truth }])).toBe(2);
  });
});

describe('every run', () => {
  it('recounts every configuration of a small grid', () => {
    const r = searchAll(spec);
    expect(r.sample).toEqual({ seed: 20220227, gap: 1, checked: 3276 });
  });

  it('recounts about 2000 + total / 10^6 configurations of a larger grid, the same with shards', async () => {
    const big = { n: 5, g: 2, zeroSignal: 'drop' as const, codes: linearCodes(5, 'drop') };
    expect(sampleGap(850668)).toBe(Math.floor(850668 / (2000 + 0.850668)));
    const single = await runSearch({ spec: big, workers: 1 });
    expect(single.sample.checked).toBeGreaterThan(1000);
    expect(single.sample.checked).toBeLessThan(4000);
    const shards = await Promise.all(
      [0, 1, 2].map((index) => runSearch({ spec: big, workers: 1, shard: { index, count: 3 } })),
    );
    expect(mergeCheckpoints(shards).sample).toEqual(single.sample);
    const reseeded = await runSearch({ spec: big, workers: 1, sampleSeed: 7 });
    expect(reseeded.sample.seed).toBe(7);
    expect(reseeded.counts).toEqual(single.counts);
  });

  it('fails with InternalError, not a result, when the engine misjudges a sampled configuration', async () => {
    const real = GridSearch.prototype.runUnit;
    const spy = vi.spyOn(GridSearch.prototype, 'runUnit').mockImplementation(function (this: GridSearch, prefix, plan) {
      const r: UnitResult = real.call(this, prefix, plan);
      for (const s of r.samples) s.full = !s.full;
      return r;
    });
    try {
      await expect(runSearch({ spec, workers: 1 })).rejects.toThrow(/exact recount .* disagrees/);
      expect(() => searchAll(spec)).toThrow(InternalError);
    } finally {
      spy.mockRestore();
    }
  });

  it('fails with InternalError when a unit miscounts its configurations', async () => {
    const real = GridSearch.prototype.runUnit;
    const spy = vi.spyOn(GridSearch.prototype, 'runUnit').mockImplementation(function (this: GridSearch, prefix, plan) {
      const r: UnitResult = real.call(this, prefix, plan);
      r.counts.total += 1;
      return r;
    });
    try {
      await expect(runSearch({ spec, workers: 1 })).rejects.toThrow(InternalError);
    } finally {
      spy.mockRestore();
    }
  });
});
