/** FROZEN COPY, for the benchmark only: the search worker of exhaustive-v1.ts. */
import { parentPort, workerData } from 'node:worker_threads';
import { Q } from '../../src/kernel/rational.js';
import { GridSearch } from './exhaustive-v1.js';

const spec = workerData as { n: number; g: number; zeroSignal: 'keep' | 'drop'; codes: string[] };
const search = new GridSearch({ ...spec, codes: spec.codes.map((c) => Q.parse(c)) });
parentPort?.on('message', (prefix: number[]) => {
  parentPort?.postMessage(search.runUnit(prefix));
});
