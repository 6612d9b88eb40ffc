/**
 * The data set of the deck: the n+1 step functions of dimension n,
 * x(i)_j = C if j >= i else 0 (i = 1..n+1, j = 1..n), stacked as the
 * (n+1) x n matrix X. Row n+1 is the zero signal.
 */
import { UsageError } from '../errors.js';
import type { Mat } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';

/** Largest n stepae accepts anywhere; beyond it exact work is pointless to attempt. */
export const N_LIMIT = 4096;

/** Validates a signal dimension. @throws UsageError unless 1 <= n <= N_LIMIT is an integer. */
export function checkDimension(n: number, what = '--n'): number {
  if (!Number.isInteger(n) || n < 1 || n > N_LIMIT) {
    throw new UsageError(`${what} must be an integer from 1 to ${N_LIMIT}, got ${n}`, 'E_DIMENSION');
  }
  return n;
}

/** Validates an amplitude. @throws UsageError unless C > 0. */
export function checkAmplitude(c: Q, what = '--C'): Q {
  if (c.sign() <= 0) throw new UsageError(`${what} must be a positive rational, got ${c}`, 'E_AMPLITUDE');
  return c;
}

/** The step function x(i) (1-based i in 1..n+1). */
export function stepSignal(n: number, i: number, c: Q): Q[] {
  return Array.from({ length: n }, (_, j) => (j + 1 >= i ? c : Q.ZERO));
}

/** X(n, C): the n+1 step functions as rows. */
export function stepMatrix(n: number, c: Q = Q.ONE): Mat {
  checkDimension(n);
  checkAmplitude(c);
  return Array.from({ length: n + 1 }, (_, i) => stepSignal(n, i + 1, c));
}
