import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { matrix } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { encode, forward, layer2, relu } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';
import { matStrings } from '../../src/render/format.js';

describe('step functions', () => {
  // docs/claims.md, Notation: x(i)_j = C if j >= i else 0, rows i = 1..n+1.
  it.each([
    [1, '1', [['1'], ['0']]],
    [
      2,
      '3/2',
      [
        ['3/2', '3/2'],
        ['0', '3/2'],
        ['0', '0'],
      ],
    ],
    [
      3,
      '1',
      [
        ['1', '1', '1'],
        ['0', '1', '1'],
        ['0', '0', '1'],
        ['0', '0', '0'],
      ],
    ],
  ])('X(%d, %s)', (n, c, expected) => {
    expect(matStrings(stepMatrix(n, Q.parse(c)))).toEqual(expected);
  });

  it('rejects n <= 0 and C <= 0', () => {
    expect(() => stepMatrix(0)).toThrow(UsageError);
    expect(() => stepMatrix(2, Q.ZERO)).toThrow(UsageError);
  });
});

describe('exact forward pass', () => {
  it('the encoder W1 = -1 (all ones negated), b1 = n+1 gives z(i) = i', () => {
    // z(i) = -C * (number of j >= i) + n + 1 = -(n + 1 - i) + n + 1 = i for C = 1.
    const n = 4;
    const W1 = [Array.from({ length: n }, () => Q.MINUS_ONE)];
    const z = encode(W1, [Q.int(n + 1)], stepMatrix(n));
    expect(z.map(String)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('ReLU layer 2 and layer 3 on a hand-computed case', () => {
    // codes 1, 2, 3; neuron 1: relu(2 - z) = 1, 0, 0; neuron 2: relu(3 - z) = 2, 1, 0.
    const A2 = layer2([Q.int(1), Q.int(2), Q.int(3)], matrix([[-1], [-1]]), [Q.int(2), Q.int(3)]);
    expect(matStrings(A2)).toEqual([
      ['1', '2'],
      ['0', '1'],
      ['0', '0'],
    ]);
    // n = 2: W3 with W3^T = A2[0:2]^-1 [[1,1],[0,1]] = [[1,-1],[0,1]], so W3 = [[1,0],[-1,1]].
    const W1 = [[Q.MINUS_ONE, Q.MINUS_ONE]];
    const out = forward(
      {
        W1,
        b1: [Q.int(3)],
        W2: matrix([[-1], [-1]]),
        b2: [Q.int(2), Q.int(3)],
        W3: matrix([
          [1, 0],
          [-1, 1],
        ]),
      },
      stepMatrix(2),
    );
    expect(matStrings(out.Y)).toEqual(matStrings(stepMatrix(2)));
    expect(relu(Q.int(-2)).isZero()).toBe(true);
  });
});
