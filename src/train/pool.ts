/**
 * Several seeds' training runs on worker threads, one run per seed, seeds
 * dealt round-robin. Each run is deterministic on its own, so the results
 * are the same bits whatever the number of workers (test/pool.test.ts).
 *
 * `trainSeeds` blocks (the claims' checkers are synchronous): the main
 * thread waits on a shared counter with Atomics.wait and then takes the
 * results off the message port with receiveMessageOnPort. `trainSeedsAsync`
 * keeps the event loop alive for progress and Ctrl-C: a shared stop flag
 * reaches the workers between chunks of epochs.
 */
import { cpus } from 'node:os';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { train, trainAsync, type TrainOptions, type TrainResult } from './train.js';
import { compiledWorker } from '../worker-url.js';

/** What a worker is given: the runs without their callbacks (they do not cross threads). */
export type Job = Omit<TrainOptions, 'onProgress' | 'stop'>;

export interface WorkerData {
  jobs: { index: number; job: Job }[];
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

function start(url: URL, jobs: Job[], workers: number, stop: Int32Array) {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  for (let w = 0; w < workers; w++) {
    const mine = jobs.map((job, index) => ({ index, job })).filter(({ index }) => index % workers === w);
    const { port1, port2 } = new MessageChannel();
    const data: WorkerData = { jobs: mine, done, stop, port: port2 };
    threads.push(new Worker(url, { workerData: data, transferList: [port2] }));
    ports.push(port1);
  }
  return { done, ports, threads, counts: threads.map((_, w) => jobs.filter((_, i) => i % workers === w).length) };
}

/**
 * Trains every job, on `workers` threads when more than one (else in this
 * thread), and returns the results in job order.
 */
export function trainSeeds(jobs: Job[], workers: number): TrainResult[] {
  const url = workers > 1 && jobs.length > 1 ? compiledWorker('./worker.js', import.meta.url) : undefined;
  if (!url) return jobs.map((j) => train(j));
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const { done, ports, threads, counts: expected } = start(url, jobs, Math.min(workers, jobs.length), stop);
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
 * as runs report, and `stop.stopped` passed to them between chunks of epochs.
 * Returns the finished (or interrupted) runs in job order.
 */
export async function trainSeedsAsync(
  jobs: Job[],
  workers: number,
  stop?: { stopped: boolean },
  onProgress?: (epochsDone: number, seed: number, loss: number) => void,
): Promise<TrainResult[]> {
  const url = workers > 1 && jobs.length > 1 ? compiledWorker('./worker.js', import.meta.url) : undefined;
  if (!url) {
    const out: TrainResult[] = [];
    let before = 0;
    for (const job of jobs) {
      if (stop?.stopped) break;
      const r = await trainAsync({ ...job, stop, onProgress: (e, l) => onProgress?.(before + e, job.seed, l) });
      before += r.epochs;
      out.push(r);
    }
    return out;
  }
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { ports, threads } = start(url, jobs, Math.min(workers, jobs.length), flag);
  const epochAt = new Array<number>(jobs.length).fill(0);
  const results = new Array<TrainResult | undefined>(jobs.length).fill(undefined);
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
              if (msg.kind === 'progress') {
                epochAt[msg.index] = msg.epoch;
                onProgress?.(
                  epochAt.reduce((s, e) => s + e, 0),
                  (jobs[msg.index] as Job).seed,
                  msg.loss,
                );
              } else results[msg.index] = msg.result;
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
