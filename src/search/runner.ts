/**
 * Runs the exhaustive search over units: in worker threads (--workers k),
 * on a deterministic shard (--shard i/N: the units with index = i mod N),
 * with progress reports, a clean stop (the units in flight finish, nothing
 * computed is lost) and checkpoints that --resume continues exactly.
 *
 * Every unit is checked as it comes back: its configuration count must be
 * the unit's size, and its sample (sample.ts) must recount exactly; either
 * failure is an InternalError (exit 3), never a result. A checkpoint is
 * offered after the first finished unit, then every 5 s during the first
 * minute (a short run killed early loses little), then every
 * `checkpointEvery` ms (30 s by default).
 */
import { Worker } from 'node:worker_threads';
import { InternalError, UsageError } from '../errors.js';
import { compiledWorker } from '../worker-url.js';
import {
  type Checkpoint,
  type RunControl,
  type SampleInfo,
  seal,
  specToJson,
  validateCheckpoint,
} from './checkpoint.js';
import { GridSearch, type SamplePlan, type UnitResult } from './exhaustive.js';
import { configurationCount, type GridSpec } from './grid.js';
import { emptyCounts, mergeCounts, type SearchCounts } from './result.js';
import { ExactRecount, SAMPLE_SEED, sampleGap } from './sample.js';

export {
  type Checkpoint,
  formatSearchFile,
  type Shard,
  type SpecJson,
  mergeCheckpoints,
  parseSearchFile,
  specFromJson,
  specToJson,
} from './checkpoint.js';

/** The checkpoints come after the first unit, every 5 s in the first minute, then every `checkpointEvery` ms. */
export interface RunOptions extends RunControl<Checkpoint> {
  spec: GridSpec;
  /** The seed of the exactly recounted sample (default SAMPLE_SEED; a resumed run keeps its file's). */
  sampleSeed?: number;
  /** false: visit every configuration even where the mirror symmetry applies (tests, benchmark). */
  mirror?: boolean;
}

/** What a worker is sent: a unit's prefix and the sample plan. */
export interface UnitJob {
  prefix: number[];
  plan: SamplePlan;
}

/** The sample plan of a grid: its seed, and a gap fixed by the grid's size alone (so shards and workers agree). */
function planOf(search: GridSearch, seed: number): SamplePlan {
  const size = configurationCount(search.types, search.spec.n);
  return { seed, gap: sampleGap(Number(size)) };
}

/** Checks a finished unit against its size and its sample; returns the configurations recounted. */
function checkUnit(search: GridSearch, recount: ExactRecount, prefix: readonly number[], r: UnitResult): number {
  const size = search.unitSize(prefix);
  if (r.counts.total !== size)
    throw new InternalError(`unit [${prefix.join(', ')}] counted ${r.counts.total} configurations; it holds ${size}`);
  return recount.check(search.mirror, r.samples);
}

function recountOf(search: GridSearch): ExactRecount {
  return new ExactRecount(search.spec.codes, search.knots, search.spec.n);
}

