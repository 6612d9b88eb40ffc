/**
 * lemma-layer2-bias (deck, "Layer 2"):
 *   if g2 = ReLU, a bias in layer 2 is necessary and sufficient for A2 to be full rank.
 *
 * A2 = ReLU(z W2^T + 1 b2^T) is (n+1) x n over the codes of all n + 1
 * signals; full rank is rank n.
 * - Without bias, ReLU(w z) = w+ z+ + w- z- (w+ = max(w, 0), w- = max(-w, 0)),
 *   so every column lies in span{z+, z-}, whose dimension is the number
 *   sigma of signs (positive, negative) present among the codes (z+ and z-
 *   have disjoint supports); W2 = (+1, -1, 0, ...) reaches it. A bias is
 *   necessary exactly when sigma < n: for every codes when n >= 3, for
 *   codes of one sign when n >= 2, never for n = 1 with a nonzero code.
 * - With a bias, rank n is reachable iff the codes take at least n distinct
 *   values: equal codes give equal rows, and decreasing columns ReLU(t_j - z)
 *   with knots between n distinct codes are triangular on them. In
 *   particular for pairwise distinct codes of any signs.
 * Each reading is decided by the exported pure functions below from exact
 * per-(n, codes) evidence: the bias-free bound and witness, and the
 * triangular construction or the tie certificate.
 */
import { distinctCount, randomDistinctCodes, signCount, triangularLayer } from '../construct/codes.js';
import { type Mat, rank } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { layer2, relu } from '../model/network.js';
import { texRows, texVec } from '../render/tex.js';
import type { Scope, Section, Status, Verdict } from '../verdict.js';
import { nRange, reading, recheck, trials, verdictFrom } from './common.js';
import { type CheckOptions, defineClaim } from './types.js';

/** rank [z+ z-]: the largest rank of a bias-free ReLU layer on these codes. */
export function noBiasRankBound(codes: Q[]): number {
  return rank(codes.map((z) => [relu(z), relu(z.neg())]));
}

/** The bias-free witness: one neuron +z if a code is positive, one -z if a code is negative, then zeros; n columns. */
export function noBiasWitness(codes: readonly Q[], n: number): Mat {
  const signs: Q[] = [];
  if (codes.some((z) => z.sign() > 0)) signs.push(Q.ONE);
  if (codes.some((z) => z.sign() < 0)) signs.push(Q.MINUS_ONE);
  return Array.from({ length: n }, (_, j) => [signs[j] ?? Q.ZERO]);
}

/** The exact evidence for one code vector at one n. */
export interface CodesCase {
  family: string;
  n: number;
  /** The n + 1 codes, signal order. */
  codes: Q[];
  /** Signs present (sigma) and rank [z+ z-], which the lemma says are equal. */
  signs: number;
  bound: number;
  /** Rank of the bias-free witness layer. */
  witnessRank: number;
  witnessW2: Mat;
  witnessA2: Mat;
  /** Distinct code values. */
  distinct: number;
  /** Rank of the triangular layer with bias, when it exists (at least n distinct codes). */
  biasRank?: number;
  /** Rank of the layer W2 = 0, b2 = 0 (a bias present, but zero). */
  zeroLayerRank: number;
}

/** "Without bias A2 cannot have rank n" at one case: false by a witness, true by the bound, else undecided. */
export function biasNeededAt(c: CodesCase): boolean | undefined {
  if (c.witnessRank === c.n) return false;
  if (c.bound < c.n) return true;
  return undefined;
}

/**
 * A necessity reading over the cases it covers: refuted by a bias-free
 * full-rank witness; holds when every case is certified by the bound
 * (rank A2 <= rank [z+ z-] < n); inconclusive otherwise. Cases outside the
 * reading's scope are filtered by the caller.
 */
export function decideNecessary(cases: readonly CodesCase[]): Status {
  const at = cases.map(biasNeededAt);
  if (at.includes(false)) return 'refuted';
  return at.every((x) => x === true) ? 'holds' : 'inconclusive';
}

/** "With a bias rank n is reachable" at one case: true by the construction, false by ties (fewer than n distinct codes). */
export function reachableAt(c: CodesCase): boolean | undefined {
  if (c.biasRank === c.n) return true;
  if (c.distinct < c.n) return false;
  return undefined;
}

/** A sufficiency reading: holds when every case reaches rank n, refuted when one cannot, else inconclusive. */
export function decideSufficient(cases: readonly CodesCase[]): Status {
  const at = cases.map(reachableAt);
  if (at.includes(false)) return 'refuted';
  return at.length > 0 && at.every((x) => x === true) ? 'holds' : 'inconclusive';
}

