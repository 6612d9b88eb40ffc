/**
 * Issue 13 §1: the grid search is exact for every input. The full counts
 * (configurations, full rank, every reading's condition and both failure
 * directions with their first and simplest counterexamples) are compared
 * with the slow independent enumeration of slow.ts, on the inputs the
 * issue lists and on fast-check codes over many scales.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Q } from '../../src/kernel/rational.js';
import { GridSearch } from '../../src/search/exhaustive.js';
import { checkCodes, type GridSpec } from '../../src/search/grid.js';
import { emptyCounts, mergeCounts } from '../../src/search/result.js';
import { searchAll } from '../../src/search/runner.js';
import { fcParams } from '../helpers/seed.js';
import { asSlow, slowCounts } from './slow.js';

function specOf(codes: string[], n: number, g: number, zeroSignal: 'keep' | 'drop' = 'drop'): GridSpec {
  return {
    n,
    g,
    zeroSignal,
    codes: checkCodes(
      codes.map((c) => Q.parse(c)),
      n,
      zeroSignal,
    ),
  };
}

function engineCounts(spec: GridSpec, mirror: boolean) {
  const s = new GridSearch(spec, { mirror });
  return s.units().reduce((acc, u) => mergeCounts(acc, s.runUnit(u).counts), emptyCounts());
}

describe('the inputs of issue 13 §1 (n = 3, g = 2, zero signal dropped)', () => {
  // Source of 648: issue 13 §1, an independent Fraction enumeration (the count of codes 1, 2, 3);
  // the whole table is also compared with slow.ts.
  it.each([
    [['1e-17', '2e-17', '3e-17']],
    [['1e-16', '2e-16', '3e-16']],
    [['1e-18', '2e-18', '3e-18']],
    [['1e-20', '2e-20', '3e-20']],
    [['1', '2', '9007199254740993']],
    [['1', '1.0000000000000001', '2']],
    [['1', '2', '1e16']],
    [['1', '2', '1e300']],
    [['1', '2', '1e309']],
    [['1e-400', '2e-400', '3e-400']],
  ])('codes %j: full rank 648 and every count equal to the slow enumeration', (codes) => {
    const spec = specOf(codes, 3, 2);
    const r = searchAll(spec);
    expect(r.counts.fullRank).toBe(648);
    expect(r.counts.total).toBe(3276);
    expect(r.sample.checked).toBe(3276); // a grid this small is recounted whole
    expect(asSlow(r.counts)).toEqual(slowCounts(spec));
  });
});

/** Codes of one kind, as decimal strings. */
const codeSets = (m: number): fc.Arbitrary<string[]> =>
  fc.oneof(
    // One scale 10^e, e in [-30, 30], small mantissas.
    fc
      .tuple(
        fc.integer({ min: -30, max: 30 }),
        fc.uniqueArray(fc.integer({ min: -40, max: 40 }), { minLength: m, maxLength: m }),
      )
      .map(([e, ks]) => ks.map((k) => `${k}e${e}`)),
    // Near-equal pairs: a, a + 10^-k with k up to 30.
    fc
      .tuple(
        fc.integer({ min: 1, max: 30 }),
        fc.uniqueArray(fc.integer({ min: -5, max: 5 }), { minLength: m, maxLength: m }),
        fc.integer({ min: 0, max: m }),
      )
      .map(([k, base, bump]) => base.map((b, i) => (i < bump ? `${b}.${'0'.repeat(k - 1)}1` : String(b)))),
    // Around 2^53 = 9007199254740992.
    fc
      .uniqueArray(fc.integer({ min: -4, max: 4 }), { minLength: m, maxLength: m })
      .map((ks) => ks.map((k) => String(9007199254740992n + BigInt(k)))),
    // Mixed scales, 1e-30 to 1e30 in one set.
    fc
      .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -30, max: 30 })), {
        minLength: m,
        maxLength: m,
        selector: ([a, e]) => `${a}e${e}`,
      })
      .map((xs) => xs.map(([a, e]) => `${a}e${e}`)),
    // Symmetric about a centre c (the mirror applies): c - d, c, c + d, ...
    fc
      .tuple(
        fc.integer({ min: -30, max: 30 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: m, maxLength: m }),
      )
      .map(([e, ds]) => {
        const half = ds.slice(0, Math.floor(m / 2)).map((d) => Q.parse(`${d}e${e}`));
        const c = Q.parse(`3e${e}`);
        const out = [...half.map((d) => c.sub(d)), ...half.map((d) => c.add(d))];
        if (m % 2 === 1) out.push(c);
        return out.map(String);
      }),
  );

const distinct = (codes: string[]) => new Set(codes.map((c) => String(Q.parse(c)))).size === codes.length;

describe('fast-check codes over many scales', () => {
  it.each([
    [1, 2, 'drop'],
    [2, 2, 'drop'],
    [2, 1, 'keep'],
    [3, 1, 'drop'],
    [3, 2, 'drop'],
    [3, 1, 'keep'],
  ] as const)('n = %d, g = %d, zero signal %s: every count equals the slow enumeration', (n, g, zs) => {
    const m = zs === 'keep' ? n + 1 : n;
    fc.assert(
      fc.property(codeSets(m).filter(distinct), (codes) => {
        const spec = specOf(codes, n, g, zs);
        const slow = slowCounts(spec);
        expect(asSlow(searchAll(spec).counts)).toEqual(slow);
        expect(asSlow(engineCounts(spec, false))).toEqual(slow);
      }),
      fcParams(n === 3 ? 12 : 25),
    );
  });

  it('n = 4, g = 1: every count equals the slow enumeration', () => {
    fc.assert(
      fc.property(codeSets(4).filter(distinct), (codes) => {
        const spec = specOf(codes, 4, 1);
        expect(asSlow(searchAll(spec).counts)).toEqual(slowCounts(spec));
      }),
      fcParams(4),
    );
  });
});

describe('bounds the engine proves before it runs', () => {
  it('refuses a grid whose counts would reach 2^53', () => {
    const spec = specOf(
      Array.from({ length: 30 }, (_, i) => String(i + 1)),
      30,
      50,
    );
    expect(() => new GridSearch(spec)).toThrow(/2\^53/);
  });
});
