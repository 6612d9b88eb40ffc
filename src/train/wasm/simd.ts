/**
 * The training kernel for four seeds at once: the same model and optimiser,
 * four weight sets and four optimiser states side by side, one seed per f32
 * lane of every v128 value (structure of arrays: parameter k of seed s is
 * lane s of the v128 at byte 16 k of each region). Every instruction is a
 * lane-wise IEEE binary32 (or binary64) operation without fused
 * multiply-add, so each lane computes, bit for bit, what the scalar kernel
 * (./kernel.ts) and the JavaScript reference (`Net.lossAndGrad`, then
 * `makeOptimizer(...).step`) compute for that seed alone: the same
 * operations, each sum in the same order (test/train/wasm.test.ts).
 *
 * The four seeds' ReLU patterns differ, so nothing branches on a value:
 * where the reference skips an inactive unit or a zero gradient, this kernel
 * adds the term anyway, made exactly zero per lane (`f32x4.pmax(0, h)` for
 * the ReLU, `v128.and` with an `f32x4.gt` mask for its derivative). Adding
 * such a +-0 term changes no bit of a sum: every sum here starts at +0, a
 * float32 sum that starts at +0 is never -0 (x + (-x) is +0 under round to
 * nearest), and s + (+-0) = s for s not -0. The products are +-0 because
 * the factors are finite; once a parameter is infinite (a diverged run),
 * 0 * inf is NaN here and skipped there, as in the scalar kernel.
 *
 * The sigmoid decoder's exp64 (../exp.ts) runs in f64x2 lanes, two seeds
 * per instruction: the same float64 operations in the same order, its
 * out-of-range cases (overflow, underflow, NaN) chosen per lane by
 * `v128.bitselect`, and 2^k built from k's bits (exact: the value of
 * exp64's table). Adam's bias corrections depend only on the step count,
 * which the four seeds share: they are computed once per step through the
 * imported Math.pow, as in the scalar kernel, and its float64 square root
 * and division run in f64x2 lanes.
 *
 * Speed: the optimiser's square roots and divisions, and any multiplication
 * with a subnormal operand or result, are the slow instructions (about 2.5x
 * on x86 for a subnormal, per instruction whatever the lane). An optimiser
 * state decays to a subnormal and stays there wherever a seed's gradient is
 * 0 (a dead unit), in about a third of the lanes of the deck's free run, so
 * the optimiser avoids handing subnormals to mul and sqrt where the result
 * is known exactly without them (`decay`, `rmspropDenominator`).
 */
import { layoutOf, type ModelSpec } from '../model.js';
import type { OptimizerName } from '../optim.js';
import { EXP_MAX, EXP_MIN, INV_LN2, LN2_HI, LN2_LO, SHIFTER, TAYLOR } from '../exp.js';
import { Code, F32, F64, I32, OP, SIMD, V128, wasmModule } from './emit.js';
import { cached, SIMD_SUPPORTED, wasmUnsupported } from './kernel.js';

const f = Math.fround;

/** Seeds per kernel: the f32 lanes of a v128. */
export const LANES = 4;

/** Why the SIMD kernel cannot run this model here (undefined: it can). */
export function simdUnsupported(spec: ModelSpec): string | undefined {
  const why = wasmUnsupported(spec);
  if (why) return why;
  if (!SIMD_SUPPORTED) return 'this Node.js has no WebAssembly SIMD';
  return undefined;
}

/** Byte offsets of the memory regions. */
interface Regions {
  /** Parameters, gradient, optimiser state: one v128 per parameter each. */
  P: number;
  G: number;
  S1: number;
  S2: number;
  /** x_ij in all four lanes, 16 bytes per entry, row-major. */
  X: number;
  /** The rows' layer-2 activations a_ik (m x n2) and output gradients du_ij (m x n), kept for the W3 gradient. */
  A: number;
  D: number;
  /** Adam's step count (f64). */
  T: number;
  /** Two float64 for the exp probe. */
  E: number;
  bytes: number;
}

function regions(size: number, m: number, n: number, n2: number): Regions {
  const X = 64 * size;
  const A = X + 16 * m * n;
  const D = A + 16 * m * n2;
  const T = D + 16 * m * n;
  const E = T + 16;
  return { P: 0, G: 16 * size, S1: 32 * size, S2: 48 * size, X, A, D, T, E, bytes: E + 16 };
}

