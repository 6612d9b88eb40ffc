/**
 * The deck's networks in IEEE float32: every value lives in a Float32Array
 * and every arithmetic result is rounded with Math.fround, so a run computes
 * what float32 hardware computes, up to the order of summation. Differences
 * from PyTorch: sums are accumulated left to right (PyTorch's kernels may
 * block or use FMA), and exp is exp64 (./exp.ts), a float64 exponential
 * within an ulp or so of Math.exp, rounded to float32: the correctly rounded
 * float32 e^x except within ~1e-15 of a rounding boundary.
 *
 * Parameters are one flat Float32Array; `layout` gives each tensor's offset,
 * in nn.Linear shapes (weight out x in, row-major).
 */
import { Rng } from '../random.js';
import { exp64 } from './exp.js';

const f = Math.fround;

export type Experiment = 'sigmoid' | 'constrained' | 'free';

/** Model shape: n inputs, n2 hidden units (two-layer), bias in layer 3 or not. */
export interface ModelSpec {
  experiment: Experiment;
  n: number;
  n2: number;
  b3: boolean;
  /** Amplitude of the targets. */
  C: number;
}

/** Offsets of each tensor in the flat parameter vector (-1: absent). */
export interface Layout {
  W1: number;
  b1: number;
  alpha: number;
  beta: number;
  W2: number;
  b2: number;
  W3: number;
  b3: number;
  size: number;
}

export function layoutOf(s: ModelSpec): Layout {
  let k = 0;
  const take = (len: number) => {
    const at = k;
    k += len;
    return at;
  };
  const constrained = s.experiment === 'constrained';
  const hidden = s.experiment === 'sigmoid' ? s.n : s.n2;
  const L: Layout = {
    W1: constrained ? -1 : take(s.n),
    b1: constrained ? -1 : take(1),
    alpha: constrained ? take(1) : -1,
    beta: constrained ? take(1) : -1,
    W2: take(hidden),
    b2: take(hidden),
    W3: s.experiment === 'sigmoid' ? -1 : take(s.n * s.n2),
    b3: s.experiment !== 'sigmoid' && s.b3 ? take(s.n) : -1,
    size: 0,
  };
  L.size = k;
  return L;
}

/** How the initial weights are drawn (`initParams`). */
export type InitScheme = 'torch' | 'keras-glorot';
export const INIT_SCHEMES: readonly InitScheme[] = ['torch', 'keras-glorot'];

/**
 * Initial parameters drawn from a seeded generator. Every drawn value is
 * (2u - 1) * bound with u = rng.next() (uniform in [0, 1), 32 random bits),
 * computed in float64 and rounded to float32: uniform in [-bound, bound).
 * The draws are made in layout order (W1, b1 or alpha, beta; W2, b2; W3;
 * b3), each weight matrix row-major in nn.Linear's out x in shape. The
 * layers are nn.Linear(n, 1), nn.Linear(1, hidden) and nn.Linear(n2, n), so
 * the fans are (in, out) = (n, 1), (1, hidden), (n2, n).
 *
 * - `torch` (the default; PyTorch's nn.Linear: kaiming_uniform with
 *   a = sqrt 5 on the weight, and its bias rule): weights and biases with
 *   bound 1/sqrt(fan_in). The constrained encoder's alpha and beta, which
 *   are not a Linear layer, with bound 1.
 * - `keras-glorot` (Keras Dense's defaults: glorot_uniform kernel, zeros
 *   bias): weights with bound sqrt(6 / (fan_in + fan_out)), biases exactly
 *   0 (no draw). alpha as the kernel of a Dense(1, 1) (bound sqrt 3), beta
 *   as its bias (0).
 *
 * The generator is stepae's own (src/random.ts), not PyTorch's or
 * TensorFlow's: the distributions are theirs, the values are not.
 */
