/**
 * The conjecture search benchmark: the canonical grid, g = 2, zero signal
 * dropped, linear codes. Exhaustive n = 6 and n = 7 with 2 workers (wall
 * time), and, in the same run, the baseline: one naive exact rank (float
 * Bareiss on the configuration's integer matrix, with the exactness bound
 * checked) per configuration over the whole n = 6 enumeration, against the
 * incremental engine (rank and all six readings) on one thread.
 * BENCH_QUICK=1 skips n = 7.
 */
import { fastRank } from '../src/kernel/fastrank.js';
import { GridSearch } from '../src/search/exhaustive.js';
import { column, gridDenominator, gridKnots, linearCodes, typeOf } from '../src/search/grid.js';
import { runSearch } from '../src/search/runner.js';
import { header, publish } from './common.js';

async function timed(n: number, workers: number) {
  const spec = { n, g: 2, zeroSignal: 'drop' as const, codes: linearCodes(n, 'drop') };
  const t0 = process.hrtime.bigint();
  const r = await runSearch({ spec, workers });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    n,
    workers,
    configurations: r.counts.total,
    seconds: Number(seconds.toFixed(2)),
    perSecondPerCore: Math.round(r.counts.total / seconds / workers),
  };
}

/** Naive: for each configuration (up to `limit`), build the matrix and rank it from scratch. */
function naive(n: number, limit: number) {
  const codes = linearCodes(n, 'drop');
  const knots = gridKnots(codes, 2);
  const D = gridDenominator(codes, knots);
  const T = 2 * knots.length;
  const cols = Array.from({ length: T }, (_, ty) => {
    const { s, t } = typeOf(knots, ty);
    return column(codes, s, t).map((x) => Number((x.num * D) / x.den));
  });
  const m = codes.length;
  const a = new Float64Array(m * n);
  const work = new Float64Array(m * n);
  const pick: number[] = [];
  let count = 0;
  let full = 0;
  const t0 = process.hrtime.bigint();
  const rec = (start: number): boolean => {
    if (pick.length === n) {
      for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) a[i * n + j] = cols[pick[j] as number]![i] as number;
      if (fastRank(a, m, n, work) === n) full++;
      return ++count < limit;
    }
    for (let ty = start; ty < T; ty++) {
      pick.push(ty);
      const go = rec(ty);
      pick.pop();
      if (!go) return false;
    }
    return true;
  };
  rec(0);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    n,
    configurations: count,
    seconds: Number(seconds.toFixed(2)),
    perSecondPerCore: Math.round(count / seconds),
    fullRank: full,
  };
}

/** The incremental engine on the same configurations, one thread. */
function incrementalPrefix(n: number, limit: number) {
  const spec = { n, g: 2, zeroSignal: 'drop' as const, codes: linearCodes(n, 'drop') };
  const s = new GridSearch(spec);
  const t0 = process.hrtime.bigint();
  let total = 0;
  let acc;
  for (const u of s.units()) {
    acc = s.runUnit(u, acc);
    total = acc.total;
    if (total >= limit) break;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return {
    n,
    configurations: total,
    seconds: Number(seconds.toFixed(2)),
    perSecondPerCore: Math.round(total / seconds),
  };
}

async function main() {
  // The whole n = 6 enumeration, one thread each: a prefix would be unrepresentative (it starts with zero columns).
  const limit = Number.POSITIVE_INFINITY;
  const baseline = naive(6, limit);
  const incremental = incrementalPrefix(6, limit);
  const runs = [await timed(6, 2)];
  if (!process.env.BENCH_QUICK) runs.push(await timed(7, 2));
  const report = {
    ...header(),
    setting: 'conjecture search, canonical grid g = 2, zero signal dropped, codes z = i, all six readings evaluated',
    baselineNaiveBareissPerConfiguration: {
      ...baseline,
      note: 'rank only, no readings: a lower bound on the naive cost',
    },
    incrementalSameConfigurations: incremental,
    speedupIncrementalVsNaive: Number((incremental.perSecondPerCore / baseline.perSecondPerCore).toFixed(1)),
    exhaustive: runs,
  };
  publish('search', report);
}

void main();
