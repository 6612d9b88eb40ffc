/**
 * Column classes and combinatorial types over m sorted, distinct codes
 * z_0 < ... < z_(m-1) (0-based here; the notes count from 1).
 *
 * A column is ReLU(s (z - t)) with direction s = +1 (increasing) or -1
 * (decreasing). Its knot t has a position p in 0..2m: p even is the open
 * gap g = p / 2, namely (-inf, z_0) for g = 0, (z_(g-1), z_g) inside and
 * (z_(m-1), +inf) for g = m; p odd is the code z_((p-1)/2). The class index
 * is c = 2 p + (s = +1 ? 1 : 0), as the grid's column types are
 * 2 * knot index + (s = +1): classes are ordered by knot position, then
 * decreasing before increasing, so a grid configuration and its type list
 * their columns in the same order.
 *
 * A type is a multiset of n classes, stored as a non-decreasing array of
 * class indices; types are ordered lexicographically (the enumeration
 * order), and "the smallest type of a class" means the first in that order.
 *
 * Mirror z -> -z: a column ReLU(s (z - t)) becomes ReLU(-s (z' - (-t))) on
 * the codes -z, so p -> 2m - p and s -> -s, i.e. c -> 4m + 1 - c, an
 * order-reversing involution of the class indices. It maps a type on the
 * codes Z to a type on the codes -Z with the same rank everywhere (rows
 * reversed); when -Z is a translate of Z (codes symmetric, e.g. z = i) it
 * is a symmetry of the classification, used to halve the enumeration.
 */
import { Q } from '../../kernel/rational.js';

/** A column class: direction and knot position (p even: gap p/2; p odd: code (p-1)/2). */
export interface ColumnClass {
  s: 1 | -1;
  p: number;
}

/** Number of classes over m codes: 2 (2m + 1). */
export function classCount(m: number): number {
  return 2 * (2 * m + 1);
}

/** The class of an index. */
export function classOf(c: number): ColumnClass {
  return { s: c % 2 === 1 ? 1 : -1, p: c >> 1 };
}

/** The index of a class. */
export function classIndex(k: ColumnClass): number {
  return 2 * k.p + (k.s === 1 ? 1 : 0);
}

/** Whether a class's knot is free (inside a gap) rather than on a code. */
export function isFree(c: number): boolean {
  return (c >> 1) % 2 === 0;
}

/** The mirror of a class index over m codes. */
export function mirrorClass(c: number, m: number): number {
  return 4 * m + 1 - c;
}

/** The mirror of a type (sorted). */
export function mirrorType(type: readonly number[], m: number): number[] {
  return type.map((c) => mirrorClass(c, m)).reverse();
}

/** The knot's position class as text, e.g. `t = 2` or `t in (1, 2)`. */
export function positionText(p: number, codes: readonly Q[]): string {
  const m = codes.length;
  if (p % 2 === 1) return `t = ${codes[(p - 1) / 2]}`;
  const g = p / 2;
  return `t in (${g === 0 ? '-inf' : String(codes[g - 1])}, ${g === m ? '+inf' : String(codes[g])})`;
}

/** One class as text: `ReLU(z - t), t in (1, 2)`. */
export function classText(c: number, codes: readonly Q[]): string {
  const { s, p } = classOf(c);
  return `${s === 1 ? 'ReLU(z - t)' : 'ReLU(t - z)'}, ${positionText(p, codes)}`;
}

/** A type as text, its columns separated by `; `. */
export function typeText(type: readonly number[], codes: readonly Q[]): string {
  return type.map((c) => classText(c, codes)).join('; ');
}

/**
 * A compact type label over m codes: per column `+` or `-` (direction)
 * followed by `g<k>` (gap k, 0..m) or `z<k>` (code k, 1-based), e.g.
 * `-g1 +z2`. Independent of the codes' values.
 */
export function typeLabel(type: readonly number[]): string {
  return type
    .map((c) => {
      const { s, p } = classOf(c);
      return `${s === 1 ? '+' : '-'}${p % 2 === 0 ? `g${p / 2}` : `z${(p + 1) / 2}`}`;
    })
    .join(' ');
}

/** Whether the code set is symmetric: -Z is a translate of Z (exactly). */
export function symmetricCodes(codes: readonly Q[]): boolean {
  const m = codes.length;
  if (m === 0) return true;
  const sum = (codes[0] as Q).add(codes[m - 1] as Q);
  for (let i = 0; i < m; i++) {
    if (!(codes[i] as Q).add(codes[m - 1 - i] as Q).equals(sum)) return false;
  }
  return true;
}

/**
 * The knot interval of a free class: lower and upper ends, null for an
 * infinite end. @throws RangeError for a code class.
 */
export function gapEnds(p: number, codes: readonly Q[]): { lo: Q | null; hi: Q | null } {
  if (p % 2 === 1) throw new RangeError(`position ${p} is a code, not a gap`);
  const g = p / 2;
  const m = codes.length;
  return { lo: g === 0 ? null : (codes[g - 1] as Q), hi: g === m ? null : (codes[g] as Q) };
}
