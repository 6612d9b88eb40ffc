import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/errors.js';
import { Q, gcd } from '../../src/kernel/rational.js';
import { bigQ, smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

const anyQ = fc.oneof(smallQ(), bigQ);

describe('Q: field laws', () => {
  it('addition and multiplication are commutative and associative; distributivity holds', () => {
    fc.assert(
      fc.property(anyQ, anyQ, anyQ, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b).equals(b.mul(a))).toBe(true);
        expect(
          a
            .add(b)
            .add(c)
            .equals(a.add(b.add(c))),
        ).toBe(true);
        expect(
          a
            .mul(b)
            .mul(c)
            .equals(a.mul(b.mul(c))),
        ).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
      }),
      fcParams(),
    );
  });

  it('identities and inverses', () => {
    fc.assert(
      fc.property(anyQ, (a) => {
        expect(a.add(Q.ZERO).equals(a)).toBe(true);
        expect(a.mul(Q.ONE).equals(a)).toBe(true);
        expect(a.add(a.neg()).isZero()).toBe(true);
        if (!a.isZero()) expect(a.mul(a.inv()).equals(Q.ONE)).toBe(true);
      }),
      fcParams(),
    );
  });

  it('is always canonical: den > 0 and gcd(num, den) = 1', () => {
    fc.assert(
      fc.property(anyQ, anyQ, (a, b) => {
        for (const r of [a.add(b), a.sub(b), a.mul(b), b.isZero() ? a : a.div(b)]) {
          expect(r.den > 0n).toBe(true);
          expect(gcd(r.num, r.den)).toBe(r.num === 0n ? r.den : 1n);
          if (r.num === 0n) expect(r.den).toBe(1n);
        }
      }),
      fcParams(),
    );
  });

  it('order agrees with subtraction', () => {
    fc.assert(
      fc.property(anyQ, anyQ, (a, b) => {
        expect(a.cmp(b)).toBe(a.sub(b).sign());
      }),
      fcParams(),
    );
  });
});

describe('Q.parse', () => {
  // Accepted forms, each with its exact value worked out by hand.
  it.each([
    ['3', '3'],
    ['-3/7', '-3/7'],
    ['6/4', '3/2'], // reduced
    ['0.125', '1/8'], // 125/1000
    ['1e-3', '1/1000'],
    ['-2.5e2', '-250'],
    ['.5', '1/2'],
    ['+7', '7'],
    ['0', '0'],
    ['-0', '0'],
    [' 2 ', '2'], // surrounding blanks are trimmed
    ['1.50', '3/2'],
    ['2E3', '2000'],
  ])('parses %j as %s', (text, expected) => {
    expect(Q.parse(text).toString()).toBe(expected);
  });

  it.each([
    'abc',
    '1/0',
    '',
    '0x10',
    'NaN',
    'Infinity',
    '-Infinity',
    '1/-2',
    '1.2.3',
    '3/',
    '/3',
    '1e',
    'e5',
    '1e100000',
  ])('rejects %j naming the option and the accepted forms', (text) => {
    expect(() => Q.parse(text, '--C')).toThrow(ParseError);
    try {
      Q.parse(text, '--C');
    } catch (e) {
      expect((e as Error).message).toMatch(/^--C: /);
      expect((e as Error).message).toMatch(/accepted: an integer \(3\), a fraction \(-3\/7\)/);
    }
  });

  it('print then parse is the identity', () => {
    fc.assert(
      fc.property(anyQ, (a) => {
        expect(Q.parse(a.toString()).equals(a)).toBe(true);
      }),
      fcParams(),
    );
  });
});

describe('Q from float bits', () => {
  // Known exact values: 0.1 in binary64 is 3602879701896397 / 2^55;
  // in binary32 it is 13421773 / 2^27.
  it.each([
    [0.1, 'f64', '3602879701896397/36028797018963968'],
    [0.1, 'f32', '13421773/134217728'],
    [-0.5, 'f64', '-1/2'],
    [5e-324, 'f64', `1/${2n ** 1074n}`], // smallest subnormal
    [1e-45, 'f32', `1/${2n ** 149n}`], // smallest float32 subnormal
    [2 ** 60, 'f64', `${2n ** 60n}`],
    [-0, 'f64', '0'],
  ] as const)('%d as %s is exactly %s', (x, kind, expected) => {
    const r = kind === 'f64' ? Q.fromFloat64(x) : Q.fromFloat32(x);
    expect(r.toString()).toBe(expected);
  });

  it('float64 round trip: Number(r) === x', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = Q.fromFloat64(x);
        expect(r.toNumber()).toBe(x === 0 ? 0 : x);
        // Exactness: the rational's denominator is a power of two.
        expect(r.den & (r.den - 1n)).toBe(0n);
      }),
      fcParams(),
    );
  });

  it('float32 round trip: Math.fround(Number(r)) === x', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const r = Q.fromFloat32(x);
        expect(Q.fromFloat64(x).equals(r)).toBe(true); // a float32 is an exact float64
        expect(Math.fround(r.toNumber())).toBe(x === 0 ? 0 : x);
      }),
      fcParams(),
    );
  });

  it('rejects NaN and infinities', () => {
    expect(() => Q.fromFloat64(NaN)).toThrow(RangeError);
    expect(() => Q.fromFloat32(Infinity)).toThrow(RangeError);
    expect(() => Q.fromFloat32(1e39)).toThrow(RangeError); // overflows float32
  });
});
