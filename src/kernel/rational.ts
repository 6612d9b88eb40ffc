/**
 * Exact rationals over BigInt, always canonical: denominator > 0 and
 * gcd(num, den) = 1, so structural equality is numeric equality.
 */
import { ParseError } from '../errors.js';

/** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Least common multiple of |a| and |b|. */
export function lcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  const g = gcd(a, b);
  const r = (a / g) * b;
  return r < 0n ? -r : r;
}

/** An exact rational number num/den in lowest terms with den > 0. */
export class Q {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Q(0n, 1n);
  static readonly ONE = new Q(1n, 1n);
  static readonly MINUS_ONE = new Q(-1n, 1n);

  /**
   * num/den reduced to lowest terms.
   * @throws RangeError when den is 0.
   */
  static of(num: bigint, den: bigint = 1n): Q {
    if (den === 0n) throw new RangeError('rational with zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (den === 1n) return new Q(num, 1n);
    const g = gcd(num, den);
    return g === 1n ? new Q(num, den) : new Q(num / g, den / g);
  }

  /**
   * A safe integer as a rational.
   * @throws RangeError when x is not a safe integer (use fromFloat64 for other numbers).
   */
  static int(x: number): Q {
    if (!Number.isSafeInteger(x)) throw new RangeError(`Q.int needs a safe integer, got ${x}`);
    return new Q(BigInt(x), 1n);
  }

  /**
   * The exact value of a float64, read from its bits (no decimal round trip).
   * @throws RangeError for NaN and infinities.
   */
  static fromFloat64(x: number): Q {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, x);
    const hi = view.getUint32(0);
    const lo = view.getUint32(4);
    const negative = hi >>> 31 === 1;
    const exponent = (hi >>> 20) & 0x7ff;
    let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
    let e: number;
    if (exponent === 0) {
      e = -1074; // subnormal: no implicit bit
    } else {
      mantissa |= 1n << 52n;
      e = exponent - 1075;
    }
    return Q.fromBinary(negative, mantissa, e);
  }

  /**
   * The exact value of a float32 (x is first rounded to float32, as a
   * Float32Array store would), read from its 32 bits.
   * @throws RangeError for NaN and infinities.
   */
  static fromFloat32(x: number): Q {
    const f = new Float32Array([x]);
    if (!Number.isFinite(f[0])) throw new RangeError(`not a finite float32: ${x}`);
    const bits = new Uint32Array(f.buffer)[0] ?? 0;
    const negative = bits >>> 31 === 1;
    const exponent = (bits >>> 23) & 0xff;
    let mantissa = BigInt(bits & 0x7fffff);
    let e: number;
    if (exponent === 0) {
      e = -149;
    } else {
      mantissa |= 1n << 23n;
      e = exponent - 150;
    }
    return Q.fromBinary(negative, mantissa, e);
  }

  private static fromBinary(negative: boolean, mantissa: bigint, e: number): Q {
    const m = negative ? -mantissa : mantissa;
    return e >= 0 ? Q.of(m << BigInt(e), 1n) : Q.of(m, 1n << BigInt(-e));
  }

