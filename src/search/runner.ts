/**
 * Runs the exhaustive search over units: in worker threads (--workers k),
 * on a deterministic shard (--shard i/N: the units with index = i mod N),
 * with progress reports, a clean stop (the units in flight finish, nothing
 * computed is lost) and checkpoints that --resume continues exactly.
 */
import { Worker } from 'node:worker_threads';
import { Q } from '../kernel/rational.js';
import { GridSearch } from './exhaustive.js';
import type { GridSpec } from './grid.js';
import { emptyCounts, mergeCounts, type SearchCounts } from './result.js';
import { compiledWorker } from '../worker-url.js';

/** A grid spec as JSON (codes as rational strings). */
export interface SpecJson {
  n: number;
  g: number;
  zeroSignal: 'keep' | 'drop';
  codes: string[];
}

export function specToJson(s: GridSpec): SpecJson {
  return { n: s.n, g: s.g, zeroSignal: s.zeroSignal, codes: s.codes.map(String) };
}

export function specFromJson(s: SpecJson): GridSpec {
  return { n: s.n, g: s.g, zeroSignal: s.zeroSignal, codes: s.codes.map((c) => Q.parse(c)) };
}

/** A shard: this run takes the units whose index is `index` modulo `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Everything needed to merge or resume: the spec, the shard, the units done and their counts. */
export interface Checkpoint {
  kind: 'stepae-search';
  version: 1;
  spec: SpecJson;
  shard: Shard;
  unitsTotal: number;
  doneUnits: number[];
  counts: SearchCounts;
  complete: boolean;
}

export interface RunOptions {
  spec: GridSpec;
  workers: number;
  shard?: Shard;
  resume?: Checkpoint;
  /** Called after each unit with configurations done and in scope. */
  onProgress?: (done: number, total: number) => void;
  /** Called every `checkpointEvery` ms with the current state. */
  onCheckpoint?: (c: Checkpoint) => void;
  checkpointEvery?: number;
  /** Set .stopped = true to stop after the units in flight. */
  stop?: { stopped: boolean };
}

/** Runs (or resumes) the search; resolves with the final or interrupted checkpoint. */
export async function runSearch(o: RunOptions): Promise<Checkpoint> {
  const search = new GridSearch(o.spec);
  const shard = o.shard ?? { index: 0, count: 1 };
  const all = search.units();
  const done = new Set(o.resume?.doneUnits ?? []);
  let counts = o.resume?.counts ?? emptyCounts();
  const mine = all.map((u, k) => ({ u, k })).filter(({ k }) => k % shard.count === shard.index);
  const todo = mine.filter(({ k }) => !done.has(k));
  const total = mine.reduce((s, { u }) => s + search.unitSize(u), 0);
  let progress = mine.filter(({ k }) => done.has(k)).reduce((s, { u }) => s + search.unitSize(u), 0);
  const snapshot = (complete: boolean): Checkpoint => ({
    kind: 'stepae-search',
    version: 1,
    spec: specToJson(o.spec),
    shard,
    unitsTotal: all.length,
    doneUnits: [...done].sort((a, b) => a - b),
    counts,
    complete,
  });
  let lastCheckpoint = Date.now();
  const finishUnit = (k: number, c: SearchCounts, size: number) => {
    counts = mergeCounts(counts, c);
    done.add(k);
    progress += size;
    o.onProgress?.(progress, total);
    if (o.onCheckpoint && Date.now() - lastCheckpoint > (o.checkpointEvery ?? 30_000)) {
      lastCheckpoint = Date.now();
      o.onCheckpoint(snapshot(false));
    }
  };
  const url = o.workers > 1 ? compiledWorker('./worker.js', import.meta.url) : undefined;
  if (!url) {
    for (const { u, k } of todo) {
      if (o.stop?.stopped) break;
      finishUnit(k, search.runUnit(u), search.unitSize(u));
      await new Promise((r) => setImmediate(r)); // lets SIGINT and timers run
    }
  } else {
    const queue = todo.slice();
    await Promise.all(
      Array.from({ length: Math.min(o.workers, queue.length) }, () => {
        const w = new Worker(url, { workerData: specToJson(o.spec) });
        return new Promise<void>((resolve, reject) => {
          let current: { u: number[]; k: number } | undefined;
          const next = () => {
            current = o.stop?.stopped ? undefined : queue.shift();
            if (!current) {
              void w.terminate().then(() => resolve());
              return;
            }
            w.postMessage(current.u);
          };
          w.on('message', (c: SearchCounts) => {
            if (current) finishUnit(current.k, c, search.unitSize(current.u));
            next();
          });
          w.on('error', reject);
          next();
        });
      }),
    );
  }
  return snapshot(done.size >= mine.length);
}

/** Merges shard checkpoints of the same spec into one. @throws RangeError on mismatched specs or overlaps. */
export function mergeCheckpoints(parts: readonly Checkpoint[]): Checkpoint {
  const first = parts[0];
  if (!first) throw new RangeError('nothing to merge');
  const key = JSON.stringify(first.spec);
  const done = new Set<number>();
  let counts = emptyCounts();
  for (const p of parts) {
    if (JSON.stringify(p.spec) !== key) throw new RangeError('the files search different grids');
    for (const k of p.doneUnits) {
      if (done.has(k)) throw new RangeError(`unit ${k} appears in two files`);
      done.add(k);
    }
    counts = mergeCounts(counts, p.counts);
  }
  return {
    kind: 'stepae-search',
    version: 1,
    spec: first.spec,
    shard: { index: 0, count: 1 },
    unitsTotal: first.unitsTotal,
    doneUnits: [...done].sort((a, b) => a - b),
    counts,
    complete: done.size === first.unitsTotal,
  };
}
