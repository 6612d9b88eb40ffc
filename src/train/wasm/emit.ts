/**
 * A minimal WebAssembly binary writer: one memory, imported functions and
 * exported functions, with a stack-machine code builder. Only what the
 * training kernels need (i32, f32, f64 arithmetic, the 128-bit SIMD
 * operations they use, loads and stores, structured control), written from
 * the WebAssembly binary format (https://webassembly.github.io/spec/core/binary/,
 * SIMD opcodes from its 2.0 edition).
 *
 * WebAssembly's f32 operations are IEEE 754 binary32 with round to nearest
 * even and no contraction (no fused multiply-add), so f32.add(a, b) gives
 * the same bits as Math.fround(a + b) on float32 inputs (double rounding is
 * innocuous for + - * / and sqrt: 53 >= 2 * 24 + 2). The f32x4 and f64x2
 * operations are the same IEEE operations lane by lane.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof F64 | typeof V128;

function u32(out: number[], v: number): void {
  let x = v >>> 0;
  do {
    let b = x & 0x7f;
    x >>>= 7;
    if (x !== 0) b |= 0x80;
    out.push(b);
  } while (x !== 0);
}

function s32(out: number[], v: number): void {
  let x = v | 0;
  for (;;) {
    const b = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

function bytesOf(a: Float32Array | Float64Array): number[] {
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

function name(out: number[], s: string): void {
  const b = new TextEncoder().encode(s);
  u32(out, b.length);
  out.push(...b);
}

/** A function body under construction: locals, then instructions pushed in order. */
export class Code {
  readonly bytes: number[] = [];
  private readonly locals: ValType[] = [];

  /** @param params the parameter types (local indices 0..params.length-1). */
  constructor(readonly params: readonly ValType[]) {}

  /** A fresh local of type t; returns its index. */
  local(t: ValType): number {
    this.locals.push(t);
    return this.params.length + this.locals.length - 1;
  }

