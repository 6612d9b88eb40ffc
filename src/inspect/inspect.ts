/**
 * The exact inspection of a given network against the deck's theory. The
 * weights are taken as the rationals their float32 (or float64) bits
 * denote, and everything is computed over Q with the exact forward pass of
 * model/network.ts: the codes and their shape (linear, order, gaps), the
 * rank of A2, form (1) of U3 entry by entry, Y against X, the exact MSE and
 * the outputs stuck at 0, the nearest exact solution that keeps layers 1-2
 * (./resolve.ts), and which of the deck's conditions hold. The float32 MSE
 * that PyTorch would report is given beside it, from train/model.ts.
 *
 * The sigmoid one-layer decoder never reconstructs X exactly (sigmoid takes
 * neither the value 0 nor, for C >= 1, the value C), so for it the MSE is a
 * rigorous enclosure (interval arithmetic of activation/interval.ts) and the
 * report says which outputs fall on the wrong side of 1/2.
 */
import { ivAdd, ivMul, ivQ, ivSigmoid, ivSquare, ivSub, type Iv } from '../activation/interval.js';
import { isFormOne } from '../construct/decoder.js';
import { type Mat, rank } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { encode, layer2, layer3 } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { Net, targets } from '../train/model.js';
import { LINEAR_R2 } from '../train/compare.js';
import { exactWeightsOf, type Network, networkToParams, specFromNetwork } from '../weights/network.js';
import { type Resolution, resolveLayer3 } from './resolve.js';

/** 1-based signal i and output j. */
export interface Entry {
  i: number;
  j: number;
}

/** The codes z(1..n+1) and their shape. */
export interface CodeReport {
  codes: Q[];
  /** z(i) = alpha i + beta exactly for all n+1 signals, with alpha != 0. */
  linear: boolean;
  /** The exact slope and intercept when linear. */
  alpha?: Q;
  beta?: Q;
  /** Exact R^2 of the least-squares line z ~ a i + b over i = 1..n+1 (0 for a constant code). */
  r2: Q;
  /** R^2 >= LINEAR_R2 (the threshold of the training comparison). */
  nearlyLinear: boolean;
  /** Strict order over all n+1 signals, and over signals 1..n. */
  order: 'increasing' | 'decreasing' | 'none';
  orderSignals: 'increasing' | 'decreasing' | 'none';
  /** The smallest |z(i+1) - z(i)| and the first i where it occurs. */
  minGap: { value: Q; at: number };
  /** Pairs of signals (i < k, 1-based) with the same code: no decoder tells them apart. */
  equalCodes: [number, number][];
}

/** One of the deck's conditions, for this network. */
export interface Condition {
  /** Claim id it comes from. */
  claim: string;
  text: string;
  holds: boolean;
  /** True when it follows from the layout, not from the weights (g2 = ReLU). */
  assumed?: boolean;
  detail: string;
}

/** An entry of U3 that breaks form (1). */
export interface FormViolation extends Entry {
  value: Q;
  /** 'C' on and above the diagonal, '<= 0' below. */
  expected: 'C' | '<= 0';
}

/** A mismatch of Y against X. */
export interface Mismatch extends Entry {
  y: Q;
  x: Q;
}

/** The two-layer decoder's report. */
export interface TwoLayerReport {
  kind: 'two-layer';
  A2: Mat;
  rankA2: { kept: number; dropped: number };
  rankW3: number;
  U3: Mat;
  formOne: { holds: boolean; holdsSignals: boolean; violations: FormViolation[] };
  Y: Mat;
  mismatches: Mismatch[];
  /** Outputs with target C and output exactly 0 (a ReLU that is off: no gradient reaches them). */
  stuck: Entry[];
  /** stuck * C^2 / (n(n+1)). */
  stuckMse: Q;
  resolve: { withoutB3: Resolution; withB3: Resolution };
}

