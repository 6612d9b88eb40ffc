import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fcParams } from '../helpers/seed.js';
import { det, rank } from '../../src/kernel/matrix.js';
import { Poly, polyDet } from '../../src/kernel/poly.js';
import { Q } from '../../src/kernel/rational.js';
import { interlacing } from '../../src/search/corrected.js';
import { binom, column, linearCodes, multisets } from '../../src/search/grid.js';
import { classifyType, type ColumnClass } from '../../src/search/symbolic.js';
import {
  classCount,
  classIndex,
  classOf,
  gapEnds,
  isFree,
  mirrorClass,
  mirrorType,
  typeLabel,
} from '../../src/search/classify/classes.js';
import { radoHolds, singularSomewhere, squareCriterion } from '../../src/search/classify/criterion.js';
import { ClassifyEngine } from '../../src/search/classify/engine.js';
import { classifySquareExact, type TypeClass } from '../../src/search/classify/reference.js';
import { kernelWitness } from '../../src/search/classify/kept.js';

/** A type from its compact label (`+g0 -z2`, gaps 0..m, codes 1-based), sorted. */
function parse(label: string): number[] {
  return label
    .split(' ')
    .map((tok) => {
      const k = Number(tok.slice(2));
      const p = tok[1] === 'g' ? 2 * k : 2 * k - 1;
      return classIndex({ s: tok[0] === '+' ? 1 : -1, p });
    })
    .sort((a, b) => a - b);
}

/** Every type of n columns over the codes, with the engine's class (no mirror: each type visited). */
function allClasses(codes: Q[], n: number): Map<string, TypeClass> {
  const out = new Map<string, TypeClass>();
  const e = new ClassifyEngine(codes, n, { mirror: false, visit: (t, _w, c) => out.set(t.join(','), c) });
  for (const u of e.units()) e.runUnit(u);
  return out;
}

/** A knot inside the class's position: k-th of `of` spread points of a gap. */
function knotIn(c: number, codes: readonly Q[], k: number, of: number): Q {
  const { p } = classOf(c);
  if (p % 2 === 1) return codes[(p - 1) / 2] as Q;
  const { lo, hi } = gapEnds(p, codes);
  const a = lo ?? (hi as Q).sub(Q.int(of + 1));
  const b = hi ?? (lo as Q).add(Q.int(of + 1));
  return a.add(b.sub(a).mul(Q.of(BigInt(k + 1), BigInt(of + 1))));
}

/** The exact A2 of a type at the given knots. */
function matrixAt(codes: readonly Q[], type: readonly number[], knots: readonly Q[]): Q[][] {
  const cols = type.map((c, j) => column(codes, classOf(c).s, knots[j] as Q));
  return codes.map((_, i) => cols.map((col) => col[i] as Q));
}

describe('column classes', () => {
  it.each([1, 2, 5])('m = %d: the mirror is an order-reversing involution of the 2(2m+1) classes', (m) => {
    const T = classCount(m);
    expect(T).toBe(2 * (2 * m + 1));
    for (let c = 0; c < T; c++) {
      expect(mirrorClass(mirrorClass(c, m), m)).toBe(c);
      if (c > 0) expect(mirrorClass(c, m)).toBeLessThan(mirrorClass(c - 1, m));
      // The mirror of ReLU(s(z - t)) is ReLU(-s(z' - (-t))): direction flips, position reflects.
      const { s, p } = classOf(c);
      expect(classOf(mirrorClass(c, m))).toEqual({ s: -s, p: 2 * m - p });
    }
  });

  it.each([
    // label, type indices: class = 2p + (s = +1), p = 2g (gap g) or 2k - 1 (code k, 1-based)
    ['-g0', [0]],
    ['+g0', [1]],
    ['+z1', [3]],
    ['-g1 +g1', [4, 5]],
    ['+g0 -z2', [1, 6]],
  ])('the label %s is the type %j', (label, type) => {
    expect(parse(label)).toEqual(type);
    expect(typeLabel(type)).toBe(label);
  });
});

