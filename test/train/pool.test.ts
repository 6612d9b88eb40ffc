import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findClaim } from '../../src/claims/registry.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import type { ModelSpec } from '../../src/train/model.js';
import { type Job, planUnits, type Unit } from '../../src/train/pool.js';
import { train, type TrainResult } from '../../src/train/train.js';
import { runBin } from '../helpers/cli.js';

/**
 * The worker-thread paths run only from the compiled code (under vitest the
 * sources are .ts and the pool runs in process), so these tests drive the
 * built binary and compare it with the in-process results.
 */
const cli = (...args: string[]) => runBin(args);

interface Run {
  seed: number;
  finalLoss: number;
  codes: number[];
  seconds?: number;
}

describe('training seeds on worker threads', () => {
  it('when verify train runs 3 seeds on 2 workers then every run equals its run on 1', () => {
    const args = ['train', '--experiment', 'free', '--n', '5', '--epochs', '4000', '--seeds', '3', '--json'];
    const runs = (workers: string) => {
      const r = cli(...args, '--workers', workers);
      expect(r.status).toBe(0);
      return (JSON.parse(r.out) as { runs: Run[] }).runs.map(({ seconds: _, ...rest }) => rest);
    };
    const one = runs('1');
    expect(one.map((r) => r.seed)).toEqual([20220227, 20220228, 20220229]);
    expect(runs('2')).toEqual(one);
  });

  it('when a training claim runs on workers (blocking) then its runs equal the in-process check', () => {
    const r = cli('train-constrained', '--n-max', '4', '--epochs', '3000', '--seeds', '3', '--json');
    expect(r.status).toBe(0); // inconclusive: a short run
    const fromWorkers = JSON.parse(r.out) as { status: string; reason: string };
    const claim = findClaim('train-constrained')!;
    const local = claim.check(resolveClaimOptions(claim, { extra: { epochs: 3000, seeds: 3 }, nMax: 4 }));
    expect(fromWorkers.status).toBe('inconclusive');
    expect(local.status).toBe('inconclusive');
    expect(JSON.parse(r.out)).toMatchObject({ sections: JSON.parse(JSON.stringify(local.sections)) });
  });
});

