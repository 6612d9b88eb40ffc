/**
 * Exact piecewise-linear functions of one rational variable, possibly
 * discontinuous: breakpoints b_1 < ... < b_m, an affine a u + c on each open
 * piece (-inf, b_1), (b_1, b_2), ..., (b_m, +inf), and a value at each
 * breakpoint. Closed under +, -, scaling, min, max, abs and selection by
 * the sign of another PWL function, so user expressions built from those
 * are decided exactly.
 */
import { Q } from '../kernel/rational.js';

/** An affine function a u + c. */
export interface Affine {
  a: Q;
  c: Q;
}

/** A piecewise-linear function: pieces.length = breaks.length + 1 = atBreak.length + 1. */
export interface PWL {
  breaks: Q[];
  pieces: Affine[];
  atBreak: Q[];
}

const aff = (x: Affine, u: Q): Q => x.a.mul(u).add(x.c);

export function pwlConst(c: Q): PWL {
  return { breaks: [], pieces: [{ a: Q.ZERO, c }], atBreak: [] };
}

export function pwlIdentity(): PWL {
  return { breaks: [], pieces: [{ a: Q.ONE, c: Q.ZERO }], atBreak: [] };
}

/** Builds a PWL from explicit breakpoints, pieces and breakpoint values (validated). */
export function pwl(breaks: Q[], pieces: Affine[], atBreak?: Q[]): PWL {
  if (pieces.length !== breaks.length + 1) throw new RangeError('a PWL needs one more piece than breakpoints');
  for (let k = 1; k < breaks.length; k++) {
    if (!(breaks[k - 1] as Q).lt(breaks[k] as Q)) throw new RangeError('breakpoints must increase');
  }
  // Default: continuous from the left piece.
  const values = atBreak ?? breaks.map((b, k) => aff(pieces[k] as Affine, b));
  return { breaks, pieces, atBreak: values };
}

/** f(u), exactly. */
export function pwlEval(f: PWL, u: Q): Q {
  let k = 0;
  while (k < f.breaks.length) {
    const c = u.cmp(f.breaks[k] as Q);
    if (c === 0) return f.atBreak[k] as Q;
    if (c < 0) break;
    k++;
  }
  return aff(f.pieces[k] as Affine, u);
}

/** A point inside the open piece (lo, hi) (either end may be missing: unbounded). */
function samplePoint(lo: Q | undefined, hi: Q | undefined): Q {
  if (lo === undefined) return hi === undefined ? Q.ZERO : hi.sub(Q.ONE);
  return hi === undefined ? lo.add(Q.ONE) : lo.add(hi).div(Q.int(2));
}

/** The same function on a superset of its breakpoints. */
function refine(f: PWL, breaks: Q[]): PWL {
  const pieces: Affine[] = [];
  const atBreak: Q[] = [];
  for (let k = 0; k <= breaks.length; k++) {
    // A sample point inside new piece k locates the old piece.
    const lo = breaks[k - 1];
    const hi = breaks[k];
    const sample = samplePoint(lo, hi);
    let j = 0;
    while (j < f.breaks.length && (f.breaks[j] as Q).lt(sample)) j++;
    pieces.push(f.pieces[j] as Affine);
    if (hi !== undefined) atBreak.push(pwlEval(f, hi));
  }
  return { breaks, pieces, atBreak };
}

function mergeBreaks(...lists: Q[][]): Q[] {
  const all = lists.flat().sort((x, y) => x.cmp(y));
  return all.filter((x, k) => k === 0 || !x.equals(all[k - 1] as Q));
}

function pointwise(f: PWL, g: PWL, onAffine: (x: Affine, y: Affine) => Affine, onValue: (x: Q, y: Q) => Q): PWL {
  const breaks = mergeBreaks(f.breaks, g.breaks);
  const F = refine(f, breaks);
  const G = refine(g, breaks);
  return simplify({
    breaks,
    pieces: F.pieces.map((p, k) => onAffine(p, G.pieces[k] as Affine)),
    atBreak: F.atBreak.map((v, k) => onValue(v, G.atBreak[k] as Q)),
  });
}

export function pwlAdd(f: PWL, g: PWL): PWL {
  return pointwise(
    f,
    g,
    (x, y) => ({ a: x.a.add(y.a), c: x.c.add(y.c) }),
    (x, y) => x.add(y),
  );
}

export function pwlScale(f: PWL, s: Q): PWL {
  return simplify({
    breaks: f.breaks,
    pieces: f.pieces.map((p) => ({ a: p.a.mul(s), c: p.c.mul(s) })),
    atBreak: f.atBreak.map((v) => v.mul(s)),
  });
}

export function pwlSub(f: PWL, g: PWL): PWL {
  return pwlAdd(f, pwlScale(g, Q.MINUS_ONE));
}

/** The zeros of h strictly inside its pieces (where an affine piece crosses 0). */
function innerZeros(h: PWL): Q[] {
  const out: Q[] = [];
  h.pieces.forEach((p, k) => {
    if (p.a.isZero()) return;
    const z = p.c.neg().div(p.a);
    const lo = h.breaks[k - 1];
    const hi = h.breaks[k];
    if ((lo === undefined || lo.lt(z)) && (hi === undefined || z.lt(hi))) out.push(z);
  });
  return out;
}

