/**
 * Activations g2 of the two-layer decoder's hidden layer, and full-rank
 * layers A2 = g2(z W2^T + 1 b2^T) over given codes.
 *
 * The catalogue is the one-layer decoder's (catalogue.ts: ReLU, leaky ReLU,
 * hard sigmoid, clipped ReLU, Heaviside, sigmoid, tanh, softplus) plus the
 * polynomials u^2 and u^3, which the "g2 non-linear" reading needs: a
 * polynomial of degree d keeps every column in span{1, z, ..., z^d}.
 *
 * Piecewise-linear and polynomial activations are evaluated exactly, and a
 * full-rank layer is found greedily (a column is kept when it is linearly
 * independent of those kept, decided exactly). Sigmoid, tanh and softplus
 * take transcendental values at rational points: their layer is certified
 * invertible instead. Each is within a rational tail bound of an exact
 * piecewise-linear limit L (|sigmoid(u) - 1[u > 0]| <= e^{-|u|},
 * |tanh(u) - sign(u)| <= 2 e^{-2|u|}, 0 < softplus(u) - ReLU(u) <= e^{-|u|}),
 * so with steep neurons A2 = T + D, T = L(...) exact and invertible and
 * |D_ij| <= eps; ||T^{-1}||_inf m eps < 1 then makes A2 = T (I + T^{-1} D)
 * invertible (a Neumann series). The weights W3 of such a solution are
 * real, not rational; the bound on e^{-a} is rational (Taylor, sigmoid.ts).
 */
