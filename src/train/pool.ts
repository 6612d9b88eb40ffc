/**
 * Several seeds' training runs on worker threads. The runs are first split
 * into units (`planUnits`): runs with equal settings train together, up to
 * four in the lanes of one SIMD kernel, and a run alone on the scalar
 * kernel; units are dealt round-robin to the workers. Each run computes the
 * same bits whichever unit, engine or worker it lands on, so the results
 * are the same whatever the number of workers (test/train/pool.test.ts);
 * only `engine` and `seconds` say how it ran.
 *
 * `trainSeeds` blocks (the claims' checkers are synchronous): the main
 * thread waits on a shared counter with Atomics.wait and then takes the
 * results off the message port with receiveMessageOnPort. `trainSeedsAsync`
 * keeps the event loop alive for progress and Ctrl-C: a shared stop flag
 * reaches the workers between chunks of epochs.
 */
import { cpus } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  groupKey,
  resolveEngine,
  type ResolvedEngine,
  trainGroup,
  trainGroupAsync,
  type TrainOptions,
  type TrainResult,
} from './train.js';
import { LANES } from './wasm/simd.js';
import { compiledWorker } from '../worker-url.js';

/** What a worker is given: the runs without their callbacks (they do not cross threads). */
export type Job = Omit<TrainOptions, 'onProgress' | 'stop'>;

/** Runs trained together: their indices in the job list and the engine (`simd` for 2 to 4 runs). */
export interface Unit {
  engine: ResolvedEngine;
  indices: number[];
}

export interface WorkerData {
  units: (Unit & { jobs: Job[] })[];
  done: Int32Array;
  stop: Int32Array;
  port: MessagePort;
}

export type WorkerMessage =
  | { kind: 'progress'; index: number; epoch: number; loss: number }
  | { kind: 'result'; index: number; result: TrainResult };

/** The default number of workers: one per core, at most one per seed. */
export function defaultWorkers(seeds: number): number {
  return Math.max(1, Math.min(seeds, cpus().length));
}

/**
 * How the jobs are trained, for `workers` threads. A job whose engine
 * resolves to `simd` (`auto` or `simd`, for two or more seeds) joins the
 * jobs with its settings (`groupKey`), in job order; each such set of B jobs
 * is cut into g = min(B, workers * ceil(B / (4 workers))) consecutive units
 * of sizes differing by at most one: the fewest SIMD kernels that still give
 * every worker the same number of units (2 seeds on 2 workers: two units of
 * one, on two cores). A unit of one runs on the scalar kernel (`wasm`, the
 * same bits, faster alone). The other jobs are units of one on their engine.
 * Units are listed by their first job.
 * @throws RangeError when a job asks for an engine that cannot run its model (`resolveEngine`)
 */
export function planUnits(jobs: readonly Job[], workers: number): Unit[] {
  const w = Math.max(1, workers);
  const units: Unit[] = [];
  const sets = new Map<string, number[]>();
  jobs.forEach((job, index) => {
    const engine = resolveEngine(job.engine ?? 'auto', job.spec, 2);
    if (engine !== 'simd') {
      units.push({ engine: resolveEngine(job.engine ?? 'auto', job.spec), indices: [index] });
      return;
    }
    const key = groupKey(job);
    const set = sets.get(key);
    if (set) set.push(index);
    else sets.set(key, [index]);
  });
  for (const set of sets.values()) {
    const B = set.length;
    const g = Math.min(B, w * Math.ceil(B / (LANES * w)));
    let at = 0;
    for (let u = 0; u < g; u++) {
      const size = Math.floor(B / g) + (u < B % g ? 1 : 0);
      const indices = set.slice(at, at + size);
      at += size;
      units.push({ engine: size > 1 ? 'simd' : 'wasm', indices });
    }
  }
  return units.sort((a, b) => (a.indices[0] as number) - (b.indices[0] as number));
}

function start(url: URL, jobs: Job[], units: Unit[], workers: number, stop: Int32Array) {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  const counts: number[] = [];
  for (let w = 0; w < workers; w++) {
    const mine = units
      .filter((_, u) => u % workers === w)
      .map((unit) => ({ ...unit, jobs: unit.indices.map((i) => jobs[i] as Job) }));
    const { port1, port2 } = new MessageChannel();
    const data: WorkerData = { units: mine, done, stop, port: port2 };
    threads.push(new Worker(url, { workerData: data, transferList: [port2] }));
    ports.push(port1);
    counts.push(mine.reduce((s, unit) => s + unit.indices.length, 0));
  }
  return { done, ports, threads, counts };
}

