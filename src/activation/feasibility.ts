/**
 * Exact feasibility of a one-layer decoder coordinate: find (w, b) in Q^2
 * with w z_i + b in a prescribed set for every code z_i, each set a union of
 * intervals. A depth-first choice of one interval per code, each partial
 * system decided by Fourier–Motzkin over the two unknowns with strict and
 * non-strict inequalities, and an exact rational witness.
 */
import { Q } from '../kernel/rational.js';
import type { Interval } from './pwl.js';

/** alpha*w + beta*b  <  gamma (strict) or <= gamma. */
interface Ineq {
  alpha: Q;
  beta: Q;
  gamma: Q;
  strict: boolean;
}

/** Constraints saying w z + b lies in the interval. */
function intervalConstraints(z: Q, i: Interval): Ineq[] {
  const out: Ineq[] = [];
  // lo <= w z + b  <=>  -z w - b <= -lo
  if (i.lo !== null) out.push({ alpha: z.neg(), beta: Q.MINUS_ONE, gamma: i.lo.neg(), strict: !i.loClosed });
  if (i.hi !== null) out.push({ alpha: z, beta: Q.ONE, gamma: i.hi, strict: !i.hiClosed });
  return out;
}

/** A bound x > v, x >= v, x < v or x <= v on one unknown. */
interface Bound {
  value: Q;
  strict: boolean;
}

/** A point inside {x : x > / >= each lower, x < / <= each upper}, or undefined when empty. */
function pick(lowers: Bound[], uppers: Bound[]): Q | undefined {
  const tightest = (bs: Bound[], lower: boolean): Bound | undefined =>
    bs.reduce<Bound | undefined>((best, b) => {
      if (!best) return b;
      const c = b.value.cmp(best.value);
      if (lower ? c > 0 : c < 0) return b;
      if (c === 0 && b.strict) return b;
      return best;
    }, undefined);
  const lo = tightest(lowers, true);
  const hi = tightest(uppers, false);
  if (!lo && !hi) return Q.ZERO;
  if (!lo) return (hi as Bound).value.sub(Q.ONE);
  if (!hi) return lo.value.add(Q.ONE);
  const c = lo.value.cmp(hi.value);
  if (c > 0) return undefined;
  if (c === 0) return lo.strict || hi.strict ? undefined : lo.value;
  return lo.value.add(hi.value).div(Q.int(2));
}

/** Solves the system exactly: a witness (w, b), or undefined when infeasible. */
export function solve2(system: Ineq[]): { w: Q; b: Q } | undefined {
  // Eliminate b: beta > 0 gives b <(=) (gamma - alpha w)/beta, beta < 0 gives a lower bound.
  const up = system.filter((s) => s.beta.sign() > 0);
  const down = system.filter((s) => s.beta.sign() < 0);
  const wOnly: Ineq[] = system.filter((s) => s.beta.isZero());
  for (const u of up) {
    for (const d of down) {
      // u: alpha_u w + beta_u b <= gamma_u; d: alpha_d w + beta_d b <= gamma_d with beta_d < 0.
      // Multiply u by -beta_d > 0 and d by beta_u > 0 and add: b cancels.
      const mu = d.beta.neg();
      const md = u.beta;
      wOnly.push({
        alpha: u.alpha.mul(mu).add(d.alpha.mul(md)),
        beta: Q.ZERO,
        gamma: u.gamma.mul(mu).add(d.gamma.mul(md)),
        strict: u.strict || d.strict,
      });
    }
  }
  const wLow: Bound[] = [];
  const wUp: Bound[] = [];
  for (const s of wOnly) {
    if (s.alpha.isZero()) {
      // 0 < gamma or 0 <= gamma.
      if (s.strict ? s.gamma.sign() <= 0 : s.gamma.sign() < 0) return undefined;
      continue;
    }
    const v = s.gamma.div(s.alpha);
    (s.alpha.sign() > 0 ? wUp : wLow).push({ value: v, strict: s.strict });
  }
  const w = pick(wLow, wUp);
  if (w === undefined) return undefined;
  const bLow: Bound[] = down.map((d) => ({ value: d.gamma.sub(d.alpha.mul(w)).div(d.beta), strict: d.strict }));
  const bUp: Bound[] = up.map((u) => ({ value: u.gamma.sub(u.alpha.mul(w)).div(u.beta), strict: u.strict }));
  const b = pick(bLow, bUp);
  return b === undefined ? undefined : { w, b };
}

/**
 * Finds (w, b) with w z_i + b in sets[i] for every i, or undefined when none
 * exists. sets[i] is a union of intervals; the search branches on which
 * interval each code uses and prunes as soon as a partial system is infeasible.
 */
export function findAffine(codes: readonly Q[], sets: readonly (readonly Interval[])[]): { w: Q; b: Q } | undefined {
  const go = (i: number, acc: Ineq[]): { w: Q; b: Q } | undefined => {
    if (i === codes.length) return solve2(acc);
    for (const iv of sets[i] ?? []) {
      const next = [...acc, ...intervalConstraints(codes[i] as Q, iv)];
      if (solve2(next) === undefined) continue;
      const r = go(i + 1, next);
      if (r) return r;
    }
    return undefined;
  };
  return go(0, []);
}