import { inverse, type Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { builtins } from './catalogue.js';
import { type PWL, pwlEval } from './pwl.js';
import { expNegUpper } from './sigmoid.js';

/** An activation of layer 2: evaluated exactly, or bounded around an exact piecewise-linear limit. */
export type G2 =
  | {
      id: string;
      /** Inline math (no dollars). */
      tex: string;
      kind: 'exact';
      f: (u: Q) => Q;
      /** Coefficients a_0..a_d when g2 is the polynomial sum a_k u^k (a_d != 0). */
      polynomial?: readonly Q[];
      /** True when g2 is affine (a u + c). */
      affine: boolean;
    }
  | {
      id: string;
      tex: string;
      kind: 'analytic';
      /** The exact piecewise-linear limit L. */
      limit: (u: Q) => Q;
      /** A rational upper bound of |g2(u) - L(u)| valid for every |u| >= a (a > 0). */
      tail: (a: Q) => Q;
      affine: false;
    };

/** The degree of a polynomial activation, undefined for the others. */
export function polyDegree(g: G2): number | undefined {
  return g.kind === 'exact' && g.polynomial ? g.polynomial.length - 1 : undefined;
}

/** True when a PWL function is one affine function everywhere (values at the breaks included). */
export function pwlIsAffine(f: PWL): boolean {
  const p0 = f.pieces[0];
  if (!p0) return true;
  return (
    f.pieces.every((p) => p.a.equals(p0.a) && p.c.equals(p0.c)) &&
    f.breaks.every((b, k) => (f.atBreak[k] as Q).equals(p0.a.mul(b).add(p0.c)))
  );
}

/** The polynomial activation sum_k a_k u^k (Horner, exact). */
export function polynomialG2(id: string, tex: string, coefficients: readonly Q[]): G2 {
  const d = coefficients.length - 1;
  if (d < 0 || (coefficients[d] as Q).isZero())
    throw new RangeError('a polynomial needs a nonzero leading coefficient');
  return {
    id,
    tex,
    kind: 'exact',
    polynomial: coefficients,
    affine: d <= 1,
    f: (u) => coefficients.reduceRight((acc, a) => acc.mul(u).add(a), Q.ZERO),
  };
}

/** The identity g2(u) = u (affine: the "linear g2" of the deck). */
export const IDENTITY_G2: G2 = polynomialG2('identity', 'u', [Q.ZERO, Q.ONE]);

const TEX: Record<string, string> = {
  relu: '\\mathrm{ReLU}(u) = \\max(u, 0)',
  sigmoid: '\\sigma(u) = 1/(1 + e^{-u})',
  tanh: '\\tanh u',
  hardsigmoid: '\\min(\\max(u/6 + 1/2, 0), 1)',
  'clipped-relu': '\\min(\\max(u, 0), C)',
  heaviside: '\\mathbf 1[u > 0]',
  'leaky-relu': '\\max(u, u/100)',
  softplus: '\\ln(1 + e^{u})',
};

const expCache = new Map<string, Q>();

/**
 * A rational upper bound of e^{-a} (a >= 0), memoised: the Taylor bound of
 * sigmoid.ts with 3a + 10 terms, close to e^{-a} (any count gives a valid bound).
 */
function expNeg(a: Q): Q {
  const key = String(a);
  let v = expCache.get(key);
  if (!v) {
    v = expNegUpper(a, Math.ceil(3 * a.toNumber()) + 10);
    expCache.set(key, v);
  }
  return v;
}

const step = (u: Q): Q => (u.sign() > 0 ? Q.ONE : Q.ZERO);

/** The analytic activations of the catalogue: their limit and tail bound, by id. */
const ANALYTIC: Record<string, { limit: (u: Q) => Q; tail: (a: Q) => Q }> = {
  // 1 - sigmoid(a) = sigmoid(-a) = 1 / (1 + e^a) <= e^{-a}.
  sigmoid: {
    limit: step,
    tail: (a) => expNeg(a),
  },
  // 1 - tanh a = 2 sigmoid(-2a) <= 2 e^{-2a}.
  tanh: {
    limit: (u) => Q.int(u.sign()),
    tail: (a) => Q.int(2).mul(expNeg(a.mul(Q.int(2)))),
  },
  // softplus(u) - ReLU(u) = ln(1 + e^{-|u|}) <= e^{-|u|}.
  softplus: {
    limit: (u) => u.max(Q.ZERO),
    tail: (a) => expNeg(a),
  },
};

/**
 * The non-linear activations checked for layer 2: the catalogue's (the
 * analytic ones when their limit and tail bound are known) and the
 * polynomials u^2 and u^3.
 */
export function layer2Catalogue(C: Q): G2[] {
  const out: G2[] = [];
  for (const a of builtins(C)) {
    const tex = TEX[a.id] ?? `\\text{${a.id}}`;
    if (a.kind === 'pwl') {
      const f = a.f;
      out.push({ id: a.id, tex, kind: 'exact', f: (u) => pwlEval(f, u), affine: pwlIsAffine(f) });
    } else if (a.kind === 'injective' && ANALYTIC[a.id]) {
      out.push({ id: a.id, tex, kind: 'analytic', ...(ANALYTIC[a.id] as (typeof ANALYTIC)[string]), affine: false });
    }
  }
  out.push(polynomialG2('square', 'u^2', [Q.ZERO, Q.ZERO, Q.ONE]));
  out.push(polynomialG2('cube', 'u^3', [Q.ZERO, Q.ZERO, Q.ZERO, Q.ONE]));
  return out;
}

/** A full-rank square layer over the codes, or why none was found. */
export type LayerSearch =
  | { kind: 'exact'; W2: Q[]; b2: Q[]; A2: Mat }
  | { kind: 'certified'; W2: Q[]; b2: Q[]; /** ||T^{-1}||_inf m eps < 1. */ bound: Q }
  | { kind: 'not-found'; reason: string };

/** Reduces v against an echelon basis (exact); returns the remainder. */
function reduce(basis: { v: Q[]; pivot: number }[], v: Q[]): Q[] {
  let r = v;
  for (const b of basis) {
    const c = r[b.pivot] as Q;
    if (c.isZero()) continue;
    const f = c.div(b.v[b.pivot] as Q);
    r = r.map((x, i) => x.sub(f.mul(b.v[i] as Q)));
  }
  return r;
}

function sortedDistinct(codes: readonly Q[]): Q[] {
  return [...codes].sort((a, b) => a.cmp(b)).filter((x, k, s) => k === 0 || !x.equals(s[k - 1] as Q));
}

/** The smallest gap between consecutive sorted codes (1 for a single code). */
function minGap(s: readonly Q[]): Q {
  let g: Q | undefined;
  for (let k = 1; k < s.length; k++) {
    const d = (s[k] as Q).sub(s[k - 1] as Q);
    if (!g || d.lt(g)) g = d;
  }
  return g ?? Q.ONE;
}

/**
 * Candidate neurons u = w (z - t): knots t below, between and above the
 * sorted codes and at the codes, slopes +-1 and +-8/gap (steep enough to
 * saturate the hard sigmoid and the clipped ReLU between codes), and the
 * constant neuron w = 0, b = 1.
 */
function candidates(s: readonly Q[]): { w: Q; b: Q }[] {
  const first = s[0] as Q;
  const last = s[s.length - 1] as Q;
  const knots = [
    first.sub(Q.ONE),
    ...s.slice(0, -1).map((x, k) => x.add(s[k + 1] as Q).div(Q.int(2))),
    last.add(Q.ONE),
    ...s,
  ];
  const steep = Q.int(8).div(minGap(s));
  const slopes = [Q.MINUS_ONE, Q.ONE, steep.neg(), steep];
  const out: { w: Q; b: Q }[] = [];
  for (const w of slopes) for (const t of knots) out.push({ w, b: w.mul(t).neg() });
  out.push({ w: Q.ZERO, b: Q.ONE });
  return out;
}

/**
 * An invertible A2 with as many neurons as codes (the codes pairwise
 * distinct): exact and greedy for exact activations, steep triangular
 * columns certified by interval arithmetic for analytic ones.
 */
export function fullRankLayer(g: G2, codes: readonly Q[]): LayerSearch {
  const m = codes.length;
  const s = sortedDistinct(codes);
  if (s.length < m) return { kind: 'not-found', reason: 'two codes are equal: equal rows' };
  if (g.kind === 'exact') {
    const basis: { v: Q[]; pivot: number }[] = [];
    const W2: Q[] = [];
    const b2: Q[] = [];
    for (const c of candidates(s)) {
      const col = codes.map((z) => g.f(c.w.mul(z).add(c.b)));
      const r = reduce(basis, col);
      const pivot = r.findIndex((x) => !x.isZero());
      if (pivot < 0) continue;
      basis.push({ v: r, pivot });
      W2.push(c.w);
      b2.push(c.b);
      if (basis.length === m) break;
    }
    if (basis.length < m)
      return { kind: 'not-found', reason: `the candidate neurons span a space of dimension ${basis.length} < ${m}` };
    return { kind: 'exact', W2, b2, A2: codes.map((z) => W2.map((w, j) => g.f(w.mul(z).add(b2[j] as Q)))) };
  }
  // Decreasing steep columns g(S (t_j - z)), knots halfway between consecutive sorted codes and
  // half a gap above the largest: every |t_j - z_i| >= gap / 2, so every |u| >= S gap / 2 = m + 6.
  const gap = minGap(s);
  const S = Q.int(2 * m + 12).div(gap);
  const knots = s.map((x, k) => (k + 1 < m ? x.add(s[k + 1] as Q) : x.add(x).add(gap)).div(Q.int(2)));
  const W2 = knots.map(() => S.neg());
  const b2 = knots.map((t) => S.mul(t));
  const T = codes.map((z) => W2.map((w, j) => g.limit(w.mul(z).add(b2[j] as Q))));
  const eps = g.tail(S.mul(gap).div(Q.int(2)));
  let Tinv: Mat;
  try {
    Tinv = inverse(T);
  } catch {
    return { kind: 'not-found', reason: 'the limit matrix is singular' };
  }
  const norm = Tinv.map((r) => r.reduce((acc, x) => acc.add(x.abs()), Q.ZERO)).reduce((a, b) => a.max(b), Q.ZERO);
  const bound = norm.mul(Q.int(m)).mul(eps);
  return bound.lt(Q.ONE)
    ? { kind: 'certified', W2, b2, bound }
    : { kind: 'not-found', reason: `the perturbation bound ${bound} is not below 1` };
}

/** The matrix [z_i^k] (k = 0..d) over the codes: every column of a degree-d polynomial layer lies in its span. */
export function vandermonde(codes: readonly Q[], d: number): Mat {
  return codes.map((z) => Array.from({ length: d + 1 }, (_, k) => z.pow(k)));
}
