/**
 * The exhaustive grid search: every multiset of n column types, with A2's
 * rank and every reading's condition, by a depth-first walk over sorted
 * type sequences that shares the work of common prefixes.
 *
 * Exact for every input. Each column is stored as its primitive integer
 * vector (the rational column times the lcm of its denominators, divided
 * by the gcd of the results: a nonzero scale, so ranks are unchanged), in
 * BigInt; every residue is taken from that BigInt, never from a float.
 *
 * Rank. Along the walk the left null space of the chosen columns is kept
 * modulo each of four walk primes near 2^13 (WALK_PRIMES), in int32 (a dot
 * product of m <= 30 residues stays below 2^31). A new column with a
 * nonzero product against the null space modulo a prime p in which the
 * chosen columns were independent is independent modulo p, hence over Q
 * (rank mod p <= rank over Q). When no prime proves it, the columns are
 * rank deficient modulo all four, so every maximal minor is a multiple of
 * their product; Hadamard's bound H (the product of the column norms,
 * which bounds every maximal minor) below half that product proves them
 * all 0: dependent. Only beyond that bound does `exactIndependent` decide,
 * with two primes below 2^26 and the same argument, then BigInt Bareiss.
 * A prefix found dependent makes its whole subtree singular, decided once.
 *
 * Conditions. The leaf level evaluates each reading from the parent's
 * state without pushing: rows with >= 1, 2, 3 zeros and the cuts between
 * row blocks are bit masks (m <= 30), column pattern multiplicities and
 * knot repetitions are counters. The six conditions and the rank make one
 * of 128 bins; counts, first and simplest counterexamples are kept per bin
 * and turned into per-reading counts once per unit.
 *
 * Mirror symmetry (mirror.ts): when the codes are symmetric about their
 * centre, only the lexicographically smaller configuration of each mirror
 * pair is visited, with weight 2 (1 for a configuration that is its own
 * mirror); the simplest counterexample is looked for among both.
 *
 * Every count is a JS number: the constructor refuses a grid of 2^53
 * configurations or more (UsageError), so every sum is exact.
 */
import { popcount } from '../kernel/bits.js';
import { UsageError } from '../errors.js';
import { PRIME, PRIME_2, WALK_PRIMES, rankModP } from '../kernel/fastrank.js';
import { bareiss } from '../kernel/matrix.js';
import { gcd, lcm, type Q } from '../kernel/rational.js';
import { Rng } from '../random.js';
import { binom, column, configurationCount, type GridSpec, gridKnots, typeOf } from './grid.js';
import { mirrorApplies, mirrorUnitWeight } from './mirror.js';
import { READINGS } from './readings.js';
import { compareArrays, emptyCounts, type Found, type SearchCounts } from './result.js';

/** Options of the engine. */
export interface GridSearchOptions {
  /** Visit one configuration per mirror orbit when the codes allow it (default true). */
  mirror?: boolean;
}

/** One configuration the engine decided, kept for an independent exact recount. */
export interface Sample {
  types: number[];
  /** 2: the configuration stands for itself and its mirror. */
  weight: number;
  full: boolean;
  /** Bit r: reading r's condition holds. */
  conditions: number;
}

/** Which leaves to keep as samples: a seeded walk with gaps uniform in [1, 2 gap - 1]. */
export interface SamplePlan {
  seed: number;
  gap: number;
}

/** The outcome of one unit. */
export interface UnitResult {
  counts: SearchCounts;
  samples: Sample[];
}

const TWO53 = 2n ** 53n;

// The walk's int32 dot products: m <= 30 products of residues below a walk prime.
if (WALK_PRIMES.some((p) => 30 * (p - 1) ** 2 >= 2 ** 31)) throw new Error('internal: a walk prime is too large');
const NP = WALK_PRIMES.length;
const BINS = 128;
const ALL_READINGS = (1 << READINGS.length) - 1;

