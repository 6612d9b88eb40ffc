/**
 * The mirror symmetry of the canonical grid and the orbit weights the
 * exhaustive search uses to visit one configuration per orbit.
 *
 * When the sorted codes are symmetric about their centre,
 * z_i + z_{m+1-i} = c = z_1 + z_m for every i (codes z = i are), the map
 * z -> c - z sends the codes onto themselves in reverse order, and the knot
 * grid onto itself (z_1 - 1 and z_m + 1 swap, each gap's equally spaced
 * points map to the mirrored gap's). The column ReLU(s (z - t)) read on the
 * mirrored codes is ReLU(-s (z - (c - t))): the column type
 * 2 k + [s = +1] maps to 2 (K - 1 - k) + [s = -1], that is ty -> T - 1 - ty.
 * A configuration and its mirror have the same A2 up to reversing the rows,
 * hence the same rank, the same row and column zero-pattern multiplicities,
 * and ratios k_j = -t_j mapped by the bijection k -> -c - k: every reading's
 * condition is the same.
 *
 * A configuration is a sorted type sequence a_1 <= ... <= a_n; its mirror,
 * sorted, is (T-1-a_n, ..., T-1-a_1). The orbit's representative is the
 * lexicographically smaller of the two; it carries weight 2 when the two
 * differ and 1 when the configuration is its own mirror. Since the
 * representative is the smallest of its orbit, the first counterexample in
 * enumeration order is always a representative.
 */
import { binom } from './grid.js';
import type { Q } from '../kernel/rational.js';

/** True when the sorted codes are symmetric about their centre (then the whole grid is). */
export function mirrorApplies(codes: readonly Q[]): boolean {
  const m = codes.length;
  if (m === 0) return false;
  const c = (codes[0] as Q).add(codes[m - 1] as Q);
  for (let i = 0; i < m; i++) if (!(codes[i] as Q).add(codes[m - 1 - i] as Q).equals(c)) return false;
  return true;
}

/** Multisets of size k from `items` items: C(items + k - 1, k) (1 for k = 0). */
function multichoose(items: number, k: number): bigint {
  if (k === 0) return 1n;
  if (items <= 0) return 0n;
  return binom(items + k - 1, k);
}

/**
 * The weight of a complete sorted sequence under the mirror: 2 when it is
 * smaller than its mirror, 1 when equal, 0 when larger.
 */
export function mirrorWeight(types: readonly number[], T: number): 0 | 1 | 2 {
  const n = types.length;
  for (let i = 0; i < n; i++) {
    const a = types[i] as number;
    const b = T - 1 - (types[n - 1 - i] as number);
    if (a !== b) return a < b ? 2 : 0;
  }
  return 1;
}

/**
 * The total weight of the sorted sequences of length `len` that start with
 * `prefix`, all of whose elements lie in the mirror-symmetric range
 * [lo, T - 1 - lo] (prefix elements included). Peels the outermost pair
 * (a_1, a_len): a_len < T-1-a_1 gives weight 2 whatever lies between; a_len
 * = T-1-a_1 leaves the inner sequence, in the symmetric range [a_1, T-1-a_1],
 * to decide. A whole symmetric range weighs as many sequences as it holds
 * (each orbit of two weighs 2, each fixed point 1).
 */
function weightFrom(prefix: readonly number[], len: number, lo: number, T: number): bigint {
  if (len === 0) return 1n;
  if (prefix.length === 0) return multichoose(T - 2 * lo, len);
  if (prefix.length === len) return BigInt(mirrorWeight(prefix, T));
  const x = prefix[0] as number;
  const hiAll = T - 1 - x;
  if (x > hiAll) return 0n;
  const last = prefix[prefix.length - 1] as number;
  if (last > hiAll) return 0n;
  // a_len = y in [last, hiAll - 1]: weight 2, the k middle elements free in [last, y]:
  // sum_{y} C(y - last + k, k) = C(hiAll - 1 - last + k + 1, k + 1) (hockey stick).
  const k = len - 1 - prefix.length;
  const free = hiAll - 1 >= last ? 2n * binom(hiAll - 1 - last + k + 1, k + 1) : 0n;
  // a_len = hiAll: the inner sequence a_2..a_{len-1}, starting with prefix[1:], decides.
  return free + weightFrom(prefix.slice(1), len - 2, x, T);
}

/**
 * The number of configurations a unit stands for when only orbit
 * representatives are visited: the weighted count of the representatives
 * of length n that start with `prefix`. Over all prefixes of one length
 * these add up to C(T + n - 1, n).
 */
export function mirrorUnitWeight(prefix: readonly number[], n: number, T: number): bigint {
  return weightFrom(prefix, n, 0, T);
}
