/**
 * The exact combinatorial criterion for the three classes of a type, for
 * columns of both signs (codes z_1 < ... < z_m, 1-based in the comments).
 *
 * 1. Always singular iff Rado's condition fails (any m >= n, square or kept).
 *    Over its box a column c_j(t) = a_j + t b_j moves on a segment, so
 *    det(..., a_j + t_j b_j, ...) is identically 0 iff generic vectors
 *    v_j of the planes V_j = span{a_j, b_j} are dependent, and by Rado's
 *    theorem (independent transversals of a matroid) they can be chosen
 *    independent iff dim(sum of V_j, j in J) >= |J| for every set J of
 *    columns. The planes are spans of psi_i = (z - z_i)_+ and
 *    phi_i = (z_i - z)_+ restricted to the codes:
 *      increasing, gap (z_r, z_(r+1)):  {psi_r, psi_(r+1)};  left of z_1: all affine functions;
 *      increasing, on z_r:              {psi_r};             right of z_m or on z_m: {0};
 *      decreasing: mirrored, with phi (right of z_m: all affine functions).
 *    psi_m = phi_1 = 0; psi_1 = z - z_1 and phi_m = z_m - z are affine, and
 *    psi_i - phi_i = z - z_i. Hence, for a set of generators,
 *      dim = #{interior i (2..m-1) with psi_i or phi_i}
 *          + (all affine functions included ? 2 : min(2, #points)),
 *    points: z_1 if psi_1, z_m if phi_m, z_i if both psi_i and phi_i
 *    (m >= 2; the z - c for two distinct c span the affine functions).
 *
 * 2. Square case (m = n): A2(t) is singular iff some y != 0 has y^T A2 = 0.
 *    With h(t) = sum y_i (z_i - t)_+ (zero right of z_m, breakpoints at the
 *    codes), d = the affine function equal to h left of z_1, u = h - d
 *    (zero left of z_1): y^T c_j = h(t_j) for an increasing column and
 *    u(t_j) for a decreasing one. Writing a_i = h(z_i), b_i = u(z_i),
 *    d_i = d(z_i): a_m = 0, b_1 = 0, a_i - b_i = d_i, and (a_1..a_(m-1),
 *    slope of d) are free, so y <-> (a, d) is a bijection. A free knot in
 *    the open gap (z_r, z_(r+1)) is a zero of the linear interpolant iff the
 *    two end values have strictly opposite signs (then the zero is unique
 *    and inside) or are both 0; a knot on z_r needs the value 0 there; a
 *    knot left of z_1 (increasing) or right of z_m (decreasing) is a zero
 *    of d there. Every one of these conditions depends only on signs, and
 *    any signs compatible with b = a - d are realised by reals (d first,
 *    then each a_i between or beyond 0 and d_i). So the type is singular
 *    somewhere in its box iff sign vectors alpha = sgn a, beta = sgn b and
 *    delta = sgn d exist with:
 *      (S1) alpha_m = 0, beta_1 = 0, alpha_1 = delta_1, beta_m = -delta_m;
 *      (S2) delta is the sign pattern of an affine function on the sorted
 *           codes (monotone, at most one 0) or identically 0;
 *      (S3) per code: delta_i = 0 => beta_i = alpha_i; delta_i > 0 =>
 *           beta_i < alpha_i or beta_i = alpha_i != 0; delta_i < 0: mirrored;
 *      (S4) increasing free knot in (z_r, z_(r+1)): alpha_r alpha_(r+1) = -1
 *           or both 0; increasing knot on z_r: alpha_r = 0; decreasing: the
 *           same for beta;
 *      (S5) increasing knot left of z_1, or decreasing knot right of z_m:
 *           delta has no 0 and no sign change (the root of d can be put on
 *           that side); both kinds present: delta = 0;
 *      (S6) alpha or delta is not all 0.
 *    A dynamic programme over the codes decides it. Always full rank iff
 *    Rado holds and no such signs exist; generic iff both hold. The
 *    conditions use the order of the codes only, so the classes do too.
 *
 * The kept case (m = n + 1) uses 1. and the exact kernel search of kept.ts.
 */
