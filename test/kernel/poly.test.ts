import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { det } from '../../src/kernel/matrix.js';
import { Poly, polyDet } from '../../src/kernel/poly.js';
import { Q } from '../../src/kernel/rational.js';
import { smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

const x = Poly.variable('x');
const y = Poly.variable('y');
const c = (v: number) => Poly.constant(Q.int(v));

describe('Poly', () => {
  it('multiplies and adds: (x + y)^2 = x^2 + 2xy + y^2', () => {
    const s = x.add(y);
    // Terms are printed in the order of their monomial keys ('x*y' < 'x^2' < 'y^2').
    expect(s.mul(s).toString()).toBe('2*x*y + x^2 + y^2');
    expect(s.mul(s).degreeIn('x')).toBe(2);
    expect(s.mul(s).totalDegree()).toBe(2);
  });

  it('cancels exactly: (x + 1)(x - 1) - x^2 = -1', () => {
    expect(
      x
        .add(c(1))
        .mul(x.sub(c(1)))
        .sub(x.mul(x))
        .toString(),
    ).toBe('-1');
  });

  it('evaluation is a ring homomorphism', () => {
    const polyArb = fc
      .array(fc.tuple(smallQ(), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })), { maxLength: 5 })
      .map((ts) =>
        ts.reduce(
          (p, [k, ex, ey]) =>
            p.add(
              Poly.constant(k)
                .mul(Array.from({ length: ex }, () => x).reduce((a, b) => a.mul(b), c(1)))
                .mul(Array.from({ length: ey }, () => y).reduce((a, b) => a.mul(b), c(1))),
            ),
          Poly.ZERO,
        ),
      );
    fc.assert(
      fc.property(polyArb, polyArb, smallQ(), smallQ(), (p, r, vx, vy) => {
        const at = { x: vx, y: vy };
        expect(
          p
            .add(r)
            .eval(at)
            .equals(p.eval(at).add(r.eval(at))),
        ).toBe(true);
        expect(
          p
            .mul(r)
            .eval(at)
            .equals(p.eval(at).mul(r.eval(at))),
        ).toBe(true);
      }),
      fcParams(),
    );
  });

  it('substitute then eval equals eval', () => {
    const p = x
      .mul(x)
      .mul(y)
      .sub(x.scale(Q.of(3n, 2n)));
    const part = p.substitute(new Map([['x', Q.of(2n, 3n)]]));
    expect(part.variables()).toEqual(['y']);
    expect(part.eval({ y: Q.int(5) }).equals(p.eval({ x: Q.of(2n, 3n), y: Q.int(5) }))).toBe(true);
  });

  it('eval names a missing variable', () => {
    expect(() => x.eval({})).toThrow(/'x'/);
  });
});

describe('polyDet', () => {
  // Hand-checked: det [[x, 1], [1, y]] = xy - 1.
  it('det [[x,1],[1,y]] = x*y - 1', () => {
    expect(
      polyDet([
        [x, c(1)],
        [c(1), y],
      ]).toString(),
    ).toBe('-1 + x*y');
  });

  it('evaluated symbolic determinant equals the numeric determinant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.array(fc.tuple(smallQ(), smallQ()), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            smallQ(),
          ),
        ),
        ([, entries, t]) => {
          // Entry (i, j) = a_ij + b_ij * t, affine in one parameter t.
          const sym = entries.map((r) => r.map(([a, b]) => Poly.constant(a).add(Poly.variable('t').scale(b))));
          const num = entries.map((r) => r.map(([a, b]) => a.add(b.mul(t))));
          expect(polyDet(sym).eval({ t }).equals(det(num))).toBe(true);
        },
      ),
      fcParams(),
    );
  });
});
