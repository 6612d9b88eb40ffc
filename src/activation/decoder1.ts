/**
 * The one-layer decoder y = g(W2 z + b2): exact reconstruction of X(n, C)
 * from codes z(1..n+1), decided per output coordinate j, since y_j depends
 * only on (W2_j, b2_j): u_j(z) = W2_j z + b2_j must land in g^{-1}(C) at the
 * codes of signals 1..j and in g^{-1}(0) at the others.
 */
import { Q } from '../kernel/rational.js';
import { stepMatrix } from '../model/steps.js';
import type { Activation } from './catalogue.js';
import { findAffine } from './feasibility.js';
import { type Interval, isProper, pwlEval, pwlPreimage } from './pwl.js';

/** The outcome of the exact decision. */
export type Decision =
  | { status: 'yes'; W2: Q[]; b2: Q[] }
  | { status: 'real-only'; reason: string }
  | { status: 'no'; reason: string }
  | { status: 'undecided'; reason: string };

function inOpenRange(v: Q, r: { lo: Q | null; hi: Q | null }): boolean {
  return (r.lo === null || r.lo.lt(v)) && (r.hi === null || v.lt(r.hi));
}

/** Targets of coordinate j (0-based): C on signals 0..j, 0 after. */
function targets(n: number, j: number): boolean[] {
  return Array.from({ length: n + 1 }, (_, i) => i <= j);
}

/** Decides exact reconstruction over Q (and over R where it differs). */
export function decideOneLayer(act: Activation, codes: readonly Q[], C: Q): Decision {
  const n = codes.length - 1;
  if (act.kind === 'opaque') return { status: 'undecided', reason: act.reason };
  if (act.kind === 'pwl') {
    const preC = pwlPreimage(act.f, C);
    const pre0 = pwlPreimage(act.f, Q.ZERO);
    if (preC.length === 0) return { status: 'no', reason: `g never equals C = ${C}` };
    if (pre0.length === 0) return { status: 'no', reason: 'g never equals 0 (the zero signal needs it)' };
    const W2: Q[] = [];
    const b2: Q[] = [];
    for (let j = 0; j < n; j++) {
      const t = targets(n, j);
      const found = findAffine(
        codes,
        t.map((isC) => (isC ? preC : pre0)),
      );
      if (!found) {
        return {
          status: 'no',
          reason: `output ${j + 1}: no affine u = w z + b maps the codes of signals 1..${j + 1} into g^-1(C) and the others into g^-1(0) (Fourier–Motzkin over every choice of intervals)`,
        };
      }
      W2.push(found.w);
      b2.push(found.b);
    }
    return { status: 'yes', W2, b2 };
  }
  // Strictly monotone g: g^-1(0) and g^-1(C) are single points (if in range).
  const g = act.g;
  if (!inOpenRange(Q.ZERO, g.range))
    return { status: 'no', reason: 'g never equals 0 (its range excludes 0), but the zero signal needs it' };
  if (!inOpenRange(C, g.range)) return { status: 'no', reason: `g never equals C = ${C} (outside its range)` };
  for (let j = 0; j < n; j++) {
    const t = targets(n, j);
    const cCodes = new Set(codes.filter((_, i) => t[i]).map(String));
    const zCodes = new Set(codes.filter((_, i) => !t[i]).map(String));
    if (cCodes.size > 1 || zCodes.size > 1) {
      return {
        status: 'no',
        reason: `output ${j + 1}: g is injective, so u must be constant on ${cCodes.size > 1 ? 'the C-targets' : 'the 0-targets'}, which have distinct codes; an affine u constant at two codes is constant, and g^-1(0) != g^-1(C)`,
      };
    }
    if ([...cCodes].some((c) => zCodes.has(c)))
      return { status: 'no', reason: `output ${j + 1}: one code must give both 0 and C` };
  }
  const p0 = g.preimage(Q.ZERO);
  const pC = g.preimage(C);
  if ('irrational' in p0 || 'irrational' in pC) {
    const which = 'irrational' in pC ? pC.irrational : (p0 as { irrational: string }).irrational;
    return { status: 'real-only', reason: `needs u = ${which} at a code: real weights exist, rational ones do not` };
  }
  // n = 1 with two distinct codes: the line through (z1, pC) and (z2, p0).
  const [z1, z2] = codes as [Q, Q];
  const w = pC.rational.sub(p0.rational).div(z1.sub(z2));
  return { status: 'yes', W2: [w], b2: [pC.rational.sub(w.mul(z1))] };
}

/** The deck's condition: proper intervals A, B with g = 0 on A and g = C on B (exact for PWL). */
export function hasIntervals(
  act: Activation,
  C: Q,
):
  | { status: 'yes'; A: Interval; B: Interval }
  | { status: 'no'; reason: string }
  | { status: 'undecided'; reason: string } {
  if (act.kind === 'opaque') return { status: 'undecided', reason: act.reason };
  if (act.kind === 'injective')
    return { status: 'no', reason: 'strictly increasing: each value is taken at most once' };
  const A = pwlPreimage(act.f, Q.ZERO).find(isProper);
  const B = pwlPreimage(act.f, C).find(isProper);
  if (A && B) return { status: 'yes', A, B };
  return { status: 'no', reason: !A ? 'g is 0 on no proper interval' : `g is C = ${C} on no proper interval` };
}

/** Independent re-check of a PWL witness: g(W2_j z_i + b2_j) = X_ij exactly for every i, j. */
export function checkWitness(act: Activation, codes: readonly Q[], C: Q, W2: Q[], b2: Q[], g?: (u: Q) => Q): boolean {
  const n = codes.length - 1;
  const X = stepMatrix(n, C);
  const f = g ?? (act.kind === 'pwl' ? (u: Q) => pwlEval(act.f, u) : undefined);
  if (!f) return false;
  return codes.every((z, i) => W2.every((w, j) => f(w.mul(z).add(b2[j] as Q)).equals((X[i] as Q[])[j] as Q)));
}
