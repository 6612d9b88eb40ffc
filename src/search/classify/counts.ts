/**
 * Mergeable counts of a classification run: types per class (mirror orbits
 * unfolded), the smallest type of each class (first in the enumeration
 * order), how the kept case was decided, and the agreement with a
 * criterion (a 3 x 3 confusion matrix and the first mismatch). Merging is
 * associative and commutative, so shards, workers and resumed runs combine
 * to the single-run result; the digest is a sha256 of a canonical JSON of
 * the counts, to compare runs and versions.
 */
import { createHash } from 'node:crypto';
import { type Q } from '../../kernel/rational.js';
import { compareArrays } from '../result.js';
import { type Criterion, radoHolds } from './criterion.js';
import { type TypeClass, TYPE_CLASSES } from './reference.js';

/** How a kept type was decided (see kept.ts). */
export interface KeptVerdict {
  cls: TypeClass;
  /** A short stable name of the argument that decided it. */
  how: string;
}

/** A criterion mismatch: the type, the computed and the predicted class. */
export interface Mismatch {
  type: number[];
  computed: TypeClass;
  predicted: TypeClass;
}

/** Counts of one run (or of merged runs) for one n and one zero-signal setting. */
export interface ClassifyCounts {
  /** True for the kept case ((n+1) x n, maximal minors). */
  kept: boolean;
  /** Types classified, each mirror orbit counted with its size. */
  types: number;
  /** Types per class, in TYPE_CLASSES order. */
  classes: Record<TypeClass, number>;
  /** The first type of each class in the enumeration order (class indices), or null. */
  smallest: Record<TypeClass, number[] | null>;
  /** Kept case: types per deciding argument. */
  keptHow: Record<string, number>;
  /** Types where "always singular" and "Rado's condition fails" disagree (every type is checked). */
  radoMismatches: number;
  /** Agreement with the criterion, when one was given. */
  criterion: {
    checked: number;
    mismatches: number;
    /** confusion[computed][predicted], indices in TYPE_CLASSES order. */
    confusion: number[][];
    first: Mismatch | null;
  };
}

/** Empty counts. */
export function emptyCounts(kept: boolean): ClassifyCounts {
  return {
    kept,
    types: 0,
    classes: { singular: 0, generic: 0, full: 0 },
    smallest: { singular: null, generic: null, full: null },
    keptHow: {},
    radoMismatches: 0,
    criterion: { checked: 0, mismatches: 0, confusion: TYPE_CLASSES.map(() => TYPE_CLASSES.map(() => 0)), first: null },
  };
}

/**
 * Records one type and, when `mirror` is given, its mirror image (same
 * class, by the symmetry). The criterion is evaluated on both, so every
 * type of the enumeration is checked, not only one per orbit.
 */
export function addType(
  acc: ClassifyCounts,
  type: readonly number[],
  mirror: readonly number[] | undefined,
  cls: TypeClass,
  criterion: Criterion | undefined,
  codes: readonly Q[],
  kept?: KeptVerdict,
): void {
  const weight = mirror ? 2 : 1;
  for (const t of mirror ? [type, mirror] : [type]) {
    if (radoHolds(t, codes.length) !== (cls !== 'singular')) acc.radoMismatches++;
  }
  acc.types += weight;
  acc.classes[cls] += weight;
  const s = acc.smallest[cls];
  if (!s || compareArrays(type, s) < 0) acc.smallest[cls] = type.slice();
  if (kept) acc.keptHow[kept.how] = (acc.keptHow[kept.how] ?? 0) + weight;
  if (criterion) {
    for (const t of mirror ? [type, mirror] : [type]) {
      const predicted = criterion(t, codes);
      const c = acc.criterion;
      c.checked++;
      const row = c.confusion[TYPE_CLASSES.indexOf(cls)] as number[];
      const k = TYPE_CLASSES.indexOf(predicted);
      row[k] = (row[k] as number) + 1;
      if (predicted !== cls) {
        c.mismatches++;
        if (!c.first || compareArrays(t, c.first.type) < 0) c.first = { type: t.slice(), computed: cls, predicted };
      }
    }
  }
}

function minType(a: number[] | null, b: number[] | null): number[] | null {
  if (!a) return b;
  if (!b) return a;
  return compareArrays(a, b) <= 0 ? a : b;
}

/** a + b (new object). @throws RangeError when one is kept and the other not. */
export function mergeCounts(a: ClassifyCounts, b: ClassifyCounts): ClassifyCounts {
  if (a.kept !== b.kept) throw new RangeError('cannot merge kept and dropped counts');
  const keptHow: Record<string, number> = { ...a.keptHow };
  for (const [k, v] of Object.entries(b.keptHow)) keptHow[k] = (keptHow[k] ?? 0) + v;
  const fa = a.criterion.first;
  const fb = b.criterion.first;
  return {
    kept: a.kept,
    types: a.types + b.types,
    classes: {
      singular: a.classes.singular + b.classes.singular,
      generic: a.classes.generic + b.classes.generic,
      full: a.classes.full + b.classes.full,
    },
    smallest: {
      singular: minType(a.smallest.singular, b.smallest.singular),
      generic: minType(a.smallest.generic, b.smallest.generic),
      full: minType(a.smallest.full, b.smallest.full),
    },
    keptHow,
    radoMismatches: a.radoMismatches + b.radoMismatches,
    criterion: {
      checked: a.criterion.checked + b.criterion.checked,
      mismatches: a.criterion.mismatches + b.criterion.mismatches,
      confusion: a.criterion.confusion.map((row, i) => row.map((x, j) => x + (b.criterion.confusion[i]?.[j] ?? 0))),
      first: !fa ? fb : !fb ? fa : compareArrays(fa.type, fb.type) <= 0 ? fa : fb,
    },
  };
}

/** JSON with object keys sorted at every level (a canonical text for hashing). */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x);
}

/** sha256 (hex) of the canonical JSON of a value. */
export function digest(x: unknown): string {
  return createHash('sha256').update(canonicalJson(x)).digest('hex');
}
