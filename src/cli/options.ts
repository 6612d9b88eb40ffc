/**
 * Parsing of command-line values. Every parser names the option and the
 * accepted forms in its UsageError, and runs before any work starts.
 */
import { UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { checkAmplitude, checkDimension } from '../model/steps.js';

/** A decimal integer in [min, max]. */
export function parseIntIn(text: string, what: string, min: number, max: number): number {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) {
    throw new UsageError(`${what}: '${text}' is not an integer; accepted: an integer from ${min} to ${max}`);
  }
  const v = Number(s);
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new UsageError(`${what}: ${s} is out of range; accepted: an integer from ${min} to ${max}`);
  }
  return v;
}

/** A signal dimension n >= 1. */
export function parseDimension(text: string, what = '--n'): number {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) throw new UsageError(`${what}: '${text}' is not an integer; accepted: an integer n >= 1`);
  return checkDimension(Number(s), what);
}

/** An exact rational. */
export function parseRational(text: string, what: string): Q {
  return Q.parse(text, what);
}

/** An amplitude C > 0. */
export function parseAmplitude(text: string, what = '--C'): Q {
  return checkAmplitude(Q.parse(text, what), what);
}

/** A seed: an integer in [0, 2^32). */
export function parseSeed(text: string, what = '--seed'): number {
  return parseIntIn(text, what, 0, 2 ** 32 - 1);
}
