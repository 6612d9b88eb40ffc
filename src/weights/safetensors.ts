/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes
 * of JSON {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?:
 * {string: string}}, then the raw little-endian tensor bytes, offsets
 * counted from the end of the header. No maintained npm package reads or
 * writes it (the published ones are unmaintained or tied to ML runtimes),
 * and the format is this small, so reader and writer are written here.
 * Every length the file states is checked against the bytes it has before
 * anything is allocated from it: a header length of 2 GB is refused at once.
 */
import { InputError } from '../errors.js';
import { firstLine } from './file.js';
import type { RawTensor, RawWeights } from './types.js';
import { parseJson } from '../files.js';

/** safetensors' own limit on the header. */
export const MAX_HEADER_BYTES = 100 * 1024 * 1024;

const SIZES: Record<string, { dtype: 'float32' | 'float64'; size: number }> = {
  F32: { dtype: 'float32', size: 4 },
  F64: { dtype: 'float64', size: 8 },
};

/**
 * The tensors of a safetensors file.
 * @throws InputError (E_WEIGHTS_SAFETENSORS, E_WEIGHTS_DTYPE) on any inconsistency.
 */
export function readSafetensors(d: Uint8Array, what: string): RawWeights {
  const fail = (why: string, code = 'E_WEIGHTS_SAFETENSORS'): never => {
    throw new InputError(`${what}: ${why}`, code);
  };
  if (d.length < 8) fail(`truncated safetensors file (${d.length} bytes, no header length)`);
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const lo = view.getUint32(0, true);
  const hi = view.getUint32(4, true);
  const n = hi * 2 ** 32 + lo;
  if (n > MAX_HEADER_BYTES) fail(`header length ${n} bytes is over the limit of ${MAX_HEADER_BYTES} bytes`);
  if (8 + n > d.length) fail(`header length ${n} bytes runs past the end of the file (${d.length} bytes)`);
  let header: unknown;
  try {
    header = parseJson(new TextDecoder('utf-8', { fatal: true }).decode(d.subarray(8, 8 + n)));
  } catch (e) {
    return fail(`header is not valid JSON (${firstLine(e)})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    return fail('header is not a JSON object');
  const dataStart = 8 + n;
  const dataLen = d.length - dataStart;
  const metadata: Record<string, string> = {};
  const spans: { key: string; begin: number; end: number }[] = [];
  const tensors = new Map<string, RawTensor>();
  for (const [key, entry] of Object.entries(header as Record<string, unknown>)) {
    if (key === '__metadata__') {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
        fail('__metadata__ is not an object of strings');
      for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} is not a string`);
        metadata[k] = v as string;
      }
      continue;
    }
    const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof e !== 'object' || e === null) return fail(`${key}: not a tensor entry`);
    const dt = typeof e.dtype === 'string' ? SIZES[e.dtype] : undefined;
    if (!dt) return fail(`${key} has dtype ${String(e.dtype)}; accepted: F32 or F64`, 'E_WEIGHTS_DTYPE');
    const shape = e.shape;
    if (!Array.isArray(shape) || shape.length > 8 || !shape.every((x) => Number.isSafeInteger(x) && x >= 0))
      return fail(`${key}: shape ${JSON.stringify(shape)} is not a list of sizes`);
    const offs = e.data_offsets;
    if (
      !Array.isArray(offs) ||
      offs.length !== 2 ||
      !offs.every((x) => Number.isSafeInteger(x) && x >= 0) ||
      (offs[0] as number) > (offs[1] as number)
    )
      return fail(`${key}: data_offsets ${JSON.stringify(offs)} is not [begin, end]`);
    const [begin, end] = offs as [number, number];
    if (end > dataLen) fail(`${key}: data_offsets [${begin}, ${end}] run past the data (${dataLen} bytes)`);
    let count = 1;
    for (const s of shape as number[]) count *= s;
    if (count * dt.size !== end - begin)
      fail(
        `${key}: shape [${shape.join(', ')}] of ${e.dtype} needs ${count * dt.size} bytes, data_offsets give ${end - begin}`,
      );
    spans.push({ key, begin, end });
    const data = new Float64Array(count);
    const v = new DataView(d.buffer, d.byteOffset + dataStart + begin, end - begin);
    for (let k = 0; k < count; k++) data[k] = dt.size === 4 ? v.getFloat32(k * 4, true) : v.getFloat64(k * 8, true);
    tensors.set(key, { shape: shape as number[], dtype: dt.dtype, data });
  }
  spans.sort((a, b) => a.begin - b.begin);
  for (let k = 1; k < spans.length; k++) {
    const a = spans[k - 1] as (typeof spans)[number];
    const b = spans[k] as (typeof spans)[number];
    if (b.begin < a.end) fail(`${a.key} and ${b.key} overlap in the data`);
  }
  return { format: 'safetensors', tensors, metadata };
}

/**
 * A safetensors file of float32 tensors, in the given order, the header
 * padded with spaces to a multiple of 8 bytes as the reference writer does.
 */
export function writeSafetensors(
  tensors: readonly { key: string; shape: readonly number[]; data: Float32Array }[],
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let at = 0;
  for (const t of tensors) {
    header[t.key] = { dtype: 'F32', shape: [...t.shape], data_offsets: [at, at + 4 * t.data.length] };
    at += 4 * t.data.length;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const pad = (8 - (json.length % 8)) % 8;
  if (pad > 0) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(pad));
  const out = new Uint8Array(8 + json.length + at);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  view.setUint32(4, 0, true);
  out.set(json, 8);
  let p = 8 + json.length;
  for (const t of tensors) {
    for (const x of t.data) {
      view.setFloat32(p, x, true);
      p += 4;
    }
  }
  return out;
}
