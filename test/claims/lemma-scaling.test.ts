import { describe, expect, it } from 'vitest';
import {
  type Base,
  deadNeuronBase,
  decideCriterion,
  decideNever,
  decidePositive,
  isSolution,
  lemmaScaling,
  scalingInstance,
} from '../../src/claims/lemma-scaling.js';
import { resolveClaimOptions } from '../../src/claims/options.js';
import { linearEncoder, solveLayer3 } from '../../src/construct/decoder.js';
import { scaleSolution } from '../../src/construct/families.js';
import { deckRecipe } from '../../src/construct/patterns.js';
import { Q, q } from '../../src/kernel/rational.js';
import { type ExactActivation, forward, relu } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';

const C = Q.ONE;

function deckBase(n: number): Base {
  return { n, rows: n + 1, weights: deckRecipe(n, C, stepMatrix(n, C))!.weights };
}

describe('lemma-scaling: hand-checked cases', () => {
  it("the criterion at n = 2, D = diag(-1, 1): U3' = [0, 3; -1, 3; -3, 6] (by hand)", () => {
    // Base: z = (1, 2, 3), u_1 = 3/2 - z = (1/2, -1/2, -3/2), W3 = [2, 0; -4, 2], U3 = [1, 1; 0, 1; 0, 0].
    // U3' = U3 - |u_1| W3[:, 1]^T with |u_1| = (1/2, 1/2, 3/2) and W3[:, 1] = (2, -4).
    const b = deckBase(2);
    const d = [q(-1), q(1)];
    const U3 = forward(scaleSolution(b.weights, d), stepMatrix(2, C)).U3;
    expect(U3.map((r) => r.map(String))).toEqual([
      ['0', '3'],
      ['-1', '3'],
      ['-3', '6'],
    ]);
    const e = scalingInstance(b, C, d);
    expect(e.kind).toBe('negative');
    expect(e.solution).toBe(false);
    expect(e.criterion).toBe(true);
  });

  it('the n = 1, n2 = 2 example of the proofs draft (scaling.py (3)): a negative and a zero entry keep it', () => {
    const b = deadNeuronBase(1, C);
    expect(b.weights.W2.map((r) => String(r[0]))).toEqual(['-1', '-1']);
    expect(b.weights.b2.map(String)).toEqual(['3/2', '1']);
    expect(b.weights.W3.map((r) => r.map(String))).toEqual([['2', '1']]);
    expect(isSolution(b, C)).toBe(true);
    const flip = scalingInstance(b, C, [q(1), q(-1)]);
    expect(flip.solution).toBe(true);
    const img = scaleSolution(b.weights, [q(1), q(-1)]);
    expect(img.b2.map(String)).toEqual(['3/2', '-1']);
    expect(forward(img, stepMatrix(1, C)).U3.map((r) => r.map(String))).toEqual([['1'], ['-1']]);
    expect(scalingInstance(b, C, [q(1), q(0)]).solution).toBe(true);
  });
});

describe('lemma-scaling: each status flips on a false variant', () => {
  it('positive: a g2 that is not positively homogeneous (squared ReLU) breaks it', () => {
    const square: ExactActivation = (u) => relu(u).mul(relu(u));
    const r = solveLayer3({
      n: 2,
      C,
      encoder: linearEncoder(2, C),
      W2: [[q(-1)], [q(-1)]],
      b2: [q(3, 2), q(5, 2)],
      g2: square,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const sq: Base = { n: 2, rows: 2, weights: r.weights, g2: square };
    expect(isSolution(sq, C)).toBe(true);
    const relu2 = deckBase(2);
    expect(decidePositive([scalingInstance(relu2, C, [q(2), q(1, 3)])])).toBe('holds');
    expect(decidePositive([scalingInstance(sq, C, [q(2), q(1, 3)])])).toBe('refuted');
  });

  it('negative-square: one image that is a solution refutes "never"', () => {
    const ev = [scalingInstance(deckBase(3), C, [q(1), q(-2), q(3)])];
    expect(ev[0]!.solution).toBe(false);
    expect(decideNever(ev, 'negative', 'square')).toBe('holds');
    expect(decideNever([{ ...ev[0]!, solution: true }], 'negative', 'square')).toBe('refuted');
    expect(decideNever(ev, 'negative', 'wide')).toBe('inconclusive');
  });

  it('negative-wide / zero-wide: refuted by the dead neuron, holds without it', () => {
    const b = deadNeuronBase(3, C);
    const flipDead = scalingInstance(b, C, [q(1), q(1), q(1), q(-1)]);
    const flipLive = scalingInstance(b, C, [q(-1), q(1), q(1), q(1)]);
    expect(decideNever([flipLive], 'negative', 'wide')).toBe('holds');
    expect(decideNever([flipLive, flipDead], 'negative', 'wide')).toBe('refuted');
    expect(decideNever([scalingInstance(b, C, [q(1), q(1), q(1), q(0)])], 'zero', 'wide')).toBe('refuted');
    expect(decideNever([scalingInstance(deckBase(3), C, [q(1), q(0), q(1)])], 'zero', 'square')).toBe('holds');
  });

  it('criterion: a disagreement refutes it', () => {
    const e = scalingInstance(deckBase(2), C, [q(-1), q(-3)]);
    expect(decideCriterion([e])).toBe('holds');
    expect(decideCriterion([{ ...e, criterion: false }])).toBe('refuted');
  });
});

describe('lemma-scaling: the check', () => {
  it('holds, with the n2 = n theorem and its n2 > n failure computed', () => {
    const v = lemmaScaling.check(resolveClaimOptions(lemmaScaling, { nMax: 5, runs: 30 }));
    expect(v.status).toBe('holds');
    const status = Object.fromEntries(v.readings.map((r) => [r.name, r.status]));
    expect(status).toEqual({
      positive: 'holds',
      criterion: 'holds',
      'negative-square': 'holds',
      'negative-wide': 'refuted',
      'zero-square': 'holds',
      'zero-wide': 'refuted',
    });
  });

  it('honours --n', () => {
    const v = lemmaScaling.check(resolveClaimOptions(lemmaScaling, { n: 4, runs: 6 }));
    expect(v.scope).toEqual({ kind: 'proved', checked: [4, 4] });
  });
});
