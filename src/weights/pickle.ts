/**
 * The pickle inside a torch.save file, read without running code, and
 * written for a state_dict.
 *
 * Reading goes through pickleparser (the maintained pure-JS unpickler),
 * configured so that a pickle can name only the globals a PyTorch weights
 * file needs (ALLOWED below): every other global (os.system,
 * builtins.eval, a user's own module class) is refused when the pickle
 * names it, before anything is called. The allowed globals resolve to small
 * functions of ours that build inert records (TensorRef, PyModule, ...);
 * they are created per call and frozen, so a pickle cannot alter them for
 * the next file. Three weaknesses of pickleparser are closed here:
 * - its BufferReader accepts a negative BINBYTES length and steps back,
 *   which can loop forever; HardReader below refuses any backward move, so
 *   each opcode consumes at least one byte and parsing ends;
 * - its uint64 prints a warning to the console for large values;
 *   HardReader throws instead;
 * - with plain-object dictionaries a key '__proto__' would reach the
 *   object's prototype; dictionaries are Maps here.
 * It also reads LONG1 as unsigned; PyTorch writes no negative LONG1 in a
 * weights file, and every number read is range-checked.
 *
 * Writing: no maintained npm library writes pickles, so the few opcodes of
 * a state_dict in protocol 2 are emitted by hand (PickleWriter), the same
 * shape torch.save gives an OrderedDict of tensors.
 */
import { Parser } from 'pickleparser';
import { InputError } from '../errors.js';
import { firstLine } from './file.js';

/** A storage type named by the pickle (torch.FloatStorage, ...). */
export interface StorageType {
  readonly kind: 'storage-type';
  readonly name: string;
}

/** A persistent id ('storage', type, key, location, numel): one zip entry data/<key>. */
export interface StorageRef {
  readonly kind: 'storage';
  readonly type: string;
  readonly key: string;
  readonly numel: number;
}

/** torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...). */
export interface TensorRef {
  readonly kind: 'tensor';
  readonly storage: StorageRef;
  readonly offset: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
}

/** collections.OrderedDict, with the attributes a BUILD gave it (a state_dict's _metadata). */
export class PyOrderedDict extends Map<unknown, unknown> {
  attrs: unknown = undefined;
  __setstate__(state: unknown): void {
    this.attrs = state;
  }
}

/** An instance of an allowed torch.nn module class; its __dict__ arrives through BUILD. */
export class PyModule {
  state: unknown = undefined;
  constructor(readonly className: string) {}
  __setstate__(state: unknown): void {
    this.state = state;
  }
}

/** The module classes a whole nn.Sequential of the deck's layouts pickles. */
const MODULE_CLASSES = [
  'torch.nn.modules.container.Sequential',
  'torch.nn.modules.linear.Linear',
  'torch.nn.modules.activation.ReLU',
  'torch.nn.modules.activation.Sigmoid',
];

/** Every global a weights file may name, for the error message. */
export const ALLOWED = [
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch.<Type>Storage',
  'builtins.set',
  ...MODULE_CLASSES,
];

function isIndex(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function isIndexTuple(x: unknown): x is number[] {
  return Array.isArray(x) && x.length <= 8 && x.every(isIndex);
}

/**
 * A reader for pickleparser that never moves backwards and never reads past
 * the end: every malformed length is an error, not a loop or a warning.
 */
class HardReader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private take(k: number): number {
    if (!Number.isSafeInteger(k) || k < 0) throw new Error(`invalid length ${k}`);
    if (this.pos + k > this.buf.length) throw new Error('truncated pickle');
    const at = this.pos;
    this.pos += k;
    return at;
  }
  byte(): number {
    return this.buf[this.take(1)] as number;
  }
  bytes(k: number): Uint8Array {
    const at = this.take(k);
    return this.buf.subarray(at, at + k);
  }
  uint16(): number {
    return this.view.getUint16(this.take(2), true);
  }
  int32(): number {
    return this.view.getInt32(this.take(4), true);
  }
  uint32(): number {
    return this.view.getUint32(this.take(4), true);
  }
  uint64(): number {
    const at = this.take(8);
    const v = this.view.getUint32(at, true) + this.view.getUint32(at + 4, true) * 2 ** 32;
    if (!Number.isSafeInteger(v)) throw new Error('64-bit length out of range');
    return v;
  }
  float64(): number {
    return this.view.getFloat64(this.take(8), false);
  }
  skip(k: number): void {
    this.take(k);
  }
  string(k: number, encoding: 'ascii' | 'utf-8'): string {
    return new TextDecoder(encoding === 'ascii' ? 'latin1' : 'utf-8').decode(this.bytes(k));
  }
  line(): string {
    const end = this.buf.indexOf(0x0a, this.pos);
    if (end < 0) throw new Error('truncated pickle (no end of line)');
    const s = this.string(end - this.pos, 'ascii');
    this.take(1);
    return s;
  }
  hasNext(): boolean {
    return this.pos < this.buf.length;
  }
}

