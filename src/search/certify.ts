/**
 * Certification of the conjecture search's counterexamples: each first and
 * simplest counterexample is re-checked by independent exact code (exact A2,
 * a re-checked rank certificate, the direct predicates of readings.ts)
 * before anything shows it.
 */
import { checkRankCertificate } from '../kernel/certificate.js';
import { rankCertificate } from '../kernel/matrix.js';
import { InternalError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { configMatrix, configRatios, gridKnots, typeOf } from './grid.js';
import { condition, evaluateParts, READINGS } from './readings.js';
import type { Found } from './result.js';
import { type Checkpoint, specFromJson } from './runner.js';

/** A counterexample, certified and readable. */
export interface Certified {
  reading: string;
  direction: 'if' | 'only if';
  which: 'first' | 'simplest';
  /** Each column as (W2_j, b2_j) with k_j. */
  columns: { W2: string; b2: string; k: string; text: string }[];
  A2: string[][];
  rank: number;
  condition: boolean;
}

/** Re-checks a counterexample exactly; throws InternalError when it is not one. */
export function certify(
  c: Checkpoint,
  readingIndex: number,
  direction: 'if' | 'only if',
  which: 'first' | 'simplest',
  f: Found,
): Certified {
  const spec = specFromJson(c.spec);
  const knots = gridKnots(spec.codes, spec.g);
  const A = configMatrix(spec.codes, knots, f.types);
  const cert = rankCertificate(A);
  if (!checkRankCertificate(A, cert).ok)
    throw new InternalError('rank certificate of a counterexample does not re-check');
  const reading = READINGS[readingIndex];
  if (!reading) throw new InternalError('unknown reading');
  const cond = condition(reading, evaluateParts(A, configRatios(knots, f.types)));
  const full = cert.rank === spec.n;
  const ok = direction === 'if' ? cond && !full : !cond && full;
  if (!ok) throw new InternalError(`reported ${direction} counterexample for ${reading.id} does not re-check`);
  return {
    reading: reading.id,
    direction,
    which,
    columns: f.types.map((ty) => {
      const { s, t } = typeOf(knots, ty);
      return {
        W2: String(s),
        b2: t.mul(Q.int(-s)).toString(),
        k: t.neg().toString(),
        text: s === 1 ? `ReLU(z - ${t})` : `ReLU(${t} - z)`,
      };
    }),
    A2: A.map((r) => r.map(String)),
    rank: cert.rank,
    condition: cond,
  };
}

/** All certified first/simplest counterexamples of a finished search. */
export function certifyAll(c: Checkpoint): Certified[] {
  const out: Certified[] = [];
  c.counts.readings.forEach((r, k) => {
    for (const [dir, d] of [
      ['if', r.ifFails],
      ['only if', r.onlyIfFails],
    ] as const) {
      if (d.first) out.push(certify(c, k, dir, 'first', d.first));
      if (d.simplest) out.push(certify(c, k, dir, 'simplest', d.simplest));
    }
  });
  return out;
}
