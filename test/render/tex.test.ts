import { describe, expect, it } from 'vitest';
import { Poly } from '../../src/kernel/poly.js';
import { Q } from '../../src/kernel/rational.js';
import { texPoly, texRange, texRows, texVariable, texVec } from '../../src/render/tex.js';

const C = Poly.variable('C');
const u21 = Poly.variable('u2_1');
const u32 = Poly.variable('u3_2');

describe('texPoly', () => {
  // Each expected string written by hand from the polynomial.
  it.each([
    ['C(C - u21)', C.mul(C.sub(u21)), 'C^{2} - C\\,u_{2,1}'],
    [
      'C(C - u21)(C - u32)',
      C.mul(C.sub(u21)).mul(C.sub(u32)),
      'C^{3} - C^{2}\\,u_{2,1} - C^{2}\\,u_{3,2} + C\\,u_{2,1}\\,u_{3,2}',
    ],
    ['-3/7 C + 2', C.scale(Q.of(-3n, 7n)).add(Poly.constant(Q.int(2))), '-\\tfrac{3}{7}\\,C + 2'],
    ['0', Poly.ZERO, '0'],
  ])('%s', (_name, p, tex) => {
    expect(texPoly(p, { leading: 'C' })).toBe(tex);
  });

  it('never prints the plain-text forms', () => {
    expect(texPoly(C.mul(u21))).not.toMatch(/\*|u2_1/);
  });
});

describe('inline values', () => {
  it('variables, vectors, rows, ranges', () => {
    expect(texVariable('u12_3')).toBe('u_{12,3}');
    expect(texVariable('v2')).toBe('v_{2}');
    expect(texVariable('C')).toBe('C');
    expect(texVec([Q.ONE, Q.of(-1n, 2n)])).toBe('(1, -\\tfrac{1}{2})');
    expect(
      texRows([
        [Q.ONE, Q.ZERO],
        [Q.MINUS_ONE, Q.int(2)],
      ]),
    ).toBe('[1, 0; -1, 2]');
    expect(texRange(3, 3)).toBe('n = 3');
    expect(texRange(1, 8)).toBe('n = 1, \\dots, 8');
  });
});
