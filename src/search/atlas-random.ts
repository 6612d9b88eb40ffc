/**
 * Seeded random checks for the conjecture's atlas page that honour a range
 * nMin..nMax of n (random.ts and corrected.ts draw n from 1..nMax):
 * - every reading and direction on random instances with arbitrary rational
 *   codes (repeated codes and W2_j = 0 allowed), with fast-check's
 *   shrinking: random.ts's instances, restricted to n >= nMin;
 * - a one-sign statement against the exact rank on random distinct
 *   rational codes and random knots.
 * Exact throughout (Q); fast-check supplies the seeded choices.
 */
import fc from 'fast-check';
import { fastRankQ } from '../kernel/fastrank.js';
import { Q } from '../kernel/rational.js';
import { columnsMatrix } from './atlas-families.js';
import type { OneSignStatement } from './atlas-grid.js';
import { interlacing } from './corrected.js';
import { type Instance, instanceArbitrary, isCounterexample } from './random.js';
import { READINGS } from './readings.js';

/** The outcome of the random search for one reading and direction (as random.ts's RandomFinding). */
export interface RandomReadingFinding {
  /** readings.ts id. */
  reading: string;
  direction: 'if' | 'only if';
  runs: number;
  found: boolean;
  counterexample?: { n: number; codes: Q[]; W2: Q[]; b2: Q[] };
}

/** Every reading and direction, zero signal dropped, n in nMin..nMax, arbitrary rational codes. */
export function randomReadingSearch(o: {
  nMin: number;
  nMax: number;
  runs: number;
  seed: number;
}): RandomReadingFinding[] {
  const arb = instanceArbitrary(o.nMax, 'drop', 'random').filter((x) => x.W2.length >= o.nMin);
  return READINGS.flatMap((r) =>
    (['if', 'only if'] as const).map((direction) => {
      const details = fc.check(
        fc.property(arb, (x) => !isCounterexample(r, direction, x)),
        { seed: o.seed, numRuns: o.runs },
      );
      const cx = details.failed ? (details.counterexample?.[0] as Instance | undefined) : undefined;
      return {
        reading: r.id,
        direction,
        runs: o.runs,
        found: Boolean(cx),
        ...(cx ? { counterexample: { n: cx.W2.length, codes: cx.codes, W2: cx.W2, b2: cx.b2 } } : {}),
      };
    }),
  );
}

/**
 * A one-sign statement against the exact rank: n in nMin..nMax, n or n + 1
 * distinct random rational codes, n random knots (ties allowed), one direction.
 */
export function randomCorrectedCheck(
  o: { nMin: number; nMax: number; runs: number; seed: number },
  statement: OneSignStatement = interlacing,
): { runs: number; failed: boolean; counterexample?: { codes: Q[]; knots: Q[]; s: 1 | -1 } } {
  const q = fc
    .tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: 1, max: 4 }))
    .map(([a, b]) => Q.of(BigInt(a), BigInt(b)));
  const arb = fc
    .integer({ min: o.nMin, max: o.nMax })
    .chain((n) =>
      fc.tuple(
        fc.uniqueArray(q, { minLength: n, maxLength: n + 1, comparator: (a, b) => a.equals(b) }),
        fc.array(q, { minLength: n, maxLength: n }),
        fc.constantFrom<1 | -1>(1, -1),
      ),
    );
  const details = fc.check(
    fc.property(arb, ([zs, ts, s]) => {
      const codes = [...zs].sort((a, b) => a.cmp(b));
      const full =
        fastRankQ(
          columnsMatrix(
            codes,
            ts.map((t) => ({ s, t })),
          ),
        ) === ts.length;
      return full === statement(codes, ts, s);
    }),
    { seed: o.seed, numRuns: o.runs },
  );
  const cx = details.failed ? details.counterexample?.[0] : undefined;
  return {
    runs: o.runs,
    failed: details.failed,
    ...(cx ? { counterexample: { codes: [...cx[0]].sort((a, b) => a.cmp(b)), knots: cx[1], s: cx[2] } } : {}),
  };
}
