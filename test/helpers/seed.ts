/**
 * The fixed seed of every property test. Printed once per run so that a
 * failure can be replayed; override with STEPAE_TEST_SEED.
 */
import fc from 'fast-check';

export const TEST_SEED = Number(process.env.STEPAE_TEST_SEED ?? 20220227);

let printed = false;

/** fast-check parameters with the fixed seed (and the seed printed once). */
export function fcParams(numRuns = 100): fc.Parameters<unknown> {
  if (!printed) {
    console.log(`fast-check seed: ${TEST_SEED} (set STEPAE_TEST_SEED to change)`);
    printed = true;
  }
  return { seed: TEST_SEED, numRuns };
}
