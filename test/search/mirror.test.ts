/**
 * Issue 17 §3: the mirror symmetry z -> z_1 + z_m - z. Orbit weights
 * against brute force, counts with and without the symmetry, and the
 * invariance of the rank and of every reading's predicates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { GridSearch } from '../../src/search/exhaustive.js';
import { binom, configMatrix, configRatios, gridKnots, linearCodes, multisets } from '../../src/search/grid.js';
import { mirrorApplies, mirrorUnitWeight, mirrorWeight } from '../../src/search/mirror.js';
import { evaluateParts } from '../../src/search/readings.js';
import { compareArrays, emptyCounts, mergeCounts } from '../../src/search/result.js';
import { fcParams } from '../helpers/seed.js';

const mirrorOf = (types: readonly number[], T: number) => types.map((t) => T - 1 - t).reverse();

describe('orbit weights', () => {
  it.each([
    [2, 1],
    [4, 2],
    [6, 3],
    [8, 4],
    [6, 5],
    [10, 3],
  ])('T = %d, n = %d: each unit weighs the configurations whose representative it holds', (T, n) => {
    const L = Math.min(2, n);
    const brute = new Map<string, number>();
    for (const pick of multisets(T, n)) {
      const m = mirrorOf(pick, T);
      const rep = compareArrays(pick, m) <= 0 ? pick : m;
      const key = rep.slice(0, L).join(',');
      brute.set(key, (brute.get(key) ?? 0) + 1);
    }
    let sum = 0n;
    for (const prefix of multisets(T, L)) {
      const w = mirrorUnitWeight(prefix, n, T);
      expect(Number(w)).toBe(brute.get(prefix.join(',')) ?? 0);
      sum += w;
    }
    expect(sum).toBe(binom(T + n - 1, n));
  });

  it('mirrorWeight: 2 below the mirror, 1 on it, 0 above (T = 6)', () => {
    expect(mirrorWeight([0, 1], 6)).toBe(2); // mirror (4, 5)
    expect(mirrorWeight([1, 4], 6)).toBe(1); // its own mirror
    expect(mirrorWeight([4, 5], 6)).toBe(0);
  });
});

describe('when the symmetry applies', () => {
  it.each([
    [['1', '2', '3'], true],
    [['0', '1/3', '2/3', '1'], true],
    [['-5', '1', '7'], true],
    [['7'], true],
    [['1', '2', '4'], false],
    [['1e-17', '2e-17', '3.0000000000000001e-17'], false],
  ])('codes %j: %s', (codes, expected) => {
    expect(mirrorApplies(codes.map((c) => Q.parse(c)))).toBe(expected);
  });

  it('codes that are not symmetric are searched without it', () => {
    expect(
      new GridSearch({ n: 3, g: 1, zeroSignal: 'drop', codes: ['1', '2', '4'].map((c) => Q.parse(c)) }).mirror,
    ).toBe(false);
  });
});

describe('counts with and without the symmetry are equal', () => {
  const counts = (n: number, zs: 'keep' | 'drop', mirror: boolean) => {
    const s = new GridSearch({ n, g: 2, zeroSignal: zs, codes: linearCodes(n, zs) }, { mirror });
    expect(s.mirror).toBe(mirror);
    const c = s.units().reduce((acc, u) => mergeCounts(acc, s.runUnit(u).counts), emptyCounts());
    return { ...c, exactChecks: 0 }; // an engine statistic, not a result
  };
  it.each([
    [1, 'drop'],
    [2, 'drop'],
    [3, 'drop'],
    [4, 'drop'],
    [5, 'drop'],
    [6, 'drop'],
    [1, 'keep'],
    [2, 'keep'],
    [3, 'keep'],
    [4, 'keep'],
    [5, 'keep'],
  ] as const)('n = %d, zero signal %s (g = 2): every count, first and simplest', (n, zs) => {
    expect(counts(n, zs, true)).toEqual(counts(n, zs, false));
  });
});

describe('a configuration and its mirror', () => {
  const grids = [linearCodes(4, 'drop'), linearCodes(5, 'keep'), ['-3/2', '0', '1/7', '23/14'].map((c) => Q.parse(c))];
  it('have A2 equal up to reversing the rows, the same rank and the same reading predicates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: grids.length - 1 }).chain((gi) => {
          const codes = grids[gi]!;
          const T = 2 * gridKnots(codes, 2).length;
          return fc.tuple(
            fc.constant(codes),
            fc.constant(T),
            fc.array(fc.integer({ min: 0, max: T - 1 }), { minLength: 1, maxLength: codes.length }),
          );
        }),
        ([codes, T, raw]) => {
          expect(mirrorApplies(codes)).toBe(true);
          const types = [...raw].sort((a, b) => a - b);
          const knots = gridKnots(codes, 2);
          const back = mirrorOf(types, T);
          const A = configMatrix(codes, knots, types);
          const B = configMatrix(codes, knots, back);
          // Columns of the mirror come in reversed order: compare as multisets of columns, rows reversed.
          const colsA = types.map((_, j) =>
            A.map((r) => String(r[j]))
              .reverse()
              .join(','),
          );
          const colsB = back.map((_, j) => B.map((r) => String(r[j])).join(','));
          expect([...colsB].sort()).toEqual([...colsA].sort());
          expect(rank(B)).toBe(rank(A));
          expect(evaluateParts(B, configRatios(knots, back))).toEqual(evaluateParts(A, configRatios(knots, types)));
        },
      ),
      fcParams(300),
    );
  });
});