describe('planning the units of work', () => {
  const spec: ModelSpec = { experiment: 'free', n: 4, n2: 4, b3: false, C: 1 };
  const job = (seed: number, over: Partial<Job> = {}): Job => ({
    spec,
    epochs: 10,
    lr: 1e-3,
    optimizer: 'rmsprop',
    seed,
    logEvery: 5,
    ...over,
  });
  const jobs = (k: number) => Array.from({ length: k }, (_, s) => job(s));
  /** Units as "engine:first-last" strings. */
  const shape = (units: Unit[]) =>
    units.map((u) => `${u.engine}:${u.indices[0]}-${u.indices[u.indices.length - 1]}`).join(' ');

  it.each([
    // [jobs, workers, units]: by the rule g = min(B, w ceil(B / 4w)) units of near-equal size, in order,
    // a unit of one on the scalar kernel.
    [1, 1, 'wasm:0-0'],
    [2, 2, 'wasm:0-0 wasm:1-1'],
    [3, 2, 'simd:0-1 wasm:2-2'],
    [4, 1, 'simd:0-3'],
    [5, 1, 'simd:0-2 simd:3-4'],
    [8, 2, 'simd:0-3 simd:4-7'],
    [10, 2, 'simd:0-2 simd:3-5 simd:6-7 simd:8-9'],
    [9, 4, 'simd:0-2 simd:3-4 simd:5-6 simd:7-8'],
  ])('%i jobs on %i workers: %s', (k, workers, want) => {
    expect(shape(planUnits(jobs(k), workers))).toBe(want);
  });

  it('100 jobs on 2 workers: 26 units of 3 or 4, every job once, in order', () => {
    const units = planUnits(jobs(100), 2);
    expect(units).toHaveLength(26);
    expect(units.every((u) => u.engine === 'simd' && u.indices.length >= 3 && u.indices.length <= 4)).toBe(true);
    expect(units.flatMap((u) => u.indices)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('groups only jobs with equal settings, and never the js or wasm engine', () => {
    const mixed = [
      job(0),
      job(1, { lr: 1e-2 }),
      job(2),
      job(3, { lr: 1e-2 }),
      job(4, { engine: 'js' }),
      job(5, { engine: 'wasm' }),
    ];
    expect(shape(planUnits(mixed, 1))).toBe('simd:0-2 simd:1-3 js:4-4 wasm:5-5');
    expect(planUnits(mixed, 1)[0]?.indices).toEqual([0, 2]);
    const wide: ModelSpec = { experiment: 'free', n: 65, n2: 65, b3: false, C: 1 };
    expect(shape(planUnits([job(0, { spec: wide }), job(1, { spec: wide })], 1))).toBe('js:0-0 js:1-1');
    expect(() => planUnits([job(0, { spec: wide, engine: 'simd' })], 1)).toThrow(/--engine simd cannot run this model/);
  });
});

/**
 * Runs the compiled pool (dist/, where worker.js exists, so the runs go to worker threads) in a
 * child process: `mode` blocking (trainSeeds) or async (trainSeedsAsync, stopped once `stopAt`
 * seed-epochs are reported, if given).
 */
function compiledPool(jobs: Job[], workers: number, mode: 'blocking' | 'async', stopAt?: number) {
  const pool = pathToFileURL(resolve('dist/src/train/pool.js')).href;
  // A module file, not node -e: the workers inherit the parent's flags, and --input-type would stop them.
  const script = join(mkdtempSync(join(tmpdir(), 'stepae-pool-')), 'run.mjs');
  writeFileSync(
    script,
    `import { trainSeeds, trainSeedsAsync } from ${JSON.stringify(pool)};
    const { jobs, workers, mode, stopAt } = JSON.parse(process.argv[2]);
    const stop = { stopped: false };
    const rs = mode === 'blocking'
      ? trainSeeds(jobs, workers)
      : await trainSeedsAsync(jobs, workers, stop, (done) => { if (stopAt !== null && done >= stopAt) stop.stopped = true; });
    console.log(JSON.stringify(rs.map((r) => ({ ...r, params: Array.from(r.params) }))));`,
  );
  const r = spawnSync(process.execPath, [script, JSON.stringify({ jobs, workers, mode, stopAt: stopAt ?? null })], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as (Omit<TrainResult, 'params'> & { params: number[] })[];
}

describe('the pool on worker threads (compiled)', () => {
  const spec: ModelSpec = { experiment: 'free', n: 5, n2: 5, b3: false, C: 1 };
  const jobs = (k: number, epochs: number, logEvery: number): Job[] =>
    Array.from({ length: k }, (_, s) => ({ spec, epochs, lr: 1e-3, optimizer: 'rmsprop', seed: 100 + s, logEvery }));
  /** What a run reports, but how it ran. */
  const outcome = ({ engine: _e, seconds: _s, ...rest }: Omit<TrainResult, 'params'> & { params: number[] }) => rest;
  const alone = (job: Job) => {
    const r = train({ ...job, engine: 'wasm' });
    return outcome({ ...r, params: Array.from(r.params) });
  };

  it('when 7 seeds train blocking and async on 1, 2 and 3 workers then every run equals its run alone', () => {
    const js = jobs(7, 3000, 500);
    const want = js.map(alone);
    for (const workers of [1, 2, 3])
      for (const mode of ['blocking', 'async'] as const) {
        const rs = compiledPool(js, workers, mode);
        expect(rs.map(outcome)).toEqual(want);
        // Grouped by four per SIMD kernel where the workers allow (planUnits), alone on the scalar kernel otherwise.
        expect(rs.map((r) => r.engine)).toEqual(planUnits(js, workers).flatMap((u) => u.indices.map(() => u.engine)));
      }
  });

  it('when the async pool is stopped in the middle then each run reported equals its run alone for that long', () => {
    // 2 workers, 6 seeds: units of 3 on each; stop once 60 000 seed-epochs are reported (of 1 200 000).
    const js = jobs(6, 200_000, 10_000);
    const rs = compiledPool(js, 2, 'async', 60_000);
    expect(rs.length).toBeGreaterThan(0);
    for (const r of rs) {
      expect(r.interrupted).toBe(true);
      expect(r.epochs).toBeLessThan(200_000);
      const job = js.find((j) => j.seed === r.seed) as Job;
      expect({ ...outcome(r), interrupted: false }).toEqual(alone({ ...job, epochs: r.epochs }));
    }
    // Runs trained together stop at the same epoch.
    for (const u of planUnits(js, 2)) {
      const epochs = rs.filter((r) => u.indices.some((i) => js[i]?.seed === r.seed)).map((r) => r.epochs);
      expect(new Set(epochs).size).toBeLessThanOrEqual(1);
    }
  });
});
