/**
 * Helpers shared by the claim checkers: verdict assembly and small exact
 * building blocks. No checker formats output; sections are data.
 */
import { InternalError } from '../errors.js';
import type { Mat } from '../kernel/matrix.js';
import type { Q } from '../kernel/rational.js';
import type { CheckOptions, ReadingResult, Section, Status, Verdict } from './types.js';

/** 1..n as an array. */
export function upTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
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

/** Reading constructor. */
export function reading(name: string, statement: string, status: Status, reason: string): ReadingResult {
  return { name, statement, status, reason };
}

interface VerdictParts {
  summary: string;
  readings: ReadingResult[];
  sections: Section[];
  nChecked: [number, number];
}

/**
 * The claim's verdict from its principal readings (those that state what
 * the deck says): refuted if any principal reading is refuted, inconclusive
 * if any is inconclusive, else holds.
 */
export function verdictFrom(
  o: CheckOptions,
  principal: readonly string[],
  parts: VerdictParts,
  evidence: { certificate?: unknown; counterexample?: unknown; reason?: string },
): Verdict {
  const main = parts.readings.filter((r) => principal.includes(r.name));
  if (main.length !== principal.length) throw new InternalError('a principal reading is missing');
  const base = { ...parts, seed: o.seed };
  if (main.some((r) => r.status === 'refuted')) {
    return { ...base, status: 'refuted', counterexample: evidence.counterexample ?? null };
  }
  if (main.some((r) => r.status === 'inconclusive')) {
    return { ...base, status: 'inconclusive', reason: evidence.reason ?? 'a reading could not be decided' };
  }
  return { ...base, status: 'holds', certificate: evidence.certificate ?? null };
}
