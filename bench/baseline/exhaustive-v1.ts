/**
 * FROZEN COPY, for the benchmark only: the exhaustive engine as it was
 * before the mirror symmetry and the exactness fixes (commit d8c670b), so
 * that bench/search.ts can measure today's engine against it in one run.
 * It is exact for the codes z = i the benchmark uses (their integer
 * entries are tiny) and must not be used for anything else: for codes
 * with large entries it is the engine of issue 13's wrong count.
 *
 * Original header:
 * The exhaustive grid search: every multiset of n column types, with A2's
 * rank and every reading's condition, by a depth-first walk that shares the
 * work of common prefixes.
 *
 * Rank: columns are reduced incrementally modulo a prime p1 = 32749 along
 * the walk, in int32 arithmetic with an inverse table (rank mod p <= rank
 * over Q, so rank n mod p1 proves full rank). A leaf with rank < n mod p1
 * is singular for a structural reason (a zero column, a repeated column),
 * or is decided by ranks modulo two primes p2, p3 < 2^26: rank n modulo
 * either proves full rank; rank < n modulo all three makes every n x n
 * minor divisible by p1 p2 p3, and when Hadamard's bound (product of the
 * column norms) is below that the minors are 0: singular. Otherwise exact
 * BigInt Bareiss decides.
 *
 * Conditions: row zero patterns are bit signatures grown along the walk,
 * column patterns and knot repetitions are counters pushed and popped.
 */
import { bareiss } from '../../src/kernel/matrix.js';
import { READINGS } from '../../src/search/readings.js';
import { binom, type GridSpec, gridDenominator, gridKnots, typeOf, column } from '../../src/search/grid.js';
import { emptyCounts, record, type SearchCounts } from './result-v1.js';

/** The walk's prime: small enough for exact int32 products and an inverse table. */
const P1 = 32749;
/** Fallback primes below 2^26 (float64 products stay exact). */
const P2 = 67108837;
const P3 = 67108859;

/** Inverses modulo P1, by Fermat. */
const INV1 = (() => {
  const t = new Int32Array(P1);
  for (let x = 1; x < P1; x++) {
    let r = 1;
    let b = x;
    for (let e = P1 - 2; e > 0; e >>= 1) {
      if (e & 1) r = (r * b) % P1;
      b = (b * b) % P1;
    }
    t[x] = r;
  }
  return t;
})();

