/**
 * identity-k (deck, "Layer 2"):
 *   A2_ij = g2(W2_j (z(i) + k_j)) with k_j = b2_j / W2_j.
 *
 * Indices: codes z_i (i = 1..n+1, or 1..n with the zero signal dropped),
 * neurons j.
 *
 * As worded it is an identity wherever k_j is defined: W2_j (z + b2_j/W2_j)
 * = W2_j z + b2_j for W2_j != 0, for every g2 (checked symbolically and by
 * exact evaluation on random layers).
 *
 * What the k-form misses when W2_j = 0, for ReLU, decided exactly column by
 * column (kFormOnCodes: is there w != 0 and k with ReLU(w(z_i + k)) equal to
 * the column on every code?):
 * - a zero column (b2_j <= 0) HAS the k-form on the codes: w = 1, k = -max z;
 * - a positive constant column (b2_j > 0) has none as soon as two codes differ
 *   (ReLU(w(z + k)) = c > 0 at z != z' forces w(z - z') = 0), and has one
 *   with a single code (n = 1, zero signal dropped).
 * In exact solutions: with the zero signal kept, n2 = n and no b3, every
 * W2_j != 0 (rank A2 = rank U3 = n gives col A2 = col U3; a constant column
 * would put 1 in col U3, but det [U3 1] = prod (C - u_{i+1,i}) >= C^n > 0), so
 * the k-form covers every solution; with the zero signal dropped, solutions
 * with a positive constant column exist for every n.
 */
