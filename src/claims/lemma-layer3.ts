/**
 * lemma-layer3 (deck, "Layer 3"):
 *   Y = X is achieved only if U^{[3]} is a full-rank matrix of form (1),
 *   U_ij = C for j >= i and U_ij <= 0 for j < i.
 *
 * (a) ReLU(U) = X iff U has form (1), entry by entry, since C > 0.
 * (b) det of the top n x n block of a form-(1) matrix, as a polynomial in C
 *     and the free entries u_ij (i > j), equals C * prod_{i=2..n} (C - u_{i,i-1}).
 *     Subtracting row i+1 from row i makes the block lower triangular with
 *     diagonal C - u_{i+1,i} (i < n) and C; with C > 0 and u <= 0 every factor
 *     is >= C, so det >= C^n > 0 and rank U = n.
 * (c) Hence "full rank" is implied by the form: the lemma's extra condition is redundant.
 */
import { fastRankQ } from '../kernel/fastrank.js';
import { det, equals, type Mat, submatrix } from '../kernel/matrix.js';
import { Poly, polyDet } from '../kernel/poly.js';
import { Q } from '../kernel/rational.js';
import { relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { formOne, isFormOne } from '../construct/decoder.js';
import { reading, recheck, upTo, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

const uName = (i: number, j: number) => `u${i + 1}_${j + 1}`;

/** The symbolic top block of a form-(1) matrix: entries C (variable) and u_ij below the diagonal. */
export function symbolicFormOne(n: number): Poly[][] {
  const C = Poly.variable('C');
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (j >= i ? C : Poly.variable(uName(i, j)))),
  );
}

/** The claimed closed form C * prod_{i=2..n} (C - u_{i,i-1}). */
export function closedFormDet(n: number): Poly {
  const C = Poly.variable('C');
  let p = C;
  for (let i = 1; i < n; i++) p = p.mul(C.sub(Poly.variable(uName(i, i - 1))));
  return p;
}

