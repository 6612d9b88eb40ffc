/**
 * Codes as the primary object: the encoder that produces any given codes on
 * the step functions, random pairwise distinct rational codes, the counts
 * the layer-2 lemmas are about (distinct values, signs present), and the
 * triangular ReLU layer over n distinct codes. The claims about layer 2 are
 * statements about codes; these helpers let them draw codes directly and
 * still run the full exact forward pass through an encoder.
 */
import type { Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import type { Rng } from '../random.js';

/**
 * The encoder whose codes on X(n, C) are the given n + 1 codes, in signal
 * order (the last is the zero signal's): z(i) = C sum_{j >= i} W1_j + b1, so
 * b1 = z(n+1) and W1_j = (z(j) - z(j+1)) / C. Every code vector is reachable.
 * @throws RangeError when fewer than 2 codes are given.
 */
export function encoderForCodes(codes: readonly Q[], C: Q): { W1: Mat; b1: Q[] } {
  if (codes.length < 2) throw new RangeError('encoderForCodes needs the n + 1 codes of X(n, C), n >= 1');
  const n = codes.length - 1;
  const W1 = Array.from({ length: n }, (_, j) => (codes[j] as Q).sub(codes[j + 1] as Q).div(C));
  return { W1: [W1], b1: [codes[n] as Q] };
}

/** The number of distinct values among the codes. */
export function distinctCount(codes: readonly Q[]): number {
  return new Set(codes.map(String)).size;
}

/** The number of signs (positive, negative) present among the codes: 0, 1 or 2. */
export function signCount(codes: readonly Q[]): number {
  return (codes.some((z) => z.sign() > 0) ? 1 : 0) + (codes.some((z) => z.sign() < 0) ? 1 : 0);
}

/**
 * m pairwise distinct random codes p/q (|p| <= 20, 1 <= q <= 4); with
 * `bothSigns` (and m >= 2) at least one positive and one negative code.
 */
export function randomDistinctCodes(m: number, rng: Rng, bothSigns = true): Q[] {
  for (;;) {
    const codes = Array.from({ length: m }, () => Q.of(BigInt(rng.int(-20, 20)), BigInt(rng.int(1, 4))));
    if (distinctCount(codes) < m) continue;
    if (bothSigns && m >= 2 && signCount(codes) < 2) continue;
    return codes;
  }
}

/**
 * The triangular ReLU layer of width n: take the n smallest distinct codes
 * y_1 < ... < y_n and the decreasing columns ReLU(t_j - z) with
 * t_j = (y_j + y_{j+1}) / 2 for j < n and t_n = y_n + 1. On rows y_1..y_n,
 * column j is positive exactly at y_1..y_j: a triangular block with
 * positive diagonal. Undefined when fewer than n distinct codes exist.
 */
export function triangularLayer(codes: readonly Q[], n: number): { W2: Mat; b2: Q[]; chosen: Q[] } | undefined {
  const distinct = [...new Map(codes.map((z) => [String(z), z])).values()].sort((a, b) => a.cmp(b));
  if (distinct.length < n) return undefined;
  const y = distinct.slice(0, n);
  const knots = y.map((v, j) => (j + 1 < n ? v.add(y[j + 1] as Q).div(Q.int(2)) : v.add(Q.ONE)));
  // ReLU(t - z) = ReLU(-1 * z + t): W2_j = -1, b2_j = t_j.
  return { W2: knots.map(() => [Q.MINUS_ONE]), b2: knots, chosen: y };
}
