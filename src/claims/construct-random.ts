/**
 * construct-random (deck, "Handcrafted Solution - Random Encoder"):
 *   random encoder; sort the codes z(i), then find a solution.
 *
 * Proved for every n (the proof section below): z_i - z_{i'} = C (W1_i + ...
 * + W1_{i'-1}) for i < i', so two codes coincide exactly when a block of
 * consecutive entries of W1 sums to 0; distinct codes suffice for the
 * triangular construction (knots between consecutive sorted codes, columns
 * pointing away from the zero signal's code); equal codes make any decoder
 * fail. The ties form a finite union of proper hyperplanes, a null set for
 * any law with a density: a random encoder works almost surely. The
 * computation re-checks all of it on seeded random encoders (small
 * rationals, where ties are frequent: a property of the sampler), checking
 * the reason of every refusal instead of assuming it.
 */
import { buildDecoder, randomEncoder, verifyConstruction } from '../construct/decoder.js';
import type { Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { math, texQ, texVec } from '../render/tex.js';
import type { Status, Verdict } from '../verdict.js';
import { nRange, reading, trials, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** What one encoder gave. Pairs are 1-based signal indices a < b over all n+1 signals. */
export interface EncoderEvidence {
  n: number;
  W1: Q[];
  b1: Q;
  codes: Q[];
  /** Pairs with equal codes. */
  tiedPairs: [number, number][];
  /** Pairs whose block sum W1_a + ... + W1_{b-1} is 0. */
  blockZeroPairs: [number, number][];
  /** The construction's outcome: a verified solution, or its refusal with the reason. */
  built: boolean;
  refusal?: string;
  /** Y = X on signals 1..n (false when refused). */
  signals: boolean;
  /** Y = X on the zero signal (false when refused). */
  zeroSignal: boolean;
}

function pairs(n: number, pred: (a: number, b: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 1; a <= n + 1; a++) for (let b = a + 1; b <= n + 1; b++) if (pred(a, b)) out.push([a, b]);
  return out;
}

/** Builds and verifies the sort-and-build solution for one encoder (W1 as a vector, b1 a scalar). */
export function encoderEvidence(n: number, C: Q, W1: readonly Q[], b1: Q): EncoderEvidence {
  const encoder: { W1: Mat; b1: Q[] } = { W1: [[...W1]], b1: [b1] };
  const codes = encode(encoder.W1, encoder.b1, stepMatrix(n, C));
  const block = (a: number, b: number) => W1.slice(a - 1, b - 1).reduce((s, x) => s.add(x), Q.ZERO);
  const r = buildDecoder({ n, C, encoder });
  const v = r.ok ? verifyConstruction(r.construction) : { signals: false, zeroSignal: false };
  return {
    n,
    W1: [...W1],
    b1,
    codes,
    tiedPairs: pairs(n, (a, b) => (codes[a - 1] as Q).equals(codes[b - 1] as Q)),
    blockZeroPairs: pairs(n, (a, b) => block(a, b).isZero()),
    built: r.ok,
    ...(r.ok ? {} : { refusal: r.reason }),
    signals: v.signals,
    zeroSignal: v.zeroSignal,
  };
}

/** True when two of the n signal codes coincide (the zero signal, n+1, left out). */
export function signalTie(e: EncoderEvidence): boolean {
  return e.tiedPairs.some(([, b]) => b <= e.n);
}

/** `distinct-codes`: holds iff every encoder with distinct signal codes gave a verified solution on signals 1..n. */
export function decideDistinctCodes(ev: readonly EncoderEvidence[]): Status {
  const relevant = ev.filter((e) => !signalTie(e));
  if (relevant.length === 0) return 'inconclusive';
  return relevant.every((e) => e.built && e.signals) ? 'holds' : 'refuted';
}

function samePairs(a: readonly [number, number][], b: readonly [number, number][]): boolean {
  const key = (p: readonly [number, number][]) => p.map(([x, y]) => `${x}-${y}`).join(',');
  return key(a) === key(b);
}

/**
 * `almost-surely`: holds iff ties are exactly the vanishing block sums on
 * every encoder (the null set of the proof) and distinct codes always sufficed.
 */
export function decideAlmostSurely(ev: readonly EncoderEvidence[]): Status {
  if (ev.length === 0) return 'inconclusive';
  const characterised = ev.every((e) => samePairs(e.tiedPairs, e.blockZeroPairs));
  return characterised && decideDistinctCodes(ev) === 'holds' ? 'holds' : 'refuted';
}

/**
 * `zero-signal`: holds iff, on every encoder with distinct signal codes, the
 * zero signal came out right exactly when its code differs from all others.
 */
export function decideZeroSignal(ev: readonly EncoderEvidence[]): Status {
  const relevant = ev.filter((e) => e.built);
  if (relevant.length === 0) return 'inconclusive';
  const ok = relevant.every((e) => e.zeroSignal === !e.tiedPairs.some(([, b]) => b === e.n + 1));
  return ok ? 'holds' : 'refuted';
}

/**
 * `every-encoder`: refuted iff some encoder with two equal signal codes was
 * refused for that reason (equal codes, explained by a vanishing block sum);
 * holds when only n = 1 was checked (one signal, nothing can tie);
 * inconclusive otherwise (no tie drawn decides nothing).
 */
export function decideEveryEncoder(ev: readonly EncoderEvidence[], ns: readonly number[]): Status {
  const tie = ev.some(
    (e) =>
      signalTie(e) &&
      !e.built &&
      e.tiedPairs
        .filter(([, b]) => b <= e.n)
        .every((p) => e.blockZeroPairs.some((q) => q[0] === p[0] && q[1] === p[1])),
  );
  if (tie) return 'refuted';
  if (ns.every((n) => n === 1) && ev.every((e) => e.built && e.signals)) return 'holds';
  return 'inconclusive';
}

const PROOF: string[] = [
  'Indices: signals $i = 1, \\dots, n+1$ (signal $n+1$ is the zero signal), input coordinates $j = 1, \\dots, n$. Codes $z_i = W_1 x^{(i)} + b_1 = C \\sum_{j \\ge i} W_{1,j} + b_1$.',
  '',
  "**Ties are block sums.** For $i < i'$, $z_i - z_{i'} = C \\sum_{j=i}^{i'-1} W_{1,j}$ (the step functions differ exactly in coordinates $i..i'-1$). So two codes coincide iff a block of consecutive entries of $W_1$ sums to $0$; the zero signal shares the code of signal $i$ iff $\\sum_{j=i}^{n} W_{1,j} = 0$.",
  '',
  "**Theorem (`distinct-codes`).** If the $n$ signal codes are pairwise distinct, sorting them and placing knots between consecutive codes gives an exact solution on signals $1..n$ with $n_2 = n$; if moreover the zero signal's code differs from all of them, the solution also gives $y^{(n+1)} = 0$.",
  '',
  "*Proof.* Let $z_{n+1}$ be the zero signal's code. The signal codes left of $z_{n+1}$ get decreasing neurons $(t - z)_+$ with knots halfway to the next code (the last one halfway to $z_{n+1}$), those right of it increasing neurons $(z - t)_+$ mirrored (without a distinct $z_{n+1}$: decreasing neurons only). Ordered by code, each block of $A_2$ on the signals is triangular with nonzero diagonal and the two blocks have disjoint supports, so $A_2$ is invertible there and $W_3^{\\mathsf T} = A_2^{-1} U$ gives $U_3 = U$ on signals $1..n$ for any $U$ of form (1) ($U_{ij} = C$ for $j \\ge i$, $U_{ij} \\le 0$ for $j < i$), hence $Y = X$ there. Every column vanishes at $z_{n+1}$, so $U_{3,n+1,:} = 0$ and $y^{(n+1)} = 0$. $\\square$",
  '',
  '**Necessity (`zero-signal`, `every-encoder`).** A decoder is a function of the code: equal codes give equal outputs, while distinct signals differ. So a tie between two of the $n$ signals leaves no solution on signals $1..n$, and a tie with the zero signal leaves no solution on all $n+1$ signals. For $n = 1$ with the zero signal dropped there is one code and nothing to tie.',
  '',
  "**Almost surely (`almost-surely`).** The encoders with a tie form the finite union of the hyperplanes $\\lbrace \\sum_{j=i}^{i'-1} W_{1,j} = 0 \\rbrace$, each with a nonzero normal vector, a Lebesgue-null set. So for $W_1$ drawn from any law with a density, the codes are distinct with probability $1$ and the construction succeeds. Discrete samplers tie with positive probability: stepae's sampler (entries $p/q$ with $0 < \\lvert p \\rvert \\le 5$, $1 \\le q \\le 4$) ties often, which is a property of the sampler, not of the deck's recipe.",
];

function check(o: CheckOptions): Verdict {
  const { C } = o;
  const ns = nRange(o);
  const ev: EncoderEvidence[] = [];
  for (const { n, rng } of trials(o)) {
    const enc = randomEncoder(n, rng);
    ev.push(encoderEvidence(n, C, enc.W1[0] as Q[], enc.b1[0] as Q));
  }
  // The deterministic tie of every n >= 2: W1_1 = 0 gives z_1 = z_2.
  const witnesses = ns
    .filter((n) => n >= 2)
    .map((n) => encoderEvidence(n, C, [Q.ZERO, ...Array.from({ length: n - 1 }, () => Q.ONE)], Q.ZERO));
  const distinct = decideDistinctCodes(ev);
  const almost = decideAlmostSurely(ev);
  const zero = decideZeroSignal(ev);
  const every = decideEveryEncoder([...ev, ...witnesses], ns);
  const solved = ev.filter((e) => e.built && e.signals).length;
  const refused = ev.filter((e) => !e.built);
  const explained = refused.filter((e) => signalTie(e) && decideEveryEncoder([e], [e.n]) === 'refuted').length;
  const zeroTies = ev.filter((e) => e.built && e.tiedPairs.some(([, b]) => b === e.n + 1)).length;
  const firstTie = refused.find((e) => signalTie(e));
  const checked: [number, number] = [o.nMin, o.nMax];
  const proved = { kind: 'proved', checked } as const;
  const tieText = (e: EncoderEvidence) => {
    const [a, b] = e.tiedPairs.find(([, y]) => y <= e.n) as [number, number];
    return `$n = ${e.n}$, $W_1 = ${texVec(e.W1)}$: $W_{1,${a}} + \\dots + W_{1,${b - 1}} = 0$, so $z_{${a}} = z_{${b}} = ${texQ(e.codes[a - 1] as Q)}$`;
  };
  const rows = ns.map((n) => {
    const at = ev.filter((e) => e.n === n);
    return [
      math(String(n)),
      String(at.length),
      String(at.filter((e) => e.built && e.signals).length),
      String(at.filter((e) => !e.built).length),
      String(at.filter((e) => e.built && e.zeroSignal).length),
    ];
  });
  return verdictFrom(
    o,
    ['distinct-codes', 'almost-surely'],
    {
      summary: `distinct codes suffice: ${distinct}; random $W_1$ works almost surely: ${almost} (proof for every n); re-checked on ${ev.length} sampled encoders: ${solved} solved exactly, ${refused.length} refused, ${explained} of them checked to tie two signal codes through a block of $W_1$ summing to 0`,
      readings: [
        reading(
          'distinct-codes',
          "Distinct signal codes suffice: $z_i \\ne z_{i'}$ for $i \\ne i' \\le n$ implies that sorting the codes and building gives a solution on signals $1..n$.",
          distinct,
          distinct === 'holds'
            ? `triangular $A_2$ on the sorted codes; ${solved} sampled encoders with distinct codes solved and verified by the exact forward pass`
            : 'an encoder with distinct codes was not solved',
          proved,
        ),
        reading(
          'almost-surely',
          'A random encoder works with probability $1$: for $W_1$ from a law with a density, a solution on signals $1..n$ exists almost surely.',
          almost,
          almost === 'holds'
            ? `ties are exactly the vanishing block sums $\\sum_{j=i}^{i'-1} W_{1,j} = 0$ (checked on all ${ev.length} encoders), a null set`
            : 'a tie was not explained by a vanishing block sum, or distinct codes failed',
          proved,
        ),
        reading(
          'zero-signal',
          'All $n+1$ signals: a solution on signals $1..n+1$ exists iff the $n+1$ codes are distinct, and the construction then finds it.',
          zero,
          zero === 'holds'
            ? `the zero signal came out right exactly when its code was distinct (${zeroTies} sampled encoders gave it a signal's code)`
            : "the zero signal's outcome did not match the distinctness of its code",
          proved,
        ),
        reading(
          'every-encoder',
          'Every encoder admits a solution on signals $1..n$: $\\forall W_1, b_1$, $\\exists$ a solution.',
          every,
          every === 'refuted'
            ? `equal codes, e.g. ${tieText(firstTie ?? (witnesses[0] as EncoderEvidence))}; a decoder maps equal codes to equal outputs`
            : every === 'holds'
              ? 'one signal: nothing can tie'
              : 'no tie among the signals was found',
          every === 'holds' ? { kind: 'exhaustive', checked } : proved,
        ),
      ],
      sections: [
        { title: 'Proof', proof: true, lines: PROOF },
        {
          title:
            'Sampled encoders ($W_1$, $b_1$ with entries $p/q$, $0 < \\lvert p \\rvert \\le 5$, $1 \\le q \\le 4$)',
          lines: [
            `Refusals checked against the block-sum condition: ${explained} of ${refused.length} explained (two signal codes equal because a block of $W_1$ sums to $0$).`,
          ],
          table: {
            header: ['$n$', 'encoders', 'solved on signals $1..n$', 'refused (tie)', 'zero signal too'],
            rows,
          },
        },
      ],
      scope: proved,
    },
    {
      certificate: { solved, refusedForTies: refused.length, refusalsExplained: explained },
      counterexample: firstTie ?? null,
    },
  );
}

export const constructRandom = defineClaim({
  id: 'construct-random',
  slide: 'Handcrafted Solution - Random Encoder',
  gist: 'With a random encoder, sorting the codes and solving gives an exact decoder.',
  statement: 'Random encoder: sort $z^{(i)}$, then find a solution.',
  reading:
    'For an encoder $z_i = W_1 x^{(i)} + b_1$: distinct signal codes suffice for the sort-and-build construction, and a random $W_1$ (a law with a density) gives distinct codes almost surely; also whether the zero signal comes along, and whether every encoder works.',
  method:
    'A proof for every $n$ (below); re-checked on seeded random encoders with $n$ cycling over the range: each solution verified by the exact forward pass on all $n + 1$ signals, each tie matched with a vanishing block sum of $W_1$, each refusal checked to come from a tie; plus the tie $W_{1,1} = 0$ for every $n \\ge 2$.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
