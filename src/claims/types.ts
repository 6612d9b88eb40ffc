/**
 * A claim is data plus a pure checker: its description (ClaimInfo), its own
 * typed options, and `check`, which returns a verdict union and never throws
 * for a mathematical outcome.
 */
import type { Q } from '../kernel/rational.js';
import type { FlagValue } from '../replay.js';
import type { ClaimInfo, Verdict } from '../verdict.js';

/** Options every checker receives, already validated, with the claim's own options in `extra`. */
export interface CheckOptions<E = Record<string, unknown>> {
  /** Smallest n checked (1 unless `--n` asks for one n). */
  nMin: number;
  /** Largest n checked exhaustively / symbolically. */
  nMax: number;
  /** Amplitude C > 0. */
  C: Q;
  /** Seed of every random choice (property tests, random instances). */
  seed: number;
  /** Number of random instances. */
  runs: number;
  /** The claim's own options, every one present (defaults filled in). */
  extra: E;
}

/** A command-line option of one claim (e.g. --eps for prop-sigmoid), typed by its value. */
export interface ClaimOption<T> {
  /** Commander flags, e.g. '--eps <x>'. */
  flags: string;
  description: string;
  /** The value when the option is not given. */
  default: T;
  /** Parses one occurrence (prev: the value so far, for repeatable options). @throws a StepaeError with exit 2. */
  parse(value: string, prev: T | undefined): T;
  /** The value as replay flags ([] for the default). */
  replay(value: T): (readonly [string, FlagValue])[];
  /** True when the option may be given several times (its parser accumulates). */
  repeatable?: boolean;
}

/** One ClaimOption per key of a claim's options type. */
export type OptionSpecs<E> = { readonly [K in keyof E]: ClaimOption<E[K]> };

/** A claim whose own options have the type E. */
export interface TypedClaim<E> extends ClaimInfo {
  /** Default --n-max (runs in seconds). */
  defaultNMax: number;
  /** Largest --n-max accepted (beyond it the method is out of reach); checked before any work. */
  maxNMax: number;
  options: OptionSpecs<E>;
  check(options: CheckOptions<E>): Verdict;
}

/** A claim's option with its key, for the CLI and the registry. */
export interface KeyedOption extends ClaimOption<unknown> {
  key: string;
}

/** A registered claim: its option types erased, so that the registry can list them all. */
export interface Claim extends ClaimInfo {
  defaultNMax: number;
  maxNMax: number;
  options: readonly KeyedOption[];
  check(options: CheckOptions): Verdict;
}

/**
 * Registers a claim. The one place where a claim's option types are erased:
 * `check` is only ever called with options resolved from these same specs
 * (claims/options.ts), so `extra` has type E.
 */
export function defineClaim<E>(c: TypedClaim<E>): Claim {
  const options = (Object.keys(c.options) as (keyof E & string)[]).map((key): KeyedOption => ({
    key,
    ...(c.options[key] as unknown as ClaimOption<unknown>),
  }));
  return { ...c, options, check: (o) => c.check(o as unknown as CheckOptions<E>) };
}
