/**
 * Sparse multivariate polynomials over Q with named variables. Enough to
 * compute exactly a determinant whose entries are affine in parameters.
 */
import { Q } from './rational.js';

/** A monomial: variable name -> positive exponent (absent means 0). */
type Monomial = ReadonlyMap<string, number>;

interface Term {
  mono: Monomial;
  coef: Q;
}

function monoKey(m: Monomial): string {
  return [...m.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([v, e]) => (e === 1 ? v : `${v}^${e}`))
    .join('*');
}

function monoMul(a: Monomial, b: Monomial): Monomial {
  const r = new Map(a);
  for (const [v, e] of b) r.set(v, (r.get(v) ?? 0) + e);
  return r;
}

/** An immutable sparse polynomial; terms are keyed by their canonical monomial. */
export class Poly {
  private constructor(private readonly terms: ReadonlyMap<string, Term>) {}

  static readonly ZERO = new Poly(new Map());

  static constant(c: Q): Poly {
    return c.isZero() ? Poly.ZERO : new Poly(new Map([['', { mono: new Map(), coef: c }]]));
  }

  /** The polynomial consisting of one variable. @throws RangeError on an empty name. */
  static variable(name: string): Poly {
    if (name === '' || /[*^]/.test(name)) throw new RangeError(`bad variable name '${name}'`);
    const mono = new Map([[name, 1]]);
    return new Poly(new Map([[monoKey(mono), { mono, coef: Q.ONE }]]));
  }

  private static fromTerms(list: Iterable<Term>): Poly {
    const out = new Map<string, Term>();
    for (const t of list) {
      const k = monoKey(t.mono);
      const prev = out.get(k);
      const c = prev ? prev.coef.add(t.coef) : t.coef;
      if (c.isZero()) out.delete(k);
      else out.set(k, { mono: t.mono, coef: c });
    }
    return new Poly(out);
  }

  add(o: Poly): Poly {
    return Poly.fromTerms([...this.terms.values(), ...o.terms.values()]);
  }

  sub(o: Poly): Poly {
    return this.add(o.neg());
  }

  neg(): Poly {
    return Poly.fromTerms([...this.terms.values()].map((t) => ({ mono: t.mono, coef: t.coef.neg() })));
  }

  scale(c: Q): Poly {
    if (c.isZero()) return Poly.ZERO;
    return Poly.fromTerms([...this.terms.values()].map((t) => ({ mono: t.mono, coef: t.coef.mul(c) })));
  }

