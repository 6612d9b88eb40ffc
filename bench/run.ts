/**
 * `npm run bench`: throughput of the exact rank in matrices per second, the
 * fast path against a fraction.js baseline doing the same elimination, in
 * the same run. Prints JSON and writes it under bench/results/.
 */
import Fraction from 'fraction.js';
import { fastRank, fastRankRational } from '../src/kernel/fastrank.js';
import { bareiss } from '../src/kernel/matrix.js';
import { Rng } from '../src/random.js';
import { header, publish } from './common.js';

const SEED = 20220227;
const POOL = 4096;
const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 1.5);

/** Runs fn over the pool until MIN_SECONDS have passed; matrices per second. */
function measure(fn: (k: number) => number): { perSecond: number; count: number; seconds: number; checksum: number } {
  let count = 0;
  let checksum = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS) {
    for (let k = 0; k < POOL; k++) checksum += fn(k);
    count += POOL;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return { perSecond: count / elapsed, count, seconds: elapsed, checksum };
}

/** Gaussian elimination with fraction.js objects: the baseline. */
function fractionRank(a: Fraction[][]): number {
  const m = a.map((r) => r.slice());
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let p = r;
    while (p < rows && (m[p] as Fraction[])[c]!.equals(0)) p++;
    if (p === rows) continue;
    [m[p], m[r]] = [m[r] as Fraction[], m[p] as Fraction[]];
    const pr = m[r] as Fraction[];
    for (let i = r + 1; i < rows; i++) {
      const ri = m[i] as Fraction[];
      const f = ri[c]!.div(pr[c]!);
      if (f.equals(0)) continue;
      for (let j = c; j < cols; j++) ri[j] = ri[j]!.sub(f.mul(pr[j]!));
    }
    r++;
  }
  return r;
}

interface Case {
  name: string;
  m: number;
  n: number;
  fast: (k: number) => number;
  baseline: (k: number) => number;
  bigint: (k: number) => number;
}

function intCase(name: string, n: number, k: number, rng: Rng): Case {
  const pool = Array.from({ length: POOL }, () => Float64Array.from({ length: n * n }, () => rng.int(-k, k)));
  const fr = pool.map((a) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => new Fraction(a[i * n + j] as number))),
  );
  const big = pool.map((a) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => BigInt(a[i * n + j] as number))),
  );
  const work = new Float64Array(n * n);
  return {
    name,
    m: n,
    n,
    fast: (t) => fastRank(pool[t] as Float64Array, n, n, work),
    baseline: (t) => fractionRank(fr[t] as Fraction[][]),
    bigint: (t) => bareiss(big[t] as bigint[][]).rank,
  };
}

function ratCase(name: string, n: number, maxDen: number, rng: Rng): Case {
  const nums = Array.from({ length: POOL }, () => Int32Array.from({ length: n * n }, () => rng.int(-3, 3)));
  const dens = Array.from({ length: POOL }, () => Int32Array.from({ length: n * n }, () => rng.int(1, maxDen)));
  const fr = nums.map((a, t) =>
    Array.from({ length: n }, (_, i) =>
      Array.from(
        { length: n },
        (_, j) => new Fraction(a[i * n + j] as number, (dens[t] as Int32Array)[i * n + j] as number),
      ),
    ),
  );
  const buf = new Float64Array(n * n);
  const work = new Float64Array(n * n);
  return {
    name,
    m: n,
    n,
    fast: (t) => fastRankRational(nums[t] as Int32Array, dens[t] as Int32Array, n, n, buf, work),
    baseline: (t) => fractionRank(fr[t] as Fraction[][]),
    bigint: (t) => {
      // The exact kernel's route: scale rows by the lcm of their denominators, BigInt Bareiss.
      const a = nums[t] as Int32Array;
      const d = dens[t] as Int32Array;
      const rows = Array.from({ length: n }, (_, i) => {
        let l = 1n;
        for (let j = 0; j < n; j++) {
          const dj = BigInt(d[i * n + j] as number);
          let g = l;
          let h = dj;
          while (h !== 0n) [g, h] = [h, g % h];
          l = (l / g) * dj;
        }
        return Array.from(
          { length: n },
          (_, j) => (BigInt(a[i * n + j] as number) * l) / BigInt(d[i * n + j] as number),
        );
      });
      return bareiss(rows).rank;
    },
  };
}

function main(): void {
  const rng = new Rng(SEED);
  const cases = [
    intCase('rank 6x6 integer entries in [-3,3]', 6, 3, rng),
    intCase('rank 8x8 integer entries in [-3,3]', 8, 3, rng),
    ratCase('rank 6x6 rational, numerators in [-3,3], denominators <= 6', 6, 6, rng),
  ];
  const results = cases.map((c) => {
    // Same pool, same answers: the three routes must agree before we time them.
    for (let t = 0; t < POOL; t++) {
      const r = c.fast(t);
      if (r !== c.baseline(t) || r !== c.bigint(t)) throw new Error(`${c.name}: routes disagree on matrix ${t}`);
    }
    const fast = measure(c.fast);
    const baseline = measure(c.baseline);
    const bigint = measure(c.bigint);
    return {
      case: c.name,
      fastPerSecond: Math.round(fast.perSecond),
      fractionJsPerSecond: Math.round(baseline.perSecond),
      bigintBareissPerSecond: Math.round(bigint.perSecond),
      speedupVsFractionJs: Number((fast.perSecond / baseline.perSecond).toFixed(1)),
      speedupVsBigintBareiss: Number((fast.perSecond / bigint.perSecond).toFixed(1)),
      matricesTimed: fast.count,
    };
  });
  const report = {
    ...header(),
    seed: SEED,
    threads: 1,
    secondsPerMeasurement: MIN_SECONDS,
    results,
  };
  publish('rank', report);
}

main();
