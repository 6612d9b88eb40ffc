/**
 * formula-sherman-morrison (deck, "Set of solutions"):
 *   W3^T = (I - W3+^T U3^{-1} Delta / (1 + tr(Delta W3+^T U3^{-1}))) W3+^T.
 *
 * Setting: W3+^T = A2^{-1} U3 is the solution before A2 changes to A2 + Delta,
 * so W3+^T U3^{-1} = A2^{-1}, and the formula is Sherman–Morrison,
 * (A + Delta)^{-1} = A^{-1} - A^{-1} Delta A^{-1} / (1 + tr(Delta A^{-1})),
 * valid for rank(Delta) = 1 (Delta = u v^T, tr(Delta A^{-1}) = v^T A^{-1} u).
 * By the matrix determinant lemma det(A + Delta) = det(A) (1 + tr(Delta A^{-1})),
 * so the denominator vanishes exactly when A2 + Delta is singular. Changing
 * one neuron changes one column of A2: a rank-one Delta.
 */
import { buildDecoder, linearEncoder, randomFormOne } from '../construct/decoder.js';
import { columnChange, freshSolve, shermanMorrisonUpdate } from '../construct/families.js';
import { det, equals, type Mat, rank, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { layer2 } from '../model/network.js';
import { reading, recheck, trials, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  let agree = 0;
  let singular = 0;
  let rankTwoFail = 0;
  let rankTwoTried = 0;
  let zeroDenominator: unknown = null;
  let rankTwo: unknown = null;
  for (const { n, rng } of trials(o)) {
    const U3full = randomFormOne(n, C, rng);
    const r = buildDecoder({ n, C, encoder: linearEncoder(n, C), U3: U3full });
    if (!r.ok) continue;
    const c = r.construction;
    const A2 = c.A2.slice(0, n);
    const U3 = U3full.slice(0, n);
    const W3plusT = transpose(c.weights.W3);
    // Change one neuron: a new knot (sometimes on a code point) or a new weight.
    const j = rng.int(0, n - 1);
    const w = (c.weights.W2[j] as Q[])[0] as Q;
    const newKnot = rng.next() < 0.3 ? Q.int(rng.int(0, n + 1)) : Q.of(BigInt(rng.int(0, 4 * (n + 1))), 4n);
    const newW = rng.next() < 0.5 ? w : w.mul(Q.of(BigInt(rng.int(1, 5)), BigInt(rng.int(1, 5))));
    const newColumn = layer2(c.codes.slice(0, n), [[newW]], [newW.neg().mul(newKnot)]).map((row) => row[0] as Q);
    const delta = columnChange(A2, j, newColumn);
    const upd = shermanMorrisonUpdate(W3plusT, U3, delta);
    const fresh = freshSolve(A2, delta, U3);
    if (upd.ok) {
      recheck(fresh !== undefined && equals(upd.W3T, fresh), `rank-one update equals a fresh solve (n = ${n})`);
      agree++;
    } else {
      // Zero denominator must mean A2 + Delta is singular (matrix determinant lemma).
      recheck(fresh === undefined, 'zero denominator only when A2 + Delta is singular');
      singular++;
      if (zeroDenominator === null || n < (zeroDenominator as { n: number }).n) {
        zeroDenominator = { n, A2, delta, neuron: j + 1, newKnot, newWeight: newW };
      }
    }
    // A rank-two change: two columns at once.
    if (n >= 2) {
      const k = (j + 1) % n;
      const d2: Mat = delta.map((row, i) =>
        row.map((x, col) => (col === k ? Q.of(BigInt(rng.int(-3, 3)), 2n).add(i === col ? Q.ONE : Q.ZERO) : x)),
      );
      if (rank(d2) === 2) {
        const u2 = shermanMorrisonUpdate(W3plusT, U3, d2);
        const f2 = freshSolve(A2, d2, U3);
        if (f2 !== undefined) {
          rankTwoTried++;
          if (!u2.ok || !equals(u2.W3T, f2)) {
            rankTwoFail++;
            if (rankTwo === null || n < (rankTwo as { n: number }).n)
              rankTwo = { n, A2, delta: d2, U3, formula: u2.ok ? u2.W3T : u2.reason, fresh: f2 };
          }
        }
      }
    }
  }
  // A guaranteed zero-denominator case: n = 1, A2 = [a], Delta = [-a].
  const n1 = buildDecoder({ n: 1, C, encoder: linearEncoder(1, C) });
  if (n1.ok) {
    const A = n1.construction.A2.slice(0, 1);
    const d = [[(A[0] as Q[])[0]!.neg()]];
    const u = shermanMorrisonUpdate(transpose(n1.construction.weights.W3), [[C]], d);
    recheck(
      !u.ok && det(A.map((r, i) => r.map((x, jj) => x.add((d[i] as Q[])[jj] as Q)))).isZero(),
      'killing the only neuron',
    );
    zeroDenominator ??= { n: 1, A2: A, delta: d, note: 'the only neuron is silenced: A2 + Delta = 0' };
  }
  return verdictFrom(
    o,
    ['rank-one'],
    {
      summary: `exact for rank-one Delta (${agree} neuron changes equal a fresh solve; ${singular} zero denominators, each with A2 + Delta singular); fails for rank-two Delta (${rankTwoFail} of ${rankTwoTried})`,
      readings: [
        reading(
          'rank-one',
          'W3+ = previous solution, Delta = rank-one change of A2 (one neuron), denominator != 0',
          'holds',
          `Sherman–Morrison with A2^-1 = W3+^T U3^-1; ${agree} exact agreements with (A2 + Delta)^-1 U3`,
        ),
        reading(
          'zero denominator',
          '1 + tr(Delta W3+^T U3^-1) = 0 iff A2 + Delta is singular',
          'holds',
          `matrix determinant lemma; ${singular} random cases plus n = 1 with the neuron silenced`,
        ),
        reading(
          'any Delta',
          'the formula holds for a change of any rank',
          rankTwoFail > 0 ? 'refuted' : 'inconclusive',
          rankTwoFail > 0 ? 'rank-two changes disagree with a fresh solve' : 'no rank-two case drawn',
        ),
      ],
      sections: [],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { certificate: { agreements: agree, zeroDenominator }, counterexample: { rankTwo } },
  );
}

export const formulaShermanMorrison = defineClaim({
  id: 'formula-sherman-morrison',
  slide: 'Set of solutions (update of W3)',
  gist: 'A rank-one change of A2 updates W3^T by the Sherman-Morrison formula.',
  statement:
    '$W^{[3]T} = \\left(I - \\frac{1}{1 + \\mathrm{trace}(\\Delta W^{[3]+T} U^{[3]-1})} W^{[3]+T} U^{[3]-1} \\Delta\\right) W^{[3]+T}$',
  reading:
    'W3+ is the solution before A2 changes by Delta (W3+^T = A2^-1 U3, zero signal dropped); the formula gives (A2 + Delta)^-1 U3. Checked for rank-one Delta (one neuron changed), the zero-denominator case, and rank-two Delta.',
  method:
    'Random exact solutions with random U3 of form (1); one neuron gets a new knot (sometimes on a code point) or weight; the formula is compared exactly with a fresh solve; rank-two changes for contrast.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
