/**
 * Classification of every combinatorial type of layer-2 matrix A2 (issue 16).
 *
 * Setting. Codes z_1 < ... < z_m; column j is ReLU(s_j (z - t_j)). A type
 * fixes each column's direction s_j and the position class of its knot: on
 * a code, or in one of the m + 1 open gaps (the two unbounded ones
 * included). A type is a MULTISET of column classes, exactly as a grid
 * configuration is a multiset of columns, so every configuration lies in
 * exactly one type. Its box is the product, over the columns, of their open
 * gaps (a code class is a point): the order of two knots in one gap is NOT
 * part of the type. Points of the box modulo permutations of same-class
 * columns are exactly the configurations of the type; a type with two free
 * columns of one class therefore contains their diagonal (equal columns)
 * and is never "always full rank". Ordering knots within gaps would split
 * types into chambers and leave the tied configurations in none.
 *
 * Classes: always singular (det A2 == 0 on the box; kept case: every
 * maximal minor == 0), generic (rank n somewhere and below n somewhere),
 * always full rank (no point of the box loses rank).
 *
 * Results, proved in the notes (short versions in criterion.ts, kept.ts):
 * - always singular iff Rado's condition fails for the planes spanned by
 *   each column over its box (both settings);
 * - zero signal dropped: A2(t) is singular iff a nonzero linear spline h
 *   with breakpoints at the codes, h = 0 right of z_m, vanishes at the
 *   increasing knots while h - h_L (h_L: the affine piece of h left of z_1)
 *   vanishes at the decreasing ones; over a type this becomes a finite
 *   sign condition (criterion.ts), so the classes depend on the order of
 *   the codes only; for one sign it is Schoenberg–Whitney;
 * - zero signal kept: exact decision by certificates and an exact kernel
 *   search (kept.ts).
 *
 * Engine. A minor of the first k columns on a k-subset of rows is
 * multilinear in the free knots among those columns, so it is determined
 * by its values at the vertices of their (compactified) box, and those
 * values decide its class (reference.ts). Adding column k+1 by Laplace
 * expansion along it,
 *   M(R, 1..k+1) = sum over i in R of (-1)^(pos_R(i) + k) e_i M(R \ i, 1..k),
 * is a tensor product vertex by vertex: a free column doubles the vertex
 * set (its knot at the lower or upper end), a code column keeps it. Each
 * level keeps all C(m, k) minors, so a prefix is expanded once for all its
 * completions, as the grid search shares its elimination.
 *
 * Exactness. The codes are scaled to integers (a positive scaling and a
 * translation of codes and knots multiply each vertex value by a positive
 * factor). Every vertex value is the determinant of an integer matrix whose
 * entries are code differences or +-1, so |value| <= prod of column norms
 * <= (sqrt(m) S)^k with S the code span, and every partial sum of an
 * expansion is below m S (sqrt(m) S)^k. When m S (sqrt(m) S)^n < 2^52 all
 * float64 arithmetic here is exact integer arithmetic; otherwise the engine
 * classifies each type with the exact reference (BigInt) instead.
 *
 * Units and symmetry. A unit is a prefix of the enumeration (the first L
 * classes of a type, L = min(n, 2), 3 from n = 6 on); units are listed in
 * a fixed order and each type belongs to exactly one, so a caller can
 * shard by unit index, checkpoint the set of finished units and merge
 * counts. The mirror z -> -z maps class c to 4m + 1 - c and a type on the
 * codes Z to a type on -Z with the same rank everywhere (rows reversed);
 * with symmetric codes (-Z a translate of Z, e.g. z = i) only types
 * t <= mirror(t) (lexicographically) are visited, each counted with the
 * size of its orbit (1 or 2); the criterion is still evaluated on both.
 */
