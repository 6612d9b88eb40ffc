/**
 * The n = 8 exhaustive search of issue 17 §3, run by hand (it is longer
 * than CI allows): canonical grid g = 2, zero signal dropped, codes z = i,
 * 3,872,894,697 configurations. Resumable: a checkpoint is kept in
 * bench/results/search-n8.checkpoint.json (validated like any search file
 * when read back) and Ctrl-C stops cleanly. On completion it re-checks the
 * counterexamples exactly (report.ts certifyAll), computes the same table
 * for n = 1..7, and writes bench/results/search-n8.json: the machine, the
 * command, the wall time and load, the table of counts for n = 1..8, and
 * the complete n = 8 result (a search file, digest included).
 *
 *   npm run build && nice -n 10 node dist/bench/search-n8.js [--workers 2] [--n 8]
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { configurationCount, gridKnots, linearCodes } from '../src/search/grid.js';
import { certifyAll } from '../src/search/certify.js';
import { type Checkpoint, formatSearchFile, parseSearchFile, runSearch } from '../src/search/runner.js';
import { header } from './common.js';
import { writeAtomic } from '../src/files.js';

const { values } = parseArgs({
  options: { workers: { type: 'string', default: '2' }, n: { type: 'string', default: '8' } },
});
const workers = Number(values.workers);
const N = Number(values.n);
const dir = join('bench', 'results');
const ckPath = join(dir, `search-n${N}.checkpoint.json`);
const outPath = join(dir, `search-n${N}.json`);

const specOf = (n: number) => ({ n, g: 2, zeroSignal: 'drop' as const, codes: linearCodes(n, 'drop') });

function tableRow(c: Checkpoint) {
  return {
    n: c.spec.n,
    configurations: c.counts.total,
    fullRank: c.counts.fullRank,
    readings: c.counts.readings.map((r) => ({
      id: r.id,
      condition: r.condition,
      ifFails: r.ifFails.count,
      onlyIfFails: r.onlyIfFails.count,
    })),
  };
}

async function main() {
  mkdirSync(dir, { recursive: true });
  const spec = specOf(N);
  const resume = existsSync(ckPath) ? parseSearchFile(readFileSync(ckPath, 'utf8'), ckPath) : undefined;
  const loads: number[] = [loadavg()[0] ?? 0];
  const loadTimer = setInterval(() => loads.push(loadavg()[0] ?? 0), 30_000);
  const stop = { stopped: false };
  process.on('SIGINT', () => {
    stop.stopped = true;
    process.stderr.write('\nstopping after the units in flight...\n');
  });
  let lastPrint = 0;
  const t0 = Date.now();
  const c0 = process.cpuUsage();
  const result = await runSearch({
    spec,
    workers,
    resume,
    stop,
    onCheckpoint: (c) => writeAtomic(ckPath, formatSearchFile(c)),
    onProgress: (done, total) => {
      if (Date.now() - lastPrint < 10_000) return;
      lastPrint = Date.now();
      const s = (Date.now() - t0) / 1000;
      process.stderr.write(`n=${N}: ${((100 * done) / total).toFixed(1)}% after ${s.toFixed(0)} s\n`);
    },
  });
  const wall = (Date.now() - t0) / 1000;
  const used = process.cpuUsage(c0);
  clearInterval(loadTimer);
  loads.push(loadavg()[0] ?? 0);
  if (!result.complete) {
    writeAtomic(ckPath, formatSearchFile(result));
    process.stderr.write(`interrupted after ${wall.toFixed(0)} s; checkpoint ${ckPath}; rerun to resume\n`);
    process.exitCode = 130;
    return;
  }
  const certified = certifyAll(result);
  const table = [];
  for (let n = 1; n < N; n++) table.push(tableRow(await runSearch({ spec: specOf(n), workers })));
  table.push(tableRow(result));
  const types = 2 * gridKnots(spec.codes, 2).length;
  const report = {
    ...header(),
    command: `nice -n 10 node dist/bench/search-n8.js --workers ${workers} --n ${N}`,
    setting: `exhaustive conjecture search, n = ${N}, canonical grid g = 2, zero signal dropped, codes z = i, ${workers} worker threads`,
    configurations: String(configurationCount(types, N)),
    wallSeconds: Number(wall.toFixed(1)),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)),
    resumedFromCheckpoint: resume ? resume.doneUnits.length : 0,
    loadAverage1min: {
      min: Math.min(...loads),
      max: Math.max(...loads),
      mean: Number((loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)),
    },
    certifiedCounterexamples: certified.length,
    table,
    result,
  };
  writeAtomic(outPath, JSON.stringify(report, null, 2) + '\n');
  rmSync(ckPath, { force: true });
  process.stdout.write(JSON.stringify({ ...report, result: undefined }, null, 2) + '\n');
}

void main();
