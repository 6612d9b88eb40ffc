/**
 * A network read from a weights file: the deck's layout it has (two-layer
 * or sigmoid one-layer decoder, linear or constrained encoder), n and n2
 * inferred from the shapes, which biases it holds, and every tensor both
 * exactly (the rational its float32/float64 bits denote, or the JSON
 * rational) and rounded to float32. The reader never fits a file to a run:
 * checkCompatible compares a file with a run's ModelSpec and refuses every
 * difference (a nonzero layer-3 bias the run lacks, or the reverse, another
 * n, another experiment) with the reason.
 */
import { linearEncoder } from '../construct/decoder.js';
import { InputError } from '../errors.js';
import type { Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import type { AutoencoderWeights } from '../model/network.js';
import { N_LIMIT } from '../model/steps.js';
import { layoutOf, type ModelSpec } from '../train/model.js';
import { type RoundingChange, roundTensor, toFloat32 } from './float32.js';
import { DEFAULT_KEYS, type KeyMap, TENSOR_NAMES, type TensorName } from './keys.js';
import type { RawTensor, RawWeights, WeightsFormat } from './types.js';

/** One tensor of a network, row-major in its nn.Linear shape. */
export interface NetTensor {
  /** The key it was read from (or is written under). */
  key: string;
  shape: number[];
  dtype: 'float32' | 'float64' | 'rational';
  /** The exact values: the rationals the file's bits denote. */
  exact: Q[];
  /** The values rounded to float32 (equal to exact for a float32 file). */
  f32: Float32Array;
}

/** A network of one of the deck's layouts. */
export interface Network {
  /** two-layer: ReLU(W3 ReLU(W2 z + b2) + b3); one-layer: sigmoid(W2 z + b2). */
  decoder: 'two-layer' | 'one-layer';
  /** linear: z = W1 x + b1; constrained: z(i) = alpha i + beta. */
  encoder: 'linear' | 'constrained';
  n: number;
  /** Layer-2 width (n for the one-layer decoder). */
  n2: number;
  hasB1: boolean;
  hasB2: boolean;
  /** The file holds a layer-3 bias (possibly all zero). */
  hasB3: boolean;
  /** Some entry of the layer-3 bias is nonzero. */
  b3Nonzero: boolean;
  tensors: Partial<Record<TensorName, NetTensor>>;
  /** The file's format; absent for a network built in memory (from parameters or a construction). */
  format?: WeightsFormat;
  metadata: Record<string, string>;
  /** Tensors of the file no name was mapped to (only with explicit keys; with the defaults they are an error). */
  unused: string[];
}

/**
 * The tensor's values exactly and in float32. The exact rationals of a
 * float tensor are made on first use (a getter): reading a large network
 * for training needs only its float32 values, and a BigInt rational per
 * entry costs ~10 us.
 */
function valuesOf(
  t: RawTensor,
  key: string,
  fail: (why: string, code?: string) => never,
): { readonly exact: Q[]; f32: Float32Array; nonzero: boolean } {
  if (t.dtype === 'rational') {
    try {
      return {
        exact: t.rationals,
        f32: roundTensor(key, t.rationals).f32,
        nonzero: t.rationals.some((x) => !x.isZero()),
      };
    } catch (e) {
      return fail((e as Error).message, 'E_WEIGHTS_VALUE');
    }
  }
  const data = t.data;
  const f32 = new Float32Array(data.length);
  data.forEach((x, k) => {
    if (!Number.isFinite(x)) fail(`${key}[${k}] is ${x}; accepted: finite values`, 'E_WEIGHTS_VALUE');
    f32[k] = x; // float64 -> float32: one correct rounding
    if (!Number.isFinite(f32[k] as number)) fail(`${key}[${k}] = ${x} is beyond the float32 range`, 'E_WEIGHTS_VALUE');
  });
  let exact: Q[] | undefined;
  return {
    get exact() {
      // A float32 held in a float64 is exact, so its float64 bits denote the same rational.
      exact ??= Array.from(data, (x) => Q.fromFloat64(x));
      return exact;
    },
    f32,
    nonzero: data.some((x) => x !== 0),
  };
}

function shapeText(s: readonly number[]): string {
  return s.length === 0 ? 'a scalar' : s.join(' x ');
}

/**
 * The network in a file's tensors, with n, n2 and the biases inferred from
 * the shapes.
 * @param keys explicit keys; without them the deck's Sequential keys or stepae's names.
 * @throws InputError (E_WEIGHTS_KEYS, E_WEIGHTS_SHAPE, E_WEIGHTS_VALUE) with the reason.
 */
export function networkFromRaw(
  raw: RawWeights & { invalid?: Map<string, string> },
  what: string,
  keys?: KeyMap,
): Network {
  const fail = (why: string, code = 'E_WEIGHTS_SHAPE'): never => {
    throw new InputError(`${what}: ${why}`, code);
  };
  const fileKeys = [...raw.tensors.keys()];
  const listed = () =>
    fileKeys.length === 0
      ? 'none'
      : fileKeys.slice(0, 12).join(', ') + (fileKeys.length > 12 ? `, ... (${fileKeys.length})` : '');
  const used = new Set<string>();
  const found: Partial<Record<TensorName, { key: string; t: RawTensor }>> = {};
  for (const name of TENSOR_NAMES) {
    const explicit = keys?.[name];
    const candidates = keys ? (explicit === undefined ? [] : [explicit]) : DEFAULT_KEYS[name];
    const present = candidates.filter((k) => raw.tensors.has(k));
    const bad = candidates.find((k) => raw.invalid?.has(k));
    if (present.length === 0 && bad !== undefined) fail(`${bad}: ${raw.invalid?.get(bad)}`, 'E_WEIGHTS_VALUE');
    if (explicit !== undefined && present.length === 0)
      fail(`key ${explicit} (given for ${name}) is not in the file; its tensors: ${listed()}`, 'E_WEIGHTS_KEYS');
    if (present.length > 1)
      fail(`both ${present.join(' and ')} could be ${name}; choose with --keys`, 'E_WEIGHTS_KEYS');
    const key = present[0];
    if (key !== undefined) {
      found[name] = { key, t: raw.tensors.get(key) as RawTensor };
      used.add(key);
    }
  }
  const unused = raw.format === 'json' ? [] : fileKeys.filter((k) => !used.has(k));
  if (!keys && unused.length > 0)
    fail(
      `tensors ${unused.join(', ')} are not part of the deck's layouts (keys 0, 1, 3 of the Sequential, or W1, b1, W2, b2, W3, b3); name the tensors with --keys`,
      'E_WEIGHTS_KEYS',
    );
  if (!found.W2)
    fail(
      `no layer-2 weight (1.weight or W2); the file's tensors: ${listed()}; name them with --keys W1=...,b1=...,W2=...,b2=...,W3=...,b3=...`,
      'E_WEIGHTS_KEYS',
    );
  const linear = found.W1 !== undefined;
  if (linear && (found.alpha || found.beta)) fail('both W1 and alpha/beta: one encoder only', 'E_WEIGHTS_KEYS');
  if (!linear && !(found.alpha && found.beta))
    fail(`no encoder: neither W1 (0.weight) nor alpha and beta; the file's tensors: ${listed()}`, 'E_WEIGHTS_KEYS');
  const json = raw.format === 'json';
  /** The shape as an nn.Linear weight rows x cols; JSON files may give a 1 x k or k x 1 weight as a flat list. */
  const matrixShape = (name: TensorName, rows: number | undefined, cols: number | undefined): [number, number] => {
    const f = found[name] as { key: string; t: RawTensor };
    const s = f.t.shape;
    let r: number;
    let c: number;
    if (s.length === 2) [r, c] = s as [number, number];
    else if (json && s.length === 1 && (rows === 1 || cols === 1))
      [r, c] = rows === 1 ? [1, s[0] as number] : [s[0] as number, 1];
    else return fail(`${f.key} (${name}) is ${shapeText(s)}; accepted: a matrix ${rows ?? 'rows'} x ${cols ?? 'cols'}`);
    if ((rows !== undefined && r !== rows) || (cols !== undefined && c !== cols))
      fail(`${f.key} (${name}) is ${r} x ${c}; accepted: ${rows ?? r} x ${cols ?? c}`);
    return [r, c];
  };
  const vectorShape = (name: TensorName, len: number) => {
    const f = found[name];
    if (!f) return;
    const s = f.t.shape;
    const ok = (s.length === 1 && s[0] === len) || (len === 1 && s.length === 0);
    if (!ok) fail(`${f.key} (${name}) has shape ${shapeText(s)}; accepted: a vector of ${len}`);
  };
  let n: number | undefined;
  if (linear) n = matrixShape('W1', 1, undefined)[1];
  const [h] = matrixShape('W2', undefined, 1);
  const twoLayer = found.W3 !== undefined;
  if (twoLayer) {
    const [r] = matrixShape('W3', n, h);
    n = r;
  } else {
    if (!linear)
      fail('the constrained encoder (alpha, beta) belongs to the two-layer decoder, and there is no W3 (3.weight)');
    if (found.b3) fail('a layer-3 bias without a layer-3 weight (3.weight)', 'E_WEIGHTS_KEYS');
    if (h !== n)
      fail(
        `no layer 3 (3.weight), so this is the sigmoid one-layer decoder, whose W2 must be n x 1 = ${n} x 1; it is ${h} x 1`,
      );
  }
  const dims = n as number;
  if (dims < 1 || dims > N_LIMIT) fail(`n = ${dims}; accepted: 1 <= n <= ${N_LIMIT}`);
  if (h < 1 || h > N_LIMIT) fail(`n2 = ${h}; accepted: 1 <= n2 <= ${N_LIMIT}`);
  vectorShape('b1', 1);
  vectorShape('alpha', 1);
  vectorShape('beta', 1);
  vectorShape('b2', h);
  vectorShape('b3', dims);
  const tensors: Partial<Record<TensorName, NetTensor>> = {};
  let b3Nonzero = false;
  for (const name of TENSOR_NAMES) {
    const f = found[name];
    if (!f) continue;
    const shape =
      name === 'W1'
        ? [1, dims]
        : name === 'W2'
          ? [h, 1]
          : name === 'W3'
            ? [dims, h]
            : f.t.shape.length === 0
              ? [1]
              : [...f.t.shape];
    const v = valuesOf(f.t, f.key, fail);
    if (name === 'b3') b3Nonzero = v.nonzero;
    // A getter, not a spread: spreading would compute the exact values at once.
    tensors[name] = Object.defineProperties({ key: f.key, shape, dtype: f.t.dtype, f32: v.f32 } as NetTensor, {
      exact: { get: () => v.exact, enumerable: true },
    });
  }
  const b3 = tensors.b3;
  return {
    decoder: twoLayer ? 'two-layer' : 'one-layer',
    encoder: linear ? 'linear' : 'constrained',
    n: dims,
    n2: h,
    hasB1: tensors.b1 !== undefined,
    hasB2: tensors.b2 !== undefined,
    hasB3: b3 !== undefined,
    b3Nonzero,
    tensors,
    format: raw.format,
    metadata: raw.metadata,
    unused,
  };
}

/** The experiment a network belongs to by its layout. */
export function experimentOf(net: Network): ModelSpec['experiment'] {
  return net.decoder === 'one-layer' ? 'sigmoid' : net.encoder === 'constrained' ? 'constrained' : 'free';
}

/**
 * A run's ModelSpec taken from a network: its experiment and sizes; b3 from
 * the file's stepae metadata when present (a file stepae wrote for a network
 * without b3 holds b3 = 0 explicitly), else whether the file has a layer-3 bias.
 */
export function specFromNetwork(
  net: Network,
  C: number,
  experiment?: ModelSpec['experiment'],
  b3?: boolean,
): ModelSpec {
  const fromMeta = net.metadata.b3 === 'true' ? true : net.metadata.b3 === 'false' ? false : undefined;
  return {
    experiment: experiment ?? experimentOf(net),
    n: net.n,
    n2: net.decoder === 'one-layer' ? net.n : net.n2,
    b3: net.decoder === 'two-layer' && (b3 ?? fromMeta ?? net.hasB3),
    C,
  };
}

/** True when every entry of the linear encoder's W1 is the same rational. */
function constantW1(net: Network): boolean {
  const w = net.tensors.W1?.exact ?? [];
  return w.every((x) => x.equals(w[0] as Q));
}

/**
 * Refuses a network that is not exactly the run's model: another layout or
 * experiment, another n or n2, a missing bias in layer 1 or 2, or a layer-3
 * bias that is nonzero when the run has none, or absent when it has one.
 * @throws InputError (E_WEIGHTS_LAYOUT, E_WEIGHTS_SHAPE, E_WEIGHTS_B3) with the reason.
 */
export function checkCompatible(spec: ModelSpec, net: Network, what = 'weights'): void {
  const fail = (why: string, code: string): never => {
    throw new InputError(`${what}: ${why}`, code);
  };
  const exp = experimentOf(net);
  if (spec.experiment === 'sigmoid' && net.decoder !== 'one-layer')
    fail(
      'the file holds a two-layer network (it has W3, key 3.weight), the run is the sigmoid one-layer decoder',
      'E_WEIGHTS_LAYOUT',
    );
  if (spec.experiment !== 'sigmoid' && net.decoder === 'one-layer')
    fail(
      `the file holds the sigmoid one-layer decoder (no W3), the run is --experiment ${spec.experiment}`,
      'E_WEIGHTS_LAYOUT',
    );
  if (spec.experiment === 'free' && exp === 'constrained')
    fail('the file holds the constrained encoder (alpha, beta), the run is --experiment free', 'E_WEIGHTS_LAYOUT');
  if (spec.experiment === 'constrained' && net.encoder === 'linear' && !constantW1(net))
    fail(
      'the constrained encoder needs W1 = w 1 (all entries equal), or alpha and beta; the file has another W1',
      'E_WEIGHTS_LAYOUT',
    );
  if (spec.n !== net.n) fail(`the file has n = ${net.n}, the run has n = ${spec.n}`, 'E_WEIGHTS_SHAPE');
  if (spec.experiment !== 'sigmoid' && spec.n2 !== net.n2)
    fail(`the file has n2 = ${net.n2}, the run has n2 = ${spec.n2}`, 'E_WEIGHTS_SHAPE');
  if (net.encoder === 'linear' && !net.hasB1)
    fail('the file has no layer-1 bias (0.bias / b1); stepae trains one', 'E_WEIGHTS_LAYOUT');
  if (!net.hasB2) fail('the file has no layer-2 bias (1.bias / b2); stepae trains one', 'E_WEIGHTS_LAYOUT');
  if (spec.experiment !== 'sigmoid') {
    if (!spec.b3 && net.b3Nonzero) {
      const key = net.tensors.b3?.key ?? 'b3';
      fail(
        `the file has a nonzero layer-3 bias (${key}) but the run has none; add --b3 to train it, or set it to zero in the file`,
        'E_WEIGHTS_B3',
      );
    }
    if (spec.b3 && !net.hasB3)
      fail(
        'the run has a layer-3 bias (--b3) but the file has none (no 3.bias / b3); drop --b3 or add one',
        'E_WEIGHTS_B3',
      );
  }
}

/**
 * The float32 parameter vector of the run's model (train/model.ts layout).
 * The constrained encoder from a linear W1 = w 1: alpha = -C w,
 * beta = b1 - alpha (n + 1), computed exactly then rounded once.
 * @throws InputError when the network is not the run's model (checkCompatible).
 */
export function networkToParams(spec: ModelSpec, net: Network, what = 'weights'): Float32Array {
  checkCompatible(spec, net, what);
  const L = layoutOf(spec);
  const p = new Float32Array(L.size);
  const put = (at: number, name: TensorName) => {
    const t = net.tensors[name];
    if (at >= 0 && t) p.set(t.f32, at);
  };
  if (L.W1 >= 0) {
    put(L.W1, 'W1');
    put(L.b1, 'b1');
  } else if (net.encoder === 'constrained') {
    put(L.alpha, 'alpha');
    put(L.beta, 'beta');
  } else {
    const w = (net.tensors.W1 as NetTensor).exact[0] as Q;
    const b1 = (net.tensors.b1 as NetTensor).exact[0] as Q;
    const alpha = w.mul(Q.fromFloat64(spec.C)).neg();
    p[L.alpha] = toFloat32(alpha);
    p[L.beta] = toFloat32(b1.sub(alpha.mul(Q.int(spec.n + 1))));
  }
  put(L.W2, 'W2');
  put(L.b2, 'b2');
  put(L.W3, 'W3');
  put(L.b3, 'b3');
  return p;
}

function tensor(key: string, shape: number[], f32: Float32Array): NetTensor {
  return { key, shape, dtype: 'float32', exact: Array.from(f32, (x) => Q.fromFloat32(x)), f32 };
}

/** The network of a float32 parameter vector (train/model.ts layout), for writing after a run. */
export function networkFromParams(spec: ModelSpec, p: Float32Array, metadata: Record<string, string> = {}): Network {
  const L = layoutOf(spec);
  if (p.length !== L.size) throw new RangeError(`expected ${L.size} parameters, got ${p.length}`);
  const { n } = spec;
  const sigmoid = spec.experiment === 'sigmoid';
  const h = sigmoid ? n : spec.n2;
  const at = (o: number, len: number) => p.slice(o, o + len);
  const tensors: Partial<Record<TensorName, NetTensor>> = {};
  if (L.W1 >= 0) {
    tensors.W1 = tensor('W1', [1, n], at(L.W1, n));
    tensors.b1 = tensor('b1', [1], at(L.b1, 1));
  } else {
    tensors.alpha = tensor('alpha', [1], at(L.alpha, 1));
    tensors.beta = tensor('beta', [1], at(L.beta, 1));
  }
  tensors.W2 = tensor('W2', [h, 1], at(L.W2, h));
  tensors.b2 = tensor('b2', [h], at(L.b2, h));
  if (L.W3 >= 0) tensors.W3 = tensor('W3', [n, h], at(L.W3, n * h));
  if (L.b3 >= 0) tensors.b3 = tensor('b3', [n], at(L.b3, n));
  return {
    decoder: sigmoid ? 'one-layer' : 'two-layer',
    encoder: L.W1 >= 0 ? 'linear' : 'constrained',
    n,
    n2: h,
    hasB1: L.b1 >= 0,
    hasB2: true,
    hasB3: L.b3 >= 0,
    b3Nonzero: tensors.b3?.exact.some((x) => !x.isZero()) ?? false,
    tensors,
    metadata,
    unused: [],
  };
}

/**
 * The network of exact weights (a construction), rounded to float32: with
 * `round` (the default) the network's exact values become the float32 ones
 * (what a float32 file holds); without, they stay the construction's. Either
 * way `changed` lists every entry the rounding changed.
 * @throws RangeError when an entry is beyond the float32 range.
 */
export function networkFromExact(
  w: { W1: Mat; b1: Q[]; W2: Mat; b2: Q[]; W3?: Mat; b3?: Q[] },
  opts: { round?: boolean; metadata?: Record<string, string> } = {},
): { net: Network; changed: RoundingChange[] } {
  const round = opts.round ?? true;
  const n = w.W1[0]?.length ?? 0;
  const h = w.W2.length;
  const twoLayer = w.W3 !== undefined && w.W3.length > 0;
  const changed: RoundingChange[] = [];
  const make = (name: TensorName, shape: number[], values: Q[]): NetTensor => {
    const r = roundTensor(name, values);
    changed.push(...r.changed);
    return {
      key: name,
      shape,
      dtype: round ? 'float32' : 'rational',
      exact: round ? Array.from(r.f32, (x) => Q.fromFloat32(x)) : values,
      f32: r.f32,
    };
  };
  const tensors: Partial<Record<TensorName, NetTensor>> = {
    W1: make('W1', [1, n], w.W1.flat()),
    b1: make('b1', [1], w.b1.slice(0, 1)),
    W2: make('W2', [h, 1], w.W2.flat()),
    b2: make('b2', [h], w.b2),
  };
  if (twoLayer) tensors.W3 = make('W3', [n, h], (w.W3 as Mat).flat());
  if (twoLayer && w.b3) tensors.b3 = make('b3', [n], w.b3);
  return {
    net: {
      decoder: twoLayer ? 'two-layer' : 'one-layer',
      encoder: 'linear',
      n,
      n2: h,
      hasB1: true,
      hasB2: true,
      hasB3: tensors.b3 !== undefined,
      b3Nonzero: tensors.b3?.exact.some((x) => !x.isZero()) ?? false,
      tensors,
      metadata: opts.metadata ?? {},
      unused: [],
    },
    changed,
  };
}

/**
 * The exact weights of a network, for the exact forward pass
 * (model/network.ts): absent biases are zero; the constrained encoder is
 * the linear encoder W1 = -(alpha/C) 1, b1 = alpha (n + 1) + beta that gives
 * the same codes z(i) = alpha i + beta on X(n, C).
 */
export function exactWeightsOf(net: Network, C: Q): AutoencoderWeights {
  const t = net.tensors;
  const n = net.n;
  const h = net.n2;
  const col = (x: Q[]) => x.map((v) => [v]);
  let W1: Mat;
  let b1: Q[];
  if (net.encoder === 'linear') {
    W1 = [(t.W1 as NetTensor).exact.slice()];
    b1 = t.b1 ? [t.b1.exact[0] as Q] : [Q.ZERO];
  } else {
    ({ W1, b1 } = linearEncoder(n, C, (t.alpha as NetTensor).exact[0] as Q, (t.beta as NetTensor).exact[0] as Q));
  }
  const W2 = col((t.W2 as NetTensor).exact);
  const b2 = t.b2 ? t.b2.exact.slice() : Array.from({ length: h }, () => Q.ZERO);
  const W3 = t.W3 ? Array.from({ length: n }, (_, j) => (t.W3 as NetTensor).exact.slice(j * h, (j + 1) * h)) : [];
  return { W1, b1, W2, b2, W3, ...(t.b3 ? { b3: t.b3.exact.slice() } : {}) };
}
