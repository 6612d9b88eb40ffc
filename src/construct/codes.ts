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

/** Which signs random codes take: both present, any, or all of one sign. */
export type CodeSigns = 'both' | 'any' | 'positive' | 'negative';

/**
 * m pairwise distinct random codes p/q with |p| <= max(20, 4m), 1 <= q <= 4
 * (p != 0 for one-sign codes). Each code is redrawn until it is new, so the
 * work stays linear in m (the pool has more than 8m values). With 'both'
 * (and m >= 2) one positive and one negative code are drawn first and the
 * order is then shuffled.
 */
export function randomDistinctCodes(m: number, rng: Rng, signs: CodeSigns = 'both'): Q[] {
  const bound = Math.max(20, 4 * m);
  const seen = new Set<string>();
  const draw = (sign?: 1 | -1): Q => {
    for (;;) {
      const p = sign === undefined ? rng.int(-bound, bound) : sign * rng.int(1, bound);
      const z = Q.of(BigInt(p), BigInt(rng.int(1, 4)));
      if (!seen.has(String(z))) {
        seen.add(String(z));
        return z;
      }
    }
  };
  const fixed = signs === 'positive' ? 1 : signs === 'negative' ? -1 : undefined;
  const out: Q[] = signs === 'both' && m >= 2 ? [draw(1), draw(-1)] : [];
  while (out.length < m) out.push(draw(fixed));
  // Fisher-Yates, so that the forced signs sit anywhere.
  for (let k = out.length - 1; k > 0; k--) {
    const r = rng.int(0, k);
    [out[k], out[r]] = [out[r] as Q, out[k] as Q];
  }
  return out;
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
