/**
 * The training claims' factory: outcomes decided from the 95% Wilson
 * interval of each hypothesis's count (flipping with the count), empty
 * conditional samples undecided, the one rule over the as-worded
 * hypotheses, the other initialisation scheme as a computed variant, and
 * runs of another length never deciding.
 */
import { describe, expect, it } from 'vitest';
import { resolveClaimOptions } from '../../src/claims/options.js';
import {
  HYPOTHESES,
  type Hypothesis,
  outcomeOf,
  trainingClaim,
  type TrainingClaimInfo,
  wilson,
} from '../../src/claims/training.js';
import { UsageError } from '../../src/errors.js';
import type { Verdict } from '../../src/verdict.js';

describe('wilson and outcomeOf', () => {
  // Source: R. G. Newcombe, "Two-sided confidence intervals for the single proportion: comparison of
  // seven methods", Statistics in Medicine 17 (1998), Table II, method 3 (score interval, no correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i gives [%f, %f]', (k, n, lo, hi) => {
    const [a, b] = wilson(k, n);
    expect(a).toBeCloseTo(lo, 4);
    expect(b).toBeCloseTo(hi, 4);
  });

  // By hand from (2k - m)^2 > z^2 m, z^2 = 3.8415.
  it.each([
    [10, 10, 'reproduced'],
    [5, 5, 'reproduced'],
    [4, 4, 'reproduced'], // 16 > 15.37: lower end 0.5101
    [3, 3, 'inconclusive'], // 9 < 11.52: three seeds can never decide
    [0, 10, 'not reproduced'],
    [5, 10, 'inconclusive'],
    [70, 100, 'reproduced'],
    [58, 100, 'inconclusive'],
    [0, 0, 'inconclusive'], // an empty sample
  ])('%i of %i is %s', (k, n, outcome) => {
    expect(outcomeOf(k, n)).toBe(outcome);
  });
});

/** A claim of length 400 epochs (reached by the test) with the given hypotheses. */
function claimWith(m: Partial<TrainingClaimInfo> & Pick<TrainingClaimInfo, 'asWorded'>) {
  return trainingClaim({
    id: 'train-test',
    slide: 'test',
    gist: 'test',
    statement: 'test',
    reading: 'test',
    method: 'test',
    experiment: 'constrained',
    length: { epochs: 400, source: 'the test' },
    ...m,
  });
}

const FIRST = 20220227;

/** A hypothesis forced to answer yes for the first `k` seeds of the run. */
const forced = (k: number, name = 'forced'): Hypothesis => ({
  name,
  does: `are among the first ${k} seeds`,
  among: 'runs',
  yes: (r) => r.seed < FIRST + k,
});

function check(
  claim: ReturnType<typeof claimWith>,
  extra: { epochs?: number; seeds?: number; otherInitSeeds?: number } = {},
): Verdict {
  return claim.check(
    resolveClaimOptions(claim, {
      nMax: 2,
      seed: FIRST,
      extra: { epochs: 400, seeds: 6, otherInitSeeds: 0, ...extra },
    }),
  );
}

