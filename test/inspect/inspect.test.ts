import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mse50, sigmoidWeights } from '../../src/activation/sigmoid.js';
import { buildDecoder, linearEncoder, randomEncoder } from '../../src/construct/decoder.js';
import { codeReport, inspectNetwork, resolveLayer3, solveConsistent } from '../../src/inspect/index.js';
import { matrix, mul } from '../../src/kernel/matrix.js';
import { Q } from '../../src/kernel/rational.js';
import { stepMatrix } from '../../src/model/steps.js';
import { Rng } from '../../src/random.js';
import { compare } from '../../src/train/compare.js';
import { initParams, layoutOf, type ModelSpec } from '../../src/train/model.js';
import { networkFromExact, networkFromParams } from '../../src/weights/index.js';
import { fcParams } from '../helpers/seed.js';

const q = (s: string) => Q.parse(s);

describe('codeReport (hand-checked)', () => {
  it('z = (1, 2, 3): linear, alpha 1, beta 0, R^2 = 1, increasing, gap 1', () => {
    const r = codeReport([1, 2, 3].map(Q.int));
    expect([r.linear, String(r.alpha), String(r.beta), String(r.r2), r.order, String(r.minGap.value)]).toEqual([
      true,
      '1',
      '0',
      '1',
      'increasing',
      '1',
    ]);
  });

  it('z = (0, 1, 4): R^2 = 12/13 exactly', () => {
    // i = 1, 2, 3 (mean 2), z mean 5/3: Sxz = (-1)(-5/3) + 0 + (1)(7/3) = 4, Sxx = 2,
    // Szz = 25/9 + 4/9 + 49/9 = 26/3, R^2 = 16 / (2 * 26/3) = 12/13.
    const r = codeReport([0, 1, 4].map(Q.int));
    expect([r.linear, String(r.r2), r.order, String(r.minGap.value), r.minGap.at]).toEqual([
      false,
      '12/13',
      'increasing',
      '1',
      1,
    ]);
  });

  it('z = (1, 3, 1, 2): no order, signals 1 and 3 share a code', () => {
    const r = codeReport([1, 3, 1, 2].map(Q.int));
    expect([r.order, r.orderSignals, r.equalCodes]).toEqual(['none', 'none', [[1, 3]]]);
  });

  it('a constant code: not linear, R^2 = 0', () => {
    const r = codeReport([2, 2, 2].map(Q.int));
    expect([r.linear, String(r.r2), r.equalCodes]).toEqual([
      false,
      '0',
      [
        [1, 2],
        [1, 3],
        [2, 3],
      ],
    ]);
  });
});

describe('solveConsistent', () => {
  it('solves a consistent singular system and refuses an inconsistent one', () => {
    const A = matrix([
      [1, 2],
      [2, 4],
    ]);
    const S = solveConsistent(A, matrix([[3], [6]]));
    expect(S && mul(A, S).map((r) => r.map(String))).toEqual([['3'], ['6']]);
    expect(solveConsistent(A, matrix([[3], [7]]))).toBeUndefined();
  });
});