/** Runs (or resumes) the search; resolves with the final or interrupted checkpoint. */
export async function runSearch(o: RunOptions): Promise<Checkpoint> {
  const search = new GridSearch(o.spec, { mirror: o.mirror });
  const shard = o.shard ?? { index: 0, count: 1 };
  const orbits = search.mirror ? 'mirror' : 'none';
  const specJson = specToJson(o.spec);
  if (o.resume) {
    const r = o.resume;
    validateCheckpoint(r, '--resume');
    if (JSON.stringify(r.spec) !== JSON.stringify(specJson))
      throw new UsageError(`--resume: the checkpoint was written for a different search (${JSON.stringify(r.spec)})`);
    if (r.shard.index !== shard.index || r.shard.count !== shard.count)
      throw new UsageError(
        `--resume: the checkpoint belongs to shard ${r.shard.index}/${r.shard.count}, not ${shard.index}/${shard.count}`,
      );
    if (r.orbits !== orbits)
      throw new UsageError(`--resume: the checkpoint counts orbits '${r.orbits}', this run '${orbits}'`);
  }
  const plan = planOf(search, o.resume?.sample.seed ?? o.sampleSeed ?? SAMPLE_SEED);
  if (o.resume && o.resume.sample.gap !== plan.gap)
    throw new UsageError(`--resume: the checkpoint's sample gap ${o.resume.sample.gap} is not this grid's ${plan.gap}`);
  const all = search.units();
  const recount = recountOf(search);
  const done = new Set(o.resume?.doneUnits ?? []);
  let counts = o.resume?.counts ?? emptyCounts();
  let checked = o.resume?.sample.checked ?? 0;
  const mine = all.map((u, k) => ({ u, k })).filter(({ k }) => k % shard.count === shard.index);
  const todo = mine.filter(({ k }) => !done.has(k));
  const total = mine.reduce((s, { u }) => s + search.unitSize(u), 0);
  let progress = mine.filter(({ k }) => done.has(k)).reduce((s, { u }) => s + search.unitSize(u), 0);
  const snapshot = (complete: boolean): Checkpoint => {
    const sample: SampleInfo = { seed: plan.seed, gap: plan.gap, checked };
    return seal({
      kind: 'stepae-search',
      version: 2,
      spec: specJson,
      shard,
      orbits,
      unitsTotal: all.length,
      doneUnits: [...done].sort((a, b) => a - b),
      counts,
      sample,
      complete,
    });
  };
  const started = Date.now();
  let lastCheckpoint = started;
  let units = 0;
  const every = o.checkpointEvery ?? 30_000;
  const finishUnit = (k: number, u: readonly number[], r: UnitResult, offer = true) => {
    checked += checkUnit(search, recount, u, r);
    counts = mergeCounts(counts, r.counts);
    done.add(k);
    progress += r.counts.total;
    if (!offer) return;
    units++;
    o.onProgress?.(progress, total);
    const now = Date.now();
    const interval = now - started < 60_000 ? Math.min(every, 5_000) : every;
    if (o.onCheckpoint && (units === 1 || now - lastCheckpoint >= interval)) {
      lastCheckpoint = now;
      o.onCheckpoint(snapshot(false));
    }
  };
  // Units a mirror run has no representative in need no work.
  const work = todo.filter(({ u, k }) => {
    if (search.unitSize(u) > 0) return true;
    finishUnit(k, u, { counts: emptyCounts(), samples: [] }, false);
    return false;
  });
  const url = o.workers > 1 ? compiledWorker('./worker.js', import.meta.url) : undefined;
  if (!url) {
    for (const { u, k } of work) {
      if (o.stop?.stopped) break;
      finishUnit(k, u, search.runUnit(u, plan));
      await new Promise((r) => setImmediate(r)); // lets SIGINT and timers run
    }
  } else {
    const queue = work.slice();
    const workers: Worker[] = [];
    try {
      await Promise.all(
        Array.from({ length: Math.min(o.workers, queue.length) }, () => {
          const w = new Worker(url, { workerData: { spec: specJson, mirror: search.mirror } });
          workers.push(w);
          return new Promise<void>((resolve, reject) => {
            let current: { u: number[]; k: number } | undefined;
            const next = () => {
              current = o.stop?.stopped ? undefined : queue.shift();
              if (!current) {
                void w.terminate().then(() => resolve());
                return;
              }
              w.postMessage({ prefix: current.u, plan } satisfies UnitJob);
            };
            w.on('message', (r: UnitResult) => {
              try {
                if (current) finishUnit(current.k, current.u, r);
              } catch (e) {
                reject(e as Error);
                return;
              }
              next();
            });
            w.on('error', reject);
            next();
          });
        }),
      );
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  return snapshot(mine.every(({ k }) => done.has(k)));
}

/**
 * The whole search in this thread, every unit checked as runSearch checks
 * it: for callers that need a complete result synchronously (the claims).
 */
export function searchAll(spec: GridSpec, options: { mirror?: boolean; sampleSeed?: number } = {}): Checkpoint {
  const search = new GridSearch(spec, { mirror: options.mirror });
  const plan = planOf(search, options.sampleSeed ?? SAMPLE_SEED);
  const units = search.units();
  const recount = recountOf(search);
  let counts: SearchCounts = emptyCounts();
  let checked = 0;
  for (const u of units) {
    const r = search.runUnit(u, plan);
    checked += checkUnit(search, recount, u, r);
    counts = mergeCounts(counts, r.counts);
  }
  return seal({
    kind: 'stepae-search',
    version: 2,
    spec: specToJson(spec),
    shard: { index: 0, count: 1 },
    orbits: search.mirror ? 'mirror' : 'none',
    unitsTotal: units.length,
    doneUnits: units.map((_, k) => k),
    counts,
    sample: { seed: plan.seed, gap: plan.gap, checked },
    complete: true,
  });
}