/**
 * ln(P / 2) for P the product of the walk primes, then times PRIME_2, then
 * times PRIME, each lowered by 1e-9: the Hadamard test compares a sum of at
 * most 31 float upper bounds of logarithms, each at most 90 when the test
 * can succeed (the terms are >= 0), so its rounding error is below
 * 31 * 2^-52 * 90 < 1e-12.
 */
const LOG_BOUND_W = WALK_PRIMES.reduce((s, p) => s + Math.log(p), 0) - Math.log(2) - 1e-9;
const LOG_BOUND_2 = LOG_BOUND_W + Math.log(PRIME_2);
const LOG_BOUND_3 = LOG_BOUND_2 + Math.log(PRIME);

/** An upper bound of ln(sqrt(x)) for a positive bigint x, with a margin for the float rounding. */
function logSqrtUpper(x: bigint): number {
  const bits = x.toString(2).length;
  const shift = Math.max(0, bits - 53);
  // x < (top + 1) 2^shift, top exact below 2^53.
  const top = Number(x >> BigInt(shift)) + (shift > 0 ? 1 : 0);
  const l = 0.5 * (Math.log(top) + shift * Math.LN2);
  return l + 1e-12 * (1 + Math.abs(l));
}

/** The search over one grid; units are the non-decreasing prefixes of length min(2, n). */
export class GridSearch {
  readonly m: number;
  readonly types: number;
  readonly prefixLength: number;
  readonly knots: Q[];
  /** True when only one configuration per mirror orbit is visited. */
  readonly mirror: boolean;
  /** True when the simplicity keys' sums are safe integers (else they are compared in BigInt). */
  readonly keysSafe: boolean;
  private readonly colBig: bigint[][];
  /** Residues modulo the walk primes: prime j, type ty, row i at (j T + ty) m + i. */
  private readonly resW: Int32Array;
  private readonly res2: Float64Array;
  private readonly res3: Float64Array;
  private readonly logNorm: Float64Array;
  private readonly zmask: Int32Array;
  private readonly zcount: Int32Array;
  private readonly cutBit: Int32Array;
  private readonly maskId: Int32Array;
  private readonly zeroCol: Uint8Array;
  private readonly keyDenBig: bigint[];
  private readonly keyNumBig: bigint[];
  private readonly keyDen: Float64Array;
  private readonly keyNum: Float64Array;
  /** cond6 of (pattern bits, ratio bits): bit r set when reading r's condition holds. */
  private readonly condTable: Int32Array;

