/**
 * The exact recount of a seeded sample of every run's configurations.
 *
 * The engine keeps, per unit, the leaves a seeded walk picks (exhaustive.ts
 * SamplePlan) with what it decided for them: full rank or not, and each
 * reading's condition. Here each one is decided again by code that shares
 * nothing with the engine's fast paths: the exact rational A2 of grid.ts,
 * the plain Gaussian rank over Q of certificate.ts, and the direct
 * predicates of readings.ts. A configuration the engine weighted 2 stands
 * for its mirror too, so the mirror is recounted as well (which also checks
 * the symmetry the weight relies on). Any disagreement is a bug of stepae:
 * InternalError (exit 3), never a report.
 */
import { InternalError } from '../errors.js';
import { gaussRank } from '../kernel/certificate.js';
import type { Q } from '../kernel/rational.js';
import type { Sample } from './exhaustive.js';
import type { Mat } from '../kernel/matrix.js';
import { column, configRatios, typeOf } from './grid.js';
import { mirrorWeight } from './mirror.js';
import { condition, evaluateParts, READINGS } from './readings.js';

/** The seed of the sample when the caller gives none. */
export const SAMPLE_SEED = 20220227;

/**
 * The mean gap between sampled leaves for a grid of `total` configurations:
 * about 2000 + total / 10^6 configurations are recounted (every one for a
 * grid of at most 2000).
 */
export function sampleGap(total: number): number {
  return Math.max(1, Math.floor(total / (2000 + total / 1e6)));
}

/**
 * Exact verdicts of configurations of one grid. The columns are built once
 * per type by grid.ts `column` (what configMatrix does per call): with codes
 * of 10^4 digits, building them is what costs.
 */
export class ExactRecount {
  private readonly cols = new Map<number, Q[]>();

  constructor(
    readonly codes: readonly Q[],
    readonly knots: readonly Q[],
    readonly n: number,
  ) {}

  /** The exact A2 of a configuration. */
  matrix(types: readonly number[]): Mat {
    const cols = types.map((ty) => {
      let c = this.cols.get(ty);
      if (!c) {
        const { s, t } = typeOf(this.knots, ty);
        c = column(this.codes, s, t);
        this.cols.set(ty, c);
      }
      return c;
    });
    return this.codes.map((_, i) => cols.map((c) => c[i] as Q));
  }

  /** The exact verdict: full rank (plain Gaussian elimination over Q), and the conditions as bits. */
  verdict(types: readonly number[]): { full: boolean; conditions: number } {
    const A = this.matrix(types);
    const full = gaussRank(A) === this.n;
    const parts = evaluateParts(A, configRatios(this.knots, types));
    let conditions = 0;
    READINGS.forEach((r, k) => {
      if (condition(r, parts)) conditions |= 1 << k;
    });
    return { full, conditions };
  }

  /**
   * Recounts the samples exactly; returns the number of configurations
   * recounted (a weight-2 sample is two).
   * @throws InternalError on any disagreement with the engine.
   */
  check(mirror: boolean, samples: readonly Sample[]): number {
    const T = 2 * this.knots.length;
    let checked = 0;
    for (const s of samples) {
      const configs = [s.types];
      if (mirror) {
        const w = mirrorWeight(s.types, T);
        if (w !== s.weight)
          throw new InternalError(
            `the search weighted configuration [${s.types.join(', ')}] ${s.weight}, its orbit ${w}`,
          );
        if (w === 2) configs.push(s.types.map((ty) => T - 1 - ty).reverse());
      } else if (s.weight !== 1) {
        throw new InternalError(
          `the search weighted configuration [${s.types.join(', ')}] ${s.weight} without symmetry`,
        );
      }
      for (const types of configs) {
        const e = this.verdict(types);
        if (e.full !== s.full || e.conditions !== s.conditions) {
          throw new InternalError(
            `the exact recount of configuration [${types.join(', ')}] disagrees with the search ` +
              `(search: full rank ${s.full}, conditions ${s.conditions.toString(2)}; exact: full rank ${e.full}, conditions ${e.conditions.toString(2)})`,
          );
        }
        checked++;
      }
    }
    return checked;
  }
}
