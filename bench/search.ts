/**
 * The conjecture search benchmark: the canonical grid, g = 2, zero signal
 * dropped, codes z = i, all six readings. In one run it measures today's
 * engine (exhaustive.ts: mirror symmetry, leaf readings from the parent's
 * state, four walk primes) and the engine before it (bench/baseline, a
 * frozen copy), single-threaded over the whole n = 6 grid and with 2
 * worker threads for n = 6 and n = 7, checks that both give identical
 * counts (and the same first and simplest counterexamples), and reports
 * the ratios, in wall seconds and in CPU seconds (all threads; the
 * machine is shared, and its load inflates wall times but not CPU times).
 * Single-threaded figures are the best of three interleaved runs after a
 * warm-up; the pooled ones are single runs. Writes bench/results/search.json (the latest run only).
 * BENCH_QUICK=1 skips n = 7 for the old engine (about 90 s on 2 cores).
 */
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { GridSearch as OldSearch } from './baseline/exhaustive-v1.js';
import {
  emptyCounts as oldEmpty,
  mergeCounts as oldMerge,
  type SearchCounts as OldCounts,
} from './baseline/result-v1.js';
import { GridSearch } from '../src/search/exhaustive.js';
import { linearCodes } from '../src/search/grid.js';
import { emptyCounts, mergeCounts, type SearchCounts } from '../src/search/result.js';
import { runSearch, specToJson } from '../src/search/runner.js';
import { header, publish } from './common.js';

const specOf = (n: number) => ({ n, g: 2, zeroSignal: 'drop' as const, codes: linearCodes(n, 'drop') });

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** CPU seconds of the whole process (every thread) since `c0`: the figure the machine's load does not inflate. */
function cpu(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** Counts of both engines in one comparable shape: counts, first and simplest types, simplicity keys as numbers. */
function shape(c: OldCounts | SearchCounts) {
  return {
    total: c.total,
    fullRank: c.fullRank,
    readings: c.readings.map((r) => ({
      id: r.id,
      condition: r.condition,
      dirs: [r.ifFails, r.onlyIfFails].map((d) => ({
        count: d.count,
        first: d.first?.types ?? null,
        simplest: d.simplest ? { types: d.simplest.types, key: d.simplest.key.map(Number) } : null,
      })),
    })),
  };
}

function oldSingle(n: number) {
  const s = new OldSearch(specOf(n));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let acc = oldEmpty();
  for (const u of s.units()) acc = s.runUnit(u, acc);
  return { counts: acc, seconds: seconds(t0), cpuSeconds: cpu(c0) };
}

function newSingle(n: number) {
  const s = new GridSearch(specOf(n));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  let acc = emptyCounts();
  for (const u of s.units()) acc = mergeCounts(acc, s.runUnit(u).counts);
  return { counts: acc, seconds: seconds(t0), cpuSeconds: cpu(c0) };
}

/** The old engine on `workers` threads, the way its runner used them (one unit per message). */
async function oldWorkers(n: number, workers: number) {
  const spec = specOf(n);
  const s = new OldSearch(spec);
  const queue = s.units();
  const url = new URL('./baseline/worker-v1.js', import.meta.url);
  let acc = oldEmpty();
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: workers }, () => {
      const w = new Worker(url, { workerData: specToJson(spec) });
      return new Promise<void>((resolve, reject) => {
        const next = () => {
          const u = queue.shift();
          if (!u) {
            void w.terminate().then(() => resolve());
            return;
          }
          w.postMessage(u);
        };
        w.on('message', (c: OldCounts) => {
          acc = oldMerge(acc, c);
          next();
        });
        w.on('error', reject);
        next();
      });
    }),
  );
  return { counts: acc, seconds: seconds(t0), cpuSeconds: cpu(c0) };
}

async function newWorkers(n: number, workers: number) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const r = await runSearch({ spec: specOf(n), workers });
  return { counts: r.counts, seconds: seconds(t0), cpuSeconds: cpu(c0), sampleChecked: r.sample.checked };
}