import { popcount } from '../../kernel/bits.js';
import { Q } from '../../kernel/rational.js';
import { binom } from '../grid.js';
import { classCount, classOf, isFree, mirrorClass, symmetricCodes } from './classes.js';
import { type Criterion } from './criterion.js';
import { addType, emptyCounts, type ClassifyCounts, type KeptVerdict } from './counts.js';
import { decideKept } from './kept.js';
import { classifySquareExact, classOfValues, type TypeClass, vertexMinorSigns } from './reference.js';

/** Options of an engine. */
export interface EngineOptions {
  /** Use the mirror symmetry when the codes allow it (default true). */
  mirror?: boolean;
  /** A criterion to check against every type (its mismatches are counted). */
  criterion?: Criterion;
  /** Called for every classified type (each mirror orbit once, with its weight 1 or 2). */
  visit?: (type: readonly number[], weight: number, cls: TypeClass) => void;
}

/** The row subsets of one size k, with the terms of their Laplace expansion along column k. */
interface Expansion {
  /** Index of R \ {i} in the previous level, per term. */
  child: Int32Array;
  /** Row i, per term. */
  row: Int32Array;
  /** The Laplace sign, per term. */
  sign: Float64Array;
  /** Term range of each subset of this level: terms start[r]..start[r+1]-1. */
  start: Int32Array;
  /** The row subsets of this level, as bit masks. */
  masks: Int32Array;
}

const TWO53 = 2 ** 53;

/** The classification of all types of n columns over the given codes. */
export class ClassifyEngine {
  readonly n: number;
  readonly m: number;
  readonly classes: number;
  readonly prefixLength: number;
  readonly mirror: boolean;
  /** True when the float64 path is proven exact for these codes. */
  readonly floatExact: boolean;
  private readonly codes: Q[];
  private readonly lo: Float64Array; // class * m + i: entry at the lower end (or the fixed entry)
  private readonly hi: Float64Array; // class * m + i: entry at the upper end
  private readonly free: Uint8Array;
  private readonly zeroColumn: Uint8Array;
  private readonly levels: Expansion[];
  private readonly criterion: Criterion | undefined;
  private readonly visit: EngineOptions['visit'];

  /**
   * @param codes the m sorted, distinct codes.
   * @throws RangeError unless the codes are sorted and distinct, n >= 1 and m is n or n + 1, m <= 12.
   */
  constructor(codes: readonly Q[], n: number, options: EngineOptions = {}) {
    const m = codes.length;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
    if (m !== n && m !== n + 1) throw new RangeError(`${m} codes for n = ${n}: accepted n (square) or n + 1 (kept)`);
    if (m > 12) throw new RangeError('at most 12 codes');
    for (let i = 1; i < m; i++) {
      if (!(codes[i - 1] as Q).lt(codes[i] as Q)) throw new RangeError('codes must be sorted and distinct');
    }
    this.n = n;
    this.m = m;
    this.codes = codes.slice();
    this.classes = classCount(m);
    this.prefixLength = Math.min(n, n >= 6 ? 3 : 2);
    this.mirror = (options.mirror ?? true) && symmetricCodes(codes);
    this.criterion = options.criterion;
    this.visit = options.visit;
    // Integer codes: multiply by the lcm of the denominators, translate to start at 0.
    let den = 1n;
    for (const z of codes) den = (den / gcdBig(den, z.den)) * z.den;
    const z0 = codes[0] as Q;
    const ints = codes.map((z) => z.sub(z0).mul(Q.of(den)).num);
    const span = Number(ints[m - 1] ?? 0n);
    const S = Math.max(1, span);
    this.floatExact = Number.isSafeInteger(span) && m * S * Math.pow(Math.sqrt(m) * S, n) * (1 + 1e-9) < TWO53 / 2;
    const Z = ints.map((x) => Number(x));
    const T = this.classes;
    this.lo = new Float64Array(T * m);
    this.hi = new Float64Array(T * m);
    this.free = new Uint8Array(T);
    this.zeroColumn = new Uint8Array(T);
    for (let c = 0; c < T; c++) {
      const { s, p } = classOf(c);
      this.free[c] = isFree(c) ? 1 : 0;
      let any = false;
      for (let i = 0; i < m; i++) {
        const z = Z[i] as number;
        let a = 0;
        let b = 0;
        if (p % 2 === 1) {
          const t = Z[(p - 1) / 2] as number;
          const u = s * (z - t);
          a = b = u > 0 ? u : 0;
        } else {
          const g = p / 2;
          if (s === 1 ? i >= g : i < g) {
            // Lower end: code g-1, or -inf (minus the t-coefficient -s: s). Upper end: code g, or +inf (-s).
            a = g === 0 ? s : s * (z - (Z[g - 1] as number));
            b = g === m ? -s : s * (z - (Z[g] as number));
          }
        }
        this.lo[c * m + i] = a;
        this.hi[c * m + i] = b;
        if (a !== 0 || b !== 0) any = true;
      }
      this.zeroColumn[c] = any ? 0 : 1;
    }
    this.levels = buildLevels(m, n);
  }