  mul(o: Poly): Poly {
    const out: Term[] = [];
    for (const a of this.terms.values()) {
      for (const b of o.terms.values()) out.push({ mono: monoMul(a.mono, b.mono), coef: a.coef.mul(b.coef) });
    }
    return Poly.fromTerms(out);
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** Number of nonzero terms. */
  size(): number {
    return this.terms.size;
  }

  equals(o: Poly): boolean {
    return this.sub(o).isZero();
  }

  /** The variables that occur with a nonzero coefficient, sorted. */
  variables(): string[] {
    const s = new Set<string>();
    for (const t of this.terms.values()) for (const v of t.mono.keys()) s.add(v);
    return [...s].sort();
  }

  /** The highest exponent of a variable. */
  degreeIn(v: string): number {
    let d = 0;
    for (const t of this.terms.values()) d = Math.max(d, t.mono.get(v) ?? 0);
    return d;
  }

  /** Total degree (the zero polynomial has degree -1). */
  totalDegree(): number {
    let d = -1;
    for (const t of this.terms.values())
      d = Math.max(
        d,
        [...t.mono.values()].reduce((s, e) => s + e, 0),
      );
    return d;
  }

  /**
   * Evaluates at rationals.
   * @throws RangeError when a variable has no value.
   */
  eval(values: ReadonlyMap<string, Q> | Record<string, Q>): Q {
    const get = (v: string): Q => {
      const x = values instanceof Map ? values.get(v) : (values as Record<string, Q>)[v];
      if (x === undefined) throw new RangeError(`no value for variable '${v}'`);
      return x;
    };
    let s = Q.ZERO;
    for (const t of this.terms.values()) {
      let p = t.coef;
      for (const [v, e] of t.mono) p = p.mul(get(v).pow(e));
      s = s.add(p);
    }
    return s;
  }

  /** Substitutes values for some variables, leaving the others symbolic. */
  substitute(values: ReadonlyMap<string, Q>): Poly {
    return Poly.fromTerms(
      [...this.terms.values()].map((t) => {
        let c = t.coef;
        const mono = new Map<string, number>();
        for (const [v, e] of t.mono) {
          const x = values.get(v);
          if (x === undefined) mono.set(v, e);
          else c = c.mul(x.pow(e));
        }
        return { mono, coef: c };
      }),
    );
  }

  /** The terms, sorted by monomial, for display and exact comparison. */
  termList(): { monomial: string; coef: Q }[] {
    return [...this.terms.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, t]) => ({ monomial: k, coef: t.coef }));
  }

  /** The coefficient of the variable v in a polynomial of degree at most 1 in each variable (multilinear). */
  coefficientOf(v: string): Poly {
    let out = Poly.ZERO;
    for (const { monomial, coef } of this.termList()) {
      const fs = monomial === '' ? [] : monomial.split('*');
      if (!fs.includes(v)) continue;
      out = out.add(fs.filter((f) => f !== v).reduce((acc, f) => acc.mul(Poly.variable(f)), Poly.constant(coef)));
    }
    return out;
  }

  /** Readable text such as `C^2 - C*u21`. */
  toString(): string {
    const ts = this.termList();
    if (ts.length === 0) return '0';
    return ts
      .map(({ monomial, coef }, idx) => {
        const neg = coef.sign() < 0;
        const a = coef.abs();
        const body = monomial === '' ? a.toString() : a.equals(Q.ONE) ? monomial : `${a}*${monomial}`;
        return idx === 0 ? (neg ? `-${body}` : body) : `${neg ? ' - ' : ' + '}${body}`;
      })
      .join('');
  }
}

/**
 * The determinant of a square matrix of polynomials, by Laplace expansion
 * with memoised minors over column subsets: O(n 2^n) products, no division,
 * so it stays exact in Q[vars]. Minors of the top rows are built first and
 * zero minors are dropped, which keeps structured matrices (repeated
 * columns in the top rows, as in form (1)) cheap.
 * @throws RangeError when the matrix is not square or larger than 24.
 */
export function polyDet(a: readonly (readonly Poly[])[]): Poly {
  const n = a.length;
  if (a.some((r) => r.length !== n)) throw new RangeError('polyDet needs a square matrix');
  if (n > 24) throw new RangeError('polyDet: n > 24 is out of reach of subset expansion');
  if (n === 0) return Poly.constant(Q.ONE);
  // level: mask -> det of rows 0..k-1 on the k columns in mask.
  let level = new Map<number, Poly>([[0, Poly.constant(Q.ONE)]]);
  for (let k = 0; k < n; k++) {
    const next = new Map<number, Poly>();
    for (const [mask, minor] of level) {
      // Row k is the last row of the (k+1)-block; its entry in column j sits at
      // position p = #(columns of mask left of j), so its sign is (-1)^(k + p).
      for (let j = 0; j < n; j++) {
        if (mask & (1 << j)) continue;
        const entry = a[k]?.[j] ?? Poly.ZERO;
        if (entry.isZero()) continue;
        let p = 0;
        for (let t = 0; t < j; t++) if (mask & (1 << t)) p++;
        const term = entry.mul(minor);
        const m2 = mask | (1 << j);
        const prev = next.get(m2) ?? Poly.ZERO;
        next.set(m2, (k + p) % 2 === 0 ? prev.add(term) : prev.sub(term));
      }
    }
    level = new Map([...next].filter(([, v]) => !v.isZero()));
  }
  return level.get((1 << n) - 1) ?? Poly.ZERO;
}
