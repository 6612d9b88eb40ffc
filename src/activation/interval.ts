/**
 * Rigorous interval arithmetic on decimal.js numbers with directed
 * rounding: every lower end is rounded toward -inf and every upper end
 * toward +inf. decimal.js computes exp and ln correctly rounded in the
 * configured rounding mode, so each interval encloses the exact value.
 */
import { Decimal } from 'decimal.js';
import type { Q } from '../kernel/rational.js';

const PRECISION = 60;
const Dn = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_FLOOR });
const Up = Decimal.clone({ precision: PRECISION, rounding: Decimal.ROUND_CEIL });

/** A closed interval [lo, hi] that contains the exact value. */
export interface Iv {
  lo: Decimal;
  hi: Decimal;
}

export function ivQ(x: Q): Iv {
  return { lo: Dn.div(x.num.toString(), x.den.toString()), hi: Up.div(x.num.toString(), x.den.toString()) };
}

export function ivAdd(a: Iv, b: Iv): Iv {
  return { lo: Dn.add(a.lo, b.lo), hi: Up.add(a.hi, b.hi) };
}

export function ivSub(a: Iv, b: Iv): Iv {
  return { lo: Dn.sub(a.lo, b.hi), hi: Up.sub(a.hi, b.lo) };
}

export function ivNeg(a: Iv): Iv {
  return { lo: a.hi.neg(), hi: a.lo.neg() };
}

export function ivMul(a: Iv, b: Iv): Iv {
  const ps = [
    [a.lo, b.lo],
    [a.lo, b.hi],
    [a.hi, b.lo],
    [a.hi, b.hi],
  ] as const;
  const lows = ps.map(([x, y]) => Dn.mul(x, y));
  const highs = ps.map(([x, y]) => Up.mul(x, y));
  return { lo: Decimal.min(...lows), hi: Decimal.max(...highs) };
}

export function ivSquare(a: Iv): Iv {
  if (a.lo.gte(0)) return { lo: Dn.mul(a.lo, a.lo), hi: Up.mul(a.hi, a.hi) };
  if (a.hi.lte(0)) return { lo: Dn.mul(a.hi, a.hi), hi: Up.mul(a.lo, a.lo) };
  const m = Decimal.max(a.lo.neg(), a.hi);
  return { lo: new Dn(0), hi: Up.mul(m, m) };
}

export function ivExp(a: Iv): Iv {
  return { lo: Dn.exp(a.lo), hi: Up.exp(a.hi) };
}

/** ln of a positive interval. @throws RangeError when it reaches 0. */
export function ivLn(a: Iv): Iv {
  if (a.lo.lte(0)) throw new RangeError('ln of an interval reaching 0');
  return { lo: Dn.ln(a.lo), hi: Up.ln(a.hi) };
}

/** 1 / a for a positive interval. */
export function ivRecip(a: Iv): Iv {
  if (a.lo.lte(0)) throw new RangeError('reciprocal of an interval reaching 0');
  return { lo: Dn.div(1, a.hi), hi: Up.div(1, a.lo) };
}

const ONE: Iv = { lo: new Dn(1), hi: new Up(1) };

/** sigmoid(a) = 1 / (1 + e^{-a}), increasing. */
export function ivSigmoid(a: Iv): Iv {
  return ivRecip(ivAdd(ONE, ivExp(ivNeg(a))));
}

/** logit(a) = ln(a) - ln(1 - a) for a inside (0, 1). */
export function ivLogit(a: Iv): Iv {
  return ivSub(ivLn(a), ivLn(ivSub(ONE, a)));
}
