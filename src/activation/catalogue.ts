/**
 * The activation catalogue of the one-layer decoder, and user expressions.
 *
 * Piecewise-linear activations are represented exactly (pwl.ts) and decided
 * exactly. Sigmoid, tanh and softplus are strictly increasing analytic
 * functions, described by their range and the preimages of 0 and C, which
 * is all the decision needs (see decideOneLayer in decoder1.ts). User expressions are parsed
 * with mathjs; built from u, rationals, + - * / by constants, min, max, abs
 * and `cond ? a : b` comparisons they are PWL and decided exactly; anything
 * else (exp, tanh, products of u-terms, ...) is evaluated but left undecided.
 */
import { Decimal } from 'decimal.js';
import { createRequire } from 'node:module';
import type { MathJsInstance, MathNode } from 'mathjs';
import { UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import {
  type Comparison,
  type PWL,
  pwl,
  pwlAbs,
  pwlAdd,
  pwlConst,
  pwlIdentity,
  pwlMax,
  pwlMin,
  pwlScale,
  pwlSelect,
  pwlSub,
} from './pwl.js';

/** What is known about an analytic, strictly increasing activation. */
export interface Injective {
  /** The open range (lo, hi) of g (null: infinite). */
  range: { lo: Q | null; hi: Q | null };
  /** g^{-1}(v) for v in the range: a rational point, or a description of an irrational one. */
  preimage(v: Q): { rational: Q } | { irrational: string };
  /** Numeric evaluation for display and bounds. */
  evalDecimal(u: Decimal): Decimal;
}

/** An activation, one of three kinds. */
export type Activation =
  | { id: string; label: string; kind: 'pwl'; f: PWL; monotone: boolean }
  | { id: string; label: string; kind: 'injective'; g: Injective }
  | { id: string; label: string; kind: 'opaque'; reason: string; evalDecimal(u: Decimal): Decimal };

const D = Decimal.clone({ precision: 60 });

const injective = (fn: (u: Decimal) => Decimal, lo: Q | null, hi: Q | null, pre: Injective['preimage']): Injective => ({
  range: { lo, hi },
  preimage: pre,
  evalDecimal: fn,
});

/** The built-in activations for amplitude C (the clipped ReLU uses C). */
export function builtins(C: Q): Activation[] {
  const relu = pwl(
    [Q.ZERO],
    [
      { a: Q.ZERO, c: Q.ZERO },
      { a: Q.ONE, c: Q.ZERO },
    ],
  );
  const hardSigmoid = pwlMin(
    pwlMax(pwlAdd(pwlScale(pwlIdentity(), Q.of(1n, 6n)), pwlConst(Q.of(1n, 2n))), pwlConst(Q.ZERO)),
    pwlConst(Q.ONE),
  );
  const clipped = pwlMin(pwlMax(pwlIdentity(), pwlConst(Q.ZERO)), pwlConst(C));
  const heaviside = pwl(
    [Q.ZERO],
    [
      { a: Q.ZERO, c: Q.ZERO },
      { a: Q.ZERO, c: Q.ONE },
    ],
    [Q.ZERO],
  );
  const leaky = pwl(
    [Q.ZERO],
    [
      { a: Q.of(1n, 100n), c: Q.ZERO },
      { a: Q.ONE, c: Q.ZERO },
    ],
  );
  return [
    { id: 'relu', label: 'ReLU max(u, 0)', kind: 'pwl', f: relu, monotone: true },
    {
      id: 'sigmoid',
      label: 'sigmoid e^u / (1 + e^u)',
      kind: 'injective',
      g: injective(
        (u) => D.div(1, D.add(1, D.exp(u.neg()))),
        Q.ZERO,
        Q.ONE,
        (v) =>
          v.equals(Q.of(1n, 2n))
            ? { rational: Q.ZERO }
            : { irrational: `ln(${v}/(1 - ${v})), transcendental (Lindemann–Weierstrass)` },
      ),
    },
    {
      id: 'tanh',
      label: 'tanh u',
      kind: 'injective',
      g: injective(
        (u) => D.tanh(u),
        Q.MINUS_ONE,
        Q.ONE,
        (v) =>
          v.isZero()
            ? { rational: Q.ZERO }
            : { irrational: `atanh(${v}) = ln((1 + ${v})/(1 - ${v}))/2, transcendental (Lindemann–Weierstrass)` },
      ),
    },
    { id: 'hardsigmoid', label: 'hard sigmoid min(max(u/6 + 1/2, 0), 1)', kind: 'pwl', f: hardSigmoid, monotone: true },
    {
      id: 'clipped-relu',
      label: `clipped ReLU min(max(u, 0), C) with C = ${C}`,
      kind: 'pwl',
      f: clipped,
      monotone: true,
    },
    { id: 'heaviside', label: 'Heaviside: 1 for u > 0, 0 for u <= 0', kind: 'pwl', f: heaviside, monotone: true },
    { id: 'leaky-relu', label: 'leaky ReLU max(u, u/100)', kind: 'pwl', f: leaky, monotone: true },
    {
      id: 'softplus',
      label: 'softplus ln(1 + e^u)',
      kind: 'injective',
      g: injective(
        (u) => D.ln(D.add(1, D.exp(u))),
        Q.ZERO,
        null,
        (v) => ({
          irrational: `ln(e^${v} - 1), transcendental for rational ${v} > 0 (Lindemann–Weierstrass)`,
        }),
      ),
    },
  ];
}

/** Whether a PWL function is monotone (non-decreasing or non-increasing), exactly. */
export function pwlMonotone(f: PWL): boolean {
  // Sample every piece's slope and every jump.
  const slopes = f.pieces.map((p) => p.a.sign());
  const jumps: number[] = [];
  f.breaks.forEach((b, k) => {
    const left = (f.pieces[k] as { a: Q; c: Q }).a.mul(b).add((f.pieces[k] as { a: Q; c: Q }).c);
    const right = (f.pieces[k + 1] as { a: Q; c: Q }).a.mul(b).add((f.pieces[k + 1] as { a: Q; c: Q }).c);
    const v = f.atBreak[k] as Q;
    jumps.push(v.sub(left).sign(), right.sub(v).sign());
  });
  const signs = [...slopes, ...jumps].filter((s) => s !== 0);
  return signs.every((s) => s > 0) || signs.every((s) => s < 0);
}

let mathInstance: MathJsInstance | undefined;

/** mathjs with exact Fraction constants, loaded on first use: it takes about a second to load, and most commands never parse an expression. */
function mathjs(): MathJsInstance {
  if (!mathInstance) {
    const m = createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
    mathInstance = m.create(m.all as import('mathjs').FactoryFunctionMap, { number: 'Fraction' });
  }
  return mathInstance;
}

const ACCEPTED =
  'accepted: the variable u, numbers, + - * / ^ (integer powers of constants), min, max, abs, and `a > b ? x : y` comparisons (exact, piecewise linear); exp, log, tanh, sigmoid, sqrt also parse but are not decided';

type Built = { pwl: PWL } | { opaque: string };

/** The largest constant of a user expression, in bits of numerator or denominator: exact work stays small. */
export const MAX_CONSTANT_BITS = 4096;
/** The longest user expression. */
export const MAX_EXPRESSION_LENGTH = 1000;

function bits(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

/** @throws UsageError when a constant of the expression is larger than MAX_CONSTANT_BITS. */
function bounded(q: Q, text: string): Q {
  if (Math.max(bits(q.num), bits(q.den)) > MAX_CONSTANT_BITS)
    throw new UsageError(
      `--g: a constant of '${text.slice(0, 80)}' has more than ${MAX_CONSTANT_BITS} bits; accepted: constants below 2^${MAX_CONSTANT_BITS}`,
    );
  return q;
}

/** A mathjs Fraction constant as a rational; anything else (a string, a matrix) is not a constant of an activation. */
function fractionToQ(v: unknown, text: string): Q {
  const f = v as { s?: unknown; n?: unknown; d?: unknown } | null;
  const whole = (x: unknown) => typeof x === 'bigint' || (typeof x === 'number' && Number.isSafeInteger(x));
  if (f === null || typeof f !== 'object' || !whole(f.s) || !whole(f.n) || !whole(f.d))
    throw new UsageError(`--g: '${text.slice(0, 80)}' holds a constant that is not a number; ${ACCEPTED}`);
  return Q.of(BigInt(f.s as bigint) * BigInt(f.n as bigint), BigInt(f.d as bigint));
}

/**
 * Parses a user activation expression in u.
 * @throws UsageError on a syntax error, an unknown symbol or an unknown function.
 */
export function parseActivation(text: string, C: Q): Activation {
  if (text.length > MAX_EXPRESSION_LENGTH)
    throw new UsageError(
      `--g: the expression has ${text.length} characters; accepted: at most ${MAX_EXPRESSION_LENGTH}`,
    );
  if (text.trim() === '') throw new UsageError(`--g: the expression is empty; ${ACCEPTED}`);
  let node: MathNode;
  try {
    node = mathjs().parse(text);
  } catch (e) {
    throw new UsageError(`--g: cannot parse '${text}' (${(e as Error).message}); ${ACCEPTED}`);
  }
  const opaqueFns = new Set(['exp', 'log', 'tanh', 'sigmoid', 'sqrt', 'sin', 'cos', 'erf']);
  const cmp: Record<string, Comparison> = {
    larger: '>',
    largerEq: '>=',
    smaller: '<',
    smallerEq: '<=',
    equal: '==',
    unequal: '!=',
  };
  const usedOpaque: string[] = [];
  const build = (n: MathNode): Built => {
    const t = n as MathNode & Record<string, unknown>;
    switch (n.type) {
      case 'ConstantNode':
        return { pwl: pwlConst(bounded(fractionToQ(t.value, text), text)) };
      case 'SymbolNode': {
        const name = t.name as string;
        if (name === 'u') return { pwl: pwlIdentity() };
        if (name === 'C') return { pwl: pwlConst(C) };
        if (name === 'pi' || name === 'e') return { opaque: `the irrational constant ${name}` };
        throw new UsageError(`--g: unknown symbol '${name}' in '${text}'; ${ACCEPTED}`);
      }
      case 'ParenthesisNode':
        return build(t.content as MathNode);
      case 'ConditionalNode': {
        const cond = t.condition as MathNode & Record<string, unknown>;
        const op = cond.type === 'OperatorNode' ? cmp[cond.fn as string] : undefined;
        if (!op)
          throw new UsageError(`--g: the condition of '?' must be a comparison (>, >=, <, <=, ==, !=); ${ACCEPTED}`);
        const [l, r] = (cond.args as MathNode[]).map(build);
        const a = build(t.trueExpr as MathNode);
        const b = build(t.falseExpr as MathNode);
        for (const x of [l, r, a, b]) if (x && 'opaque' in x) return x;
        return {
          pwl: pwlSelect(
            pwlSub((l as { pwl: PWL }).pwl, (r as { pwl: PWL }).pwl),
            op,
            (a as { pwl: PWL }).pwl,
            (b as { pwl: PWL }).pwl,
          ),
        };
      }
      case 'OperatorNode': {
        const fn = t.fn as string;
        const args = (t.args as MathNode[]).map(build);
        const opaque = args.find((x) => 'opaque' in x);
        if (opaque) return opaque;
        const p = args.map((x) => (x as { pwl: PWL }).pwl);
        const constant = (f: PWL): Q | undefined =>
          f.breaks.length === 0 && (f.pieces[0] as { a: Q }).a.isZero() ? (f.pieces[0] as { c: Q }).c : undefined;
        switch (fn) {
          case 'add':
            return { pwl: pwlAdd(p[0] as PWL, p[1] as PWL) };
          case 'subtract':
            return { pwl: pwlSub(p[0] as PWL, p[1] as PWL) };
          case 'unaryMinus':
            return { pwl: pwlScale(p[0] as PWL, Q.MINUS_ONE) };
          case 'unaryPlus':
            return { pwl: p[0] as PWL };
          case 'multiply': {
            const c0 = constant(p[0] as PWL);
            const c1 = constant(p[1] as PWL);
            if (c0 !== undefined) return { pwl: pwlScale(p[1] as PWL, c0) };
            if (c1 !== undefined) return { pwl: pwlScale(p[0] as PWL, c1) };
            return { opaque: 'a product of two non-constant terms' };
          }
          case 'divide': {
            const c1 = constant(p[1] as PWL);
            if (c1 === undefined) return { opaque: 'division by a non-constant term' };
            if (c1.isZero()) throw new UsageError(`--g: division by zero in '${text}'`);
            return { pwl: pwlScale(p[0] as PWL, c1.inv()) };
          }
          case 'pow': {
            const base = constant(p[0] as PWL);
            const ex = constant(p[1] as PWL);
            if (ex === undefined || !ex.isInteger()) return { opaque: 'a non-integer or non-constant power' };
            if (base !== undefined && !(base.isZero() && ex.sign() < 0)) {
              // 0, 1 and -1 to any integer power, however large the exponent.
              if (base.isZero()) return { pwl: pwlConst(ex.isZero() ? Q.ONE : Q.ZERO) };
              if (base.abs().equals(Q.ONE))
                return { pwl: pwlConst(base.sign() > 0 || ex.num % 2n === 0n ? Q.ONE : Q.MINUS_ONE) };
              // Bound the result's size before computing it: |e| bits(base) bits at most.
              const size = Math.max(bits(base.num), bits(base.den)) - 1;
              const e = ex.num < 0n ? -ex.num : ex.num;
              if (size > 0 && e * BigInt(size) > BigInt(MAX_CONSTANT_BITS))
                bounded(Q.of(1n << BigInt(MAX_CONSTANT_BITS + 1), 1n), text);
              return { pwl: pwlConst(bounded(base.pow(Number(e) * ex.sign()), text)) };
            }
            if (ex.equals(Q.ONE)) return { pwl: p[0] as PWL };
            return { opaque: 'a power of u' };
          }
          default:
            throw new UsageError(`--g: unsupported operator '${t.op as string}' in '${text}'; ${ACCEPTED}`);
        }
      }
      case 'FunctionNode': {
        const name = (t.fn as { name?: string }).name ?? '';
        if (!opaqueFns.has(name) && !['min', 'max', 'abs'].includes(name))
          throw new UsageError(`--g: unknown function '${name}' in '${text}'; ${ACCEPTED}`);
        const args = (t.args as MathNode[]).map(build);
        if (opaqueFns.has(name)) {
          usedOpaque.push(name);
          return { opaque: `the function ${name}` };
        }
        if (!['min', 'max', 'abs'].includes(name))
          throw new UsageError(`--g: unknown function '${name}' in '${text}'; ${ACCEPTED}`);
        const opaque = args.find((x) => 'opaque' in x);
        if (opaque) return opaque;
        const p = args.map((x) => (x as { pwl: PWL }).pwl);
        if (name === 'abs') {
          if (p.length !== 1) throw new UsageError(`--g: abs takes one argument`);
          return { pwl: pwlAbs(p[0] as PWL) };
        }
        if (p.length < 1) throw new UsageError(`--g: ${name} needs arguments`);
        return { pwl: p.slice(1).reduce((acc, x) => (name === 'min' ? pwlMin(acc, x) : pwlMax(acc, x)), p[0] as PWL) };
      }
      default:
        throw new UsageError(`--g: unsupported syntax (${n.type}) in '${text}'; ${ACCEPTED}`);
    }
  };
  const built = build(node);
  if ('pwl' in built)
    return { id: `expr:${text}`, label: text, kind: 'pwl', f: built.pwl, monotone: pwlMonotone(built.pwl) };
  const compiled = mathjs().compile(text);
  return {
    id: `expr:${text}`,
    label: text,
    kind: 'opaque',
    reason: `not piecewise linear (${built.opaque}); stepae decides PWL expressions exactly and leaves the others undecided`,
    evalDecimal: (u) => {
      const v = compiled.evaluate({ u: Number(u.toString()), C: C.toNumber() }) as unknown;
      return new D(typeof v === 'number' ? v : Number(String(v)));
    },
  };
}