  /**
   * Parses an exact rational: an integer (`3`), a fraction (`-3/7`), a
   * decimal (`0.125`) or scientific notation (`1e-3`, `-2.5e2`).
   * @param what names the option in the error message.
   * @throws ParseError on anything else (`abc`, `1/0`, `0x10`, `NaN`, `Infinity`, '').
   */
  static parse(text: string, what = 'value'): Q {
    const s = text.trim();
    const fail = (why: string): never => {
      throw new ParseError(
        `${what}: ${why} '${text}'; accepted: an integer (3), a fraction (-3/7), a decimal (0.125) or scientific notation (1e-3, -2.5e2)`,
        'E_RATIONAL',
      );
    };
    const frac = /^([+-]?\d+)\/(\d+)$/.exec(s);
    if (frac) {
      const den = BigInt(frac[2] ?? '');
      if (den === 0n) fail('zero denominator in');
      return Q.of(BigInt(frac[1] ?? ''), den);
    }
    const dec = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!dec) return fail('not a rational number:');
    const [, sign = '', body = '', expText] = dec;
    const [intPart = '', fracPart = ''] = body.split('.');
    const exp = expText === undefined ? 0 : Number(expText);
    // Bound the exponent so that '1e999999999' cannot allocate a huge BigInt.
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 10000) fail('exponent out of range [-10000, 10000] in');
    let num = BigInt((intPart || '0') + fracPart);
    if (sign === '-') num = -num;
    const shift = exp - fracPart.length;
    return shift >= 0 ? Q.of(num * 10n ** BigInt(shift), 1n) : Q.of(num, 10n ** BigInt(-shift));
  }

  add(o: Q): Q {
    if (this.den === 1n && o.den === 1n) return new Q(this.num + o.num, 1n);
    return Q.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Q): Q {
    if (this.den === 1n && o.den === 1n) return new Q(this.num - o.num, 1n);
    return Q.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  mul(o: Q): Q {
    if (this.den === 1n && o.den === 1n) return new Q(this.num * o.num, 1n);
    return Q.of(this.num * o.num, this.den * o.den);
  }

  /** @throws RangeError on division by zero. */
  div(o: Q): Q {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Q.of(this.num * o.den, this.den * o.num);
  }

  neg(): Q {
    return new Q(-this.num, this.den);
  }

  /** @throws RangeError when this is zero. */
  inv(): Q {
    return Q.ONE.div(this);
  }

  abs(): Q {
    return this.num < 0n ? this.neg() : this;
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  equals(o: Q): boolean {
    return this.num === o.num && this.den === o.den;
  }

  /** Negative, zero or positive as this <, =, > o. */
  cmp(o: Q): number {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }

  lt(o: Q): boolean {
    return this.cmp(o) < 0;
  }

  le(o: Q): boolean {
    return this.cmp(o) <= 0;
  }

  gt(o: Q): boolean {
    return this.cmp(o) > 0;
  }

  max(o: Q): Q {
    return this.cmp(o) >= 0 ? this : o;
  }

  min(o: Q): Q {
    return this.cmp(o) <= 0 ? this : o;
  }

  /** Integer power (negative exponents invert). */
  pow(e: number): Q {
    if (e < 0) return this.inv().pow(-e);
    return Q.of(this.num ** BigInt(e), this.den ** BigInt(e));
  }

  /**
   * The nearest float64, correctly rounded (ties to even), subnormals
   * included. For display and float code; never used on an exact path.
   */
  toNumber(): number {
    if (this.num === 0n) return 0;
    const neg = this.num < 0n;
    const a = neg ? -this.num : this.num;
    const b = this.den;
    let x: number;
    if (a << 1022n < b) {
      // Subnormal: the unit is 2^-1074. Take two guard bits and a sticky bit,
      // then round to nearest even by hand (Number() would round at 53 bits).
      const scaled = a << 1076n;
      let q = scaled / b;
      if (q * b !== scaled) q |= 1n;
      let r = q >> 2n;
      const low = q & 3n;
      if (low > 2n || (low === 2n && (r & 1n) === 1n)) r += 1n;
      x = Number(r) * 2 ** -1022 * 2 ** -52;
    } else {
      // Normal: a 55- or 56-bit quotient with a sticky bit, rounded once by
      // Number(), then scaled by an exact power of two.
      const s = 55 - (bitLength(a) - bitLength(b));
      const num = s >= 0 ? a << BigInt(s) : a;
      const den = s >= 0 ? b : b << BigInt(-s);
      let q = num / den;
      if (q * den !== num) q |= 1n;
      x = mulPow2(Number(q), -s);
    }
    return neg ? -x : x;
  }

  /** Canonical text: `3`, `-3/7`. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/** x * 2^k in two exact steps (each power of two is a normal float64). */
function mulPow2(x: number, k: number): number {
  const first = Math.max(-1022, Math.min(1023, k));
  return x * 2 ** first * 2 ** (k - first);
}

/** Shorthand: q(3), q(-3, 7), q('0.125'). */
export function q(x: number | bigint | string, den?: number | bigint): Q {
  if (typeof x === 'string') return Q.parse(x);
  const n = typeof x === 'bigint' ? x : BigInt(checkedInt(x));
  const d = den === undefined ? 1n : typeof den === 'bigint' ? den : BigInt(checkedInt(den));
  return Q.of(n, d);
}

function checkedInt(x: number): number {
  if (!Number.isSafeInteger(x)) throw new RangeError(`expected a safe integer, got ${x}`);
  return x;
}
