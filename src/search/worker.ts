/** A search worker: builds the grid once, then runs the units it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { GridSearch } from './exhaustive.js';
import { specFromJson, type SpecJson } from './runner.js';

const search = new GridSearch(specFromJson(workerData as SpecJson));
parentPort?.on('message', (prefix: number[]) => {
  parentPort?.postMessage(search.runUnit(prefix));
});