/** Byte lanes moving f32 lanes 2, 3 of the first operand to lanes 0, 1 (for f64x2.promote_low_f32x4). */
const HIGH_HALF = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
/** Byte lanes joining the low halves of two f32x4.demote_f64x2_zero results: [a0, a1, b0, b1]. */
const JOIN_LOW = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

/** The bits of 2^0 minus SHIFTER's bits: added to the bits of x/ln2 + SHIFTER, then shifted by 52, they give 2^k. */
const POW2_FROM_SHIFTED = 1023n - new BigInt64Array(Float64Array.of(SHIFTER).buffer)[0]!;

/**
 * Pushes exp64 (../exp.ts) of the two float64 lanes of the v128 local x.
 * k = x/ln2 + SHIFTER - SHIFTER as there; since x/ln2 + SHIFTER lies in
 * [2^52, 2^53) for |x/ln2| < 2^51, its bits are SHIFTER's bits + k, so
 * (bits + 1023 - SHIFTER's bits) << 52 is the float64 2^k, exactly the
 * table entry exp64 reads (|k| <= 159 in range: a normal power of two).
 * Out-of-range lanes compute garbage that the final selects replace.
 */
function emitExp2(c: Code, x: number, t: readonly number[]): void {
  const [sh, k, r, r2, r4, r8, s0, s1, s2] = t as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const C = TAYLOR;
  c.get(x).f64x2(INV_LN2).simd(SIMD.f64x2Mul).f64x2(SHIFTER).simd(SIMD.f64x2Add).tee(sh);
  c.f64x2(SHIFTER).simd(SIMD.f64x2Sub).set(k);
  c.get(x).get(k).f64x2(LN2_HI).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub);
  c.get(k).f64x2(LN2_LO).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Sub).set(r);
  /** Pushes C[a] + C[a + 1] r. */
  const lin = (a: number) =>
    c
      .f64x2(C[a] as number)
      .f64x2(C[a + 1] as number)
      .get(r)
      .simd(SIMD.f64x2Mul)
      .simd(SIMD.f64x2Add);
  c.get(r).get(r).simd(SIMD.f64x2Mul).tee(r2).get(r2).simd(SIMD.f64x2Mul).tee(r4);
  c.get(r4).simd(SIMD.f64x2Mul).set(r8);
  for (const [s, a] of [
    [s0, 0],
    [s1, 4],
    [s2, 8],
  ] as const) {
    lin(a).get(r2);
    lin(a + 2)
      .simd(SIMD.f64x2Mul)
      .simd(SIMD.f64x2Add)
      .set(s);
  }
  c.get(s0).get(r4).get(s1).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add);
  c.get(r8).get(s2).get(r4);
  lin(12).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add).simd(SIMD.f64x2Mul).simd(SIMD.f64x2Add);
  c.get(sh).i64x2(POW2_FROM_SHIFTED).simd(SIMD.i64x2Add).i32(52).simd(SIMD.i64x2Shl);
  c.simd(SIMD.f64x2Mul);
  // exp64's early exits, per lane: +inf above EXP_MAX, 0 below EXP_MIN, x itself for NaN.
  c.set(r).f64x2(Infinity).get(r).get(x).f64x2(EXP_MAX).simd(SIMD.f64x2Gt).simd(SIMD.v128Bitselect);
  c.set(r).f64x2(0).get(r).get(x).f64x2(EXP_MIN).simd(SIMD.f64x2Lt).simd(SIMD.v128Bitselect);
  c.set(r).get(x).get(r).get(x).get(x).simd(SIMD.f64x2Ne).simd(SIMD.v128Bitselect);
}

/**
 * Pushes op applied to the four f32 lanes of the v128 local v in float64,
 * rounded back to float32: `op` receives a local holding two lanes as
 * float64 and pushes an f64x2 result.
 */
function inFloat64(c: Code, v: number, wide: number, op: (wide: number) => void): void {
  c.get(v).simd(SIMD.f64x2PromoteLowF32x4).set(wide);
  op(wide);
  c.simd(SIMD.f32x4DemoteF64x2Zero);
  c.get(v).get(v).shuffle(HIGH_HALF).simd(SIMD.f64x2PromoteLowF32x4).set(wide);
  op(wide);
  c.simd(SIMD.f32x4DemoteF64x2Zero).shuffle(JOIN_LOW);
}

