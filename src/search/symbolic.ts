/**
 * Symbolic search per combinatorial type (square case, zero signal
 * dropped): each column has a direction s and a position class for its
 * knot, on a code point z_r or inside a gap (-inf, z_1), (z_r, z_{r+1}),
 * (z_m, +inf). Inside a type the zero pattern is fixed and each column is
 * affine in its own knot, so det A2 is a multilinear polynomial D in the
 * free knots; its zeros in the open box of the type decide every reading
 * for ALL real knots of that type, not only grid points:
 * - D has a zero in the open box iff D = 0 or D takes both signs at the
 *   box's vertices (a multilinear function >= 0 on a box that vanishes
 *   inside is 0 along every axis line through that point, hence
 *   everywhere); a vertex at infinity contributes the sign of D's leading
 *   coefficient there.
 * - Equal ratios only happen on the hyperplanes t_j = t_k of two columns
 *   in the same gap; D vanishes on such a hyperplane iff (t_j - t_k) divides D.
 */
import { Poly, polyDet } from '../kernel/poly.js';
import { Q } from '../kernel/rational.js';
import { binom, multisets } from './grid.js';
import { evaluateParts, READINGS, type Reading } from './readings.js';

/** A column class: direction and knot position (on code r, or in gap r = between codes r-1 and r). */
export interface ColumnClass {
  s: 1 | -1;
  kind: 'code' | 'gap';
  r: number;
}

export function classText(c: ColumnClass, codes: readonly Q[]): string {
  const where =
    c.kind === 'code'
      ? `t = ${codes[c.r]}`
      : `t in (${c.r === 0 ? '-inf' : String(codes[c.r - 1])}, ${c.r === codes.length ? '+inf' : String(codes[c.r])})`;
  return `${c.s === 1 ? 'ReLU(z - t)' : 'ReLU(t - z)'}, ${where}`;
}

function allClasses(m: number): ColumnClass[] {
  const out: ColumnClass[] = [];
  for (const s of [-1, 1] as const) {
    for (let r = 0; r <= m; r++) {
      out.push({ s, kind: 'gap', r });
      if (r < m) out.push({ s, kind: 'code', r });
    }
  }
  return out;
}

/** A representative knot for column j of a type (distinct within a gap, ordered by j). */
function representative(c: ColumnClass, codes: readonly Q[], rank: number, of: number): Q {
  if (c.kind === 'code') return codes[c.r] as Q;
  const m = codes.length;
  const lo = c.r === 0 ? (codes[0] as Q).sub(Q.ONE) : (codes[c.r - 1] as Q);
  const hi = c.r === m ? (codes[m - 1] as Q).add(Q.ONE) : (codes[c.r] as Q);
  return lo.add(hi.sub(lo).mul(Q.of(BigInt(rank + 1), BigInt(of + 1))));
}

/** The sign of D over a vertex of the box (some coordinates at infinity: the leading coefficient's sign). */
function vertexSign(D: Poly, finite: Map<string, Q>, infinite: Map<string, 1 | -1>): number {
  const rest = D.substitute(finite);
  const byDegree = new Map<number, Q>();
  for (const { monomial, coef } of rest.termList()) {
    const vars = monomial === '' ? [] : monomial.split('*');
    const sign = vars.reduce((s, v) => s * (infinite.get(v) ?? 1), 1);
    byDegree.set(vars.length, (byDegree.get(vars.length) ?? Q.ZERO).add(sign < 0 ? coef.neg() : coef));
  }
  const degrees = [...byDegree.keys()].sort((a, b) => b - a);
  for (const d of degrees) {
    const c = byDegree.get(d) as Q;
    if (!c.isZero()) return c.sign();
  }
  return 0;
}

/** Whether D has a zero in the open box given by the free knots' gaps. */
function zeroInBox(D: Poly, boxes: Map<string, { lo: Q | null; hi: Q | null }>): boolean {
  if (D.isZero()) return true;
  const vars = D.variables();
  let pos = false;
  let neg = false;
  for (let mask = 0; mask < 1 << vars.length; mask++) {
    const finite = new Map<string, Q>();
    const infinite = new Map<string, 1 | -1>();
    vars.forEach((v, k) => {
      const b = boxes.get(v) as { lo: Q | null; hi: Q | null };
      const upper = (mask >> k) & 1;
      const end = upper ? b.hi : b.lo;
      if (end === null) infinite.set(v, upper ? 1 : -1);
      else finite.set(v, end);
    });
    const sg = vertexSign(D, finite, infinite);
    if (sg > 0) pos = true;
    if (sg < 0) neg = true;
    if (pos && neg) return true;
  }
  return false;
}

/** D / (t_j - t_k) when it divides D (D multilinear), else undefined. */
function divideBy(D: Poly, tj: string, tk: string): Poly | undefined {
  // D vanishes on t_j = t_k iff D(t_k := t_j) = 0; then D = (t_j - t_k) * (coefficient of t_j).
  if (!substituteVar(D, tk, Poly.variable(tj)).isZero()) return undefined;
  return D.coefficientOf(tj);
}

/** D with variable v replaced by the polynomial p. */
function substituteVar(D: Poly, v: string, p: Poly): Poly {
  let out = Poly.ZERO;
  for (const { monomial, coef } of D.termList()) {
    let term = Poly.constant(coef);
    for (const f of monomial === '' ? [] : monomial.split('*')) {
      const [name, e] = f.split('^') as [string, string | undefined];
      const base = name === v ? p : Poly.variable(name);
      for (let k = 0; k < Number(e ?? 1); k++) term = term.mul(base);
    }
    out = out.add(term);
  }
  return out;
}

