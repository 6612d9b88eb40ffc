/**
 * Layer-2 activations: exact evaluation, affinity, full-rank layers (exact
 * and certified), and the flips of the certificate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fullRankLayer,
  type G2,
  IDENTITY_G2,
  layer2Catalogue,
  polyDegree,
  polynomialG2,
  pwlIsAffine,
  vandermonde,
} from '../../src/activation/layer2.js';
import { pwl, pwlIdentity } from '../../src/activation/pwl.js';
import { distinctCount } from '../../src/construct/codes.js';
import { rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

const catalogue = layer2Catalogue(Q.ONE);

describe('the catalogue', () => {
  it('holds the eight activations of the one-layer catalogue and u^2, u^3, none affine', () => {
    expect(catalogue.map((g) => g.id)).toEqual([
      'relu',
      'sigmoid',
      'tanh',
      'hardsigmoid',
      'clipped-relu',
      'heaviside',
      'leaky-relu',
      'softplus',
      'square',
      'cube',
    ]);
    expect(catalogue.every((g) => !g.affine)).toBe(true);
    expect(IDENTITY_G2.affine).toBe(true);
    expect(catalogue.map(polyDegree).filter((d) => d !== undefined)).toEqual([2, 3]);
  });

  it('pwlIsAffine: the identity and 2u + 1 are affine; ReLU, and the identity with a jump at 0, are not', () => {
    expect(pwlIsAffine(pwlIdentity())).toBe(true);
    const twoUPlusOne = pwl(
      [Q.ZERO],
      [
        { a: Q.int(2), c: Q.ONE },
        { a: Q.int(2), c: Q.ONE },
      ],
    );
    expect(pwlIsAffine(twoUPlusOne)).toBe(true);
    const relu = pwl(
      [Q.ZERO],
      [
        { a: Q.ZERO, c: Q.ZERO },
        { a: Q.ONE, c: Q.ZERO },
      ],
    );
    expect(pwlIsAffine(relu)).toBe(false);
    const jump = pwl(
      [Q.ZERO],
      [
        { a: Q.ONE, c: Q.ZERO },
        { a: Q.ONE, c: Q.ZERO },
      ],
      [Q.ONE],
    );
    expect(pwlIsAffine(jump)).toBe(false);
  });

  it('polynomials evaluate exactly (Horner): u^3 - 2u + 1/2 at -3/2 is -1/8, by hand', () => {
    const p = polynomialG2('p', 'p', [Q.of(1n, 2n), Q.int(-2), Q.ZERO, Q.ONE]);
    // (-27/8) + 3 + 1/2 = 1/8 - ... : -27/8 + 24/8 + 4/8 = 1/8.
    expect(p.kind === 'exact' && p.f(Q.of(-3n, 2n)).equals(Q.of(1n, 8n))).toBe(true);
  });
});

describe('fullRankLayer', () => {
  it('every exact non-polynomial activation gives an invertible A2 on random distinct codes', () => {
    const exact = catalogue.filter((g) => g.kind === 'exact' && polyDegree(g) === undefined);
    fc.assert(
      fc.property(fc.uniqueArray(smallQ(12, 4), { minLength: 1, maxLength: 7, selector: String }), (codes) => {
        for (const g of exact) {
          const r = fullRankLayer(g, codes);
          expect(r.kind).toBe('exact');
          if (r.kind === 'exact') expect(rank(r.A2)).toBe(codes.length);
        }
      }),
      fcParams(40),
    );
  });

  it('sigmoid, tanh, softplus: certified with a bound below 1 for m = 1..8', () => {
    for (const g of catalogue.filter((x) => x.kind === 'analytic')) {
      for (let m = 1; m <= 8; m++) {
        const r = fullRankLayer(
          g,
          Array.from({ length: m }, (_, i) => Q.int(i + 1)),
        );
        expect(r.kind).toBe('certified');
        if (r.kind === 'certified') expect(r.bound.lt(Q.ONE)).toBe(true);
      }
    }
  });

  it('flips to not-found when the tail bound is too weak or the limit matrix is singular', () => {
    const sigmoid = catalogue.find((g) => g.id === 'sigmoid')!;
    if (sigmoid.kind !== 'analytic') throw new Error('sigmoid is analytic');
    const weak: G2 = { ...sigmoid, tail: () => Q.ONE };
    expect(fullRankLayer(weak, [1, 2, 3].map(Q.int)).kind).toBe('not-found');
    const flat: G2 = { ...sigmoid, limit: () => Q.ONE };
    expect(fullRankLayer(flat, [1, 2, 3].map(Q.int)).kind).toBe('not-found');
  });

  it('a polynomial of degree d reaches rank min(m, d + 1) and no more; equal codes are refused', () => {
    const square = catalogue.find((g) => g.id === 'square')!;
    expect(fullRankLayer(square, [1, 2, 3].map(Q.int)).kind).toBe('exact');
    expect(fullRankLayer(square, [1, 2, 3, 4].map(Q.int)).kind).toBe('not-found');
    expect(fullRankLayer(IDENTITY_G2, [1, 2].map(Q.int)).kind).toBe('exact');
    expect(fullRankLayer(IDENTITY_G2, [1, 2, 3].map(Q.int)).kind).toBe('not-found');
    expect(fullRankLayer(square, [1, 1].map(Q.int)).kind).toBe('not-found');
  });

  it('vandermonde has rank min(distinct codes, d + 1)', () => {
    fc.assert(
      fc.property(fc.array(smallQ(5, 2), { minLength: 1, maxLength: 7 }), fc.integer({ min: 0, max: 4 }), (z, d) => {
        expect(rank(vandermonde(z, d))).toBe(Math.min(distinctCount(z), d + 1));
      }),
      fcParams(60),
    );
  });
});
