/**
 * The terminal renderers of verdicts: full lines for pipes and files, a fit
 * to the terminal's width otherwise, the readings' statements as a legend,
 * and the claims' inline TeX as plain text. The verdicts here are made up
 * (the renderers never compute), so every expected line is derived by hand.
 */
import { describe, expect, it } from 'vitest';
import { renderAllText, renderVerdictText } from '../../src/render/verdict.js';
import { replayOf } from '../../src/replay.js';
import type { ClaimInfo, ReplayedVerdict } from '../../src/verdict.js';

const claim: ClaimInfo = {
  id: 'lemma-x',
  slide: 'Layer 9',
  statement: '$A^{[2]}$ is full rank.',
  gist: 'A2 is full rank.',
  reading: 'rank n',
  method: 'exact',
};

const verdict: ReplayedVerdict = {
  status: 'holds',
  certificate: { ok: true },
  summary: 'every $A^{[2]}$ checked has rank $n$ (n = 1..3)',
  scope: { kind: 'exhaustive', checked: [1, 3] },
  readings: [
    {
      name: 'rank-n',
      statement: '$\\operatorname{rank} A^{[2]} = n$ for every layer with a bias',
      status: 'holds',
      scope: { kind: 'exhaustive', checked: [1, 3] },
      reason: 'exact ranks',
    },
  ],
  asWorded: ['rank-n'],
  sections: [],
  seed: 7,
  replay: replayOf(['lemma-x'], [['--n-max', 3]]),
};

describe('renderAllText', () => {
  const results = [{ claim, verdict }];

  it('when no width is given then each claim is one line and its formulas are plain text', () => {
    expect(renderAllText(results)).toBe(
      [
        'claim    verdict  scope                    reason',
        '-------  -------  -----------------------  --------------------------------------',
        'lemma-x  holds    exhaustive for n = 1..3  every A2 checked has rank n (n = 1..3)',
        '',
      ].join('\n'),
    );
  });

  it('when the width is 40 then each claim is a block of aligned lines within 40 characters', () => {
    // The floors (7 + 5 + 23 + 30, and the gaps) exceed 40: records, keys 7 wide, values 40 - 7 - 2 = 31;
    // "(n = 1..3)" wraps as one unit (an operator keeps its operands): "every A2 checked has rank n" is 27, 38 with it.
    expect(renderAllText(results, { width: 40 })).toBe(
      [
        'claim    lemma-x',
        'verdict  holds',
        'scope    exhaustive for n = 1..3',
        'reason   every A2 checked has rank n',
        '         (n = 1..3)',
        '',
      ].join('\n'),
    );
  });
});

describe('renderVerdictText', () => {
  it('when a claim has readings then their statements follow the table as a legend, in plain text', () => {
    const out = renderVerdictText(claim, verdict);
    expect(out).toContain('\nReadings (what each one claims):\n  rank-n  rank A2 = n for every layer with a bias\n');
    expect(out).toMatch(/^lemma-x: HOLDS \(exhaustive for n = 1\.\.3; seed 7\)\nevery A2 checked has rank n/);
    expect(out).not.toContain('$');
    expect(out).toMatch(/reproduce: npx verify lemma-x --n-max 3\n$/);
  });

  it('when a width is given then no line is wider', () => {
    for (const width of [40, 60, 80]) {
      const out = renderVerdictText(claim, verdict, { width });
      for (const line of out.split('\n')) expect(line.length, line).toBeLessThanOrEqual(width);
    }
  });
});
