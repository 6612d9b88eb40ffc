/**
 * The slow, independent enumeration the search tests compare against:
 * every multiset of column types, its exact A2 (grid.ts configMatrix), its
 * exact rank (matrix.ts, BigInt Bareiss on integer rows), the direct
 * predicates of readings.ts, and the first and simplest counterexamples by
 * their definitions (enumeration order; exact key, then that order). It
 * shares nothing with the engine but the grid's definition.
 */
import { rank } from '../../src/kernel/matrix.js';
import type { Q } from '../../src/kernel/rational.js';
import { configMatrix, configRatios, gridKnots, multisets, typeOf, type GridSpec } from '../../src/search/grid.js';
import { condition, evaluateParts, READINGS } from '../../src/search/readings.js';
import type { SearchCounts } from '../../src/search/result.js';

export interface SlowDirection {
  count: number;
  first: number[] | null;
  simplest: { types: number[]; key: [bigint, bigint] } | null;
}

export interface SlowCounts {
  total: number;
  fullRank: number;
  readings: { condition: number; ifFails: SlowDirection; onlyIfFails: SlowDirection }[];
}

function keyOf(knots: readonly Q[], types: readonly number[]): [bigint, bigint] {
  let a = 0n;
  let b = 0n;
  for (const ty of types) {
    const t = typeOf(knots, ty).t;
    a += t.den;
    b += t.num < 0n ? -t.num : t.num;
  }
  return [a, b];
}

function note(d: SlowDirection, types: number[], key: [bigint, bigint]): void {
  d.count++;
  if (!d.first) d.first = types; // enumeration order is lexicographic
  const s = d.simplest;
  if (!s || key[0] < s.key[0] || (key[0] === s.key[0] && key[1] < s.key[1])) d.simplest = { types, key };
}

/** The full counts of a grid by direct enumeration. */
export function slowCounts(spec: GridSpec): SlowCounts {
  const knots = gridKnots(spec.codes, spec.g);
  const out: SlowCounts = {
    total: 0,
    fullRank: 0,
    readings: READINGS.map(() => ({
      condition: 0,
      ifFails: { count: 0, first: null, simplest: null },
      onlyIfFails: { count: 0, first: null, simplest: null },
    })),
  };
  for (const pick of multisets(2 * knots.length, spec.n)) {
    const types = pick.slice();
    out.total++;
    const A = configMatrix(spec.codes, knots, types);
    const full = rank(A) === spec.n;
    if (full) out.fullRank++;
    const parts = evaluateParts(A, configRatios(knots, types));
    const key = keyOf(knots, types);
    READINGS.forEach((r, k) => {
      const c = condition(r, parts);
      const rc = out.readings[k]!;
      if (c) rc.condition++;
      if (c && !full) note(rc.ifFails, types, key);
      if (!c && full) note(rc.onlyIfFails, types, key);
    });
  }
  return out;
}

/** The engine's counts in the slow enumeration's shape, for toEqual. */
export function asSlow(c: SearchCounts): SlowCounts {
  const dir = (d: SearchCounts['readings'][number]['ifFails']): SlowDirection => ({
    count: d.count,
    first: d.first ? d.first.types : null,
    simplest: d.simplest
      ? { types: d.simplest.types, key: [BigInt(d.simplest.key[0]), BigInt(d.simplest.key[1])] }
      : null,
  });
  return {
    total: c.total,
    fullRank: c.fullRank,
    readings: c.readings.map((r) => ({
      condition: r.condition,
      ifFails: dir(r.ifFails),
      onlyIfFails: dir(r.onlyIfFails),
    })),
  };
}
