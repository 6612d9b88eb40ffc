import { describe, expect, it } from 'vitest';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { outcomeOf, trainingClaim, wilson } from '../../src/claims/training.js';

describe('wilson', () => {
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

  it.each([
    [10, 10, 'reproduced'],
    [5, 5, 'reproduced'],
    [4, 4, 'reproduced'], // lower end 0.5101
    [3, 3, 'inconclusive'], // lower end 0.4385: three seeds can never decide
    [0, 10, 'not reproduced'],
    [5, 10, 'inconclusive'],
    [70, 100, 'reproduced'],
    [58, 100, 'inconclusive'],
  ])('%i of %i is %s', (k, n, outcome) => {
    expect(outcomeOf(k, n)).toBe(outcome);
  });
});

describe('a training claim decides from runs of its own length', () => {
  // A claim whose length is 400 epochs, so that the test reaches it; the question's count is
  // forced, so the outcome must follow it through the Wilson rule.
  const claimWith = (count: (k: number) => number) =>
    trainingClaim({
      id: 'train-test',
      slide: 'test',
      gist: 'test',
      statement: 'test',
      reading: 'test',
      method: 'test',
      experiment: 'constrained',
      length: { epochs: 400, source: 'the test' },
      question: 'the forced count',
      count: (r) => count(r.length),
    });
  const check = (count: (k: number) => number, epochs = 400) => {
    const claim = claimWith(count);
    return claim.check(resolveClaimOptions(claim, { nMax: 2, extra: { epochs, seeds: 6 } }));
  };

  it.each([
    ['every seed', (k: number) => k, 'reproduced'],
    ['no seed', () => 0, 'not reproduced'],
    ['half the seeds', (k: number) => k / 2, 'inconclusive'],
  ])('when %s answers yes then the outcome is decided from the interval', (_what, count, outcome) => {
    const v = check(count);
    expect(v.status).toBe(outcome);
    expect(v.scope).toEqual({ kind: 'sampled', instances: 6 });
  });

  it('when the run is shorter than the claim then it is inconclusive whatever the count', () => {
    expect(check((k) => k, 399).status).toBe('inconclusive');
  });
});