  /** The largest class index a type may use after its first class c0 (mirror pruning). */
  private ceiling(c0: number): number {
    return this.mirror ? Math.min(this.classes - 1, mirrorClass(c0, this.m)) : this.classes - 1;
  }

  /** All units (prefixes of length prefixLength) in enumeration order. */
  units(): number[][] {
    const out: number[][] = [];
    const L = this.prefixLength;
    const rec = (prefix: number[], start: number) => {
      if (prefix.length === L) {
        out.push(prefix.slice());
        return;
      }
      // The first class c0 needs c0 <= mirror(c0) = 4m + 1 - c0, i.e. c0 <= 2m.
      const top =
        prefix.length === 0 ? (this.mirror ? 2 * this.m : this.classes - 1) : this.ceiling(prefix[0] as number);
      for (let c = start; c <= top; c++) {
        prefix.push(c);
        rec(prefix, c);
        prefix.pop();
      }
    };
    rec([], 0);
    return out;
  }

  /** Number of types in the whole enumeration (mirror orbits unfolded): C(T + n - 1, n). */
  typeCount(): number {
    return Number(binom(this.classes + this.n - 1, this.n));
  }

  /** Number of sequences the walk visits under a unit (an upper bound on its weight / 2 with mirror). */
  unitSize(prefix: readonly number[]): number {
    const last = prefix[prefix.length - 1] ?? 0;
    const top = this.ceiling(prefix[0] ?? 0);
    const rest = this.n - prefix.length;
    return Number(binom(top - last + 1 + rest - 1, rest));
  }

