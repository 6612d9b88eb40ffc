/**
 * The claim registry: every claim with a checker, in the deck's order.
 * A claim is listed here only once its checker exists.
 */
import type { Claim } from './types.js';

export const CLAIMS: readonly Claim[] = [];

/** The claim with this id, or undefined. */
export function findClaim(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
