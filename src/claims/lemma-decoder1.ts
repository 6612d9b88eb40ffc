/**
 * lemma-decoder1 (deck, "Necessary Condition"):
 *   a one-layer decoder y = g(W2 z + b2) can produce the n+1 step functions
 *   from scalar codes only if g = 0 on a proper interval A and g = C on a
 *   disjoint proper interval B.
 *
 * Output j sees only u_j = W2_j z + b2_j, affine in z: it must map the codes
 * of signals 1..j into g^{-1}(C) and the others into g^{-1}(0).
 * - For monotone g and n >= 2 the lemma holds: output n needs g = C at the
 *   n >= 2 distinct values u_n(z_1..z_n), output 1 needs g = 0 at two
 *   distinct values, and a monotone g equal at two points is constant between.
 * - For n = 1 it fails (ReLU: u = C(2 - z) reconstructs, yet ReLU = C at one point only).
 * - For non-monotone g it fails for every n: a continuous zigzag (PWL) or a
 *   polynomial through (k, C), k = 1-n..0, and (k, 0), k = 1..n, has no
 *   interval of constancy, yet u_j(z) = z - j reconstructs with z = i.
 * - The converse fails too: intervals far apart cannot both be reached by
 *   an affine map of equally spaced codes.
 */
import { builtins, parseActivation, type Activation } from '../activation/catalogue.js';
import { checkWitness, decideOneLayer, hasIntervals } from '../activation/decoder1.js';
import { type Affine, intervalText, type PWL, pwl } from '../activation/pwl.js';
import { ParseError } from '../errors.js';
import { Poly } from '../kernel/poly.js';
import { Q } from '../kernel/rational.js';
import { reading, recheck, upTo, vecText, verdictFrom } from './common.js';
import type { Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** Continuous PWL through the given points (sorted by x), slope 1 outside. */
function pwlThrough(points: [Q, Q][]): PWL {
  const breaks = points.map(([x]) => x);
  const pieces: Affine[] = [];
  const [x0, y0] = points[0] as [Q, Q];
  pieces.push({ a: Q.ONE, c: y0.sub(x0) });
  for (let k = 1; k < points.length; k++) {
    const [xa, ya] = points[k - 1] as [Q, Q];
    const [xb, yb] = points[k] as [Q, Q];
    const a = yb.sub(ya).div(xb.sub(xa));
    pieces.push({ a, c: ya.sub(a.mul(xa)) });
  }
  const [xl, yl] = points[points.length - 1] as [Q, Q];
  pieces.push({ a: Q.ONE, c: yl.sub(xl) });
  return pwl(
    breaks,
    pieces,
    points.map(([, y]) => y),
  );
}

/** The 2n interpolation nodes: C at k = 1-n..0, 0 at k = 1..n. */
function nodes(n: number, C: Q): [Q, Q][] {
  return [...upTo(n).map((k): [Q, Q] => [Q.int(k - n), C]), ...upTo(n).map((k): [Q, Q] => [Q.int(k), Q.ZERO])];
}

/** A continuous zigzag: the nodes, with a peak 2C between C-nodes and a dip -C between 0-nodes. */
export function zigzag(n: number, C: Q): Activation {
  const pts: [Q, Q][] = [];
  const ns = nodes(n, C);
  ns.forEach(([x, y], k) => {
    pts.push([x, y]);
    const next = ns[k + 1];
    if (next && next[1].equals(y)) pts.push([x.add(Q.of(1n, 2n)), y.isZero() ? C.neg() : C.mul(Q.int(2))]);
  });
  return {
    id: `zigzag-${n}`,
    label: `continuous zigzag through (k, C), k = ${1 - n}..0 and (k, 0), k = 1..${n}`,
    kind: 'pwl',
    f: pwlThrough(pts),
    monotone: false,
  };
}

/** The Lagrange polynomial through the nodes (degree 2n - 1). */
export function lagrange(n: number, C: Q): Poly {
  const ns = nodes(n, C);
  const u = Poly.variable('u');
  return ns.reduce((acc, [xk, yk], k) => {
    if (yk.isZero()) return acc;
    let term = Poly.constant(yk);
    ns.forEach(([xm], m) => {
      if (m !== k) term = term.mul(u.sub(Poly.constant(xm))).scale(xk.sub(xm).inv());
    });
    return acc.add(term);
  }, Poly.ZERO);
}

/** 0 on [-1, 0], C on [2, 3], 2C elsewhere: intervals exist, yet n >= 2 cannot be reconstructed. */
export function gapped(C: Q): Activation {
  const two = C.mul(Q.int(2));
  const f = pwl(
    [Q.MINUS_ONE, Q.ZERO, Q.int(2), Q.int(3)],
    [
      { a: Q.ZERO, c: two },
      { a: Q.ZERO, c: Q.ZERO },
      { a: Q.ZERO, c: two },
      { a: Q.ZERO, c: C },
      { a: Q.ZERO, c: two },
    ],
    [Q.ZERO, Q.ZERO, C, C],
  );
  return { id: 'gapped', label: '0 on [-1, 0], C on [2, 3], 2C elsewhere', kind: 'pwl', f, monotone: false };
}

function decisionText(d: ReturnType<typeof decideOneLayer>): string {
  return d.status === 'yes' ? 'yes' : d.status === 'real-only' ? 'over R only' : d.status;
}

function check(o: CheckOptions<{ g: string[]; codes: Q[] | undefined }>): Verdict {
  const { nMax, C } = o;
  const { g: userExprs, codes: givenCodes } = o.extra;
  const acts = [...builtins(C), ...userExprs.map((e) => parseActivation(e, C))];
  const ns = givenCodes ? [givenCodes.length - 1] : upTo(nMax);
  const codesFor = (n: number) => givenCodes ?? upTo(n + 1).map((i) => Q.int(i));
  const rows: string[][] = [];
  const witnesses: string[] = [];
  const disagreements: { act: string; n: number; reconstructible: string; intervals: string }[] = [];
  let monotoneChecked = 0;
  for (const act of acts) {
    const iv = hasIntervals(act, C);
    for (const n of ns) {
      const codes = codesFor(n);
      const d = decideOneLayer(act, codes, C);
      if (d.status === 'yes') {
        recheck(checkWitness(act, codes, C, d.W2, d.b2), `witness for ${act.id}, n = ${n}`);
        if (n <= 3) witnesses.push(`${act.id}, n = ${n}: W2 = ${vecText(d.W2)}, b2 = ${vecText(d.b2)}`);
      }
      const recon = d.status === 'yes' || d.status === 'real-only';
      const lemmaOk = !(recon && iv.status === 'no');
      if (!lemmaOk) disagreements.push({ act: act.id, n, reconstructible: decisionText(d), intervals: iv.status });
      const monotone = act.kind === 'injective' || (act.kind === 'pwl' && act.monotone);
      if (monotone && n >= 2 && iv.status !== 'undecided' && d.status !== 'undecided') {
        recheck(!recon || iv.status === 'yes', `monotone ${act.id}, n = ${n}: reconstruction implies intervals`);
        monotoneChecked++;
      }
      rows.push([
        act.id,
        String(n),
        decisionText(d),
        iv.status === 'yes' ? `A = ${intervalText(iv.A)}, B = ${intervalText(iv.B)}` : iv.status,
        d.status === 'undecided' || iv.status === 'undecided' ? 'undecided' : lemmaOk ? 'yes' : 'NO',
        d.status === 'yes' ? '' : d.reason,
      ]);
    }
  }
  // Counterexample families for every n: zigzag (continuous PWL) and polynomial (smooth).
  const search: string[][] = [];
  for (const n of ns) {
    const codes = codesFor(n);
    const z = zigzag(n, C);
    const dz = decideOneLayer(z, codes, C);
    const izz = hasIntervals(z, C);
    const poly = lagrange(n, C);
    const W2 = upTo(n).map(() => Q.ONE);
    const b2 = upTo(n).map((j) => Q.int(-j));
    const polyOk = givenCodes === undefined && checkWitness(z, codes, C, W2, b2, (u) => poly.eval({ u }));
    if (givenCodes === undefined) {
      recheck(dz.status === 'yes' && izz.status === 'no', `zigzag counterexample, n = ${n}`);
      recheck(polyOk && poly.totalDegree() >= 1, `polynomial counterexample, n = ${n}`);
    }
    const gp = decideOneLayer(gapped(C), codes, C);
    search.push([
      String(n),
      `${decisionText(dz)}; intervals: ${izz.status}`,
      givenCodes === undefined
        ? `degree ${poly.totalDegree()}, reconstructs: ${polyOk ? 'yes' : 'no'}`
        : 'n/a (given codes)',
      `${decisionText(gp)}; intervals: yes`,
    ]);
  }
  const smallest = disagreements.sort((a, b) => a.n - b.n)[0];
  const first = givenCodes ? ns[0] : 1;
  return verdictFrom(
    o,
    ['only if (as stated)'],
    {
      summary: `the "only if" fails${
        disagreements.length
          ? `: ${disagreements.map((d) => `${d.act} at n = ${d.n}`).join(', ')} reconstruct without the intervals, and`
          : ''
      } for every n with a continuous zigzag or a polynomial g; it holds for monotone g and n >= 2`,
      readings: [
        reading(
          'only if (as stated)',
          'exact reconstruction => g = 0 on a proper interval A and g = C on a disjoint proper interval B',
          disagreements.length > 0 || givenCodes === undefined ? 'refuted' : 'holds',
          smallest
            ? `${smallest.act} reconstructs at n = ${smallest.n} without the intervals`
            : 'zigzag and polynomial g, every n',
        ),
        reading(
          'monotone g, n >= 2',
          'for monotone g and n >= 2, exact reconstruction => intervals A and B',
          'holds',
          `a monotone g equal at two points is constant between them; ${monotoneChecked} catalogue cases agree`,
        ),
        reading(
          'converse',
          'intervals A and B => exact reconstruction',
          'refuted',
          'g = 0 on [-1, 0], C on [2, 3], 2C elsewhere: no affine map sends codes 1, 2 into [2, 3] and code 3 into [-1, 0] (n >= 2)',
        ),
      ],
      sections: [
        {
          title: `The catalogue, codes ${givenCodes ? vecText(givenCodes) : 'z = i'} (exact over Q; "over R only": real weights exist, rational ones do not)`,
          table: { header: ['g', 'n', 'reconstructs', 'intervals A, B', 'lemma agrees', 'why not'], rows },
        },
        { title: 'Exact witnesses (W2_j, b2_j per output), re-checked by exact evaluation', lines: witnesses },
        {
          title: 'Counterexample search: non-monotone g with no interval of constancy, and the converse',
          table: {
            header: ['n', 'continuous zigzag', 'Lagrange polynomial, u_j = z - j', 'gapped g (has A, B)'],
            rows: search,
          },
        },
      ],
      scope: { kind: 'exhaustive', checked: [first ?? 1, ns[ns.length - 1] ?? nMax] },
    },
    {
      counterexample: smallest
        ? {
            activation: smallest.act,
            n: smallest.n,
            reconstructs: smallest.reconstructible,
            intervals: smallest.intervals,
          }
        : { activation: 'zigzag', n: ns[0] },
    },
  );
}

function parseCodes(v: string): Q[] {
  const codes = v.split(',').map((s, k) => Q.parse(s, `--codes entry ${k + 1}`));
  if (codes.length < 2)
    throw new ParseError('--codes: give n+1 >= 2 comma-separated rationals (the codes of signals 1..n+1)');
  return codes;
}

export const lemmaDecoder1 = defineClaim({
  id: 'lemma-decoder1',
  slide: 'Necessary Condition (one-layer decoder)',
  gist: 'A one-layer decoder reconstructs the steps only if g is 0 on one proper interval and C on another.',
  statement:
    'A one layer decoder is able to generate the $n + 1$ different step functions out of their scalar codes $z$ only if there exist two non-overlapping proper intervals $A$ and $B$ such that $g^{[2]}(u) = 0$ on $A$ and $g^{[2]}(u) = C$ on $B$.',
  reading:
    'y = g(W2 z + b2), W2, b2 in Q^n, codes z = i (or --codes). "Reconstructs": y(i) = x(i) exactly for all n+1 signals. "Proper interval": more than one point.',
  method:
    'Per output, u = w z + b must map the C-targets into g^-1(C) and the 0-targets into g^-1(0): for PWL g the preimages are exact unions of intervals and the system in (w, b) is decided by Fourier–Motzkin over each choice of intervals, with an exact witness re-checked by evaluation; for strictly increasing analytic g (sigmoid, tanh, softplus) by injectivity and the range. Counterexample families (zigzag PWL, Lagrange polynomial) are checked exactly for every n.',
  defaultNMax: 5,
  maxNMax: 12,
  options: {
    g: {
      flags: '--g <expr>',
      description: 'an extra activation in u, e.g. "min(max(u,0),1)" (repeatable)',
      default: [],
      parse: (v, prev) => {
        parseActivation(v, Q.ONE); // validates before any work
        return [...(prev ?? []), v];
      },
      replay: (gs) => gs.map((e) => ['--g', e] as const),
      repeatable: true,
    },
    codes: {
      flags: '--codes <list>',
      description: 'the n+1 codes, comma-separated rationals (default z = i for n = 1..n-max)',
      default: undefined,
      parse: (v) => parseCodes(v),
      replay: (codes) => (codes ? [['--codes', codes.join(',')]] : []),
    },
  },
  check,
});