/** `sufficient-iff-distinct`: rank n reachable exactly when at least n codes are distinct, in every case. */
export function decideIffDistinct(cases: readonly CodesCase[]): Status {
  const at = cases.map((c) => ({ r: reachableAt(c), pred: c.distinct >= c.n }));
  if (at.some(({ r, pred }) => r !== undefined && r !== pred)) return 'refuted';
  return at.length > 0 && at.every(({ r }) => r !== undefined) ? 'holds' : 'inconclusive';
}

/** `sufficient-every-layer`: every layer with a bias is full rank; refuted by the zero layer of any case. */
export function decideEveryLayer(cases: readonly CodesCase[]): Status {
  return cases.some((c) => c.zeroLayerRank < c.n) ? 'refuted' : 'holds';
}

/** The exact evidence for one code vector. */
export function codesCase(family: string, n: number, codes: Q[]): CodesCase {
  const zeros = Array.from({ length: n }, () => Q.ZERO);
  const signs = signCount(codes);
  const bound = noBiasRankBound(codes);
  recheck(bound === signs, `rank [z+ z-] = number of signs, codes ${codes.join(', ')}`);
  const witnessW2 = noBiasWitness(codes, n);
  const witnessA2 = layer2(codes, witnessW2, zeros);
  const witnessRank = rank(witnessA2);
  recheck(witnessRank === Math.min(bound, n), `the bias-free witness reaches min(bound, n), n = ${n}`);
  const tri = triangularLayer(codes, n);
  const biasRank = tri ? rank(layer2(codes, tri.W2, tri.b2)) : undefined;
  return {
    family,
    n,
    codes,
    signs,
    bound,
    witnessRank,
    witnessW2,
    witnessA2,
    distinct: distinctCount(codes),
    biasRank,
    zeroLayerRank: rank(
      layer2(
        codes,
        zeros.map(() => [Q.ZERO]),
        zeros,
      ),
    ),
  };
}

/** The deterministic code families at n: linear of each sign, with a zero code, both signs, and ties. */
export function familyCases(n: number): CodesCase[] {
  const lin = (a: number, b: number) => Array.from({ length: n + 1 }, (_, i) => Q.int(a * (i + 1) + b));
  const out = [
    codesCase('$z_i = i$', n, lin(1, 0)),
    codesCase('$z_i = -i$', n, lin(-1, 0)),
    codesCase('$z_i = i - (n+1)$', n, lin(1, -(n + 1))),
    codesCase('$z_i = 2i - (n+2)$', n, lin(2, -(n + 2))),
  ];
  // Ties: the zero signal shares signal 1's code (n distinct), and, for n >= 2, signals 1 and 2 do too (n - 1 distinct).
  const t1 = lin(1, 0);
  t1[n] = t1[0] as Q;
  out.push(codesCase('$z_{n+1} = z_1$, else $z_i = i$', n, t1));
  if (n >= 2) {
    const t2 = [...t1];
    t2[1] = t2[0] as Q;
    out.push(codesCase('$z_1 = z_2 = z_{n+1}$, else $z_i = i$', n, t2));
  }
  return out;
}

/** Random cases: distinct codes of both signs, distinct codes of one sign, and codes with ties, in turn. */
export function randomCases(o: CheckOptions): CodesCase[] {
  const out: CodesCase[] = [];
  for (const { t, n, rng } of trials(o)) {
    const kind = t % 3;
    if (kind === 0) out.push(codesCase('random, both signs', n, randomDistinctCodes(n + 1, rng, 'both')));
    else if (kind === 1) {
      const sign = rng.int(0, 1) === 0 ? 'positive' : 'negative';
      out.push(codesCase('random, one sign', n, randomDistinctCodes(n + 1, rng, sign)));
    } else {
      const base = randomDistinctCodes(n + 1, rng, 'any');
      const k = rng.int(1, n);
      const codes = base.map((z, i) => (i < k ? (base[k] as Q) : z));
      out.push(codesCase('random with ties', n, codes));
    }
  }
  return out;
}

function scopeOf(status: Status, o: CheckOptions): Scope {
  return status === 'inconclusive'
    ? { kind: 'exhaustive', checked: [o.nMin, o.nMax] }
    : { kind: 'proved', checked: [o.nMin, o.nMax] };
}

