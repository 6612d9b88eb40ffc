/**
 * The exact, per-type classification, written independently of the fast
 * engine (no prefix sharing, no float): for each vertex of the type's
 * compactified box it builds the exact matrix and takes its exact minors
 * with the kernel's Bareiss determinant.
 *
 * Vertices. A free knot t lies in an open gap (lo, hi). Each entry of its
 * column is affine in t, so every minor D is affine in t. A finite gap is
 * already a segment: its vertices are lo and hi. An unbounded gap is
 * compactified: with t = lo - 1 + 1/w on (lo, +inf), or t = hi + 1 - 1/w on
 * (-inf, hi), and w in (0, 1], the function w * D is affine in w and has
 * D's sign for w > 0; at w = 0 it is the t-coefficient of D (at +inf) or
 * minus it (at -inf). Since D is multilinear, these end functionals apply
 * column by column: the value at a vertex is the determinant of the matrix
 * whose free columns are the column at a finite end, or the column's
 * t-coefficient (times -1 at -inf) at an infinite end.
 *
 * A multilinear function on a box takes its extreme values at vertices,
 * and one that is >= 0 on the box and vanishes at an interior point
 * vanishes on every axis line through it, hence on the whole box. So:
 * D == 0 iff every vertex value is 0; D has a zero in the open box iff
 * vertex values of both strict signs occur; otherwise D has no zero there.
 */
import { det } from '../../kernel/matrix.js';
import { Q } from '../../kernel/rational.js';
import { classOf, isFree } from './classes.js';

/** The three classes of a type. */
export type TypeClass = 'singular' | 'generic' | 'full';

/** The classes in their fixed order (counters and tables use it). */
export const TYPE_CLASSES: readonly TypeClass[] = ['singular', 'generic', 'full'];

/**
 * The exact column of a class at a vertex end: `end` 0 is the lower end of
 * the knot's gap, 1 the upper end (ignored for a code class).
 */
export function vertexColumn(codes: readonly Q[], c: number, end: 0 | 1): Q[] {
  const { s, p } = classOf(c);
  const m = codes.length;
  if (p % 2 === 1) {
    const t = codes[(p - 1) / 2] as Q;
    return codes.map((z) => {
      const u = z.sub(t).mul(Q.int(s));
      return u.sign() > 0 ? u : Q.ZERO;
    });
  }
  const g = p / 2;
  // Active rows of the open gap: z > t for s = +1 (rows g..m-1), z < t for s = -1 (rows 0..g-1).
  const active = (i: number) => (s === 1 ? i >= g : i < g);
  const infinite = end === 0 ? g === 0 : g === m;
  if (infinite) {
    // Coefficient of t in s (z - t) is -s; at -inf the functional is minus the coefficient.
    const v = end === 1 ? Q.int(-s) : Q.int(s);
    return codes.map((_, i) => (active(i) ? v : Q.ZERO));
  }
  const t = codes[end === 0 ? g - 1 : g] as Q;
  return codes.map((z, i) => (active(i) ? z.sub(t).mul(Q.int(s)) : Q.ZERO));
}

/** The free columns of a type (their positions in the type), in order. */
export function freeColumns(type: readonly number[]): number[] {
  return type.flatMap((c, j) => (isFree(c) ? [j] : []));
}

/**
 * The exact matrix of a type at a vertex: bit k of `vertex` is the end of
 * the k-th free column.
 */
export function vertexMatrix(codes: readonly Q[], type: readonly number[], vertex: number): Q[][] {
  const free = freeColumns(type);
  const cols = type.map((c, j) => {
    const k = free.indexOf(j);
    return vertexColumn(codes, c, k >= 0 ? (((vertex >> k) & 1) as 0 | 1) : 0);
  });
  return codes.map((_, i) => cols.map((col) => col[i] as Q));
}

/** The class of a list of vertex values of one multilinear function. */
export function classOfValues(values: readonly number[]): TypeClass {
  const pos = values.some((v) => v > 0);
  const neg = values.some((v) => v < 0);
  if (pos && neg) return 'generic';
  return pos || neg ? 'full' : 'singular';
}

/**
 * The vertex signs (-1, 0, 1) of every maximal minor: minor r drops the
 * rows in `dropped[r]` (none in the square case).
 */
export function vertexMinorSigns(
  codes: readonly Q[],
  type: readonly number[],
): { dropped: number[][]; signs: number[][] } {
  const n = type.length;
  const m = codes.length;
  if (m < n) throw new RangeError(`${m} codes for ${n} columns: fewer rows than columns`);
  const dropped: number[][] = [];
  const choose = (start: number, acc: number[]) => {
    if (acc.length === m - n) {
      dropped.push(acc.slice());
      return;
    }
    for (let i = start; i < m; i++) choose(i + 1, [...acc, i]);
  };
  choose(0, []);
  const f = freeColumns(type).length;
  const signs = dropped.map(() => [] as number[]);
  for (let v = 0; v < 1 << f; v++) {
    const A = vertexMatrix(codes, type, v);
    dropped.forEach((drop, r) => {
      const sub = A.filter((_, i) => !drop.includes(i));
      (signs[r] as number[]).push(det(sub).sign());
    });
  }
  return { dropped, signs };
}

/**
 * The exact class of a square type (as many codes as columns): always
 * singular (det == 0), generic (det vanishes somewhere in the open box but
 * not everywhere) or always full rank.
 * @throws RangeError when the type has not as many columns as there are codes.
 */
export function classifySquareExact(codes: readonly Q[], type: readonly number[]): TypeClass {
  if (codes.length !== type.length) throw new RangeError('classifySquareExact needs as many columns as codes');
  return classOfValues(vertexMinorSigns(codes, type).signs[0] as number[]);
}
