/**
 * Exact handcrafted solutions, the deck's way: codes from a one-layer
 * encoder, layer-2 knots that make A2 invertible on the signal codes, and
 * W3^T = A2^{-1} U3 for a U3 of form (1). Every solution is verified by the
 * independent exact forward pass of model/network.ts on all n+1 signals.
 */
import { type Mat, equals, solve, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, encode, type ExactActivation, forward, layer2 } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import type { Rng } from '../random.js';

/**
 * The encoder with z(i) = alpha*i + beta on X(n, C): W1 = -(alpha/C) 1,
 * b1 = alpha(n+1) + beta, since z(i) = W1 x(i) + b1 = -alpha(n+1-i) + b1.
 */
export function linearEncoder(n: number, C: Q, alpha: Q = Q.ONE, beta: Q = Q.ZERO): { W1: Mat; b1: Q[] } {
  const w = alpha.neg().div(C);
  return { W1: [Array.from({ length: n }, () => w)], b1: [alpha.mul(Q.int(n + 1)).add(beta)] };
}

/** A random encoder: W1 entries and b1 are small nonzero rationals p/q, |p| <= 5, q <= 4. */
export function randomEncoder(n: number, rng: Rng): { W1: Mat; b1: Q[] } {
  const draw = () => {
    let p = 0;
    while (p === 0) p = rng.int(-5, 5);
    return Q.of(BigInt(p), BigInt(rng.int(1, 4)));
  };
  return { W1: [Array.from({ length: n }, draw)], b1: [draw()] };
}

/**
 * A U3 of form (1), (n+1) x n: C on and above the diagonal, the given
 * non-positive values below it. `lower(i, j)` gives U_ij for j < i (0-based).
 */
export function formOne(n: number, C: Q, lower: (i: number, j: number) => Q = () => Q.ZERO): Mat {
  return Array.from({ length: n + 1 }, (_, i) => Array.from({ length: n }, (_, j) => (j >= i ? C : lower(i, j))));
}

/** A random U3 of form (1): entries below the diagonal are -p/q with p in 0..4, q in 1..3. */
export function randomFormOne(n: number, C: Q, rng: Rng): Mat {
  return formOne(n, C, () => Q.of(-BigInt(rng.int(0, 4)), BigInt(rng.int(1, 3))));
}

/** True when U has form (1) for amplitude C. */
export function isFormOne(U: Mat, C: Q): boolean {
  return U.every((row, i) => row.every((u, j) => (j >= i ? u.equals(C) : u.sign() <= 0)));
}

/** What the construction did with the zero signal. */
export interface ZeroSignalReport {
  reconstructed: boolean;
  reason: string;
}

/** A constructed exact autoencoder with its evidence. */
export interface Construction {
  n: number;
  n2: number;
  C: Q;
  weights: AutoencoderWeights;
  codes: Q[];
  /** Layer 2 activations on all n+1 signals, (n+1) x n2. */
  A2: Mat;
  /** Pre-activations of layer 3, (n+1) x n. */
  U3: Mat;
  /** Y = ReLU(U3) equals X on signals 1..n (always, else no construction is returned). */
  signalsReconstructed: true;
  zeroSignal: ZeroSignalReport;
}

/** The outcome of a construction attempt: a verified solution, or why none exists. */
export type ConstructionResult = { ok: true; construction: Construction } | { ok: false; reason: string };

interface Column {
  /** +1: ReLU(z - t); -1: ReLU(t - z). */
  direction: 1 | -1;
  knot: Q;
}

function half(a: Q, b: Q): Q {
  return a.add(b).div(Q.int(2));
}

/**
 * Knots for columns that are triangular on the sorted signal codes `s`
 * (strictly increasing). With the zero signal's code `avoid` distinct from
 * them, the codes left of it get decreasing columns ReLU(t - z) with knots
 * between consecutive codes and the last knot before `avoid`; the codes right
 * of it get increasing columns ReLU(z - t) mirrored. A2 on the signals is then
 * block triangular with nonzero diagonal, and every column vanishes at
 * `avoid`. Without `avoid`, decreasing columns only.
 */