import { popcount } from '../../kernel/bits.js';
import { type Q } from '../../kernel/rational.js';
import { classOf } from './classes.js';
import { type TypeClass } from './reference.js';

/** A type-only criterion: the predicted class of a type over the given codes. */
export type Criterion = (type: readonly number[], codes: readonly Q[]) => TypeClass;

/**
 * Rado's condition for a type over m codes: every set J of columns spans at
 * least |J| dimensions (see the header). O(2^n) with bit masks.
 */
export function radoHolds(type: readonly number[], m: number): boolean {
  const n = type.length;
  if (n > 20) throw new RangeError('radoHolds: at most 20 columns');
  // Generators as bit masks: bit i (1-based code) in psi / phi, and the affine flag.
  const psi = new Int32Array(n);
  const phi = new Int32Array(n);
  const aff = new Uint8Array(n);
  type.forEach((c, j) => {
    const { s, p } = classOf(c);
    if (p % 2 === 1) {
      const r = (p + 1) / 2;
      if (s === 1) psi[j] = r < m ? 1 << r : 0;
      else phi[j] = r > 1 ? 1 << r : 0;
      return;
    }
    const g = p / 2;
    if (s === 1) {
      if (g === 0) aff[j] = 1;
      else if (g < m) psi[j] = (1 << g) | (g + 1 < m ? 1 << (g + 1) : 0);
    } else {
      if (g === m) aff[j] = 1;
      else if (g > 0) phi[j] = (g > 1 ? 1 << g : 0) | (1 << (g + 1));
    }
  });
  let interior = 0;
  for (let i = 2; i <= m - 1; i++) interior |= 1 << i;
  const ends = (1 << 1) | (1 << m);
  const P = new Int32Array(1 << n);
  const F = new Int32Array(1 << n);
  const A = new Uint8Array(1 << n);
  for (let J = 1; J < 1 << n; J++) {
    const j = 31 - Math.clz32(J & -J);
    const rest = J & (J - 1);
    P[J] = (P[rest] as number) | (psi[j] as number);
    F[J] = (F[rest] as number) | (phi[j] as number);
    A[J] = (A[rest] as number) | (aff[j] as number);
    const ps = P[J] as number;
    const ph = F[J] as number;
    let dim: number;
    if (m === 1) dim = A[J] ? 1 : 0;
    else {
      const points = (ps & ph & interior) | (ps & (1 << 1)) | (ph & (1 << m));
      dim = popcount((ps | ph) & interior) + (A[J] ? 2 : Math.min(2, popcount(points & (interior | ends))));
    }
    if (dim < popcount(J)) return false;
  }
  return true;
}

/** Index of a sign pair (alpha, beta) in 0..8: 3 (alpha + 1) + (beta + 1). */
const pairIndex = (a: number, b: number) => 3 * (a + 1) + (b + 1);

/** (S3): the sign pairs allowed at a code where delta has sign d. */
const ALLOWED: readonly number[][] = [-1, 0, 1].map((d) => {
  const out: number[] = [];
  for (const a of [-1, 0, 1])
    for (const b of [-1, 0, 1]) {
      const ok = d === 0 ? a === b : d > 0 ? b < a || (a === b && a !== 0) : b > a || (a === b && a !== 0);
      if (ok) out.push(pairIndex(a, b));
    }
  return out;
});

/** The constraints a type puts on the sign vectors (see the header). */
interface Profile {
  /** incGap[i]: an increasing free knot in (z_i, z_(i+1)) (0-based: between codes i and i+1). */
  incGap: Uint8Array;
  decGap: Uint8Array;
  incCode: Uint8Array;
  decCode: Uint8Array;
  needLeft: boolean;
  needRight: boolean;
}

