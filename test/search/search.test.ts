import { describe, expect, it } from 'vitest';
import { gaussRank } from '../../src/kernel/certificate.js';
import { GridSearch } from '../../src/search/exhaustive.js';
import {
  binom,
  configMatrix,
  configRatios,
  configurationCount,
  gridKnots,
  linearCodes,
  multisets,
} from '../../src/search/grid.js';
import { condition, evaluateParts, READINGS } from '../../src/search/readings.js';
import { compareArrays, emptyCounts, mergeCounts, type SearchCounts } from '../../src/search/result.js';
import { certifyAll } from '../../src/search/certify.js';
import { mergeCheckpoints, runSearch } from '../../src/search/runner.js';
import { classifyType, type ColumnClass, symbolicSearch } from '../../src/search/symbolic.js';
import type { Q } from '../../src/kernel/rational.js';

/** Independent slow enumeration: exact Gaussian rank and the direct predicates, per configuration. */
function slowCounts(n: number, g: number, zeroSignal: 'keep' | 'drop') {
  const codes = linearCodes(n, zeroSignal);
  const knots = gridKnots(codes, g);
  const T = 2 * knots.length;
  let total = 0;
  let full = 0;
  const cond = READINGS.map(() => 0);
  const ifFails = READINGS.map(() => 0);
  const onlyIf = READINGS.map(() => 0);
  const rec = (types: number[], start: number) => {
    if (types.length === n) {
      total++;
      const A = configMatrix(codes, knots, types);
      const isFull = gaussRank(A) === n;
      if (isFull) full++;
      const parts = evaluateParts(A, configRatios(knots, types));
      READINGS.forEach((r, k) => {
        const c = condition(r, parts);
        if (c) cond[k]!++;
        if (c && !isFull) ifFails[k]!++;
        if (!c && isFull) onlyIf[k]!++;
      });
      return;
    }
    for (let t = start; t < T; t++) rec([...types, t], t);
  };
  rec([], 0);
  return { total, full, cond, ifFails, onlyIf };
}

function fastCounts(n: number, g: number, zeroSignal: 'keep' | 'drop', mirror = true): SearchCounts {
  const gs = new GridSearch({ n, g, zeroSignal, codes: linearCodes(n, zeroSignal) }, { mirror });
  return gs.units().reduce((acc, u) => mergeCounts(acc, gs.runUnit(u).counts), emptyCounts());
}

describe('exhaustive grid search', () => {
  it.each([
    [1, 2, 'drop'],
    [2, 2, 'drop'],
    [3, 2, 'drop'],
    [1, 2, 'keep'],
    [2, 2, 'keep'],
    [3, 1, 'keep'],
    [3, 2, 'keep'],
  ] as const)('n = %d, g = %d, zero signal %s: counts equal an independent slow enumeration', (n, g, zs) => {
    const slow = slowCounts(n, g, zs);
    const fast = fastCounts(n, g, zs);
    expect(fastCounts(n, g, zs, false)).toEqual(fast);
    expect(fast.total).toBe(slow.total);
    expect(BigInt(fast.total)).toBe(configurationCount(2 * gridKnots(linearCodes(n, zs), g).length, n));
    expect(fast.fullRank).toBe(slow.full);
    READINGS.forEach((_, k) => {
      expect(fast.readings[k]!.condition).toBe(slow.cond[k]);
      expect(fast.readings[k]!.ifFails.count).toBe(slow.ifFails[k]);
      expect(fast.readings[k]!.onlyIfFails.count).toBe(slow.onlyIf[k]);
    });
  });

  it('n = 6, g = 2, drop has the 13,983,816 configurations of the issue (count only)', () => {
    expect(configurationCount(2 * gridKnots(linearCodes(6, 'drop'), 2).length, 6)).toBe(13983816n);
    expect(configurationCount(2 * gridKnots(linearCodes(7, 'drop'), 2).length, 7)).toBe(231917400n);
  });

  it.each([true, false])('units partition the enumeration (mirror %s), and merging is order-independent', (mirror) => {
    const gs = new GridSearch({ n: 3, g: 2, zeroSignal: 'drop', codes: linearCodes(3, 'drop') }, { mirror });
    const units = gs.units();
    const parts = units.map((u) => gs.runUnit(u).counts);
    expect(parts.reduce((s, p, k) => s + (p.total === gs.unitSize(units[k]!) ? p.total : NaN), 0)).toBe(3276);
    const forward = parts.reduce(mergeCounts, emptyCounts());
    const backward = [...parts].reverse().reduce(mergeCounts, emptyCounts());
    expect(backward).toEqual(forward);
  });
});