describe('a training claim decides each hypothesis from its interval', () => {
  // Six seeds decide only 6 of 6 ((2k - m)^2 = 36 > 23.05) and 0 of 6; 5 of 6 (16) and 1 of 6 are undecided.
  it.each([
    [6, 'reproduced'],
    [5, 'inconclusive'],
    [3, 'inconclusive'],
    [1, 'inconclusive'],
    [0, 'not reproduced'],
  ])('when %i of 6 seeds answer yes then the outcome is %s', (k, outcome) => {
    const v = check(claimWith({ asWorded: [forced(k)] }));
    expect(v.status).toBe(outcome);
    expect(v.readings.find((r) => r.name === 'forced')?.status).toBe(outcome);
    expect(v.scope).toEqual({ kind: 'sampled', instances: 6 });
  });

  it('when no run reconstructs then a hypothesis among the runs that reconstruct is inconclusive (empty sample)', () => {
    // 400 epochs at the deck's learning rate reconstruct nothing (final MSE far above 1e-5).
    const v = check(claimWith({ asWorded: [HYPOTHESES.slowAmongReconstructing] }));
    expect(v.status).toBe('inconclusive');
    expect(v.readings[0]?.reason).toMatch(/no run reconstructs \(0 of 6\): the sample is empty/);
    if (v.status === 'inconclusive') expect(v.reason).toMatch(/sample is empty/);
  });

  it.each([
    [[6, 3], 'inconclusive'],
    [[6, 0], 'not reproduced'],
    [[3, 0], 'not reproduced'],
    [[6, 6], 'reproduced'],
  ])('when the as-worded counts are %j then the claim is %s (the one rule)', (counts, outcome) => {
    const v = check(claimWith({ asWorded: counts.map((k, i) => forced(k, `h${i}`)) }));
    expect(v.status).toBe(outcome);
    expect(v.asWorded).toEqual(['h0', 'h1']);
  });

  it('secondary hypotheses are reported with their outcomes and decide nothing', () => {
    const v = check(claimWith({ asWorded: [forced(6)], secondary: [forced(0, 'side')] }));
    expect(v.status).toBe('reproduced');
    const s = v.sections.find((x) => x.title.startsWith('Other hypotheses'));
    expect(s?.table?.rows).toEqual([
      ['side', expect.any(String), 'not reproduced', expect.stringMatching(/^0 of 6 runs/)],
    ]);
  });

  it('when the run has another length than the claim then every outcome is inconclusive', () => {
    for (const epochs of [399, 401]) {
      const v = check(claimWith({ asWorded: [forced(6)] }), { epochs });
      expect(v.status).toBe('inconclusive');
      expect(v.readings[0]?.reason).toMatch(/cannot decide a statement about 400/);
    }
  });
});

describe('the seeds of a training claim', () => {
  it('are refused, before any training, when they run past the largest seed', () => {
    const claim = claimWith({ asWorded: [forced(6)] });
    const o = (seeds: number, otherInitSeeds: number) =>
      resolveClaimOptions(claim, { nMax: 2, seed: 2 ** 32 - 6, extra: { epochs: 400, seeds, otherInitSeeds } });
    expect(() => claim.check(o(6, 7))).toThrow(/runs past the largest seed 4294967295/);
    expect(() => claim.check(o(7, 0))).toThrow(UsageError);
    expect(claim.check(o(6, 6)).scope).toEqual({ kind: 'sampled', instances: 6 });
  });
});

describe('the other initialisation scheme', () => {
  it('is a variant reading decided on its own seeds', () => {
    // Main: 6 of 6 (reproduced). Variant: 2 seeds, which can never decide, so inconclusive.
    const v = check(claimWith({ asWorded: [forced(6)] }), { otherInitSeeds: 2 });
    expect(v.status).toBe('reproduced');
    const variant = v.readings.find((r) => r.name === 'keras-glorot');
    expect(variant?.status).toBe('inconclusive');
    expect(variant?.scope).toEqual({ kind: 'sampled', instances: 2 });
    const table = v.sections.find((s) => s.title.startsWith('Initialisation: torch'))?.table;
    expect(table?.rows[0]).toEqual(['forced', '6 of 6: reproduced', '2 of 2: inconclusive', 'undecided in one']);
  });

  it('with --init-scheme keras-glorot the variant is torch; with --other-init-seeds 0 there is none', () => {
    const claim = claimWith({ asWorded: [forced(6)] });
    const v = claim.check(
      resolveClaimOptions(claim, {
        nMax: 2,
        seed: FIRST,
        extra: { epochs: 400, seeds: 6, otherInitSeeds: 6, initScheme: 'keras-glorot' },
      }),
    );
    expect(v.readings.map((r) => r.name)).toEqual(['forced', 'torch']);
    expect(v.readings[1]?.status).toBe('reproduced');
    expect(check(claim).readings.map((r) => r.name)).toEqual(['forced']);
  });
});

describe('the study figure', () => {
  it('is an atlas figure named after the claim, with one row per scheme', () => {
    const v = check(claimWith({ asWorded: [forced(6)] }), { otherInitSeeds: 4 });
    const f = v.sections.find((s) => s.figure)?.figure;
    expect(f?.file).toBe('train-test-study.svg');
    expect(f?.caption).toContain('torch init, 6 seeds; keras-glorot init, 4 seeds');
    const json = JSON.stringify(f?.spec);
    expect(json).toContain('"group":"torch init, 6 seeds"');
    expect(json).toContain('"group":"keras-glorot init, 4 seeds"');
  });
});
