/**
 * lemma-encoder (deck, "One Layer Encoder"):
 *   one linear layer z = W1 x + b1 gives codes linear in the position,
 *   z(i) = alpha*i + beta with alpha != 0; no non-linearity is needed.
 *
 * Indices: signals i = 1..n+1 (n+1 the zero signal), input coordinates j = 1..n.
 * Unknowns v = (W1_1..W1_n, b1, alpha, beta). The conditions
 *   sum_{j >= i} C W1_j + b1 - alpha*i - beta = 0
 * are linear and homogeneous in v; their solution space is computed exactly,
 * once on all n+1 signals and once with the zero signal dropped (i = 1..n).
 * Differencing consecutive signals, z_i - z_{i+1} = C W1_i (universal), so
 * - all signals: W1_i = -alpha/C for i = 1..n, i.e. W1 = w 1 with w != 0, b1 free
 *   (dimension 2, alpha = -C w, beta = b1 + C w (n+1));
 * - zero signal dropped: only i = 1..n-1 are differenced, so W1_n is free too
 *   (dimension 3); for n = 1 a single code is "linear" for any (W1, b1).
 * Each reading is decided by a small pure function of the computed spaces.
 */
import { checkRankCertificate, gaussRank, isKernelVector } from '../kernel/certificate.js';
import { type Mat, rankCertificate } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { texRange } from '../render/tex.js';
import { linearEncoder } from '../construct/decoder.js';
import { nRange, reading, recheck, verdictFrom } from './common.js';
import type { Scope, Status, Verdict } from '../verdict.js';
import { type CheckOptions, defineClaim } from './types.js';

/** Which signals the codes must be linear on: all n+1, or 1..n (the zero signal dropped). */
export type Signals = 'all' | 'dropped';

/** The matrix of the linear-code conditions on (W1, b1, alpha, beta): n+1 rows (all) or n rows (dropped). */
export function linearCodeSystem(n: number, C: Q, signals: Signals = 'all'): Mat {
  const count = signals === 'all' ? n + 1 : n;
  return Array.from({ length: count }, (_, r) => {
    const i = r + 1;
    return [...Array.from({ length: n }, (_, j) => (j + 1 >= i ? C : Q.ZERO)), Q.ONE, Q.int(-i), Q.MINUS_ONE];
  });
}

/** The generators of the solution space the differencing argument predicts (coordinates as in linearCodeSystem). */
export function predictedBasis(n: number, C: Q, signals: Signals = 'all'): Q[][] {
  const ones = (k: number) => Array.from({ length: k }, () => Q.ONE);
  const zeros = (k: number) => Array.from({ length: k }, () => Q.ZERO);
  if (signals === 'all') {
    return [
      [...ones(n), Q.ZERO, C.neg(), C.mul(Q.int(n + 1))], // w = 1, b1 = 0
      [...zeros(n), Q.ONE, Q.ZERO, Q.ONE], // w = 0, b1 = 1
    ];
  }
  return [
    [...ones(n - 1), Q.ZERO, Q.ZERO, C.neg(), C.mul(Q.int(n))], // W1_1..W1_{n-1} = 1
    [...zeros(n - 1), Q.ONE, Q.ZERO, Q.ZERO, C], // W1_n = 1
    [...zeros(n), Q.ONE, Q.ZERO, Q.ONE], // b1 = 1
  ];
}

/** The computed solution space of one system, with the predicted family beside it. */
export interface SpaceEvidence {
  n: number;
  signals: Signals;
  system: Mat;
  /** A basis of the exact solution space (from a re-checked rank certificate). */
  kernel: Q[][];
  predicted: Q[][];
  /** The codes of the witness encoder W1 = -(1/C) 1, b1 = n+1, by the exact forward pass (no activation). */
  witnessCodes: Q[];
}