describe('classification of small types, by hand', () => {
  // Each value is a determinant computed by hand over codes 1..n (knots a, b, c, d in their gaps).
  it.each<[string, TypeClass, string]>([
    ['+g0', 'full', 'n = 1: 1 - a > 0 for a < 1'],
    ['-g1', 'full', 'n = 1: a - 1 > 0 for a > 1'],
    ['+z1', 'singular', 'n = 1: ReLU(1 - 1) = 0'],
    ['-g0', 'singular', 'n = 1: ReLU(a - 1) = 0 for a < 1'],
    ['+g0 +g0', 'generic', 'n = 2: det [1-a 1-b; 2-a 2-b] = b - a: zero on a = b, both below 1'],
    ['+g0 -g2', 'full', 'n = 2: det [1-a b-1; 2-a b-2] = a - b < 0 for a < 1 < 2 < b'],
    ['-g1 +g1', 'full', 'n = 2: det [a-1 0; 0 2-b] = (a - 1)(2 - b) > 0 for a, b in (1, 2)'],
    ['+z1 -z2', 'full', 'n = 2: det [0 1; 1 0] = -1'],
    ['+g1 +g1', 'singular', 'n = 2: both columns vanish at z = 1 (zero row)'],
    ['+g0 +z1 -z2', 'full', 'n = 3: det [1-a 0 1; 2-a 1 0; 3-a 2 0] = 2(2 - a) - (3 - a) = 1 - a > 0'],
    ['+g0 +z1 -g3', 'singular', 'n = 3: z - a, z - 1 and b - z are affine on the codes: three vectors in a plane'],
    ['+g0 -g1 -g2', 'full', 'n = 3: det [1-a b-1 c-1; 2-a 0 c-2; 3-a 0 0] = (3 - a)(b - 1)(c - 2) > 0'],
    [
      '+z1 +z2 -g2 -g3',
      'generic',
      'n = 4: det = -6 + 5c + 3d - 2cd (c in (2,3), d in (3,4)): 0 at (5/2, 13/4), -1/2 at (5/2, 7/2)',
    ],
    [
      '+g0 +z1 -g2 +g2',
      'generic',
      'n = 4: det = (a - 1)(c - d): zero where the opposite knots c, d of gap (2, 3) are equal',
    ],
  ])('%s is %s (%s)', (label, cls) => {
    const type = parse(label);
    const n = type.length;
    const codes = linearCodes(n, 'drop');
    expect(classifySquareExact(codes, type)).toBe(cls);
    expect(new ClassifyEngine(codes, n).classifyOne(type)).toBe(cls);
    expect(squareCriterion(type, codes)).toBe(cls);
  });

  it('+z1 +z2 -g2 -g3: the hand-computed points are singular and full rank', () => {
    const codes = linearCodes(4, 'drop');
    const type = parse('+z1 +z2 -g2 -g3');
    const at = (c: Q, d: Q) => det(matrixAt(codes, type, [Q.int(1), Q.int(2), c, d]));
    expect(at(Q.of(5n, 2n), Q.of(13n, 4n)).isZero()).toBe(true);
    expect(at(Q.of(5n, 2n), Q.of(7n, 2n)).isZero()).toBe(false);
  });
});

describe('the engine', () => {
  it.each([
    [1, 'drop'],
    [3, 'drop'],
    [4, 'drop'],
    [2, 'keep'],
    [3, 'keep'],
  ] as const)('n = %d, zero signal %s: visits C(T + n - 1, n) types, with and without the mirror', (n, zs) => {
    const codes = linearCodes(n, zs);
    const T = classCount(codes.length);
    for (const mirror of [true, false]) {
      const e = new ClassifyEngine(codes, n, { mirror });
      let acc;
      for (const u of e.units()) acc = e.runUnit(u, acc);
      expect(BigInt(acc?.types ?? 0)).toBe(binom(T + n - 1, n));
      expect(e.typeCount()).toBe(Number(binom(T + n - 1, n)));
    }
  });

  it.each([
    [4, 'drop'],
    [3, 'keep'],
  ] as const)('n = %d, %s: the mirror changes neither the counts nor the smallest types', (n, zs) => {
    const codes = linearCodes(n, zs);
    const run = (mirror: boolean) => {
      const e = new ClassifyEngine(codes, n, { mirror });
      let acc;
      for (const u of e.units()) acc = e.runUnit(u, acc);
      return acc;
    };
    const a = run(true);
    const b = run(false);
    expect(a?.classes).toEqual(b?.classes);
    expect(a?.smallest).toEqual(b?.smallest);
  });

  it('n <= 3: every type agrees with the exact reference (BigInt vertex determinants)', () => {
    for (let n = 1; n <= 3; n++) {
      const codes = linearCodes(n, 'drop');
      for (const [key, cls] of allClasses(codes, n)) {
        expect([key, classifySquareExact(codes, key.split(',').map(Number))]).toEqual([key, cls]);
      }
    }
  });

  it('n <= 3: every type agrees with the polynomial determinant of the old symbolic search', () => {
    // Independent: symbolic.ts builds det A2 with polyDet and decides zeros by its own vertex signs.
    for (let n = 1; n <= 3; n++) {
      const codes = linearCodes(n, 'drop');
      for (const [key, cls] of allClasses(codes, n)) {
        const type = key.split(',').map(Number);
        const old: ColumnClass[] = type.map((c) => {
          const { s, p } = classOf(c);
          return p % 2 === 1 ? { s, kind: 'code', r: (p - 1) / 2 } : { s, kind: 'gap', r: p / 2 };
        });
        const singularSomewhere = classifyType(codes, old).singular;
        // D == 0 exactly when the determinant of symbolic columns is the zero polynomial.
        const names = 'abcdefg';
        const D = polyDet(
          codes.map((z) =>
            type.map((c, j) => {
              const { s, p } = classOf(c);
              if (p % 2 === 1) return Poly.constant((column([z], s, codes[(p - 1) / 2] as Q)[0] as Q) ?? Q.ZERO);
              const g = p / 2;
              const i = codes.findIndex((y) => y.equals(z));
              if (s === 1 ? i < g : i >= g) return Poly.ZERO;
              return Poly.constant(z.mul(Q.int(s))).sub(Poly.variable(names[j] as string).scale(Q.int(s)));
            }),
          ),
        );
        const expected: TypeClass = D.isZero() ? 'singular' : singularSomewhere ? 'generic' : 'full';
        expect([key, cls]).toEqual([key, expected]);
      }
    }
  });

  it('codes too spread for the float path: the exact fallback gives the classes of the order', () => {
    const n = 3;
    const far = [Q.int(0), Q.int(1), Q.of(2n ** 40n)];
    const e = new ClassifyEngine(far, n);
    expect(e.floatExact).toBe(false);
    const spread = allClasses(far, n);
    const unit = allClasses(linearCodes(n, 'drop'), n);
    expect(spread).toEqual(unit);
  });

  it('rejects codes that are not sorted and distinct, and shapes other than n or n + 1 rows', () => {
    expect(() => new ClassifyEngine([Q.int(2), Q.int(1)], 2)).toThrow(RangeError);
    expect(() => new ClassifyEngine([Q.int(1), Q.int(1)], 2)).toThrow(RangeError);
    expect(() => new ClassifyEngine(linearCodes(3, 'drop'), 5)).toThrow(RangeError);
    const e = new ClassifyEngine(linearCodes(3, 'drop'), 3);
    expect(() => e.runUnit([5, 2])).toThrow(RangeError);
  });
});

