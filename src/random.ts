/**
 * The one seeded generator of stepae (mulberry32): every random choice
 * flows from a --seed through it, so runs replay bit for bit.
 */

/** The default seed of every command (the deck's date, 2022-02-27); printed and stored with each result. */
export const DEFAULT_SEED = 20220227;

/** The largest seed: seeds are unsigned 32-bit integers, [0, 2^32 - 1], for every command. */
export const SEED_MAX = 2 ** 32 - 1;

/** A deterministic generator of uniform doubles in [0, 1) and small integers. */
export class Rng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1), 32 bits of randomness. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
}
