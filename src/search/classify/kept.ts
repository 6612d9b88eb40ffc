/**
 * The kept case: n columns over m = n + 1 codes, A2 is (n+1) x n, full rank
 * means rank n (some maximal minor nonzero). A type is
 *   always singular  iff every maximal minor is identically 0;
 *   always full rank iff at every point of the open box some maximal minor is nonzero;
 *   generic          otherwise (rank n somewhere, below n somewhere).
 *
 * Decision, cheapest argument first (each one exact):
 * 1. `all-zero`: every vertex value of every minor is 0 (each minor is
 *    multilinear, so it is identically 0): always singular.
 * 2. `one-minor-signed`: some minor has vertex values of one sign, not all
 *    0; a multilinear function >= 0 on a box with an interior zero is 0, so
 *    that minor has no zero in the open box: always full rank.
 * 3. `diagonal`: two free columns of the same class; on their diagonal
 *    (equal knots, inside the box) two columns are equal: generic.
 * 4. `proportional`: the nonzero minors are constant multiples of one
 *    minor (same vertex vectors up to a factor), and it takes both signs
 *    (rule 2 failed): where it vanishes all minors vanish: generic.
 * 5. `kernel-lp`: the rank drops somewhere iff A2(t) x = 0 for some t in
 *    the box and x != 0. Over its open gap a free column is a positive
 *    combination of its two end columns e_lo, e_hi (the column at a finite
 *    end, or the t-coefficient direction at an infinite end, as in
 *    reference.ts), with any ratio: x c(t) = mu_lo e_lo + mu_hi e_hi with
 *    mu_lo, mu_hi of one strict sign (x != 0) or both 0 (x = 0). So the rank
 *    drops somewhere iff the kernel of the fixed matrix [e_lo, e_hi per free
 *    column | c per code column] holds a nonzero vector with, per free
 *    column, equal signs of its two entries. A depth-first search assigns
 *    the signs (+, -, 0) column by column and prunes with exact linear
 *    programs on the partial assignment (unassigned entries free).
 */
import { kernel, rank } from '../../kernel/matrix.js';
import { Q } from '../../kernel/rational.js';
import { type KeptVerdict } from './counts.js';
import { type Criterion, radoHolds } from './criterion.js';
import { solveFeasible } from './lp.js';
import { gapEnds, isFree } from './classes.js';
import { vertexColumn } from './reference.js';

/**
 * Decides one kept type.
 * @param signs per maximal minor, its vertex signs (empty when every minor is 0).
 * @param values per maximal minor, its exact vertex values (integers), when known: enables rule 4.
 */
export function decideKept(
  codes: readonly Q[],
  type: readonly number[],
  signs: readonly (readonly number[])[],
  values?: readonly (readonly number[])[],
): KeptVerdict {
  const nonzero = signs.map((s, r) => ({ s, r })).filter(({ s }) => s.some((x) => x !== 0));
  if (nonzero.length === 0) return { cls: 'singular', how: 'all-zero' };
  if (nonzero.some(({ s }) => !(s.some((x) => x > 0) && s.some((x) => x < 0)))) {
    return { cls: 'full', how: 'one-minor-signed' };
  }
  for (let j = 1; j < type.length; j++) {
    if (type[j] === type[j - 1] && isFree(type[j] as number)) return { cls: 'generic', how: 'diagonal' };
  }
  if (values) {
    const base = values[(nonzero[0] as { r: number }).r] as readonly number[];
    const k0 = base.findIndex((x) => x !== 0);
    // Integer vertex values (exact, see engine.ts); their products can pass 2^53, so compare in BigInt.
    const b0 = BigInt(base[k0] as number);
    const proportional = nonzero.every(({ r }) => {
      const v = values[r] as readonly number[];
      const v0 = BigInt(v[k0] as number);
      return v.every((x, k) => BigInt(x) * b0 === BigInt(base[k] as number) * v0);
    });
    if (proportional) return { cls: 'generic', how: 'proportional' };
  }
  return kernelWitness(codes, type) ? { cls: 'generic', how: 'kernel-lp' } : { cls: 'full', how: 'kernel-lp' };
}

/** A point of the box and a nonzero kernel vector there: knots (one per column) and x. */
export interface KernelWitness {
  knots: Q[];
  x: Q[];
}

/** Whether the rank drops somewhere in the box (see kernelWitness). */
export function kernelDropsSomewhere(codes: readonly Q[], type: readonly number[]): boolean {
  return kernelWitness(codes, type) !== undefined;
}

/**
 * Some t in the type's open box and x != 0 with A2(t) x = 0 (rule 5
 * above), or undefined when there is none. Exact; any number of codes.
 */
