/**
 * stepae's JSON weights: one top-level field per tensor, nested arrays in
 * nn.Linear shapes (out x in), each value a rational string ("-3/7") or a
 * number, as `verify construct --json` and `train --save` write them; the
 * metadata in an object `metadata` (top-level scalars count as metadata too). A JSON number is read as the decimal it
 * prints as (0.1 is 1/10, not the float64 nearest to it): write rational
 * strings to be exact.
 */
import { InputError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { firstLine } from './file.js';
import type { RawTensor, RawWeights } from './types.js';
import { parseJson } from '../files.js';

/** Nested arrays of a rectangular tensor: its shape and row-major values, or why not. */
function parseTensor(v: unknown[], key: string): { shape: number[]; values: Q[] } | string {
  const shape: number[] = [];
  let probe: unknown = v;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    if (shape.length > 8) return 'nested deeper than 8';
    probe = probe[0];
  }
  const values: Q[] = [];
  const walk = (x: unknown, d: number, at: string): string | undefined => {
    if (d === shape.length) {
      if (typeof x === 'number' && Number.isFinite(x)) values.push(Q.parse(String(x), `${key}${at}`));
      else if (typeof x === 'string') values.push(Q.parse(x, `${key}${at}`));
      else
        return `${key}${at} is ${typeof x === 'number' ? x : (JSON.stringify(x) ?? typeof x)}; accepted: a finite number or a rational string ("-3/7")`;
      return undefined;
    }
    if (!Array.isArray(x) || x.length !== shape[d]) return `${key}${at} breaks the shape [${shape.join(', ')}]`;
    for (let k = 0; k < x.length; k++) {
      const r = walk(x[k], d + 1, `${at}[${k}]`);
      if (r) return r;
    }
    return undefined;
  };
  try {
    const r = walk(v, 0, '');
    return r ?? { shape, values };
  } catch (e) {
    return firstLine(e);
  }
}

/**
 * The tensors and metadata of a stepae JSON weights file. Arrays that are
 * not rectangular tensors of rationals are kept in `invalid` with the
 * reason, reported only if a tensor is read from them.
 * @throws InputError (E_WEIGHTS_JSON) when the text is not a JSON object.
 */
export function readJsonWeights(d: Uint8Array, what: string): RawWeights & { invalid: Map<string, string> } {
  let j: unknown;
  try {
    j = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(d));
  } catch (e) {
    throw new InputError(`${what}: not valid JSON (${firstLine(e)})`, 'E_WEIGHTS_JSON');
  }
  return jsonToRaw(j, what);
}

/**
 * The tensors and metadata of a parsed stepae JSON weights object.
 * @throws InputError (E_WEIGHTS_JSON) when it is not a JSON object.
 */
export function jsonToRaw(j: unknown, what: string): RawWeights & { invalid: Map<string, string> } {
  if (typeof j !== 'object' || j === null || Array.isArray(j))
    throw new InputError(`${what}: not a JSON object of weights`, 'E_WEIGHTS_JSON');
  const tensors = new Map<string, RawTensor>();
  const invalid = new Map<string, string>();
  const metadata: Record<string, string> = {};
  for (const [key, v] of Object.entries(j as Record<string, unknown>)) {
    if (Array.isArray(v)) {
      const t = parseTensor(v, key);
      if (typeof t === 'string') invalid.set(key, t);
      else tensors.set(key, { shape: t.shape, dtype: 'rational', rationals: t.values });
    } else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') metadata[key] = String(v);
  }
  // Written metadata sits in an object of its own; it wins over top-level scalars (older files).
  const md = (j as Record<string, unknown>).metadata;
  if (typeof md === 'object' && md !== null && !Array.isArray(md))
    for (const [k, v] of Object.entries(md))
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') metadata[k] = String(v);
  return { format: 'json', tensors, metadata, invalid };
}

/** Nested arrays of rational strings in the tensor's shape. */
function nest(values: readonly Q[], shape: readonly number[]): unknown {
  if (shape.length === 0) return (values[0] as Q).toString();
  const [head, ...rest] = shape as [number, ...number[]];
  const step = rest.reduce((a, b) => a * b, 1);
  return Array.from({ length: head }, (_, k) => nest(values.slice(k * step, (k + 1) * step), rest));
}

/**
 * The JSON object of a stepae weights file: `metadata` (an object, so that
 * its b3 flag cannot collide with the tensor b3), then each tensor in
 * nn.Linear shape with rational strings.
 */
export function jsonWeightsObject(
  tensors: readonly { key: string; shape: readonly number[]; values: readonly Q[] }[],
  metadata?: Record<string, string | number | boolean>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) out.metadata = { ...metadata };
  for (const t of tensors) out[t.key] = nest(t.values, t.shape);
  return out;
}

/** The bytes of jsonWeightsObject, indented, with a final newline. */
export function writeJsonWeights(
  tensors: readonly { key: string; shape: readonly number[]; values: readonly Q[] }[],
  metadata?: Record<string, string | number | boolean>,
): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(jsonWeightsObject(tensors, metadata), null, 2) + '\n');
}