/** Solves the system exactly for one n (the rank certificate is re-checked independently). */
export function spaceEvidence(n: number, C: Q, signals: Signals): SpaceEvidence {
  const system = linearCodeSystem(n, C, signals);
  const cert = rankCertificate(system);
  recheck(checkRankCertificate(system, cert).ok, `rank certificate of the encoder system, n = ${n}`);
  const e = linearEncoder(n, C);
  const X = stepMatrix(n, C);
  const rows = signals === 'all' ? X : X.slice(0, n);
  return {
    n,
    signals,
    system,
    kernel: cert.kernel,
    predicted: predictedBasis(n, C, signals),
    witnessCodes: encode(e.W1, e.b1, rows),
  };
}

/** The index of alpha (and beta) among the unknowns (W1_1..W1_n, b1, alpha, beta). */
const alphaAt = (n: number) => n + 1;
const betaAt = (n: number) => n + 2;

/**
 * "Some (W1, b1) give alpha != 0": alpha is a linear function on the solution
 * space, nonzero somewhere iff nonzero on some basis vector. Refuted at the first
 * n where every solution has alpha = 0.
 */
export function decideExists(ev: readonly SpaceEvidence[]): { status: Status; reason: string } {
  const bad = ev.find((e) => e.kernel.every((v) => (v[alphaAt(e.n)] ?? Q.ZERO).isZero()));
  if (bad) return { status: 'refuted', reason: `every solution has $\\alpha = 0$ at $n = ${bad.n}$` };
  return { status: 'holds', reason: 'a solution with $\\alpha \\ne 0$ exists for every $n$ checked' };
}

/** The codes are alpha i + beta with alpha != 0 (i = 1, 2, ...). */
export function isLinearCodes(z: readonly Q[]): boolean {
  if (z.length < 2) return z.length === 1;
  const alpha = (z[1] as Q).sub(z[0] as Q);
  return !alpha.isZero() && z.every((zi, i) => zi.sub(z[0] as Q).equals(alpha.mul(Q.int(i))));
}

/**
 * "No activation is needed": the affine encoder, run without activation, gives
 * linear codes for every n (the witness). If it does not, the statement rests on
 * `exists` alone: refuted when no affine encoder works, else inconclusive.
 */
export function decideNoNonlinearity(ev: readonly SpaceEvidence[]): { status: Status; reason: string } {
  if (ev.every((e) => isLinearCodes(e.witnessCodes)))
    return {
      status: 'holds',
      reason:
        'the affine encoder $W_1 = -\\tfrac{1}{C}\\mathbf{1}^{\\mathsf T}$, $b_1 = n+1$, with no activation, gives $z_i = i$',
    };
  return decideExists(ev).status === 'refuted'
    ? { status: 'refuted', reason: 'no affine encoder gives linear codes' }
    : { status: 'inconclusive', reason: 'the witness encoder does not give linear codes' };
}

/** The predicted generators span exactly the computed solution space. */
export function sameSpace(e: SpaceEvidence): boolean {
  const inKernel = e.predicted.every((v) => v.length === e.system[0]?.length && isKernelVector(e.system, v));
  return (
    inKernel &&
    gaussRank(e.predicted) === e.predicted.length &&
    e.predicted.length === e.kernel.length &&
    gaussRank([...e.kernel, ...e.predicted]) === e.kernel.length
  );
}

/** "The set of all encoders giving linear codes is the predicted family": refuted at the first n where it is not. */
export function decideCharacterisation(ev: readonly SpaceEvidence[]): { status: Status; reason: string } {
  const bad = ev.find((e) => !sameSpace(e));
  if (bad)
    return {
      status: 'refuted',
      reason: `at $n = ${bad.n}$ the solutions form a space of dimension ${bad.kernel.length}, not the predicted family (${bad.predicted.length} generators)`,
    };
  const dims = [...new Set(ev.map((e) => e.kernel.length))].join(', ');
  return { status: 'holds', reason: `the exact solution space equals the predicted family (dimension ${dims})` };
}

/** "beta = 0 is possible with alpha != 0": the solutions with beta = 0, and alpha on them. */
export function decideStrictlyLinear(ev: readonly SpaceEvidence[]): { status: Status; reason: string } {
  for (const e of ev) {
    const withBeta = [...e.system, e.system[0]!.map((_, k) => (k === betaAt(e.n) ? Q.ONE : Q.ZERO))];
    const cert = rankCertificate(withBeta);
    if (cert.kernel.every((v) => (v[alphaAt(e.n)] ?? Q.ZERO).isZero()))
      return { status: 'refuted', reason: `with $\\beta = 0$ every solution has $\\alpha = 0$ at $n = ${e.n}$` };
  }
  return {
    status: 'holds',
    reason: 'with $\\beta = 0$ the solutions still reach $\\alpha \\ne 0$ ($b_1 = -Cw(n+1)$)',
  };
}