function profileOf(type: readonly number[], m: number): Profile {
  const pr: Profile = {
    incGap: new Uint8Array(m),
    decGap: new Uint8Array(m),
    incCode: new Uint8Array(m),
    decCode: new Uint8Array(m),
    needLeft: false,
    needRight: false,
  };
  for (const c of type) {
    const { s, p } = classOf(c);
    if (p % 2 === 1) (s === 1 ? pr.incCode : pr.decCode)[(p - 1) / 2] = 1;
    else {
      const g = p / 2;
      if (g === 0)
        pr.needLeft ||= s === 1; // a decreasing column there is zero: no constraint
      else if (g === m) pr.needRight ||= s === -1;
      else (s === 1 ? pr.incGap : pr.decGap)[g - 1] = 1;
    }
  }
  return pr;
}

/** (S4) across a gap: the two end signs are strictly opposite or both 0. */
const crosses = (x: number, y: number) => x * y === -1 || (x === 0 && y === 0);

/**
 * Whether sign vectors satisfying (S1)-(S6) exist for a fixed delta
 * pattern: a dynamic programme over the codes with states (alpha_i,
 * beta_i, something nonzero so far).
 */
function feasibleFor(pr: Profile, delta: readonly number[], m: number): boolean {
  // state index: pair * 2 + nonzero
  let cur = new Uint8Array(18);
  for (let i = 0; i < m; i++) {
    const d = delta[i] as number;
    const next = new Uint8Array(18);
    for (const q of ALLOWED[d + 1] as number[]) {
      const a = Math.floor(q / 3) - 1;
      const b = (q % 3) - 1;
      if (i === 0 && (b !== 0 || a !== d)) continue;
      if (i === m - 1 && (a !== 0 || b !== -d)) continue;
      if (pr.incCode[i] && a !== 0) continue;
      if (pr.decCode[i] && b !== 0) continue;
      const nzHere = a !== 0 || d !== 0 ? 1 : 0;
      if (i === 0) {
        next[q * 2 + nzHere] = 1;
        continue;
      }
      for (let st = 0; st < 18; st++) {
        if (!cur[st]) continue;
        const pq = st >> 1;
        const pa = Math.floor(pq / 3) - 1;
        const pb = (pq % 3) - 1;
        if (pr.incGap[i - 1] && !crosses(pa, a)) continue;
        if (pr.decGap[i - 1] && !crosses(pb, b)) continue;
        next[q * 2 + ((st & 1) | nzHere)] = 1;
      }
    }
    cur = next;
  }
  for (let st = 1; st < 18; st += 2) if (cur[st]) return true;
  return false;
}

/**
 * Square case: whether the type is singular at some point of its open box
 * (including always singular types), by the sign conditions (S1)-(S6).
 * @throws RangeError when m < 1.
 */
export function singularSomewhere(type: readonly number[], m: number): boolean {
  if (m < 1) throw new RangeError('at least one code');
  const pr = profileOf(type, m);
  const patterns: number[][] = [new Array<number>(m).fill(0)];
  if (!(pr.needLeft && pr.needRight)) {
    for (const o of [1, -1]) {
      patterns.push(new Array<number>(m).fill(o));
      if (pr.needLeft || pr.needRight) continue;
      // A root inside: between codes k-1 and k, or on code k (0-based), sign -o before and o after.
      for (let k = 1; k < m; k++) patterns.push(Array.from({ length: m }, (_, i) => (i < k ? -o : o)));
      for (let k = 0; k < m; k++) patterns.push(Array.from({ length: m }, (_, i) => (i < k ? -o : i === k ? 0 : o)));
    }
  }
  return patterns.some((delta) => feasibleFor(pr, delta, m));
}

/**
 * The criterion for the square case (zero signal dropped, m = n codes):
 * always singular iff Rado fails; otherwise generic iff the sign conditions
 * hold (a zero of det A2 in the box), else always full rank.
 * @throws RangeError unless the type has as many columns as there are codes.
 */
export function squareCriterion(type: readonly number[], codes: readonly Q[]): TypeClass {
  const m = codes.length;
  if (type.length !== m) throw new RangeError('squareCriterion: as many columns as codes');
  if (!radoHolds(type, m)) return 'singular';
  return singularSomewhere(type, m) ? 'generic' : 'full';
}
