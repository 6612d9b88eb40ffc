/**
 * Random search of the conjecture's readings beyond the grid: fast-check
 * arbitraries over exact rationals, biased towards ties (a knot on a code
 * point, equal ratios, W2_j = 0, duplicate codes), with fast-check's
 * shrinking towards the smallest counterexample. Every counterexample is
 * replayable from (seed, path).
 */
import fc from 'fast-check';
import { UsageError } from '../errors.js';
import { type Mat, rank } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { relu } from '../model/network.js';
import { condition, evaluateParts, type Reading, READINGS } from './readings.js';

/** A random instance: codes (rows) and layer-2 weights (columns). */
export interface Instance {
  codes: Q[];
  W2: Q[];
  b2: Q[];
}

const smallQ = fc
  .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 3 }))
  .map(([a, b]) => Q.of(BigInt(a), BigInt(b)));

/** Instances with n columns and m = n (zero signal dropped) or n + 1 rows. */
export function instanceArbitrary(
  nMax: number,
  zeroSignal: 'keep' | 'drop',
  codes: 'linear' | 'random',
): fc.Arbitrary<Instance> {
  return fc.integer({ min: 1, max: nMax }).chain((n) => {
    const m = zeroSignal === 'keep' ? n + 1 : n;
    const codesArb =
      codes === 'linear'
        ? fc.constant(Array.from({ length: m }, (_, i) => Q.int(i + 1)))
        : fc.array(smallQ, { minLength: m, maxLength: m }).map((zs) => [...zs].sort((a, b) => a.cmp(b)));
    return codesArb.chain((zs) => {
      // A knot: on a code point, between two codes, or anywhere (small rationals).
      const knot = fc.oneof(
        fc.constantFrom(...zs),
        fc
          .integer({ min: 0, max: Math.max(0, zs.length - 2) })
          .map((i) => (zs[i] as Q).add(zs[Math.min(i + 1, zs.length - 1)] as Q).div(Q.int(2))),
        smallQ,
      );
      const weight = fc.oneof(
        { weight: 1, arbitrary: fc.constant(Q.ZERO) },
        { weight: 4, arbitrary: fc.constantFrom(Q.ONE, Q.MINUS_ONE, Q.int(2), Q.of(-1n, 2n)) },
      );
      const col = fc
        .tuple(weight, knot, smallQ)
        .map(([w, t, b0]) => (w.isZero() ? { w, b: b0 } : { w, b: w.mul(t).neg() }));
      return fc
        .array(col, { minLength: n, maxLength: n })
        .map((cols) => ({ codes: zs, W2: cols.map((c) => c.w), b2: cols.map((c) => c.b) }));
    });
  });
}

/** A2 of an instance, exactly. */
export function instanceMatrix(x: Instance): Mat {
  return x.codes.map((z) => x.W2.map((w, j) => relu(w.mul(z).add(x.b2[j] as Q))));
}

/** k_j = b2_j / W2_j, undefined where W2_j = 0. */
export function instanceRatios(x: Instance): (Q | undefined)[] {
  return x.W2.map((w, j) => (w.isZero() ? undefined : (x.b2[j] as Q).div(w)));
}

/** Whether an instance is a counterexample to a reading in a direction. */
export function isCounterexample(r: Reading, direction: 'if' | 'only if', x: Instance): boolean {
  const A = instanceMatrix(x);
  const full = rank(A) === x.W2.length;
  const cond = condition(r, evaluateParts(A, instanceRatios(x)));
  return direction === 'if' ? cond && !full : !cond && full;
}

/** The outcome of a random search for one reading and direction. */
export interface RandomFinding {
  reading: string;
  direction: 'if' | 'only if';
  runs: number;
  seed: number;
  found: boolean;
  /** Shrunk counterexample, with fast-check's replay path. */
  counterexample?: { n: number; codes: string[]; W2: string[]; b2: string[]; A2: string[][] };
  path?: string;
}

/** Searches every reading and direction with fast-check (seeded); shrinks what it finds. */
export function randomSearch(o: {
  nMax: number;
  runs: number;
  seed: number;
  zeroSignal: 'keep' | 'drop';
  codes: 'linear' | 'random';
  path?: string;
}): RandomFinding[] {
  const out: RandomFinding[] = [];
  for (const r of READINGS) {
    for (const direction of ['if', 'only if'] as const) {
      let details: fc.RunDetails<[Instance]>;
      try {
        details = fc.check(
          fc.property(instanceArbitrary(o.nMax, o.zeroSignal, o.codes), (x) => !isCounterexample(r, direction, x)),
          { seed: o.seed, numRuns: o.runs, ...(o.path ? { path: o.path } : {}) },
        );
      } catch (e) {
        // fast-check refuses a path that does not lead anywhere with this seed and these settings.
        if (o.path && /replay/i.test((e as Error).message))
          throw new UsageError(
            `--path ${o.path.length > 40 ? o.path.slice(0, 40) + '...' : o.path}: not a path of this search (${(e as Error).message.split('\n')[0]?.slice(0, 80)}); accepted: the path printed with a counterexample, with the same --seed, --n, --zero-signal and --codes`,
          );
        throw e;
      }
      const cx = details.failed ? (details.counterexample?.[0] as Instance | undefined) : undefined;
      out.push({
        reading: r.id,
        direction,
        runs: o.runs,
        seed: o.seed,
        found: Boolean(cx),
        ...(cx
          ? {
              counterexample: {
                n: cx.W2.length,
                codes: cx.codes.map(String),
                W2: cx.W2.map(String),
                b2: cx.b2.map(String),
                A2: instanceMatrix(cx).map((row) => row.map(String)),
              },
              path: details.counterexamplePath ?? undefined,
            }
          : {}),
      });
    }
  }
  return out;
}
