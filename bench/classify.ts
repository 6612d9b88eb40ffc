/**
 * The classification benchmark and the recorded run.
 *
 * `node dist/bench/classify.js` (benchmark): in one run, today's symbolic
 * search (search/symbolic.ts: one polynomial determinant per type, readings
 * included) against the classification engine on the same setting, n = 5,
 * zero signal dropped, codes z = i, one thread each; then the engine alone
 * at n = 6, one thread and 2 workers. Writes bench/results/classify.json.
 *
 * `node dist/bench/classify.js record [nMax]` (the recorded run, default
 * nMax = 7): every type for n = 1..nMax, zero signal dropped (criterion
 * checked on every type) and kept, 2 workers, wall times per n. Writes
 * src/search/classify/results.json, which the atlas cites.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { linearCodes } from '../src/search/grid.js';
import { classifyResult, classifySpec, runClassify, type ClassifyResult } from '../src/search/classify/run.js';
import { ClassifyEngine } from '../src/search/classify/engine.js';
import { squareCriterion } from '../src/search/classify/criterion.js';
import { symbolicSearch } from '../src/search/symbolic.js';
import { header } from './common.js';

function writeAtomic(file: string, value: unknown): void {
  const text = JSON.stringify(value, null, 2) + '\n';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file + '.tmp', text);
  renameSync(file + '.tmp', file);
}

function seconds(t0: bigint): number {
  return Number((Number(process.hrtime.bigint() - t0) / 1e9).toFixed(3));
}

function load() {
  return loadavg().map((x) => Number(x.toFixed(2)));
}

function commit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** The engine on one thread over all units. */
function engineOneThread(n: number, criterion: boolean) {
  const e = new ClassifyEngine(linearCodes(n, 'drop'), n, criterion ? { criterion: squareCriterion } : {});
  const t0 = process.hrtime.bigint();
  let acc;
  for (const u of e.units()) acc = e.runUnit(u, acc);
  return { n, types: acc?.types ?? 0, criterionChecked: criterion, seconds: seconds(t0) };
}

async function bench() {
  const loadBefore = load();
  const t0 = process.hrtime.bigint();
  const old = symbolicSearch(linearCodes(5, 'drop'));
  const baseline = { n: 5, types: old.types, seconds: seconds(t0), note: 'search/symbolic.ts symbolicSearch' };
  const new5 = engineOneThread(5, false);
  const new5c = engineOneThread(5, true);
  const new6 = engineOneThread(6, true);
  const t6 = process.hrtime.bigint();
  const r6 = classifyResult(await runClassify({ spec: classifySpec(6, 'drop'), workers: 2 }));
  const workers6 = { n: 6, workers: 2, types: r6.types, seconds: seconds(t6), digest: r6.digest };
  const report = {
    ...header(),
    command: 'npm run build && node dist/bench/classify.js',
    setting: 'every combinatorial type, zero signal dropped, codes z = i',
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
    baselineSymbolicSearch: baseline,
    engine: { n5: new5, n5WithCriterion: new5c, n6WithCriterion: new6, n6Workers: workers6 },
    speedupN5: Number((baseline.seconds / new5.seconds).toFixed(1)),
    speedupN5WithCriterion: Number((baseline.seconds / new5c.seconds).toFixed(1)),
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  writeAtomic(join('bench', 'results', 'classify.json'), report);
}

async function record(nMax: number) {
  const runs: (ClassifyResult & { workers: number; seconds: number; loadAverageAfter: number[] })[] = [];
  for (const zeroSignal of ['drop', 'keep'] as const) {
    for (let n = 1; n <= nMax; n++) {
      const t0 = process.hrtime.bigint();
      const cp = await runClassify({ spec: classifySpec(n, zeroSignal), workers: 2 });
      const r = classifyResult(cp);
      const run = { ...r, workers: 2, seconds: seconds(t0), loadAverageAfter: load() };
      process.stderr.write(
        `${zeroSignal} n = ${n}: ${JSON.stringify(r.classes)} in ${run.seconds} s, criterion mismatches ${r.criterion?.mismatches ?? '-'}, Rado mismatches ${r.radoMismatches}\n`,
      );
      runs.push(run);
    }
  }
  const out = {
    ...header(),
    command: `npm run build && nice -n 10 node dist/bench/classify.js record ${nMax}`,
    commit: commit(),
    note: 'Recorded classification of every combinatorial type, codes z = i; the square case checks the criterion on every type, the kept case Rado only (keptHow says how each kept type was decided).',
    runs,
  };
  writeAtomic(join('src', 'search', 'classify', 'results.json'), out);
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'record') void record(Number(arg ?? 7));
else void bench();