const PROOF: string[] = [
  '**Indices.** Rows $i = 1, \\dots, n+1$ are the signals, with codes $z_i$ (row $n+1$: the zero signal); columns $j = 1, \\dots, n$ are the neurons. $A_{2,ij} = \\mathrm{ReLU}(W_{2,j} z_i + b_{2,j})$, and "full rank" is rank $n$.',
  '',
  'Write $(x)_+ = \\max(x, 0)$, $z^+ = ((z_i)_+)_i$, $z^- = ((-z_i)_+)_i$, and let $\\sigma \\in \\lbrace 0, 1, 2 \\rbrace$ be the number of signs (positive, negative) present among the codes.',
  '',
  '**Lemma 1 (no bias).** With $\\mathbf b_2 = 0$, $\\operatorname{rank} A_2 \\le \\sigma$, with equality for some $W_2$. ' +
    'Indeed $(w z)_+ = w^+ z^+ + w^- z^-$ with $w^\\pm = (\\pm w)_+$ (for $w \\ge 0$ the second term vanishes, for $w < 0$ the first), so every column lies in $\\operatorname{span} \\lbrace z^+, z^- \\rbrace$. ' +
    'The vectors $z^+$ and $z^-$ have disjoint supports, and $z^+ \\ne 0$ exactly when a code is positive ($z^-$: negative), so the span has dimension $\\sigma$. ' +
    'The neurons $W_{2,j} = +1$ (if a code is positive), $-1$ (if a code is negative), then $0$, give the columns $z^+$, $z^-$, $0, \\dots$: rank $\\min(\\sigma, n)$.',
  '',
  'So without a bias $A_2$ can be full rank exactly when $n \\le \\sigma$: a bias is necessary for every code vector when $n \\ge 3$, for codes of one sign when $n \\ge 2$, and only for the all-zero code vector when $n = 1$.',
  '',
  '**Lemma 2 (with a bias).** Some $W_2, \\mathbf b_2$ give $\\operatorname{rank} A_2 = n$ iff the codes take at least $n$ distinct values. ' +
    'Only if: rows with equal codes are equal, so the rank is at most the number of distinct codes. ' +
    'If: take $n$ distinct codes $y_1 < \\dots < y_n$ and the decreasing neurons $(t_j - z)_+$ ($W_{2,j} = -1$, $b_{2,j} = t_j$) with $t_j = (y_j + y_{j+1})/2$ for $j < n$ and $t_n = y_n + 1$. On the rows of $y_1, \\dots, y_n$ column $j$ is positive exactly at $y_1, \\dots, y_j$: that $n \\times n$ submatrix is triangular with the positive diagonal $t_j - y_j$, so $\\operatorname{rank} A_2 \\ge n$, and $A_2$ has $n$ columns. Any rational codes, any signs. $\\square$',
  '',
  'The computation re-checks, for every code vector of the tables, that $\\operatorname{rank} [z^+ \\ \\ z^-] = \\sigma$, that the bias-free witness reaches $\\min(\\sigma, n)$ and that the triangular layer has rank $n$ (exact ranks).',
];