/** Per reading and direction: how many types contain a counterexample, and the first one. */
export interface SymbolicResult {
  n: number;
  codes: string[];
  types: number;
  singularSomewhere: number;
  readings: { id: string; ifTypes: number; onlyIfTypes: number; firstIf?: string; firstOnlyIf?: string }[];
}

/** Enumerates every combinatorial type for n columns over m = n codes (square case). */
export function symbolicSearch(codes: readonly Q[]): SymbolicResult {
  const n = codes.length;
  const classes = allClasses(n);
  const res: SymbolicResult = {
    n,
    codes: codes.map(String),
    types: Number(binom(classes.length + n - 1, n)),
    singularSomewhere: 0,
    readings: READINGS.map((r) => ({ id: r.id, ifTypes: 0, onlyIfTypes: 0 })),
  };
  for (const pick of multisets(classes.length, n)) {
    const cls = pick.map((k) => classes[k] as ColumnClass);
    const t = classifyType(codes, cls);
    if (t.singular) res.singularSomewhere++;
    const label = cls.map((c) => classText(c, codes)).join('; ');
    t.ifFails.forEach((f, k) => {
      const out = res.readings[k] as SymbolicResult['readings'][number];
      if (f) {
        out.ifTypes++;
        out.firstIf ??= label;
      }
      if (t.onlyIfFails[k]) {
        out.onlyIfTypes++;
        out.firstOnlyIf ??= label;
      }
    });
  }
  return res;
}

/**
 * Decides, for one combinatorial type and every reading, whether some real
 * knots of the type give an "if" counterexample (condition holds, det = 0)
 * or an "only if" one (det != 0, condition fails).
 */
export function classifyType(
  codes: readonly Q[],
  cls: readonly ColumnClass[],
): { singular: boolean; ifFails: boolean[]; onlyIfFails: boolean[] } {
  const n = cls.length;
  const m = codes.length;
  {
    // Representative knots (distinct inside a gap) give the type's zero pattern.
    const counts = new Map<string, number>();
    const ranks = cls.map((c) => {
      const key = `${c.kind}${c.r}`;
      const r = counts.get(key) ?? 0;
      counts.set(key, r + 1);
      return r;
    });
    const reps = cls.map((c, j) =>
      representative(c, codes, ranks[j] as number, counts.get(`${c.kind}${c.r}`) as number),
    );
    const boxes = new Map<string, { lo: Q | null; hi: Q | null }>();
    const entries = codes.map((z) =>
      cls.map((c, j) => {
        const t = reps[j] as Q;
        if (c.s * z.sub(t).sign() <= 0) return Poly.ZERO; // same side of z for every knot of the class
        if (c.kind === 'code') return Poly.constant(z.sub(t).mul(Q.int(c.s)));
        const name = `t${j + 1}`;
        boxes.set(name, { lo: c.r === 0 ? null : (codes[c.r - 1] as Q), hi: c.r === m ? null : (codes[c.r] as Q) });
        return Poly.constant(z.mul(Q.int(c.s))).sub(Poly.variable(name).scale(Q.int(c.s)));
      }),
    );
    const D = polyDet(entries);
    const repA = codes.map((z) =>
      reps.map((t, j) => {
        const u = z.sub(t).mul(Q.int((cls[j] as ColumnClass).s));
        return u.sign() > 0 ? u : Q.ZERO;
      }),
    );
    const parts = evaluateParts(
      repA,
      reps.map((t) => t.neg()),
    );
    const nonzero = repA[0] ? reps.map((_, j) => repA.some((row) => !(row[j] as Q).isZero())) : [];
    const singular = zeroInBox(D, boxes);
    const ifFails: boolean[] = [];
    const onlyIfFails: boolean[] = [];
    READINGS.forEach((r: Reading) => {
      // Pairs whose equal knots the reading's ratio part excludes: both nonzero, same gap,
      // and (k-row) the same direction.
      const pairs: [number, number][] = [];
      let forcedEqual = false;
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) {
          const ca = cls[a] as ColumnClass;
          const cb = cls[b] as ColumnClass;
          if (!nonzero[a] || !nonzero[b] || ca.kind !== cb.kind || ca.r !== cb.r) continue;
          if (r.ratio === 'k-row' && ca.s !== cb.s) continue;
          if (ca.kind === 'code') forcedEqual = true;
          else pairs.push([a, b]);
        }
      }
      const genericCond = parts[r.pattern] && !forcedEqual;
      // "if": a zero of D where the condition holds (off the excluded hyperplanes).
      let fi = false;
      if (genericCond) {
        if (D.isZero()) fi = true;
        else {
          let Dq = D;
          for (const [a, b] of pairs) {
            for (let q = divideBy(Dq, `t${a + 1}`, `t${b + 1}`); q; q = divideBy(Dq, `t${a + 1}`, `t${b + 1}`)) Dq = q;
          }
          fi = zeroInBox(Dq, boxes);
        }
      }
      // "only if": D != 0 somewhere the condition fails.
      const fo = !genericCond
        ? !D.isZero()
        : pairs.some(([a, b]) => !substituteVar(D, `t${b + 1}`, Poly.variable(`t${a + 1}`)).isZero());
      ifFails.push(fi);
      onlyIfFails.push(fo);
    });
    return { singular, ifFails, onlyIfFails };
  }
}
