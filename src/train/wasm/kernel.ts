/**
 * The training loop compiled to WebAssembly (the two-layer autoencoder and
 * the one-layer sigmoid decoder), specialised to one model shape and
 * optimiser: the loops over outputs j and hidden units k are unrolled, each
 * row's activations live in locals, and parameter addresses are constants. WebAssembly's f32 arithmetic is
 * IEEE binary32, so this kernel computes, bit for bit, what the JavaScript
 * reference (`Net.lossAndGrad` then `makeOptimizer(...).step`, all in
 * Math.fround) computes: same operations, same order of every sum.
 *
 * Where the reference skips a term that is exactly zero (an inactive ReLU,
 * a zero input), the kernel may add it instead: adding +-0 to a float32 sum that
 * started at +0 leaves its bits unchanged, so the two agree on every run
 * whose parameters stay finite. (Once a parameter is infinite, 0 * inf is
 * NaN here and skipped there; such a run has diverged either way.)
 *
 * Per epoch and per row i (the rows are the n+1 signals, summed in order):
 * z, the hidden activations a_k, the outputs and du_j = dL/du_j, then the
 * backward pass accumulating into the gradient region; after the rows,
 * the optimiser updates every parameter.
 */
import { layoutOf, type ModelSpec } from '../model.js';
import type { OptimizerName } from '../optim.js';
import { EXP_MAX, EXP_MIN, INV_LN2, LN2_HI, LN2_LO, POW2, POW2_BIAS, SHIFTER, TAYLOR } from '../exp.js';
import { Code, F32, F64, I32, OP, SIMD, V128, wasmModule } from './emit.js';

const f = Math.fround;

/** Largest n * n2 the unrolled two-layer kernel is generated for (its code grows as n * n2). */
export const WASM_MAX_WEIGHTS = 4096;

/** Whether this engine validates a module using f32x4 (WebAssembly SIMD, in Node.js since 16.4). */
export const SIMD_SUPPORTED: boolean = (() => {
  if (typeof WebAssembly === 'undefined') return false;
  const c = new Code([]);
  c.f32x4(1).simd(SIMD.f32x4Sqrt).op(OP.drop);
  try {
    new WebAssembly.Module(wasmModule(1, [], [{ name: 'probe', code: c, results: [] }]));
    return true;
  } catch {
    return false;
  }
})();

/** Why the kernel cannot run this model (undefined: it can). */
export function wasmUnsupported(spec: ModelSpec): string | undefined {
  if (typeof WebAssembly === 'undefined') return 'this Node.js has no WebAssembly';
  // The unrolled code grows as the decoder's weights: n * n2, or n for the sigmoid decoder.
  if (spec.experiment !== 'sigmoid' && spec.n * spec.n2 > WASM_MAX_WEIGHTS)
    return `n * n2 = ${spec.n * spec.n2} exceeds ${WASM_MAX_WEIGHTS}, the largest unrolled kernel`;
  return undefined;
}

/**
 * The optimiser's update of every parameter, with its constants rounded to
 * float32 exactly as optim.ts rounds them. With `simd`, RMSProp and SGD run
 * four parameters per instruction (f32x4 arithmetic is IEEE binary32 in each
 * lane, so the bits do not change); the padding parameters beyond the last one
 * have g = v = 0 and stay 0.
 */