export function initParams(s: ModelSpec, L: Layout, rng: Rng, scheme: InitScheme = 'torch'): Float32Array {
  const p = new Float32Array(L.size);
  const draw = (at: number, len: number, bound: number) => {
    for (let k = 0; k < len; k++) p[at + k] = (2 * rng.next() - 1) * bound;
  };
  const keras = scheme === 'keras-glorot';
  /** A Linear layer's weight (len values) then its bias (bias values, at `bias`; -1: none). */
  const linear = (at: number, len: number, bias: number, biasLen: number, fanIn: number, fanOut: number) => {
    draw(at, len, keras ? Math.sqrt(6 / (fanIn + fanOut)) : 1 / Math.sqrt(fanIn));
    // Keras' zeros bias needs no draw: the Float32Array is already 0.
    if (bias >= 0 && !keras) draw(bias, biasLen, 1 / Math.sqrt(fanIn));
  };
  const hidden = s.experiment === 'sigmoid' ? s.n : s.n2;
  if (L.W1 >= 0) linear(L.W1, s.n, L.b1, 1, s.n, 1);
  else if (keras) linear(L.alpha, 1, L.beta, 1, 1, 1);
  else {
    // The constrained encoder's alpha, beta: uniform in +-1.
    draw(L.alpha, 1, 1);
    draw(L.beta, 1, 1);
  }
  linear(L.W2, hidden, L.b2, hidden, 1, hidden);
  if (L.W3 >= 0) linear(L.W3, s.n * s.n2, L.b3, s.n, s.n2, s.n);
  return p;
}

/** The n+1 step functions in float32, rows i = 1..n+1. */
export function targets(n: number, C: number): Float32Array {
  const x = new Float32Array((n + 1) * n);
  for (let i = 0; i < n + 1; i++) for (let j = 0; j < n; j++) x[i * n + j] = j >= i ? C : 0;
  return x;
}

/** Scratch buffers for one model, allocated once. */
export interface Workspace {
  z: Float32Array; // m
  h: Float32Array; // m x hidden (pre-activation of layer 2)
  a: Float32Array; // m x hidden
  u: Float32Array; // m x n (pre-activation of the output)
  y: Float32Array; // m x n
  dy: Float32Array;
  dh: Float32Array;
  dz: Float32Array;
}

export function workspace(s: ModelSpec): Workspace {
  const m = s.n + 1;
  const hidden = s.experiment === 'sigmoid' ? s.n : s.n2;
  return {
    z: new Float32Array(m),
    h: new Float32Array(m * hidden),
    a: new Float32Array(m * hidden),
    u: new Float32Array(m * s.n),
    y: new Float32Array(m * s.n),
    dy: new Float32Array(m * s.n),
    dh: new Float32Array(m * hidden),
    dz: new Float32Array(m),
  };
}

/**
 * A network bound to its parameter and gradient vectors, with views on each
 * tensor hoisted once (the hot loops index plain typed arrays).
 */
export class Net {
  readonly L: Layout;
  readonly g: Float32Array;
  private readonly w: Workspace;
  private readonly W1: Float32Array;
  private readonly W2: Float32Array;
  private readonly b2: Float32Array;
  private readonly W3: Float32Array;
  private readonly b3: Float32Array;
  private readonly gW1: Float32Array;
  private readonly gW2: Float32Array;
  private readonly gb2: Float32Array;
  private readonly gW3: Float32Array;
  private readonly gb3: Float32Array;
  /** Per row, the hidden units with h > 0 (ReLU on): a zero activation adds exactly 0 to a float32 sum, so skipping it changes no bit. */
  private readonly active: Int32Array;
  private readonly activeCount: Int32Array;

  constructor(
    readonly s: ModelSpec,
    readonly p: Float32Array,
  ) {
    this.L = layoutOf(s);
    if (p.length !== this.L.size) throw new RangeError(`expected ${this.L.size} parameters, got ${p.length}`);
    this.g = new Float32Array(this.L.size);
    this.w = workspace(s);
    const L = this.L;
    const hidden = s.experiment === 'sigmoid' ? s.n : s.n2;
    const view = (a: Float32Array, at: number, len: number) =>
      at >= 0 ? a.subarray(at, at + len) : new Float32Array(0);
    this.W1 = view(p, L.W1, s.n);
    this.W2 = view(p, L.W2, hidden);
    this.b2 = view(p, L.b2, hidden);
    this.W3 = view(p, L.W3, s.n * s.n2);
    this.b3 = view(p, L.b3, s.n);
    this.gW1 = view(this.g, L.W1, s.n);
    this.gW2 = view(this.g, L.W2, hidden);
    this.gb2 = view(this.g, L.b2, hidden);
    this.gW3 = view(this.g, L.W3, s.n * s.n2);
    this.gb3 = view(this.g, L.b3, s.n);
    this.active = new Int32Array((s.n + 1) * Math.max(s.n2, 1));
    this.activeCount = new Int32Array(s.n + 1);
  }

