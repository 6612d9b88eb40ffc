/**
 * Weight files in the format of `verify construct --json`: keys W1, b1, W2,
 * b2, W3 (and b3), nn.Linear shapes (out x in), values as numbers or
 * rational strings. The constrained encoder adds alpha and beta. Saved
 * float32 values are written exactly, as the rationals their bits denote.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { layoutOf, type ModelSpec } from './model.js';

type Json = Record<string, unknown>;

function flat(v: unknown, key: string, rows: number, cols: number): number[] {
  const arr = Array.isArray(v) ? (v as unknown[]) : undefined;
  if (!arr) throw new UsageError(`--init: ${key} is missing or not an array`);
  const values = rows === 1 && cols >= 1 && !Array.isArray(arr[0]) ? arr : arr.flat();
  if (values.length !== rows * cols)
    throw new UsageError(`--init: ${key} has ${values.length} entries; accepted: ${rows} x ${cols}`);
  return values.map((x, k) => {
    if (typeof x === 'number' && Number.isFinite(x)) return x;
    if (typeof x === 'string') return Q.parse(x, `--init ${key}[${k}]`).toNumber();
    throw new UsageError(`--init: ${key}[${k}] is neither a number nor a rational string`);
  });
}

/** Parameters from a weights JSON object (values rounded to float32). @throws UsageError on a shape mismatch. */
export function paramsFromJson(s: ModelSpec, j: Json): Float32Array {
  const L = layoutOf(s);
  const p = new Float32Array(L.size);
  const put = (at: number, key: string, rows: number, cols: number) => {
    if (at < 0) return;
    flat(j[key], key, rows, cols).forEach((x, k) => (p[at + k] = x));
  };
  if (L.W1 >= 0) {
    put(L.W1, 'W1', 1, s.n);
    put(L.b1, 'b1', 1, 1);
  } else {
    if (j.alpha === undefined && Array.isArray(j.W1)) {
      // A linear-code encoder W1 = w 1: alpha = -C w, beta = b1 - alpha (n + 1).
      const w = flat(j.W1, 'W1', 1, s.n);
      const b1 = flat(j.b1, 'b1', 1, 1)[0] as number;
      if (w.some((x) => x !== w[0]))
        throw new UsageError('--init: the constrained encoder needs W1 = w 1 (all entries equal), or alpha and beta');
      const alpha = -s.C * (w[0] as number);
      p[L.alpha] = alpha;
      p[L.beta] = b1 - alpha * (s.n + 1);
    } else {
      put(L.alpha, 'alpha', 1, 1);
      put(L.beta, 'beta', 1, 1);
    }
  }
  const hidden = s.experiment === 'sigmoid' ? s.n : s.n2;
  put(L.W2, 'W2', hidden, 1);
  put(L.b2, 'b2', 1, hidden);
  put(L.W3, 'W3', s.n, s.n2);
  if (L.b3 >= 0) {
    if (j.b3 === undefined) for (let k = 0; k < s.n; k++) p[L.b3 + k] = 0;
    else put(L.b3, 'b3', 1, s.n);
  }
  return p;
}

/** Reads a weights file. @throws UsageError when unreadable. */
export function readWeights(path: string, s: ModelSpec): Float32Array {
  let j: Json;
  try {
    j = JSON.parse(readFileSync(path, 'utf8')) as Json;
  } catch (e) {
    throw new UsageError(
      `--init: cannot read ${path} (${(e as Error).message.split('\n')[0]}); accepted: a JSON file as written by verify construct --json`,
    );
  }
  return paramsFromJson(s, j);
}

/** The exact rational of each float32 parameter, as strings, in nn.Linear shapes. */
export function paramsToJson(s: ModelSpec, p: Float32Array): Json {
  const L = layoutOf(s);
  const q = (k: number) => Q.fromFloat32(p[k] as number).toString();
  const vec = (at: number, len: number) => Array.from({ length: len }, (_, k) => q(at + k));
  const mat = (at: number, rows: number, cols: number) =>
    Array.from({ length: rows }, (_, r) => vec(at + r * cols, cols));
  const hidden = s.experiment === 'sigmoid' ? s.n : s.n2;
  const out: Json = {};
  if (L.W1 >= 0) {
    out.W1 = mat(L.W1, 1, s.n);
    out.b1 = vec(L.b1, 1);
  } else {
    out.alpha = vec(L.alpha, 1);
    out.beta = vec(L.beta, 1);
  }
  out.W2 = mat(L.W2, hidden, 1);
  out.b2 = vec(L.b2, hidden);
  if (L.W3 >= 0) out.W3 = mat(L.W3, s.n, s.n2);
  if (L.b3 >= 0) out.b3 = vec(L.b3, s.n);
  return out;
}
