/**
 * lemma-scaling (deck, "Set of solutions"):
 *   if (W2, b2, W3) is a solution, so is (D W2, b2 D, W3 D^{-1}) for every
 *   positive diagonal D.
 *
 * ReLU(d u) = d ReLU(u) for d > 0, so A2 becomes A2 D and U3 = A2 D D^{-1} W3^T
 * is unchanged. For d < 0, ReLU(d u) = |d| ReLU(-u): the neuron turns around
 * and the identity fails; for d = 0, D^{-1} does not exist, and the natural
 * extension W3 D^+ kills the neuron, leaving rank A2 < n.
 */
import { buildDecoder, linearEncoder, randomEncoder, verifyConstruction } from '../construct/decoder.js';
import { scaleSolution, scaleSolutionPseudo } from '../construct/families.js';
import { equals } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, forward } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import type { Rng } from '../random.js';
import { reading, recheck, trials, upTo, vecText, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

function reproduces(w: AutoencoderWeights, n: number, C: Q): boolean {
  const X = stepMatrix(n, C);
  return equals(forward(w, X).Y, X);
}

function positive(rng: Rng): Q {
  return Q.of(BigInt(rng.int(1, 9)), BigInt(rng.int(1, 9)));
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  let positiveOk = 0;
  let negativeFail = 0;
  let negativeTried = 0;
  let zeroFail = 0;
  let smallestNegative: unknown = null;
  let smallestZero: unknown = null;
  for (const { t, n, rng } of trials(o)) {
    const encoder = t % 2 === 0 ? linearEncoder(n, C) : randomEncoder(n, rng);
    const r = buildDecoder({ n, C, encoder });
    if (!r.ok) continue; // equal codes: no base solution
    const base = r.construction.weights;
    recheck(verifyConstruction(r.construction).signals, 'base solution');
    const full = reproduces(base, n, C);
    // Positive D: must remain a solution (on the same rows as the base).
    const d = upTo(n).map(() => positive(rng));
    const scaled = scaleSolution(base, d);
    const X = stepMatrix(n, C);
    const Y = forward(scaled, X).Y;
    recheck(
      equals(Y.slice(0, n), X.slice(0, n)) && (!full || equals(Y, X)),
      `positive D keeps the solution (n = ${n})`,
    );
    positiveOk++;
    // One negative entry.
    const dn = d.slice();
    const j = rng.int(0, n - 1);
    dn[j] = (dn[j] as Q).neg();
    const neg = scaleSolution(base, dn);
    negativeTried++;
    if (!reproduces(neg, n, C)) {
      negativeFail++;
      if (smallestNegative === null || n < (smallestNegative as { n: number }).n) {
        smallestNegative = { n, D: dn, weights: base, scaled: neg, Y: forward(neg, X).Y };
      }
    }
    // One zero entry, with W3 D^+.
    const dz = d.slice();
    dz[j] = Q.ZERO;
    const zeroed = scaleSolutionPseudo(base, dz);
    recheck(!equals(forward(zeroed, X).Y.slice(0, n), X.slice(0, n)), `a dead neuron breaks the solution (n = ${n})`);
    zeroFail++;
    if (smallestZero === null || n < (smallestZero as { n: number }).n)
      smallestZero = { n, D: dz, Y: forward(zeroed, X).Y };
  }
  const neg = smallestNegative as { n: number; D: Q[] } | null;
  return verdictFrom(
    o,
    ['positive D'],
    {
      summary: `${positiveOk} random positive D keep the solution exactly (n = 1..${nMax}); a negative entry broke ${negativeFail} of ${negativeTried}, a zero entry all ${zeroFail}`,
      readings: [
        reading(
          'positive D',
          'positive diagonal D maps solutions to solutions',
          'holds',
          'ReLU(d u) = d ReLU(u) for d > 0; exact forward pass on every instance',
        ),
        reading(
          'nonzero D',
          'any invertible diagonal D maps solutions to solutions',
          negativeFail > 0 ? 'refuted' : 'inconclusive',
          neg ? `D = ${vecText(neg.D)} at n = ${neg.n} gives Y != X (the neuron turns around)` : 'no failure found',
        ),
        reading(
          'D with a zero',
          'D singular, with W3 D^+',
          'refuted',
          'D^-1 does not exist; W3 D^+ silences a neuron, so rank A2 < n and Y != X (every instance)',
        ),
      ],
      sections: [],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    {
      certificate: { positiveInstances: positiveOk },
      counterexample: { negative: smallestNegative, zero: smallestZero },
    },
  );
}

export const lemmaScaling = defineClaim({
  id: 'lemma-scaling',
  slide: 'Set of solutions (lemma)',
  gist: '(D W2, D b2, W3 D^-1) is a solution for every positive diagonal D.',
  statement:
    'If $(W^{[2]}, \\mathbf{b}^{[2]}, W^{[3]})$ is a solution for a decoder with a perfect reconstruction, then for all positive diagonal matrices $D$, $(DW^{[2]}, \\mathbf{b}^{[2]}D, W^{[3]}D^{-1})$ is also a solution.',
  reading:
    'W2 -> D W2, b2 -> D b2, W3 -> W3 D^-1 (nn.Linear shapes) preserves Y = X for positive diagonal D; and what breaks when D has a negative or zero entry.',
  method:
    'Exact base solutions (linear and seeded random encoders), random positive D, then one entry made negative or zero; every image re-verified by the exact forward pass.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