/**
 * The largest K such that f(a k 2^-149) = k 2^-149 for every k <= K: the
 * subnormals (and 0) that a decay by the float32 factor a leaves unchanged
 * (K = 50 for 0.99, 4 for 0.9, 500 for 0.999; no larger k has the property,
 * test/train/wasm.test.ts). A state that reaches one stays there while its
 * gradient is 0.
 */
export function fixedSubnormals(a: number): number {
  let k = 0;
  while (f(a * (k + 1) * 2 ** -149) === (k + 1) * 2 ** -149) k++;
  return k;
}

/**
 * Pushes f(a s) for the v128 local s (the optimiser state; lanes of either
 * sign), without a subnormal operand in the lanes that a decay leaves as
 * they are: lanes with |s| <= K 2^-149 (`fixedSubnormals(a)`, 0 included)
 * take s itself, which is f(a s) there; the others multiply. `mask` is a
 * scratch local.
 */
function decay(c: Code, s: number, a: number, mask: number): void {
  c.get(s)
    .i32x4const(0x7fffffff)
    .simd(SIMD.v128And)
    .i32x4const(fixedSubnormals(f(a)) + 1)
    .simd(SIMD.i32x4LtS);
  c.set(mask).get(s);
  c.f32x4const(a).get(s).get(mask).simd(SIMD.v128Andnot).simd(SIMD.f32x4Mul);
  c.get(mask).simd(SIMD.v128Bitselect);
}

/**
 * Pushes f(f(sqrt(v)) + eps) for the v128 local v (lanes >= +0 or NaN),
 * PyTorch's RMSProp denominator, with the subnormal lanes of v replaced by
 * +0: for v < 2^-126, f(sqrt(v)) < 2^-63, less than half an ulp of eps
 * (2^-51 for eps = f(1e-8) in [2^-27, 2^-26)), so the sum rounds to eps,
 * which sqrt(0) + eps is too. The square root then never takes a subnormal.
 */
function rmspropDenominator(c: Code, v: number, eps: number, mask: number): void {
  // The sign bit cleared first: x86's default NaN is negative, and a NaN must stay a NaN.
  c.get(v).i32x4const(0x7fffffff).simd(SIMD.v128And).i32x4const(0x00800000).simd(SIMD.i32x4LtS).set(mask);
  c.get(v).get(mask).simd(SIMD.v128Andnot).simd(SIMD.f32x4Sqrt).f32x4const(eps).simd(SIMD.f32x4Add);
}

/**
 * The optimiser's update of parameter k (four seeds) at byte 16 k of each
 * region plus the local `o`: `step` emits what is computed once per step,
 * before the updates. The constants are rounded to float32 as optim.ts
 * rounds them.
 */
