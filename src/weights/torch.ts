/**
 * PyTorch's torch.save files (.pt, .pth): a zip archive <name>/data.pkl
 * (the pickled object), <name>/data/<key> (one raw little-endian storage
 * each), <name>/version, and from torch 2 on <name>/byteorder. The pickle
 * names storages by persistent ids ('storage', torch.FloatStorage, key,
 * location, numel) and rebuilds each tensor with _rebuild_tensor_v2(storage,
 * offset, size, stride, ...). Read here: a state_dict (an OrderedDict of
 * tensors), a whole pickled module of the deck's layouts (nn.Sequential of
 * Linear, ReLU, Sigmoid), or a checkpoint dict holding one of these under
 * state_dict / model_state_dict / model. Written: a state_dict of float32
 * tensors, as torch.save writes it (see pickleStateDict).
 */
import { InputError } from '../errors.js';
import { pickleStateDict, type PickleScalar, PyModule, PyOrderedDict, type TensorRef, unpickle } from './pickle.js';
import type { RawTensor, RawWeights } from './types.js';
import { isZip, readZip, writeZip } from './zip.js';

const DTYPES: Record<string, { dtype: 'float32' | 'float64'; size: number }> = {
  FloatStorage: { dtype: 'float32', size: 4 },
  DoubleStorage: { dtype: 'float64', size: 8 },
};

/** The pickle's magic number of the legacy (pre-1.6, non-zip) torch.save format, after PROTO 2 and LONG1 10. */
const LEGACY = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

/** Nodes visited at most while collecting tensors (the pickle may share objects many times). */
const MAX_NODES = 100_000;

/** Entries of a Map read through Map.prototype, so that an own property a pickle set cannot intervene. */
function entriesOf(m: Map<unknown, unknown>): [unknown, unknown][] {
  return Array.from(Map.prototype.entries.call(m));
}

function getOf(m: Map<unknown, unknown>, k: string): unknown {
  return Map.prototype.get.call(m, k);
}

function isTensor(x: unknown): x is TensorRef {
  return typeof x === 'object' && x !== null && (x as TensorRef).kind === 'tensor';
}

/** The tensors of the unpickled object, by state_dict key. */
function collect(root: unknown, fail: (why: string) => never): Map<string, TensorRef> {
  const out = new Map<string, TensorRef>();
  let visited = 0;
  const stateDict = (m: Map<unknown, unknown>, prefix: string) => {
    for (const [k, v] of entriesOf(m)) {
      if (++visited > MAX_NODES) fail('too many objects in the pickle');
      if (typeof k !== 'string') fail('a state_dict key that is not a string');
      if (!isTensor(v)) fail(`${prefix}${k} is not a tensor`);
      if (out.has(prefix + k)) fail(`duplicate key ${prefix}${k}`);
      out.set(prefix + k, v as TensorRef);
    }
  };
  const module = (mod: PyModule, prefix: string, depth: number) => {
    if (depth > 16) fail('modules nested too deeply');
    const st = mod.state;
    if (!(st instanceof Map)) fail(`a ${mod.className} without its state`);
    const s = st as Map<unknown, unknown>;
    for (const part of ['_parameters', '_buffers']) {
      const p = getOf(s, part);
      if (p === undefined) continue;
      if (!(p instanceof Map)) fail(`${mod.className}.${part} is not a dict`);
      for (const [k, v] of entriesOf(p as Map<unknown, unknown>)) {
        if (++visited > MAX_NODES) fail('too many objects in the pickle');
        if (v === null) continue; // e.g. Linear(bias=False): bias None
        if (typeof k !== 'string' || !isTensor(v)) fail(`${prefix}${String(k)} is not a tensor`);
        out.set(prefix + (k as string), v as TensorRef);
      }
    }
    const sub = getOf(s, '_modules');
    if (sub === undefined) return;
    if (!(sub instanceof Map)) fail(`${mod.className}._modules is not a dict`);
    for (const [k, v] of entriesOf(sub as Map<unknown, unknown>)) {
      if (++visited > MAX_NODES) fail('too many objects in the pickle');
      if (v === null) continue;
      if (typeof k !== 'string' || !(v instanceof PyModule)) fail(`submodule ${String(k)} is not a module`);
      module(v as PyModule, `${prefix}${k as string}.`, depth + 1);
    }
  };
  if (root instanceof PyModule) {
    module(root, '', 0);
    return out;
  }
  if (!(root instanceof Map)) fail('the pickled object is neither a state_dict nor an nn.Module');
  const r = root as Map<unknown, unknown>;
  const values = entriesOf(r);
  if (values.length > 0 && values.every(([, v]) => isTensor(v))) {
    stateDict(r, '');
    return out;
  }
  for (const key of ['state_dict', 'model_state_dict', 'model']) {
    const v = getOf(r, key);
    if (v instanceof PyModule) {
      module(v, '', 0);
      return out;
    }
    if (v instanceof Map) {
      stateDict(v, '');
      return out;
    }
  }
  if (values.length === 0) fail('the state_dict is empty');
  return fail(
    'the pickled dict is neither a state_dict (tensors only) nor a checkpoint with state_dict, model_state_dict or model',
  );
}

