/**
 * Parsing of the values every command takes: integers in a range, exact
 * rationals, dimensions, amplitudes and seeds. One parser per kind, below the
 * CLI, so that the claims and the engines validate their own options with
 * the same rules and messages. Every parser names the option and the accepted
 * forms in its ParseError (exit status 2).
 */
import { availableParallelism } from 'node:os';
import { ParseError } from './errors.js';
import { Q } from './kernel/rational.js';
import { checkAmplitude, checkDimension } from './model/steps.js';
import { SEED_MAX } from './random.js';

/** A decimal integer in [min, max]. @throws ParseError otherwise. */
export function parseIntIn(text: string, what: string, min: number, max: number): number {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) {
    throw new ParseError(`${what}: '${text}' is not an integer; accepted: an integer from ${min} to ${max}`);
  }
  const v = Number(s);
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new ParseError(`${what}: ${s} is out of range; accepted: an integer from ${min} to ${max}`);
  }
  return v;
}

/** A signal dimension n >= 1. */
export function parseDimension(text: string, what = '--n'): number {
  const s = text.trim();
  if (!/^[+-]?\d+$/.test(s)) throw new ParseError(`${what}: '${text}' is not an integer; accepted: an integer n >= 1`);
  return checkDimension(Number(s), what);
}

/** An exact rational (`3`, `-3/7`, `0.125`, `1e-3`). */
export function parseRational(text: string, what: string): Q {
  return Q.parse(text, what);
}

/**
 * An exact rational from a JSON value: a string ("-3/7", "0.125") or an
 * integer that JSON carries exactly (a safe integer). Floats are refused,
 * since their decimal text is not the value the user meant to be exact;
 * arrays, objects, null and booleans are refused.
 */
export function parseRationalJson(x: unknown, what: string): Q {
  if (typeof x === 'string') return Q.parse(x, what);
  if (typeof x === 'number' && Number.isSafeInteger(x)) return Q.int(x);
  if (typeof x === 'number')
    throw new ParseError(
      `${what} is the number ${x}; accepted: a rational as a string ("-1/3", "0.125") or a safe integer`,
    );
  throw new ParseError(
    `${what} is ${JSON.stringify(x) ?? String(x)}; accepted: a rational as a string or a safe integer`,
  );
}

/** An amplitude C > 0. */
export function parseAmplitude(text: string, what = '--C'): Q {
  return checkAmplitude(Q.parse(text, what), what);
}

/** A seed: an integer in [0, SEED_MAX] (the one seed range of every command). */
export function parseSeed(text: string, what = '--seed'): number {
  return parseIntIn(text, what, 0, SEED_MAX);
}

/**
 * The most worker threads a run may start: twice the CPUs this process may
 * use (more never runs faster, and each thread costs tens of MB).
 */
export function maxWorkers(): number {
  return 2 * Math.max(1, availableParallelism());
}

/** A `--workers` value: 1 to maxWorkers(). */
export function parseWorkers(text: string): number {
  return parseIntIn(text, `--workers (this machine has ${availableParallelism()} CPUs)`, 1, maxWorkers());
}
