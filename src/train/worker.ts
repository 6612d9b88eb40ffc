/**
 * A training worker: trains its units in order (each unit's runs together,
 * `trainGroup`), posting progress and each result, then counting up `done`
 * by the unit's runs.
 */
import { workerData } from 'node:worker_threads';
import type { WorkerData, WorkerMessage } from './pool.js';
import { trainGroup } from './train.js';

const { units, done, stop, port } = workerData as WorkerData;
const stopped = {
  get stopped() {
    return Atomics.load(stop, 0) === 1;
  },
};
const post = (m: WorkerMessage) => port.postMessage(m);
for (const { indices, engine, jobs } of units) {
  if (stopped.stopped) break;
  const results = trainGroup(
    jobs.map((job, k) => ({
      ...job,
      stop: stopped,
      onProgress: (epoch: number, loss: number) => post({ kind: 'progress', index: indices[k] as number, epoch, loss }),
    })),
    engine,
  );
  results.forEach((result, k) => post({ kind: 'result', index: indices[k] as number, result }));
  Atomics.add(done, 0, results.length);
  Atomics.notify(done, 0);
}
port.close();