function optimiser(
  c: Code,
  name: OptimizerName,
  lr: number,
  R: Regions,
  o: number,
): { step: () => void; update: () => void } {
  const lr32 = f(lr);
  const g = c.local(V128);
  const mask = c.local(V128);
  const load = (region: number) => c.get(o).v128load(region);
  if (name === 'sgd')
    return {
      step: () => {},
      update: () => {
        c.get(o);
        load(R.P).f32x4const(lr32);
        load(R.G).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sub).v128store(R.P);
      },
    };
  if (name === 'rmsprop' || name === 'rmsprop-keras') {
    const keras = name === 'rmsprop-keras';
    const alpha = keras ? 0.9 : 0.99;
    const eps = f(keras ? 1e-7 : 1e-8);
    const s = c.local(V128);
    const v = c.local(V128);
    return {
      step: () => {},
      update: () => {
        load(R.G).set(g);
        load(R.S1).set(s);
        // v = f(f(a v) + f(f(1 - a) f(g g))), as optim.ts.
        c.get(o);
        decay(c, s, alpha, mask);
        c.f32x4const(1 - alpha)
          .get(g)
          .get(g)
          .simd(SIMD.f32x4Mul)
          .simd(SIMD.f32x4Mul)
          .simd(SIMD.f32x4Add);
        c.tee(v).v128store(R.S1);
        c.get(o);
        load(R.P).f32x4const(lr32).get(g).simd(SIMD.f32x4Mul);
        // A subnormal v + eps is normal: Keras' root never takes a subnormal.
        if (keras) c.get(v).f32x4const(eps).simd(SIMD.f32x4Add).simd(SIMD.f32x4Sqrt);
        else rmspropDenominator(c, v, eps, mask);
        c.simd(SIMD.f32x4Div).simd(SIMD.f32x4Sub).v128store(R.P);
      },
    };
  }
  // Adam: the four seeds share the step count t (an f64 in memory), so c1 = 1 - b1^t
  // and c2 = 1 - b2^t are scalars, computed through the imported Math.pow and rounded
  // as optim.ts does; sqrt(b) / sqrt(c2) runs in float64, two lanes at a time.
  const b1 = f(0.9);
  const b2 = f(0.999);
  const eps = f(1e-8);
  const lrc1 = c.local(V128);
  const sc2 = c.local(V128);
  const c1 = c.local(F32);
  const s = c.local(V128);
  const m = c.local(V128);
  const v = c.local(V128);
  const wide = c.local(V128);
  return {
    step: () => {
      c.i32(0).i32(0).f64load(R.T).f64(1).op(OP.f64Add).f64store(R.T);
      c.f64(1).f64(b1).i32(0).f64load(R.T).call(0).op(OP.f64Sub, OP.f32DemoteF64).set(c1);
      c.f32(lr32).get(c1).op(OP.f32Div).simd(SIMD.f32x4Splat).set(lrc1);
      c.f64(1).f64(b2).i32(0).f64load(R.T).call(0).op(OP.f64Sub, OP.f32DemoteF64, OP.f64PromoteF32, OP.f64Sqrt);
      c.simd(SIMD.f64x2Splat).set(sc2);
    },
    update: () => {
      load(R.G).set(g);
      load(R.S1).set(s);
      c.get(o);
      decay(c, s, b1, mask);
      c.f32x4const(f(1 - b1))
        .get(g)
        .simd(SIMD.f32x4Mul)
        .simd(SIMD.f32x4Add)
        .tee(m)
        .v128store(R.S1);
      load(R.S2).set(s);
      c.get(o);
      decay(c, s, b2, mask);
      c.f32x4const(f(1 - b2))
        .get(g)
        .simd(SIMD.f32x4Mul)
        .get(g)
        .simd(SIMD.f32x4Mul)
        .simd(SIMD.f32x4Add);
      c.tee(v).v128store(R.S2);
      c.get(o);
      load(R.P).get(lrc1).get(m);
      inFloat64(c, v, wide, (w) => c.get(w).simd(SIMD.f64x2Sqrt).get(sc2).simd(SIMD.f64x2Div));
      c.f32x4const(eps).simd(SIMD.f32x4Add);
      c.simd(SIMD.f32x4Div).simd(SIMD.f32x4Mul).simd(SIMD.f32x4Sub).v128store(R.P);
    },
  };
}

