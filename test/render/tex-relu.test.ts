import { describe, expect, it } from 'vitest';
import { Q } from '../../src/kernel/rational.js';
import {
  plainRelu,
  texColumns,
  texInlineMatrix,
  texNs,
  texQ,
  texRangeMath,
  texRelu,
  texTuple,
} from '../../src/render/tex.js';

const q = (s: string) => Q.parse(s);

describe('tex-conjecture', () => {
  it.each([
    ['3', '3'],
    ['-1/2', '-\\tfrac{1}{2}'],
    ['4/3', '\\tfrac{4}{3}'],
    ['0', '0'],
  ])('texQ(%s) = %s', (x, want) => expect(texQ(q(x))).toBe(want));

  it.each([
    [-1, '4/3', '\\mathrm{ReLU}(\\tfrac{4}{3} - z)', 'ReLU(4/3 − z)'],
    [-1, '0', '\\mathrm{ReLU}(-z)', 'ReLU(−z)'],
    [1, '0', '\\mathrm{ReLU}(z)', 'ReLU(z)'],
    [1, '-1', '\\mathrm{ReLU}(z + 1)', 'ReLU(z + 1)'],
    [1, '5/2', '\\mathrm{ReLU}(z - \\tfrac{5}{2})', 'ReLU(z − 5/2)'],
    [-1, '-2', '\\mathrm{ReLU}(-2 - z)', 'ReLU(−2 − z)'],
  ] as const)('column s = %i, t = %s', (s, t, tex, plain) => {
    expect(texRelu({ s, t: q(t) })).toBe(tex);
    expect(plainRelu({ s, t: q(t) })).toBe(plain);
  });

  it('matrices, tuples and columns are single math spans safe in a Markdown table', () => {
    const m = texInlineMatrix([
      [q('1/3'), q('0')],
      [q('0'), q('2/3')],
    ]);
    expect(m).toBe('$[\\tfrac{1}{3}, 0; 0, \\tfrac{2}{3}]$');
    expect(texTuple([q('1'), q('-1/2')])).toBe('$(1, -\\tfrac{1}{2})$');
    expect(
      texColumns([
        { s: 1, t: q('0') },
        { s: -1, t: q('4') },
      ]),
    ).toBe('$\\mathrm{ReLU}(z),\\ \\mathrm{ReLU}(4 - z)$');
    for (const s of [m, texColumns([{ s: 1, t: q('1') }])]) {
      expect(s).not.toContain('|');
      expect(s).not.toContain('\\\\');
    }
  });

  it('ranges of n in words', () => {
    expect(texRangeMath(3, 3)).toBe('$n = 3$');
    expect(texRangeMath(1, 2)).toBe('$n = 1, 2$');
    expect(texRangeMath(1, 4)).toBe('$n = 1, \\dots, 4$');
    expect(texNs([5, 1, 2, 3])).toBe('$n = 1, \\dots, 3$ and $n = 5$');
  });
});
