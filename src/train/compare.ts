/**
 * How far a float32 run lands from the exact solutions: the final MSE
 * against the exact 0; whether the learned code is linear in i (R^2) and
 * monotone; and, exactly, from the float32 weights taken as rationals
 * (their bits): the rank of the learned A2, and whether re-solving W3 from
 * the learned layer 2 by the deck's formula (W3^T = A2^-1 U3 with U3 = X)
 * gives an exact solution; and the output entries stuck at 0 where the
 * target is C (a ReLU that is off passes no gradient).
 *
 * It never throws on non-finite values (a diverged run's numbers): a
 * non-finite code makes R^2 NaN (not linear) and the gap 0; non-finite
 * parameters have no exact value, so the exact part is left out
 * (`nonFinite`).
 */
import { bareiss, equals, integerRows, type Mat, rank, solve, submatrix, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode, forward, layer2, layer3 } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { layoutOf, type ModelSpec, Net, targets } from './model.js';

/** A code counts as linear when R^2 exceeds this (or when it is exactly linear). */
export const LINEAR_R2 = 0.999;

export interface Comparison {
  finalMse: number;
  /**
   * Two-layer models: the MSE of the learned weights computed exactly, their
   * float32 values taken as rationals; finalMse differs from it by float32's
   * rounding of the forward pass and of the sum.
   */
  learnedMse?: Q;
  r2: number;
  /**
   * The code is exactly affine in i with a non-zero slope, from the float32
   * weights taken as rationals: z(i) - z(i+1) = C W1_i, so exactly when the
   * entries of W1 are equal and non-zero (lemma-encoder); for the
   * constrained encoder z = alpha i + beta, when alpha != 0.
   */
  exactLinear: boolean;
  /** R^2 > LINEAR_R2, or exactly linear. */
  linear: boolean;
  monotone: boolean;
  /**
   * The smallest gap between the codes of consecutive signals, |z(i+1) - z(i)|,
   * over the range of the codes (0 for a constant code): near 0 when the
   * encoder has all but merged two signals.
   */
  minGap: number;
  /**
   * Two-layer models only: output entries whose target is C but whose ReLU
   * is off (u <= 0, y = 0) in float32. Each adds C^2/(n(n+1)) to the MSE and
   * gets exactly zero gradient from its own error.
   */
  stuck?: number;
  /** stuck * C^2 / (n(n+1)): the part of the final MSE those entries make. */
  stuckMse?: number;
  rankA2?: number;
  rankA2Signals?: number;
  /** Whether W3 re-solved exactly from the learned layer 2 reconstructs signals 1..n / the zero signal. */
  resolved?: { signals: boolean; zeroSignal: boolean } | { failed: string };
  /** Set when some parameter is not finite: nothing exact was computed. */
  nonFinite?: true;
}

/** R^2 of the least-squares line z = a i + b (1 when z is constant in no direction... 1 for a perfect line). */
export function rSquared(z: readonly number[]): number {
  const m = z.length;
  const xs = z.map((_, i) => i + 1);
  const mx = xs.reduce((s, x) => s + x, 0) / m;
  const mz = z.reduce((s, x) => s + x, 0) / m;
  let sxz = 0;
  let sxx = 0;
  let szz = 0;
  for (let i = 0; i < m; i++) {
    sxz += ((xs[i] as number) - mx) * ((z[i] as number) - mz);
    sxx += ((xs[i] as number) - mx) ** 2;
    szz += ((z[i] as number) - mz) ** 2;
  }
  if (szz === 0) return 0; // a constant code is not linear in i with alpha != 0
  // NaN for a non-finite code (szz is then NaN or Infinity): never above the threshold.
  return Number.isFinite(szz) ? (sxz * sxz) / (sxx * szz) : NaN;
}

/** Loss change below which a run counts as settled. */
export const SETTLED_TOL = 1e-6;

/**
 * The first logged epoch from which every logged loss stays within `tol`
 * of the final one: after it, training changed the MSE by less than tol.
 */
export function settledEpoch(curve: readonly [number, number][], tol = SETTLED_TOL): number {
  const last = curve[curve.length - 1];
  if (!last) return 0;
  let at = last[0];
  for (let k = curve.length - 1; k >= 0; k--) {
    const [e, l] = curve[k] as [number, number];
    if (!(Math.abs(l - last[1]) <= tol)) break;
    at = e;
  }
  return at;
}

/** min_i |z(i+1) - z(i)| / (max z - min z); 0 for a constant or non-finite code. */
export function minGapRatio(z: readonly number[]): number {
  const range = Math.max(...z) - Math.min(...z);
  if (!(range > 0 && Number.isFinite(range))) return 0;
  let gap = Infinity;
  for (let i = 1; i < z.length; i++) gap = Math.min(gap, Math.abs((z[i] as number) - (z[i - 1] as number)));
  return gap / range;
}

export function strictlyMonotone(z: readonly number[]): boolean {
  const up = z.every((x, i) => i === 0 || x > (z[i - 1] as number));
  const down = z.every((x, i) => i === 0 || x < (z[i - 1] as number));
  return up || down;
}

