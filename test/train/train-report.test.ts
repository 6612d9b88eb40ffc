/**
 * `verify train --seeds K`: the study in the JSON and text reports (counts
 * recomputed here from the per-run fields), and the --histogram file.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wilson } from '../../src/train/study.js';
import { run } from '../helpers/cli.js';

interface Report {
  study: {
    runs: number;
    outcomes: { key: string; proportion: { count: number; of: number; low: number; high: number } }[];
  };
  runs: {
    finalLoss: number;
    diverged: unknown;
    comparison: { linear: boolean; monotone: boolean; stuck: number; rankA2Signals: number };
  }[];
}

describe('verify train --seeds K reports a study', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepae-study-'));

  it('whose counts are those of its runs, with their Wilson intervals, and writes the histograms', async () => {
    const hist = join(dir, 'h.svg');
    const r = await run(
      'train',
      '--experiment',
      'free',
      '--n',
      '4',
      '--epochs',
      '3000',
      '--seeds',
      '6',
      '--histogram',
      hist,
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Report;
    const runs = j.runs;
    const recon = runs.filter((x) => x.diverged === null && x.finalLoss < 1e-5);
    const expected: Record<string, [number, number]> = {
      reconstructs: [recon.length, 6],
      'mse-below-1e-3': [runs.filter((x) => x.diverged === null && x.finalLoss < 1e-3).length, 6],
      linear: [runs.filter((x) => x.comparison.linear).length, 6],
      'linear-among-reconstructing': [recon.filter((x) => x.comparison.linear).length, recon.length],
      monotone: [runs.filter((x) => x.comparison.monotone).length, 6],
      stuck: [runs.filter((x) => x.comparison.stuck > 0).length, 6],
      'full-rank': [runs.filter((x) => x.comparison.rankA2Signals === 4).length, 6],
    };
    expect(j.study.outcomes.map((o) => o.key)).toEqual(Object.keys(expected));
    for (const o of j.study.outcomes) {
      const [k, m] = expected[o.key] as [number, number];
      expect([o.proportion.count, o.proportion.of]).toEqual([k, m]);
      expect([o.proportion.low, o.proportion.high]).toEqual(wilson(k, m));
    }
    const svg = readFileSync(hist, 'utf8');
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('torch init, 6 seeds');
  });

  it('in text, as a table after the runs', async () => {
    const r = await run('train', '--experiment', 'constrained', '--n', '3', '--epochs', '500', '--seeds', '3');
    expect(r.code).toBe(0);
    expect(r.out).toContain('study over 3 seeds (95% Wilson intervals):');
    expect(r.out).toMatch(/reconstructs \(final MSE < 1e-5, the deck's epsilon\)\s+\d/);
  });

  it('refuses a histogram file of another format before any work', async () => {
    const r = await run('train', '--experiment', 'free', '--histogram', join(dir, 'h.txt'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--histogram .*h\.txt: unknown format/);
  });
});
