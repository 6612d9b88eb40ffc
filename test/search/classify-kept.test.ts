import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../helpers/seed.js';
import { rank } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { column, linearCodes } from '../../src/search/grid.js';
import { classOf, gapEnds, typeLabel } from '../../src/search/classify/classes.js';
import { ClassifyEngine } from '../../src/search/classify/engine.js';
import { kernelWitness, keptCriterion } from '../../src/search/classify/kept.js';
import { feasible, solveFeasible } from '../../src/search/classify/lp.js';
import { type TypeClass } from '../../src/search/classify/reference.js';

const q = (rows: number[][]) => rows.map((r) => r.map((x) => Q.int(x)));
const v = (xs: number[]) => xs.map((x) => Q.int(x));

describe('exact LP feasibility (A x = b, x >= 0)', () => {
  it.each([
    ['x1 + x2 = 1', [[1, 1]], [1], true],
    ['x1 + x2 = -1', [[1, 1]], [-1], false],
    [
      'x1 - x2 = 0, x1 + x2 = 2',
      [
        [1, -1],
        [1, 1],
      ],
      [0, 2],
      true,
    ],
    ['x1 = 1, x1 = 2', [[1], [1]], [1, 2], false],
    [
      'x1 - x2 = 1, x2 - x1 = 1',
      [
        [1, -1],
        [-1, 1],
      ],
      [1, 1],
      false,
    ],
    ['0 x = 0 (no condition)', [[0, 0]], [0], true],
  ])('%s: %s', (_name, A, b, expected) => {
    expect(feasible(q(A), v(b))).toBe(expected);
  });

  const system = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 })).chain(([m, n]) =>
    fc.tuple(
      fc.array(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n, maxLength: n }), {
        minLength: m,
        maxLength: m,
      }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -2, max: 2 }), { minLength: m, maxLength: m }),
    ),
  );

  it('a planted solution x0 >= 0 (b = A x0) is found, and the returned x solves the system', () => {
    fc.assert(
      fc.property(system, ([A, x0]) => {
        const b = A.map((row) => row.reduce((s, a, j) => s + a * (x0[j] as number), 0));
        const x = solveFeasible(q(A), v(b));
        expect(x).toBeDefined();
        for (const xi of x as Q[]) expect(xi.sign()).toBeGreaterThanOrEqual(0);
        q(A).forEach((row, i) =>
          expect(row.reduce((s, a, j) => s.add(a.mul((x as Q[])[j] as Q)), Q.ZERO).equals(Q.int(b[i] as number))).toBe(
            true,
          ),
        );
      }),
      fcParams(200),
    );
  });

  it('a planted Farkas certificate (y^T A >= 0, y^T b < 0) makes the system infeasible', () => {
    fc.assert(
      fc.property(system, ([A0, , y]) => {
        fc.pre(y.some((x) => x !== 0));
        // Make y^T A >= 0 by adding y-multiples... build A = A0 with columns c made to satisfy y.c >= 0: flip those with y.c < 0.
        const A = A0.map((r) => r.slice());
        const n = (A[0] as number[]).length;
        for (let j = 0; j < n; j++) {
          const yc = A.reduce((s, r, i) => s + (y[i] as number) * (r[j] as number), 0);
          if (yc < 0) A.forEach((r) => (r[j] = -(r[j] as number)));
        }
        // b with y^T b = -1: b = -y / |y|^2 scaled to integers: b = -y, so y^T b = -|y|^2 < 0.
        const b = y.map((x) => -x);
        expect(feasible(q(A), v(b))).toBe(false);
      }),
      fcParams(200),
    );
  });
});

/** Every kept type with its engine class. */
function keptClasses(codes: Q[], n: number): Map<string, TypeClass> {
  const out = new Map<string, TypeClass>();
  const e = new ClassifyEngine(codes, n, { mirror: false, visit: (t, _w, c) => out.set(t.join(','), c) });
  for (const u of e.units()) e.runUnit(u);
  return out;
}

describe('the kept case ((n+1) x n)', () => {
  it('n <= 4: the engine (certificates first) agrees with the kernel search on every type', () => {
    for (let n = 1; n <= 4; n++) {
      const codes = linearCodes(n, 'keep');
      for (const [key, cls] of keptClasses(codes, n)) {
        const type = key.split(',').map(Number);
        expect([typeLabel(type), keptCriterion(type, codes)]).toEqual([typeLabel(type), cls]);
      }
    }
  });

  it('n <= 4: every generic type gets a rank-deficient point inside its box', () => {
    for (let n = 1; n <= 4; n++) {
      const codes = linearCodes(n, 'keep');
      for (const [key, cls] of keptClasses(codes, n)) {
        if (cls !== 'generic') continue;
        const type = key.split(',').map(Number);
        const w = kernelWitness(codes, type);
        expect(w).toBeDefined();
        const { knots } = w as { knots: Q[] };
        type.forEach((c, j) => {
          const { p } = classOf(c);
          const t = knots[j] as Q;
          if (p % 2 === 1) return;
          const { lo, hi } = gapEnds(p, codes);
          expect(!lo || lo.lt(t)).toBe(true);
          expect(!hi || t.lt(hi)).toBe(true);
        });
        const cols = type.map((c, j) => column(codes, classOf(c).s, knots[j] as Q));
        expect(rank(codes.map((_, i) => cols.map((col) => col[i] as Q)))).toBeLessThan(n);
      }
    }
  });

  it('the classes depend on the order of the codes only (random codes, n <= 3)', () => {
    const codesArb = (m: number) =>
      fc
        .uniqueArray(
          fc
            .tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: 1, max: 5 }))
            .map(([a, b]) => Q.of(BigInt(a), BigInt(b))),
          { minLength: m, maxLength: m, selector: (x) => x.toString() },
        )
        .map((zs) => [...zs].sort((a, b) => a.cmp(b)));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(fc.constant(n), codesArb(n + 1))),
        ([n, codes]) => {
          expect(keptClasses(codes, n)).toEqual(keptClasses(linearCodes(n, 'keep'), n));
        },
      ),
      fcParams(12),
    );
  });
});
