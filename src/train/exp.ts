/**
 * The exponential of the float32 trainer, in float64 arithmetic that both
 * engines perform identically: the JavaScript reference calls `exp64`, the
 * WebAssembly kernel runs the same operations in the same order (the
 * constants and the table of powers of two come from here). Math.exp is not
 * used because its last bit is implementation-defined, and a call from
 * WebAssembly to it costs more than computing it.
 *
 * Method (Cody and Waite): x = k ln2 + r with k = nearest(x / ln2) and
 * |r| <= ln2/2, ln2 split into a 32-bit head (k * head is exact for |k| <=
 * 2^21) and a tail; e^r by its Taylor polynomial of degree 13, in Estrin's scheme (truncation
 * below 5e-18); then times 2^k from an exact table. The error is a few
 * float64 ulps, so rounding the result to float32 gives the correctly
 * rounded float32 e^x except within ~1e-15 of a rounding boundary
 * (test/exp.test.ts compares it with Math.exp).
 */

import { Q } from '../kernel/rational.js';

const LN2_DIGITS = '0.6931471805599453094172321214581765680755';

/** ln 2 to 32 significant bits (so that k * LN2_HI is exact) and the rest. */
export const LN2_HI = (() => {
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, Math.LN2);
  // The implicit bit, the high word's 20 fraction bits and the low word's top 11: 32 bits.
  bits.setUint32(4, bits.getUint32(4) & 0xffe00000);
  return bits.getFloat64(0);
})();
/**
 * ln 2 - LN2_HI, rounded once from 40 digits of ln 2 (exact rationals):
 * Math.LN2 - LN2_HI would carry Math.LN2's own rounding error, which k
 * multiplies (40 float64 ulps at k = -158, measured).
 */
export const LN2_LO = Q.parse(LN2_DIGITS).sub(Q.fromFloat64(LN2_HI)).toNumber();
export const INV_LN2 = 1 / Math.LN2;
/** 1.5 * 2^52: adding and subtracting it rounds a double below 2^51 to the nearest integer, ties to even. */
export const SHIFTER = 6755399441055744;
/** 1/j! for j = 0..13. */
export const TAYLOR: readonly number[] = Array.from({ length: 14 }, (_, j) => {
  let fact = 1;
  for (let i = 2; i <= j; i++) fact *= i; // exact: 13! < 2^53
  return 1 / fact;
});

/** Above this e^x overflows float32; below EXP_MIN it rounds to float32 0. */
export const EXP_MAX = 100;
export const EXP_MIN = -110;
/** 2^k for k = -POW2_BIAS..POW2_BIAS, exact (built by doubling and halving). */
export const POW2_BIAS = 200;
export const POW2: Float64Array = (() => {
  const t = new Float64Array(2 * POW2_BIAS + 1);
  t[POW2_BIAS] = 1;
  for (let k = 1; k <= POW2_BIAS; k++) {
    t[POW2_BIAS + k] = (t[POW2_BIAS + k - 1] as number) * 2;
    t[POW2_BIAS - k] = (t[POW2_BIAS - k + 1] as number) / 2;
  }
  return t;
})();

/** e^x in float64 (a few ulps), for x a float32 value; NaN for NaN. */
export function exp64(x: number): number {
  if (x > EXP_MAX) return Infinity;
  if (x < EXP_MIN) return 0;
  if (x !== x) return x;
  const k = x * INV_LN2 + SHIFTER - SHIFTER;
  const r = x - k * LN2_HI - k * LN2_LO;
  const c = (j: number) => TAYLOR[j] as number;
  // Estrin's scheme: a tree of depth 5 instead of Horner's chain of 13 (the latency is what costs).
  const r2 = r * r;
  const r4 = r2 * r2;
  const r8 = r4 * r4;
  const s0 = c(0) + c(1) * r + r2 * (c(2) + c(3) * r);
  const s1 = c(4) + c(5) * r + r2 * (c(6) + c(7) * r);
  const s2 = c(8) + c(9) * r + r2 * (c(10) + c(11) * r);
  const p = s0 + r4 * s1 + r8 * (s2 + r4 * (c(12) + c(13) * r));
  return p * (POW2[k + POW2_BIAS] as number);
}