/** Comparison operators for selection. */
export type Comparison = '>' | '>=' | '<' | '<=' | '==' | '!=';

function holds(op: Comparison, x: Q): boolean {
  const s = x.sign();
  switch (op) {
    case '>':
      return s > 0;
    case '>=':
      return s >= 0;
    case '<':
      return s < 0;
    case '<=':
      return s <= 0;
    case '==':
      return s === 0;
    case '!=':
      return s !== 0;
  }
}

/** (h op 0) ? A : B, pointwise and exactly. */
export function pwlSelect(h: PWL, op: Comparison, A: PWL, B: PWL): PWL {
  const breaks = mergeBreaks(h.breaks, A.breaks, B.breaks, innerZeros(h));
  const H = refine(h, breaks);
  const AA = refine(A, breaks);
  const BB = refine(B, breaks);
  const pieces = H.pieces.map((p, k) => {
    const lo = breaks[k - 1];
    const hi = breaks[k];
    // h has no zero inside the piece unless it is identically 0 there: one sample decides.
    const sample = samplePoint(lo, hi);
    return holds(op, aff(p, sample)) ? (AA.pieces[k] as Affine) : (BB.pieces[k] as Affine);
  });
  const atBreak = H.atBreak.map((v, k) => (holds(op, v) ? (AA.atBreak[k] as Q) : (BB.atBreak[k] as Q)));
  return simplify({ breaks, pieces, atBreak });
}

export function pwlMax(f: PWL, g: PWL): PWL {
  return pwlSelect(pwlSub(f, g), '>=', f, g);
}

export function pwlMin(f: PWL, g: PWL): PWL {
  return pwlSelect(pwlSub(f, g), '<=', f, g);
}

export function pwlAbs(f: PWL): PWL {
  return pwlMax(f, pwlScale(f, Q.MINUS_ONE));
}

/** Drops breakpoints where the function is one affine piece through the point. */
function simplify(f: PWL): PWL {
  const breaks: Q[] = [];
  const pieces: Affine[] = [f.pieces[0] as Affine];
  const atBreak: Q[] = [];
  f.breaks.forEach((b, k) => {
    const left = pieces[pieces.length - 1] as Affine;
    const right = f.pieces[k + 1] as Affine;
    const v = f.atBreak[k] as Q;
    if (left.a.equals(right.a) && left.c.equals(right.c) && aff(left, b).equals(v)) return;
    breaks.push(b);
    atBreak.push(v);
    pieces.push(right);
  });
  return { breaks, pieces, atBreak };
}

/** An interval of the real line with rational (or infinite) ends. */
export interface Interval {
  lo: Q | null; // null: -inf
  hi: Q | null; // null: +inf
  loClosed: boolean;
  hiClosed: boolean;
}

/** True when the interval has more than one point. */
export function isProper(i: Interval): boolean {
  return i.lo === null || i.hi === null || i.lo.lt(i.hi);
}

export function intervalText(i: Interval): string {
  const lo = i.lo === null ? '(-inf' : `${i.loClosed ? '[' : '('}${i.lo}`;
  const hi = i.hi === null ? '+inf)' : `${i.hi}${i.hiClosed ? ']' : ')'}`;
  return i.lo !== null && i.hi !== null && i.lo.equals(i.hi) ? `{${i.lo}}` : `${lo}, ${hi}`;
}

/** The exact set {u : f(u) = v} as maximal disjoint intervals, left to right. */
export function pwlPreimage(f: PWL, v: Q): Interval[] {
  const parts: Interval[] = [];
  f.pieces.forEach((p, k) => {
    const lo = f.breaks[k - 1] ?? null;
    const hi = f.breaks[k] ?? null;
    if (p.a.isZero()) {
      if (p.c.equals(v)) parts.push({ lo, hi, loClosed: false, hiClosed: false });
    } else {
      const z = v.sub(p.c).div(p.a);
      if ((lo === null || lo.lt(z)) && (hi === null || z.lt(hi)))
        parts.push({ lo: z, hi: z, loClosed: true, hiClosed: true });
    }
    if (hi !== null && (f.atBreak[k] as Q).equals(v)) parts.push({ lo: hi, hi, loClosed: true, hiClosed: true });
  });
  // Merge neighbours that touch at a point included by at least one of them.
  const out: Interval[] = [];
  for (const cur of parts) {
    const last = out[out.length - 1];
    if (last && last.hi !== null && cur.lo !== null && last.hi.equals(cur.lo) && (last.hiClosed || cur.loClosed)) {
      out[out.length - 1] = {
        lo: last.lo,
        loClosed: last.loClosed,
        hi: cur.hi,
        hiClosed: cur.hiClosed || (cur.hi !== null && last.hi.equals(cur.hi) && last.hiClosed),
      };
    } else {
      out.push(cur);
    }
  }
  return out;
}
