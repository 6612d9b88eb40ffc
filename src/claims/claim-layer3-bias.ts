/**
 * claim-layer3-bias (deck, "Bias in Layer 3"):
 *   a bias in layer 3 is not necessary.
 *
 * Every construction of stepae has b3 = 0 and reproduces X exactly; the
 * check builds one for each n <= n-max (linear codes, all n+1 signals) and
 * for random encoders and random targets U3 of form (1).
 */
import { buildDecoder, linearEncoder, randomEncoder, randomFormOne, verifyConstruction } from '../construct/decoder.js';
import { Rng } from '../random.js';
import { reading, recheck, upTo, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  for (const n of upTo(nMax)) {
    const r = buildDecoder({ n, C, encoder: linearEncoder(n, C) });
    recheck(r.ok, `construction, n = ${n}`);
    if (r.ok) {
      recheck(r.construction.weights.b3 === undefined, 'no b3');
      const v = verifyConstruction(r.construction);
      recheck(v.signals && v.zeroSignal, `Y = X with b3 = 0, n = ${n}`);
    }
  }
  const rng = new Rng(o.seed);
  let random = 0;
  let skippedTies = 0;
  for (let t = 0; t < o.runs; t++) {
    const n = rng.int(1, nMax);
    const encoder = randomEncoder(n, rng);
    const U3 = randomFormOne(n, C, rng);
    const r = buildDecoder({ n, C, encoder, U3, n2: n + 1 });
    if (!r.ok) {
      skippedTies++;
      continue;
    }
    recheck(verifyConstruction(r.construction).signals, 'random instance with b3 = 0');
    random++;
  }
  return verdictFrom(
    o,
    ['b3 = 0 suffices'],
    {
      summary: `exact solutions with b3 = 0 for n = 1..${nMax} (all n+1 signals), and ${random} random encoders / targets`,
      readings: [
        reading(
          'b3 = 0 suffices',
          'for every n some solution has no layer-3 bias',
          'holds',
          `exact constructions, n = 1..${nMax}; ${random} random instances (${skippedTies} skipped: two signals with equal codes, no decoder exists)`,
        ),
      ],
      sections: [],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { certificate: { construction: 'b3 = 0, W3^T = A2^{-1} U3, verified by the exact forward pass' } },
  );
}

export const claimLayer3Bias = defineClaim({
  id: 'claim-layer3-bias',
  slide: 'Bias in Layer 3',
  gist: 'A bias in layer 3 is not necessary; it only increases the complexity.',
  statement: 'A bias in Layer three is not necessary. It will only increase the complexity.',
  reading: 'For every n there is an exact solution (W1, b1, W2, b2, W3) with b3 = 0 and Y = X.',
  method:
    'Exact constructions for each n <= n-max (linear codes) and for random encoders with random U3 of form (1), each verified by the exact forward pass.',
  defaultNMax: 10,
  maxNMax: 64,
  options: {},
  check,
});
