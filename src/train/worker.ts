/** A training worker: runs its jobs in order, posting progress and each result, then counting up `done`. */
import { workerData } from 'node:worker_threads';
import type { WorkerData, WorkerMessage } from './pool.js';
import { train } from './train.js';

const { jobs, done, stop, port } = workerData as WorkerData;
const stopped = {
  get stopped() {
    return Atomics.load(stop, 0) === 1;
  },
};
for (const { index, job } of jobs) {
  if (stopped.stopped) break;
  const post = (m: WorkerMessage) => port.postMessage(m);
  const result = train({
    ...job,
    stop: stopped,
    onProgress: (epoch, loss) => post({ kind: 'progress', index, epoch, loss }),
  });
  post({ kind: 'result', index, result });
  Atomics.add(done, 0, 1);
  Atomics.notify(done, 0);
}
port.close();
