/**
 * Resolving a claim's options (domain logic, shared by the CLI, `verify all`
 * and the atlas script): defaults per claim, the limits of its method, and
 * the replay command built from the resolved values.
 */
import { UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { DEFAULT_SEED } from '../random.js';
import { type Replay, replayOf } from '../replay.js';
import type { ReplayedVerdict } from '../verdict.js';
import type { CheckOptions, Claim } from './types.js';

/** Random instances per claim unless --runs says otherwise. */
export const DEFAULT_RUNS = 100;

/** The options a user may give any claim (undefined: the claim's default). */
export interface ClaimArgs {
  /** Exactly this n (--n). */
  n?: number;
  nMax?: number;
  C?: Q;
  seed?: number;
  runs?: number;
  /** The claim's own options by key (undefined: its default). */
  extra?: Record<string, unknown>;
}

/**
 * The checker's options for these arguments.
 * @throws UsageError when n or n-max is beyond what the claim's method reaches.
 */
export function resolveClaimOptions(claim: Claim, a: ClaimArgs): CheckOptions {
  const top = a.n ?? a.nMax;
  if (top !== undefined && top > claim.maxNMax) {
    throw new UsageError(
      `${a.n !== undefined ? '--n' : '--n-max'} ${top} is beyond what ${claim.id} can check (accepted: 1 to ${claim.maxNMax}; its method grows exponentially in n)`,
    );
  }
  return {
    nMin: a.n ?? 1,
    nMax: top ?? claim.defaultNMax,
    C: a.C ?? Q.ONE,
    seed: a.seed ?? DEFAULT_SEED,
    runs: a.runs ?? DEFAULT_RUNS,
    extra: Object.fromEntries(claim.options.map((opt) => [opt.key, a.extra?.[opt.key] ?? opt.default])),
  };
}

/** The command that reproduces a check with exactly these options. */
export function claimReplay(claim: Claim, o: CheckOptions): Replay {
  const range: [string, number][] = o.nMin === o.nMax && o.nMin !== 1 ? [['--n', o.nMin]] : [['--n-max', o.nMax]];
  return replayOf(
    [claim.id],
    [
      ...range,
      ['--C', o.C],
      ['--seed', o.seed],
      ['--runs', o.runs],
      ...claim.options.flatMap((opt) => opt.replay(o.extra[opt.key])),
    ],
  );
}

/** Runs a claim's check and attaches its replay command. */
export function runClaim(claim: Claim, o: CheckOptions): ReplayedVerdict {
  return { ...claim.check(o), replay: claimReplay(claim, o) };
}
