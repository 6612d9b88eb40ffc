/**
 * The three training claims as the atlas runs them, but decided on a short
 * length (a claim built from the same definition with a length the test
 * reaches): their as-worded hypotheses are the ones their header comments
 * justify, and each status is the Wilson rule applied to counts recomputed
 * here from the per-seed evidence of the certificate (final MSE, R^2,
 * settling epoch), not read from the readings.
 */
import { describe, expect, it } from 'vitest';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { TRAIN_CONSTRAINED } from '../../src/claims/train-constrained.js';
import { TRAIN_FREE } from '../../src/claims/train-free.js';
import { TRAIN_SIGMOID } from '../../src/claims/train-sigmoid.js';
import { outcomeOf, trainingClaim, type TrainingClaimInfo } from '../../src/claims/training.js';
import type { Verdict } from '../../src/verdict.js';

const LENGTH = 3000;

interface Run {
  seed: number;
  finalMse: number;
  r2: number;
  settled: number;
}

function decide(info: TrainingClaimInfo, seeds = 8, otherInitSeeds = 4): { v: Verdict; runs: Run[] } {
  const claim = trainingClaim({ ...info, length: { epochs: LENGTH, source: 'the test' } });
  const v = claim.check(resolveClaimOptions(claim, { nMax: 4, extra: { epochs: LENGTH, seeds, otherInitSeeds } }));
  const evidence = ('certificate' in v ? v.certificate : 'counterexample' in v ? v.counterexample : undefined) as
    { runs: Run[] } | undefined;
  // An inconclusive verdict keeps its evidence in the runs table (MSE to 4 digits, R^2 to 6 decimals).
  const runs =
    evidence?.runs ??
    (v.sections
      .find((s) => s.title.startsWith('Runs, torch'))
      ?.table?.rows.map((r) => ({
        seed: Number(r[0]),
        finalMse: Number(r[2]),
        r2: Number(r[3]),
        settled: Number(r[10]),
      })) as Run[]);
  // Rounded values decide nothing here: none is within 1% of a threshold.
  for (const r of runs) for (const t of [1e-5, 1e-3]) expect(Math.abs(r.finalMse - t)).toBeGreaterThan(0.01 * t);
  return { v, runs };
}

const status = (v: Verdict, name: string) => v.readings.find((r) => r.name === name)?.status;

describe('train-free on a short length', () => {
  const { v, runs } = decide(TRAIN_FREE);

  it('has the four as-worded hypotheses of the conclusion and the other scheme as its variant', () => {
    expect(v.asWorded).toEqual(['nonlinear', 'nonlinear-among-reconstructing', 'slow', 'slow-among-reconstructing']);
    expect(v.readings.map((r) => r.name)).toEqual([...v.asWorded, 'keras-glorot']);
  });

  it('decides each hypothesis by the Wilson rule on counts from the runs', () => {
    expect(runs).toHaveLength(8);
    const recon = runs.filter((r) => r.finalMse < 1e-5);
    // The table prints R^2 to 6 decimals; no run of this length comes near the 0.999 threshold.
    expect(runs.every((r) => Math.abs(r.r2 - 0.999) > 1e-5)).toBe(true);
    expect(status(v, 'nonlinear')).toBe(outcomeOf(runs.filter((r) => r.r2 <= 0.999).length, 8));
    expect(status(v, 'slow')).toBe(outcomeOf(runs.filter((r) => r.settled > LENGTH / 10).length, 8));
    expect(status(v, 'nonlinear-among-reconstructing')).toBe(
      outcomeOf(recon.filter((r) => r.r2 <= 0.999).length, recon.length),
    );
  });

  it('with no run that reconstructs, the conditional hypotheses and so the claim are inconclusive', () => {
    // 3000 epochs at lr 1e-4 reconstruct nothing: every final MSE is far above 1e-5.
    expect(runs.every((r) => r.finalMse > 1e-4)).toBe(true);
    expect(status(v, 'nonlinear-among-reconstructing')).toBe('inconclusive');
    expect(status(v, 'slow-among-reconstructing')).toBe('inconclusive');
    expect(v.status).toBe('inconclusive');
  });
});

describe('train-constrained on a short length', () => {
  const { v, runs } = decide(TRAIN_CONSTRAINED);

  it('decides "reconstructs" by the Wilson rule; the looser threshold and the other scheme are variants', () => {
    expect(v.asWorded).toEqual(['reconstructs']);
    expect(v.readings.map((r) => r.name)).toEqual(['reconstructs', 'keras-glorot', 'reaches-1e-3']);
    const k = runs.filter((r) => r.finalMse < 1e-5).length;
    expect(status(v, 'reconstructs')).toBe(outcomeOf(k, 8));
    expect(status(v, 'reaches-1e-3')).toBe(outcomeOf(runs.filter((r) => r.finalMse < 1e-3).length, 8));
    expect(v.status).toBe(outcomeOf(k, 8));
  });

  it('reports the slowness hypotheses without letting them decide', () => {
    const rows = v.sections.find((s) => s.title.startsWith('Other hypotheses'))?.table?.rows ?? [];
    expect(rows.map((r) => r[0])).toEqual(['slow', 'slow-among-reconstructing']);
    expect(rows[0]?.[2]).toBe(outcomeOf(runs.filter((r) => r.settled > LENGTH / 10).length, 8));
  });
});

describe('train-sigmoid on a short length', () => {
  const { v, runs } = decide(TRAIN_SIGMOID);

  it('decides "reconstructs" (the deck epsilon 1e-5) by the Wilson rule', () => {
    expect(v.asWorded).toEqual(['reconstructs']);
    const k = runs.filter((r) => r.finalMse < 1e-5).length;
    expect(v.status).toBe(outcomeOf(k, 8));
    expect(v.summary).toMatch(new RegExp(`^reconstructs ${k} of 8 `));
  });
});
