import { describe, expect, it } from 'vitest';
import { builtins, parseActivation } from '../../src/activation/catalogue.js';
import { checkWitness, decideOneLayer, hasIntervals } from '../../src/activation/decoder1.js';
import { findAffine } from '../../src/activation/feasibility.js';
import { intervalText, pwlEval, pwlPreimage } from '../../src/activation/pwl.js';
import { gapped, lagrange, zigzag } from '../../src/claims/lemma-decoder1.js';
import { UsageError } from '../../src/errors.js';
import { Q } from '../../src/kernel/rational.js';

const codes = (n: number) => Array.from({ length: n + 1 }, (_, i) => Q.int(i + 1));
const byId = (id: string, C = Q.ONE) => builtins(C).find((a) => a.id === id)!;

describe('one-layer decoder: known answers', () => {
  // Each row: activation, n, C, expected decision, and why (derived by hand).
  it.each([
    // ReLU, n = 1: u = C(2 - z) gives ReLU(C) = C at z = 1 and ReLU(0) = 0 at z = 2.
    ['relu', 1, '1', 'yes'],
    // ReLU, n = 2: output 2 needs u = C at z = 1 and z = 2, so u is constant C, but u(3) must be <= 0.
    ['relu', 2, '1', 'no'],
    // Clipped ReLU: 0 on (-inf, 0], C on [C, inf): a steep decreasing u separates any split.
    ['clipped-relu', 4, '3/2', 'yes'],
    // Sigmoid never equals 0, and the zero signal needs 0.
    ['sigmoid', 1, '1/2', 'no'],
    // tanh, n = 1, C = 1/2: u(1) = atanh(1/2) (irrational), u(2) = 0: real weights only.
    ['tanh', 1, '1/2', 'real-only'],
    // tanh, n = 2: output 1 needs u = 0 at z = 2 and z = 3: u = 0 everywhere, but u(1) != 0.
    ['tanh', 2, '1/2', 'no'],
    // Heaviside (C = 1): u = j + 1/2 - z.
    ['heaviside', 3, '1', 'yes'],
    // Heaviside with C = 2 never equals 2.
    ['heaviside', 1, '2', 'no'],
    // Leaky ReLU is injective: as for tanh, only n = 1 (and here with rational weights).
    ['leaky-relu', 1, '1', 'yes'],
    ['leaky-relu', 2, '1', 'no'],
    // Softplus > 0.
    ['softplus', 3, '1', 'no'],
  ])('%s, n = %d, C = %s: %s', (id, n, c, expected) => {
    const C = Q.parse(c);
    const act = byId(id, C);
    const d = decideOneLayer(act, codes(n), C);
    expect(d.status).toBe(expected);
    if (d.status === 'yes') expect(checkWitness(act, codes(n), C, d.W2, d.b2)).toBe(true);
  });

  it('intervals: ReLU has A but no B; hard sigmoid has both', () => {
    expect(hasIntervals(byId('relu'), Q.ONE).status).toBe('no');
    const h = hasIntervals(byId('hardsigmoid'), Q.ONE);
    expect(h.status).toBe('yes');
    if (h.status === 'yes') expect([intervalText(h.A), intervalText(h.B)]).toEqual(['(-inf, -3]', '[3, +inf)']);
  });
});

describe('PWL algebra and preimages', () => {
  it('min(max(u,0),1) as an expression equals the clipped ReLU pointwise', () => {
    const e = parseActivation('min(max(u, 0), 1)', Q.ONE);
    if (e.kind !== 'pwl') throw new Error('expected PWL');
    const c = byId('clipped-relu');
    if (c.kind !== 'pwl') throw new Error('expected PWL');
    for (const x of ['-2', '-1/3', '0', '1/2', '1', '7/3'])
      expect(pwlEval(e.f, Q.parse(x)).equals(pwlEval(c.f, Q.parse(x)))).toBe(true);
  });

  it('abs and conditionals; preimages merge touching pieces', () => {
    const e = parseActivation('abs(u) <= 1 ? 0 : 2', Q.ONE);
    if (e.kind !== 'pwl') throw new Error('expected PWL');
    expect(pwlPreimage(e.f, Q.ZERO).map(intervalText)).toEqual(['[-1, 1]']);
    expect(pwlPreimage(e.f, Q.int(2)).map(intervalText)).toEqual(['(-inf, -1)', '(1, +inf)']);
  });

  it('rejects unknown symbols and functions', () => {
    expect(() => parseActivation('x + 1', Q.ONE)).toThrow(UsageError);
    expect(() => parseActivation('foo(u)', Q.ONE)).toThrow(/unknown function 'foo'/);
    expect(() => parseActivation('u +', Q.ONE)).toThrow(/cannot parse/);
    expect(parseActivation('exp(u)', Q.ONE).kind).toBe('opaque');
  });

  it('strict bounds: w*1 + b > 0 and w*2 + b < 0 and w*3 + b <= -5', () => {
    const r = findAffine(
      [Q.int(1), Q.int(2), Q.int(3)],
      [
        [{ lo: Q.ZERO, hi: null, loClosed: false, hiClosed: false }],
        [{ lo: null, hi: Q.ZERO, loClosed: false, hiClosed: false }],
        [{ lo: null, hi: Q.int(-5), loClosed: false, hiClosed: true }],
      ],
    );
    expect(r).toBeDefined();
    const { w, b } = r!;
    expect(w.add(b).sign()).toBe(1);
    expect(w.mul(Q.int(2)).add(b).sign()).toBe(-1);
    expect(w.mul(Q.int(3)).add(b).le(Q.int(-5))).toBe(true);
  });
});

describe('counterexample families', () => {
  it.each([1, 2, 3, 4])('n = %d: zigzag reconstructs without intervals; the polynomial reconstructs', (n) => {
    const z = zigzag(n, Q.ONE);
    expect(decideOneLayer(z, codes(n), Q.ONE).status).toBe('yes');
    expect(hasIntervals(z, Q.ONE).status).toBe('no');
    const p = lagrange(n, Q.ONE);
    const W2 = Array.from({ length: n }, () => Q.ONE);
    const b2 = Array.from({ length: n }, (_, j) => Q.int(-(j + 1)));
    expect(checkWitness(z, codes(n), Q.ONE, W2, b2, (u) => p.eval({ u }))).toBe(true);
    expect(p.totalDegree()).toBe(2 * n - 1);
  });

  it('the gapped g has intervals but reconstructs only n = 1', () => {
    expect(hasIntervals(gapped(Q.ONE), Q.ONE).status).toBe('yes');
    expect(decideOneLayer(gapped(Q.ONE), codes(1), Q.ONE).status).toBe('yes');
    expect(decideOneLayer(gapped(Q.ONE), codes(2), Q.ONE).status).toBe('no');
  });
});
