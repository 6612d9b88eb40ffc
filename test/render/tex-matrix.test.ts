/** Inline TeX of exact values, safe in Markdown table cells. */
import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { texBmatrix, texRows, texQ, texVec } from '../../src/render/tex.js';

describe('tex-linear', () => {
  it.each([
    ['3', '3'],
    ['-3/7', '-\\tfrac{3}{7}'],
    ['1/2', '\\tfrac{1}{2}'],
    ['0', '0'],
  ])('texQ(%s) = %s', (q, tex) => {
    expect(texQ(Q.parse(q))).toBe(tex);
  });

  it('vectors and matrices', () => {
    const a = matrix([
      [1, '1/2'],
      [0, -2],
    ]);
    expect(texVec([Q.ONE, Q.of(-1n, 2n)])).toBe('(1, -\\tfrac{1}{2})');
    expect(texRows(a)).toBe('[1, \\tfrac{1}{2}; 0, -2]');
    expect(texRows(a)).not.toMatch(/[|]|\\\\/);
    expect(texBmatrix(a)).toBe('\\begin{bmatrix} 1 & \\tfrac{1}{2} \\\\ 0 & -2 \\end{bmatrix}');
  });
});
