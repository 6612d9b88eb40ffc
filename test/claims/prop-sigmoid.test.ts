/**
 * prop-sigmoid: the decisions flip on false variants, and hand-checked cases.
 */
import { describe, expect, it } from 'vitest';
import { plainMath } from '../../src/render/format.js';
import { uniformSteepness } from '../../src/activation/sigmoid-bounds.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import {
  type AmplitudeRow,
  amplitudeRow,
  decideCharacterisation,
  decideClass,
  decideExact,
  decideHandcrafted,
  predicted,
  propSigmoid,
  rowOutcome,
  texEps,
} from '../../src/claims/prop-sigmoid.js';
import { Q } from '../../src/kernel/rational.js';
import { mseEnclosure, sigmoidWeights } from '../../src/activation/sigmoid.js';

const eps = Q.parse('1e-5');
const { s, E } = uniformSteepness(eps);
const row = (c: string, n: number) => amplitudeRow(Q.parse(c), n, eps, s, E);

describe('prop-sigmoid: rows by amplitude class', () => {
  // C > 1: inf = (C - 1)^2 / 2 (by hand: 11/10 -> 1/200, 2 -> 1/2); C = 1 and (n = 1, C < 1): reached;
  // C < 1, n >= 2: the slope bound (C = 1/2, n = 2: 3/1568).
  it.each([
    ['11/10', 3, 'bounded-away', '1/200'],
    ['2', 1, 'bounded-away', '1/2'],
    ['1', 4, 'reached', '0'],
    ['9/10', 1, 'reached', '0'],
    ['1/2', 2, 'bounded-away', '3/1568'],
  ])('C = %s, n = %i: %s, lower bound %s', (c, n, outcome, lower) => {
    const r = row(c, n);
    expect(rowOutcome(r)).toBe(outcome);
    expect(r.lower.equals(Q.parse(lower))).toBe(true);
    expect(predicted(r.C, n)).toBe(outcome === 'reached');
  });

  it('the C < 1 lower bound is below the MSE of the constructed weights', () => {
    const r = row('1/2', 3);
    expect(r.lower.lt(r.reached!.mseUpper)).toBe(true);
  });
});

describe('prop-sigmoid: status flips', () => {
  const rows = ['1/2', '9/10', '1', '11/10', '2'].flatMap((c) => [1, 2, 3].map((n) => row(c, n)));

  it('as worded (every amplitude) is refuted; restricted to C = 1 it holds', () => {
    expect(decideClass(rows).status).toBe('refuted');
    expect(decideClass(rows.filter((r) => r.C.equals(Q.ONE))).status).toBe('holds');
  });

  it('the characterisation holds; an off-by-one variant (C <= 1 for every n) is refuted', () => {
    expect(decideCharacterisation(rows).status).toBe('holds');
    expect(decideCharacterisation(rows, (C) => C.le(Q.ONE)).status).toBe('refuted');
    // "holds iff C = 1" without the n = 1 exception: the rows (n = 1, C < 1) are not bounded away.
    expect(decideCharacterisation(rows, (C) => C.equals(Q.ONE)).status).toBe('inconclusive');
  });

  it('a row whose weights miss eps leaves its class inconclusive; no rows: inconclusive', () => {
    const r = row('1', 2);
    const missed: AmplitudeRow = { ...r, reached: { ...r.reached!, mseUpper: Q.ONE } };
    expect(decideClass([missed]).status).toBe('inconclusive');
    expect(decideClass([]).status).toBe('inconclusive');
  });

  it('handcrafted: s = 12 holds; s = 5 is refuted by the MSE enclosure at n = 1', () => {
    const perN = (steep: number) =>
      [1, 2, 3].map((n) => {
        const w = sigmoidWeights(n, Q.int(steep));
        const enc = mseEnclosure(n, Q.ONE, w.W2, w.b2);
        return {
          n,
          sharper: Q.ZERO,
          enclosure: { lo: Q.parse(enc.lo.toExponential()), hi: Q.parse(enc.hi.toExponential()) },
        };
      });
    expect(decideHandcrafted({ eps, s, E, perN: perN(s) }).status).toBe('holds');
    // s = 5: MSE(n = 1) = (sigma(-5/2)^2 + sigma(-5/2)^2)/2 = sigma(-2.5)^2 = 0.00577 > 1e-5.
    const bad = uniformSteepness(Q.parse('1e-2'));
    expect(bad.s).toBe(5);
    expect(decideHandcrafted({ eps, s: 5, E: bad.E, perN: perN(5) }).status).toBe('refuted');
  });

  it('exact: the sigmoid range (0, 1) excludes 0 (refuted); a range containing 0 and C is not decided', () => {
    expect(decideExact({ lo: Q.ZERO, hi: Q.ONE }, Q.ONE).status).toBe('refuted');
    expect(decideExact({ lo: Q.MINUS_ONE, hi: Q.int(2) }, Q.ONE).status).toBe('inconclusive');
    expect(decideExact({ lo: Q.MINUS_ONE, hi: Q.ONE }, Q.int(2)).status).toBe('refuted');
  });
});

describe('prop-sigmoid: the verdict', () => {
  it('refuted as worded, whatever --C; holds iff C = 1 (C <= 1 when n = 1)', () => {
    for (const C of [Q.ONE, Q.of(3n, 2n), Q.of(1n, 3n)]) {
      const v = propSigmoid.check(resolveClaimOptions(propSigmoid, { nMax: 3, C }));
      expect(v.status).toBe('refuted');
      const by = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
      expect(by).toEqual({
        'every-amplitude': 'refuted',
        'iff-c-is-1': 'holds',
        'c-is-1': 'holds',
        'n-is-1': 'holds',
        handcrafted: 'holds',
        'c-above-1': 'refuted',
        'c-below-1': 'refuted',
        exact: 'refuted',
      });
      expect(plainMath(v.summary)).toMatch(/^holds iff C = 1 \(C <= 1 when n = 1\)/);
    }
  });

  it('--n 1: the class C < 1, n >= 2 is out of range (inconclusive), the rest unchanged', () => {
    const v = propSigmoid.check(resolveClaimOptions(propSigmoid, { n: 1 }));
    expect(v.readings.find((r) => r.name === 'c-below-1')?.status).toBe('inconclusive');
    expect(v.readings.find((r) => r.name === 'every-amplitude')?.status).toBe('refuted');
    expect(v.scope).toEqual({ kind: 'proved', checked: [1, 1] });
  });

  it('eps is printed as a power of ten', () => {
    expect(texEps(Q.parse('1e-5'))).toBe('10^{-5}');
    expect(texEps(Q.of(1n, 3n))).toBe('\\frac{1}{3}');
  });
});