/** Draws a U of form (1) or a near miss (one entry perturbed), for the (a) property. */
function randomNearFormOne(n: number, C: Q, rng: Rng): Mat {
  const pool = [C, Q.ZERO, Q.int(-1), Q.of(-1n, 3n), C.add(Q.ONE), Q.of(1n, 2n), C.neg()];
  const U = formOne(n, C, () => pool[rng.int(1, 3)] as Q); // 0, -1, -1/3
  if (rng.next() < 0.6) {
    const i = rng.int(0, n);
    const j = rng.int(0, n - 1);
    (U[i] as Q[])[j] = pool[rng.int(0, pool.length - 1)] as Q;
  }
  return U;
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const rng = new Rng(o.seed);
  const rows: string[][] = [];
  for (const n of upTo(nMax)) {
    const d = polyDet(symbolicFormOne(n));
    const closed = closedFormDet(n);
    const same = d.equals(closed);
    const allowed = new Set(['C', ...upTo(n - 1).map((i) => uName(i, i - 1))]);
    const subdiagonalOnly = d.variables().every((v) => allowed.has(v));
    recheck(subdiagonalOnly, `the determinant involves only C and subdiagonal entries, n = ${n}`);
    // Independent numeric re-check at a random point: Bareiss det vs the closed form.
    const U = formOne(n, C, () => Q.of(-BigInt(rng.int(0, 9)), BigInt(rng.int(1, 5))));
    const top = submatrix(
      U,
      upTo(n).map((i) => i - 1),
      upTo(n).map((i) => i - 1),
    );
    const values = new Map<string, Q>([['C', C]]);
    for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) values.set(uName(i, j), (U[i] as Q[])[j] as Q);
    recheck(det(top).equals(closed.eval(values)), `closed form at a random point, n = ${n}`);
    recheck(fastRankQ(U) === n, `rank of a random form-(1) matrix, n = ${n}`);
    rows.push([
      String(n),
      String(d.size()),
      d.toString().length > 80 ? `${d.toString().slice(0, 77)}...` : d.toString(),
      same ? 'yes' : 'NO',
    ]);
    if (!same) {
      return verdictFrom(
        o,
        ['b'],
        {
          summary: `the determinant of form (1) is not C*prod(C - u_{i+1,i}) at n = ${n}`,
          readings: [reading('b', 'every U of form (1) has rank n', 'inconclusive', 'closed form failed')],
          sections: [],
          scope: { kind: 'exhaustive', checked: [1, n] },
        },
        { reason: `symbolic determinant ${d} differs from the closed form` },
      );
    }
  }

  // (a) ReLU(U) = X iff form (1): random near-misses, beyond nMax too.
  let agreeA = 0;
  let formCount = 0;
  const runs = Math.max(o.runs, 1);
  for (let t = 0; t < runs; t++) {
    const n = rng.int(1, nMax + 4);
    const U = randomNearFormOne(n, C, rng);
    const X = stepMatrix(n, C);
    const reproduces = equals(
      U.map((r) => r.map(relu)),
      X,
    );
    const form = isFormOne(U, C);
    if (form) formCount++;
    recheck(reproduces === form, `ReLU(U) = X iff form (1) on a random ${n}x${n} instance`);
    agreeA++;
  }

  // Beyond nMax: random form-(1) matrices of size up to nMax + 8 have rank n and the closed-form det.
  let beyond = 0;
  for (let t = 0; t < runs; t++) {
    const n = rng.int(nMax + 1, nMax + 8);
    const U = formOne(n, C, () => Q.of(-BigInt(rng.int(0, 20)), BigInt(rng.int(1, 7))));
    const idx = upTo(n).map((i) => i - 1);
    let expected = C;
    for (let i = 1; i < n; i++) expected = expected.mul(C.sub((U[i] as Q[])[i - 1] as Q));
    recheck(det(submatrix(U, idx, idx)).equals(expected), `closed-form det beyond nMax, n = ${n}`);
    recheck(fastRankQ(U) === n, `rank beyond nMax, n = ${n}`);
    beyond++;
  }

  return verdictFrom(
    o,
    ['a', 'b'],
    {
      summary: `ReLU(U) = X iff U has form (1), and det of its top block = C*prod(C - u_{i+1,i}) >= C^n > 0, so full rank is implied (n = 1..${nMax})`,
      readings: [
        reading(
          'a',
          'ReLU(U) = X(n, C) iff U has form (1)',
          'holds',
          `entrywise: ReLU(u) = C > 0 iff u = C, ReLU(u) = 0 iff u <= 0; ${agreeA} random instances agree (${formCount} of form (1))`,
        ),
        reading(
          'b',
          'every U of form (1) has rank n',
          'holds',
          `symbolic det of the top n x n block = C*prod_{i=2..n}(C - u_{i,i-1}), exact for n = 1..${nMax}; each factor >= C > 0`,
        ),
        reading(
          'c',
          '"full rank" is a consequence of form (1), not an extra condition',
          'holds',
          'by (b): the lemma may drop "full rank"; it adds nothing',
        ),
      ],
      sections: [
        {
          title: 'Symbolic determinant of the top n x n block of form (1) (variables C, u_ij for i > j)',
          table: { header: ['n', 'terms', 'det', 'equals C*prod(C - u_{i,i-1})'], rows },
        },
        {
          title: 'Why',
          lines: [
            'Row i minus row i+1 (i < n) is zero right of the diagonal and has C - u_{i+1,i} on it; the last row ends in C.',
            'So det = C * prod_{i=1..n-1} (C - u_{i+1,i}): only the subdiagonal matters, and it is >= C^n > 0 when u <= 0.',
            `Random checks beyond n-max: ${beyond} form-(1) matrices with n in ${nMax + 1}..${nMax + 8}, exact det and rank.`,
          ],
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    {
      certificate: {
        determinant: 'C*prod_{i=2..n}(C - u_{i,i-1})',
        checkedSymbolicallyUpTo: nMax,
        randomBeyond: beyond,
      },
    },
  );
}

export const lemmaLayer3 = defineClaim({
  id: 'lemma-layer3',
  slide: 'Layer 3',
  gist: 'Y = X only if U3 is a full-rank matrix of form (1).',
  statement:
    'A perfect reconstruction $Y = X$ is achieved only if $U^{[3]}$ is a full-rank matrix of form (1): $U_{ij} = C$ for $j \\ge i$, $U_{ij} \\le 0$ for $j < i$.',
  reading:
    '(a) ReLU(U) = X iff U has form (1); (b) every U of form (1) has rank n; (c) whether "full rank" adds anything to the form.',
  method:
    'Entrywise equivalence for (a), checked on random near-miss instances; for (b) the exact symbolic determinant of the top n x n block as a polynomial in C and the free entries, compared with the closed form C*prod(C - u_{i+1,i}), for every n <= n-max, plus exact determinants and ranks of random instances beyond n-max.',
  defaultNMax: 8,
  maxNMax: 16,
  options: {},
  check,
});
