/**
 * Certified bounds for the sigmoid one-layer decoder that hold for every n,
 * as prop-sigmoid's proofs need them (codes z = i; any linear code gives the
 * same set of pre-activations, u_j being affine in i either way):
 *
 * - C = 1: the weights u_j(z) = s (j + 1/2 - z) err by less than e^{-s |i - j - 1/2|}
 *   on entry (i, j), and every exponent 2 |i - j - 1/2| = |2i - 2j - 1| is an odd
 *   integer >= 1, so MSE < e^{-s} for EVERY n. uniformSteepness finds the smallest
 *   integer s whose rational bound 1/S_K(s) >= e^{-s} is below eps.
 * - 0 < C < 1, n >= 2: the rational delta of the slope argument (see
 *   deltaBelowOne) gives inf MSE >= (n - 1) delta^2 / (n (n + 1)), exactly.
 * - 0 < C < 1, n = 1: u(1) near logit(C) and u(2) very negative; the MSE of the
 *   chosen rational weights is enclosed with directed rounding at a precision
 *   chosen from eps (interval.ts works at a fixed 60 digits, too few for
 *   eps below about 1e-100).
 */
import { Decimal } from 'decimal.js';
import { Q } from '../kernel/rational.js';
import { roundUpDecimal } from './sigmoid.js';

/**
 * S_K(s) = sum_{m=0..K} s^m / m! for an integer s >= 0, a rational lower bound of e^s.
 * Summed over the common denominator K! (sum of s^m K!/m!, all integers), so that
 * one gcd is taken at the end instead of one per term: with s in the hundreds the
 * term-by-term rational sum is orders of magnitude slower.
 */
export function expPartialSum(s: number, K: number): Q {
  const S = BigInt(s);
  let fall = 1n; // K! / m!, from m = K down
  let num = 0n;
  for (let m = K; m >= 0; m--) {
    num += S ** BigInt(m) * fall;
    fall *= BigInt(m);
  }
  let fact = 1n;
  for (let m = 2; m <= K; m++) fact *= BigInt(m);
  return Q.of(num, fact);
}

/**
 * A rational upper bound of e^s for an integer s >= 0, from the Lagrange remainder:
 * e^s <= S_K(s) / (1 - s^{K+1}/(K+1)!) when that ratio r is below 1.
 * @returns undefined when r >= 1 (take a larger K).
 */
export function expUpper(s: number, K: number): Q | undefined {
  let fact = 1n;
  for (let m = 2; m <= K + 1; m++) fact *= BigInt(m);
  const r = Q.of(BigInt(s) ** BigInt(K + 1), fact);
  if (!r.lt(Q.ONE)) return undefined;
  return expPartialSum(s, K).div(Q.ONE.sub(r));
}

/** The uniform certificate of the C = 1 construction: MSE < e^{-s} <= E < eps for every n. */
export interface UniformCertificate {
  /** The steepness, the smallest integer >= 1 with E < eps. */
  s: number;
  /** E = 1 / S_K(s) >= e^{-s}, exact. */
  E: Q;
  K: number;
  /** A rational lower bound of e^{-(s-1)} that is >= eps: s - 1 does not certify eps this way (undefined for s = 1). */
  previousLower?: Q;
}

/**
 * The smallest integer steepness s whose bound 1/S_K(s) lies below eps.
 * @throws RangeError when none below 100000 does (eps below e^{-100000}).
 */
export function uniformSteepness(eps: Q): UniformCertificate {
  // Start just below ln(1/eps) (a float estimate, then exact checks upward): each exact
  // check sums about 3s terms of growing rationals, so scanning from s = 1 would be quadratic.
  const digits = eps.den.toString().length - eps.num.toString().length;
  const start = Math.max(1, Math.floor(digits * Math.LN10) - 3);
  const certifies = (s: number) =>
    expPartialSum(s, Math.max(40, 3 * s))
      .inv()
      .lt(eps);
  let s = start;
  while (s > 1 && certifies(s - 1)) s--;
  for (; s < 100000; s++) {
    const K = Math.max(40, 3 * s);
    const E = expPartialSum(s, K).inv();
    if (E.lt(eps)) {
      let previousLower: Q | undefined;
      if (s > 1) {
        const up = expUpper(s - 1, K);
        if (up) previousLower = up.inv();
      }
      return { s, E, K, previousLower };
    }
  }
  throw new RangeError(`no steepness below 100000 reaches eps = ${eps}`);
}

/**
 * The delta of the C < 1 argument, exactly:
 *   m = min { p (1 - p) : p in [C/2, (1 + C)/2] } (at an end: p(1-p) is concave),
 *   delta = min( min(C, 1 - C) / 2, C / (2 + 1/(2m)) ).
 * If outputs j >= 2 had errors below delta at codes j - 1 and j, their sigmoid values
 * would lie in [C/2, (1+C)/2], where logit is (1/m)-Lipschitz, so the slope |a| < 2 delta / m;
 * then sigmoid(u(j+1)) > C - delta - delta/(2m) >= delta (sigmoid' <= 1/4).
 * @throws RangeError unless 0 < C < 1.
 */
