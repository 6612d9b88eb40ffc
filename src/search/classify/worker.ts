/** A classification worker: builds the engine once, then runs the units it is sent (by index). */
import { parentPort, workerData } from 'node:worker_threads';
import { engineFor, specFromJson, type ClassifySpecJson } from './run.js';

const { spec, criterion } = workerData as { spec: ClassifySpecJson; criterion: boolean };
const engine = engineFor(specFromJson(spec), criterion);
const units = engine.units();
parentPort?.on('message', (k: number) => {
  parentPort?.postMessage(engine.runUnit(units[k] as number[]));
});
