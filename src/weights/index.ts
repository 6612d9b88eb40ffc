/**
 * Weights files in and out: PyTorch torch.save (.pt, .pth), safetensors and
 * stepae JSON, read into a shape-checked Network (./network.ts) and written
 * from one as float32 tensors under PyTorch's Sequential keys (JSON: exact
 * rational strings under stepae's names). The format comes from the
 * extension unless given.
 */
import { extname } from 'node:path';
import { UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { readRegularFile } from './file.js';
import { jsonWeightsObject, readJsonWeights, writeJsonWeights } from './json.js';
import { JSON_KEYS, type KeyMap, TENSOR_NAMES, TORCH_KEYS, type TensorName } from './keys.js';
import { type Network, networkFromRaw, type NetTensor } from './network.js';
import { readSafetensors, writeSafetensors } from './safetensors.js';
import { readTorch, writeTorch } from './torch.js';
import { type RawWeights, WEIGHTS_FORMATS, type WeightsFormat } from './types.js';

export * from './float32.js';
export * from './keys.js';
export * from './network.js';
export * from './types.js';
export { MAX_WEIGHTS_BYTES, readRegularFile } from './file.js';

const EXTENSIONS: Record<string, WeightsFormat> = {
  '.pt': 'pt',
  '.pth': 'pt',
  '.safetensors': 'safetensors',
  '.json': 'json',
};

/**
 * The format of a weights file: `explicit` (the CLI's --format) when given, else from the extension.
 * @throws UsageError (E_WEIGHTS_FORMAT) for an unknown extension or format name.
 */
export function formatFromPath(path: string, explicit?: string, what?: string): WeightsFormat {
  const accepted = `accepted: --format ${WEIGHTS_FORMATS.join(' | ')}, or a file name ending in .pt, .pth, .safetensors or .json`;
  if (explicit !== undefined) {
    if (!(WEIGHTS_FORMATS as readonly string[]).includes(explicit))
      throw new UsageError(`--format ${explicit}: unknown format; ${accepted}`, 'E_WEIGHTS_FORMAT');
    return explicit as WeightsFormat;
  }
  const f = EXTENSIONS[extname(path).toLowerCase()];
  if (!f)
    throw new UsageError(
      `${what ? `${what}: ` : ''}${path}: cannot tell the weights format from the name; ${accepted}`,
      'E_WEIGHTS_FORMAT',
    );
  return f;
}

/**
 * The tensors of a weights file in a given format.
 * @throws InputError on any fault of the bytes.
 */
export function parseWeights(bytes: Uint8Array, format: WeightsFormat, what: string): RawWeights {
  if (format === 'pt') return readTorch(bytes, what);
  if (format === 'safetensors') return readSafetensors(bytes, what);
  return readJsonWeights(bytes, what);
}

/** Options of readNetwork. */
export interface ReadOptions {
  /** pt | safetensors | json; default: from the extension. */
  format?: string;
  /** Explicit keys (parseKeys of --keys). */
  keys?: KeyMap;
  /** How the file is named in messages (e.g. '--init'); default 'weights file'. */
  what?: string;
}

/**
 * Reads a network from a weights file: a regular file of at most
 * MAX_WEIGHTS_BYTES, parsed in its format, tensors mapped by keys and
 * shape-checked. Does not compare it with any run (see checkCompatible).
 * @throws UsageError (bad --format / extension) or InputError (the file), each with one line.
 */
export function readNetwork(path: string, opts: ReadOptions = {}): Network {
  const bytes = readRegularFile(path, opts.what ?? 'weights file');
  const format = formatFromPath(path, opts.format, opts.what);
  const what = `${opts.what ?? 'weights file'} ${path}`;
  return networkFromRaw(parseWeights(bytes, format, what), what, opts.keys);
}

/** Metadata written beside the weights: experiment, n, n2, C, lr, optimizer, b3, seed, epochs, ... */
export type WeightsMetadata = Record<string, string | number | boolean | undefined>;

/** The tensors to write: the network's, with b3 = 0 added to a two-layer network that has none. */
function tensorsToWrite(net: Network): [TensorName, NetTensor][] {
  const out: [TensorName, NetTensor][] = [];
  for (const name of TENSOR_NAMES) {
    const t = net.tensors[name];
    if (t) out.push([name, t]);
    else if (name === 'b3' && net.decoder === 'two-layer') out.push([name, zeros('b3', net.n)]);
  }
  return out;
}

function zeros(key: string, len: number): NetTensor {
  const f32 = new Float32Array(len);
  return { key, shape: [len], dtype: 'float32', exact: Array.from(f32, () => Q.ZERO), f32 };
}

function metadataOf(net: Network, metadata: WeightsMetadata): Record<string, string | number | boolean> {
  const md: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(metadata)) if (v !== undefined) md[k] = v;
  if (net.decoder === 'two-layer' && md.b3 === undefined) md.b3 = net.hasB3;
  return md;
}

/** The JSON object of a network's stepae JSON file (what encodeNetwork(net, 'json') writes). */
export function networkJson(net: Network, metadata: WeightsMetadata = {}, keys?: KeyMap): Record<string, unknown> {
  return jsonWeightsObject(
    tensorsToWrite(net).map(([name, t]) => ({ key: keys?.[name] ?? JSON_KEYS[name], shape: t.shape, values: t.exact })),
    metadataOf(net, metadata),
  );
}

/**
 * The bytes of a weights file: .pt and .safetensors hold float32 tensors
 * under PyTorch's Sequential keys (0.weight, 0.bias, 1.weight, 1.bias,
 * 3.weight, 3.bias; alpha, beta for the constrained encoder); JSON holds the
 * exact values as rational strings under W1, b1, ... . A two-layer network
 * without b3 is written with b3 = 0 explicitly, and metadata b3 = false.
 * Metadata: safetensors __metadata__ (as strings), JSON an object
 * `metadata`, .pt the state_dict's _metadata['stepae'] (which
 * load_state_dict ignores: it looks up only submodule names there).
 */
export function encodeNetwork(
  net: Network,
  format: WeightsFormat,
  metadata: WeightsMetadata = {},
  keys?: KeyMap,
): Uint8Array {
  const md = metadataOf(net, metadata);
  if (format === 'json') {
    const list = tensorsToWrite(net).map(([name, t]) => ({
      key: keys?.[name] ?? JSON_KEYS[name],
      shape: t.shape,
      values: t.exact,
    }));
    return writeJsonWeights(list, md);
  }
  const f32 = tensorsToWrite(net).map(([name, t]) => ({
    key: keys?.[name] ?? TORCH_KEYS[name],
    shape: t.shape,
    data: t.f32,
  }));
  if (format === 'safetensors')
    return writeSafetensors(f32, Object.fromEntries(Object.entries(md).map(([k, v]) => [k, String(v)])));
  return writeTorch(f32, md);
}