import { Poly } from '../kernel/poly.js';
import { type Mat, solve, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode, type ExactActivation, identityActivation, layer2, layer3, relu } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { latexQ } from '../render/format.js';
import { texPoly, texRange, texRows, texVec } from '../render/tex.js';
import { formOne, linearEncoder } from '../construct/decoder.js';
import { Rng } from '../random.js';
import { nRange, type PendingReading, reading, recheck, upTo, verdictFrom } from './common.js';
import { certified, type DetEvidence, decideFullRank, detEvidence, formOneEntryV } from './lemma-layer3.js';
import type { Scope, Status, Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

const ACTIVATIONS: [string, ExactActivation][] = [
  ['ReLU', relu],
  ['identity', identityActivation],
  ['clipped ReLU', (u) => relu(u).min(Q.ONE)],
  ['Heaviside', (u) => (u.sign() > 0 ? Q.ONE : Q.ZERO)],
];

/** A reading's status and its reason. */
export interface Decided {
  status: Status;
  reason: string;
}

// ---------------------------------------------------------------- the identity

/** One exact comparison of both sides: g(W z + b) against g(W (z + k)). */
export interface IdentitySample {
  g: string;
  W: Q;
  b: Q;
  z: Q;
  lhs: Q;
  rhs: Q;
}

/**
 * Exact samples of both sides on random layers (random linear codes, W != 0, b),
 * for four activations, n in range. `kOf` is the deck's k = b/W; tests pass variants.
 */
export function identitySamples(
  ns: readonly number[],
  C: Q,
  rng: Rng,
  perN: number,
  kOf: (W: Q, b: Q) => Q = (W, b) => b.div(W),
): IdentitySample[] {
  const out: IdentitySample[] = [];
  for (const n of ns) {
    const enc = linearEncoder(n, C, Q.of(BigInt(rng.int(1, 3)), BigInt(rng.int(1, 2))), Q.int(rng.int(-3, 3)));
    const codes = encode(enc.W1, enc.b1, stepMatrix(n, C));
    for (const [name, g] of ACTIVATIONS) {
      for (let t = 0; t < perN; t++) {
        let w = 0;
        while (w === 0) w = rng.int(-5, 5);
        const W = Q.of(BigInt(w), BigInt(rng.int(1, 4)));
        const b = Q.of(BigInt(rng.int(-9, 9)), BigInt(rng.int(1, 4)));
        for (const z of codes) out.push({ g: name, W, b, z, lhs: g(W.mul(z).add(b)), rhs: g(W.mul(z.add(kOf(W, b)))) });
      }
    }
  }
  return out;
}

/** The symbolic identity W (z + k) = W z + b under b = W k (the bijection (W, b) <-> (W, k) for W != 0). */
export function symbolicIdentity(): { lhs: Poly; rhs: Poly } {
  const [W, z, k] = ['W', 'z', 'k'].map((v) => Poly.variable(v)) as [Poly, Poly, Poly];
  return { lhs: W.mul(z.add(k)), rhs: W.mul(z).add(W.mul(k)) };
}

/** Holds when the symbolic sides agree and every sample agrees; refuted by the first disagreement. */
export function decideIdentity(sym: { lhs: Poly; rhs: Poly }, samples: readonly IdentitySample[]): Decided {
  if (!sym.lhs.equals(sym.rhs))
    return { status: 'refuted', reason: 'the two affine maps differ as polynomials in $W$, $z$, $k$' };
  const bad = samples.find((s) => !s.lhs.equals(s.rhs));
  if (bad)
    return {
      status: 'refuted',
      reason: `${bad.g}: $W = ${latexQ(bad.W)}$, $b = ${latexQ(bad.b)}$, $z = ${latexQ(bad.z)}$ give $${latexQ(bad.lhs)} \\ne ${latexQ(bad.rhs)}$`,
    };
  return {
    status: 'holds',
    reason: `$W(z + b/W) = Wz + b$ as polynomials, and ${samples.length} exact evaluations agree`,
  };
}

// ---------------------------------------------------------------- columns with W2_j = 0

/**
 * The k-form of a ReLU column on the codes, decided exactly: w != 0 and k with
 * ReLU(w (z_i + k)) = a_i for every i, or undefined when none exists.
 * With c = w k: positive entries need w z_i + c = a_i (a line through them, w != 0),
 * zero entries need w z_i + c <= 0. All zero: w = 1, c = -max z. Positive entries at
 * two distinct codes fix the line; at one code z*, the zero entries bound w from one
 * side each (w <= -a/(z_i - z*) for z_i > z*, w >= a/(z* - z_i) for z_i < z*).
 */
export function kFormOnCodes(column: readonly Q[], codes: readonly Q[]): { w: Q; k: Q } | undefined {
  if (column.some((a) => a.sign() < 0) || column.length !== codes.length || codes.length === 0) return undefined;
  const pos = column.map((_, i) => i).filter((i) => (column[i] as Q).sign() > 0);
  const zer = column.map((_, i) => i).filter((i) => (column[i] as Q).isZero());
  const at = (i: number) => codes[i] as Q;
  const ok = (w: Q, c: Q) =>
    !w.isZero() &&
    pos.every((i) =>
      w
        .mul(at(i))
        .add(c)
        .equals(column[i] as Q),
    ) &&
    zer.every((i) => w.mul(at(i)).add(c).sign() <= 0);
  const result = (w: Q, c: Q) => (ok(w, c) ? { w, k: c.div(w) } : undefined);
  if (pos.length === 0) {
    const max = codes.reduce((m, z) => (m.lt(z) ? z : m));
    return result(Q.ONE, max.neg());
  }
  const p = pos[0] as number;
  const q = pos.find((i) => !at(i).equals(at(p)));
  if (q !== undefined) {
    const w = (column[q] as Q).sub(column[p] as Q).div(at(q).sub(at(p)));
    return result(w, (column[p] as Q).sub(w.mul(at(p))));
  }
  // One distinct code z* among the positive entries.
  const zs = at(p);
  const a = column[p] as Q;
  let upper: Q | undefined;
  let lower: Q | undefined;
  for (const i of zer) {
    const d = at(i).sub(zs);
    if (d.isZero()) return undefined;
    const bound = a.neg().div(d); // w d + a <= 0
    if (d.sign() > 0) upper = upper === undefined ? bound : upper.min(bound);
    else lower = lower === undefined ? bound : lower.max(bound);
  }
  if (upper !== undefined && lower !== undefined) return undefined;
  const w = upper ?? lower ?? Q.ONE;
  return result(w, a.sub(w.mul(zs)));
}

/** One column case: the column of ReLU(0 z + b) on given codes, and its k-form if any. */
export interface ColumnCase {
  b: Q;
  codes: Q[];
  column: Q[];
  kForm: { w: Q; k: Q } | undefined;
}

/** The constant column ReLU(b) on the codes, decided. */
export function columnCase(b: Q, codes: readonly Q[]): ColumnCase {
  const column = codes.map(() => relu(b));
  const kForm = kFormOnCodes(column, codes);
  if (kForm)
    recheck(
      codes.every((z, i) => relu(kForm.w.mul(z.add(kForm.k))).equals(column[i] as Q)),
      `k-form of a constant column, b = ${b}`,
    );
  return { b, codes: [...codes], column, kForm };
}

/** "Every case has the k-form": holds when each does, refuted by the first that does not. */
export function decideColumns(cases: readonly ColumnCase[]): Decided {
  if (cases.length === 0) return { status: 'inconclusive', reason: 'no case of this class in the range checked' };
  const bad = cases.find((c) => !c.kForm);
  if (bad)
    return {
      status: 'refuted',
      reason: `$W_{2,j} = 0$, $b_{2,j} = ${latexQ(bad.b)}$ on codes $${texVec(bad.codes)}$: no $w \\ne 0$, $k$ with $\\mathrm{ReLU}(w(z_i + k)) = ${latexQ(relu(bad.b))}$ for all $i$`,
    };
  const first = cases[0] as ColumnCase;
  return {
    status: 'holds',
    reason: `all ${cases.length} cases have one, e.g. $b_{2,j} = ${latexQ(first.b)}$ on $${texVec(first.codes)}$: $w = ${latexQ(first.kForm!.w)}$, $k = ${latexQ(first.kForm!.k)}$`,
  };
}

// ---------------------------------------------------------------- exact solutions

/** A solution on signals 1..n with a positive constant neuron: W2 = (0, 1, ..., 1), b2 = (1, -1, ..., -(n-1)), codes z_i = i. */
export interface DroppedWitness {
  n: number;
  W2: Q[];
  b2: Q[];
  W3: Mat;
  /** Y = X on signals 1..n, exactly. */
  reconstructs: boolean;
}

/**
 * The witness for one n: layer 2 has the constant column 1 and the ramps
 * ReLU(z - j), j = 1..n-1, on the codes 1..n (a unit lower-triangular A2 up to
 * its first column), and W3^T = A2^{-1} U3 with U3 the top rows of form (1), zeros below.
 */
export function droppedWitness(n: number, C: Q): DroppedWitness {
  const codes = upTo(n).map((i) => Q.int(i));
  const W2 = upTo(n).map((j) => (j === 1 ? Q.ZERO : Q.ONE));
  const b2 = upTo(n).map((j) => (j === 1 ? Q.ONE : Q.int(1 - j)));
  const A2 = layer2(
    codes,
    W2.map((w) => [w]),
    b2,
  );
  const U3 = formOne(n, C).slice(0, n);
  const W3 = transpose(solve(A2, U3));
  const { Y } = layer3(A2, W3);
  const X = stepMatrix(n, C).slice(0, n);
  return { n, W2, b2, W3, reconstructs: Y.every((r, i) => r.every((y, j) => y.equals((X[i] as Q[])[j] as Q))) };
}

/** "With the zero signal dropped every solution has all W2_j != 0": refuted by a verified witness with some W2_j = 0. */
export function decideSolutionsDropped(ws: readonly DroppedWitness[]): Decided {
  // Cite n = 2 when available: at n = 1 a single signal makes the example look trivial.
  const found = ws.filter((w) => w.reconstructs && w.W2.some((x) => x.isZero()));
  const bad = found.find((w) => w.n === 2) ?? found[0];
  if (bad)
    return {
      status: 'refuted',
      reason: `$n = ${bad.n}$: a solution with $W_{2,1} = 0$, $b_{2,1} = 1$ (a positive constant column) reconstructs ${bad.n === 1 ? 'signal $1$' : `signals $1, \\dots, ${bad.n}$`} exactly`,
    };
  return { status: 'inconclusive', reason: 'no witness verified' };
}

/** The bordered matrix [U 1] of form (1), (n+1) x (n+1), with u_ij = -v_ij. */
export function borderedEntry(n: number): (i: number, j: number) => Poly {
  return (i, j) => (j === n ? Poly.constant(Q.ONE) : formOneEntryV(i, j));
}

/**
 * "With the zero signal kept, n2 = n, no b3, every W2_j != 0": holds when
 * det [U 1] > 0 is certified for every n (the proof then excludes constant and
 * zero columns); refuted when det [U 1] vanishes at an admissible point.
 */
export function decideSolutionsKept(dets: readonly DetEvidence[]): Decided {
  const d = decideFullRank(dets);
  if (d.status === 'holds')
    return {
      status: 'holds',
      reason: `$\\det [U \\ \\mathbf{1}] \\ge C^n > 0$ certified for $${texRange(dets[0]!.n - 1, dets[dets.length - 1]!.n - 1)}$: no solution has a constant or zero column`,
    };
  return { status: d.status, reason: d.reason.replace('$n = ', '$n + 1 = ') };
}

// ---------------------------------------------------------------- the check

/** An undecided reading claims no proof: its scope is what was computed, nothing more. */
function undecidedScope(rs: PendingReading[], checked: readonly [number, number]): PendingReading[] {
  return rs.map((r) => (r.status === 'inconclusive' ? { ...r, scope: { kind: 'exhaustive', checked } } : r));
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const ns = nRange(o);
  const rng = new Rng(o.seed);
  const scope: Scope = { kind: 'proved', checked: [o.nMin, nMax] };

  const perN = Math.max(1, Math.ceil(o.runs / ns.length));
  const samples = identitySamples(ns, C, rng, perN);
  const ident = decideIdentity(symbolicIdentity(), samples);

  // Constant columns on the codes of each n (all signals, and 1..n), for b2_j in a fixed set.
  const zeroCases: ColumnCase[] = [];
  const posCases: ColumnCase[] = [];
  const oneCode: ColumnCase[] = [];
  const bs = ['-2', '0', '1', '5/2'].map((b) => Q.parse(b));
  for (const n of ns) {
    const enc = linearEncoder(n, C, Q.of(BigInt(rng.int(1, 3)), BigInt(rng.int(1, 2))), Q.int(rng.int(-3, 3)));
    const codes = encode(enc.W1, enc.b1, stepMatrix(n, C));
    for (const b of bs) {
      for (const cs of [codes, codes.slice(0, n)]) {
        const c = columnCase(b, cs);
        const distinct = new Set(cs.map(String)).size;
        if (b.sign() <= 0) zeroCases.push(c);
        else if (distinct >= 2) posCases.push(c);
        else oneCode.push(c);
      }
    }
  }
  const allCases = [...zeroCases, ...posCases, ...oneCode];
  const every = decideColumns(allCases);
  const zero = decideColumns(zeroCases);
  const positive = decideColumns(posCases);
  const single = decideColumns(oneCode);

  // Exact solutions: the bordered determinants (kept) and the witnesses (dropped).
  const dets = ns.map((n) => detEvidence(n + 1, C, borderedEntry(n)));
  const kept = decideSolutionsKept(dets);
  const witnesses = ns.map((n) => droppedWitness(n, C));
  for (const w of witnesses) recheck(w.reconstructs, `dropped-signal witness, n = ${w.n}`);
  const dropped = decideSolutionsDropped(witnesses);
  const w2 = witnesses.find((w) => w.n === 2) ?? witnesses[0];

  const classRows = [
    ['zero column', '$W_{2,j} = 0$, $b_{2,j} \\le 0$', `${zeroCases.length}`, zero.status === 'holds' ? 'yes' : 'no'],
    [
      'positive constant, two or more distinct codes',
      '$W_{2,j} = 0$, $b_{2,j} > 0$',
      `${posCases.length}`,
      positive.status === 'holds' ? 'yes' : 'no',
    ],
    [
      'positive constant, one code',
      '$W_{2,j} = 0$, $b_{2,j} > 0$, $n = 1$, zero signal dropped',
      `${oneCode.length}`,
      single.status === 'holds' ? 'yes' : single.status === 'refuted' ? 'no' : 'not in range',
    ],
  ];
  const detRows = dets.map((d) => [
    `$${d.n - 1}$`,
    `${d.det.size()} terms`,
    certified(d) ? `yes; at $v = 0$: $${texPoly(d.pureC)}$` : 'no',
  ]);

  return verdictFrom(
    o,
    ['identity'],
    {
      summary:
        'an identity wherever $W_{2,j} \\ne 0$, for every $g_2$; with $W_{2,j} = 0$ (ReLU) a zero column still has the $k$-form on the codes, only a positive constant column has none (with two or more distinct codes); no exact solution with the zero signal kept and $n_2 = n$ has $W_{2,j} = 0$',
      readings: undecidedScope(
        [
          reading(
            'identity',
            'wherever $k_j$ is defined: $W_{2,j} \\ne 0 \\Rightarrow g(W_{2,j} z + b_{2,j}) = g(W_{2,j}(z + k_j))$ with $k_j = b_{2,j}/W_{2,j}$, for every $g$ and $z$',
            ident.status,
            ident.reason,
            scope,
          ),
          reading(
            'every-relu-column',
            'every column of a ReLU layer, $W_{2,j} = 0$ allowed, has the $k$-form on the codes: some $w \\ne 0$, $k$ give $\\mathrm{ReLU}(W_{2,j} z_i + b_{2,j}) = \\mathrm{ReLU}(w(z_i + k))$ for all $i$',
            every.status,
            every.reason,
            scope,
          ),
          reading(
            'zero-column',
            'the same for zero columns, $W_{2,j} = 0$ and $b_{2,j} \\le 0$',
            zero.status,
            zero.reason,
            scope,
          ),
          reading(
            'positive-constant-column',
            'the same for positive constant columns, $W_{2,j} = 0$ and $b_{2,j} > 0$, with at least two distinct codes',
            positive.status,
            positive.reason,
            scope,
          ),
          reading(
            'one-code',
            'the same with a single code ($n = 1$, zero signal dropped): every column has the $k$-form',
            single.status,
            single.reason,
            scope,
          ),
          reading(
            'solutions-kept',
            'the $k$-form loses no exact solution: with the zero signal kept, $n_2 = n$ and no $b_3$, every solution has all $W_{2,j} \\ne 0$',
            kept.status,
            kept.reason,
            scope,
          ),
          reading(
            'solutions-dropped',
            'the same with the zero signal dropped (signals $1, \\dots, n$)',
            dropped.status,
            dropped.reason,
            scope,
          ),
        ],
        [o.nMin, nMax],
      ),
      sections: [
        {
          title: 'Proofs (every $n$)',
          proof: true,
          lines: [
            '**Indices.** Codes $z_i$ ($i = 1, \\dots, n+1$, or $1, \\dots, n$ with the zero signal dropped), neurons $j$; column $j$ of $A_2$ is $g(W_{2,j} z_i + b_{2,j})$ over the codes. **Form (1)**: $U_{ij} = C$ for $j \\ge i$ and $U_{ij} \\le 0$ for $j < i$.',
            '',
            '*`identity`.* For $W_{2,j} \\ne 0$, $W_{2,j}(z + b_{2,j}/W_{2,j}) = W_{2,j} z + b_{2,j}$ in $\\mathbb{R}$; apply $g$. $(W, b) \\mapsto (W, b/W)$ is a bijection for $W \\ne 0$, so nothing is lost where $k_j$ is defined.',
            '',
            "*Columns with $W_{2,j} = 0$ (ReLU).* The column is the constant $\\mathrm{ReLU}(b_{2,j})$. If $b_{2,j} \\le 0$ it is the zero column, equal on the codes to $\\mathrm{ReLU}(z - \\max_i z_i)$: $w = 1$, $k = -\\max_i z_i$ (`zero-column`). If $c = b_{2,j} > 0$ and two codes $z \\ne z'$ exist, $\\mathrm{ReLU}(w(z + k)) = \\mathrm{ReLU}(w(z' + k)) = c > 0$ forces $w(z + k) = w(z' + k) = c$, so $w(z - z') = 0$ and $w = 0$ (`positive-constant-column`). With a single code $z_1$, $w = 1$, $k = c - z_1$ works (`one-code`). The check decides the $k$-form of each column exactly: positive entries must lie on the line $w z + wk$, zero entries below zero.",
            '',
            '*`solutions-kept`.* Let $(W_2, \\mathbf{b}_2, W_3)$ be an exact solution on all $n+1$ signals with $n_2 = n$ and $U_3 = A_2 W_3^{\\mathsf T}$. By lemma-layer3, $U_3$ has form (1) and rank $n$, so $\\operatorname{rank} A_2 = n$ and $\\operatorname{col} U_3 \\subseteq \\operatorname{col} A_2$ have equal dimension: $\\operatorname{col} A_2 = \\operatorname{col} U_3$. A zero column would make $\\operatorname{rank} A_2 < n$. A constant column $c\\mathbf{1}$, $c > 0$, would put $\\mathbf{1}$ in $\\operatorname{col} U_3$, making $[U_3 \\ \\mathbf{1}]$ singular; but the row differences of lemma-layer3 (row $i$ minus row $i+1$, $i = 1, \\dots, n$) zero the last column in rows $1, \\dots, n$ and give',
            '$$\\det [U_3 \\ \\mathbf{1}] = \\prod_{i=1}^{n} (C - u_{i+1,i}) \\ \\ge\\ C^n > 0.$$',
            'So every $W_{2,j} \\ne 0$, and every solution has the $k$-form.',
            '',
            '*`solutions-dropped`.* On signals $1, \\dots, n$ with codes $z_i = i$, take neuron $1$ constant ($W_{2,1} = 0$, $b_{2,1} = 1$) and neurons $j \\ge 2$ the ramps $\\mathrm{ReLU}(z - (j-1))$. $A_2$ has first column $\\mathbf{1}$ and is lower triangular with unit diagonal, hence invertible, and $W_3^{\\mathsf T} = A_2^{-1} U_3$ reconstructs for any $U_3$ of form (1): the constant neuron acts as a layer-3 bias. $\\square$',
            '',
            `**What the computation re-checks.** For $${texRange(o.nMin, nMax)}$: both sides of the identity on ${samples.length} exact evaluations (ReLU, identity, clipped ReLU, Heaviside; random linear codes, weights, biases); the $k$-form of constant columns with $b_{2,j} \\in \\lbrace -2, 0, 1, \\tfrac52 \\rbrace$ on random linear codes, with and without the zero signal; $\\det [U \\ \\mathbf{1}]$ as an exact polynomial in $C$ and $v_{ij} = -u_{ij} \\ge 0$ (positive coefficients certify $\\ge C^n$); and the dropped-signal solutions by the exact forward pass.`,
          ],
        },
        {
          title: 'Constant columns ($W_{2,j} = 0$, ReLU): is there a $k$-form on the codes?',
          table: { header: ['class', 'column', 'cases checked', '$k$-form on the codes'], rows: classRows },
        },
        {
          title: 'Zero signal kept: $\\det [U \\ \\mathbf{1}]$ for $U$ of form (1)',
          table: {
            header: ['$n$', 'size', 'certified: all coefficients positive in $C$ and $v_{ij} = -u_{ij}$'],
            rows: detRows,
          },
        },
        {
          title: 'Zero signal dropped: a solution with a constant neuron',
          lines: w2
            ? [
                `$n = ${w2.n}$, codes $z = ${texVec(upTo(w2.n).map((i) => Q.int(i)))}$, $W_2 = ${texVec(w2.W2)}$, $\\mathbf{b}_2 = ${texVec(w2.b2)}$, $W_3 = ${texRows(w2.W3)}$: $Y = X$ on signals $1, \\dots, ${w2.n}$ exactly; neuron $1$ is the constant $1$, which has no $k_1$.`,
              ]
            : [],
        },
      ],
      scope,
    },
    {
      certificate: {
        identity: 'W(z + b/W) = Wz + b for W != 0',
        evaluations: samples.length,
        zeroColumn: 'ReLU(z - max z) on the codes',
        positiveConstant: 'no k-form with two or more distinct codes',
      },
      counterexample: { identity: ident.reason },
    },
  );
}

export const identityK = defineClaim({
  id: 'identity-k',
  slide: 'Layer 2',
  gist: 'A2_ij = g2(W2_j (z(i) + k_j)) with k_j = b2_j / W2_j.',
  statement:
    '$A^{[2]}_{ij} = g^{[2]}\\big(W^{[2]}_j (z^{(i)} + k_j)\\big)$ where $k_j = \\mathbf{b}^{[2]}_j / W^{[2]}_j$.',
  reading:
    'As worded: an identity wherever $k_j$ is defined ($W_{2,j} \\ne 0$), for every activation. Variants: whether columns with $W_{2,j} = 0$ (ReLU) still have a $k$-form on the codes, by class, and whether the $k$-form loses exact solutions, with the zero signal kept or dropped.',
  method:
    'The identity symbolically and by exact evaluation on random layers for four activations; the $k$-form of constant ReLU columns decided exactly on random linear codes; $\\det [U \\ \\mathbf{1}]$ for form (1) as an exact polynomial with a positivity certificate; a dropped-signal solution with a constant neuron verified by the exact forward pass, for every $n$ in range.',
  defaultNMax: 8,
  maxNMax: 16,
  options: {},
  check,
});