  constructor(
    readonly spec: GridSpec,
    options: GridSearchOptions = {},
  ) {
    const { codes, g, n } = spec;
    this.m = codes.length;
    const m = this.m;
    if (m > 30) throw new RangeError('at most 30 codes (row signatures are 32-bit)');
    if (n < 1 || n > 30) throw new RangeError('1 <= n <= 30');
    if (m < n) throw new RangeError('at least n codes');
    for (let i = 1; i < m; i++)
      if (!(codes[i - 1] as Q).lt(codes[i] as Q)) throw new RangeError('codes must be sorted and distinct');
    this.knots = gridKnots(codes, g);
    this.types = 2 * this.knots.length;
    const T = this.types;
    const size = configurationCount(T, n);
    if (size >= TWO53)
      throw new UsageError(
        `this grid has ${size} configurations, 2^53 or more: its counts would not be exact; accepted: a smaller n or --grid`,
      );
    this.prefixLength = Math.min(2, n);
    this.mirror = (options.mirror ?? true) && mirrorApplies(codes);

    this.colBig = [];
    this.resW = new Int32Array(NP * T * m);
    this.res2 = new Float64Array(T * m);
    this.res3 = new Float64Array(T * m);
    this.logNorm = new Float64Array(T);
    this.zmask = new Int32Array(T);
    this.zcount = new Int32Array(T);
    this.cutBit = new Int32Array(T);
    this.maskId = new Int32Array(T);
    this.zeroCol = new Uint8Array(T);
    this.keyDenBig = [];
    this.keyNumBig = [];
    const maskIds = new Map<number, number>();
    for (let ty = 0; ty < T; ty++) {
      const { s, t } = typeOf(this.knots, ty);
      const col = column(codes, s, t);
      const l = col.reduce((acc, x) => lcm(acc, x.den), 1n);
      let ints = col.map((x) => x.num * (l / x.den));
      const gg = ints.reduce((acc, x) => gcd(acc, x), 0n);
      if (gg > 1n) ints = ints.map((x) => x / gg);
      this.colBig.push(ints);
      let mask = 0;
      let norm2 = 0n;
      ints.forEach((v, i) => {
        // Residues of the exact integer: the float path never sees the integer itself.
        WALK_PRIMES.forEach((p, j) => {
          this.resW[(j * T + ty) * m + i] = Number(((v % BigInt(p)) + BigInt(p)) % BigInt(p));
        });
        this.res2[ty * m + i] = Number(((v % BigInt(PRIME_2)) + BigInt(PRIME_2)) % BigInt(PRIME_2));
        this.res3[ty * m + i] = Number(((v % BigInt(PRIME)) + BigInt(PRIME)) % BigInt(PRIME));
        if (v === 0n) mask |= 1 << i;
        norm2 += v * v;
      });
      this.logNorm[ty] = norm2 > 0n ? logSqrtUpper(norm2) : 0;
      this.zmask[ty] = mask;
      const zc = popcount(mask);
      this.zcount[ty] = zc;
      // s = +1 zeroes a prefix {z <= t}, s = -1 a suffix {z >= t}: the rows on either side of
      // the boundary (after row zc for a prefix, before row m - zc for a suffix) differ in this column.
      const bnd = zc === 0 || zc === m ? -1 : s === 1 ? zc : m - zc;
      this.cutBit[ty] = bnd > 0 ? 1 << bnd : 0;
      if (!maskIds.has(mask)) maskIds.set(mask, maskIds.size);
      this.maskId[ty] = maskIds.get(mask) as number;
      this.zeroCol[ty] = mask === (1 << m) - 1 ? 1 : 0;
      this.keyDenBig.push(t.den);
      this.keyNumBig.push(t.num < 0n ? -t.num : t.num);
    }
    const maxKey = [...this.keyDenBig, ...this.keyNumBig].reduce((a, b) => (a > b ? a : b), 0n);
    this.keysSafe = BigInt(n) * maxKey < TWO53;
    // Unsafe keys: all zero, so the numeric filter lets every candidate through to the exact comparison.
    this.keyDen = Float64Array.from(this.keyDenBig, (x) => (this.keysSafe ? Number(x) : 0));
    this.keyNum = Float64Array.from(this.keyNumBig, (x) => (this.keysSafe ? Number(x) : 0));
    if (this.mirror) this.checkMirror();
    // Readings are pattern-major, ratio-minor (readings.ts): index = 2 p + q.
    const patterns = ['share', 'share+empty', 'per-line'];
    const ratios = ['k-all', 'k-row'];
    this.condTable = new Int32Array(32);
    for (let pm = 0; pm < 8; pm++) {
      for (let rm = 0; rm < 4; rm++) {
        let c = 0;
        READINGS.forEach((r, k) => {
          if (pm & (1 << patterns.indexOf(r.pattern)) && rm & (1 << ratios.indexOf(r.ratio))) c |= 1 << k;
        });
        this.condTable[pm * 4 + rm] = c;
      }
    }
  }