function optimiserCode(c: Code, name: OptimizerName, lr: number, R: Regions, simd: boolean): void {
  const lr32 = f(lr);
  const o = c.local(I32);
  const vector = simd && name !== 'adam';
  const g = c.local(vector ? V128 : F32);
  const stride = vector ? 16 : 4;
  const loopOver = (body: () => void) => {
    c.i32(0).set(o).loop();
    body();
    c.get(o)
      .i32(stride)
      .op(OP.i32Add)
      .tee(o)
      .i32(4 * R.padded)
      .op(OP.i32LtU)
      .brIf(0)
      .end();
  };
  if (name === 'sgd') {
    loopOver(() => {
      if (vector) c.get(o).get(o).v128load(R.P).f32x4(lr32).get(o).v128load(R.G).simd(SIMD.f32x4Mul);
      else c.get(o).get(o).load(R.P).f32(lr32).get(o).load(R.G).op(OP.f32Mul);
      if (vector) c.simd(SIMD.f32x4Sub).v128store(R.P);
      else c.op(OP.f32Sub).store(R.P);
    });
    return;
  }
  if (name === 'rmsprop' || name === 'rmsprop-keras') {
    const keras = name === 'rmsprop-keras';
    const alpha = keras ? 0.9 : 0.99;
    const a = f(alpha);
    const oneMinus = f(1 - alpha);
    const eps = f(keras ? 1e-7 : 1e-8);
    const v = c.local(vector ? V128 : F32);
    if (vector)
      loopOver(() => {
        c.get(o).v128load(R.G).set(g);
        c.get(o).f32x4(a).get(o).v128load(R.S1).simd(SIMD.f32x4Mul);
        c.f32x4(oneMinus).get(g).get(g).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add);
        c.tee(v).v128store(R.S1);
        c.get(o).get(o).v128load(R.P).f32x4(lr32).get(g).simd(SIMD.f32x4Mul);
        if (keras) c.get(v).f32x4(eps).simd(SIMD.f32x4Add).simd(SIMD.f32x4Sqrt);
        else c.get(v).simd(SIMD.f32x4Sqrt).f32x4(eps).simd(SIMD.f32x4Add);
        c.simd(SIMD.f32x4Div).simd(SIMD.f32x4Sub).v128store(R.P);
      });
    else
      loopOver(() => {
        c.get(o).load(R.G).set(g);
        c.get(o).f32(a).get(o).load(R.S1).op(OP.f32Mul);
        c.f32(oneMinus).get(g).get(g).op(OP.f32Mul, OP.f32Mul, OP.f32Add).tee(v).store(R.S1);
        c.get(o).get(o).load(R.P).f32(lr32).get(g).op(OP.f32Mul);
        if (keras) c.get(v).f32(eps).op(OP.f32Add, OP.f32Sqrt);
        else c.get(v).op(OP.f32Sqrt).f32(eps).op(OP.f32Add);
        c.op(OP.f32Div, OP.f32Sub).store(R.P);
      });
    return;
  }
  // Adam: t counts steps (an f64 in memory); c1 = 1 - b1^t and c2 = 1 - b2^t in
  // float64 through the imported Math.pow, then rounded, as optim.ts does.
  const b1 = f(0.9);
  const b2 = f(0.999);
  const eps = f(1e-8);
  const lrc1 = c.local(F32);
  const sc2 = c.local(F64);
  const m = c.local(F32);
  const v = c.local(F32);
  c.i32(0).i32(0).f64load(R.T).f64(1).op(OP.f64Add).f64store(R.T);
  c.f64(1).f64(b1).i32(0).f64load(R.T).call(0).op(OP.f64Sub, OP.f32DemoteF64);
  c.set(m).f32(lr32).get(m).op(OP.f32Div).set(lrc1);
  c.f64(1).f64(b2).i32(0).f64load(R.T).call(0).op(OP.f64Sub, OP.f32DemoteF64, OP.f64PromoteF32, OP.f64Sqrt);
  c.set(sc2);
  loopOver(() => {
    c.get(o).load(R.G).set(g);
    c.get(o)
      .f32(b1)
      .get(o)
      .load(R.S1)
      .op(OP.f32Mul)
      .f32(f(1 - b1))
      .get(g)
      .op(OP.f32Mul, OP.f32Add);
    c.tee(m).store(R.S1);
    c.get(o)
      .f32(b2)
      .get(o)
      .load(R.S2)
      .op(OP.f32Mul)
      .f32(f(1 - b2))
      .get(g)
      .op(OP.f32Mul)
      .get(g);
    c.op(OP.f32Mul, OP.f32Add).tee(v).store(R.S2);
    c.get(o).get(o).load(R.P).get(lrc1).get(m);
    c.get(v).op(OP.f64PromoteF32, OP.f64Sqrt).get(sc2).op(OP.f64Div, OP.f32DemoteF64).f32(eps).op(OP.f32Add);
    c.op(OP.f32Div, OP.f32Mul, OP.f32Sub).store(R.P);
  });
}

/**
 * exp64 of ../exp.ts as a WebAssembly function f64 -> f64: the same float64
 * operations in the same order, the powers of two read from the table at E.
 */
function expCode(E: number): Code {
  const c = new Code([F64]);
  emitExp(c, 0, E, expLocals(c));
  return c;
}

/** The float64 locals emitExp works in (allocated once per function). */
function expLocals(c: Code): number[] {
  return Array.from({ length: 8 }, () => c.local(F64));
}

/**
 * Pushes exp64(x) for the f64 local x, inline: a block typed f64 whose
 * early exits (overflow, underflow, NaN) carry their results.
 */