function check(o: CheckOptions): Verdict {
  const ns = nRange(o);
  const fixed = ns.flatMap((n) => familyCases(n));
  const random = randomCases(o);
  const all = [...fixed, ...random];
  const allDistinct = all.filter((c) => c.distinct === c.n + 1);

  const s = {
    necessary: decideNecessary(all),
    n3: decideNecessary(all.filter((c) => c.n >= 3)),
    oneSign: decideNecessary(all.filter((c) => c.n >= 2 && c.signs <= 1)),
    sufficient: decideSufficient(allDistinct),
    iff: decideIffDistinct(all),
    anyCodes: decideSufficient(all),
    everyLayer: decideEveryLayer(all),
  };
  const witnesses = all.filter((c) => biasNeededAt(c) === false).sort((a, b) => a.n - b.n);
  const failNs = [...new Set(witnesses.map((c) => c.n))].sort((a, b) => a - b);
  const tie = all.find((c) => reachableAt(c) === false);
  const cell = (c: CodesCase) => {
    const need = biasNeededAt(c);
    return need === true
      ? `yes: rank at most ${c.bound} < ${c.n}`
      : need === false
        ? `no: $W_2 = ${texVec(c.witnessW2.map((r) => r[0] as Q))}$ gives rank ${c.n}`
        : 'undecided';
  };
  const reach = (c: CodesCase) => {
    const r = reachableAt(c);
    return r === true
      ? 'yes (triangular)'
      : r === false
        ? `no: only ${c.distinct} distinct code${c.distinct === 1 ? '' : 's'}`
        : 'undecided';
  };
  const vacuous = (xs: CodesCase[]) => (xs.length === 0 ? ' (no case in the range: vacuous)' : '');
  const n3Cases = all.filter((c) => c.n >= 3);
  const oneSignCases = all.filter((c) => c.n >= 2 && c.signs <= 1);

  const randomRows = ['random, both signs', 'random, one sign', 'random with ties'].map((fam) => {
    const xs = random.filter((c) => c.family === fam);
    const noNeed = xs.filter((c) => biasNeededAt(c) === false);
    const need = xs.filter((c) => biasNeededAt(c) === true);
    const reached = xs.filter((c) => reachableAt(c) === true);
    const blocked = xs.filter((c) => reachableAt(c) === false);
    return [
      fam,
      String(xs.length),
      `${need.length} (all with $n > \\sigma$)`,
      `${noNeed.length}${noNeed.length ? ` (at $n = ${[...new Set(noNeed.map((c) => c.n))].sort((a, b) => a - b).join(', ')}$)` : ''}`,
      String(reached.length),
      String(blocked.length),
    ];
  });
  for (const c of random) {
    const need = biasNeededAt(c);
    recheck(need === c.signs < c.n, `bias needed iff sigma < n, ${c.family}, n = ${c.n}`);
  }

  const sections: Section[] = [
    {
      title: 'Code families: is a bias necessary, is rank $n$ reachable with one',
      lines: [
        '$\\sigma$: signs present among the $n + 1$ codes; largest rank without bias $= \\min(\\sigma, n)$ (Lemma 1); with a bias, the triangular layer of Lemma 2 when at least $n$ codes are distinct.',
      ],
      table: {
        header: [
          'codes',
          '$n$',
          '$z_1, \\dots, z_{n+1}$',
          '$\\sigma$',
          'bias necessary?',
          'distinct codes',
          'rank $n$ with a bias?',
        ],
        rows: fixed.map((c) => [
          c.family,
          String(c.n),
          `$${texVec(c.codes)}$`,
          String(c.signs),
          cell(c),
          String(c.distinct),
          reach(c),
        ]),
      },
    },
    {
      title:
        'Random rational codes $p/q$ ($\\lvert p \\rvert \\le \\max(20, 4(n+1))$, $q \\le 4$), each decided exactly',
      table: {
        header: [
          'codes',
          'cases',
          'bias necessary',
          'bias not necessary',
          'rank $n$ reached with a bias',
          'rank $n$ impossible (ties)',
        ],
        rows: randomRows,
      },
    },
    {
      title: 'Smallest bias-free full-rank layers ($\\mathbf b_2 = 0$, all $n+1$ codes)',
      table: {
        header: ['codes', '$n$', '$z$', '$W_2$', '$A_2$', 'rank'],
        rows: witnesses
          .filter((c) => !c.family.startsWith('random'))
          .filter((c, k, xs) => xs.findIndex((d) => d.n === c.n) === k)
          .map((c) => [
            c.family,
            String(c.n),
            `$${texVec(c.codes)}$`,
            `$${texRows(c.witnessW2)}$`,
            `$${texRows(c.witnessA2)}$`,
            String(c.witnessRank),
          ]),
      },
    },
    { title: 'Proof', proof: true, lines: PROOF },
  ];

  const w0 = witnesses[0];
  return verdictFrom(
    o,
    ['necessary', 'sufficient'],
    {
      summary:
        s.necessary === 'refuted'
          ? `a bias is not necessary at $n = ${failNs.join(', ')}$: without bias $\\operatorname{rank} A_2$ is at most the number of code signs present ($\\le 2$), so it is necessary exactly for $n \\ge 3$ ($n \\ge 2$ for codes of one sign); sufficient whenever at least $n$ codes are distinct`
          : `necessary: ${s.necessary}; sufficient for distinct codes: ${s.sufficient}`,
      readings: [
        reading(
          'necessary',
          'For every code vector, a layer without bias ($\\mathbf b_2 = 0$) has $\\operatorname{rank} A_2 < n$.',
          s.necessary,
          s.necessary === 'refuted'
            ? `fails at $n = ${failNs.join(', ')}$: codes with $\\sigma \\ge n$ signs give rank $n$ without bias (smallest: ${w0?.family}, $n = ${w0?.n}$)`
            : s.necessary === 'holds'
              ? 'every $n$ checked is at least 3: $\\operatorname{rank} A_2 \\le \\sigma \\le 2 < n$'
              : 'a case could not be decided',
          scopeOf(s.necessary, o),
        ),
        reading(
          'sufficient',
          'For pairwise distinct codes, some $W_2, \\mathbf b_2$ give $\\operatorname{rank} A_2 = n$.',
          s.sufficient,
          s.sufficient === 'holds'
            ? `the triangular layer has rank $n$ on all ${allDistinct.length} distinct code vectors (families and random codes of both signs)`
            : 'a case could not be decided',
          scopeOf(s.sufficient, o),
        ),
        reading(
          'necessary-n3',
          'For $n \\ge 3$ and every code vector, $\\mathbf b_2 = 0$ gives $\\operatorname{rank} A_2 < n$.',
          s.n3,
          `$\\operatorname{rank} A_2 \\le \\sigma \\le 2 < n$, re-checked on ${n3Cases.length} cases${vacuous(n3Cases)}`,
          scopeOf(s.n3, o),
        ),
        reading(
          'necessary-one-sign',
          'For $n \\ge 2$ and codes of one sign ($\\sigma \\le 1$, e.g. $z_i = i$), $\\mathbf b_2 = 0$ gives $\\operatorname{rank} A_2 < n$.',
          s.oneSign,
          `$\\operatorname{rank} A_2 \\le \\sigma \\le 1 < n$, re-checked on ${oneSignCases.length} cases${vacuous(oneSignCases)}`,
          scopeOf(s.oneSign, o),
        ),
        reading(
          'sufficient-iff-distinct',
          'For any codes, some $W_2, \\mathbf b_2$ give $\\operatorname{rank} A_2 = n$ iff at least $n$ codes are distinct.',
          s.iff,
          s.iff === 'holds'
            ? `reached on every case with at least $n$ distinct codes, impossible on the ${all.filter((c) => c.distinct < c.n).length} with fewer (equal rows)`
            : 'a case contradicts or escapes it',
          scopeOf(s.iff, o),
        ),
        reading(
          'sufficient-any-codes',
          'For any codes, ties allowed, some $W_2, \\mathbf b_2$ give $\\operatorname{rank} A_2 = n$.',
          s.anyCodes,
          s.anyCodes === 'refuted' && tie
            ? `${tie.family} at $n = ${tie.n}$: ${tie.distinct} distinct code${tie.distinct === 1 ? '' : 's'}, so at most ${tie.distinct} distinct row${tie.distinct === 1 ? '' : 's'}`
            : s.anyCodes === 'holds'
              ? 'every case has at least $n$ distinct codes'
              : 'a case could not be decided',
          scopeOf(s.anyCodes, o),
        ),
        reading(
          'sufficient-every-layer',
          'Every layer with a bias vector is full rank.',
          s.everyLayer,
          s.everyLayer === 'refuted' ? '$W_2 = 0$, $\\mathbf b_2 = 0$ gives $A_2 = 0$' : 'no zero layer checked',
          scopeOf(s.everyLayer, o),
        ),
      ],
      sections,
      scope: { kind: 'proved', checked: [o.nMin, o.nMax] },
    },
    {
      counterexample: w0
        ? {
            family: w0.family,
            n: w0.n,
            codes: w0.codes,
            W2: w0.witnessW2,
            b2: 'zero',
            A2: w0.witnessA2,
            rank: w0.witnessRank,
          }
        : null,
      certificate: {
        bound: 'rank A2 <= rank [z+ z-] = number of signs',
        construction: 'triangular knots between n distinct codes',
      },
      reason: 'a case could not be decided',
    },
  );
}