describe('inspectNetwork: two-layer decoder', () => {
  const n = 4;
  const c = buildDecoder({ n, C: Q.ONE, encoder: linearEncoder(n, Q.ONE) });
  if (!c.ok) throw new Error(c.reason);
  const w = c.construction.weights;

  it("the deck's construction: exact, MSE 0, form (1), every condition met", () => {
    const r = inspectNetwork(networkFromExact(w).net, Q.ONE);
    expect([r.exact, r.exactSignals, String(r.mse), r.float32Mse]).toEqual([true, true, '0', 0]);
    const d = r.decoderReport;
    if (d.kind !== 'two-layer') throw new Error('two-layer expected');
    expect([d.rankA2.dropped, d.rankW3, d.formOne.holds, d.stuck.length]).toEqual([4, 4, true, 0]);
    expect(r.conditions.every((k) => k.holds)).toBe(true);
    const re = d.resolve.withoutB3;
    expect(re.possible && [re.signals, re.zeroSignal]).toEqual([true, true]);
  });

  it('W3 negated: U3 = -U3 <= 0, all n(n+1)/2 = 10 target-C outputs stuck, MSE 10/20 = 1/2', () => {
    const neg = { ...w, W3: w.W3.map((row) => row.map((x) => x.neg())) };
    const r = inspectNetwork(networkFromExact(neg).net, Q.ONE);
    const d = r.decoderReport;
    if (d.kind !== 'two-layer') throw new Error('two-layer expected');
    expect([r.exact, String(r.mse), d.stuck.length, String(d.stuckMse), r.float32Mse]).toEqual([
      false,
      '1/2',
      10,
      '1/2',
      0.5,
    ]);
    // Form (1) breaks exactly on the 10 entries on and above the diagonal (they are -1, not C).
    expect(d.formOne.violations.filter((v) => v.expected === 'C').length).toBe(10);
    // Layers 1-2 are the construction's: re-solving W3 gives the exact solution back.
    const re = d.resolve.withoutB3;
    expect(re.possible && [re.signals, re.zeroSignal, re.W3.flat().map(String)]).toEqual([
      true,
      true,
      w.W3.flat().map(String),
    ]);
  });

  it('A2 of rank < n: no W3 exists, with the reason; the conditions say which fails', () => {
    // Two equal layer-2 units: rank A2 <= n - 1.
    const W2 = w.W2.map((r, j) => (j === 1 ? (w.W2[0] as Q[]) : r));
    const b2 = w.b2.map((x, j) => (j === 1 ? (w.b2[0] as Q) : x));
    const r = inspectNetwork(networkFromExact({ ...w, W2, b2 }).net, Q.ONE);
    const d = r.decoderReport;
    if (d.kind !== 'two-layer') throw new Error('two-layer expected');
    expect(d.rankA2.dropped).toBe(3);
    expect(d.resolve.withoutB3.possible).toBe(false);
    expect(!d.resolve.withoutB3.possible && d.resolve.withoutB3.reason).toMatch(/rank 3 < n = 4/);
    expect(r.conditions.find((k) => k.text === 'A2 full rank on signals 1..n')?.holds).toBe(false);
  });

  it('no layer-2 bias: the condition fails, and A2 = ReLU(z W2^T) has rank <= 2 (a bias is needed)', () => {
    const b2 = w.b2.map(() => Q.ZERO);
    const r = inspectNetwork(networkFromExact({ ...w, b2 }).net, Q.ONE);
    const d = r.decoderReport;
    if (d.kind !== 'two-layer') throw new Error('two-layer expected');
    // Without bias each column is ReLU(W2_j z): a multiple of ReLU(z) or ReLU(-z), so rank <= 2.
    expect(d.rankA2.kept).toBeLessThanOrEqual(2);
    expect(r.conditions.find((k) => k.claim === 'lemma-layer2-bias')?.holds).toBe(false);
  });

  it('agrees with the training comparison (compare.ts) on random float32 networks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, extra, b3, seed) => {
          const spec: ModelSpec = { experiment: 'free', n, n2: n + extra, b3, C: 1 };
          const p = initParams(spec, layoutOf(spec), new Rng(seed));
          const net = networkFromParams(spec, p);
          const r = inspectNetwork(net, Q.ONE);
          const d = r.decoderReport;
          if (d.kind !== 'two-layer') throw new Error('two-layer expected');
          const cmp = compare(spec, p, r.float32Mse, []);
          expect([d.rankA2.kept, d.rankA2.dropped]).toEqual([cmp.rankA2, cmp.rankA2Signals]);
          if (cmp.resolved && 'signals' in cmp.resolved) {
            const re = d.resolve.withoutB3;
            expect(re.possible && re.signals).toBe(cmp.resolved.signals);
            // compare.ts solves on signals 1..n only; solving on all rows first can only add the zero signal.
            if (cmp.resolved.zeroSignal) expect(re.possible && re.zeroSignal).toBe(true);
          } else expect(d.resolve.withoutB3.possible).toBe(false);
          // The exact MSE and the float32 one differ by float32 rounding only.
          const exact = (r.mse as Q).toNumber();
          expect(Math.abs(exact - r.float32Mse)).toBeLessThanOrEqual(1e-5 * Math.max(exact, 1e-3));
        },
      ),
      fcParams(40),
    );
  });

  it('re-solving with b3 succeeds where A2 is rank-deficient but [A2 1] is not', () => {
    // Codes z = 1..3 (n = 2) and one unit ReLU(z - 1/2) plus a dead unit (W2 = 0, b2 = 0):
    // A2 = [[1/2, 0], [3/2, 0], [5/2, 0]] has rank 1 < 2, [A2 1] has rank 2.
    const enc = linearEncoder(2, Q.ONE);
    const W2 = [[Q.ONE], [Q.ZERO]];
    const b2 = [q('-1/2'), Q.ZERO];
    const X = stepMatrix(2, Q.ONE);
    const A2 = [
      [q('1/2'), Q.ZERO],
      [q('3/2'), Q.ZERO],
      [q('5/2'), Q.ZERO],
    ];
    expect(resolveLayer3({ ...enc, W2, b2 }, A2, X, false).possible).toBe(false);
    const withB3 = resolveLayer3({ ...enc, W2, b2 }, A2, X, true);
    // X rows (1,1), (0,1): on signals U = a w + b with a = 1/2, 3/2: output 1: w = -1, b = 3/2;
    // output 2: w = 0, b = 1. Zero signal a = 5/2: U = (-1, 1) -> ReLU = (0, 1) != (0, 0).
    expect(withB3.possible && [withB3.rows, withB3.signals, withB3.zeroSignal, withB3.b3?.map(String)]).toEqual([
      'signals',
      true,
      false,
      ['3/2', '1'],
    ]);
  });

  it('a random encoder with a distinct zero-signal code is reconstructed exactly (construct-random)', () => {
    // The first seed from 1 whose random codes are distinct on the signals (buildDecoder refuses the others).
    let c2 = buildDecoder({ n: 5, C: q('3/2'), encoder: randomEncoder(5, new Rng(1)) });
    for (let seed = 2; !c2.ok && seed < 100; seed++)
      c2 = buildDecoder({ n: 5, C: q('3/2'), encoder: randomEncoder(5, new Rng(seed)) });
    if (!c2.ok) throw new Error(c2.reason);
    const r = inspectNetwork(networkFromExact(c2.construction.weights, { round: false }).net, q('3/2'));
    expect(r.exact).toBe(c2.construction.zeroSignal.reconstructed);
    expect(r.exactSignals).toBe(true);
  });
});