function emitExp(c: Code, x: number, E: number, locals: number[]): void {
  const [k, r, r2, r4, r8, s0, s1, s2] = locals as [number, number, number, number, number, number, number, number];
  c.block(F64);
  c.f64(Infinity).get(x).f64(EXP_MAX).op(OP.f64Gt).brIf(0).op(OP.drop);
  c.f64(0).get(x).f64(EXP_MIN).op(OP.f64Lt).brIf(0).op(OP.drop);
  c.get(x).get(x).get(x).op(OP.f64Ne).brIf(0).op(OP.drop);
  c.get(x).f64(INV_LN2).op(OP.f64Mul).f64(SHIFTER).op(OP.f64Add).f64(SHIFTER).op(OP.f64Sub).set(k);
  c.get(x).get(k).f64(LN2_HI).op(OP.f64Mul, OP.f64Sub).get(k).f64(LN2_LO).op(OP.f64Mul, OP.f64Sub).set(r);
  const C = TAYLOR;
  /** Pushes C[a] + C[a + 1] r. */
  const lin = (a: number) =>
    c
      .f64(C[a] as number)
      .f64(C[a + 1] as number)
      .get(r)
      .op(OP.f64Mul, OP.f64Add);
  c.get(r).get(r).op(OP.f64Mul).tee(r2).get(r2).op(OP.f64Mul).tee(r4).get(r4).op(OP.f64Mul).set(r8);
  for (const [s, a] of [
    [s0, 0],
    [s1, 4],
    [s2, 8],
  ] as const) {
    lin(a).get(r2);
    lin(a + 2)
      .op(OP.f64Mul, OP.f64Add)
      .set(s);
  }
  c.get(s0).get(r4).get(s1).op(OP.f64Mul, OP.f64Add);
  c.get(r8).get(s2).get(r4);
  lin(12).op(OP.f64Mul, OP.f64Add, OP.f64Mul, OP.f64Add);
  c.get(k).op(OP.i32TruncF64S).i32(POW2_BIAS).op(OP.i32Add).i32(3).op(OP.i32Shl).f64load(E);
  c.op(OP.f64Mul).end();
}

/** Byte offsets of the memory regions: parameters, gradient, optimiser state, targets, Adam's step. */
interface Regions {
  /** The parameter count rounded up to a multiple of 4 (whole v128 lanes). */
  padded: number;
  P: number;
  G: number;
  S1: number;
  S2: number;
  X: number;
  T: number;
  /** The exact powers of two of exp64 (float64), 2^-POW2_BIAS..2^POW2_BIAS. */
  E: number;
  bytes: number;
}

function regions(size: number, m: number, n: number): Regions {
  const padded = Math.ceil(size / 4) * 4;
  const X = 16 * padded;
  const T = (X + 4 * m * n + 7) & ~7;
  const E = T + 8;
  return { padded, P: 0, G: 4 * padded, S1: 8 * padded, S2: 12 * padded, X, T, E, bytes: E + POW2.byteLength };
}

