/**
 * The trainer's view of weights files, kept for src/cli/train.ts: the
 * formats, key mapping and checks live in src/weights/. readWeights now
 * reads .pt, .safetensors and JSON, and refuses a file that is not exactly
 * the run's model (a nonzero b3 the run lacks, or the reverse).
 */
import type { ModelSpec } from './model.js';
import { jsonToRaw } from '../weights/json.js';
import { networkFromParams, networkFromRaw, networkJson, networkToParams, readNetwork } from '../weights/index.js';

/**
 * The float32 parameters of the run's model from a weights file.
 * @throws UsageError / InputError (exit 2) when the file is unreadable or not the run's model.
 */
export function readWeights(path: string, s: ModelSpec): Float32Array {
  return networkToParams(s, readNetwork(path, { what: '--init' }), `--init ${path}`);
}

/**
 * Parameters from a parsed stepae JSON weights object (values rounded to float32).
 * @throws InputError when it is not the run's model.
 */
export function paramsFromJson(s: ModelSpec, j: Record<string, unknown>): Float32Array {
  return networkToParams(s, networkFromRaw(jsonToRaw(j, 'weights'), 'weights'));
}

/** The exact rational of each float32 parameter, as strings, in nn.Linear shapes (stepae JSON; b3 = 0 written when absent). */
export function paramsToJson(s: ModelSpec, p: Float32Array): Record<string, unknown> {
  return networkJson(networkFromParams(s, p));
}