function check(o: CheckOptions): Verdict {
  const { nMax, C } = o;
  const ns = nRange(o);
  const all = ns.map((n) => spaceEvidence(n, C, 'all'));
  const dropped = ns.map((n) => spaceEvidence(n, C, 'dropped'));
  const exists = decideExists(all);
  const noNonlin = decideNoNonlinearity(all);
  const charAll = decideCharacterisation(all);
  const charDropped = decideCharacterisation(dropped);
  const strict = decideStrictlyLinear(all);
  const rows = ns.map((n, k) => {
    const a = all[k] as SpaceEvidence;
    const d = dropped[k] as SpaceEvidence;
    return [
      `$${n}$`,
      String(a.kernel.length),
      sameSpace(a) ? 'yes' : 'no',
      String(d.kernel.length),
      sameSpace(d) ? 'yes' : 'no',
      isLinearCodes(a.witnessCodes) ? 'yes' : 'no',
    ];
  });
  const scope: Scope = { kind: 'proved', checked: [o.nMin, nMax] };
  return verdictFrom(
    o,
    ['exists', 'no-nonlinearity'],
    {
      summary:
        'one affine layer gives codes $z_i = \\alpha i + \\beta$, $\\alpha \\ne 0$, iff $W_1 = w \\mathbf 1^{\\mathsf T}$ with $w \\ne 0$ ($b_1$ free); with the zero signal dropped $W_{1,n}$ is free too; no activation is needed',
      readings: [
        reading(
          'exists',
          'one linear layer is enough: some $W_1 \\in \\mathbb{R}^{1 \\times n}$, $b_1$ give $z_i = W_1 x^{(i)} + b_1 = \\alpha i + \\beta$ with $\\alpha \\ne 0$ on all signals $i = 1, \\dots, n+1$',
          exists.status,
          exists.reason,
          scope,
        ),
        reading(
          'no-nonlinearity',
          'no activation is required: the affine map $x \\mapsto W_1 x + b_1$ itself gives linear codes',
          noNonlin.status,
          noNonlin.reason,
          scope,
        ),
        reading(
          'all-signals',
          'the set of all such encoders on signals $1, \\dots, n+1$: $W_1 = w \\mathbf{1}^{\\mathsf T}$ with $w \\ne 0$, $b_1$ free; then $\\alpha = -Cw$, $\\beta = b_1 + Cw(n+1)$',
          charAll.status,
          charAll.reason,
          scope,
        ),
        reading(
          'zero-signal-dropped',
          'the same set on signals $1, \\dots, n$ only: $W_{1,1} = \\dots = W_{1,n-1} = w \\ne 0$ with $W_{1,n}$ and $b_1$ free ($n \\ge 2$); every $(W_1, b_1)$ when $n = 1$',
          charDropped.status,
          charDropped.reason,
          scope,
        ),
        reading(
          'strictly-linear',
          'codes $z_i = \\alpha i$ without offset are reachable too: $b_1 = -Cw(n+1)$',
          strict.status,
          strict.reason,
          scope,
        ),
      ],
      sections: [
        {
          title: 'Proof (every $n$)',
          proof: true,
          lines: [
            '**Indices.** Signals $i = 1, \\dots, n+1$ (signal $n+1$ is the zero signal), input coordinates $j = 1, \\dots, n$; $x^{(i)}_j = C$ for $j \\ge i$ and $0$ otherwise, $C > 0$. The code is *linear* when $z_i = \\alpha i + \\beta$ with $\\alpha \\ne 0$.',
            '',
            'The encoder gives $z_i = W_1 x^{(i)} + b_1 = C \\sum_{j \\ge i} W_{1,j} + b_1$, and $z_{n+1} = b_1$. Differencing consecutive signals,',
            '$$z_i - z_{i+1} = C\\, W_{1,i} \\qquad (i = 1, \\dots, n).$$',
            '*All signals.* The codes are $\\alpha i + \\beta$ on $i = 1, \\dots, n+1$ if and only if every difference equals $-\\alpha$, that is $W_{1,i} = -\\alpha / C$ for every $i$. With $w = -\\alpha / C$: $W_1 = w \\mathbf{1}^{\\mathsf T}$, $z_i = Cw(n+1-i) + b_1$, so $\\alpha = -Cw \\ne 0$ exactly when $w \\ne 0$, and $b_1$ is free. $w = -1/C$, $b_1 = n+1$ gives $z_i = i$ (`exists`); $b_1 = -Cw(n+1)$ gives $\\beta = 0$ (`strictly-linear`).',
            '',
            '*Zero signal dropped.* Only the differences $i = 1, \\dots, n-1$ are constrained, so $W_{1,1} = \\dots = W_{1,n-1} = w$, while $W_{1,n}$ and $b_1$ stay free ($\\beta = b_1 + C W_{1,n} + Cwn$). For $n = 1$ there is a single code, of the form $\\alpha \\cdot 1 + \\beta$ for any $(W_1, b_1)$.',
            '',
            '*No activation.* The witness is the affine map itself; an activation can only be added, never needed. $\\square$',
            '',
            `**What the computation re-checks.** For $${texRange(o.nMin, nMax)}$ the conditions $C \\sum_{j \\ge i} W_{1,j} + b_1 - \\alpha i - \\beta = 0$ are solved exactly over $\\mathbb{Q}$ as a homogeneous linear system in $(W_1, b_1, \\alpha, \\beta)$ (kernel basis with a re-checked rank certificate) and the solution space is compared with the predicted family; the witness is run through the exact forward pass.`,
          ],
        },
        {
          title: 'Solution spaces in the unknowns $(W_1, b_1, \\alpha, \\beta)$',
          table: {
            header: [
              '$n$',
              'dimension, all signals',
              '$= \\lbrace W_1 = w \\mathbf{1}^{\\mathsf T} \\rbrace$',
              'dimension, zero signal dropped',
              '$= \\lbrace W_{1,1} = \\dots = W_{1,n-1} \\rbrace$',
              'witness gives $z_i = i$',
            ],
            rows,
          },
        },
      ],
      scope,
    },
    {
      certificate: {
        allSignals: 'w(1,...,1, 0, -C, C(n+1)) + b(0,...,0, 1, 0, 1)',
        zeroSignalDropped: 'w(1,...,1,0, 0, -C, Cn) + t(0,...,0,1, 0, 0, C) + b(0,...,0, 1, 0, 1)',
        checkedFor: ns,
      },
      counterexample: { exists: exists.reason, characterisation: charAll.reason },
    },
  );
}

export const lemmaEncoder = defineClaim({
  id: 'lemma-encoder',
  slide: 'One Layer Encoder',
  gist: 'One linear layer gives codes linear in the position of the step; no non-linearity is needed.',
  statement:
    'A one MLP layer encoder is enough to generate linear codes with respect to the positions; a non-linearity is not required in the encoder.',
  reading:
    'Signals $i = 1, \\dots, n+1$, encoder $z_i = W_1 x^{(i)} + b_1$ with $W_1 \\in \\mathbb{R}^{1 \\times n}$. As worded: some $(W_1, b_1)$ give $z_i = \\alpha i + \\beta$ with $\\alpha \\ne 0$, and the affine map needs no activation. Variants: the set of all such $(W_1, b_1)$, on all signals and with the zero signal dropped, and codes without offset.',
  method:
    'The $n+1$ (or $n$) linear conditions on $(W_1, b_1, \\alpha, \\beta)$ are solved exactly over $\\mathbb{Q}$ (kernel basis with a re-checked rank certificate) for every $n$ in range and compared with the family predicted by differencing consecutive signals; a witness encoder is run through the exact forward pass.',
  defaultNMax: 12,
  maxNMax: 64,
  options: {},
  check,
});