/** The module's bytes and memory regions for one model and optimiser, four seeds per instruction. */
export function buildSimdKernel(
  spec: ModelSpec,
  optimizer: OptimizerName,
  lr: number,
): { bytes: Uint8Array; R: Regions } {
  const why = simdUnsupported(spec);
  if (why) throw new RangeError(why);
  const L = layoutOf(spec);
  const { n, n2 } = spec;
  const m = n + 1;
  const hidden = spec.experiment === 'sigmoid' ? 0 : n2;
  const R = regions(L.size, m, n, hidden);
  const P = (k: number) => R.P + 16 * k;
  const G = (k: number) => R.G + 16 * k;
  const two = f(2 * f(1 / (n * (n + 1))));

  const c = new Code([I32]);
  const epochs = 0;
  const i = c.local(I32);
  const xr = c.local(I32);
  const ar = c.local(I32);
  const o = c.local(I32);
  const z = c.local(V128);
  const gz = c.local(V128);
  const fi = c.local(V128);
  const tmp = c.local(V128);
  const acc = Array.from({ length: hidden }, () => c.local(V128));
  const a = Array.from({ length: hidden }, () => c.local(V128));
  const du = Array.from({ length: hidden > 0 ? n : 0 }, () => c.local(V128));
  const opt = optimiser(c, optimizer, lr, R, o);
  const param = (k: number) => c.i32(0).v128load(P(k));
  const xAt = (j: number) => c.get(xr).v128load(16 * j);
  const add = () => c.simd(SIMD.f32x4Add);
  const mul = () => c.simd(SIMD.f32x4Mul);
  /** G[k] += (value pushed by `push`), in every lane. */
  const accumulate = (k: number, push: () => void) => {
    c.i32(0).i32(0).v128load(G(k));
    push();
    add().v128store(G(k));
  };
  /** Unit k of layer 2 with gradient g (a local) at its input: G[W2_k] += g z, G[b2_k] += g, gz += g W2_k. */
  const layer2Back = (k: number, g: number) => {
    accumulate(L.W2 + k, () => c.get(g).get(z).simd(SIMD.f32x4Mul));
    accumulate(L.b2 + k, () => c.get(g));
    c.get(gz).get(g);
    param(L.W2 + k);
    mul();
    add().set(gz);
  };

  /** The sigmoid decoder on row i, as kernel.ts: y = 1 / (1 + exp64(-u)), du = 2/(n(n+1)) (y - x) y (1 - y). */
  const sigmoidRow = () => {
    c.f32x4const(0).set(gz);
    const yy = c.local(V128);
    const d = c.local(V128);
    const wide = c.local(V128);
    const t = Array.from({ length: 9 }, () => c.local(V128));
    for (let j = 0; j < n; j++) {
      param(L.W2 + j).get(z);
      mul();
      param(L.b2 + j);
      add().simd(SIMD.f32x4Neg).set(tmp);
      inFloat64(c, tmp, wide, (w) => emitExp2(c, w, t));
      c.set(tmp).f32x4const(1).f32x4const(1).get(tmp);
      add().simd(SIMD.f32x4Div).set(yy);
      c.f32x4const(two).get(yy);
      xAt(j).simd(SIMD.f32x4Sub);
      mul().get(yy);
      mul().f32x4const(1).get(yy).simd(SIMD.f32x4Sub);
      mul().set(d);
      layer2Back(j, d);
    }
  };

  /**
   * The two-layer decoder on row i. Each phase keeps the vector it reuses in locals (a_k for the
   * outputs, du_j for the hidden units) and its running sums on the stack, one output or unit at
   * a time; a and du also go to memory (A, D) for the W3 gradient after the rows. (With every
   * vector of the row live in locals at once, V8 spilled most of them; with all of them in memory,
   * the loads cost more than the spills.)
   */
  const twoLayerRow = () => {
    // Layer 2: a_k = ReLU(W2_k z + b2_k), +0 where h <= 0 (pmax(0, h) = 0 < h ? h : 0).
    for (let k = 0; k < n2; k++) {
      c.get(ar).f32x4const(0);
      param(L.W2 + k).get(z);
      mul();
      param(L.b2 + k);
      add().simd(SIMD.f32x4Pmax);
      c.tee(a[k] as number);
      c.v128store(16 * k);
    }
    // Layer 3: u_j = sum_k W3_jk a_k over k ascending (every k: an inactive unit adds +-0),
    // then du_j = 2/(n(n+1)) (u_j - x_ij) where u_j > 0, else +0 (the mask's and).
    for (let j = 0; j < n; j++) {
      c.get(xr).f32x4const(0);
      for (let k = 0; k < n2; k++) {
        param(L.W3 + j * n2 + k);
        c.get(a[k] as number);
        mul();
        add();
      }
      if (L.b3 >= 0) {
        param(L.b3 + j);
        add();
      }
      c.set(tmp).f32x4const(two).get(tmp);
      xAt(j).simd(SIMD.f32x4Sub);
      mul().get(tmp).f32x4const(0).simd(SIMD.f32x4Gt).simd(SIMD.v128And);
      c.tee(du[j] as number);
      c.v128store(R.D - R.X + 16 * j);
    }
    // Backward through layer 3 to hidden unit k: dh_k = sum_j du_j W3_jk over j ascending, every j
    // (a zero du_j adds +-0); then through layer 2 (ReLU' = 1 where a_k > 0, else +0) to the code.
    // The weight gradients of layer 3 wait for the pass after the rows.
    c.f32x4const(0).set(gz);
    for (let k = 0; k < n2; k++) {
      c.f32x4const(0);
      for (let j = 0; j < n; j++) {
        c.get(du[j] as number);
        param(L.W3 + j * n2 + k);
        mul();
        add();
      }
      c.get(ar)
        .v128load(16 * k)
        .f32x4const(0)
        .simd(SIMD.f32x4Gt)
        .simd(SIMD.v128And)
        .set(tmp);
      layer2Back(k, tmp);
    }
  };

  /**
   * G[W3_jk] = sum_i du_ij a_ik and G[b3_j] = sum_i du_ij, over the rows i ascending from +0
   * (the reference's order), from the a and du the rows stored, each sum in a local: one
   * store per weight instead of a load and a store per row.
   */
  const w3Gradient = () => {
    const d = c.local(V128);
    for (let j = 0; j < n; j++) {
      for (let k = 0; k < n2; k++) c.f32x4const(0).set(acc[k] as number);
      if (L.b3 >= 0) c.f32x4const(0).set(gz);
      c.i32(R.A)
        .set(ar)
        .i32(R.D + 16 * j)
        .set(xr)
        .loop();
      c.get(xr).v128load(0).set(d);
      for (let k = 0; k < n2; k++) {
        c.get(acc[k] as number)
          .get(d)
          .get(ar)
          .v128load(16 * k);
        mul();
        add().set(acc[k] as number);
      }
      if (L.b3 >= 0) {
        c.get(gz).get(d);
        add().set(gz);
      }
      c.get(xr)
        .i32(16 * n)
        .op(OP.i32Add)
        .set(xr);
      c.get(ar)
        .i32(16 * n2)
        .op(OP.i32Add)
        .tee(ar)
        .i32(R.A + 16 * m * n2)
        .op(OP.i32LtU)
        .brIf(0)
        .end();
      for (let k = 0; k < n2; k++)
        c.i32(0)
          .get(acc[k] as number)
          .v128store(G(L.W3 + j * n2 + k));
      if (L.b3 >= 0)
        c.i32(0)
          .get(gz)
          .v128store(G(L.b3 + j));
    }
  };

  c.block().get(epochs).op(OP.i32Eqz).brIf(0).loop();
  // The gradients summed over the rows start at +0; W3's and b3's are stored whole.
  for (let k = 0; k < (hidden > 0 ? L.W3 : L.size); k++) c.i32(0).f32x4const(0).v128store(G(k));
  c.i32(0).set(i).i32(R.X).set(xr).i32(R.A).set(ar).loop();
  // The code z of signal i (the sum starts at +0, as the reference's).
  if (L.W1 >= 0) {
    c.f32x4const(0);
    for (let j = 0; j < n; j++) {
      param(L.W1 + j);
      xAt(j);
      mul();
      add();
    }
    param(L.b1);
    add().set(z);
  } else {
    c.get(i).i32(1).op(OP.i32Add, OP.f32ConvertI32S).simd(SIMD.f32x4Splat).set(fi);
    param(L.alpha).get(fi);
    mul();
    param(L.beta);
    add().set(z);
  }
  if (spec.experiment === 'sigmoid') sigmoidRow();
  else twoLayerRow();
  // The encoder's gradient.
  if (L.W1 >= 0) {
    for (let j = 0; j < n; j++) accumulate(L.W1 + j, () => xAt(j).get(gz).simd(SIMD.f32x4Mul));
    accumulate(L.b1, () => c.get(gz));
  } else {
    accumulate(L.alpha, () => c.get(gz).get(fi).simd(SIMD.f32x4Mul));
    accumulate(L.beta, () => c.get(gz));
  }
  c.get(xr)
    .i32(16 * n)
    .op(OP.i32Add)
    .set(xr);
  if (hidden > 0)
    c.get(ar)
      .i32(16 * n2)
      .op(OP.i32Add)
      .set(ar);
  c.get(i).i32(1).op(OP.i32Add).tee(i).i32(m).op(OP.i32LtU).brIf(0).end();
  if (hidden > 0) w3Gradient();
  // The optimiser, every parameter.
  opt.step();
  c.i32(0).set(o).loop();
  opt.update();
  c.get(o)
    .i32(16)
    .op(OP.i32Add)
    .tee(o)
    .i32(16 * L.size)
    .op(OP.i32LtU)
    .brIf(0)
    .end();
  c.get(epochs).i32(1).op(OP.i32Sub).tee(epochs).brIf(0).end().end();

  // exp64 of the two float64 at E, in place (for tests).
  const probe = new Code([]);
  const px = probe.local(V128);
  const pt = Array.from({ length: 9 }, () => probe.local(V128));
  probe.i32(0).i32(0).v128load(R.E).set(px);
  emitExp2(probe, px, pt);
  probe.v128store(R.E);

  const pages = Math.ceil(R.bytes / 65536);
  const bytes = wasmModule(
    pages,
    [{ module: 'm', name: 'pow', params: [F64, F64], results: [F64] }],
    [
      { name: 'run', code: c, results: [] },
      { name: 'exp', code: probe, results: [] },
    ],
  );
  return { bytes, R };
}

