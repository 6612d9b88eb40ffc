/**
 * Terminal layout: tables that fit a width (natural, wrapped, or one block
 * per row), word wrapping, definition lists, and inline TeX as plain text.
 * The exact strings are derived by hand from the layout rules in
 * src/render/format.ts (each derivation is in the comment beside it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_WRAP, plainMath, textLegend, textTable, wrapText } from '../../src/render/format.js';
import { fcParams } from '../helpers/seed.js';

describe('textTable', () => {
  it('when no width is given then every row is one line, columns padded, a rule under the header', () => {
    expect(textTable(['a', 'bb'], [['xxx', 'y']])).toBe('a    bb\n---  --\nxxx  y\n');
  });

  it('when the table fits the width then it is the same as without a width', () => {
    const body = [
      ['lemma-rank', 'holds', 'every n'],
      ['identity-k', 'refuted', 'n = 1..8'],
    ];
    expect(textTable(['claim', 'verdict', 'scope'], body, { width: 80 })).toBe(
      textTable(['claim', 'verdict', 'scope'], body),
    );
  });

  it('when a column is too wide then its cells wrap onto continuation lines under it', () => {
    // Width 40: 38 characters of content after the gap. "id" keeps its 2; "text" gets 36, so the
    // sentence breaks before "eight" (33 + 6 > 36) and before "thirteen" (28 + 9 > 36).
    const text = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen';
    expect(textTable(['id', 'text'], [['r1', text]], { width: 40 })).toBe(
      [
        'id  text',
        `--  ${'-'.repeat(36)}`,
        'r1  one two three four five six seven',
        '    eight nine ten eleven twelve',
        '    thirteen fourteen',
        '',
      ].join('\n'),
    );
  });

  it('when wrapped rows take several lines then a blank line separates the rows', () => {
    const long = 'a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h';
    const out = textTable(
      ['k', 'v'],
      [
        ['1', long],
        ['2', 'short'],
      ],
      { width: 40 },
    );
    expect(out.split('\n')).toContain('');
    expect(out).toMatch(/\n\n2 {2}short\n$/);
  });

  it('when even the wrapped columns cannot fit then each row is a block of "header  value" lines', () => {
    // Width 20: the column floors, 10 ("lemma-rank", unbreakable) and min(30, 17) = 17, exceed the 18 characters
    // of content, so records: keys 6 wide ("reason"), values 20 - 6 - 2 = 12; "holds for every n" breaks after "for".
    const out = textTable(
      ['claim', 'reason'],
      [
        ['lemma-rank', 'holds for every n'],
        ['identity-k', 'holds'],
      ],
      { width: 20 },
    );
    expect(out).toBe(
      [
        'claim   lemma-rank',
        'reason  holds for',
        '        every n',
        '',
        'claim   identity-k',
        'reason  holds',
        '',
      ].join('\n'),
    );
  });

  it(`when a wrapped column would be narrower than ${MIN_WRAP} characters then the records layout is used`, () => {
    const cell = 'word '.repeat(20).trim();
    // Two wrapped columns of 100 characters in 60: each would get under 30.
    const out = textTable(['a', 'b'], [[cell, cell]], { width: 60 });
    expect(out.startsWith('a  word word')).toBe(true);
    expect(out).not.toContain('--');
  });

  it('keeps every line within the width and every word of every cell (words up to 8 characters, width >= 30)', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    const cell = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((cols) =>
            fc.tuple(
              fc.array(word, { minLength: cols, maxLength: cols }),
              fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: 1, maxLength: 6 }),
              fc.integer({ min: 30, max: 160 }),
            ),
          ),
        ([header, body, width]) => {
          const out = textTable(header, body, { width });
          for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(width);
          const words = new Set(out.split(/\s+/));
          for (const c of [...header, ...body.flat()]) for (const w of c.split(' ')) expect(words.has(w)).toBe(true);
        },
      ),
      fcParams(200),
    );
  });
});

describe('wrapText', () => {
  it.each([
    ['short', 10, ['short']],
    ['two words', 4, ['two', 'word', 's']],
    ['a b c', 3, ['a b', 'c']],
    ['line one\nline two', 20, ['line one', 'line two']],
    ['', 5, ['']],
    ['so n = 8 and more', 6, ['so', 'n = 8', 'and', 'more']],
    ['a = b = c', 3, ['a =', 'b =', 'c']],
  ])('wrapText(%j, %i) = %j', (text, width, lines) => {
    expect(wrapText(text, width)).toEqual(lines);
  });

  it('keeps the words (operators included) in order and the lines within the width when no word is longer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.stringMatching(/^[a-z]{1,10}$/), fc.constantFrom('=', '<=', '+')), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 10, max: 80 }),
        (words, width) => {
          const lines = wrapText(words.join(' '), width);
          expect(lines.join(' ').split(' ')).toEqual(words);
          for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        },
      ),
      fcParams(200),
    );
  });
});

describe('textLegend', () => {
  const entries: [string, string][] = [
    ['a', 'first definition'],
    ['bb', 'second'],
  ];

  it('when no width is given then each term and its definition are one line, aligned', () => {
    expect(textLegend('Readings:', entries)).toBe('Readings:\n  a   first definition\n  bb  second\n');
  });

  it('when a width is given then definitions wrap under their own column', () => {
    // Width 20: indent 2, terms 2 wide, definitions 20 - 2 - 2 - 2 = 14 wide: "first definition" (16) breaks.
    expect(textLegend('Readings:', entries, { width: 20 })).toBe(
      'Readings:\n  a   first\n      definition\n  bb  second\n',
    );
  });
});

describe('plainMath', () => {
  // Each case is a formula from a claim's text (src/claims/*), read as the terminal's plain notation
  // (layer indices as the reports write them: A2, W3, b2_j; other subscripts keep their underscore).
  it.each([
    ['$\\operatorname{rank} A^{[2]} = n$', 'rank A2 = n'],
    ['$k_j = b^{[2]}_j / W^{[2]}_j$', 'k_j = b2_j / W2_j'],
    ['$U_3 = A_2 W_3^{\\mathsf T}$', 'U3 = A2 W3^T'],
    ['$\\lvert p \\rvert \\le \\max(20, 4(n+1))$', '|p| <= max(20, 4(n+1))'],
    ['$b_{2,j} = j + \\tfrac12$', 'b2_j = j + 1/2'],
    ['$(\\mathbf k, U_3) \\in \\mathcal K \\times \\mathcal U$', '(k, U3) in K x U'],
    ['$S \\ne \\emptyset$', 'S != {}'],
    ["$W_3'^{-1} W_2^{\\star}$", "W3'^-1 W2^*"],
    ['$\\det\\,[U \\ \\ \\mathbf 1] = \\prod (C - u_{i+1,i})$', 'det [U 1] = prod (C - u_(i+1,i))'],
    ['$g^{[2]}(u) = \\frac{e^u}{1+e^u}$', 'g2(u) = (e^u)/(1+e^u)'],
    ['$\\Delta$ and $\\tau \\ge 0$', 'Delta and tau >= 0'],
    ['no math: a_b, 5$ and more', 'no math: a_b, 5$ and more'],
    ['$u_{i+1,i} \\le 0$, $x_{12}$ and $z_i$', 'u_(i+1,i) <= 0, x_12 and z_i'],
    ['$\\inf \\mathrm{MSE} = (C - 1)^2 / 2$', 'inf MSE = (C - 1)^2 / 2'],
  ])('plainMath(%j) = %j', (tex, plain) => {
    expect(plainMath(tex)).toBe(plain);
  });
});
