/**
 * Helpers shared by the claim checkers: readings, the verdict rule, random
 * trials, and small exact building blocks. No checker formats output;
 * sections are data.
 */
import { InternalError } from '../errors.js';
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';
import { Rng } from '../random.js';
import {
  isNegative,
  type ReadingResult,
  type Scope,
  type Section,
  type Status,
  type Verdict,
  weakerScope,
} from '../verdict.js';
import type { CheckOptions } from './types.js';

/** 1..n as an array. */
export function upTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The n a check covers: nMin..nMax. */
export function nRange(o: Pick<CheckOptions, 'nMin' | 'nMax'>): number[] {
  return Array.from({ length: o.nMax - o.nMin + 1 }, (_, i) => o.nMin + i);
}

/**
 * The random trials of a property check: at least `o.runs` of them and at
 * least one per n, cycling n over nMin..nMax, all drawn from one generator
 * seeded by `o.seed`.
 */
export function* trials(
  o: Pick<CheckOptions, 'nMin' | 'nMax' | 'runs' | 'seed'>,
): Generator<{ t: number; n: number; rng: Rng }> {
  const rng = new Rng(o.seed);
  const span = o.nMax - o.nMin + 1;
  const count = Math.max(o.runs, span);
  for (let t = 0; t < count; t++) yield { t, n: o.nMin + (t % span), rng };
}

/** Throws InternalError when an independent re-check fails: a bug, never a verdict. */
export function recheck(ok: boolean, what: string): void {
  if (!ok) throw new InternalError(`re-check failed: ${what}`);
}

/** A matrix as compact text rows, e.g. "[1, 0; -1/2, 1]". */
export function matText(a: Mat): string {
  return '[' + a.map((r) => r.map(String).join(', ')).join('; ') + ']';
}

/** A vector as text. */
export function vecText(v: readonly Q[]): string {
  return '(' + v.map(String).join(', ') + ')';
}

/** The outcome of one reading; its scope defaults to the verdict's (see verdictFrom). */
export function reading(
  name: string,
  statement: string,
  status: Status,
  reason: string,
  scope?: Scope,
): PendingReading {
  return { name, statement, status, reason, scope };
}

/** A reading whose scope may still be the claim's default. */
export type PendingReading = Omit<ReadingResult, 'scope'> & { scope: Scope | undefined };

interface VerdictParts {
  summary: string;
  readings: PendingReading[];
  sections: Section[];
  /** The scope of the readings that do not state their own. */
  scope: Scope;
}

/**
 * The claim's verdict from the readings that state what the deck says, as
 * worded. The one rule of every claim: the status is negative (refuted, not
 * reproduced) if any as-worded reading is, inconclusive if any is
 * inconclusive, else positive (holds, reproduced); its scope is the weakest
 * scope among those readings. The other readings are reported beside it
 * ("refuted as worded; holds in reading R").
 */
export function verdictFrom(
  o: Pick<CheckOptions, 'seed'>,
  asWorded: readonly string[],
  parts: VerdictParts,
  evidence: { certificate?: unknown; counterexample?: unknown; reason?: string },
): Verdict {
  const readings: ReadingResult[] = parts.readings.map((r) => ({ ...r, scope: r.scope ?? parts.scope }));
  const main = readings.filter((r) => asWorded.includes(r.name));
  if (main.length !== asWorded.length) throw new InternalError('an as-worded reading is missing');
  const scope = main.map((r) => r.scope).reduce(weakerScope);
  const base = {
    summary: parts.summary,
    readings,
    sections: parts.sections,
    asWorded: [...asWorded],
    scope,
    seed: o.seed,
  };
  const negative = main.find((r) => isNegative(r.status));
  if (negative) {
    const status = negative.status === 'refuted' ? 'refuted' : 'not reproduced';
    return { ...base, status, counterexample: evidence.counterexample ?? null };
  }
  if (main.some((r) => r.status === 'inconclusive')) {
    return { ...base, status: 'inconclusive', reason: evidence.reason ?? 'a reading could not be decided' };
  }
  const status = main.every((r) => r.status === 'reproduced') ? 'reproduced' : 'holds';
  return { ...base, status, certificate: evidence.certificate ?? null };
}
