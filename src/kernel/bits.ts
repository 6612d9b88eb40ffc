/** Bit counting for the searches' bit-signature patterns (zero patterns of rows and columns). */

/** The number of set bits of a non-negative 32-bit integer. */
export function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}
