/**
 * construct-random (deck, "Handcrafted Solution - Random Encoder"):
 *   random encoder; sort the codes z(i), then find a solution.
 *
 * W1, b1 are drawn from the seed as small rationals. When two signals share
 * a code no decoder of any kind separates them (it sees the same input);
 * otherwise sorting the codes and placing knots between consecutive ones
 * (left and right of the zero signal's code) gives an exact solution.
 */
import { buildDecoder, randomEncoder, verifyConstruction } from '../construct/decoder.js';
import { encode } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { reading, recheck, trials, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  let built = 0;
  let ties = 0;
  let zeroTies = 0;
  let zeroOk = 0;
  let firstTie: unknown = null;
  let runs = 0;
  for (const { n, rng } of trials(o)) {
    runs++;
    const encoder = randomEncoder(n, rng);
    const codes = encode(encoder.W1, encoder.b1, stepMatrix(n, C));
    const r = buildDecoder({ n, C, encoder });
    const signalCodes = new Set(codes.slice(0, n).map(String));
    if (!r.ok) {
      recheck(signalCodes.size < n, `a refusal must come from equal signal codes (n = ${n})`);
      ties++;
      firstTie ??= { n, W1: encoder.W1[0], b1: encoder.b1[0], codes, reason: r.reason };
      continue;
    }
    const v = verifyConstruction(r.construction);
    recheck(v.signals, `random encoder solution reproduces signals, n = ${n}`);
    const zeroDistinct = !signalCodes.has(String(codes[n]));
    recheck(v.zeroSignal === zeroDistinct, `zero signal reconstructed iff its code is distinct (n = ${n})`);
    if (v.zeroSignal) zeroOk++;
    else zeroTies++;
    built++;
  }
  return verdictFrom(
    o,
    ['distinct codes'],
    {
      summary: `${built} of ${runs} random encoders (n = 1..${nMax}) solved exactly; ${ties} refused because two signals share a code (no decoder exists)`,
      readings: [
        reading(
          'distinct codes',
          'when the n signal codes are distinct, sorting them gives an exact solution',
          'holds',
          `${built} exact solutions, each verified by the forward pass`,
        ),
        reading(
          'any codes',
          'every random encoder admits a solution',
          ties > 0 ? 'refuted' : 'holds',
          ties > 0
            ? `${ties} draws gave equal codes to two signals; a decoder cannot separate equal inputs`
            : 'no ties drawn',
        ),
        reading(
          'zero signal',
          'the zero signal is reconstructed too when its code differs from the others',
          'holds',
          `${zeroOk} reconstructed; ${zeroTies} had the zero signal's code equal to a signal's`,
        ),
      ],
      sections: firstTie
        ? [{ title: 'First draw with equal codes', lines: [JSON.stringify(firstTie, null, 1).replace(/\n\s*/g, ' ')] }]
        : [],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    { certificate: { solved: built, refusedForTies: ties, zeroSignalReconstructed: zeroOk } },
  );
}

export const constructRandom = defineClaim({
  id: 'construct-random',
  slide: 'Handcrafted Solution - Random Encoder',
  gist: 'With a random encoder, sorting the codes and solving gives an exact decoder.',
  statement: 'Random encoder: sort $z^{(i)}$, then find a solution.',
  reading:
    'For random W1, b1 (small rationals from the seed): an exact solution exists iff the n signal codes are distinct; build it and verify it.',
  method:
    "Seeded random encoders for n = 1..n-max; the construction sorts the codes and places knots between consecutive codes on each side of the zero signal's code; each solution is verified by the exact forward pass; refusals are checked to come from equal codes.",
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