/** The sigmoid one-layer decoder's report. */
export interface SigmoidReport {
  kind: 'one-layer';
  /** Pre-activations u_ij = W2_j z(i) + b2_j, exact. */
  U: Mat;
  /** Entries whose output is on the wrong side of 1/2 (u <= 0 with target C, u >= 0 with target 0). */
  wrongSide: Entry[];
  /** A rigorous enclosure of the MSE (decimal strings, 60 digits). */
  mseEnclosure: { lo: string; hi: string };
}

/** The whole inspection. */
export interface Inspection {
  n: number;
  n2: number;
  C: Q;
  decoder: Network['decoder'];
  encoder: Network['encoder'];
  hasB3: boolean;
  codes: CodeReport;
  /** The exact MSE (two-layer decoder), (1/(n(n+1))) sum ||y(i) - x(i)||^2. */
  mse?: Q;
  /** The MSE of the float32 forward pass (train/model.ts; PyTorch's up to summation order). */
  float32Mse: number;
  /** Y = X on all n+1 signals exactly. */
  exact: boolean;
  /** Y = X on signals 1..n exactly. */
  exactSignals: boolean;
  decoderReport: TwoLayerReport | SigmoidReport;
  conditions: Condition[];
}

type Order = 'increasing' | 'decreasing' | 'none';

function orderOf(z: readonly Q[]): Order {
  if (z.every((x, i) => i === 0 || (z[i - 1] as Q).lt(x))) return 'increasing';
  if (z.every((x, i) => i === 0 || x.lt(z[i - 1] as Q))) return 'decreasing';
  return 'none';
}

/** The codes' shape, exactly. */
export function codeReport(codes: Q[]): CodeReport {
  const m = codes.length;
  const d = m > 1 ? (codes[1] as Q).sub(codes[0] as Q) : Q.ZERO;
  const linear = !d.isZero() && codes.every((z, i) => i === 0 || z.sub(codes[i - 1] as Q).equals(d));
  // Least squares of z against i = 1..m: R^2 = Sxz^2 / (Sxx Szz), exact over Q.
  const mi = Q.of(BigInt(m + 1), 2n);
  const mz = codes.reduce((s, z) => s.add(z), Q.ZERO).div(Q.int(m));
  let sxz = Q.ZERO;
  let sxx = Q.ZERO;
  let szz = Q.ZERO;
  codes.forEach((z, k) => {
    const dx = Q.int(k + 1).sub(mi);
    const dz = z.sub(mz);
    sxz = sxz.add(dx.mul(dz));
    sxx = sxx.add(dx.mul(dx));
    szz = szz.add(dz.mul(dz));
  });
  const r2 = szz.isZero() || sxx.isZero() ? Q.ZERO : sxz.mul(sxz).div(sxx.mul(szz));
  let gap = m > 1 ? (codes[1] as Q).sub(codes[0] as Q).abs() : Q.ZERO;
  let at = 1;
  for (let i = 2; i < m; i++) {
    const g = (codes[i] as Q).sub(codes[i - 1] as Q).abs();
    if (g.lt(gap)) {
      gap = g;
      at = i;
    }
  }
  // Equal codes: sort the indices by code, then compare neighbours (n log n comparisons).
  const idx = codes.map((_, i) => i).sort((a, b) => (codes[a] as Q).cmp(codes[b] as Q) || a - b);
  const equalCodes: [number, number][] = [];
  for (let s = 0; s < idx.length;) {
    let e = s + 1;
    while (e < idx.length && (codes[idx[e] as number] as Q).equals(codes[idx[s] as number] as Q)) e++;
    const group = idx.slice(s, e).sort((a, b) => a - b);
    for (let a = 0; a < group.length; a++)
      for (let b = a + 1; b < group.length && equalCodes.length < 1000; b++)
        equalCodes.push([(group[a] as number) + 1, (group[b] as number) + 1]);
    s = e;
  }
  return {
    codes,
    linear,
    ...(linear ? { alpha: d, beta: (codes[0] as Q).sub(d) } : {}),
    r2,
    nearlyLinear: r2.toNumber() >= LINEAR_R2,
    order: orderOf(codes),
    orderSignals: orderOf(codes.slice(0, m - 1)),
    minGap: { value: gap, at },
    equalCodes,
  };
}

