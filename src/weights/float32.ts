/**
 * Rounding an exact rational to float32, correctly (to nearest, ties to
 * even), and saying when that changed it. Math.fround(q.toNumber()) rounds
 * twice (to 53 bits, then to 24) and can miss a tie; here the float64 only
 * proposes a float32, and its two neighbours are compared with q exactly.
 */
import { Q } from '../kernel/rational.js';

const F32_MAX = 3.4028234663852886e38;
/** 2^128 - 2^103: the rationals at or above it round to infinity in float32. */
const OVERFLOW = Q.of(2n ** 128n - 2n ** 103n);

function bitsOf(x: number): number {
  const b = new Uint32Array(new Float32Array([x]).buffer)[0];
  return b ?? 0;
}

function fromBits(b: number): number {
  return new Float32Array(new Uint32Array([b >>> 0]).buffer)[0] ?? 0;
}

/** The float32 just above x (x finite, not the largest). */
function nextUp(x: number): number {
  if (x === 0) return fromBits(1);
  const b = bitsOf(x);
  return x > 0 ? fromBits(b + 1) : fromBits(b - 1);
}

function nextDown(x: number): number {
  return -nextUp(-x);
}

/**
 * The float32 nearest to q (ties to an even last bit).
 * @throws RangeError when |q| rounds beyond the largest float32.
 */
export function toFloat32(q: Q): number {
  if (!q.abs().lt(OVERFLOW)) throw new RangeError(`${brief(q)} is beyond the float32 range`);
  const f = Math.fround(q.toNumber());
  let best = Number.isFinite(f) ? f : Math.sign(f) * F32_MAX;
  let bestErr = Q.fromFloat32(best).sub(q).abs();
  for (const c of [nextUp(best), nextDown(best)]) {
    if (!Number.isFinite(c) || Math.abs(c) > F32_MAX) continue;
    const err = Q.fromFloat32(c).sub(q).abs();
    const d = err.cmp(bestErr);
    if (d < 0 || (d === 0 && (bitsOf(c) & 1) === 0)) {
      best = c;
      bestErr = err;
    }
  }
  return Object.is(best, -0) ? 0 : best;
}

/** One entry whose float32 value differs from the exact rational it came from. */
export interface RoundingChange {
  /** Tensor name (W1, b1, ...). */
  tensor: string;
  /** Row-major index in the tensor. */
  index: number;
  exact: Q;
  /** The float32 written, as the rational its bits denote. */
  rounded: Q;
}

/**
 * Rounds a tensor's exact values to float32.
 * @throws RangeError when an entry is beyond the float32 range.
 */
export function roundTensor(name: string, values: readonly Q[]): { f32: Float32Array; changed: RoundingChange[] } {
  const f32 = new Float32Array(values.length);
  const changed: RoundingChange[] = [];
  values.forEach((v, k) => {
    let x: number;
    try {
      x = toFloat32(v);
    } catch {
      throw new RangeError(`${name}[${k}] = ${brief(v)} is beyond the float32 range`);
    }
    f32[k] = x;
    const r = Q.fromFloat32(x);
    if (!r.equals(v)) changed.push({ tensor: name, index: k, exact: v, rounded: r });
  });
  return { f32, changed };
}

/** A rational as written, or, past 40 characters, its sign and order of magnitude (a message stays one line). */
function brief(q: Q): string {
  const s = q.toString();
  if (s.length <= 40) return s;
  const digits = (x: bigint) => (x < 0n ? -x : x).toString().length;
  return `about ${q.sign() < 0 ? '-' : ''}10^${digits(q.num) - digits(q.den)}`;
}
