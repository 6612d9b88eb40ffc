/**
 * The sigmoid one-layer decoder y = sigmoid(W2 z + b2) with codes z = i,
 * and the MSE of the slide, (1/(n(n+1))) sum_i ||y(i) - x(i)||^2.
 *
 * C = 1: the construction u_j(z) = s (j + 1/2 - z) errs at most e^{-s d} on
 * an entry at distance d = |i - j - 1/2| from its knot, since
 * 1 - sigmoid(x) = sigmoid(-x) <= e^{-x}. With E >= e^{-s} a rational (from
 * e^s >= sum_{m <= K} s^m / m!), MSE <= (1/(n(n+1))) sum_{i,j} E^{|2i - 2j - 1|}:
 * an exact rational certificate, no floating point.
 *
 * C > 1: sigmoid < 1, so each of the n(n+1)/2 entries equal to C errs by
 * more than C - 1: MSE > (C - 1)^2 / 2 for all weights, and the same
 * construction approaches it: the infimum is (C - 1)^2 / 2, not attained.
 *
 * C < 1, n >= 2: output j >= 2 needs sigmoid close to C at codes j - 1 and j,
 * which bounds the slope, hence sigmoid(u(j+1)) stays away from 0: for any
 * delta in (0, min(C, 1 - C)), its squared error is >= min(delta^2, h(delta)^2),
 * h(delta) = sigmoid(logit(C - delta) - (logit(C + delta) - logit(C - delta))).
 * Evaluated with directed rounding, this gives a rigorous positive lower bound.
 */
import { Decimal } from 'decimal.js';
import { Q } from '../kernel/rational.js';
import { type Iv, ivAdd, ivLogit, ivMul, ivQ, ivSigmoid, ivSquare, ivSub } from './interval.js';

/** A rational upper bound of e^{-s} for rational s >= 0: 1 / sum_{m=0..K} s^m/m!. */
export function expNegUpper(s: Q, K: number): Q {
  let term = Q.ONE;
  let sum = Q.ONE;
  for (let m = 1; m <= K; m++) {
    term = term.mul(s).div(Q.int(m));
    sum = sum.add(term);
  }
  return sum.inv();
}

/** The smallest decimal >= x with about `digits` significant digits (x > 0): a shorter upper bound. */
export function roundUpDecimal(x: Q, digits = 12): Q {
  const mag = x.num.toString().length - x.den.toString().length;
  const scale = 10n ** BigInt(Math.max(0, digits - mag));
  const scaled = x.num * scale;
  const q = scaled / x.den + (scaled % x.den === 0n ? 0n : 1n);
  return Q.of(q, scale);
}

/** The exact rational MSE bound of the C = 1 construction with steepness s. */
export function constructionBound(n: number, s: Q, K = 40): { E: Q; bound: Q } {
  const E = roundUpDecimal(expNegUpper(s, K));
  let total = Q.ZERO;
  for (let i = 1; i <= n + 1; i++) {
    for (let j = 1; j <= n; j++) total = total.add(E.pow(Math.abs(2 * i - 2 * j - 1)));
  }
  return { E, bound: roundUpDecimal(total.div(Q.int(n * (n + 1)))) };
}

/** The C = 1 weights: W2_j = -s, b2_j = s (j + 1/2). */
export function sigmoidWeights(n: number, s: Q): { W2: Q[]; b2: Q[] } {
  return {
    W2: Array.from({ length: n }, () => s.neg()),
    b2: Array.from({ length: n }, (_, j) => s.mul(Q.of(BigInt(2 * j + 3), 2n))),
  };
}

/** The smallest integer steepness s whose certified bound is below eps (C = 1). */
export function constructForEps(n: number, eps: Q): { s: Q; E: Q; bound: Q } {
  for (let k = 1; k < 100000; k++) {
    const s = Q.int(k);
    const { E, bound } = constructionBound(n, s, Math.max(40, 3 * k));
    if (bound.lt(eps)) return { s, E, bound };
  }
  throw new RangeError(`no steepness below 100000 reaches eps = ${eps}`);
}

/** A rigorous enclosure of the MSE of given weights (codes z = i, amplitude C). */
export function mseEnclosure(n: number, C: Q, W2: Q[], b2: Q[]): Iv {
  let total: Iv = ivQ(Q.ZERO);
  for (let i = 1; i <= n + 1; i++) {
    for (let j = 1; j <= n; j++) {
      const u = (W2[j - 1] as Q).mul(Q.int(i)).add(b2[j - 1] as Q);
      const target = j >= i ? C : Q.ZERO;
      total = ivAdd(total, ivSquare(ivSub(ivSigmoid(ivQ(u)), ivQ(target))));
    }
  }
  return ivMul(total, ivQ(Q.int(n * (n + 1)).inv()));
}

