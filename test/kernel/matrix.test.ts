import fc from 'fast-check';
import Fraction from 'fraction.js';
import { all, create, type FactoryFunctionMap } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { checkRankCertificate, gaussDet, gaussRank, isKernelVector } from '../../src/kernel/certificate.js';
import { fastRankQ, fastRankWithPath, PRIME, rankModP } from '../../src/kernel/fastrank.js';
import {
  det,
  equals,
  identity,
  inverse,
  kernel,
  type Mat,
  matrix,
  mul,
  rank,
  rankCertificate,
  solve,
  transpose,
} from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { dependentMatrix, intMatrix, matrixOf, modPTrapMatrix, smallQ } from '../helpers/arbitraries.js';
import { fcParams } from '../helpers/seed.js';

const math = create(all as FactoryFunctionMap, { number: 'Fraction' });

/** Cofactor expansion along the first row: the textbook definition, slow and obviously right. */
function cofactorDet(a: Mat): Q {
  const n = a.length;
  if (n === 0) return Q.ONE;
  let s = Q.ZERO;
  for (let j = 0; j < n; j++) {
    const minor = a.slice(1).map((r) => r.filter((_, c) => c !== j));
    const term = a[0]![j]!.mul(cofactorDet(minor));
    s = j % 2 === 0 ? s.add(term) : s.sub(term);
  }
  return s;
}

const squareQ = (maxN: number) =>
  fc.integer({ min: 1, max: maxN }).chain((n) => fc.oneof(matrixOf(n, n, smallQ()), dependentMatrix(n, n)));

describe('determinant', () => {
  // Hand-checked: det [[1,2],[3,4]] = 4 - 6 = -2; det of the 3x3 step block = 1
  // (upper triangular with unit diagonal); det [[1/2, 1/3],[1/4, 1/5]] = 1/10 - 1/12 = 1/60.
  it.each([
    [
      [
        [1, 2],
        [3, 4],
      ],
      '-2',
    ],
    [
      [
        [1, 1, 1],
        [0, 1, 1],
        [0, 0, 1],
      ],
      '1',
    ],
    [
      [
        ['1/2', '1/3'],
        ['1/4', '1/5'],
      ],
      '1/60',
    ],
    [
      [
        [0, 1],
        [1, 0],
      ],
      '-1',
    ], // one row swap
    [
      [
        [2, 4],
        [1, 2],
      ],
      '0',
    ],
  ])('det %j = %s', (rowsIn, expected) => {
    expect(det(matrix(rowsIn)).toString()).toBe(expected);
  });

  it('equals cofactor expansion (n <= 6)', () => {
    fc.assert(
      fc.property(squareQ(6), (a) => {
        expect(det(a).equals(cofactorDet(a))).toBe(true);
      }),
      fcParams(60),
    );
  });

  it("equals mathjs's Fraction determinant", () => {
    fc.assert(
      fc.property(squareQ(6), (a) => {
        const fm = a.map((r) => r.map((x) => new Fraction(x.num, x.den)));
        const d = math.det(math.matrix(fm)) as unknown as Fraction;
        const theirs = Q.of(BigInt(d.s) * BigInt(d.n), BigInt(d.d));
        expect(det(a).equals(theirs)).toBe(true);
      }),
      fcParams(60),
    );
  });

  it('is multiplicative: det(AB) = det(A) det(B)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(matrixOf(n, n, smallQ()), matrixOf(n, n, smallQ()))),
        ([a, b]) => {
          expect(det(mul(a, b)).equals(det(a).mul(det(b)))).toBe(true);
        },
      ),
      fcParams(),
    );
  });

  it('agrees with the independent Gaussian determinant', () => {
    fc.assert(
      fc.property(squareQ(7), (a) => {
        expect(det(a).equals(gaussDet(a))).toBe(true);
      }),
      fcParams(),
    );
  });
});

const anyShape = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }))
  .chain(([m, n]) => fc.oneof(matrixOf(m, n, smallQ()), dependentMatrix(m, n), intMatrix(m, n, 1)));