  /**
   * Classifies every type under one unit, adding into `acc` (or fresh counts).
   * @throws RangeError when the prefix is not a unit of this engine.
   */
  runUnit(prefix: readonly number[], acc: ClassifyCounts = emptyCounts(this.m > this.n)): ClassifyCounts {
    const { n, m, lo, hi, free, zeroColumn, levels } = this;
    if (prefix.length !== this.prefixLength) throw new RangeError(`a unit has ${this.prefixLength} classes`);
    for (let k = 1; k < prefix.length; k++) {
      if ((prefix[k] as number) < (prefix[k - 1] as number)) throw new RangeError('a unit is non-decreasing');
    }
    const top = this.ceiling(prefix[0] as number);
    if ((prefix[prefix.length - 1] as number) > top) throw new RangeError('the unit lies outside the enumeration');
    const K = 4 * m + 1;
    const stride = 1 << n;
    // vals[k]: the minors of the first k columns, subset r at r * stride (vertex index below 2^f).
    const vals = levels.map((lv) => new Float64Array(lv.masks.length * stride));
    (vals[0] as Float64Array)[0] = 1;
    const nFree = new Int32Array(n + 1);
    const dead = new Uint8Array(n + 1); // all minors of the level are zero
    const chosen = new Int32Array(n);
    const kept = m > n;
    const exact = this.floatExact;

    const push = (d: number, c: number) => {
      chosen[d] = c;
      const f = nFree[d] as number;
      const isF = free[c] === 1;
      nFree[d + 1] = f + (isF ? 1 : 0);
      if (dead[d] || zeroColumn[c] || !exact) {
        dead[d + 1] = dead[d] || zeroColumn[c] ? 1 : 0;
        return;
      }
      const lv = levels[d + 1] as Expansion;
      const prev = vals[d] as Float64Array;
      const out = vals[d + 1] as Float64Array;
      const V = 1 << f;
      const base = c * m;
      let anyNonzero = false;
      for (let r = 0; r < lv.masks.length; r++) {
        const o = r * stride;
        out.fill(0, o, o + (isF ? 2 * V : V));
        for (let t = lv.start[r] as number; t < (lv.start[r + 1] as number); t++) {
          const i = lv.row[t] as number;
          const a = lo[base + i] as number;
          const b = hi[base + i] as number;
          if (a === 0 && b === 0) continue;
          const sg = lv.sign[t] as number;
          const q = (lv.child[t] as number) * stride;
          const sa = sg * a;
          if (isF) {
            const sb = sg * b;
            for (let v = 0; v < V; v++) {
              const x = prev[q + v] as number;
              if (x === 0) continue;
              out[o + v] = (out[o + v] as number) + sa * x;
              out[o + V + v] = (out[o + V + v] as number) + sb * x;
            }
          } else {
            for (let v = 0; v < V; v++) {
              const x = prev[q + v] as number;
              if (x !== 0) out[o + v] = (out[o + v] as number) + sa * x;
            }
          }
        }
        if (!anyNonzero) {
          const end = o + (isF ? 2 * V : V);
          for (let v = o; v < end; v++) {
            if (out[v] !== 0) {
              anyNonzero = true;
              break;
            }
          }
        }
      }
      dead[d + 1] = anyNonzero ? 0 : 1;
    };

    const leaf = () => {
      let weight = 1;
      if (this.mirror) {
        // Compare the type with its mirror (K - c read backwards).
        let cmp = 0;
        for (let j = 0; j < n && cmp === 0; j++) cmp = (chosen[j] as number) - (K - (chosen[n - 1 - j] as number));
        if (cmp > 0) return;
        weight = cmp === 0 ? 1 : 2;
      }
      const type = Array.from(chosen);
      const mirrorOf = weight === 2 ? type.map((_, j) => K - (chosen[n - 1 - j] as number)) : undefined;
      let cls: TypeClass;
      let keptVerdict: KeptVerdict | undefined;
      if (!kept) {
        if (dead[n]) cls = 'singular';
        else if (!exact) cls = classifySquareExact(this.codes, type);
        else {
          const V = 1 << (nFree[n] as number);
          const out = vals[n] as Float64Array;
          let pos = false;
          let neg = false;
          for (let v = 0; v < V; v++) {
            const x = out[v] as number;
            if (x > 0) pos = true;
            else if (x < 0) neg = true;
          }
          cls = pos && neg ? 'generic' : pos || neg ? 'full' : 'singular';
        }
      } else {
        const f = nFree[n] as number;
        const V = 1 << f;
        let signs: number[][];
        let values: number[][] | undefined;
        const R = (levels[n] as Expansion).masks.length;
        const out = vals[n] as Float64Array;
        // Rules 1 and 2 of kept.ts in place (no allocation on the hot path): all minors 0, or one minor signed.
        let quick: KeptVerdict | undefined;
        if (dead[n]) quick = ALL_ZERO;
        else if (exact) {
          let anyNonzero = false;
          for (let r = 0; r < R && !quick; r++) {
            let pos = false;
            let neg = false;
            for (let v = 0; v < V; v++) {
              const x = out[r * stride + v] as number;
              if (x > 0) pos = true;
              else if (x < 0) neg = true;
            }
            if (pos || neg) anyNonzero = true;
            if (pos !== neg) quick = ONE_MINOR_SIGNED;
          }
          if (!anyNonzero) quick = ALL_ZERO;
        }
        if (quick) keptVerdict = quick;
        else {
          if (!exact) signs = vertexMinorSigns(this.codes, type).signs;
          else {
            values = Array.from({ length: R }, (_, r) =>
              Array.from({ length: V }, (_, v) => out[r * stride + v] as number),
            );
            signs = values.map((r) => r.map(Math.sign));
          }
          keptVerdict = decideKept(this.codes, type, signs, values);
        }
        cls = keptVerdict.cls;
      }
      addType(acc, type, mirrorOf, cls, this.criterion, this.codes, keptVerdict);
      this.visit?.(type, weight, cls);
    };

    const dfs = (d: number, start: number) => {
      if (d === n) {
        leaf();
        return;
      }
      for (let c = start; c <= top; c++) {
        push(d, c);
        dfs(d + 1, c);
      }
    };

    for (let d = 0; d < prefix.length; d++) push(d, prefix[d] as number);
    dfs(prefix.length, prefix[prefix.length - 1] as number);
    return acc;
  }

