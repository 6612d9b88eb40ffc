/** Codes as the primary object: encoders for given codes, counts, the triangular layer. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  distinctCount,
  encoderForCodes,
  randomDistinctCodes,
  signCount,
  triangularLayer,
} from '../../src/construct/codes.js';
import { rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { encode, layer2 } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';
import { Rng } from '../../src/random.js';
import { smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

describe('encoderForCodes', () => {
  it('reproduces any n + 1 codes through the exact encoder', () => {
    fc.assert(
      fc.property(fc.array(smallQ(9, 4), { minLength: 2, maxLength: 9 }), smallQ(5, 3), (codes, c) => {
        const C = c.abs().add(Q.of(1n, 2n));
        const e = encoderForCodes(codes, C);
        const z = encode(e.W1, e.b1, stepMatrix(codes.length - 1, C));
        expect(z.map(String)).toEqual(codes.map(String));
      }),
      fcParams(80),
    );
  });
});

describe('counts', () => {
  // By hand.
  it.each([
    [['1', '2', '3'], 3, 1],
    [['-1', '0', '1'], 3, 2],
    [['0', '0'], 1, 0],
    [['-1/2', '-1/2', '2'], 2, 2],
  ])('codes %j: %d distinct, %d signs', (codes, distinct, signs) => {
    const q = codes.map((x) => Q.parse(x));
    expect(distinctCount(q)).toBe(distinct);
    expect(signCount(q)).toBe(signs);
  });

  it('randomDistinctCodes gives pairwise distinct codes with the signs asked for, quickly up to m = 200', () => {
    const rng = new Rng(7);
    for (const m of [1, 2, 3, 9, 65, 200]) {
      const both = randomDistinctCodes(m, rng);
      expect(distinctCount(both)).toBe(m);
      expect(signCount(both)).toBe(Math.min(m, 2));
      const pos = randomDistinctCodes(m, rng, 'positive');
      expect(distinctCount(pos)).toBe(m);
      expect(pos.every((z) => z.sign() > 0)).toBe(true);
      expect(randomDistinctCodes(m, rng, 'negative').every((z) => z.sign() < 0)).toBe(true);
    }
  });
});

describe('triangularLayer', () => {
  it('on codes (3, -1, 2) with n = 2: knots 1/2 (between -1 and 2) and 3 (= 2 + 1), by hand', () => {
    const t = triangularLayer([3, -1, 2].map(Q.int), 2);
    expect(t?.b2.map(String)).toEqual(['1/2', '3']);
    expect(t?.chosen.map(String)).toEqual(['-1', '2']);
  });

  it('has rank n over any codes with at least n distinct values, and is undefined below', () => {
    fc.assert(
      fc.property(
        fc.array(smallQ(6, 3), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        (codes, n) => {
          const t = triangularLayer(codes, n);
          if (distinctCount(codes) < n) expect(t).toBeUndefined();
          else expect(rank(layer2(codes, t!.W2, t!.b2))).toBe(n);
        },
      ),
      fcParams(100),
    );
  });
});