function row(n: number, workers: number, configurations: number, s: number, cpuSeconds: number) {
  return {
    n,
    workers,
    configurations,
    seconds: Number(s.toFixed(2)),
    cpuSeconds: Number(cpuSeconds.toFixed(2)),
    configurationsPerSecond: Math.round(configurations / s),
  };
}

async function main() {
  const loadBefore = loadavg();
  const quick = Boolean(process.env.BENCH_QUICK);
  // Warm both engines up, then take the best of three interleaved runs: the machine is shared.
  oldSingle(4);
  newSingle(4);
  const best = <T extends { seconds: number }>(a: T, b: T) => (b.seconds < a.seconds ? b : a);
  let single = { old: oldSingle(6), new: newSingle(6) };
  for (let k = 1; k < 3; k++) single = { old: best(single.old, oldSingle(6)), new: best(single.new, newSingle(6)) };
  const identical6 = JSON.stringify(shape(single.old.counts)) === JSON.stringify(shape(single.new.counts));
  const pooled: {
    n: number;
    old?: Awaited<ReturnType<typeof oldWorkers>>;
    new: Awaited<ReturnType<typeof newWorkers>>;
  }[] = [];
  for (const n of [6, 7]) {
    const nw = await newWorkers(n, 2);
    const od = n === 7 && quick ? undefined : await oldWorkers(n, 2);
    pooled.push({ n, old: od, new: nw });
  }
  const total6 = single.new.counts.total;
  const report = {
    ...header(),
    command: `npm run bench (node dist/bench/search.js${quick ? ', BENCH_QUICK=1' : ''})`,
    loadAverage: {
      before: loadBefore.map((x) => Number(x.toFixed(2))),
      after: loadavg().map((x) => Number(x.toFixed(2))),
    },
    setting: 'conjecture search, canonical grid g = 2, zero signal dropped, codes z = i, all six readings evaluated',
    engines: {
      old: 'bench/baseline/exhaustive-v1.ts: the engine of commit d8c670b (every configuration, readings re-evaluated per leaf with push/pop)',
      new: 'src/search/exhaustive.ts: one configuration per mirror orbit (weighted), leaf readings from the parent state as bit masks, four walk primes and Hadamard before any exact fallback',
    },
    singleThreadWholeGrid: {
      note: 'best of 3 interleaved runs after a warm-up on n = 4',
      old: row(6, 1, total6, single.old.seconds, single.old.cpuSeconds),
      new: row(6, 1, total6, single.new.seconds, single.new.cpuSeconds),
      speedup: Number((single.old.seconds / single.new.seconds).toFixed(1)),
      cpuSpeedup: Number((single.old.cpuSeconds / single.new.cpuSeconds).toFixed(1)),
      nanosecondsPerConfiguration: {
        old: Number(((single.old.seconds / total6) * 1e9).toFixed(1)),
        new: Number(((single.new.seconds / total6) * 1e9).toFixed(1)),
      },
      countsIdentical: identical6,
    },
    twoWorkers: pooled.map((p) => ({
      n: p.n,
      new: {
        ...row(p.n, 2, p.new.counts.total, p.new.seconds, p.new.cpuSeconds),
        exactlyRecountedSample: p.new.sampleChecked,
      },
      old: p.old ? row(p.n, 2, p.old.counts.total, p.old.seconds, p.old.cpuSeconds) : 'skipped (BENCH_QUICK)',
      speedup: p.old ? Number((p.old.seconds / p.new.seconds).toFixed(1)) : null,
      cpuSpeedup: p.old ? Number((p.old.cpuSeconds / p.new.cpuSeconds).toFixed(1)) : null,
      countsIdentical: p.old ? JSON.stringify(shape(p.old.counts)) === JSON.stringify(shape(p.new.counts)) : null,
    })),
  };
  publish('search', report);
  if (!identical6 || report.twoWorkers.some((r) => r.countsIdentical === false)) {
    process.stderr.write('the two engines disagree: see countsIdentical\n');
    process.exitCode = 3;
  }
}

void main();