  /** The local declarations, run-length encoded as the format asks. */
  localDecls(): number[] {
    const groups: [number, ValType][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const out: number[] = [];
    u32(out, groups.length);
    for (const [count, t] of groups) {
      u32(out, count);
      out.push(t);
    }
    return out;
  }

  op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  get(l: number): this {
    this.bytes.push(0x20);
    u32(this.bytes, l);
    return this;
  }
  set(l: number): this {
    this.bytes.push(0x21);
    u32(this.bytes, l);
    return this;
  }
  tee(l: number): this {
    this.bytes.push(0x22);
    u32(this.bytes, l);
    return this;
  }
  i32(v: number): this {
    this.bytes.push(0x41);
    s32(this.bytes, v);
    return this;
  }
  /** f32.const with exactly the bits of Math.fround(v). */
  f32(v: number): this {
    this.bytes.push(0x43, ...bytesOf(Float32Array.of(v)));
    return this;
  }
  f64(v: number): this {
    this.bytes.push(0x44, ...bytesOf(Float64Array.of(v)));
    return this;
  }
  /** f32.load from (address on the stack) + offset bytes. */
  load(offset: number): this {
    this.bytes.push(0x2a, 2);
    u32(this.bytes, offset);
    return this;
  }
  /** f32.store: stack (address, value), at address + offset bytes. */
  store(offset: number): this {
    this.bytes.push(0x38, 2);
    u32(this.bytes, offset);
    return this;
  }
  /** f32.load from a constant byte address. */
  loadAt(address: number): this {
    return this.i32(0).load(address);
  }
  f64load(offset: number): this {
    this.bytes.push(0x2b, 3);
    u32(this.bytes, offset);
    return this;
  }
  f64store(offset: number): this {
    this.bytes.push(0x39, 3);
    u32(this.bytes, offset);
    return this;
  }
  /** A SIMD (0xfd-prefixed) instruction without immediates. */
  simd(code: number): this {
    this.bytes.push(0xfd);
    u32(this.bytes, code);
    return this;
  }
  v128load(offset: number): this {
    this.simd(0).bytes.push(4);
    u32(this.bytes, offset);
    return this;
  }
  v128store(offset: number): this {
    this.simd(11).bytes.push(4);
    u32(this.bytes, offset);
    return this;
  }
  /** A v128 holding four copies of Math.fround(v). */
  f32x4(v: number): this {
    return this.f32(v).simd(SIMD.f32x4Splat);
  }
  /** The same as a v128.const (which V8 materialises without a splat). */
  f32x4const(v: number): this {
    return this.v128const(new Uint8Array(Float32Array.of(v, v, v, v).buffer));
  }
  /** v128.const with these 16 bytes (little-endian lanes). */
  v128const(bytes: Uint8Array): this {
    if (bytes.length !== 16) throw new RangeError('v128.const takes 16 bytes');
    this.simd(12);
    append(this.bytes, Array.from(bytes));
    return this;
  }
  /** A v128 holding four copies of the 32-bit integer v. */
  i32x4const(v: number): this {
    return this.v128const(new Uint8Array(Int32Array.of(v, v, v, v).buffer));
  }
  /** A v128 holding two copies of the float64 v. */
  f64x2(v: number): this {
    return this.v128const(new Uint8Array(Float64Array.of(v, v).buffer));
  }
  /** A v128 holding two copies of the 64-bit integer v. */
  i64x2(v: bigint): this {
    return this.v128const(new Uint8Array(BigInt64Array.of(v, v).buffer));
  }
  /** i8x16.shuffle of the two v128 on the stack: byte k of the result is byte lanes[k] of (first ++ second). */
  shuffle(lanes: readonly number[]): this {
    if (lanes.length !== 16 || lanes.some((l) => !(l >= 0 && l < 32))) throw new RangeError('16 lanes in 0..31');
    this.simd(13);
    append(this.bytes, lanes);
    return this;
  }
  call(index: number): this {
    this.bytes.push(0x10);
    u32(this.bytes, index);
    return this;
  }
  /** memory.fill(dst, 0, len) (bulk memory). */
  zero(dst: number, len: number): this {
    this.i32(dst).i32(0).i32(len);
    this.bytes.push(0xfc);
    u32(this.bytes, 11);
    this.bytes.push(0);
    return this;
  }
  /** A block, empty or yielding one value of type t. */
  block(t?: ValType): this {
    return this.op(0x02, t ?? 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  if(): this {
    return this.op(0x04, 0x40);
  }
  end(): this {
    return this.op(0x0b);
  }
  brIf(depth: number): this {
    this.bytes.push(0x0d);
    u32(this.bytes, depth);
    return this;
  }
  select(): this {
    return this.op(0x1b);
  }
}

/** Opcodes by name (the ones the kernel uses). */
export const OP = {
  return: 0x0f,
  drop: 0x1a,
  i32Eqz: 0x45,
  i32Add: 0x6a,
  i32Shl: 0x74,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32Ne: 0x47,
  f32Eq: 0x5b,
  f32Ne: 0x5c,
  f32Gt: 0x5e,
  f32Neg: 0x8c,
  f32Sqrt: 0x91,
  f32Add: 0x92,
  f32Sub: 0x93,
  f32Mul: 0x94,
  f32Div: 0x95,
  f64Ne: 0x62,
  f64Lt: 0x63,
  f64Gt: 0x64,
  f64Sqrt: 0x9f,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Div: 0xa3,
  i32TruncF64S: 0xaa,
  f32ConvertI32S: 0xb2,
  f32DemoteF64: 0xb6,
  f64ConvertI32S: 0xb7,
  f64PromoteF32: 0xbb,
} as const;

/** SIMD opcodes (after the 0xfd prefix). f32x4 arithmetic is IEEE binary32 per lane, as the scalar ops. */
export const SIMD = {
  f32x4Splat: 0x13,
  f64x2Splat: 0x14,
  i32x4LtS: 0x39,
  f32x4Gt: 0x44,
  f64x2Ne: 0x48,
  f64x2Lt: 0x49,
  f64x2Gt: 0x4a,
  v128And: 0x4e,
  /** andnot(a, b) = a & ~b. */
  v128Andnot: 0x4f,
  /** bitselect(a, b, mask) = (a & mask) | (b & ~mask). */
  v128Bitselect: 0x52,
  /** f32x4.demote_f64x2_zero: the two float64 lanes rounded to float32 lanes 0, 1; lanes 2, 3 are 0. */
  f32x4DemoteF64x2Zero: 0x5e,
  /** f64x2.promote_low_f32x4: float32 lanes 0, 1 widened (exactly) to float64. */
  f64x2PromoteLowF32x4: 0x5f,
  i64x2Shl: 0xcb,
  i64x2Add: 0xce,
  f32x4Neg: 0xe1,
  f32x4Sqrt: 0xe3,
  f32x4Add: 0xe4,
  f32x4Sub: 0xe5,
  f32x4Mul: 0xe6,
  f32x4Div: 0xe7,
  /** pmax(a, b) = a < b ? b : a, per lane (pmax(0, h) is the ReLU, with +0 for h <= 0 and for NaN). */
  f32x4Pmax: 0xeb,
  f64x2Sqrt: 0xef,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
} as const;

export interface ImportFn {
  module: string;
  name: string;
  params: ValType[];
  results: ValType[];
}

export interface ExportFn {
  name: string;
  code: Code;
  results: ValType[];
}

/** Appends without spreading (bodies can exceed the engine's argument limit). */
function append(out: number[], b: readonly number[]): void {
  for (const x of b) out.push(x);
}

function section(out: number[], id: number, body: number[]): void {
  out.push(id);
  u32(out, body.length);
  append(out, body);
}

/**
 * A module with `pages` of 64 KiB memory exported as "memory", the imported
 * functions (indices 0..imports-1) and the exported ones after them.
 */
export function wasmModule(pages: number, imports: ImportFn[], fns: ExportFn[]): Uint8Array {
  const sigs = [
    ...imports.map((f) => [f.params, f.results] as const),
    ...fns.map((f) => [f.code.params, f.results] as const),
  ];
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  u32(types, sigs.length);
  for (const [params, results] of sigs) {
    types.push(0x60);
    u32(types, params.length);
    types.push(...params);
    u32(types, results.length);
    types.push(...results);
  }
  section(out, 1, types);
  const imp: number[] = [];
  u32(imp, imports.length);
  imports.forEach((f, k) => {
    name(imp, f.module);
    name(imp, f.name);
    imp.push(0x00);
    u32(imp, k);
  });
  section(out, 2, imp);
  const funcs: number[] = [];
  u32(funcs, fns.length);
  fns.forEach((_, k) => u32(funcs, imports.length + k));
  section(out, 3, funcs);
  const mem: number[] = [1, 0x00];
  u32(mem, pages);
  section(out, 5, mem);
  const exp: number[] = [];
  u32(exp, fns.length + 1);
  name(exp, 'memory');
  exp.push(0x02, 0);
  fns.forEach((f, k) => {
    name(exp, f.name);
    exp.push(0x00);
    u32(exp, imports.length + k);
  });
  section(out, 7, exp);
  const code: number[] = [];
  u32(code, fns.length);
  for (const f of fns) {
    const decls = f.code.localDecls();
    u32(code, decls.length + f.code.bytes.length + 1);
    append(code, decls);
    append(code, f.code.bytes);
    code.push(0x0b);
  }
  section(out, 10, code);
  return Uint8Array.from(out);
}
