/** A search worker: builds the grid once, then runs the units it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { specFromJson, type SpecJson } from './checkpoint.js';
import { GridSearch } from './exhaustive.js';
import type { UnitJob } from './runner.js';

const data = workerData as { spec: SpecJson; mirror: boolean };
const search = new GridSearch(specFromJson(data.spec), { mirror: data.mirror });
parentPort?.on('message', (job: UnitJob) => {
  parentPort?.postMessage(search.runUnit(job.prefix, job.plan));
});
