/**
 * construct-linear (deck, "Handcrafted Solution - Linear Encoder"):
 *   z(i) = i; W2, b2 make A2 full rank; U3 any matrix of form (1);
 *   W3^T = A2^{-1} U3 (zero signal omitted).
 *
 * Built exactly for every n <= n-max with the default U3 (= X) and with
 * random U3 of form (1); each is verified by the exact forward pass on all
 * n+1 signals. The knots t_j = j + 1/2 (decreasing columns ReLU(t_j - z))
 * make A2 upper triangular on signals 1..n and zero on the zero signal, so
 * the zero signal is reconstructed too.
 */
import { buildDecoder, linearEncoder, randomFormOne, verifyConstruction } from '../construct/decoder.js';
import { Rng } from '../random.js';
import { matText, reading, recheck, upTo, vecText, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const rng = new Rng(o.seed);
  const rows: string[][] = [];
  let randomOk = 0;
  let example: unknown = null;
  for (const n of upTo(nMax)) {
    const r = buildDecoder({ n, C, encoder: linearEncoder(n, C) });
    recheck(r.ok, `linear construction, n = ${n}`);
    if (!r.ok) continue;
    const v = verifyConstruction(r.construction);
    recheck(v.signals && v.zeroSignal, `Y = X on all n+1 signals, n = ${n}`);
    if (n === Math.min(4, nMax)) example = { n, weights: r.construction.weights, A2: r.construction.A2 };
    for (let t = 0; t < Math.max(1, Math.ceil(o.runs / nMax)); t++) {
      const U3 = randomFormOne(n, C, rng);
      const rr = buildDecoder({ n, C, encoder: linearEncoder(n, C), U3 });
      recheck(rr.ok, `construction with random U3, n = ${n}`);
      if (!rr.ok) continue;
      const vv = verifyConstruction(rr.construction);
      recheck(vv.signals && vv.zeroSignal, `random U3 reproduces X, n = ${n}`);
      randomOk++;
    }
    const c = r.construction;
    rows.push([
      String(n),
      vecText(c.codes),
      vecText(c.weights.b2),
      n <= 3 ? matText(c.weights.W3) : '(see --json)',
      'yes',
      'yes',
    ]);
  }
  return verdictFrom(
    o,
    ['construction'],
    {
      summary: `exact solutions for n = 1..${nMax} with U3 = X and ${randomOk} random U3 of form (1); the zero signal is reconstructed too`,
      readings: [
        reading(
          'construction',
          'z = i, knots making A2 invertible, W3^T = A2^-1 U3 give Y = X on signals 1..n',
          'holds',
          `exact forward pass, n = 1..${nMax}`,
        ),
        reading(
          'zero signal',
          'the same solution also reconstructs the zero signal',
          'holds',
          'knots j + 1/2 < n + 1: every layer-2 unit is 0 at z = n + 1, so U3 row n+1 = 0',
        ),
      ],
      sections: [
        {
          title: 'Solutions with U3 = X (W2 = -1 for every neuron, b2 = knots)',
          table: { header: ['n', 'codes', 'b2', 'W3', 'Y = X (signals)', 'zero signal'], rows },
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { certificate: example },
  );
}

export const constructLinear = defineClaim({
  id: 'construct-linear',
  slide: 'Handcrafted Solution - Linear Encoder',
  gist: 'With z = i, W2 and b2 making A2 full rank and any U3 of form (1), W3^T = A2^-1 U3 reconstructs X.',
  statement:
    'Linear encoder $z^{(i)} = i$; $W^{[2]}$ and $\\mathbf{b}^{[2]}$ make $A^{[2]}$ full rank; $U^{[3]}$ arbitrary of form (1); omitting the zero signal, $W^{[3]T} = A^{[2]-1} U^{[3]}$.',
  reading:
    'For every n and every U3 of form (1), the construction gives an exact solution; and whether the zero signal is reconstructed.',
  method:
    'Exact construction (W1 = -(1/C) 1, b1 = n+1; W2 = -1, b2_j = j + 1/2; W3^T = A2^-1 U3) with U3 = X and random U3 of form (1), verified by the exact forward pass on all n+1 signals.',
  defaultNMax: 10,
  maxNMax: 64,
  options: {},
  check,
});
