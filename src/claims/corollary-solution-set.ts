/**
 * corollary-solution-set (deck, "Set of solutions", Corollary):
 *   for each fixed (k, U3), infinitely many solutions are described by
 *   W2 = W3^{-1} W2*, b2 = b2* W3^{-1 T}, with W2* (n x 1) and b2* constant.
 *
 * Reading: W2* = W3 W2 and b2* = W3 b2 are invariants of a solution (n2 = n).
 * Along the lemma-scaling family W3 = W3_0 D^{-1}, W2 = D W2_0, b2 = D b2_0
 * (D positive diagonal) they are constant, and W3^{-1} W2* = D W2_0: the
 * corollary's family IS the lemma-scaling family, infinite since D is.
 * It is not every invertible W3 (W3 = -W3_0 turns every neuron around), and
 * it is not every solution with the same (k, U3): turning some neurons around
 * (W2_j, b2_j -> -W2_j, -b2_j keeps k_j) can give another invertible A2, hence
 * another solution, outside the family.
 */
import { buildDecoder, linearEncoder } from '../construct/decoder.js';
import { corollaryInvariants, corollaryMember, scaleSolution } from '../construct/families.js';
import { equals, type Mat, solve, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, forward, layer2 } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Rng } from '../random.js';
import { reading, recheck, upTo, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** Whether the weights reproduce X on signals 1..n (the corollary drops the zero signal). */
function solvesSignals(w: AutoencoderWeights, n: number, C: Q): boolean {
  const X = stepMatrix(n, C);
  return equals(forward(w, X).Y.slice(0, n), X.slice(0, n));
}

/**
 * Direction patterns: for each s in {+1,-1}^n, neurons with s_j = -1 turned
 * around (same k), W3 re-solved from the same U3; the patterns that give a
 * solution.
 */
function directionPatterns(
  base: AutoencoderWeights,
  n: number,
  C: Q,
): { admissible: number; example?: AutoencoderWeights } {
  const X = stepMatrix(n, C);
  const codes = forward(base, X).z;
  const U3 = forward(base, X).U3.slice(0, n);
  let admissible = 0;
  let example: AutoencoderWeights | undefined;
  for (let mask = 0; mask < 1 << n; mask++) {
    const sign = (j: number) => (mask & (1 << j) ? Q.MINUS_ONE : Q.ONE);
    const W2: Mat = base.W2.map((r, j) => [(r[0] as Q).mul(sign(j))]);
    const b2 = base.b2.map((b, j) => b.mul(sign(j)));
    const A2 = layer2(codes, W2, b2).slice(0, n);
    let W3T: Mat;
    try {
      W3T = solve(A2, U3);
    } catch {
      continue;
    }
    const w = { ...base, W2, b2, W3: transpose(W3T) };
    if (!solvesSignals(w, n, C)) continue;
    admissible++;
    if (mask !== 0 && example === undefined) example = w;
  }
  return { admissible, example };
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const rng = new Rng(o.seed);
  const rows: string[][] = [];
  let familyChecks = 0;
  let converse: unknown = null;
  let outside: unknown = null;
  for (const n of upTo(nMax)) {
    const r = buildDecoder({ n, C, encoder: linearEncoder(n, C) });
    recheck(r.ok, `base solution, n = ${n}`);
    if (!r.ok) continue;
    const base = r.construction.weights;
    const inv0 = corollaryInvariants(base);
    for (let t = 0; t < Math.max(2, Math.ceil(o.runs / nMax)); t++) {
      const d = upTo(n).map(() => Q.of(BigInt(rng.int(1, 9)), BigInt(rng.int(1, 9))));
      const scaled = scaleSolution(base, d);
      const inv = corollaryInvariants(scaled);
      recheck(equals(inv.W2star, inv0.W2star) && equals([inv.b2star], [inv0.b2star]), 'invariants along the family');
      const member = corollaryMember(scaled.W3, inv0.W2star, inv0.b2star);
      recheck(
        equals(member.W2, scaled.W2) && equals([member.b2], [scaled.b2]),
        "the corollary's formula gives D W2, D b2",
      );
      recheck(solvesSignals({ ...base, ...member }, n, C), 'a family member is a solution');
      familyChecks++;
    }
    // Converse: an invertible W3 outside the family (W3 = -W3_0).
    const W3neg = base.W3.map((row) => row.map((x) => x.neg()));
    const m = corollaryMember(W3neg, inv0.W2star, inv0.b2star);
    const conv = solvesSignals({ ...base, ...m }, n, C);
    if (!conv && converse === null) converse = { n, W3: W3neg, W2: m.W2, b2: m.b2, solves: false };
    const pats = directionPatterns(base, n, C);
    if (pats.example && outside === null) outside = { n, weights: pats.example };
    rows.push([String(n), String(1 << n), String(pats.admissible), conv ? 'yes' : 'no']);
  }
  return verdictFrom(
    o,
    ['family', 'infinitely many'],
    {
      summary: `the formulas describe exactly the lemma-scaling family (${familyChecks} exact checks, n = 1..${nMax}); not every W3, and not every solution with the same (k, U3)`,
      readings: [
        reading(
          'family',
          'W3 = W3_0 D^-1 (D > 0) gives W2 = W3^-1 W2*, b2 = W3^-1 b2* and a solution',
          'holds',
          'W2* = W3 W2 and b2* = W3 b2 are invariant; W3^-1 W2* = D W2_0',
        ),
        reading('infinitely many', 'the set is infinite', 'holds', 'one solution per positive diagonal D'),
        reading(
          'every W3',
          'every invertible W3 gives a solution through the formulas',
          converse ? 'refuted' : 'holds',
          converse ? 'W3 = -W3_0 turns every neuron around: Y != X (from n = 1)' : 'no failure',
        ),
        reading(
          'complete',
          'these are all solutions with the given (k, U3)',
          outside ? 'refuted' : 'holds',
          outside
            ? 'turning neurons around keeps k; several direction patterns give solutions (table)'
            : `only the base direction pattern is admissible for n <= ${nMax}`,
        ),
        reading(
          'same as lemma-scaling',
          'the corollary adds nothing beyond lemma-scaling',
          'holds',
          'the two families coincide for n2 = n',
        ),
      ],
      sections: [
        {
          title: 'Direction patterns with the same k and U3 (z = i, knots j + 1/2) that give solutions',
          table: { header: ['n', 'patterns', 'admissible', 'formula with W3 = -W3_0 solves'], rows },
        },
        {
          title: 'Why',
          lines: [
            'Turning neuron j around (W2_j, b2_j -> -W2_j, -b2_j) keeps k_j but changes its column of A2 from ReLU(t_j - z) to ReLU(z - t_j);',
            'whenever A2 stays invertible on the signals, W3 = (A2^-1 U3)^T is another exact solution with the same (k, U3), and it is not a positive rescaling of the base.',
            "Only D > 0 keeps each column's direction, so the corollary's equations describe one direction pattern: the lemma-scaling family of that pattern.",
          ],
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { certificate: { familyChecks }, counterexample: { converse, outside } },
  );
}

export const corollarySolutionSet = defineClaim({
  id: 'corollary-solution-set',
  slide: 'Set of solutions (Corollary)',
  gist: 'For fixed (k, U3), W2 = W3^-1 W2* and b2 = W3^-1 b2* describe infinitely many solutions.',
  statement:
    'For each fixed couple $(\\mathbf{k}, U^{[3]}) \\in \\mathcal{K} \\times \\mathcal{U}$ there exists a set of infinitely many solutions described by $W^{[2]} = W^{[3]-1} W^{[2]*}$, $\\mathbf{b}^{[2]} = \\mathbf{b}^{[2]*} W^{[3]-1T}$.',
  reading:
    'n2 = n, zero signal dropped. W2* = W3 W2 and b2* = W3 b2 are constants; the family is the set of (W3^-1 W2*, W3^-1 b2*, W3) that are solutions. Is it infinite, is it the lemma-scaling family, is it every W3, is it every solution with (k, U3)?',
  method:
    'Exact invariants along random positive-D images of the base solution; the formula applied to W3 = -W3_0; exhaustive enumeration of the 2^n direction patterns with the same knots, W3 re-solved, each verified by the exact forward pass.',
  defaultNMax: 6,
  maxNMax: 14,
  options: {},
  check,
});