function sigmoidEnclosure(U: Mat, X: Mat): Iv {
  let total: Iv = ivQ(Q.ZERO);
  U.forEach((row, i) =>
    row.forEach((u, j) => {
      total = ivAdd(total, ivSquare(ivSub(ivSigmoid(ivQ(u)), ivQ((X[i] as Q[])[j] as Q))));
    }),
  );
  const n = X[0]?.length ?? 1;
  return ivMul(total, ivQ(Q.int(n * (n + 1)).inv()));
}

/**
 * Inspects a network exactly against the deck, for amplitude C.
 * @throws RangeError when C <= 0 (via stepMatrix: UsageError).
 */
export function inspectNetwork(net: Network, C: Q): Inspection {
  const n = net.n;
  const X = stepMatrix(n, C);
  const w = exactWeightsOf(net, C);
  const z = encode(w.W1, w.b1, X);
  const codes = codeReport(z);
  const spec = specFromNetwork(net, C.toNumber(), undefined, net.hasB3);
  // The float32 view: stepae's float32 forward pass on the file's float32 values.
  const f32net = new Net(spec, networkToParams(spec, { ...net, hasB1: true, hasB2: true }));
  const float32Mse = f32net.lossAndGrad(targets(n, C.toNumber()), false);
  const distinctSignals = !codes.equalCodes.some(([, k]) => k <= n);
  const zeroDistinct = !codes.equalCodes.some(([, k]) => k === n + 1);
  const base = { n, n2: net.n2, C, decoder: net.decoder, encoder: net.encoder, hasB3: net.hasB3, codes, float32Mse };
  if (net.decoder === 'one-layer') {
    const U = z.map((zi) => w.W2.map((wj, j) => (wj[0] as Q).mul(zi).add(w.b2[j] as Q)));
    const wrongSide: Entry[] = [];
    U.forEach((row, i) =>
      row.forEach((u, j) => {
        const wantHigh = j >= i;
        if (wantHigh ? u.sign() <= 0 : u.sign() >= 0) wrongSide.push({ i: i + 1, j: j + 1 });
      }),
    );
    const enc = sigmoidEnclosure(U, X);
    return {
      ...base,
      exact: false,
      exactSignals: false,
      decoderReport: {
        kind: 'one-layer',
        U,
        wrongSide,
        mseEnclosure: { lo: enc.lo.toString(), hi: enc.hi.toString() },
      },
      conditions: [
        {
          claim: 'lemma-decoder1',
          text: 'g is 0 on a proper interval and C on another (needed for Y = X)',
          holds: false,
          detail: 'sigmoid takes values in (0, 1) only: never 0, so no weights give Y = X exactly',
        },
        {
          claim: 'prop-sigmoid',
          text: 'codes linear in i (the proposition assumes z(i) = alpha i + beta)',
          holds: codes.linear,
          detail: codes.linear ? `z(i) = ${codes.alpha} i + ${codes.beta}` : `R^2 = ${codes.r2.toNumber()}`,
        },
        {
          claim: 'prop-sigmoid',
          text: 'C = 1 (for C > 1 the MSE stays above (C-1)^2/2; for C < 1 above a positive bound)',
          holds: C.equals(Q.ONE),
          detail: `C = ${C}`,
        },
        {
          claim: 'construct-random',
          text: 'signal codes distinct',
          holds: distinctSignals,
          detail: distinctSignals ? 'all distinct' : 'equal codes: one output for two different targets',
        },
      ],
    };
  }
  const A2 = layer2(z, w.W2, w.b2);
  const { U3, Y } = layer3(A2, w.W3, w.b3);
  const rankA2 = { kept: rank(A2), dropped: rank(A2.slice(0, n)) };
  const rankW3 = rank(w.W3);
  const violations: FormViolation[] = [];
  U3.forEach((row, i) =>
    row.forEach((u, j) => {
      if (j >= i ? !u.equals(C) : u.sign() > 0)
        violations.push({ i: i + 1, j: j + 1, value: u, expected: j >= i ? 'C' : '<= 0' });
    }),
  );
  const mismatches: Mismatch[] = [];
  const stuck: Entry[] = [];
  let sq = Q.ZERO;
  Y.forEach((row, i) =>
    row.forEach((y, j) => {
      const x = (X[i] as Q[])[j] as Q;
      if (y.equals(x)) return;
      mismatches.push({ i: i + 1, j: j + 1, y, x });
      const e = y.sub(x);
      sq = sq.add(e.mul(e));
      if (!x.isZero() && y.isZero()) stuck.push({ i: i + 1, j: j + 1 });
    }),
  );
  const scale = Q.int(n * (n + 1)).inv();
  const mse = sq.mul(scale);
  const exactSignals = !mismatches.some((m) => m.i <= n);
  const exact = mismatches.length === 0;
  const b2 = net.tensors.b2?.exact ?? [];
  const layer2Bias = b2.some((x) => !x.isZero());
  const formSignals = isFormOne(U3.slice(0, n), C);
  const report: TwoLayerReport = {
    kind: 'two-layer',
    A2,
    rankA2,
    rankW3,
    U3,
    formOne: { holds: violations.length === 0, holdsSignals: formSignals, violations },
    Y,
    mismatches,
    stuck,
    stuckMse: Q.int(stuck.length).mul(C).mul(C).mul(scale),
    resolve: {
      withoutB3: resolveLayer3(w, A2, X, false),
      withB3: resolveLayer3(w, A2, X, true),
    },
  };
  const conditions: Condition[] = [
    {
      claim: 'prop-architecture',
      text: 'n2 >= n neurons in layer 2',
      holds: net.n2 >= n,
      detail: `n2 = ${net.n2}, n = ${n}`,
    },
    {
      claim: 'lemma-layer2-bias',
      text: 'a bias in layer 2',
      holds: layer2Bias,
      detail: !net.hasB2 ? 'the file has no layer-2 bias' : layer2Bias ? 'present, nonzero' : 'present but all zero',
    },
    {
      claim: 'prop-architecture',
      text: 'g2 non-linear (ReLU)',
      holds: true,
      assumed: true,
      detail: "assumed from the layout: the deck's Sequential has ReLU after layer 2",
    },
    {
      claim: 'lemma-encoder',
      text: 'codes linear in i',
      holds: codes.linear,
      detail: codes.linear
        ? `z(i) = ${codes.alpha} i + ${codes.beta}`
        : `not exactly linear; R^2 = ${codes.r2.toNumber()}`,
    },
    {
      claim: 'construct-random',
      text: 'codes of signals 1..n distinct',
      holds: distinctSignals,
      detail: distinctSignals ? 'all distinct' : 'equal codes: any decoder maps them to equal outputs',
    },
    {
      claim: 'construct-linear',
      text: "the zero signal's code differs from the others",
      holds: zeroDistinct,
      detail: zeroDistinct ? 'distinct' : 'equal to a signal code: Y = X on all n+1 signals is impossible',
    },
    {
      claim: 'lemma-rank',
      text: 'A2 full rank on signals 1..n',
      holds: rankA2.dropped === n,
      detail: `rank ${rankA2.dropped} of n = ${n} (with the zero signal: ${rankA2.kept})`,
    },
    { claim: 'lemma-rank', text: 'W3 full rank', holds: rankW3 === n, detail: `rank ${rankW3} of n = ${n}` },
    {
      claim: 'lemma-layer3',
      text: 'U3 of form (1)',
      holds: violations.length === 0,
      detail:
        violations.length === 0
          ? 'on all n+1 signals'
          : `${violations.length} entries break it${formSignals ? ' (only on the zero signal)' : ''}`,
    },
    {
      claim: 'claim-layer3-bias',
      text: 'no bias in layer 3 (the deck: not necessary)',
      holds: !net.b3Nonzero,
      detail: !net.hasB3 ? 'absent' : net.b3Nonzero ? 'present, nonzero' : 'present, all zero',
    },
  ];
  return { ...base, mse, exact, exactSignals, decoderReport: report, conditions };
}
