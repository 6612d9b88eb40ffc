/**
 * The classification against the exhaustive canonical grid: every grid
 * configuration (a multiset of n columns, knots on the grid of grid.ts)
 * lies in exactly one type; its exact rank must be n when the type is
 * always full rank and below n when it is always singular. Generic types
 * may show either rank; the check also counts the generic types whose grid
 * configurations show both.
 */
import { fastRank } from '../../kernel/fastrank.js';
import { type Q } from '../../kernel/rational.js';
import { column, gridDenominator, gridKnots, linearCodes, multisets, typeOf } from '../grid.js';
import { ClassifyEngine } from './engine.js';
import { type TypeClass } from './reference.js';

/** The class index of a grid column (direction s, knot t) over the codes. */
export function classOfKnot(codes: readonly Q[], s: 1 | -1, t: Q): number {
  const onCode = codes.findIndex((z) => z.equals(t));
  const p = onCode >= 0 ? 2 * onCode + 1 : 2 * codes.filter((z) => z.lt(t)).length;
  return 2 * p + (s === 1 ? 1 : 0);
}

/** Agreement of the classification with the grid, per class of the configurations' types. */
export interface GridAgreement {
  n: number;
  g: number;
  zeroSignal: 'drop' | 'keep';
  configurations: number;
  /** Per class: configurations, and how many of them have full rank. */
  byClass: Record<TypeClass, { configurations: number; fullRank: number }>;
  /** Full-rank configurations of always singular types plus singular ones of always full rank types. */
  mismatches: number;
  /** Generic types met by the grid, and those among them whose configurations show both ranks. */
  genericTypes: number;
  genericTypesBothRanks: number;
}

/**
 * Checks every configuration of the canonical grid (codes 1..m, g interior
 * knots per gap) against the classification computed by the engine.
 * @throws RangeError when the grid's integer entries could leave the exact float range.
 */
export function gridAgreement(n: number, g: number, zeroSignal: 'drop' | 'keep'): GridAgreement {
  const codes = linearCodes(n, zeroSignal);
  const m = codes.length;
  const B = 4 * m + 2; // number of classes: type key = sum c_j B^j
  const classOfType = new Map<number, TypeClass>();
  const keyOf = (t: readonly number[]) => t.reduce((k, c) => k * B + c, 0);
  const engine = new ClassifyEngine(codes, n, {
    mirror: false,
    visit: (t, _w, cls) => classOfType.set(keyOf(t), cls),
  });
  for (const u of engine.units()) engine.runUnit(u);
  const knots = gridKnots(codes, g);
  const D = gridDenominator(codes, knots);
  const T = 2 * knots.length;
  const cls = new Int32Array(T);
  const cols: number[][] = [];
  let maxEntry = 0;
  for (let ty = 0; ty < T; ty++) {
    const { s, t } = typeOf(knots, ty);
    cls[ty] = classOfKnot(codes, s, t);
    cols.push(
      column(codes, s, t).map((x) => {
        const v = Number((x.num * D) / x.den); // exact: D clears the denominators
        maxEntry = Math.max(maxEntry, Math.abs(v));
        return v;
      }),
    );
  }
  // fastRank proves its own exactness (Hadamard bound) or falls back; the entries only need to be safe integers.
  if (!Number.isSafeInteger(maxEntry)) throw new RangeError('grid entries too large');
  const res: GridAgreement = {
    n,
    g,
    zeroSignal,
    configurations: 0,
    byClass: {
      singular: { configurations: 0, fullRank: 0 },
      generic: { configurations: 0, fullRank: 0 },
      full: { configurations: 0, fullRank: 0 },
    },
    mismatches: 0,
    genericTypes: 0,
    genericTypesBothRanks: 0,
  };
  const genericSeen = new Map<number, number>(); // key -> bit 1: full seen, bit 2: singular seen
  const a = new Float64Array(m * n);
  const work = new Float64Array(m * n);
  const type = new Array<number>(n);
  for (const pick of multisets(T, n)) {
    for (let j = 0; j < n; j++) {
      type[j] = cls[pick[j] as number] as number;
      const col = cols[pick[j] as number] as number[];
      for (let i = 0; i < m; i++) a[i * n + j] = col[i] as number;
    }
    // Classes follow knots, then direction, but two knots of one gap may list inc before dec: sort.
    type.sort((x, y) => x - y);
    const key = keyOf(type);
    const c = classOfType.get(key);
    if (c === undefined) throw new RangeError(`grid configuration of an unknown type ${type.join(',')}`);
    const full = fastRank(a, m, n, work) === n;
    res.configurations++;
    res.byClass[c].configurations++;
    if (full) res.byClass[c].fullRank++;
    if ((c === 'full' && !full) || (c === 'singular' && full)) res.mismatches++;
    if (c === 'generic') genericSeen.set(key, (genericSeen.get(key) ?? 0) | (full ? 1 : 2));
  }
  res.genericTypes = genericSeen.size;
  for (const v of genericSeen.values()) if (v === 3) res.genericTypesBothRanks++;
  return res;
}