export function deltaBelowOne(C: Q): { delta: Q; m: Q } {
  if (!(C.sign() > 0 && C.lt(Q.ONE))) throw new RangeError('deltaBelowOne needs 0 < C < 1');
  const half = Q.of(1n, 2n);
  const a = C.mul(half);
  const b = Q.ONE.add(C).mul(half);
  const m = a.mul(Q.ONE.sub(a)).min(b.mul(Q.ONE.sub(b)));
  const delta = C.min(Q.ONE.sub(C))
    .mul(half)
    .min(C.div(Q.int(2).add(Q.ONE.div(Q.int(2).mul(m)))));
  return { delta, m };
}

/** inf MSE >= (n - 1) delta^2 / (n (n + 1)) for 0 < C < 1 and n >= 2 (0 for n = 1: no bound). */
export function lowerBoundBelowOneExact(n: number, C: Q): Q {
  if (n < 2) return Q.ZERO;
  const { delta } = deltaBelowOne(C);
  return delta
    .mul(delta)
    .mul(Q.int(n - 1))
    .div(Q.int(n * (n + 1)));
}

/** Decimal digits of 1/x for 0 < x < 1 (about). */
function digitsOf(x: Q): number {
  return Math.max(0, x.den.toString().length - x.num.toString().length + 1);
}

/**
 * n = 1, 0 < C < 1: rational weights (codes 1, 2) with a certified MSE below eps:
 * u(1) = l, a decimal near logit(C), and u(2) = l - t. Returns the weights and the
 * certified upper bound (a Decimal upper end, as an exact rational).
 * @returns undefined when the certified bound is not below eps (it should always be).
 */
export function nOneWitness(C: Q, eps: Q): { W2: Q; b2: Q; mseUpper: Q } | undefined {
  const P = 30 + digitsOf(eps);
  const Dn = Decimal.clone({ precision: P, rounding: Decimal.ROUND_FLOOR });
  const Up = Decimal.clone({ precision: P, rounding: Decimal.ROUND_CEIL });
  const Near = Decimal.clone({ precision: P });
  const c = Near.div(C.num.toString(), C.den.toString());
  const l = Q.parse(Near.ln(c.div(Near.sub(1, c))).toFixed(P));
  const dec = (q: Q, D: typeof Decimal) => D.div(q.num.toString(), q.den.toString());
  // sigmoid(l - t) < e^{l - t}; its square is below eps/2 once t > l + ln(2/eps)/2.
  const half = Near.ln(dec(Q.int(2).div(eps), Near))
    .div(2)
    .plus(Near.max(l.toNumber(), 0));
  const t = Q.int(Math.ceil(half.toNumber()) + 3);
  // Enclosure of sigmoid(l): e^{-l} in [lo, hi].
  const eLo = Dn.exp(dec(l.neg(), Dn));
  const eHi = Up.exp(dec(l.neg(), Up));
  const sLo = Dn.div(1, Up.add(1, eHi));
  const sHi = Up.div(1, Dn.add(1, eLo));
  const d1 = Decimal.max(Up.sub(sHi, dec(C, Dn)), Up.sub(dec(C, Up), sLo), new Up(0));
  const d2 = Up.exp(dec(l.sub(t), Up));
  const mse = Up.div(Up.add(Up.mul(d1, d1), Up.mul(d2, d2)), 2);
  const mseUpper = Q.parse(mse.toExponential());
  if (!mseUpper.lt(eps)) return undefined;
  // u(z) = W z + b with u(1) = l, u(2) = l - t.
  return { W2: t.neg(), b2: l.add(t), mseUpper };
}

/**
 * The sharper per-n bound of the C = 1 construction, MSE < (1/(n(n+1))) sum_{i,j} E^{|2i-2j-1|},
 * with E = 1/S_K(s) >= e^{-s} rounded up to 12 significant digits (still >= e^{-s}).
 */
export function sharperBound(n: number, E: Q): Q {
  const e = roundUpDecimal(E);
  // Count the entries per exponent |2i - 2j - 1| (at most 2n + 1 of them), then sum over the
  // common denominator den^{max}: one rational at the end instead of n(n+1) rational additions.
  const count = new Map<number, bigint>();
  for (let i = 1; i <= n + 1; i++)
    for (let j = 1; j <= n; j++) {
      const k = Math.abs(2 * i - 2 * j - 1);
      count.set(k, (count.get(k) ?? 0n) + 1n);
    }
  const max = Math.max(...count.keys());
  let num = 0n;
  for (const [k, c] of count) num += c * e.num ** BigInt(k) * e.den ** BigInt(max - k);
  return roundUpDecimal(Q.of(num, e.den ** BigInt(max) * BigInt(n * (n + 1))));
}
