/**
 * prop-sigmoid (deck, "Sigmoid Activation Function", "Handcrafted Solution"):
 *   with g = sigmoid and linear codes, for every eps > 0 some W2, b2 give
 *   MSE < eps; handcrafted with z(i) = i and eps = 1e-5.
 *
 * The slide's sigmoid has range (0, 1), so the amplitude matters:
 * C = 1 holds (exact rational certificate, see activation/sigmoid.ts);
 * C > 1 fails, the infimum of the MSE being (C - 1)^2 / 2;
 * C < 1 holds for n = 1 and fails for n >= 2 (a rigorous positive lower bound).
 */
import {
  constructForEps,
  lowerBoundBelowOne,
  mse50,
  mseEnclosure,
  searchWitness,
  sigmoidWeights,
} from '../activation/sigmoid.js';
import { Q } from '../kernel/rational.js';
import { parseRational } from '../options.js';
import { ParseError } from '../errors.js';
import { reading, recheck, upTo, vecText, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** What is known about inf MSE for (n, C): exact value or a certified enclosure. */
export interface InfimumReport {
  n: number;
  C: Q;
  /** true when every eps > 0 is reachable. */
  proposition: boolean;
  lower: Q;
  /** A certified upper bound (reached by explicit weights), or the exact infimum when exact = true. */
  upper: Q;
  exact: boolean;
  how: string;
}

/** The infimum of the MSE over all W2, b2 for codes z = i. */
export function sigmoidInfimum(n: number, C: Q): InfimumReport {
  if (C.equals(Q.ONE))
    return {
      n,
      C,
      proposition: true,
      lower: Q.ZERO,
      upper: Q.ZERO,
      exact: true,
      how: 'steep construction, certified for every eps',
    };
  if (Q.ONE.lt(C)) {
    const v = C.sub(Q.ONE).pow(2).div(Q.int(2));
    return {
      n,
      C,
      proposition: false,
      lower: v,
      upper: v,
      exact: true,
      how: 'sigmoid < 1: each of the n(n+1)/2 entries equal to C errs by more than C - 1; the steep construction approaches it',
    };
  }
  if (n === 1) {
    return {
      n,
      C,
      proposition: true,
      lower: Q.ZERO,
      upper: Q.ZERO,
      exact: true,
      how: 'u(1) -> logit(C), u(2) -> -inf',
    };
  }
  const lb = lowerBoundBelowOne(n, C);
  const w = searchWitness(n, C);
  const enc = mseEnclosure(n, C, w.W2, w.b2);
  const upper = Q.parse(enc.hi.toFixed(30, 2 /* ROUND_CEIL */));
  return {
    n,
    C,
    proposition: false,
    lower: lb.bound,
    upper,
    exact: false,
    how: `lower bound by the delta argument (delta = ${lb.delta}); upper bound by certified weights found in float64`,
  };
}

/** The deck's epsilon, 1e-5. */
const DECK_EPS = Q.parse('1e-5');

function decimalText(x: Q, digits = 6): string {
  if (x.isZero()) return '0';
  const v = x.toNumber();
  return v.toExponential(digits - 1);
}

function check(o: CheckOptions<{ eps: Q }>): Verdict {
  const { nMax, C } = o;
  const { eps } = o.extra;
  const rows: string[][] = [];
  const weights: string[] = [];
  let certificate: unknown = null;
  let failure: InfimumReport | undefined;
  for (const n of upTo(nMax)) {
    const inf = sigmoidInfimum(n, C);
    if (!inf.proposition && !failure) failure = inf;
    if (C.equals(Q.ONE)) {
      const { s, E, bound } = constructForEps(n, eps);
      const w = sigmoidWeights(n, s);
      const hp = mse50(n, C, w.W2, w.b2);
      const enc = mseEnclosure(n, C, w.W2, w.b2);
      // Independent re-checks: the 50-digit value and the interval enclosure lie below the rational bound.
      recheck(hp.lte(bound.toNumber() * (1 + 1e-12)) && enc.hi.lte(eps.toNumber()), `sigmoid bound, n = ${n}`);
      rows.push([String(n), s.toString(), decimalText(bound), hp.toExponential(6), 'yes']);
      weights.push(`n = ${n}: W2 = ${vecText(w.W2)}, b2 = ${vecText(w.b2)}`);
      if (n === nMax)
        certificate = { n, eps, s, expNegSUpper: E, mseUpperBound: bound, W2: w.W2, b2: w.b2, mse50: hp.toString() };
    } else {
      rows.push([
        String(n),
        '-',
        inf.exact ? `inf = ${inf.lower}` : `inf in [${decimalText(inf.lower)}, ${decimalText(inf.upper)}]`,
        '-',
        inf.proposition ? 'yes' : 'no',
      ]);
    }
  }
  // The amplitude study: a fixed grid of C, every n <= min(nMax, 3).
  const study: string[][] = [];
  for (const c of ['1/2', '9/10', '1', '11/10', '2']) {
    for (const n of upTo(Math.min(nMax, 3))) {
      const inf = sigmoidInfimum(n, Q.parse(c));
      study.push([
        c,
        String(n),
        inf.proposition ? 'holds' : 'fails',
        inf.exact ? `${inf.lower}` : `[${decimalText(inf.lower)}, ${decimalText(inf.upper)}]`,
        inf.how,
      ]);
    }
  }
  const holds = failure === undefined;
  return verdictFrom(
    o,
    ['every eps'],
    {
      summary: holds
        ? `C = ${C}: every eps > 0 is reached with certified weights (eps = ${eps} shown, n = 1..${nMax}); for C != 1 the proposition fails from n = 2 (C < 1) or n = 1 (C > 1)`
        : `C = ${C}: inf MSE > 0 at n = ${failure?.n} (${failure?.exact ? `exactly ${failure?.lower}` : `>= ${decimalText(failure?.lower ?? Q.ZERO)}`}); the proposition holds only for C = 1 (and C < 1 at n = 1)`,
      readings: [
        reading(
          'every eps',
          `for C = ${C} and every eps > 0 some W2, b2 give MSE < eps (z = i)`,
          holds ? 'holds' : 'refuted',
          holds ? 'steep construction with an exact rational bound' : (failure?.how ?? ''),
        ),
        reading(
          'deck eps',
          `eps = ${eps} with z = i`,
          C.equals(Q.ONE)
            ? 'holds'
            : failure && failure.lower.sign() > 0 && !failure.lower.lt(eps)
              ? 'refuted'
              : 'inconclusive',
          C.equals(Q.ONE) ? 'certified weights printed below' : `inf MSE bounds for C = ${C} shown in the table`,
        ),
        reading(
          'amplitude',
          'the proposition holds iff C = 1 (n >= 2); for n = 1 iff C <= 1',
          'holds',
          'see the amplitude study',
        ),
      ],
      sections: [
        {
          title: C.equals(Q.ONE)
            ? `Certified construction for eps = ${eps}: W2_j = -s, b2_j = s (j + 1/2)`
            : `Infimum of the MSE for C = ${C}`,
          table: { header: ['n', 's', 'MSE bound (exact rational)', 'MSE, 50 digits', 'eps reachable'], rows },
        },
        ...(weights.length ? [{ title: 'Weights', lines: weights }] : []),
        {
          title: 'Amplitude study: inf over all W2, b2 of the MSE (codes z = i)',
          table: { header: ['C', 'n', 'proposition', 'inf MSE (exact, or certified enclosure)', 'how'], rows: study },
        },
      ],
      scope: { kind: 'exhaustive', checked: [1, nMax] },
    },
    {
      certificate,
      counterexample: failure
        ? {
            n: failure.n,
            C: failure.C,
            infimumLowerBound: failure.lower,
            infimumUpperBound: failure.upper,
            exact: failure.exact,
          }
        : null,
    },
  );
}

export const propSigmoid = defineClaim({
  id: 'prop-sigmoid',
  slide: 'Sigmoid Activation Function; Handcrafted Solution',
  gist: 'With a sigmoid output and linear codes, some W2, b2 give an MSE below any epsilon > 0.',
  statement:
    'Let the output activation be a sigmoid $g^{[2]}(u) = \\frac{e^u}{1+e^u}$ and the encoding be linear. Then there is a solution $W^{[2]}, \\mathbf{b}^{[2]}$ for which the $MSE = \\frac{1}{n(n+1)} \\sum_{i=1}^{n+1} \\|\\mathbf{y}^{(i)} - \\mathbf{x}^{(i)}\\|_2^2 < \\epsilon$ for an arbitrarily small $\\epsilon > 0$. Handcrafted: $z^{(i)} = i$, $\\epsilon = 10^{-5}$.',
  reading: 'y = sigmoid(W2 z + b2), z = i, all n+1 signals, amplitude C: is inf over W2, b2 of the MSE equal to 0?',
  method:
    'C = 1: the construction u_j = s(j + 1/2 - z) and the exact rational bound MSE <= (1/(n(n+1))) sum E^{|2i-2j-1|}, E = 1/sum_{m<=K} s^m/m! >= e^{-s}; re-checked with a 50-digit evaluation and a directed-rounding enclosure. C > 1: exact infimum (C-1)^2/2. C < 1: a rigorous lower bound by bounding the slope (interval arithmetic with directed rounding) and a certified upper bound from weights found in float64.',
  defaultNMax: 6,
  maxNMax: 40,
  options: {
    eps: {
      flags: '--eps <x>',
      description: "the target MSE, a positive rational (default 1e-5, the deck's)",
      default: DECK_EPS,
      parse: (v) => {
        const e = parseRational(v, '--eps');
        if (e.sign() <= 0) throw new ParseError(`--eps must be a positive rational, got ${e}`);
        if (e.lt(Q.parse('1e-300'))) throw new ParseError(`--eps ${v} is below 1e-300; accepted: 1e-300 <= eps`);
        return e;
      },
      replay: (e) => (e.equals(DECK_EPS) ? [] : [['--eps', e]]),
    },
  },
  check,
});