/** The MSE at 50 significant digits (plain decimal.js, for comparison with the certified bound). */
export function mse50(n: number, C: Q, W2: Q[], b2: Q[]): Decimal {
  const D = Decimal.clone({ precision: 50 });
  let total = new D(0);
  for (let i = 1; i <= n + 1; i++) {
    for (let j = 1; j <= n; j++) {
      const uq = (W2[j - 1] as Q).mul(Q.int(i)).add(b2[j - 1] as Q);
      const u = D.div(uq.num.toString(), uq.den.toString());
      const y = D.div(1, D.add(1, D.exp(u.neg())));
      const t = j >= i ? D.div(C.num.toString(), C.den.toString()) : new D(0);
      total = total.add(y.sub(t).pow(2));
    }
  }
  return total.div(n * (n + 1));
}

/** min(delta, h(delta))^2: a rigorous lower bound of one output's squared error (C < 1), or 0. */
function perOutput(C: Q, delta: Q): Q {
  const lo = ivLogit(ivQ(C.sub(delta)));
  const hi = ivLogit(ivQ(C.add(delta)));
  const slope = ivSub(hi, lo); // >= |w| whenever both errors are <= delta
  const h = ivSigmoid(ivSub(lo, slope)).lo; // a lower bound of sigmoid(u(j+1))
  const hq = Q.parse(h.toFixed(40, Decimal.ROUND_FLOOR));
  const per = delta.min(hq.sign() > 0 ? hq : Q.ZERO);
  return per.mul(per);
}

const perOutputCache = new Map<string, { per: Q; delta: Q }>();

/** The best per-output bound over delta (coarse grid, then a fine grid around the best), cached per C. */
function bestPerOutput(C: Q): { per: Q; delta: Q } {
  const key = C.toString();
  const hit = perOutputCache.get(key);
  if (hit) return hit;
  const m = C.min(Q.ONE.sub(C));
  const steps = 24;
  let best = { per: Q.ZERO, delta: Q.ZERO, k: 1 };
  for (let k = 1; k < steps; k++) {
    const delta = m.mul(Q.of(BigInt(k), BigInt(steps)));
    const per = perOutput(C, delta);
    if (best.per.lt(per)) best = { per, delta, k };
  }
  const fineLo = m.mul(Q.of(BigInt(best.k - 1), BigInt(steps)));
  const width = m.mul(Q.of(2n, BigInt(steps)));
  for (let k = 1; k < steps; k++) {
    const delta = fineLo.add(width.mul(Q.of(BigInt(k), BigInt(steps))));
    if (!delta.lt(m) || delta.sign() <= 0) continue;
    const per = perOutput(C, delta);
    if (best.per.lt(per)) best = { per, delta, k: best.k };
  }
  const out = { per: best.per, delta: best.delta };
  perOutputCache.set(key, out);
  return out;
}

/** Rigorous lower bound of the MSE for C < 1 and n >= 2 (outputs 2..n each err), as a rational. */
export function lowerBoundBelowOne(n: number, C: Q): { bound: Q; delta: Q } {
  const { per, delta } = bestPerOutput(C);
  return { bound: per.mul(Q.int(n - 1)).div(Q.int(n * (n + 1))), delta };
}

/**
 * A good witness for C != 1 found in float64 (grid then local search, per
 * output), returned as exact rationals from the float bits; certify it with
 * mseEnclosure.
 */
export function searchWitness(n: number, C: Q): { W2: Q[]; b2: Q[] } {
  const c = C.toNumber();
  const sig = (x: number) => 1 / (1 + Math.exp(-x));
  const W2: Q[] = [];
  const b2: Q[] = [];
  for (let j = 1; j <= n; j++) {
    const sse = (w: number, b: number) => {
      let s = 0;
      for (let i = 1; i <= n + 1; i++) s += (sig(w * i + b) - (j >= i ? c : 0)) ** 2;
      return s;
    };
    let best = { w: -1, b: j + 0.5, v: Infinity };
    for (let w = -40; w <= 40; w += 1) {
      for (let t = -1; t <= n + 2; t += 0.1) {
        const b = -w * t;
        const v = sse(w, b);
        if (v < best.v) best = { w, b, v };
      }
    }
    let step = 0.25;
    // Bounded: when the optimum is at infinity (a steeper sigmoid always helps) the walk would not stop.
    for (let iter = 0; iter < 400 && step > 1e-9; iter++) {
      let moved = false;
      for (const [dw, db] of [
        [step, 0],
        [-step, 0],
        [0, step],
        [0, -step],
      ] as const) {
        const v = sse(best.w + dw, best.b + db);
        if (v < best.v) {
          best = { w: best.w + dw, b: best.b + db, v };
          moved = true;
        }
      }
      if (!moved) step /= 2;
    }
    W2.push(Q.fromFloat64(best.w));
    b2.push(Q.fromFloat64(best.b));
  }
  return { W2, b2 };
}