/** The worker count actually used: at most one per unit. */
function threadsFor(units: Unit[], workers: number): number {
  return Math.max(1, Math.min(workers, units.length));
}

/**
 * Trains every job, on `workers` threads when more than one (else in this
 * thread), and returns the results in job order.
 * @throws RangeError when a job's engine cannot run its model (before any work)
 */
export function trainSeeds(jobs: Job[], workers: number): TrainResult[] {
  const url = workers > 1 && jobs.length > 1 ? compiledWorker('./worker.js', import.meta.url) : undefined;
  const units = planUnits(jobs, url ? workers : 1);
  if (!url || units.length < 2) {
    const results = new Array<TrainResult>(jobs.length);
    for (const unit of units)
      trainGroup(
        unit.indices.map((i) => jobs[i] as Job),
        unit.engine,
      ).forEach((r, k) => (results[unit.indices[k] as number] = r));
    return results;
  }
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const { done, ports, threads, counts: expected } = start(url, jobs, units, threadsFor(units, workers), stop);
  const results: TrainResult[] = new Array<TrainResult>(jobs.length);
  const got = threads.map(() => 0);
  const drain = () => {
    ports.forEach((port, w) => {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const msg = m.message as WorkerMessage;
        if (msg.kind === 'result') {
          results[msg.index] = msg.result;
          got[w] = (got[w] as number) + 1;
        }
      }
    });
    return got.reduce((a, b) => a + b, 0);
  };
  for (;;) {
    const seen = Atomics.load(done, 0);
    if (drain() === jobs.length) break;
    // A worker that throws never counts up: wake every second to notice that it has exited short of its jobs.
    if (Atomics.wait(done, 0, seen, 1000) === 'timed-out') {
      drain();
      if (threads.some((t, w) => t.threadId === -1 && (got[w] as number) < (expected[w] as number)))
        throw new Error('a training worker stopped without its results');
    }
  }
  threads.forEach((t) => void t.terminate());
  return results;
}

/**
 * The same with the event loop alive: `onProgress(epochsDone, seed, loss)`
 * as runs report (epochsDone summed over the runs), and `stop.stopped`
 * passed to them between chunks of epochs. Returns the finished (or
 * interrupted) runs in job order; runs not started when the stop came are
 * left out.
 * @throws RangeError when a job's engine cannot run its model (before any work)
 */
export async function trainSeedsAsync(
  jobs: Job[],
  workers: number,
  stop?: { stopped: boolean },
  onProgress?: (epochsDone: number, seed: number, loss: number) => void,
): Promise<TrainResult[]> {
  const url = workers > 1 && jobs.length > 1 ? compiledWorker('./worker.js', import.meta.url) : undefined;
  const units = planUnits(jobs, url ? workers : 1);
  const epochAt = new Array<number>(jobs.length).fill(0);
  const results = new Array<TrainResult | undefined>(jobs.length).fill(undefined);
  const progress = (index: number, epoch: number, loss: number) => {
    epochAt[index] = epoch;
    onProgress?.(
      epochAt.reduce((s, e) => s + e, 0),
      (jobs[index] as Job).seed,
      loss,
    );
  };
  if (!url || units.length < 2) {
    for (const unit of units) {
      if (stop?.stopped) break;
      const rs = await trainGroupAsync(
        unit.indices.map((i) => ({ ...(jobs[i] as Job), stop, onProgress: (e, l) => progress(i, e, l) })),
        unit.engine,
      );
      rs.forEach((r, k) => (results[unit.indices[k] as number] = r));
    }
    return results.filter((r): r is TrainResult => r !== undefined);
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { ports, threads } = start(url, jobs, units, threadsFor(units, workers), flag);
  const poll = setInterval(() => {
    if (stop?.stopped) Atomics.store(flag, 0, 1);
  }, 50);
  try {
    await Promise.all(
      threads.map(
        (t, w) =>
          new Promise<void>((resolve, reject) => {
            const port = ports[w] as MessagePort;
            port.on('message', (msg: WorkerMessage) => {
              if (msg.kind === 'progress') progress(msg.index, msg.epoch, msg.loss);
              else results[msg.index] = msg.result;
            });
            t.on('error', reject);
            t.on('exit', () => {
              port.close();
              resolve();
            });
          }),
      ),
    );
  } finally {
    clearInterval(poll);
  }
  return results.filter((r): r is TrainResult => r !== undefined);
}