  /** The codes, outputs and layer-2 activations of the last call (views into the workspace). */
  get state(): { z: Float32Array; y: Float32Array; a: Float32Array; h: Float32Array } {
    return { z: this.w.z, y: this.w.y, a: this.w.a, h: this.w.h };
  }

  /**
   * Forward pass on all n+1 signals and the slide's MSE; with `withGrad`,
   * its gradient into this.g by backpropagation, all in float32. With
   * `wantLoss` false the loss is not summed (NaN is returned): training
   * steps need only the gradient.
   */
  lossAndGrad(x: Float32Array, withGrad = true, wantLoss = true): number {
    const s = this.s;
    const n = s.n;
    const m = n + 1;
    const L = this.L;
    const p = this.p;
    const { z, y, dy, dz } = this.w;
    const { W1, W2, b2 } = this;
    if (L.W1 >= 0) {
      const b1 = p[L.b1] as number;
      // z_i = sum_j W1_j x_ij, j ascending for every i, the m sums interleaved.
      z.fill(0);
      // Zero inputs add exactly 0 to a float32 sum: skipping them changes no bit, and
      // half of every step function is 0.
      for (let j = 0; j < n; j++) {
        const wj = W1[j] as number;
        for (let i = 0; i < m; i++) {
          const xv = x[i * n + j] as number;
          if (xv !== 0) z[i] = f((z[i] as number) + f(wj * xv));
        }
      }
      for (let i = 0; i < m; i++) z[i] = f((z[i] as number) + b1);
    } else {
      const al = p[L.alpha] as number;
      const be = p[L.beta] as number;
      for (let i = 0; i < m; i++) z[i] = f(f(al * (i + 1)) + be);
    }
    const inv = f(1 / (n * (n + 1)));
    const two = f(2 * inv);
    let loss = 0;
    const g = this.g;
    if (s.experiment === 'sigmoid') {
      for (let i = 0; i < m; i++) {
        const zi = z[i] as number;
        for (let j = 0; j < n; j++) {
          const uu = f(f((W2[j] as number) * zi) + (b2[j] as number));
          const yy = f(1 / f(1 + f(exp64(-uu))));
          y[i * n + j] = yy;
          const e = f(yy - (x[i * n + j] as number));
          loss = f(loss + f(e * e));
          dy[i * n + j] = e;
        }
      }
      loss = f(loss * inv);
      if (!withGrad) return loss;
      g.fill(0);
      const { gW2, gb2 } = this;
      for (let i = 0; i < m; i++) {
        let gz = 0;
        const zi = z[i] as number;
        for (let j = 0; j < n; j++) {
          const yy = y[i * n + j] as number;
          const du = f(f(f(two * (dy[i * n + j] as number)) * yy) * f(1 - yy));
          gW2[j] = f((gW2[j] as number) + f(du * zi));
          gb2[j] = f((gb2[j] as number) + du);
          gz = f(gz + f(du * (W2[j] as number)));
        }
        dz[i] = gz;
      }
    } else {
      loss = this.twoLayer(x, withGrad, wantLoss, two, inv);
      if (!withGrad) return loss;
    }
    if (L.W1 >= 0) {
      const gW1 = this.gW1;
      let gb1 = 0;
      for (let i = 0; i < m; i++) {
        const gi = dz[i] as number;
        const xi = i * n;
        for (let j = 0; j < n; j++) {
          const xv = x[xi + j] as number;
          if (xv !== 0) gW1[j] = f((gW1[j] as number) + f(gi * xv));
        }
        gb1 = f(gb1 + gi);
      }
      g[L.b1] = gb1;
    } else {
      let ga = 0;
      let gb = 0;
      for (let i = 0; i < m; i++) {
        const gi = dz[i] as number;
        ga = f(ga + f(gi * (i + 1)));
        gb = f(gb + gi);
      }
      g[L.alpha] = ga;
      g[L.beta] = gb;
    }
    return loss;
  }