describe('runner: shards, merge, resume', () => {
  const spec = { n: 3, g: 2, zeroSignal: 'keep' as const, codes: linearCodes(3, 'keep') };

  it('shards plus merge equal one run', async () => {
    const one = await runSearch({ spec, workers: 1 });
    const shards = await Promise.all(
      [0, 1, 2].map((index) => runSearch({ spec, workers: 1, shard: { index, count: 3 } })),
    );
    expect(shards.every((s) => s.complete)).toBe(true);
    const merged = mergeCheckpoints(shards);
    expect(merged.complete).toBe(true);
    expect(merged.counts).toEqual(one.counts);
    expect(merged.doneUnits).toEqual(one.doneUnits);
    expect(() => mergeCheckpoints([shards[0]!, shards[0]!, shards[1]!])).toThrow(/both shard 0\/3/);
    expect(() => mergeCheckpoints([shards[0]!, shards[2]!])).toThrow(/shard 1\/3 missing/);
  });

  it('a stopped run, resumed, equals an uninterrupted one', async () => {
    const one = await runSearch({ spec, workers: 1 });
    const stop = { stopped: false };
    let units = 0;
    const partial = await runSearch({
      spec,
      workers: 1,
      stop,
      onProgress: () => {
        if (++units === 7) stop.stopped = true;
      },
    });
    expect(partial.complete).toBe(false);
    // The mirror leaves some units without a representative: they are done without work.
    const empty = new GridSearch(spec).units().filter((u) => new GridSearch(spec).unitSize(u) === 0).length;
    expect(partial.doneUnits).toHaveLength(7 + empty);
    const resumed = await runSearch({
      spec,
      workers: 1,
      resume: JSON.parse(JSON.stringify(partial)) as typeof partial,
    });
    expect(resumed.complete).toBe(true);
    expect(resumed.counts).toEqual(one.counts);
  });

  it('every first and simplest counterexample re-checks exactly', async () => {
    const one = await runSearch({ spec, workers: 1 });
    const certified = certifyAll(one);
    expect(certified.length).toBeGreaterThan(0);
    for (const c of certified)
      expect(c.direction === 'if' ? c.condition && c.rank < 3 : !c.condition && c.rank === 3).toBe(true);
  });
});

describe('symbolic search per combinatorial type', () => {
  /** The type of a grid configuration: each knot on a code or inside a gap. */
  function typeOfConfig(codes: Q[], knots: Q[], types: number[]): ColumnClass[] {
    return types.map((ty) => {
      const s: 1 | -1 = ty % 2 === 1 ? 1 : -1;
      const t = knots[ty >> 1]!;
      const onCode = codes.findIndex((z) => z.equals(t));
      if (onCode >= 0) return { s, kind: 'code', r: onCode };
      return { s, kind: 'gap', r: codes.filter((z) => z.lt(t)).length };
    });
  }

  it.each([2, 3])('n = %d: every grid counterexample lies in a type the symbolic search flags', (n) => {
    const codes = linearCodes(n, 'drop');
    const knots = gridKnots(codes, 2);
    const T = 2 * knots.length;
    const rec = (types: number[], start: number) => {
      if (types.length === n) {
        const A = configMatrix(codes, knots, types);
        const full = gaussRank(A) === n;
        const parts = evaluateParts(A, configRatios(knots, types));
        const verdict = classifyType(codes, typeOfConfig(codes, knots, types));
        if (!full) expect(verdict.singular).toBe(true);
        READINGS.forEach((r, k) => {
          const c = condition(r, parts);
          if (c && !full) expect(verdict.ifFails[k]).toBe(true);
          if (!c && full) expect(verdict.onlyIfFails[k]).toBe(true);
        });
        return;
      }
      for (let t = start; t < T; t++) rec([...types, t], t);
    };
    rec([], 0);
  });

  it('n = 2: the type count is C(2(2n+1) + n - 1, n)', () => {
    expect(symbolicSearch(linearCodes(2, 'drop')).types).toBe(55);
  });
});

describe('multisets', () => {
  it.each([
    [1, 3],
    [4, 2],
    [5, 3],
    [3, 0],
  ])('multisets from %d types of size %d: C(T+n-1, n) of them, non-decreasing, in lexicographic order', (types, n) => {
    // The generator reuses its array: copy each one as it is produced.
    const all = Array.from(multisets(types, n), (m) => m.slice());
    expect(BigInt(all.length)).toBe(binom(types + n - 1, n));
    for (const m of all) for (let k = 1; k < m.length; k++) expect(m[k]! >= m[k - 1]!).toBe(true);
    for (let k = 1; k < all.length; k++) expect(compareArrays(all[k - 1]!, all[k]!)).toBeLessThan(0);
  });
});