/** The module's bytes and memory regions for one model and optimiser. */
export function buildKernel(
  spec: ModelSpec,
  optimizer: OptimizerName,
  lr: number,
  simd = SIMD_SUPPORTED,
): { bytes: Uint8Array; R: Regions } {
  const why = wasmUnsupported(spec);
  if (why) throw new RangeError(why);
  const L = layoutOf(spec);
  const { n, n2 } = spec;
  const m = n + 1;
  const R = regions(L.size, m, n);
  const P = (k: number) => R.P + 4 * k;
  const G = (k: number) => R.G + 4 * k;
  const two = f(2 * f(1 / (n * (n + 1))));

  const c = new Code([I32]);
  const epochs = 0;
  const i = c.local(I32);
  const xr = c.local(I32);
  const z = c.local(F32);
  const gz = c.local(F32);
  const fi = c.local(F32);
  const tmp = c.local(F32);
  const hidden = spec.experiment === 'sigmoid' ? 0 : n2;
  const a = Array.from({ length: hidden }, () => c.local(F32));
  const dh = Array.from({ length: hidden }, () => c.local(F32));
  const du = Array.from({ length: hidden > 0 ? n : 0 }, () => c.local(F32));
  /** G[k] += (value pushed by `push`). */
  const accumulate = (k: number, push: () => void) => {
    c.i32(0).i32(0).load(G(k));
    push();
    c.op(OP.f32Add).store(G(k));
  };
  /** Unit k of layer 2 with gradient g (a local) at its input: G[W2_k] += g z, G[b2_k] += g, gz += g W2_k. */
  const layer2Back = (k: number, g: number) => {
    accumulate(L.W2 + k, () => c.get(g).get(z).op(OP.f32Mul));
    accumulate(L.b2 + k, () => c.get(g));
    c.get(gz)
      .get(g)
      .loadAt(P(L.W2 + k))
      .op(OP.f32Mul, OP.f32Add)
      .set(gz);
  };
  const relu = (local: number) => c.tee(tmp).f32(0).get(tmp).f32(0).op(OP.f32Gt).select().set(local);

  /**
   * The sigmoid decoder on row i, forward and backward per output j:
   * y = 1 / (1 + exp(-u)) with exp64 (../exp.ts) on the float64 of -u,
   * rounded, as model.ts computes it; du = 2/(n(n+1)) (y - x) y (1 - y).
   */
  const sigmoidRow = () => {
    c.f32(0).set(gz);
    const yy = c.local(F32);
    const d = c.local(F32);
    const ex = c.local(F64);
    const exl = expLocals(c);
    for (let j = 0; j < n; j++) {
      c.loadAt(P(L.W2 + j))
        .get(z)
        .op(OP.f32Mul)
        .loadAt(P(L.b2 + j))
        .op(OP.f32Add);
      c.op(OP.f32Neg, OP.f64PromoteF32).set(ex);
      emitExp(c, ex, R.E, exl);
      c.op(OP.f32DemoteF64);
      c.set(tmp).f32(1).f32(1).get(tmp).op(OP.f32Add, OP.f32Div).set(yy);
      c.f32(two)
        .get(yy)
        .get(xr)
        .load(4 * j)
        .op(OP.f32Sub, OP.f32Mul)
        .get(yy)
        .op(OP.f32Mul);
      c.f32(1).get(yy).op(OP.f32Sub, OP.f32Mul).set(d);
      layer2Back(j, d);
    }
  };

  c.block().get(epochs).op(OP.i32Eqz).brIf(0).loop();
  c.zero(R.G, 4 * R.padded);
  c.i32(0).set(i).i32(R.X).set(xr).loop();
  // The code z of signal i.
  if (L.W1 >= 0) {
    c.f32(0);
    for (let j = 0; j < n; j++)
      c.loadAt(P(L.W1 + j))
        .get(xr)
        .load(4 * j)
        .op(OP.f32Mul, OP.f32Add);
    c.loadAt(P(L.b1)).op(OP.f32Add).set(z);
  } else {
    c.get(i).i32(1).op(OP.i32Add, OP.f32ConvertI32S).set(fi);
    c.loadAt(P(L.alpha)).get(fi).op(OP.f32Mul).loadAt(P(L.beta)).op(OP.f32Add).set(z);
  }
  if (spec.experiment === 'sigmoid') sigmoidRow();
  else {
    // Layer 2: a_k = ReLU(W2_k z + b2_k).
    for (let k = 0; k < n2; k++) {
      c.loadAt(P(L.W2 + k))
        .get(z)
        .op(OP.f32Mul)
        .loadAt(P(L.b2 + k))
        .op(OP.f32Add);
      relu(a[k] as number);
    }
    // Layer 3 and the loss gradient: u_j = sum_k W3_jk a_k (+ b3_j); du_j = 2/(n(n+1)) (u_j - x_ij) where u_j > 0.
    // k outer, so that an inactive unit (a_k = 0, adding +-0 to every u_j) is skipped by one branch;
    // each u_j still sums over k ascending.
    for (let j = 0; j < n; j++) c.f32(0).set(du[j] as number);
    for (let k = 0; k < n2; k++) {
      const ak = a[k] as number;
      c.get(ak).f32(0).op(OP.f32Gt).if();
      for (let j = 0; j < n; j++) {
        const uj = du[j] as number;
        c.get(uj)
          .loadAt(P(L.W3 + j * n2 + k))
          .get(ak)
          .op(OP.f32Mul, OP.f32Add)
          .set(uj);
      }
      c.end();
    }
    for (let j = 0; j < n; j++) {
      c.get(du[j] as number);
      if (L.b3 >= 0) c.loadAt(P(L.b3 + j)).op(OP.f32Add);
      c.set(tmp)
        .f32(two)
        .get(tmp)
        .get(xr)
        .load(4 * j)
        .op(OP.f32Sub, OP.f32Mul);
      c.f32(0)
        .get(tmp)
        .f32(0)
        .op(OP.f32Gt)
        .select()
        .set(du[j] as number);
    }
    // Backward through layer 3.
    for (let k = 0; k < n2; k++) c.f32(0).set(dh[k] as number);
    for (let j = 0; j < n; j++) {
      const d = du[j] as number;
      c.get(d).f32(0).op(OP.f32Ne).if();
      for (let k = 0; k < n2; k++) {
        const w = L.W3 + j * n2 + k;
        accumulate(w, () =>
          c
            .get(d)
            .get(a[k] as number)
            .op(OP.f32Mul),
        );
        c.get(dh[k] as number)
          .get(d)
          .loadAt(P(w))
          .op(OP.f32Mul, OP.f32Add)
          .set(dh[k] as number);
      }
      if (L.b3 >= 0) accumulate(L.b3 + j, () => c.get(d));
      c.end();
    }
    // Backward through layer 2 (ReLU' = 1 where a_k > 0) to the code.
    c.f32(0).set(gz);
    for (let k = 0; k < n2; k++) {
      c.get(dh[k] as number)
        .f32(0)
        .get(a[k] as number)
        .f32(0)
        .op(OP.f32Gt)
        .select()
        .set(tmp);
      layer2Back(k, tmp);
    }
  }
  // The encoder's gradient.
  if (L.W1 >= 0) {
    for (let j = 0; j < n; j++)
      accumulate(L.W1 + j, () =>
        c
          .get(gz)
          .get(xr)
          .load(4 * j)
          .op(OP.f32Mul),
      );
    accumulate(L.b1, () => c.get(gz));
  } else {
    accumulate(L.alpha, () => c.get(gz).get(fi).op(OP.f32Mul));
    accumulate(L.beta, () => c.get(gz));
  }
  c.get(xr)
    .i32(4 * n)
    .op(OP.i32Add)
    .set(xr);
  c.get(i).i32(1).op(OP.i32Add).tee(i).i32(m).op(OP.i32LtU).brIf(0).end();
  optimiserCode(c, optimizer, lr, R, simd);
  c.get(epochs).i32(1).op(OP.i32Sub).tee(epochs).brIf(0).end().end();

  const pages = Math.ceil(R.bytes / 65536);
  const bytes = wasmModule(
    pages,
    [{ module: 'm', name: 'pow', params: [F64, F64], results: [F64] }],
    [
      { name: 'run', code: c, results: [] },
      { name: 'exp', code: expCode(R.E), results: [F64] },
    ],
  );
  return { bytes, R };
}