  /** Layers 2 and 3 of the two-layer decoder (forward, and backward into g and the code gradients dz). */
  private twoLayer(x: Float32Array, withGrad: boolean, wantLoss: boolean, two: number, inv: number): number {
    const s = this.s;
    const n = s.n;
    const m = n + 1;
    const L = this.L;
    const g = this.g;
    const { z, h, a, u, y, dy, dh, dz } = this.w;
    const { W2, b2, W3, b3 } = this;
    let loss = 0;
    const n2 = s.n2;
    const hasB3 = L.b3 >= 0;
    const { active, activeCount } = this;
    for (let i = 0; i < m; i++) {
      const zi = z[i] as number;
      const hi = i * n2;
      let c = 0;
      for (let k = 0; k < n2; k++) {
        const hh = f(f((W2[k] as number) * zi) + (b2[k] as number));
        h[hi + k] = hh;
        if (hh > 0) {
          a[hi + k] = hh;
          active[hi + c++] = k;
        } else a[hi + k] = 0;
      }
      activeCount[i] = c;
      const ui = i * n;
      // Four outputs at a time: four independent float32 sums (each still over k
      // ascending, so the same bits) hide the latency of the rounded additions,
      // which is what bounds this loop (measured: 2x on the layer-3 forward).
      let j = 0;
      for (; j + 3 < n; j += 4) {
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        const r0 = j * n2;
        for (let q = 0; q < c; q++) {
          const k = active[hi + q] as number;
          const ak = a[hi + k] as number;
          s0 = f(s0 + f((W3[r0 + k] as number) * ak));
          s1 = f(s1 + f((W3[r0 + n2 + k] as number) * ak));
          s2 = f(s2 + f((W3[r0 + 2 * n2 + k] as number) * ak));
          s3 = f(s3 + f((W3[r0 + 3 * n2 + k] as number) * ak));
        }
        u[ui + j] = s0;
        u[ui + j + 1] = s1;
        u[ui + j + 2] = s2;
        u[ui + j + 3] = s3;
      }
      for (; j < n; j++) {
        let acc = 0;
        const row = j * n2;
        for (let q = 0; q < c; q++) {
          const k = active[hi + q] as number;
          acc = f(acc + f((W3[row + k] as number) * (a[hi + k] as number)));
        }
        u[ui + j] = acc;
      }
      for (j = 0; j < n; j++) {
        let acc = u[ui + j] as number;
        if (hasB3) {
          acc = f(acc + (b3[j] as number));
          u[ui + j] = acc;
        }
        const yy = acc > 0 ? acc : 0;
        y[ui + j] = yy;
        dy[ui + j] = f(yy - (x[ui + j] as number));
      }
    }
    if (wantLoss) {
      for (let k = 0; k < m * n; k++) loss = f(loss + f((dy[k] as number) * (dy[k] as number)));
      loss = f(loss * inv);
    } else loss = NaN;
    if (!withGrad) return loss;
    g.fill(0);
    const { gW2, gb2, gW3, gb3 } = this;
    for (let i = 0; i < m; i++) {
      const hi = i * n2;
      const c = activeCount[i] as number;
      for (let q = 0; q < c; q++) dh[hi + (active[hi + q] as number)] = 0;
      // ReLU' = 1 for u > 0, 0 at 0 and below, as PyTorch. Inactive hidden units get
      // a zero gradient contribution (a = 0) and their dh is never used: skipped.
      for (let j = 0; j < n; j++) {
        if (!((u[i * n + j] as number) > 0)) continue;
        const du = f(two * (dy[i * n + j] as number));
        if (du === 0) continue;
        const row = j * n2;
        for (let q = 0; q < c; q++) {
          const k = active[hi + q] as number;
          gW3[row + k] = f((gW3[row + k] as number) + f(du * (a[hi + k] as number)));
          dh[hi + k] = f((dh[hi + k] as number) + f(du * (W3[row + k] as number)));
        }
        if (hasB3) gb3[j] = f((gb3[j] as number) + du);
      }
      let gz = 0;
      const zi = z[i] as number;
      for (let q = 0; q < c; q++) {
        const k = active[hi + q] as number;
        const gk = dh[hi + k] as number;
        gW2[k] = f((gW2[k] as number) + f(gk * zi));
        gb2[k] = f((gb2[k] as number) + gk);
        gz = f(gz + f(gk * (W2[k] as number)));
      }
      dz[i] = gz;
    }
    return loss;
  }
}