function triangularColumns(s: Q[], avoid?: Q): Column[] {
  if (avoid === undefined) {
    const top = (s[s.length - 1] as Q).add(Q.int(2));
    return s.map((x, j) => ({ direction: -1, knot: half(x, j === s.length - 1 ? top : (s[j + 1] as Q)) }));
  }
  const left = s.filter((x) => x.lt(avoid));
  const right = s.filter((x) => avoid.lt(x));
  return [
    // Column j = ReLU(t_j - z), nonzero exactly on left_1..left_j, zero at avoid and beyond.
    ...left.map((x, j): Column => ({
      direction: -1,
      knot: half(x, j === left.length - 1 ? avoid : (left[j + 1] as Q)),
    })),
    // Column j = ReLU(z - t_j), nonzero exactly on right_j..right_b, zero at avoid and before.
    ...right.map((x, j): Column => ({ direction: 1, knot: half(j === 0 ? avoid : (right[j - 1] as Q), x) })),
  ];
}

function columnsToWeights(cols: Column[]): { W2: Mat; b2: Q[] } {
  // ReLU(d (z - t)) = ReLU(d z - d t): W2_j = d, b2_j = -d t.
  return {
    W2: cols.map((c) => [Q.int(c.direction)]),
    b2: cols.map((c) => (c.direction === 1 ? c.knot.neg() : c.knot)),
  };
}

/** Options of buildDecoder. */
export interface BuildOptions {
  n: number;
  C: Q;
  encoder: { W1: Mat; b1: Q[] };
  /** Form-(1) target pre-activations, (n+1) x n; default: X itself (zeros below the diagonal). */
  U3?: Mat;
  /** Layer-2 width, >= n; default n. */
  n2?: number;
}

/**
 * Builds W2, b2 and W3 (b3 = 0) so that the autoencoder reproduces X(n, C)
 * exactly on signals 1..n, and on the zero signal where the codes allow.
 * The zero signal is reconstructed whenever its code differs from the
 * others (with n2 = n: every column vanishes at its code); when it equals a
 * signal's code no decoder can reconstruct both.
 */
export function buildDecoder(o: BuildOptions): ConstructionResult {
  const { n, C } = o;
  const n2 = o.n2 ?? n;
  if (n2 < n) {
    return {
      ok: false,
      reason: `n2 = ${n2} < n = ${n}: rank(U3) <= rank(A2) <= n2 < n, but ReLU(U3) = X forces rank n (lemma-layer3)`,
    };
  }
  const X = stepMatrix(n, C);
  const U3 = o.U3 ?? X;
  if (U3.length !== n + 1 || U3.some((r) => r.length !== n) || !isFormOne(U3, C)) {
    return { ok: false, reason: 'U3 must be (n+1) x n of form (1): C on and above the diagonal, <= 0 below' };
  }
  const codes = encode(o.encoder.W1, o.encoder.b1, X);
  const signalCodes = codes.slice(0, n);
  const zero = codes[n] as Q;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if ((codes[a] as Q).equals(codes[b] as Q)) {
        return {
          ok: false,
          reason: `signals ${a + 1} and ${b + 1} have the same code ${codes[a]}; any decoder maps equal codes to equal outputs, but x(${a + 1}) != x(${b + 1})`,
        };
      }
    }
  }
  const zeroClash = signalCodes.findIndex((z) => z.equals(zero));
  const sorted = [...signalCodes].sort((a, b) => a.cmp(b));
  const allDistinct = zeroClash < 0;
  let cols: Column[];
  let rowsUsed: number[];
  if (n2 >= n + 1 && allDistinct) {
    // n+1 triangular columns over all n+1 codes: A2 is (n+1) x (n+1) invertible.
    const all = [...codes].sort((a, b) => a.cmp(b));
    cols = triangularColumns(all);
    rowsUsed = Array.from({ length: n + 1 }, (_, i) => i);
  } else {
    cols = triangularColumns(sorted, allDistinct ? zero : undefined);
    rowsUsed = Array.from({ length: n }, (_, i) => i);
  }
  const k = cols.length;
  const { W2, b2 } = columnsToWeights(cols);
  // Extra neurons beyond the k needed: W2 = 0, b2 = 0 (a zero column), weight 0 in W3.
  for (let j = k; j < n2; j++) {
    W2.push([Q.ZERO]);
    b2.push(Q.ZERO);
  }
  const A2 = layer2(codes, W2, b2);
  // The deck's formula on the used rows and the k informative columns: W3^T = A2^{-1} U3.
  const square = rowsUsed.map((i) => (A2[i] as Q[]).slice(0, k));
  const target = rowsUsed.map((i) => U3[i] as Q[]);
  const W3Tk = solve(square, target);
  const W3T = Array.from({ length: n2 }, (_, j) =>
    j < k ? (W3Tk[j] as Q[]) : Array.from({ length: n }, () => Q.ZERO),
  );
  const weights: AutoencoderWeights = { ...o.encoder, W2, b2, W3: transpose(W3T) };
  const out = forward(weights, X);
  if (!equals(out.Y.slice(0, n), X.slice(0, n))) {
    return { ok: false, reason: 'internal: the constructed decoder does not reproduce signals 1..n' };
  }
  const zeroOk = equals([out.Y[n] as Q[]], [X[n] as Q[]]);
  let reason: string;
  if (zeroOk) {
    reason =
      k === n + 1
        ? 'reconstructed: A2 is invertible on all n+1 codes and U3 row n+1 is the chosen non-positive row'
        : `reconstructed: every layer-2 column vanishes at the zero signal's code ${zero}, so U3 row n+1 is 0`;
  } else if (!allDistinct) {
    reason = `not reconstructable by any decoder: the zero signal's code equals that of signal ${zeroClash + 1}`;
  } else {
    reason = 'internal: the zero signal should have been reconstructed';
  }
  return {
    ok: true,
    construction: {
      n,
      n2,
      C,
      weights,
      codes,
      A2: out.A2,
      U3: out.U3,
      signalsReconstructed: true,
      zeroSignal: { reconstructed: zeroOk, reason },
    },
  };
}