describe('the criterion', () => {
  it('n <= 5, zero signal dropped: 0 mismatches over every type (and every mirror image)', () => {
    for (let n = 1; n <= 5; n++) {
      const e = new ClassifyEngine(linearCodes(n, 'drop'), n, { criterion: squareCriterion });
      let acc;
      for (const u of e.units()) acc = e.runUnit(u, acc);
      expect(acc?.criterion.checked).toBe(acc?.types);
      expect(acc?.criterion.mismatches).toBe(0);
      expect(acc?.radoMismatches).toBe(0);
    }
  });

  it('n <= 4, kept: always singular is exactly the failure of Rado', () => {
    for (let n = 1; n <= 4; n++) {
      const e = new ClassifyEngine(linearCodes(n, 'keep'), n);
      let acc;
      for (const u of e.units()) acc = e.runUnit(u, acc);
      expect(acc?.radoMismatches).toBe(0);
    }
  });

  it('n <= 4: the exact kernel search (linear programmes) agrees with the sign conditions on every type Rado keeps', () => {
    for (let n = 1; n <= 4; n++) {
      const codes = linearCodes(n, 'drop');
      for (const type of multisets(classCount(n), n)) {
        if (!radoHolds(type, n)) continue;
        expect([typeLabel(type), kernelWitness(codes, type) !== undefined]).toEqual([
          typeLabel(type),
          singularSomewhere(type, n),
        ]);
      }
    }
  });

  it('one sign, n <= 5: the classes are Schoenberg–Whitney (interlacing at distinct knots of the type)', () => {
    for (let n = 1; n <= 5; n++) {
      const codes = linearCodes(n, 'drop');
      for (const [key, cls] of allClasses(codes, n)) {
        const type = key.split(',').map(Number);
        const dirs = new Set(type.map((c) => classOf(c).s));
        if (dirs.size !== 1) continue;
        const s = classOf(type[0] as number).s;
        // Distinct knots inside each class (spread in its gap): SW at such knots holds for all
        // distinct knots of the type or for none; a repeated class can also meet its diagonal.
        const counts = new Map<number, number>();
        const knots = type.map((c) => {
          const k = counts.get(c) ?? 0;
          counts.set(c, k + 1);
          return knotIn(c, codes, k, type.filter((x) => x === c).length);
        });
        const sw = interlacing(codes, knots, s);
        const repeatedFree = type.some((c, j) => j > 0 && c === type[j - 1] && isFree(c));
        const expected: TypeClass = !sw ? 'singular' : repeatedFree ? 'generic' : 'full';
        expect([typeLabel(type), cls]).toEqual([typeLabel(type), expected]);
      }
    }
  });

  it('is mirror symmetric: a type and its mirror get the same class (n <= 4)', () => {
    for (let n = 1; n <= 4; n++) {
      const codes = linearCodes(n, 'drop');
      for (const type of multisets(classCount(n), n)) {
        expect(squareCriterion(mirrorType(type, n), codes)).toBe(squareCriterion(type, codes));
      }
    }
  });
});