/**
 * One to four seeds' training state inside one WebAssembly instance, one
 * seed per lane: `run` trains them all, `read` copies one seed's parameters
 * out. With fewer than four seeds the spare lanes train a copy of seed 0
 * (finite work whose results are never read).
 */
export class SimdTrainer {
  private readonly runFn: (epochs: number) => void;
  private readonly expFn: () => void;
  private readonly mem: Float32Array;
  private readonly probe: Float64Array;
  private readonly size: number;
  readonly seeds: number;

  /**
   * @param inits each seed's initial parameters (1 to 4 of them, copied in)
   * @param x the targets, (n+1) x n row-major
   * @throws RangeError when `simdUnsupported(spec)` says why, or for 0 or more than 4 seeds
   */
  constructor(spec: ModelSpec, optimizer: OptimizerName, lr: number, inits: readonly Float32Array[], x: Float32Array) {
    if (inits.length < 1 || inits.length > LANES)
      throw new RangeError(`the SIMD kernel trains 1 to ${LANES} seeds, got ${inits.length}`);
    this.size = layoutOf(spec).size;
    for (const p of inits)
      if (p.length !== this.size) throw new RangeError(`expected ${this.size} parameters, got ${p.length}`);
    const { module, R } = cached(JSON.stringify([spec, optimizer, lr]), () => {
      const { bytes, R } = buildSimdKernel(spec, optimizer, lr);
      return { module: new WebAssembly.Module(bytes), R };
    });
    const instance = new WebAssembly.Instance(module, { m: { pow: Math.pow } });
    const memory = instance.exports.memory as WebAssembly.Memory;
    this.runFn = instance.exports.run as (epochs: number) => void;
    this.expFn = instance.exports.exp as () => void;
    this.seeds = inits.length;
    this.mem = new Float32Array(memory.buffer, 0, R.X / 4);
    this.probe = new Float64Array(memory.buffer, R.E, 2);
    for (let s = 0; s < LANES; s++) {
      const p = inits[s] ?? (inits[0] as Float32Array);
      for (let k = 0; k < this.size; k++) this.mem[LANES * k + s] = p[k] as number;
    }
    const X = new Float32Array(memory.buffer, R.X, LANES * x.length);
    for (let q = 0; q < x.length; q++) X.fill(x[q] as number, LANES * q, LANES * q + LANES);
  }

  /** Trains every seed `epochs` full-batch steps (0 <= epochs < 2^31). */
  run(epochs: number): void {
    if (epochs > 0) this.runFn(epochs);
  }

  /** Copies seed s's current parameters into `p`. */
  read(s: number, p: Float32Array): void {
    this.copy(s, 0, p);
  }

  /**
   * Copies seed s's optimiser state into `state` (RMSProp's v, Adam's first
   * moment; `second`: Adam's second moment), for tests.
   */
  readState(s: number, state: Float32Array, second = false): void {
    this.copy(s, (second ? 3 : 2) * this.size, state);
  }

  private copy(s: number, from: number, out: Float32Array): void {
    if (!(Number.isInteger(s) && s >= 0 && s < this.seeds)) throw new RangeError(`seed ${s} of ${this.seeds}`);
    for (let k = 0; k < this.size; k++) out[k] = this.mem[LANES * (from + k) + s] as number;
  }

  /** The kernel's exponential on two float64 lanes (each lane the bits of exp64), for tests. */
  exp(a: number, b: number): [number, number] {
    this.probe[0] = a;
    this.probe[1] = b;
    this.expFn();
    return [this.probe[0] as number, this.probe[1] as number];
  }
}