/** The kernel's prime, rankModP and invMod as they were. */
const PRIME = 67108859;
function invMod(x: number, p: number): number {
  let [a, b, u, v] = [x, p, 1, 0];
  while (b !== 0) {
    const t = Math.floor(a / b);
    [a, b] = [b, a - t * b];
    [u, v] = [v, u - t * v];
  }
  return ((u % p) + p) % p;
}
function rankModP(a: Float64Array, m: number, n: number, work: Float64Array, p = PRIME): number {
  for (let k = 0; k < m * n; k++) {
    const x = (a[k] as number) % p;
    work[k] = x < 0 ? x + p : x;
  }
  let r = 0;
  for (let c = 0; c < n && r < m; c++) {
    let piv = r;
    while (piv < m && work[piv * n + c] === 0) piv++;
    if (piv === m) continue;
    if (piv !== r) {
      for (let j = c; j < n; j++) {
        const t = work[piv * n + j] as number;
        work[piv * n + j] = work[r * n + j] as number;
        work[r * n + j] = t;
      }
    }
    const rb = r * n;
    const inv = invMod(work[rb + c] as number, p);
    for (let i = r + 1; i < m; i++) {
      const ib = i * n;
      const x = work[ib + c] as number;
      if (x === 0) continue;
      const f = (x * inv) % p;
      for (let j = c + 1; j < n; j++) {
        const y = ((work[ib + j] as number) - f * (work[rb + j] as number)) % p;
        work[ib + j] = y < 0 ? y + p : y;
      }
      work[ib + c] = 0;
    }
    r++;
  }
  return r;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

const PATTERNS = ['share', 'share+empty', 'per-line'] as const;

/** The search over one grid; units are the non-decreasing prefixes of length min(2, n). */
export class GridSearch {
  readonly m: number;
  readonly types: number;
  readonly prefixLength: number;
  private readonly colInt: Float64Array; // type * m + i: integer entry
  private readonly colP: Int32Array; // residues mod p1
  private readonly colP2: Float64Array; // residues mod p2
  private readonly colP3: Float64Array; // residues mod p3
  private readonly zmask: Int32Array;
  private readonly zcount: Int32Array;
  /** The row boundary a column's zero set draws (-1: none): its zero set is a prefix or a suffix of the sorted codes. */
  private readonly boundary: Int32Array;
  private readonly maskId: Int32Array;
  private readonly knotIdx: Int32Array;
  private readonly zeroCol: Uint8Array;
  private readonly logNorm: Float64Array;
  private readonly keyDen: Float64Array;
  private readonly keyNum: Float64Array;
  private readonly readingPattern: number[];
  private readonly readingRatio: number[];
  readonly knots: ReturnType<typeof gridKnots>;

  constructor(readonly spec: GridSpec) {
    const { codes, g, n } = spec;
    this.m = codes.length;
    if (this.m > 30) throw new RangeError('at most 30 codes (row signatures are 32-bit)');
    if (n > 30) throw new RangeError('n <= 30');
    this.knots = gridKnots(codes, g);
    this.types = 2 * this.knots.length;
    this.prefixLength = Math.min(2, n);
    const m = this.m;
    const D = gridDenominator(codes, this.knots);
    this.colInt = new Float64Array(this.types * m);
    this.colP = new Int32Array(this.types * m);
    this.colP2 = new Float64Array(this.types * m);
    this.colP3 = new Float64Array(this.types * m);
    this.zmask = new Int32Array(this.types);
    this.zcount = new Int32Array(this.types);
    this.boundary = new Int32Array(this.types);
    this.maskId = new Int32Array(this.types);
    this.knotIdx = new Int32Array(this.types);
    this.zeroCol = new Uint8Array(this.types);
    this.logNorm = new Float64Array(this.types);
    this.keyDen = new Float64Array(this.types);
    this.keyNum = new Float64Array(this.types);
    const maskIds = new Map<number, number>();
    for (let ty = 0; ty < this.types; ty++) {
      const { s, t } = typeOf(this.knots, ty);
      const col = column(codes, s, t);
      let mask = 0;
      let norm2 = 0;
      col.forEach((x, i) => {
        const v = Number((x.num * D) / x.den); // exact: D clears every denominator, entries are small
        this.colInt[ty * m + i] = v;
        this.colP[ty * m + i] = v % P1;
        this.colP2[ty * m + i] = v % P2;
        this.colP3[ty * m + i] = v % P3;
        if (v === 0) mask |= 1 << i;
        norm2 += v * v;
      });
      this.zmask[ty] = mask;
      this.zcount[ty] = popcount(mask);
      // s = +1 zeroes a prefix {z <= t}, s = -1 a suffix {z >= t}: the boundary is after row zcount (prefix)
      // or before row m - zcount (suffix); none when the set is empty or everything.
      const zc = this.zcount[ty] as number;
      this.boundary[ty] = zc === 0 || zc === m ? -1 : s === 1 ? zc : m - zc;
      if (!maskIds.has(mask)) maskIds.set(mask, maskIds.size);
      this.maskId[ty] = maskIds.get(mask) as number;
      this.knotIdx[ty] = ty >> 1;
      this.zeroCol[ty] = mask === (1 << m) - 1 ? 1 : 0;
      this.logNorm[ty] = norm2 > 0 ? 0.5 * Math.log(norm2) : -Infinity;
      this.keyDen[ty] = Number(t.den);
      this.keyNum[ty] = Number(t.num < 0n ? -t.num : t.num);
    }
    this.readingPattern = READINGS.map((r) => PATTERNS.indexOf(r.pattern));
    this.readingRatio = READINGS.map((r) => (r.ratio === 'k-all' ? 0 : 1));
  }

  /** All units (prefixes) in enumeration order. */
  units(): number[][] {
    const out: number[][] = [];
    const L = this.prefixLength;
    const rec = (prefix: number[], start: number) => {
      if (prefix.length === L) {
        out.push(prefix.slice());
        return;
      }
      for (let t = start; t < this.types; t++) {
        prefix.push(t);
        rec(prefix, t);
        prefix.pop();
      }
    };
    rec([], 0);
    return out;
  }

  /** Number of configurations under a unit. */
  unitSize(prefix: readonly number[]): number {
    const last = prefix[prefix.length - 1] ?? 0;
    const rest = this.spec.n - prefix.length;
    return Number(binom(this.types - last + rest - 1, rest));
  }

  /** Runs one unit, adding into `acc` (or a fresh result). */
  runUnit(prefix: readonly number[], acc: SearchCounts = emptyCounts()): SearchCounts {
    const n = this.spec.n;
    const m = this.m;
    const T = this.types;
    const { colP, colP2, colP3, colInt, zmask, zcount, boundary, maskId, knotIdx, zeroCol, logNorm, keyDen, keyNum } =
      this;
    const chosen = new Int32Array(n);
    const basis = new Int32Array(n * m);
    const pivot = new Int32Array(n);
    const rankAt = new Int32Array(n + 1);
    const rowZeros = new Int32Array(m); // zeros in each row
    const cuts = new Int32Array(m); // cuts[b] > 0: rows b-1 and b have different zero patterns
    let rowsOver = 0; // rows with more than 2 zeros
    const knotCount = new Int32Array(T >> 1);
    const typeCount = new Int32Array(T);
    const vec = new Int32Array(m);
    const work = new Float64Array(n * m);
    let dupKnot = 0;
    let dupType = 0;
    let zeroCols = 0;
    let wideCols = 0; // columns with more than 2 zeros
    const maskCount = new Int32Array(this.types);
    let overShared = 0; // nonempty column patterns used by more than 2 columns (counted per extra column)
    let overSharedEmpty = 0; // the same for the empty pattern
    const readings = acc.readings;
    const R = READINGS.length;
    const patternOk = [false, false, false];
    const ratioOk = [false, false];
    const logP12 = Math.log(P1) + Math.log(P2) - Math.log(2);
    const logP = logP12 + Math.log(P3);

    const push = (d: number, ty: number) => {
      chosen[d] = ty;
      // Reduce the column mod p1 against the basis of the prefix.
      const r = rankAt[d] as number;
      for (let i = 0; i < m; i++) vec[i] = colP[ty * m + i] as number;
      for (let k = 0; k < r; k++) {
        const f = vec[pivot[k] as number] as number;
        if (f === 0) continue;
        const base = k * m;
        // Residues < 2^15: products < 2^30 stay exact in int32.
        for (let i = 0; i < m; i++) {
          const y = ((vec[i] as number) - Math.imul(f, basis[base + i] as number)) % P1;
          vec[i] = y < 0 ? y + P1 : y;
        }
      }
      let pv = -1;
      for (let i = 0; i < m; i++) {
        if (vec[i] !== 0) {
          pv = i;
          break;
        }
      }
      if (pv >= 0) {
        const inv = INV1[vec[pv] as number] as number;
        const base = r * m;
        for (let i = 0; i < m; i++) basis[base + i] = Math.imul(vec[i] as number, inv) % P1;
        pivot[r] = pv;
        rankAt[d + 1] = r + 1;
      } else {
        rankAt[d + 1] = r;
      }
      const mask = zmask[ty] as number;
      for (let i = 0; i < m; i++) {
        if (mask & (1 << i)) {
          const c = (rowZeros[i] as number) + 1;
          rowZeros[i] = c;
          if (c === 3) rowsOver++;
        }
      }
      const bnd = boundary[ty] as number;
      if (bnd >= 0) cuts[bnd] = (cuts[bnd] as number) + 1;
      if (zeroCol[ty]) zeroCols++;
      else {
        const ki = knotIdx[ty] as number;
        const kc = (knotCount[ki] as number) + 1;
        knotCount[ki] = kc;
        if (kc >= 2) dupKnot++;
        const tc = (typeCount[ty] as number) + 1;
        typeCount[ty] = tc;
        if (tc >= 2) dupType++;
      }
      if ((zcount[ty] as number) > 2) wideCols++;
      const mi = maskId[ty] as number;
      const mc = (maskCount[mi] as number) + 1;
      maskCount[mi] = mc;
      if (mc > 2) {
        if (zmask[ty] === 0) overSharedEmpty++;
        else overShared++;
      }
    };
    const pop = (ty: number) => {
      const mask = zmask[ty] as number;
      for (let i = 0; i < m; i++) {
        if (mask & (1 << i)) {
          const c = rowZeros[i] as number;
          if (c === 3) rowsOver--;
          rowZeros[i] = c - 1;
        }
      }
      const bnd = boundary[ty] as number;
      if (bnd >= 0) cuts[bnd] = (cuts[bnd] as number) - 1;
      if (zeroCol[ty]) zeroCols--;
      else {
        const ki = knotIdx[ty] as number;
        if ((knotCount[ki] as number) >= 2) dupKnot--;
        knotCount[ki] = (knotCount[ki] as number) - 1;
        if ((typeCount[ty] as number) >= 2) dupType--;
        typeCount[ty] = (typeCount[ty] as number) - 1;
      }
      if ((zcount[ty] as number) > 2) wideCols--;
      const mi = maskId[ty] as number;
      const mc = maskCount[mi] as number;
      if (mc > 2) {
        if (zmask[ty] === 0) overSharedEmpty--;
        else overShared--;
      }
      maskCount[mi] = mc - 1;
    };

    const leafMatrix = new Float64Array(m * n);
    const rankMod = (residues: Float64Array, P: number): number => {
      for (let j = 0; j < n; j++) {
        const ty = chosen[j] as number;
        for (let i = 0; i < m; i++) leafMatrix[i * n + j] = residues[ty * m + i] as number;
      }
      return rankModP(leafMatrix, m, n, work, P);
    };

    const leaf = () => {
      acc.total++;
      let full = rankAt[n] === n;
      if (!full && zeroCols === 0 && dupType === 0) {
        acc.exactChecks++;
        let logH = 0;
        for (let j = 0; j < n; j++) logH += logNorm[chosen[j] as number] as number;
        if (rankMod(colP2, P2) === n) full = true;
        else if (logH < logP12 - 1e-9)
          full = false; // every minor is a multiple of p1 p2 and smaller: 0
        else if (rankMod(colP3, P3) === n) full = true;
        else {
          if (!(logH < logP - 1e-9)) {
            const rows = Array.from({ length: m }, (_, i) =>
              Array.from({ length: n }, (_, j) => BigInt(colInt[(chosen[j] as number) * m + i] as number)),
            );
            full = bareiss(rows).rank === n;
          }
        }
      }
      if (full) acc.fullRank++;
      // Row patterns: rows with equal zero patterns form the blocks between cuts.
      let rowShare = true;
      let rowShareEmpty = true;
      let start = 0;
      for (let b = 1; b <= m; b++) {
        if (b < m && (cuts[b] as number) === 0) continue;
        if (b - start > 2) {
          rowShareEmpty = false;
          if ((rowZeros[start] as number) > 0) rowShare = false;
        }
        start = b;
      }
      const rowPerLine = rowsOver === 0;
      // Column patterns (counted along the walk).
      patternOk[0] = rowShare && overShared === 0;
      patternOk[1] = rowShareEmpty && overShared === 0 && overSharedEmpty === 0;
      patternOk[2] = rowPerLine && wideCols === 0;
      ratioOk[0] = dupKnot === 0;
      ratioOk[1] = dupType === 0;
      let k0 = -1;
      let k1 = 0;
      for (let r = 0; r < R; r++) {
        const cond =
          (patternOk[this.readingPattern[r] as number] as boolean) &&
          (ratioOk[this.readingRatio[r] as number] as boolean);
        const rc = readings[r] as SearchCounts['readings'][number];
        if (cond) rc.condition++;
        if (cond === full) continue;
        if (k0 < 0) {
          k0 = 0;
          for (let j = 0; j < n; j++) {
            k0 += keyDen[chosen[j] as number] as number;
            k1 += keyNum[chosen[j] as number] as number;
          }
        }
        record(cond ? rc.ifFails : rc.onlyIfFails, chosen, k0, k1);
      }
    };

    const dfs = (d: number, start: number) => {
      if (d === n) {
        leaf();
        return;
      }
      for (let ty = start; ty < T; ty++) {
        push(d, ty);
        dfs(d + 1, ty);
        pop(ty);
      }
    };

    for (let d = 0; d < prefix.length; d++) push(d, prefix[d] as number);
    dfs(prefix.length, prefix[prefix.length - 1] ?? 0);
    for (let d = prefix.length - 1; d >= 0; d--) pop(prefix[d] as number);
    return acc;
  }
}