/** The compiled modules last used, by key (at most CACHED of them). */
const modules = new Map<string, unknown>();
const CACHED = 16;

/**
 * The compiled module for `key`, built by `make` the first time. A module
 * is generated and compiled once per thread and model: V8 first runs a
 * module's functions in its baseline compiler and swaps in optimised code
 * after a while (about 3 times faster here, measured), and that code
 * belongs to the module, so each further instance (the next seeds of a
 * run) starts at full speed instead of paying generation (about 10 ms) and
 * the baseline phase again.
 */
export function cached<T>(key: string, make: () => T): T {
  const hit = modules.get(key) as T | undefined;
  if (hit !== undefined) {
    modules.delete(key);
    modules.set(key, hit);
    return hit;
  }
  const made = make();
  modules.set(key, made);
  if (modules.size > CACHED) modules.delete(modules.keys().next().value as string);
  return made;
}

/**
 * A model's training state inside a WebAssembly instance: parameters,
 * optimiser state and targets live in its memory; `run` trains.
 */
export class WasmTrainer {
  private readonly runFn: (epochs: number) => void;
  private readonly params: Float32Array;
  /** The kernel's exponential (the same bits as exp64), exported for tests. */
  readonly exp: (x: number) => number;

  /**
   * @param p initial parameters (copied in)
   * @param x the targets, (n+1) x n row-major
   * @throws RangeError when `wasmUnsupported(spec)` says why
   */
  constructor(
    spec: ModelSpec,
    optimizer: OptimizerName,
    lr: number,
    p: Float32Array,
    x: Float32Array,
    simd = SIMD_SUPPORTED,
  ) {
    const { module, R } = cached(JSON.stringify(['scalar', spec, optimizer, lr, simd]), () => {
      const { bytes, R } = buildKernel(spec, optimizer, lr, simd);
      return { module: new WebAssembly.Module(bytes), R };
    });
    const instance = new WebAssembly.Instance(module, { m: { pow: Math.pow } });
    const memory = instance.exports.memory as WebAssembly.Memory;
    this.runFn = instance.exports.run as (epochs: number) => void;
    this.exp = instance.exports.exp as (x: number) => number;
    this.params = new Float32Array(memory.buffer, R.P, p.length);
    this.params.set(p);
    new Float32Array(memory.buffer, R.X, x.length).set(x);
    new Float64Array(memory.buffer, R.E, POW2.length).set(POW2);
  }

  /** Trains `epochs` full-batch steps (0 <= epochs < 2^31). */
  run(epochs: number): void {
    if (epochs > 0) this.runFn(epochs);
  }

  /** Copies the current parameters into `p`. */
  read(p: Float32Array): void {
    p.set(this.params);
  }
}