/**
 * Unpickles a torch.save data.pkl into inert records.
 * @throws InputError (E_WEIGHTS_PICKLE) on a global outside the allow-list or a malformed pickle.
 */
export function unpickle(bytes: Uint8Array, what: string): unknown {
  const fail = (why: string): never => {
    throw new InputError(`${what}: ${why}`, 'E_WEIGHTS_PICKLE');
  };
  // Fresh, frozen handlers per call: a pickle can only build records, never reach these objects' state.
  const rebuildTensor = Object.freeze((...a: unknown[]): TensorRef => {
    const [storage, offset, size, stride] = a;
    const s = storage as StorageRef | undefined;
    if (s?.kind !== 'storage') return fail('_rebuild_tensor_v2 without a storage');
    if (!isIndex(offset) || !isIndexTuple(size) || !isIndexTuple(stride) || size.length !== stride.length)
      return fail('_rebuild_tensor_v2 with a malformed offset, size or stride');
    return { kind: 'tensor', storage: s, offset, size: [...size], stride: [...stride] };
  });
  const rebuildParameter = Object.freeze((...a: unknown[]): TensorRef => {
    const t = a[0] as TensorRef | undefined;
    if (t?.kind !== 'tensor') return fail('_rebuild_parameter without a tensor');
    return t;
  });
  const orderedDict = Object.freeze((...a: unknown[]) => {
    if (a.length > 0) return fail('OrderedDict with arguments');
    return new PyOrderedDict();
  });
  const set = Object.freeze((...a: unknown[]) => {
    const items = a[0] ?? [];
    if (!Array.isArray(items)) return fail('set of a non-list');
    return [...(items as unknown[])];
  });
  const modules = new Map(
    MODULE_CLASSES.map((name) => {
      const cls = class extends PyModule {
        constructor() {
          super(name);
        }
      };
      return [name, Object.freeze(cls)] as const;
    }),
  );
  const resolve = (module: string, name: string): ((...a: unknown[]) => unknown) | object => {
    const full = `${module}.${name}`;
    if (full === 'collections.OrderedDict') return orderedDict;
    if (full === 'torch._utils._rebuild_tensor_v2') return rebuildTensor;
    if (full === 'torch._utils._rebuild_parameter') return rebuildParameter;
    if (full === 'builtins.set' || full === '__builtin__.set') return set;
    if (module === 'torch' && /^[A-Za-z0-9]+Storage$/.test(name))
      return Object.freeze({ kind: 'storage-type', name } satisfies StorageType);
    const cls = modules.get(full);
    if (cls) return cls;
    const hint = module === '__main__' ? '; save the state_dict instead: torch.save(model.state_dict(), path)' : '';
    return fail(
      `the pickle names the global ${full}, outside the allow-list of PyTorch weight files (${ALLOWED.join(', ')}): reading a weights file never runs code${hint}`,
    );
  };
  const parser = new Parser({
    nameResolver: { resolve: resolve as never },
    persistentResolver: {
      resolve: (pid: unknown): StorageRef => {
        const p = pid as unknown[];
        if (!Array.isArray(p) || p.length !== 5 || p[0] !== 'storage')
          return fail('a persistent id other than (storage, type, key, location, numel)');
        const [, type, key, , numel] = p;
        const t = type as StorageType | undefined;
        if (t?.kind !== 'storage-type' || typeof key !== 'string' || !/^[A-Za-z0-9_]+$/.test(key) || !isIndex(numel))
          return fail('a malformed storage id');
        return { kind: 'storage', type: t.name, key, numel };
      },
    },
    extensionResolver: {
      resolve: () => fail('the pickle uses the extension registry, which weights files never use'),
    },
    unpicklingTypeOfDictionary: 'Map',
    unpicklingTypeOfSet: 'array',
  });
  try {
    return parser.read(new HardReader(bytes));
  } catch (e) {
    if (e instanceof InputError) throw e;
    return fail(`malformed pickle (${firstLine(e)})`);
  }
}

/** A metadata value a pickle can carry. */
export type PickleScalar = string | number | boolean;