export const lemmaLayer2Bias = defineClaim({
  id: 'lemma-layer2-bias',
  slide: 'Layer 2',
  gist: 'With a ReLU layer 2, a bias is necessary and sufficient for A2 to be full rank.',
  statement:
    'If $g^{[2]} = \\mathrm{ReLU}$, then the presence of a bias is a necessary and sufficient condition to make $A^{[2]}$ full rank.',
  reading:
    '$A_2 = \\mathrm{ReLU}(z W_2^{\\mathsf T} + \\mathbf 1 \\mathbf b_2^{\\mathsf T})$ is $(n+1) \\times n$ over the codes of all $n+1$ signals, and full rank means rank $n$. Necessary: for every code vector, no layer with $\\mathbf b_2 = 0$ has rank $n$. Sufficient: for pairwise distinct codes (as the codes of a reconstructing encoder are), some $W_2, \\mathbf b_2$ give rank $n$. Variants restrict the codes or $n$, drop distinctness, or read "sufficient" for every layer.',
  method:
    'For every $n$ checked, code families (linear of each sign, with a zero code, of both signs, with ties) and random rational codes (both signs, one sign, with ties), each decided exactly: the bias-free bound $\\operatorname{rank} [z^+ \\ \\ z^-] = \\sigma$ and the witness $W_2 = (1, -1, 0, \\dots)$ reaching it; with a bias, the triangular layer over $n$ distinct codes, or fewer than $n$ distinct codes (equal rows). Lemmas 1 and 2 on the page prove both for every $n$.',
  defaultNMax: 8,
  maxNMax: 64,
  options: {},
  check,
});