describe('rank, kernel, inverse, solve', () => {
  it('rank–nullity, and every kernel vector satisfies A v = 0 exactly', () => {
    fc.assert(
      fc.property(anyShape, (a) => {
        const ker = kernel(a);
        expect(rank(a) + ker.length).toBe(a[0]!.length);
        for (const v of ker) expect(isKernelVector(a, v)).toBe(true);
        expect(rank(a)).toBe(gaussRank(a));
        expect(rank(transpose(a))).toBe(rank(a));
      }),
      fcParams(),
    );
  });

  it('rank certificates re-check, and a tampered one does not', () => {
    fc.assert(
      fc.property(anyShape, (a) => {
        const cert = rankCertificate(a);
        expect(checkRankCertificate(a, cert)).toEqual({ ok: true });
        const wrong = { ...cert, minor: { ...cert.minor, value: cert.minor.value.add(Q.ONE) } };
        expect(checkRankCertificate(a, wrong).ok).toBe(false);
        if (cert.kernel.length > 0) {
          const v = cert.kernel[0]!.map((x, j) => (j === 0 ? x.add(Q.ONE) : x));
          const bad = { ...cert, kernel: [v, ...cert.kernel.slice(1)] };
          // v = k + e_1 is in the kernel only if column 1 of A is zero.
          expect(checkRankCertificate(a, bad).ok).toBe(a.every((r) => r[0]!.isZero()));
        }
      }),
      fcParams(),
    );
  });

  it('A · inv(A) = I and solve(A, B) satisfies A X = B', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(matrixOf(n, n, smallQ()), matrixOf(n, 2, smallQ()))),
        ([a, b]) => {
          fc.pre(!det(a).isZero());
          const n = a.length;
          expect(equals(mul(a, inverse(a)), identity(n))).toBe(true);
          expect(equals(mul(inverse(a), a), identity(n))).toBe(true);
          expect(equals(mul(a, solve(a, b)), b)).toBe(true);
        },
      ),
      fcParams(),
    );
  });

  it('inverse and solve refuse a singular matrix', () => {
    const s = matrix([
      [1, 2],
      [2, 4],
    ]);
    expect(() => inverse(s)).toThrow(/singular/);
    expect(() => solve(s, matrix([[1], [1]]))).toThrow(/singular/);
  });
});

function toF64(a: Mat): Float64Array {
  return Float64Array.from(a.flat().map((x) => Number(x.num)));
}

describe('fast rank path', () => {
  it('equals the exact rank on random integer matrices', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }))
          .chain(([m, n]) => fc.oneof(intMatrix(m, n, 3), intMatrix(m, n, 1))),
        (a) => {
          const m = a.length;
          const n = a[0]!.length;
          expect(fastRankWithPath(toF64(a), m, n, new Float64Array(m * n)).rank).toBe(rank(a));
        },
      ),
      fcParams(300),
    );
  });

  it('equals the exact rank on rational and dependent matrices', () => {
    fc.assert(
      fc.property(anyShape, (a) => {
        expect(fastRankQ(a)).toBe(rank(a));
      }),
      fcParams(300),
    );
  });

  it('falls back when entries vanish mod p, and stays exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) => modPTrapMatrix(n)),
        (a) => {
          const n = a.length;
          const r = fastRankWithPath(toF64(a), n, n, new Float64Array(n * n));
          expect(r.rank).toBe(rank(a));
        },
      ),
      fcParams(200),
    );
  });

  it('mod p rank is a lower bound that a multiple of p defeats', () => {
    // diag(p, 1) has rank 2 over Q but rank 1 mod p: the fast path must not trust it.
    const a = Float64Array.from([PRIME, 0, 0, 1]);
    expect(rankModP(a, 2, 2, new Float64Array(4))).toBe(1);
    // Entries this large fail the float bound (2 H^2 >= 2^53), so the mod-p path runs, then BigInt.
    const big = Float64Array.from([PRIME * 1e3 + 2, 0, 0, PRIME * 1e3 + 1]);
    expect(fastRankWithPath(big, 2, 2, new Float64Array(4))).toEqual({ rank: 2, path: 'modp' });
    const trap = Float64Array.from([PRIME * 1e3, 0, 0, 1e9]);
    expect(fastRankWithPath(trap, 2, 2, new Float64Array(4))).toEqual({ rank: 2, path: 'bigint' });
  });

  it('PRIME is prime and below 2^26', () => {
    expect(PRIME < 2 ** 26).toBe(true);
    for (let d = 2; d * d <= PRIME; d++) expect(PRIME % d).not.toBe(0);
  });
});