export function kernelWitness(codes: readonly Q[], type: readonly number[]): KernelWitness | undefined {
  const m = codes.length;
  const free = type.map((c) => isFree(c));
  const lo = type.map((c) => vertexColumn(codes, c, 0));
  const hi = type.map((c, j) => (free[j] ? vertexColumn(codes, c, 1) : (lo[j] as Q[])));
  const fixed = type.map((_, j) => j).filter((j) => !free[j]);
  const freeIdx = type.map((_, j) => j).filter((j) => free[j]);
  // All free entries 0: the code columns alone must be dependent.
  const defaultKnot = (c: number): Q => {
    const { lo: a, hi: b } = gapEnds(c >> 1, codes);
    if (a && b) return a.add(b).div(Q.int(2));
    return a ? a.add(Q.ONE) : (b as Q).sub(Q.ONE);
  };
  const codeKnot = (c: number): Q => codes[((c >> 1) - 1) / 2] as Q;
  if (fixed.length > 0) {
    const F = codes.map((_, i) => fixed.map((j) => (lo[j] as Q[])[i] as Q));
    if (rank(F) < fixed.length) {
      const v = kernelVector(F);
      const x = type.map(() => Q.ZERO);
      fixed.forEach((j, k) => (x[j] = v[k] as Q));
      return { knots: type.map((c) => (isFree(c) ? defaultKnot(c) : codeKnot(c))), x };
    }
  }
  // eps[k]: sign of free column freeIdx[k]: 1, -1, 0, or undefined (unassigned: free entries).
  const lpSolve = (eps: (number | undefined)[]): Q[] | undefined => {
    const cols: Q[][] = [];
    const rhs = new Array<Q>(m).fill(Q.ZERO);
    const addFree = (v: Q[]) => {
      cols.push(v);
      cols.push(v.map((x) => x.neg()));
    };
    freeIdx.forEach((j, k) => {
      const e = eps[k];
      const a = lo[j] as Q[];
      const b = hi[j] as Q[];
      if (e === undefined) {
        addFree(a);
        addFree(b);
      } else if (e !== 0) {
        // mu = e (1 + nu), nu >= 0: e nu_lo a + e nu_hi b = -e (a + b) moved to the right.
        const s = Q.int(e);
        cols.push(a.map((x) => x.mul(s)));
        cols.push(b.map((x) => x.mul(s)));
        for (let i = 0; i < m; i++) rhs[i] = (rhs[i] as Q).sub(s.mul((a[i] as Q).add(b[i] as Q)));
      }
    });
    for (const j of fixed) addFree(lo[j] as Q[]);
    if (cols.length === 0) return rhs.every((x) => x.isZero()) ? [] : undefined;
    const A = codes.map((_, i) => cols.map((c) => c[i] as Q));
    return solveFeasible(A, rhs);
  };
  // The witness from a solution of a complete assignment (variables in the order lpSolve lays them out).
  const witness = (eps: number[], sol: Q[]): KernelWitness => {
    const knots = type.map((c) => (isFree(c) ? defaultKnot(c) : codeKnot(c)));
    const x = type.map(() => Q.ZERO);
    let k = 0;
    freeIdx.forEach((j, q) => {
      const e = eps[q] as number;
      if (e === 0) return;
      const s = Q.int(e);
      const muLo = s.mul(Q.ONE.add(sol[k] as Q));
      const muHi = s.mul(Q.ONE.add(sol[k + 1] as Q));
      k += 2;
      const { lo: a, hi: b } = gapEnds((type[j] as number) >> 1, codes);
      // x c(t) = mu_lo e_lo + mu_hi e_hi: invert the parametrisation of each kind of gap.
      if (!a) {
        x[j] = muHi;
        knots[j] = (b as Q).sub(muLo.div(muHi));
      } else if (!b) {
        x[j] = muLo;
        knots[j] = a.add(muHi.div(muLo));
      } else {
        x[j] = muLo.add(muHi);
        knots[j] = a.add(b.sub(a).mul(muHi.div(x[j] as Q)));
      }
    });
    for (const j of fixed) {
      x[j] = (sol[k] as Q).sub(sol[k + 1] as Q);
      k += 2;
    }
    return { knots, x };
  };
  const f = freeIdx.length;
  for (let first = 0; first < f; first++) {
    // Free columns before `first` are 0, `first` is positive (the global sign is free).
    const eps: (number | undefined)[] = Array.from({ length: f }, (_, k) =>
      k < first ? 0 : k === first ? 1 : undefined,
    );
    const dfs = (k: number): KernelWitness | undefined => {
      const sol = lpSolve(eps);
      if (!sol) return undefined;
      if (k === f) return witness(eps as number[], sol);
      for (const e of [1, -1, 0]) {
        eps[k] = e;
        const w = dfs(k + 1);
        if (w) return w;
      }
      eps[k] = undefined;
      return undefined;
    };
    const w = dfs(first + 1);
    if (w) return w;
  }
  return undefined;
}

/** A nonzero vector of the kernel of a rank-deficient matrix (Gauss–Jordan over Q). */
function kernelVector(A: readonly (readonly Q[])[]): Q[] {
  const basis = kernel(A.map((r) => r.slice()));
  const v = basis[0];
  if (!v) throw new RangeError('kernelVector: the matrix has full column rank');
  return v;
}

/**
 * The kept-case criterion as a function of the type alone: always singular
 * iff Rado's condition fails; otherwise generic iff the exact kernel search
 * finds a rank drop in the box, else always full rank.
 */
export const keptCriterion: Criterion = (type, codes) => {
  if (!radoHolds(type, codes.length)) return 'singular';
  return kernelDropsSomewhere(codes, type) ? 'generic' : 'full';
};
