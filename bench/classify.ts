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
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { linearCodes, multisets } from '../src/search/grid.js';
import { classifyResult, classifySpec, runClassify, type ClassifyResult } from '../src/search/classify/run.js';
import { ClassifyEngine } from '../src/search/classify/engine.js';
import { squareCriterion } from '../src/search/classify/criterion.js';
import { symbolicSearch } from '../src/search/symbolic.js';
import { gridAgreement } from '../src/search/classify/grid-check.js';
import { type TypeClass } from '../src/search/classify/reference.js';
import { Q } from '../src/kernel/rational.js';
import { DEFAULT_SEED, Rng } from '../src/random.js';
import { classCount, classOf, gapEnds, isFree } from '../src/search/classify/classes.js';
import { interlacing } from '../src/search/corrected.js';

import { header, publish } from './common.js';
import { writeAtomic } from '../src/files.js';

/** The seed of the random codes of the record (printed in the file). */
const SEED = DEFAULT_SEED;

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
    command: 'npm run bench (node dist/bench/classify.js)',
    setting: 'every combinatorial type, zero signal dropped, codes z = i',
    loadAverageBefore: loadBefore,
    loadAverageAfter: load(),
    baselineSymbolicSearch: baseline,
    engine: { n5: new5, n5WithCriterion: new5c, n6WithCriterion: new6, n6Workers: workers6 },
    speedupN5: Number((baseline.seconds / new5.seconds).toFixed(1)),
    speedupN5WithCriterion: Number((baseline.seconds / new5c.seconds).toFixed(1)),
  };
  publish('classify', report);
}

/** The k-th of `of` distinct knots inside a class's position (its code, or spread in its gap). */
function spreadKnot(c: number, codes: readonly Q[], k: number, of: number): Q {
  const { p } = classOf(c);
  if (p % 2 === 1) return codes[(p - 1) / 2] as Q;
  const { lo, hi } = gapEnds(p, codes);
  const a = lo ?? (hi as Q).sub(Q.int(of + 1));
  const b = hi ?? (lo as Q).add(Q.int(of + 1));
  return a.add(b.sub(a).mul(Q.of(BigInt(k + 1), BigInt(of + 1))));
}

/** The class of every type (key: class indices joined by commas), no mirror. */
function classesOf(codes: Q[], n: number): Map<string, TypeClass> {
  const out = new Map<string, TypeClass>();
  const e = new ClassifyEngine(codes, n, { mirror: false, visit: (t, _w, c) => out.set(t.join(','), c) });
  for (const u of e.units()) e.runUnit(u);
  return out;
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
  // The exhaustive canonical grid (g = 2) against the classification.
  const grid = [];
  for (const zeroSignal of ['drop', 'keep'] as const) {
    for (let n = 1; n <= Math.min(nMax, 6); n++) {
      const t0 = process.hrtime.bigint();
      const a = gridAgreement(n, 2, zeroSignal);
      grid.push({ ...a, seconds: seconds(t0) });
      process.stderr.write(
        `grid ${zeroSignal} n = ${n}: ${a.configurations} configurations, ${a.mismatches} mismatches\n`,
      );
    }
  }
  // Random distinct rational codes against codes 1..m, every type, n <= 5.
  const rng = new Rng(SEED);
  const orderOnly = [];
  for (const zeroSignal of ['drop', 'keep'] as const) {
    for (let n = 2; n <= Math.min(nMax, 5); n++) {
      const m = zeroSignal === 'drop' ? n : n + 1;
      const base = classesOf(linearCodes(n, zeroSignal), n);
      for (let trial = 0; trial < 2; trial++) {
        const seen = new Set<string>();
        const codes: Q[] = [];
        while (codes.length < m) {
          const z = Q.of(BigInt(rng.int(-20, 20)), BigInt(rng.int(1, 6)));
          if (!seen.has(z.toString())) {
            seen.add(z.toString());
            codes.push(z);
          }
        }
        codes.sort((a, b) => a.cmp(b));
        const other = classesOf(codes, n);
        let differences = 0;
        for (const [k, c] of base) if (other.get(k) !== c) differences++;
        orderOnly.push({ n, zeroSignal, codes: codes.map(String), types: base.size, differences });
        process.stderr.write(`order ${zeroSignal} n = ${n} codes ${codes.join(' ')}: ${differences} differences\n`);
      }
    }
  }
  // One sign: the classes against Schoenberg–Whitney (corrected.ts's interlacing at distinct knots of each type).
  const oneSign = [];
  for (let n = 1; n <= nMax; n++) {
    const codes = linearCodes(n, 'drop');
    let types = 0;
    let mismatches = 0;
    for (const s of [1, -1] as const) {
      const T = classCount(n) / 2;
      for (const pick of multisets(T, n)) {
        const type = pick.map((k) => 2 * k + (s === 1 ? 1 : 0));
        types++;
        const counts = new Map<number, number>();
        const knots = type.map((c) => {
          const k = counts.get(c) ?? 0;
          counts.set(c, k + 1);
          return spreadKnot(c, codes, k, type.filter((x) => x === c).length);
        });
        const sw = interlacing(codes, knots, s);
        const repeated = type.some((c, j) => j > 0 && c === type[j - 1] && isFree(c));
        const expected = !sw ? 'singular' : repeated ? 'generic' : 'full';
        if (squareCriterion(type, codes) !== expected) mismatches++;
      }
    }
    oneSign.push({ n, types, mismatches });
    process.stderr.write(`one sign n = ${n}: ${types} types, ${mismatches} mismatches with Schoenberg–Whitney\n`);
  }
  const out = {
    ...header(),
    command: `npm run build && nice -n 10 node dist/bench/classify.js record ${nMax}`,
    commit: commit(),
    note: 'Recorded classification of every combinatorial type, codes z = i; the square case checks the criterion on every type, the kept case Rado only (keptHow says how each kept type was decided); then the exhaustive grid (g = 2, n <= 6) and random distinct codes (n <= 5) against it.',
    seed: SEED,
    runs,
    grid,
    orderOnly,
    oneSign,
  };
  writeAtomic(join('src', 'search', 'classify', 'results.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
}

const [mode, arg] = process.argv.slice(2);
if (mode === 'record') void record(Number(arg ?? 7));
else void bench();
