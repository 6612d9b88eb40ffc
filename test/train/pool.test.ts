import { describe, expect, it } from 'vitest';
import { findClaim } from '../../src/claims/registry.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { runBin } from '../helpers/cli.js';

/**
 * The worker-thread paths run only from the compiled code (under vitest the
 * sources are .ts and the pool runs in process), so these tests drive the
 * built binary and compare it with the in-process results.
 */
const cli = (...args: string[]) => runBin(args);

interface Run {
  seed: number;
  finalLoss: number;
  codes: number[];
  seconds?: number;
}

describe('training seeds on worker threads', () => {
  it('when verify train runs 3 seeds on 2 workers then every run equals its run on 1', () => {
    const args = ['train', '--experiment', 'free', '--n', '5', '--epochs', '4000', '--seeds', '3', '--json'];
    const runs = (workers: string) => {
      const r = cli(...args, '--workers', workers);
      expect(r.status).toBe(0);
      return (JSON.parse(r.out) as { runs: Run[] }).runs.map(({ seconds: _, ...rest }) => rest);
    };
    const one = runs('1');
    expect(one.map((r) => r.seed)).toEqual([20220227, 20220228, 20220229]);
    expect(runs('2')).toEqual(one);
  });

  it('when a training claim runs on workers (blocking) then its runs equal the in-process check', () => {
    const r = cli('train-constrained', '--n-max', '4', '--epochs', '3000', '--seeds', '3', '--json');
    expect(r.status).toBe(0); // inconclusive: a short run
    const fromWorkers = JSON.parse(r.out) as { status: string; reason: string };
    const claim = findClaim('train-constrained')!;
    const local = claim.check(resolveClaimOptions(claim, { extra: { epochs: 3000, seeds: 3 }, nMax: 4 }));
    expect(fromWorkers.status).toBe('inconclusive');
    expect(local.status).toBe('inconclusive');
    expect(JSON.parse(r.out)).toMatchObject({ sections: JSON.parse(JSON.stringify(local.sections)) });
  });
});