describe('inspectNetwork: sigmoid one-layer decoder', () => {
  it("the deck's handcrafted solution: never exact, MSE enclosed, outputs on the right side of 1/2", () => {
    const n = 4;
    const s = Q.int(10);
    const { W2, b2 } = sigmoidWeights(n, s);
    const enc = linearEncoder(n, Q.ONE); // z(i) = i
    const { net } = networkFromExact({ ...enc, W2: W2.map((x) => [x]), b2 }, { round: false });
    const r = inspectNetwork(net, Q.ONE);
    const d = r.decoderReport;
    if (d.kind !== 'one-layer') throw new Error('one-layer expected');
    expect([r.exact, d.wrongSide.length, r.codes.linear]).toEqual([false, 0, true]);
    // activation/sigmoid.ts's 50-digit MSE (independent decimal arithmetic) lies in the enclosure.
    const m = mse50(n, Q.ONE, W2, b2);
    // mse50 works at 50 digits and y - 1 cancels about 5 of them (y is within 1e-5 of 1), so it is
    // good to ~1e-45 relative; the enclosure is rigorous at 60 digits. Allow 1e-40.
    const slack = m.abs().mul('1e-40');
    expect(m.add(slack).gte(d.mseEnclosure.lo) && m.sub(slack).lte(d.mseEnclosure.hi)).toBe(true);
    expect(Math.abs(r.float32Mse - m.toNumber())).toBeLessThan(1e-6);
    expect(r.conditions.find((k) => k.claim === 'lemma-decoder1')?.holds).toBe(false);
  });
});