/** The stepae metadata a state_dict may carry in _metadata['stepae']. */
function metadataOf(root: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(root instanceof PyOrderedDict) || !(root.attrs instanceof Map)) return out;
  const md = getOf(root.attrs, '_metadata');
  if (!(md instanceof Map)) return out;
  const st = getOf(md, 'stepae');
  if (!(st instanceof Map)) return out;
  for (const [k, v] of entriesOf(st))
    if (typeof k === 'string' && ['string', 'number', 'boolean'].includes(typeof v)) out[k] = String(v);
  return out;
}

/** True when the bytes look like a legacy (non-zip) torch.save file. */
export function isLegacyTorch(d: Uint8Array): boolean {
  return LEGACY.every((b, k) => d[k] === b);
}

/**
 * The float32/float64 tensors of a torch.save file.
 * @throws InputError on a legacy file, a malformed archive or pickle, another dtype, a non-contiguous or out-of-bounds tensor.
 */
export function readTorch(d: Uint8Array, what: string): RawWeights {
  const fail = (why: string, code = 'E_WEIGHTS_TORCH'): never => {
    throw new InputError(`${what}: ${why}`, code);
  };
  if (!isZip(d)) {
    if (isLegacyTorch(d))
      fail(
        'a legacy torch.save file (before PyTorch 1.6, or _use_new_zipfile_serialization=False); save it again with the default zip format: torch.save(model.state_dict(), path)',
      );
    fail('not a PyTorch zip file (no zip signature); accepted: a file written by torch.save');
  }
  const entries = readZip(d, what);
  const pkls = [...entries.keys()].filter((k) => /^[^/]+\/data\.pkl$/.test(k));
  if (pkls.length !== 1) fail(`expected one <archive>/data.pkl in the zip, found ${pkls.length}`);
  const prefix = (pkls[0] as string).slice(0, -'data.pkl'.length);
  const order = entries.get(`${prefix}byteorder`);
  if (order && new TextDecoder().decode(order) !== 'little')
    fail('big-endian storages are not supported; save on a little-endian machine');
  const root = unpickle(entries.get(pkls[0] as string) as Uint8Array, what);
  const refs = collect(root, (why) => fail(why));
  const tensors = new Map<string, RawTensor>();
  for (const [key, t] of refs) {
    const dt = DTYPES[t.storage.type];
    if (!dt)
      fail(
        `${key} has storage type ${t.storage.type}; accepted: float32 (FloatStorage) or float64 (DoubleStorage): convert with model.float()`,
        'E_WEIGHTS_DTYPE',
      );
    const { dtype, size } = dt as { dtype: 'float32' | 'float64'; size: number };
    const bytes = entries.get(`${prefix}data/${t.storage.key}`);
    if (!bytes) return fail(`${key}: storage ${t.storage.key} is missing from the archive`);
    if (bytes.length !== t.storage.numel * size)
      fail(`${key}: storage ${t.storage.key} holds ${bytes.length} bytes, its id says ${t.storage.numel * size}`);
    const count = t.size.reduce((a, b) => a * b, 1);
    // Contiguous (row-major) strides; a dimension of size 1 may have any stride.
    let expect = 1;
    for (let k = t.size.length - 1; k >= 0; k--) {
      const sz = t.size[k] as number;
      if (sz !== 1 && t.stride[k] !== expect)
        fail(
          `${key} is not contiguous (stride ${t.stride.join(',')}); save tensors made .contiguous()`,
          'E_WEIGHTS_SHAPE',
        );
      expect *= sz;
    }
    if (count > 0 && t.offset + count > t.storage.numel)
      fail(`${key} reaches past its storage (offset ${t.offset} + ${count} > ${t.storage.numel})`);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const data = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const at = (t.offset + k) * size;
      data[k] = size === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true);
    }
    tensors.set(key, { shape: [...t.size], dtype, data });
  }
  return { format: 'pt', tensors, metadata: metadataOf(root) };
}

/**
 * A torch.save file of a state_dict of float32 tensors (shapes as given,
 * contiguous), with stepae metadata in state_dict._metadata['stepae'].
 */
export function writeTorch(
  tensors: readonly { key: string; shape: readonly number[]; data: Float32Array }[],
  metadata?: Record<string, PickleScalar>,
): Uint8Array {
  const pkl = pickleStateDict(
    tensors.map((t, k) => ({ key: t.key, shape: t.shape, storageKey: String(k) })),
    metadata,
  );
  const files: [string, Uint8Array][] = [['archive/data.pkl', pkl]];
  tensors.forEach((t, k) => {
    const b = new Uint8Array(t.data.length * 4);
    const view = new DataView(b.buffer);
    t.data.forEach((x, i) => view.setFloat32(i * 4, x, true));
    files.push([`archive/data/${k}`, b]);
  });
  files.push(['archive/version', new TextEncoder().encode('3\n')]);
  files.push(['archive/byteorder', new TextEncoder().encode('little')]);
  return writeZip(files);
}