  /** The symmetry the walk relies on, checked on the actual columns: type T-1-ty is type ty upside down. */
  private checkMirror(): void {
    const { m, types: T } = this;
    for (let ty = 0; ty < T; ty++) {
      const a = this.colBig[ty] as bigint[];
      const b = this.colBig[T - 1 - ty] as bigint[];
      for (let i = 0; i < m; i++)
        if (a[i] !== b[m - 1 - i]) throw new Error('internal: the grid is not mirror-symmetric');
    }
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

  /** Number of configurations a unit stands for (under the mirror, the weighted count of its representatives). */
  unitSize(prefix: readonly number[]): number {
    if (this.mirror) return Number(mirrorUnitWeight(prefix, this.spec.n, this.types));
    const last = prefix[prefix.length - 1] ?? 0;
    const rest = this.spec.n - prefix.length;
    return Number(binom(this.types - last + rest - 1, rest));
  }

  /** The exact simplicity key of a type sequence. */
  keyOf(types: readonly number[]): [bigint, bigint] {
    let a = 0n;
    let b = 0n;
    for (const ty of types) {
      a += this.keyDenBig[ty] as bigint;
      b += this.keyNumBig[ty] as bigint;
    }
    return [a, b];
  }

  /**
   * Whether the given k columns are linearly independent over Q, knowing
   * that they are dependent modulo every walk prime and that Hadamard's
   * bound did not settle it (the caller saw both).
   */
  private exactIndependent(types: ArrayLike<number>, k: number, buf: Float64Array, work: Float64Array): boolean {
    const m = this.m;
    const fill = (res: Float64Array) => {
      for (let j = 0; j < k; j++) {
        const ty = types[j] as number;
        for (let i = 0; i < m; i++) buf[i * k + j] = res[ty * m + i] as number;
      }
    };
    fill(this.res2);
    if (rankModP(buf, m, k, work, PRIME_2) === k) return true;
    let logH = 0;
    for (let j = 0; j < k; j++) logH += this.logNorm[types[j] as number] as number;
    // Every k x k minor is a multiple of the walk primes and PRIME_2 and at most H in absolute value.
    if (logH < LOG_BOUND_2) return false;
    fill(this.res3);
    if (rankModP(buf, m, k, work, PRIME) === k) return true;
    if (logH < LOG_BOUND_3) return false;
    const rows = Array.from({ length: m }, (_, i) =>
      Array.from({ length: k }, (_, j) => (this.colBig[types[j] as number] as bigint[])[i] as bigint),
    );
    return bareiss(rows).rank === k;
  }

  /** Runs one unit; keeps the leaves the plan picks as samples. */
  runUnit(prefix: readonly number[], plan?: SamplePlan): UnitResult {
    const n = this.spec.n;
    const m = this.m;
    const T = this.types;
    const mirror = this.mirror;
    const { resW, zmask, zcount, cutBit, maskId, zeroCol, keyDen, keyNum, condTable, logNorm } = this;
    const primes = Int32Array.from(WALK_PRIMES);

    const chosen = new Int32Array(n);
    // Per depth d (columns chosen so far): the state after the first d columns.
    const stZ1 = new Int32Array(n + 1); // rows with >= 1 zero
    const stZ2 = new Int32Array(n + 1); // >= 2 zeros
    const stZ3 = new Int32Array(n + 1); // >= 3 zeros
    const stCut = new Int32Array(n + 1); // bit b: rows b-1 and b differ in some column
    const stWide = new Int32Array(n + 1); // columns with more than 2 zeros
    const stDupK = new Int32Array(n + 1); // repeated knots among nonzero columns
    const stDupT = new Int32Array(n + 1); // repeated types among nonzero columns
    const stOver = new Int32Array(n + 1); // extra columns on a nonempty pattern used > 2 times
    const stOverE = new Int32Array(n + 1); // the same for the empty pattern
    const stK0 = new Float64Array(n + 1);
    const stK1 = new Float64Array(n + 1);
    const stK0m = new Float64Array(n + 1); // the mirror configuration's key sums
    const stK1m = new Float64Array(n + 1);
    // 1: the chosen columns are dependent over Q (the subtree is singular); 0: independent.
    const stStatus = new Int8Array(n + 1);
    // Per walk prime j and depth d: the rank modulo p_j, and the left null space modulo p_j
    // (m - rank rows of length m) at ((j (n + 1) + d) m + row) m.
    const stRank = new Int32Array(NP * (n + 1));
    const kern = new Int32Array(NP * (n + 1) * m * m);
    const stLogH = new Float64Array(n + 1); // Hadamard's bound of the chosen columns, as an upper bound of its log
    const v = new Int32Array(m);
    const maskCount = new Int32Array(T);
    const buf = new Float64Array(m * n);
    const work = new Float64Array(m * n);
    const full6 = ALL_READINGS;
    const boundaryBits = ((1 << m) - 1) & ~1; // boundaries 1..m-1
    const rowBits = (1 << m) - 1;

    for (let j = 0; j < NP; j++) for (let i = 0; i < m; i++) kern[(j * (n + 1) * m + i) * m + i] = 1;

    const hist = new Float64Array(BINS);
    const firstT: (number[] | null)[] = new Array<number[] | null>(BINS).fill(null);
    const simpT: (number[] | null)[] = new Array<number[] | null>(BINS).fill(null);
    const simpKey: ([bigint, bigint] | null)[] = new Array<[bigint, bigint] | null>(BINS).fill(null);
    const bestK0 = new Float64Array(BINS).fill(Infinity);
    const bestK1 = new Float64Array(BINS).fill(Infinity);
    const interesting = new Uint8Array(BINS);
    for (let b = 0; b < BINS; b++) interesting[b] = b >> 1 !== (b & 1 ? full6 : 0) ? 1 : 0;
    let exactChecks = 0;

    const samples: Sample[] = [];
    const rng = plan ? new Rng((plan.seed ^ Math.imul(prefixHash(prefix), 0x9e3779b1)) >>> 0) : undefined;
    const gap = plan ? Math.max(1, Math.floor(plan.gap)) : 0;
    const nextGap = () => (rng ? 1 + Math.floor(rng.next() * (2 * gap - 1)) : Infinity);
    let leafNo = 0;
    let nextSample = nextGap();

    const keysSafe = this.keysSafe;
    const updateSimplest = (bin: number, types: number[]) => {
      const key = this.keyOf(types);
      const cur = simpKey[bin];
      if (cur) {
        const c = key[0] !== cur[0] ? (key[0] < cur[0] ? -1 : 1) : key[1] !== cur[1] ? (key[1] < cur[1] ? -1 : 1) : 0;
        if (c > 0 || (c === 0 && compareArrays(types, simpT[bin] as number[]) >= 0)) return;
      }
      simpKey[bin] = key;
      simpT[bin] = types;
      if (keysSafe) {
        bestK0[bin] = Number(key[0]);
        bestK1[bin] = Number(key[1]);
      } else {
        bestK0[bin] = 0;
        bestK1[bin] = 0;
      }
    };
    const leafTypes = (ty: number): number[] => {
      const out = new Array<number>(n);
      for (let j = 0; j < n - 1; j++) out[j] = chosen[j] as number;
      out[n - 1] = ty;
      return out;
    };
    const mirrorTypes = (types: number[]): number[] => types.map((ty) => T - 1 - ty).reverse();

    const push = (d: number, ty: number) => {
      chosen[d] = ty;
      const prev = d > 0 ? (chosen[d - 1] as number) : -1;
      const nz = zeroCol[ty] === 0;
      let status = stStatus[d] as number;
      const logH = (stLogH[d] as number) + (logNorm[ty] as number);
      stLogH[d + 1] = logH;
      if (status === 0 && (!nz || ty === prev)) status = 1; // a zero or repeated column
      if (status === 0) {
        let proved = false;
        for (let j = 0; j < NP; j++) {
          const P = primes[j] as number;
          const rank = stRank[j * (n + 1) + d] as number;
          const rows = m - rank;
          const src = (j * (n + 1) + d) * m * m;
          const dst = src + m * m;
          const col = (j * T + ty) * m;
          let piv = -1;
          for (let k = 0; k < rows; k++) {
            let sum = 0;
            const rb = src + k * m;
            for (let i = 0; i < m; i++) sum += Math.imul(kern[rb + i] as number, resW[col + i] as number);
            sum %= P;
            v[k] = sum;
            if (sum !== 0 && piv < 0) piv = k;
          }
          if (piv < 0) {
            // Dependent modulo p_j: the null space stays.
            kern.copyWithin(dst, src, src + rows * m);
            stRank[j * (n + 1) + d + 1] = rank;
            continue;
          }
          // Independent modulo p_j; over Q too when the previous columns were independent modulo p_j.
          if (rank === d) proved = true;
          // New null space: v_piv row_k - v_k row_piv for k != piv (annihilates the new column).
          const vp = v[piv] as number;
          const pb = src + piv * m;
          let out = 0;
          for (let k = 0; k < rows; k++) {
            if (k === piv) continue;
            const vk = v[k] as number;
            const rb = src + k * m;
            const ob = dst + out * m;
            for (let i = 0; i < m; i++) {
              // Residues < 2^13: each product < 2^26, the difference fits int32.
              const y = (Math.imul(vp, kern[rb + i] as number) - Math.imul(vk, kern[pb + i] as number)) % P;
              kern[ob + i] = y < 0 ? y + P : y;
            }
            out++;
          }
          stRank[j * (n + 1) + d + 1] = rank + 1;
        }
        if (!proved) {
          // Rank deficient modulo every walk prime: Hadamard, else the exact decision.
          if (logH < LOG_BOUND_W) status = 1;
          else {
            exactChecks++;
            status = this.exactIndependent(chosen, d + 1, buf, work) ? 0 : 1;
          }
        }
      }
      stStatus[d + 1] = status;
      const mask = zmask[ty] as number;
      const z1 = stZ1[d] as number;
      const z2 = stZ2[d] as number;
      stZ3[d + 1] = (stZ3[d] as number) | (z2 & mask);
      stZ2[d + 1] = z2 | (z1 & mask);
      stZ1[d + 1] = z1 | mask;
      stCut[d + 1] = (stCut[d] as number) | (cutBit[ty] as number);
      stWide[d + 1] = (stWide[d] as number) + ((zcount[ty] as number) > 2 ? 1 : 0);
      const prevNz = prev >= 0 && zeroCol[prev] === 0;
      stDupK[d + 1] = (stDupK[d] as number) + (nz && prevNz && prev >> 1 === ty >> 1 ? 1 : 0);
      stDupT[d + 1] = (stDupT[d] as number) + (nz && prev === ty ? 1 : 0);
      const mi = maskId[ty] as number;
      const mc = (maskCount[mi] as number) + 1;
      maskCount[mi] = mc;
      const over = mc > 2;
      stOver[d + 1] = (stOver[d] as number) + (over && mask !== 0 ? 1 : 0);
      stOverE[d + 1] = (stOverE[d] as number) + (over && mask === 0 ? 1 : 0);
      stK0[d + 1] = (stK0[d] as number) + (keyDen[ty] as number);
      stK1[d + 1] = (stK1[d] as number) + (keyNum[ty] as number);
      stK0m[d + 1] = (stK0m[d] as number) + (keyDen[T - 1 - ty] as number);
      stK1m[d + 1] = (stK1m[d] as number) + (keyNum[T - 1 - ty] as number);
    };
    const pop = (ty: number) => {
      const mi = maskId[ty] as number;
      maskCount[mi] = (maskCount[mi] as number) - 1;
    };

    /** The leaves below the node of depth n - 1 (the first n - 1 columns chosen), last type in [lo, top]. */
    const leaves = (lo: number, top: number) => {
      const d = n - 1;
      const start = Math.max(lo, d > 0 ? (chosen[d - 1] as number) : 0);
      let hi = top;
      let innerWeight = 1;
      if (mirror) {
        if (n === 1) hi = Math.min(hi, (T - 1) >> 1);
        else {
          hi = Math.min(hi, T - 1 - (chosen[0] as number));
          // The weight when a_n = T-1-a_1: the inner sequence a_2..a_{n-1} against its mirror.
          innerWeight = 1;
          for (let i = 1, j = n - 2; i <= j; i++, j--) {
            const a = chosen[i] as number;
            const b = T - 1 - (chosen[j] as number);
            if (a !== b) {
              innerWeight = a < b ? 2 : 0;
              break;
            }
          }
        }
      }
      const prev = d > 0 ? (chosen[d - 1] as number) : -1;
      const prevNz = prev >= 0 && zeroCol[prev] === 0;
      const status = stStatus[d] as number;
      const logHp = stLogH[d] as number;
      const z1 = stZ1[d] as number;
      const z2 = stZ2[d] as number;
      const z3 = stZ3[d] as number;
      const cut = stCut[d] as number;
      const wide = stWide[d] as number;
      const dupK = stDupK[d] as number;
      const dupT = stDupT[d] as number;
      const over = stOver[d] as number;
      const overE = stOverE[d] as number;
      const k0p = stK0[d] as number;
      const k1p = stK1[d] as number;
      const k0pm = stK0m[d] as number;
      const k1pm = stK1m[d] as number;
      for (let ty = start; ty <= hi; ty++) {
        let w = 1;
        if (mirror) {
          if (n === 1) w = ty < T - 1 - ty ? 2 : 1;
          else if (ty < T - 1 - (chosen[0] as number)) w = 2;
          else {
            w = innerWeight;
            if (w === 0) continue;
          }
        }
        const nz = zeroCol[ty] === 0;
        // Rank.
        let full = false;
        if (status === 0 && nz && ty !== prev) {
          for (let j = 0; j < NP && !full; j++) {
            // A prime in which the n - 1 chosen columns are deficient cannot prove full rank.
            if (stRank[j * (n + 1) + d] !== d) continue;
            const P = primes[j] as number;
            const kb = (j * (n + 1) + d) * m * m;
            const col = (j * T + ty) * m;
            for (let k = 0; k < m - d; k++) {
              let sum = 0;
              const rb = kb + k * m;
              for (let i = 0; i < m; i++) sum += Math.imul(kern[rb + i] as number, resW[col + i] as number);
              if (sum % P !== 0) {
                full = true;
                break;
              }
            }
          }
          // Rank < n modulo every walk prime: Hadamard's bound, else the exact decision.
          if (!full && logHp + (logNorm[ty] as number) >= LOG_BOUND_W) {
            exactChecks++;
            chosen[d] = ty;
            full = this.exactIndependent(chosen, n, buf, work);
          }
        }
        // Rows: a block of >= 3 rows with one pattern is two consecutive boundaries without a cut.
        const mask = zmask[ty] as number;
        const noCut = ~(cut | (cutBit[ty] as number)) & boundaryBits;
        const long3 = noCut & (noCut >> 1);
        const rowsLong = ((long3 >> 1) | long3 | (long3 << 1)) & rowBits;
        const rowShare = (rowsLong & (z1 | mask)) === 0;
        const rowShareEmpty = long3 === 0;
        const rowPerLine = (z3 | (z2 & mask)) === 0;
        // Columns.
        const mc = (maskCount[maskId[ty] as number] as number) + 1;
        const o = over + (mc > 2 && mask !== 0 ? 1 : 0);
        const oE = overE + (mc > 2 && mask === 0 ? 1 : 0);
        const wd = wide + ((zcount[ty] as number) > 2 ? 1 : 0);
        const dk = dupK + (nz && prevNz && prev >> 1 === ty >> 1 ? 1 : 0);
        const dt = dupT + (nz && prev === ty ? 1 : 0);
        const pm =
          (rowShare && o === 0 ? 1 : 0) |
          (rowShareEmpty && o === 0 && oE === 0 ? 2 : 0) |
          (rowPerLine && wd === 0 ? 4 : 0);
        const rm = (dk === 0 ? 1 : 0) | (dt === 0 ? 2 : 0);
        const cond = condTable[pm * 4 + rm] as number;
        const bin = (cond << 1) | (full ? 1 : 0);
        hist[bin] = (hist[bin] as number) + w;
        if (interesting[bin]) {
          if (!firstT[bin]) firstT[bin] = leafTypes(ty);
          const k0 = k0p + (keyDen[ty] as number);
          const k1 = k1p + (keyNum[ty] as number);
          const b0 = bestK0[bin] as number;
          if (k0 < b0 || (k0 === b0 && k1 <= (bestK1[bin] as number))) updateSimplest(bin, leafTypes(ty));
          if (w === 2) {
            const k0m = k0pm + (keyDen[T - 1 - ty] as number);
            const k1m = k1pm + (keyNum[T - 1 - ty] as number);
            const c0 = bestK0[bin] as number;
            if (k0m < c0 || (k0m === c0 && k1m <= (bestK1[bin] as number)))
              updateSimplest(bin, mirrorTypes(leafTypes(ty)));
          }
        }
        if (++leafNo === nextSample) {
          samples.push({ types: leafTypes(ty), weight: w, full, conditions: cond });
          nextSample += nextGap();
        }
      }
    };

    const dfs = (d: number, start: number) => {
      if (d === n - 1) {
        leaves(start, T - 1);
        return;
      }
      const hi = mirror && d > 0 ? T - 1 - (chosen[0] as number) : T - 1;
      for (let ty = start; ty <= hi; ty++) {
        push(d, ty);
        dfs(d + 1, ty);
        pop(ty);
      }
    };

    const L = prefix.length;
    if (L > n) throw new RangeError('a unit prefix longer than n');
    if (L === n) {
      // The unit is one configuration: its last column is chosen by the leaf loop, restricted to it.
      for (let d = 0; d < n - 1; d++) push(d, prefix[d] as number);
      const last = prefix[n - 1] as number;
      if (n === 1 || last >= (prefix[n - 2] as number)) leaves(last, last);
      for (let d = n - 2; d >= 0; d--) pop(prefix[d] as number);
    } else {
      for (let d = 0; d < L; d++) push(d, prefix[d] as number);
      dfs(L, L > 0 ? (prefix[L - 1] as number) : 0);
      for (let d = L - 1; d >= 0; d--) pop(prefix[d] as number);
    }
    return { counts: this.toCounts(hist, firstT, simpT, simpKey, exactChecks), samples };
  }

  /** Per-bin tallies to per-reading counts. */
  private toCounts(
    hist: Float64Array,
    firstT: (number[] | null)[],
    simpT: (number[] | null)[],
    simpKey: ([bigint, bigint] | null)[],
    exactChecks: number,
  ): SearchCounts {
    const c = emptyCounts();
    c.exactChecks = exactChecks;
    for (let b = 0; b < BINS; b++) {
      const h = hist[b] as number;
      if (h === 0 && !firstT[b]) continue;
      const full = (b & 1) === 1;
      const cond = b >> 1;
      c.total += h;
      if (full) c.fullRank += h;
      c.readings.forEach((r, k) => {
        const holds = ((cond >> k) & 1) === 1;
        if (holds) r.condition += h;
        if (holds === full) return;
        const dir = holds ? r.ifFails : r.onlyIfFails;
        dir.count += h;
        const f = firstT[b];
        if (f && (!dir.first || compareArrays(f, dir.first.types) < 0)) dir.first = this.found(f);
        const s = simpT[b];
        const sk = simpKey[b];
        if (s && sk) {
          const cur = dir.simplest;
          const better =
            !cur ||
            sk[0] < BigInt(cur.key[0]) ||
            (sk[0] === BigInt(cur.key[0]) &&
              (sk[1] < BigInt(cur.key[1]) || (sk[1] === BigInt(cur.key[1]) && compareArrays(s, cur.types) < 0)));
          if (better) dir.simplest = { types: s.slice(), key: [String(sk[0]), String(sk[1])] };
        }
      });
    }
    return c;
  }

  private found(types: number[]): Found {
    const [a, b] = this.keyOf(types);
    return { types: types.slice(), key: [String(a), String(b)] };
  }
}

/** A 32-bit hash of a unit's prefix, to give each unit its own sample stream. */
function prefixHash(prefix: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const x of prefix) {
    h ^= x + 1;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