/** The opcodes of protocol 2 used by PickleWriter. */
const OP = {
  PROTO: 0x80,
  GLOBAL: 0x63, // c
  EMPTY_TUPLE: 0x29, // )
  EMPTY_DICT: 0x7d, // }
  MARK: 0x28, // (
  TUPLE: 0x74, // t
  REDUCE: 0x52, // R
  BUILD: 0x62, // b
  SETITEM: 0x73, // s
  SETITEMS: 0x75, // u
  BINUNICODE: 0x58, // X
  BININT: 0x4a, // J
  LONG1: 0x8a,
  NEWTRUE: 0x88,
  NEWFALSE: 0x89,
  BINPERSID: 0x51, // Q
  STOP: 0x2e, // .
} as const;

/** Appends protocol-2 opcodes. */
class PickleWriter {
  private readonly parts: number[] = [];
  op(code: number): this {
    this.parts.push(code);
    return this;
  }
  global(module: string, name: string): this {
    this.op(OP.GLOBAL);
    for (const c of new TextEncoder().encode(`${module}\n${name}\n`)) this.parts.push(c);
    return this;
  }
  str(s: string): this {
    const b = new TextEncoder().encode(s);
    this.op(OP.BINUNICODE).u32(b.length);
    for (const c of b) this.parts.push(c);
    return this;
  }
  u32(x: number): this {
    this.parts.push(x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff);
    return this;
  }
  int(x: number): this {
    // BININT is a signed 32-bit integer; larger values are written as text by the caller.
    return this.op(OP.BININT).u32(x | 0);
  }
  long(x: bigint): this {
    // LONG1: little-endian two's complement, as few bytes as keep the sign.
    const b: number[] = [];
    let v = x;
    for (;;) {
      const byte = Number(v & 0xffn);
      b.push(byte);
      v >>= 8n;
      if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
    }
    this.op(OP.LONG1).op(b.length);
    for (const c of b) this.parts.push(c);
    return this;
  }
  /**
   * A metadata value. Non-integer numbers (and integers below -2^31) are
   * written as their shortest decimal text: PyTorch's weights-only unpickler (torch.load(...,
   * weights_only=True), the default from torch 2.6) has no BINFLOAT.
   */
  scalar(v: PickleScalar): this {
    if (typeof v === 'boolean') return this.op(v ? OP.NEWTRUE : OP.NEWFALSE);
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= -(2 ** 31)) {
      // pickleparser reads LONG1 as unsigned, so only non-negative values go beyond BININT.
      return v < 2 ** 31 ? this.int(v) : this.long(BigInt(v));
    }
    return this.str(String(v));
  }
  tuple(xs: readonly number[]): this {
    this.op(OP.MARK);
    for (const x of xs) this.int(x);
    return this.op(OP.TUPLE);
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** One float32 tensor of a state_dict to pickle: its storage is zip entry data/<storageKey>. */
export interface PickledTensor {
  key: string;
  shape: readonly number[];
  storageKey: string;
}

/**
 * The data.pkl of torch.save(state_dict) for contiguous float32 tensors:
 * an OrderedDict of _rebuild_tensor_v2(storage, 0, shape, stride, False,
 * OrderedDict()), and, as torch.save does, the dict's _metadata attribute;
 * `stepae` metadata goes in _metadata['stepae'], where load_state_dict
 * never looks (it reads only the entries named after submodules).
 */
export function pickleStateDict(
  tensors: readonly PickledTensor[],
  metadata?: Record<string, PickleScalar>,
): Uint8Array {
  const w = new PickleWriter();
  w.op(OP.PROTO).op(2);
  w.global('collections', 'OrderedDict').op(OP.EMPTY_TUPLE).op(OP.REDUCE);
  w.op(OP.MARK);
  for (const t of tensors) {
    const numel = t.shape.reduce((a, b) => a * b, 1);
    const stride = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
    w.str(t.key);
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.op(OP.MARK);
    w.op(OP.MARK).str('storage').global('torch', 'FloatStorage').str(t.storageKey).str('cpu').int(numel).op(OP.TUPLE);
    w.op(OP.BINPERSID);
    w.int(0).tuple(t.shape).tuple(stride).op(OP.NEWFALSE);
    w.global('collections', 'OrderedDict').op(OP.EMPTY_TUPLE).op(OP.REDUCE);
    w.op(OP.TUPLE).op(OP.REDUCE);
  }
  w.op(OP.SETITEMS);
  w.op(OP.EMPTY_DICT).str('_metadata');
  w.global('collections', 'OrderedDict').op(OP.EMPTY_TUPLE).op(OP.REDUCE);
  if (metadata) {
    w.op(OP.MARK).str('stepae').op(OP.EMPTY_DICT).op(OP.MARK);
    for (const [k, v] of Object.entries(metadata)) w.str(k).scalar(v);
    w.op(OP.SETITEMS).op(OP.SETITEMS);
  }
  w.op(OP.SETITEM).op(OP.BUILD).op(OP.STOP);
  return w.bytes();
}