/** The exact weights denoted by float32 parameters. */
export function exactWeights(s: ModelSpec, p: Float32Array): { W1: Mat; b1: Q[]; W2: Mat; b2: Q[]; W3: Mat; b3?: Q[] } {
  const L = layoutOf(s);
  const q = (k: number) => Q.fromFloat32(p[k] as number);
  const n = s.n;
  let W1: Mat;
  let b1: Q[];
  if (L.W1 >= 0) {
    W1 = [Array.from({ length: n }, (_, j) => q(L.W1 + j))];
    b1 = [q(L.b1)];
  } else {
    // z = alpha i + beta as an exact encoder: W1 = -(alpha/C) 1, b1 = alpha (n + 1) + beta.
    const alpha = q(L.alpha);
    const beta = q(L.beta);
    const C = Q.fromFloat64(s.C);
    W1 = [Array.from({ length: n }, () => alpha.neg().div(C))];
    b1 = [alpha.mul(Q.int(n + 1)).add(beta)];
  }
  const hidden = s.experiment === 'sigmoid' ? n : s.n2;
  const W2 = Array.from({ length: hidden }, (_, k) => [q(L.W2 + k)]);
  const b2 = Array.from({ length: hidden }, (_, k) => q(L.b2 + k));
  const W3 =
    L.W3 >= 0
      ? Array.from({ length: n }, (_, j) => Array.from({ length: s.n2 }, (_, k) => q(L.W3 + j * s.n2 + k)))
      : [];
  const b3 = L.b3 >= 0 ? Array.from({ length: n }, (_, j) => q(L.b3 + j)) : undefined;
  return { W1, b1, W2, b2, W3, ...(b3 ? { b3 } : {}) };
}

/** Whether float32 parameters give an exactly affine code with a non-zero slope (see Comparison.exactLinear). */
export function exactlyLinear(s: ModelSpec, p: Float32Array): boolean {
  const L = layoutOf(s);
  if (L.W1 < 0) return Number.isFinite(p[L.alpha] as number) && (p[L.alpha] as number) !== 0;
  const w = p[L.W1] as number;
  if (!Number.isFinite(w) || w === 0) return false;
  // Equal float32 values are equal rationals (Q.fromFloat32 is injective on finite values).
  for (let j = 1; j < s.n; j++) if ((p[L.W1 + j] as number) !== w) return false;
  return true;
}

/**
 * The comparison of a run's final weights with the exact construction.
 * Never throws on non-finite values (see the file's comment).
 */
export function compare(s: ModelSpec, p: Float32Array, finalMse: number, codes: number[]): Comparison {
  const r2 = rSquared(codes);
  const exactLinear = exactlyLinear(s, p);
  const out: Comparison = {
    finalMse,
    r2,
    exactLinear,
    linear: exactLinear || r2 > LINEAR_R2,
    monotone: strictlyMonotone(codes),
    minGap: minGapRatio(codes),
  };
  if (!p.every((v) => Number.isFinite(v))) return { ...out, nonFinite: true };
  if (s.experiment === 'sigmoid') return out;
  const x = targets(s.n, s.C);
  const net = new Net(s, Float32Array.from(p));
  net.lossAndGrad(x, false);
  const y = net.state.y;
  out.stuck = 0;
  for (let k = 0; k < x.length; k++) if ((x[k] as number) !== 0 && (y[k] as number) === 0) out.stuck++;
  out.stuckMse = (out.stuck * s.C * s.C) / (s.n * (s.n + 1));
  const w = exactWeights(s, p);
  const C = Q.fromFloat64(s.C);
  const X = stepMatrix(s.n, C);
  const z = encode(w.W1, w.b1, X);
  const A2 = layer2(z, w.W2, w.b2);
  const Y = layer3(A2, w.W3, w.b3).Y;
  let sq = Q.ZERO;
  Y.forEach((row, i) => row.forEach((y, j) => (sq = sq.add(y.sub((X[i] as Q[])[j] as Q).pow(2)))));
  out.learnedMse = sq.div(Q.int(s.n * (s.n + 1)));
  out.rankA2 = rank(A2);
  const top = A2.slice(0, s.n);
  out.rankA2Signals = rank(top);
  if (out.rankA2Signals < s.n) {
    out.resolved = { failed: `A2 on signals 1..n has rank ${out.rankA2Signals} < n: no W3 reconstructs X` };
    return out;
  }
  // n independent columns of the learned layer 2 (Bareiss pivots), W3^T = A2_sub^-1 X_top, zero elsewhere.
  const cols = bareiss(integerRows(transpose(top)).rows).pivotRows.slice(0, s.n);
  const sub = submatrix(
    top,
    Array.from({ length: s.n }, (_, i) => i),
    cols,
  );
  const W3Tsub = solve(sub, X.slice(0, s.n));
  const W3 = Array.from({ length: s.n }, (_, j) =>
    Array.from({ length: s.n2 }, (_, k) => {
      const at = cols.indexOf(k);
      return at >= 0 ? ((W3Tsub[at] as Q[])[j] as Q) : Q.ZERO;
    }),
  );
  const Yr = forward({ W1: w.W1, b1: w.b1, W2: w.W2, b2: w.b2, W3 }, X).Y;
  out.resolved = {
    signals: equals(Yr.slice(0, s.n), X.slice(0, s.n)),
    zeroSignal: equals([Yr[s.n] as Q[]], [X[s.n] as Q[]]),
  };
  return out;
}