/** Re-checks a construction independently: the exact forward pass gives Y = X on the claimed rows. */
export function verifyConstruction(c: Construction): { signals: boolean; zeroSignal: boolean } {
  const X = stepMatrix(c.n, c.C);
  const { Y } = forward(c.weights, X);
  return {
    signals: equals(Y.slice(0, c.n), X.slice(0, c.n)),
    zeroSignal: equals([Y[c.n] as Q[]], [X[c.n] as Q[]]),
  };
}

/**
 * Completes a given layer 2 (any exact activation, n2 = n) with the deck's
 * W3^T = A2^{-1} U3 on signals 1..n, and reports what the exact forward
 * pass reproduces. Used for witnesses with unusual layers (no bias, linear g2).
 */
export function solveLayer3(o: {
  n: number;
  C: Q;
  encoder: { W1: Mat; b1: Q[] };
  W2: Mat;
  b2: Q[];
  g2: ExactActivation;
  U3?: Mat;
}): { ok: true; weights: AutoencoderWeights; A2: Mat; Y: Mat; zeroSignal: boolean } | { ok: false; reason: string } {
  const X = stepMatrix(o.n, o.C);
  const U3 = o.U3 ?? X;
  const codes = encode(o.encoder.W1, o.encoder.b1, X);
  const A2 = layer2(codes, o.W2, o.b2, o.g2);
  const top = A2.slice(0, o.n);
  let W3T: Mat;
  try {
    W3T = solve(top, U3.slice(0, o.n));
  } catch {
    return { ok: false, reason: 'A2 restricted to signals 1..n is singular' };
  }
  const weights: AutoencoderWeights = { ...o.encoder, W2: o.W2, b2: o.b2, W3: transpose(W3T) };
  const out = forward(weights, X, o.g2);
  if (!equals(out.Y.slice(0, o.n), X.slice(0, o.n))) return { ok: false, reason: 'Y != X on signals 1..n' };
  return { ok: true, weights, A2: out.A2, Y: out.Y, zeroSignal: equals([out.Y[o.n] as Q[]], [X[o.n] as Q[]]) };
}
