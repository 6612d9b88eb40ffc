/**
 * Layer-2 neurons by knot and direction, and the deck's handcrafted recipe
 * with its knots and target as parameters. The claims about the set of
 * solutions (lemma-scaling, the corollary, the rank-one update) and the
 * handcrafted constructions compare solutions that share knots but differ in
 * the direction of some neurons; these helpers build them exactly, accepting
 * any input (also a target not of form (1), or knots that make A2 singular)
 * so that a check can be fed a false variant and see it fail.
 */
import { type Mat, equals, solve, transpose } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { type AutoencoderWeights, forward, layer2 } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { linearEncoder } from './decoder.js';

/** Direction of a ReLU neuron: +1 for (z - t)_+ (increasing), -1 for (t - z)_+ (decreasing). */
export type Direction = 1 | -1;

/** W2_j = s_j, b2_j = -s_j t_j: neuron j is (s_j (z - t_j))_+, with k_j = b2_j / W2_j = -t_j. */
export function patternLayer(knots: readonly Q[], s: readonly Direction[]): { W2: Mat; b2: Q[] } {
  return {
    W2: s.map((d) => [Q.int(d)]),
    b2: knots.map((t, j) => (s[j] === 1 ? t.neg() : t)),
  };
}

/** A solution of one direction pattern on the given signal codes, zero signal dropped. */
export interface PatternSolution {
  W2: Mat;
  b2: Q[];
  /** n x n, with W3^T = A^{-1} U. */
  W3: Mat;
  /** A2 on the signal codes (n x n). */
  A: Mat;
}

/**
 * The solution with knots t, directions s and target U on signal codes y
 * (all n x n): W3^T = A^{-1} U, or undefined when A is singular.
 */
export function patternSolution(
  y: readonly Q[],
  knots: readonly Q[],
  s: readonly Direction[],
  U: Mat,
): PatternSolution | undefined {
  const { W2, b2 } = patternLayer(knots, s);
  const A = layer2([...y], W2, b2);
  let W3T: Mat;
  try {
    W3T = solve(A, U);
  } catch {
    return undefined;
  }
  return { W2, b2, W3: transpose(W3T), A };
}

/** Every s in {+1, -1}^n, in a fixed order (bit j of the index set means s_j = -1). */
export function allPatterns(n: number): Direction[][] {
  return Array.from({ length: 1 << n }, (_, m) =>
    Array.from({ length: n }, (_, j): Direction => (m & (1 << j) ? -1 : 1)),
  );
}

/** The deck's knots t_j = j + 1/2, j = 1..n. */
export function deckKnots(n: number): Q[] {
  return Array.from({ length: n }, (_, j) => Q.of(BigInt(2 * j + 3), 2n));
}

/** The outcome of the deck's recipe on one target. */
export interface RecipeResult {
  weights: AutoencoderWeights;
  /** Layer-2 activations on all n+1 signals. */
  A2: Mat;
  /** Layer-3 pre-activations on all n+1 signals. */
  U3: Mat;
  /** Y = X on signals 1..n. */
  signals: boolean;
  /** Y = X on the zero signal (row n+1). */
  zeroSignal: boolean;
}

/**
 * The deck's handcrafted recipe: z(i) = i (W1 = -(1/C) 1, b1 = n + 1),
 * W2 = -1, b2 = knots (default j + 1/2, decreasing columns (t_j - z)_+),
 * W3^T = A2^{-1} U3 on signals 1..n; then the exact forward pass on all n+1
 * signals. `U3` may have n or n+1 rows (only rows 1..n are used) and need
 * not be of form (1). Undefined when A2 on the signals is singular.
 */
export function deckRecipe(n: number, C: Q, U3: Mat, knots: readonly Q[] = deckKnots(n)): RecipeResult | undefined {
  const X = stepMatrix(n, C);
  const encoder = linearEncoder(n, C);
  const s = knots.map((): Direction => -1);
  const codes = Array.from({ length: n }, (_, i) => Q.int(i + 1));
  const sol = patternSolution(codes, knots, s, U3.slice(0, n));
  if (sol === undefined) return undefined;
  const weights: AutoencoderWeights = { ...encoder, W2: sol.W2, b2: sol.b2, W3: sol.W3 };
  const out = forward(weights, X);
  return {
    weights,
    A2: out.A2,
    U3: out.U3,
    signals: equals(out.Y.slice(0, n), X.slice(0, n)),
    zeroSignal: equals([out.Y[n] as Q[]], [X[n] as Q[]]),
  };
}

/** True when every off-diagonal entry of the square matrix is 0. */
export function isDiagonal(a: Mat): boolean {
  return a.every((r, i) => r.every((x, j) => i === j || x.isZero()));
}
