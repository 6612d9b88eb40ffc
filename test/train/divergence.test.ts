/**
 * A diverging run is a result, not a crash: the epoch where its loss (or a
 * parameter) first becomes non-finite, its last finite weights kept,
 * compared and saved, exit 0. The expected epochs come from a plain
 * epoch-by-epoch loop written here (the reference network and optimiser,
 * one epoch at a time, no chunks), independent of the training loop's
 * chunking and of its replay from the start.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random.js';
import { compare } from '../../src/train/compare.js';
import { type Experiment, initParams, layoutOf, type ModelSpec, Net, targets } from '../../src/train/model.js';
import { makeOptimizer, OPTIMIZERS, type OptimizerName } from '../../src/train/optim.js';
import { runSession } from '../../src/train/session.js';
import { train, trainGroup, type TrainOptions, type TrainResult } from '../../src/train/train.js';
import { run } from '../helpers/cli.js';

/**
 * The reference: trains one epoch at a time for `maxEpochs` epochs, or until
 * a parameter is not finite (it never becomes finite again). A run whose
 * last state is not finite diverged at the epoch after its last finite
 * state (loss and weights finite), whose weights it keeps; a loss that
 * overflows for a while, weights finite, and comes back is not divergence.
 */
function referenceDivergence(o: TrainOptions, maxEpochs: number) {
  const net = new Net(o.spec, initParams(o.spec, layoutOf(o.spec), new Rng(o.seed), o.initScheme));
  const opt = makeOptimizer(o.optimizer, o.lr, net.p.length);
  const x = targets(o.spec.n, o.spec.C);
  let last = { epoch: 0, p: Float32Array.from(net.p), loss: net.lossAndGrad(x, false) };
  let finiteNow = Number.isFinite(last.loss);
  let transient = 0;
  for (let e = 1; e <= maxEpochs; e++) {
    net.lossAndGrad(x, true, false);
    opt.step(net.p, net.g);
    const l = net.lossAndGrad(x, false);
    const weights = net.p.every(Number.isFinite);
    finiteNow = weights && Number.isFinite(l);
    if (finiteNow) {
      if (last.epoch < e - 1) transient++;
      last = { epoch: e, p: Float32Array.from(net.p), loss: l };
    }
    if (!weights) break;
  }
  return { diverged: finiteNow ? undefined : last.epoch + 1, kept: last.p, keptLoss: last.loss, transient };
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

const free8: ModelSpec = { experiment: 'free', n: 8, n2: 8, b3: false, C: 1 };
const constrained8: ModelSpec = { experiment: 'constrained', n: 8, n2: 8, b3: false, C: 1 };

describe('divergence at a known epoch', () => {
  // Settings found to diverge (a scan of learning rates; every epoch below is the reference loop's):
  // free, SGD lr 3: seed 20220231 at epoch 11; constrained, SGD lr 2: seed 20220233 at epoch 10;
  // RMSProp lr 1e10: the first step moves every weight by about 10 lr, and the loss overflows at epoch 1.
  const cases: [string, ModelSpec, OptimizerName, number, number][] = [
    ['free sgd lr 3', free8, 'sgd', 3, 20220231],
    ['constrained sgd lr 2', constrained8, 'sgd', 2, 20220233],
    ['free rmsprop lr 1e10', free8, 'rmsprop', 1e10, 20220227],
    ['constrained adam lr 1e30', constrained8, 'adam', 1e30, 20220227],
  ];

  it.each(cases)(
    'when %s diverges then every engine and log interval finds the reference epoch and keeps its weights',
    (_name, spec, optimizer, lr, seed) => {
      const base = { spec, epochs: 5000, lr, optimizer, seed };
      const ref = referenceDivergence({ ...base, logEvery: 1 }, 5000);
      expect(ref.diverged).toBeDefined();
      for (const engine of ['js', 'wasm'] as const)
        // Log intervals 1, 3, 7 and 1000 put the divergence at a chunk's start, inside a chunk, or in the first one.
        for (const logEvery of [1, 3, 7, 1000]) {
          const r = train({ ...base, logEvery, engine });
          expect(r.diverged?.epoch, `${engine}, log every ${logEvery}`).toBe(ref.diverged);
          expect(r.epochs).toBe((ref.diverged ?? 0) - 1);
          expect(bits(r.params)).toBe(bits(ref.kept));
          expect(r.finalLoss).toBe(ref.keptLoss);
          expect(r.interrupted).toBe(false);
          // The curve stays finite and ends at the kept weights.
          expect(r.curve.every(([, l]) => Number.isFinite(l))).toBe(true);
          if ((ref.diverged ?? 0) > 1) expect(r.curve[r.curve.length - 1]).toEqual([r.epochs, ref.keptLoss]);
        }
    },
  );

  // A loss that overflows float32 for a while, weights finite, is not divergence (found by a scan of C and lr).
  // constrained, SGD lr 0.1, C = 1e4, seed 1: the loss is +Infinity at epoch 2 only, and the run trains on.
  // free, SGD lr 0.1, C = 1e4, seed 1: the loss is +Infinity at epoch 1, finite at 2, a weight is not at 3.
  const transients: [string, ModelSpec, number | undefined][] = [
    ['constrained C = 1e4', { ...constrained8, C: 1e4 }, undefined],
    ['free C = 1e4', { ...free8, C: 1e4 }, 3],
  ];
  it.each(transients)(
    'when the loss of %s overflows and comes back then the run is judged by its end, on every engine',
    (_name, spec, epoch) => {
      const base = { spec, epochs: 2000, lr: 0.1, optimizer: 'sgd' as const, seed: 1 };
      const ref = referenceDivergence({ ...base, logEvery: 1 }, 2000);
      expect(ref.transient).toBeGreaterThan(0);
      expect(ref.diverged).toBe(epoch);
      for (const engine of ['js', 'wasm', 'simd'] as const)
        for (const logEvery of [1, 2, 100]) {
          const r = train({ ...base, logEvery, engine });
          expect(r.diverged?.epoch, `${engine}, log every ${logEvery}`).toBe(epoch);
          expect(bits(r.params)).toBe(bits(ref.kept));
          expect(r.finalLoss).toBe(ref.keptLoss);
          expect(r.curve.every(([, l]) => Number.isFinite(l))).toBe(true);
        }
    },
  );

  it('when one lane of a SIMD group diverges then the other lanes end with the bits they have alone', () => {
    // free, SGD lr 3, seeds 20220229..20220232: only 20220231 diverges (at epoch 11).
    const seeds = [20220229, 20220230, 20220231, 20220232];
    const o = (seed: number): TrainOptions => ({
      spec: free8,
      epochs: 3000,
      lr: 3,
      optimizer: 'sgd',
      seed,
      logEvery: 500,
    });
    const group = trainGroup(seeds.map(o), 'simd');
    const alone = seeds.map((s) => trainGroup([o(s)], 'wasm')[0] as TrainResult);
    expect(group.map((r) => r.diverged?.epoch)).toEqual([undefined, undefined, 11, undefined]);
    group.forEach((r, k) => {
      const a = alone[k] as TrainResult;
      expect(r.engine).toBe('simd');
      expect(bits(r.params)).toBe(bits(a.params));
      expect(r.curve).toEqual(a.curve);
      expect(r.diverged).toEqual(a.diverged);
      expect(r.epochs).toBe(a.epochs);
    });
    // The runs that stayed finite trained to the end.
    expect(group.filter((r) => !r.diverged).every((r) => r.epochs === 3000)).toBe(true);
  });

  it('when the initial loss is not finite then the run diverges at epoch 0 and keeps its initial weights', () => {
    // C = 1e20: C^2 = 1e40 overflows float32, so the very first MSE is +Infinity.
    const spec: ModelSpec = { ...free8, C: 1e20 };
    const r = train({ spec, epochs: 100, lr: 1e-4, optimizer: 'rmsprop', seed: 5, logEvery: 10 });
    expect(r.diverged).toEqual({ epoch: 0, what: 'loss', loss: Infinity });
    expect(r.epochs).toBe(0);
    expect(bits(r.params)).toBe(bits(initParams(spec, layoutOf(spec), new Rng(5))));
  });

  it('a session with a diverged run replays the epochs asked for (the run diverges again)', () => {
    const s = runSession({
      experiment: 'free',
      n: 8,
      C: 1,
      epochs: 4000,
      lr: 1e10,
      optimizer: 'rmsprop',
      seed: 3,
      seeds: 1,
      workers: 1,
    });
    expect(s.reports[0]?.result.diverged?.epoch).toBe(1);
    expect(s.replay.argv.join(' ')).toContain('--epochs 4000');
  });
});

describe('the comparison never throws on non-finite values', () => {
  const x = (e: Experiment, n = 3): ModelSpec => ({ experiment: e, n, n2: n, b3: false, C: 1 });
  it.each([
    ['a NaN weight', 'free', NaN],
    ['an infinite weight', 'free', Infinity],
    ['a NaN alpha', 'constrained', NaN],
    ['an infinite weight (sigmoid)', 'sigmoid', -Infinity],
  ] as const)('with %s it reports no exact value', (_what, e, bad) => {
    const s = x(e);
    const p = initParams(s, layoutOf(s), new Rng(1));
    p[0] = bad;
    const c = compare(s, p, NaN, [1, NaN, 3, 4]);
    expect(c.nonFinite).toBe(true);
    expect(c.linear).toBe(false);
    expect(c.exactLinear).toBe(false);
    expect(Number.isNaN(c.r2)).toBe(true);
    expect(c.minGap).toBe(0);
  });

  it('with finite weights whose codes overflow float32 it still compares exactly', () => {
    // W1 = 3e38 everywhere: z(1) = 3 * 3e38 overflows to +Infinity in float32, the exact code is finite.
    const s = x('free');
    const L = layoutOf(s);
    const p = initParams(s, L, new Rng(2));
    p.fill(3e38, L.W1, L.W1 + 3);
    const net = new Net(s, Float32Array.from(p));
    const loss = net.lossAndGrad(targets(3, 1), false);
    const c = compare(s, p, loss, Array.from(net.state.z));
    expect(c.nonFinite).toBeUndefined();
    // Equal non-zero W1 entries: exactly linear (lemma-encoder), whatever float32 made of the codes.
    expect(c.exactLinear).toBe(true);
    expect(c.linear).toBe(true);
    expect(c.rankA2).toBeDefined();
  });
});

describe('verify train with a diverging learning rate (issue: exit 3, no report, no files)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stepae-diverge-'));
  const cases = (['free', 'constrained'] as const).flatMap((e) =>
    OPTIMIZERS.flatMap((opt) => ['1e10', '1e30'].map((lr) => [e, opt, lr] as const)),
  );
  it.each(cases)(
    'when %s with %s at lr %s diverges then it reports the epoch, saves the last finite weights and exits 0',
    async (experiment, optimizer, lr) => {
      const base = join(dir, `${experiment}-${optimizer}-${lr}`);
      // The deck's 2 500 000 epochs, as in the issue: the run stops where it diverges.
      const r = await run(
        'train',
        '--experiment',
        experiment,
        '--optimizer',
        optimizer,
        '--lr',
        lr,
        '--save',
        `${base}.json`,
        '--csv',
        `${base}.csv`,
        '--plot',
        `${base}.svg`,
        '--json',
      );
      expect(r.code, r.err).toBe(0);
      const j = JSON.parse(r.out) as {
        runs: { epochs: number; diverged: { epoch: number; what: string } | null; finalLoss: number }[];
      };
      const d = j.runs[0]?.diverged;
      expect(d).not.toBeNull();
      const ref = referenceDivergence(
        {
          spec: experiment === 'free' ? free8 : constrained8,
          epochs: 10,
          lr: Number(lr),
          optimizer,
          seed: 20220227,
          logEvery: 1,
        },
        100,
      );
      expect(d?.epoch).toBe(ref.diverged);
      expect(j.runs[0]?.epochs).toBe((ref.diverged ?? 0) - 1);
      expect(j.runs[0]?.finalLoss).toBe(ref.keptLoss);
      for (const ext of ['json', 'csv', 'svg']) expect(existsSync(`${base}.${ext}`)).toBe(true);
      const saved = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as { metadata: { epochs: number } };
      expect(saved.metadata.epochs).toBe((ref.diverged ?? 0) - 1);
    },
  );

  it('the text report says where the run diverged', async () => {
    const r = await run('train', '--experiment', 'free', '--lr', '1e10');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /seed 20220227 diverged: its loss is not finite at epoch 1 \(Infinity\); the weights of epoch 0/,
    );
  });
});