describe('random rational instances (fast-check)', () => {
  /** m distinct sorted rationals. */
  const codesArb = (m: number) =>
    fc
      .uniqueArray(
        fc
          .tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: 1, max: 5 }))
          .map(([a, b]) => Q.of(BigInt(a), BigInt(b))),
        { minLength: m, maxLength: m, selector: (q) => q.toString() },
      )
      .map((zs) => [...zs].sort((a, b) => a.cmp(b)));

  it('random distinct codes, random type (n <= 4): criterion = exact class of those codes', () => {
    const arb = fc
      .integer({ min: 1, max: 4 })
      .chain((n) =>
        fc.tuple(codesArb(n), fc.array(fc.integer({ min: 0, max: classCount(n) - 1 }), { minLength: n, maxLength: n })),
      );
    fc.assert(
      fc.property(arb, ([codes, raw]) => {
        const type = [...raw].sort((a, b) => a - b);
        expect(squareCriterion(type, codes)).toBe(classifySquareExact(codes, type));
      }),
      fcParams(300),
    );
  });

  it('random distinct codes, random knots and directions (n <= 5): the exact rank respects the class of the type', () => {
    const arb = fc
      .integer({ min: 1, max: 5 })
      .chain((n) =>
        fc.tuple(
          codesArb(n),
          fc.array(
            fc.tuple(
              fc.constantFrom<1 | -1>(1, -1),
              fc.tuple(fc.integer({ min: -14, max: 14 }), fc.integer({ min: 1, max: 4 })),
            ),
            { minLength: n, maxLength: n },
          ),
        ),
      );
    fc.assert(
      fc.property(arb, ([codes, cols]) => {
        const n = codes.length;
        const knots = cols.map(([, [a, b]]) => Q.of(BigInt(a), BigInt(b)));
        const classes = cols.map(([s], j) => {
          const t = knots[j] as Q;
          const onCode = codes.findIndex((z) => z.equals(t));
          const p = onCode >= 0 ? 2 * onCode + 1 : 2 * codes.filter((z) => z.lt(t)).length;
          return classIndex({ s, p });
        });
        const order = classes.map((_, j) => j).sort((x, y) => (classes[x] as number) - (classes[y] as number));
        const type = order.map((j) => classes[j] as number);
        const full =
          rank(
            matrixAt(
              codes,
              type,
              order.map((j) => knots[j] as Q),
            ),
          ) === n;
        const cls = squareCriterion(type, codes);
        if (cls === 'full') expect(full).toBe(true);
        if (cls === 'singular') expect(full).toBe(false);
      }),
      fcParams(400),
    );
  });

  it('generic types over random codes (n <= 4): the kernel search returns a singular point inside the box', () => {
    const arb = fc
      .integer({ min: 2, max: 4 })
      .chain((n) =>
        fc.tuple(codesArb(n), fc.array(fc.integer({ min: 0, max: classCount(n) - 1 }), { minLength: n, maxLength: n })),
      );
    fc.assert(
      fc.property(arb, ([codes, raw]) => {
        const type = [...raw].sort((a, b) => a - b);
        fc.pre(squareCriterion(type, codes) === 'generic');
        const w = kernelWitness(codes, type);
        expect(w).toBeDefined();
        const { knots, x } = w as { knots: Q[]; x: Q[] };
        // Inside the box: each knot in its class's open gap or on its code.
        type.forEach((c, j) => {
          const { p } = classOf(c);
          const t = knots[j] as Q;
          if (p % 2 === 1) expect(t.equals(codes[(p - 1) / 2] as Q)).toBe(true);
          else {
            const { lo, hi } = gapEnds(p, codes);
            if (lo) expect(lo.lt(t)).toBe(true);
            if (hi) expect(t.lt(hi)).toBe(true);
          }
        });
        const A = matrixAt(codes, type, knots);
        expect(x.some((v) => !v.isZero())).toBe(true);
        for (const row of A) expect(row.reduce((s, a, j) => s.add(a.mul(x[j] as Q)), Q.ZERO).isZero()).toBe(true);
      }),
      { ...fcParams(300), maxSkipsPerRun: 1000 },
    );
  });

  it('the classes depend on the order of the codes only (random codes, n <= 4, every type)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(fc.constant(n), codesArb(n))),
        ([n, codes]) => {
          expect(allClasses(codes, n)).toEqual(allClasses(linearCodes(n, 'drop'), n));
        },
      ),
      fcParams(12),
    );
  });
});