  /** Classifies one type with this engine's arithmetic (the walk restricted to it). */
  classifyOne(type: readonly number[]): TypeClass {
    if (type.length !== this.n) throw new RangeError(`a type has ${this.n} classes`);
    if (this.m !== this.n) throw new RangeError('classifyOne is for the square case');
    if (!this.floatExact) return classifySquareExact(this.codes, type);
    const stride = 1 << this.n;
    let prev = new Float64Array(stride);
    prev[0] = 1;
    let f = 0;
    for (let d = 0; d < this.n; d++) {
      const c = type[d] as number;
      const lv = this.levels[d + 1] as Expansion;
      const out = new Float64Array(lv.masks.length * stride);
      const V = 1 << f;
      for (let r = 0; r < lv.masks.length; r++) {
        for (let t = lv.start[r] as number; t < (lv.start[r + 1] as number); t++) {
          const i = lv.row[t] as number;
          const q = (lv.child[t] as number) * stride;
          const sg = lv.sign[t] as number;
          for (let v = 0; v < V; v++) {
            const x = prev[q + v] as number;
            out[r * stride + v] = (out[r * stride + v] as number) + sg * (this.lo[c * this.m + i] as number) * x;
            if (this.free[c]) {
              out[r * stride + V + v] =
                (out[r * stride + V + v] as number) + sg * (this.hi[c * this.m + i] as number) * x;
            }
          }
        }
      }
      prev = out;
      if (this.free[c]) f++;
    }
    return classOfValues(Array.from(prev.subarray(0, 1 << f)));
  }
}

const ALL_ZERO: KeptVerdict = { cls: 'singular', how: 'all-zero' };
const ONE_MINOR_SIGNED: KeptVerdict = { cls: 'full', how: 'one-minor-signed' };

function gcdBig(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** The row subsets of each size 0..n with their Laplace terms (expansion along the newest column). */
function buildLevels(m: number, n: number): Expansion[] {
  const bySize: number[][] = Array.from({ length: m + 1 }, () => []);
  for (let mask = 0; mask < 1 << m; mask++) bySize[popcount(mask)]?.push(mask);
  const index = new Int32Array(1 << m);
  for (const list of bySize) list.forEach((mask, r) => (index[mask] = r));
  const out: Expansion[] = [];
  for (let k = 0; k <= n; k++) {
    const masks = bySize[k] as number[];
    const child: number[] = [];
    const row: number[] = [];
    const sign: number[] = [];
    const start: number[] = [0];
    for (const mask of masks) {
      // Rows of R in increasing order; the new column is the k-th (1-based) of the minor.
      let pos = 0;
      for (let i = 0; i < m; i++) {
        if (!(mask & (1 << i))) continue;
        pos++;
        child.push(index[mask & ~(1 << i)] as number);
        row.push(i);
        sign.push((pos + k) % 2 === 0 ? 1 : -1);
      }
      start.push(child.length);
    }
    out.push({
      child: Int32Array.from(child),
      row: Int32Array.from(row),
      sign: Float64Array.from(sign),
      start: Int32Array.from(start),
      masks: Int32Array.from(masks),
    });
  }
  return out;
}
