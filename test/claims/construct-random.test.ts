import { describe, expect, it } from 'vitest';
import {
  constructRandom,
  decideAlmostSurely,
  decideDistinctCodes,
  decideEveryEncoder,
  decideZeroSignal,
  encoderEvidence,
} from '../../src/claims/construct-random.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { Q, q } from '../../src/kernel/rational.js';

const C = Q.ONE;

describe('construct-random: ties are vanishing block sums (hand-checked)', () => {
  it('W1 = (1, -1, 1), b1 = 0: codes (1, 0, 1, 0), ties 1-3 and 2-4', () => {
    // z_i = sum_{j >= i} W1_j: z1 = 1, z2 = 0, z3 = 1, z4 = 0 (the zero signal).
    // W1_1 + W1_2 = 0 ties signals 1 and 3; W1_2 + W1_3 = 0 ties signal 2 with the zero signal.
    const e = encoderEvidence(3, C, [q(1), q(-1), q(1)], q(0));
    expect(e.codes.map(String)).toEqual(['1', '0', '1', '0']);
    expect(e.tiedPairs).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(e.blockZeroPairs).toEqual(e.tiedPairs);
    expect(e.built).toBe(false);
    expect(e.refusal).toMatch(/signals 1 and 3 have the same code/);
    expect(decideEveryEncoder([e], [3])).toBe('refuted');
    expect(decideDistinctCodes([e])).toBe('inconclusive');
  });

  it("the atlas's n = 5 draw W1 = (-5/2, 1, -2, 1, -3/2): 1 - 2 + 1 = 0 ties signals 2 and 5", () => {
    const e = encoderEvidence(5, C, [q(-5, 2), q(1), q(-2), q(1), q(-3, 2)], q(1));
    expect(e.tiedPairs).toContainEqual([2, 5]);
    expect(e.built).toBe(false);
  });

  it('distinct codes of both signs: solved, zero signal too', () => {
    const e = encoderEvidence(4, C, [q(3), q(-7, 2), q(2), q(-1, 3)], q(-1, 2));
    expect(e.tiedPairs).toEqual([]);
    expect(e.built && e.signals && e.zeroSignal).toBe(true);
  });
});

describe('construct-random: each status flips on a false variant', () => {
  const good = encoderEvidence(4, C, [q(3), q(-7, 2), q(2), q(-1, 3)], q(-1, 2));
  const zeroTie = encoderEvidence(2, C, [q(1), q(-1)], q(0)); // z = (0, -1, 0): signal 1 ties the zero signal

  it('distinct-codes: an unsolved encoder with distinct codes refutes it', () => {
    expect(decideDistinctCodes([good])).toBe('holds');
    expect(decideDistinctCodes([good, { ...good, built: false, signals: false }])).toBe('refuted');
  });

  it('almost-surely: a tie without a vanishing block sum refutes it', () => {
    expect(decideAlmostSurely([good, zeroTie])).toBe('holds');
    expect(decideAlmostSurely([{ ...zeroTie, blockZeroPairs: [] }])).toBe('refuted');
  });

  it('zero-signal: reconstructed exactly when its code is distinct', () => {
    expect(zeroTie.built).toBe(true);
    expect(zeroTie.zeroSignal).toBe(false);
    expect(decideZeroSignal([good, zeroTie])).toBe('holds');
    expect(decideZeroSignal([{ ...zeroTie, zeroSignal: true }])).toBe('refuted');
  });

  it('every-encoder: holds at n = 1 only, inconclusive without a tie', () => {
    const one = encoderEvidence(1, C, [q(2)], q(1));
    expect(decideEveryEncoder([one], [1])).toBe('holds');
    expect(decideEveryEncoder([good], [4])).toBe('inconclusive');
  });
});

describe('construct-random: the check', () => {
  it('holds as worded, every-encoder refuted, refusals all explained', () => {
    const v = constructRandom.check(resolveClaimOptions(constructRandom, { nMax: 6, runs: 60 }));
    expect(v.status).toBe('holds');
    const status = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
    expect(status).toEqual({
      'distinct-codes': 'holds',
      'almost-surely': 'holds',
      'zero-signal': 'holds',
      'every-encoder': 'refuted',
    });
    const cert = (v as { certificate: { refusedForTies: number; refusalsExplained: number } }).certificate;
    expect(cert.refusalsExplained).toBe(cert.refusedForTies);
  });

  it('honours --n: at n = 1 nothing can tie', () => {
    const v = constructRandom.check(resolveClaimOptions(constructRandom, { n: 1, runs: 10 }));
    expect(v.readings.find((r) => r.name === 'every-encoder')).toMatchObject({
      status: 'holds',
      scope: { kind: 'exhaustive', checked: [1, 1] },
    });
  });
});
