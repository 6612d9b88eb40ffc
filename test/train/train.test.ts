import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.js';
import { buildDecoder, linearEncoder } from '../../src/construct/decoder.js';
import { matStrings } from '../../src/render/format.js';
import { Q } from '../../src/kernel/rational.js';
import { forward } from '../../src/model/network.js';
import { stepMatrix } from '../../src/model/steps.js';
import { Rng } from '../../src/random.js';
import { gaussRank } from '../../src/kernel/certificate.js';
import { compare, exactWeights, minGapRatio, rSquared, settledEpoch } from '../../src/train/compare.js';
import {
  INIT_SCHEMES,
  type InitScheme,
  initParams,
  layoutOf,
  type ModelSpec,
  Net,
  targets,
} from '../../src/train/model.js';
import { makeOptimizer, OPTIMIZERS } from '../../src/train/optim.js';
import { resolveEngine, train, trainGroup, type TrainResult } from '../../src/train/train.js';
import { paramsFromJson } from '../../src/train/weights.js';
import { svgRenderer as pngRenderer } from '../../src/render/figure.js';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fcParams } from '../helpers/seed.js';

/** The exact MSE of float32 parameters taken as rationals (two-layer models). */
function exactLoss(s: ModelSpec, p: Float32Array): { loss: Q; pattern: string } {
  const w = exactWeights(s, p);
  const X = stepMatrix(s.n, Q.fromFloat64(s.C));
  const out = forward(w, X);
  let sum = Q.ZERO;
  out.Y.forEach((row, i) => row.forEach((y, j) => (sum = sum.add(y.sub(X[i]![j]!).pow(2)))));
  // The activation pattern: which layer-2 and output units are on (the loss is quadratic while it stays).
  const pattern = [...out.A2.flat(), ...out.U3.flat()].map((x) => (x.sign() > 0 ? '1' : '0')).join('');
  return { loss: sum.div(Q.int(s.n * (s.n + 1))), pattern };
}

describe('float32 backpropagation', () => {
  it('two-layer gradients match exact rational central differences', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<ModelSpec['experiment']>('free', 'constrained'),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        (experiment, n, seed, b3) => {
          const s: ModelSpec = { experiment, n, n2: n + 1, b3, C: 1 };
          const L = layoutOf(s);
          const p = initParams(s, L, new Rng(seed));
          const net = new Net(s, p);
          net.lossAndGrad(targets(n, 1));
          const h = 2 ** -18;
          const base = exactLoss(s, p).pattern;
          for (let k = 0; k < L.size; k++) {
            const plus = Float32Array.from(p);
            const minus = Float32Array.from(p);
            plus[k] = p[k]! + h;
            minus[k] = p[k]! - h;
            if (plus[k] !== p[k]! + h || minus[k] !== p[k]! - h) continue; // not representable: skip
            const lp = exactLoss(s, plus);
            const lm = exactLoss(s, minus);
            if (lp.pattern !== base || lm.pattern !== base) continue; // a ReLU kink in between
            // In one linear region the loss is quadratic along e_k: the central difference is its exact derivative.
            const exact = lp.loss
              .sub(lm.loss)
              .div(Q.fromFloat64(2 * h))
              .toNumber();
            expect(Math.abs(net.g[k]! - exact)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(exact)));
            checked++;
          }
        },
      ),
      fcParams(40),
    );
    // Most coordinates stay inside one linear region: the comparison really ran.
    expect(checked).toBeGreaterThan(200);
  });

  it('sigmoid gradients match float64 finite differences', () => {
    const s: ModelSpec = { experiment: 'sigmoid', n: 3, n2: 3, b3: false, C: 1 };
    const L = layoutOf(s);
    const p = initParams(s, L, new Rng(7));
    const net = new Net(s, p);
    const x = targets(3, 1);
    net.lossAndGrad(x);
    // Reference loss in float64, written independently.
    const loss64 = (q: Float64Array) => {
      let sum = 0;
      for (let i = 0; i < 4; i++) {
        let z = q[L.b1]!;
        for (let j = 0; j < 3; j++) z += q[L.W1 + j]! * x[i * 3 + j]!;
        for (let j = 0; j < 3; j++) {
          const y = 1 / (1 + Math.exp(-(q[L.W2 + j]! * z + q[L.b2 + j]!)));
          sum += (y - x[i * 3 + j]!) ** 2;
        }
      }
      return sum / 12;
    };
    for (let k = 0; k < L.size; k++) {
      const q = Float64Array.from(p);
      const eps = 1e-6;
      q[k] = p[k]! + eps;
      const a = loss64(q);
      q[k] = p[k]! - eps;
      const b = loss64(q);
      const fd = (a - b) / (2 * eps);
      expect(Math.abs(net.g[k]! - fd)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(fd)));
    }
  });
});

describe('optimisers', () => {
  it('one PyTorch RMSProp step, by hand', () => {
    // v = 0.99 * 0 + 0.01 * 0.5^2 = 0.0025; p -= 0.01 * 0.5 / (sqrt(0.0025) + 1e-8) = 0.1 - 2e-8 (float32).
    const p = Float32Array.from([1]);
    makeOptimizer('rmsprop', 0.01, 1).step(p, Float32Array.from([0.5]));
    const f = Math.fround;
    const v = f(f(0.01) * f(0.25));
    const expected = f(1 - f(f(f(0.01) * 0.5) / f(f(Math.sqrt(v)) + f(1e-8))));
    expect(p[0]).toBe(expected);
    expect(Math.abs(p[0]! - 0.9)).toBeLessThan(1e-6);
  });

  it('Keras RMSProp puts eps inside the root; Adam moves by about lr on the first step', () => {
    const pk = Float32Array.from([1]);
    makeOptimizer('rmsprop-keras', 0.01, 1).step(pk, Float32Array.from([0.5]));
    // v = 0.1 * 0.25 = 0.025; step = 0.01 * 0.5 / sqrt(0.025 + 1e-7).
    expect(Math.abs(pk[0]! - (1 - (0.01 * 0.5) / Math.sqrt(0.025 + 1e-7)))).toBeLessThan(1e-6);
    const pa = Float32Array.from([1]);
    makeOptimizer('adam', 0.01, 1).step(pa, Float32Array.from([0.5]));
    expect(Math.abs(pa[0]! - 0.99)).toBeLessThan(1e-6);
  });
});

describe('training', () => {
  it('is deterministic: the same seed gives the same bits', () => {
    const s: ModelSpec = { experiment: 'free', n: 4, n2: 4, b3: false, C: 1 };
    const a = train({ spec: s, epochs: 500, lr: 1e-3, optimizer: 'rmsprop', seed: 3, logEvery: 100 });
    const b = train({ spec: s, epochs: 500, lr: 1e-3, optimizer: 'rmsprop', seed: 3, logEvery: 100 });
    expect(Buffer.from(a.params.buffer).equals(Buffer.from(b.params.buffer))).toBe(true);
    expect(a.curve).toEqual(b.curve);
  });

  it.each(['free', 'constrained', 'sigmoid'] as const)(
    'when the %s model trains on the wasm and js engines then the curves and final bits agree',
    (experiment) => {
      const s: ModelSpec = { experiment, n: 5, n2: experiment === 'sigmoid' ? 5 : 6, b3: experiment === 'free', C: 1 };
      const o = { spec: s, epochs: 3000, lr: 1e-3, optimizer: 'rmsprop' as const, seed: 11, logEvery: 250 };
      const a = train({ ...o, engine: 'js' });
      const b = train({ ...o, engine: 'wasm' });
      expect([a.engine, b.engine]).toEqual(['js', 'wasm']);
      expect(Buffer.from(b.params.buffer).equals(Buffer.from(a.params.buffer))).toBe(true);
      expect(b.curve).toEqual(a.curve);
      expect(b.codes).toEqual(a.codes);
      expect(train({ ...o, engine: 'auto' }).engine).toBe('wasm');
    },
  );

  it('an exact constructed solution has loss 0 and keeps it', () => {
    const n = 4;
    const r = buildDecoder({ n, C: Q.ONE, encoder: linearEncoder(n, Q.ONE) });
    if (!r.ok) throw new Error(r.reason);
    const w = r.construction.weights;
    const json = {
      W1: matStrings(w.W1),
      b1: w.b1.map(String),
      W2: matStrings(w.W2),
      b2: w.b2.map(String),
      W3: matStrings(w.W3),
    };
    for (const experiment of ['free', 'constrained'] as const) {
      const s: ModelSpec = { experiment, n, n2: n, b3: false, C: 1 };
      const init = paramsFromJson(s, json);
      const res = train({ spec: s, epochs: 2000, lr: 1e-3, optimizer: 'rmsprop', seed: 1, logEvery: 500, init });
      expect(res.initialLoss).toBe(0);
      expect(res.finalLoss).toBe(0);
      expect(rSquared(res.codes)).toBeCloseTo(1, 12);
    }
  });
});

describe('comparison with the exact construction', () => {
  it.each([
    // [curve, tolerance, expected]: by definition, the first logged epoch of the trailing run within tol of the last loss.
    [
      [
        [0, 1],
        [10, 0.5],
        [20, 0.2],
        [30, 0.2],
        [40, 0.2],
      ],
      1e-6,
      20,
    ],
    [
      [
        [0, 1],
        [10, 0.5],
        [20, 0.2000001],
        [30, 0.2],
      ],
      1e-6,
      20,
    ],
    [
      [
        [0, 1],
        [10, 0.5],
        [20, 0.21],
        [30, 0.2],
      ],
      1e-6,
      30,
    ],
    [
      [
        [0, 1],
        [10, 0.5],
        [20, 0.21],
        [30, 0.2],
      ],
      0.02,
      20,
    ],
    [[[0, 0.3]], 1e-6, 0],
  ] as [[number, number][], number, number][])('settledEpoch(%j, %d) = %d', (curve, tol, want) => {
    expect(settledEpoch(curve, tol)).toBe(want);
  });

  it.each([
    // [codes, expected]: min adjacent |dz| over max z - min z, by hand.
    [[1, 2, 3, 4], 1 / 3],
    [[0, 0.001, 1], 0.001],
    [[3, 1, 2], 0.5],
    [[5, 5, 5], 0],
    [[2, 2, 3], 0],
  ])('minGapRatio(%j) = %d', (codes, want) => {
    expect(minGapRatio(codes)).toBeCloseTo(want, 12);
  });

  it('counts stuck outputs: none for the exact solution, every target-C entry when W3 is negated', () => {
    const n = 4;
    const r = buildDecoder({ n, C: Q.ONE, encoder: linearEncoder(n, Q.ONE) });
    if (!r.ok) throw new Error(r.reason);
    const w = r.construction.weights;
    const json = { W1: matStrings(w.W1), b1: w.b1.map(String), W2: matStrings(w.W2), b2: w.b2.map(String) };
    const s: ModelSpec = { experiment: 'free', n, n2: n, b3: false, C: 1 };
    const exact = paramsFromJson(s, { ...json, W3: matStrings(w.W3) });
    const c0 = compare(s, exact, 0, [1, 2, 3, 4, 5]);
    expect([c0.stuck, c0.stuckMse]).toEqual([0, 0]);
    // -W3 makes every u = -U3 <= 0: all n(n+1)/2 = 10 entries with target 1 are stuck, MSE share 10/20.
    const negated = paramsFromJson(s, { ...json, W3: matStrings(w.W3.map((row) => row.map((q) => q.neg()))) });
    const net = new Net(s, negated);
    const loss = net.lossAndGrad(targets(n, 1), false);
    const c1 = compare(s, negated, loss, [1, 2, 3, 4, 5]);
    expect(c1.stuck).toBe(10);
    expect(c1.stuckMse).toBe(0.5);
    expect(loss).toBe(0.5);
  });
});

describe('verify train CLI', () => {
  it.each([
    [['train', '--experiment', 'free', '--epochs', '-1'], /--epochs/],
    [['train', '--experiment', 'free', '--lr', '0'], /--lr must be a positive/],
    [['train', '--experiment', 'free', '--lr', 'NaN'], /--lr: not a rational/],
    [['train', '--experiment', 'cubic'], /Allowed choices/],
    [['train'], /--experiment/],
    [['train', '--experiment', 'sigmoid', '--n2', '3'], /two-layer experiments only/],
    [['train', '--experiment', 'free', '--n', '65', '--engine', 'wasm'], /n \* n2 = 4225 exceeds 4096/],
    [['train', '--experiment', 'free', '--engine', 'gpu'], /Allowed choices are auto, wasm, js/],
  ])('%j exits 2', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('--plot writes an SVG with both panels and every seed, and a PNG when rsvg-convert is installed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-plot-'));
    const base = ['train', '--experiment', 'free', '--n', '3', '--epochs', '200', '--seeds', '2'];
    const svg = join(dir, 'a.svg');
    expect((await run(...base, '--plot', svg)).code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg/);
    for (const label of ['MSE (float32)', 'code z(i)', '20220227', '20220228']) expect(text).toContain(label);
    const png = join(dir, 'a.png');
    const r = await run(...base, '--plot', png);
    if (pngRenderer()) {
      expect(r.code).toBe(0);
      expect([...readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    } else {
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/rsvg-convert/);
      expect(existsSync(png)).toBe(false);
    }
    if (pngRenderer()) {
      const pdf = join(dir, 'a.pdf');
      expect((await run(...base, '--plot', pdf)).code).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Twice the SVG's size: the PNG's width (bytes 16..19, big-endian) is 2 x the SVG's width attribute.
      const width = Number(/width="(\d+)"/.exec(text)?.[1]);
      expect(readFileSync(png).readUInt32BE(16)).toBe(2 * width);
    }
    const bad = await run(...base, '--plot', join(dir, 'a.jpg'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/accepted: a file name ending in \.svg, \.png or \.pdf/);
  });

  it('--save with several seeds writes one weights file per seed, which --init restarts from exactly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-save-'));
    const base = ['train', '--experiment', 'free', '--n', '3', '--epochs', '300'];
    expect((await run(...base, '--seeds', '2', '--save', join(dir, 'w.json'))).code).toBe(0);
    for (const seed of [20220227, 20220228]) {
      const file = join(dir, `w-seed${seed}.json`);
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { metadata: { seed: number; epochs: number } };
      expect([saved.metadata.seed, saved.metadata.epochs]).toEqual([seed, 300]);
      // Restarting from the saved weights for 0 epochs gives back the same final loss.
      const again = JSON.parse((await run(...base, '--seed', String(seed), '--json')).out) as {
        runs: { finalLoss: number }[];
      };
      const restart = JSON.parse(
        (await run('train', '--experiment', 'free', '--n', '3', '--epochs', '0', '--init', file, '--json')).out,
      ) as { runs: { finalLoss: number }[] };
      expect(restart.runs[0]!.finalLoss).toBe(again.runs[0]!.finalLoss);
    }
  });

  it('--json reports the comparison for every seed, re-checked from the saved weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-cmp-'));
    const args = ['train', '--experiment', 'constrained', '--n', '3', '--epochs', '300', '--seeds', '2'];
    const r = await run(...args, '--json', '--save', join(dir, 'w.json'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as {
      runs: { seed: number; finalLoss: number; comparison: { rankA2: number; learnedMse: string } }[];
      engine: string;
    };
    expect(j.engine).toBe('simd'); // two seeds: auto runs them in one SIMD kernel
    expect(j.runs).toHaveLength(2);
    for (const run of j.runs) {
      // Independently of compare.ts: the saved float32 weights, an exact forward pass, and the
      // certificate module's own Gaussian elimination for the rank.
      const saved = JSON.parse(readFileSync(join(dir, `w-seed${run.seed}.json`), 'utf8')) as Record<string, unknown>;
      const w = exactWeights(SPEC3, paramsFromJson(SPEC3, saved as never));
      const out = forward(w, stepMatrix(3, Q.ONE));
      expect(run.comparison.rankA2).toBe(gaussRank(out.A2));
      const mse = Q.parse(run.comparison.learnedMse);
      const direct = out.Y.flat()
        .map((y, k) => y.sub(stepMatrix(3, Q.ONE).flat()[k]!).pow(2))
        .reduce((a, b) => a.add(b))
        .div(Q.int(12));
      expect(mse.equals(direct)).toBe(true);
      // float32's loss is the same number up to its rounding.
      expect(Math.abs(mse.toNumber() - run.finalLoss)).toBeLessThan(1e-6 * Math.max(1, run.finalLoss));
    }
  });
});

describe('initialisation schemes', () => {
  /**
   * The schemes as their documentation states them, written out independently: each tensor in layout
   * order, (2u - 1) * bound per value, bound 1/sqrt(fan_in) (torch; alpha, beta: 1) or
   * sqrt(6/(fan_in + fan_out)) for weights and no draw, 0, for biases (keras-glorot).
   */
  function documented(s: ModelSpec, seed: number, scheme: InitScheme): Float32Array {
    const rng = new Rng(seed);
    const hidden = s.experiment === 'sigmoid' ? s.n : s.n2;
    // [values, fan_in, fan_out, is a bias] per tensor, in layout order. The constrained encoder's
    // alpha and beta: torch bound 1 (= 1/sqrt(1)); keras: the weight and bias of a Dense(1, 1).
    const tensors: [number, number, number, boolean][] = [
      ...(s.experiment === 'constrained'
        ? ([
            [1, 1, 1, false],
            [1, 1, 1, true],
          ] as [number, number, number, boolean][])
        : ([
            [s.n, s.n, 1, false],
            [1, s.n, 1, true],
          ] as [number, number, number, boolean][])),
      [hidden, 1, hidden, false],
      [hidden, 1, hidden, true],
    ];
    if (s.experiment !== 'sigmoid') {
      tensors.push([s.n * s.n2, s.n2, s.n, false]);
      if (s.b3) tensors.push([s.n, s.n2, s.n, true]);
    }
    const out: number[] = [];
    for (const [len, fanIn, fanOut, bias] of tensors)
      for (let k = 0; k < len; k++)
        if (scheme === 'torch') out.push((2 * rng.next() - 1) / Math.sqrt(fanIn));
        else out.push(bias ? 0 : (2 * rng.next() - 1) * Math.sqrt(6 / (fanIn + fanOut)));
    return Float32Array.from(out);
  }

  it('draws what the documentation says, for both schemes and every shape; torch is the default', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ModelSpec['experiment']>('free', 'constrained', 'sigmoid'),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (experiment, n, n2, b3, seed) => {
          const s: ModelSpec = {
            experiment,
            n,
            n2: experiment === 'sigmoid' ? n : n2,
            b3: b3 && experiment !== 'sigmoid',
            C: 1,
          };
          const L = layoutOf(s);
          for (const scheme of INIT_SCHEMES) {
            const p = initParams(s, L, new Rng(seed), scheme);
            expect(Array.from(p)).toEqual(Array.from(documented(s, seed, scheme)));
          }
          expect(Array.from(initParams(s, L, new Rng(seed)))).toEqual(
            Array.from(initParams(s, L, new Rng(seed), 'torch')),
          );
        },
      ),
      fcParams(100),
    );
  });

  it('keras-glorot: zero biases, weights within sqrt(6/(fan_in + fan_out)) and filling that range', () => {
    const s: ModelSpec = { experiment: 'free', n: 8, n2: 8, b3: true, C: 1 };
    const L = layoutOf(s);
    const ps = Array.from({ length: 200 }, (_, k) => initParams(s, L, new Rng(k), 'keras-glorot'));
    const range = (at: number, len: number) => ps.flatMap((p) => Array.from(p.subarray(at, at + len)));
    for (const [at, len] of [
      [L.b1, 1],
      [L.b2, 8],
      [L.b3, 8],
    ] as const)
      expect(range(at, len).every((v) => Object.is(v, 0))).toBe(true);
    // Bounds by hand: W1 (8 in, 1 out) sqrt(6/9); W2 (1 in, 8 out) sqrt(6/9); W3 (8 in, 8 out) sqrt(6/16).
    for (const [at, len, bound] of [
      [L.W1, 8, Math.sqrt(6 / 9)],
      [L.W2, 8, Math.sqrt(6 / 9)],
      [L.W3, 64, Math.sqrt(6 / 16)],
    ] as const) {
      const w = range(at, len);
      expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(Math.fround(bound));
      // 1600 or more uniform draws reach within 2% of each end.
      expect(Math.max(...w)).toBeGreaterThan(0.98 * bound);
      expect(Math.min(...w)).toBeLessThan(-0.98 * bound);
    }
  });

  it('train() draws its start with the scheme asked for, torch by default', () => {
    const s: ModelSpec = { experiment: 'free', n: 4, n2: 4, b3: false, C: 1 };
    const o = { spec: s, epochs: 0, lr: 1e-3, optimizer: 'rmsprop' as const, seed: 5, logEvery: 1 };
    const L = layoutOf(s);
    expect(Array.from(train(o).params)).toEqual(Array.from(initParams(s, L, new Rng(5), 'torch')));
    expect(Array.from(train({ ...o, initScheme: 'keras-glorot' }).params)).toEqual(
      Array.from(initParams(s, L, new Rng(5), 'keras-glorot')),
    );
  });
});

describe('engines and groups of seeds', () => {
  const small: ModelSpec = { experiment: 'free', n: 5, n2: 6, b3: false, C: 1 };
  const wide: ModelSpec = { experiment: 'free', n: 65, n2: 65, b3: false, C: 1 };

  it.each([
    // [engine, model, seeds, expected]: the rule of resolveEngine's documentation.
    ['auto', 'a small', 1, 'wasm'],
    ['auto', 'a small', 2, 'simd'],
    ['simd', 'a small', 1, 'wasm'],
    ['simd', 'a small', 7, 'simd'],
    ['wasm', 'a small', 7, 'wasm'],
    ['js', 'a small', 7, 'js'],
    ['auto', 'a wide', 7, 'js'],
  ] as const)('resolveEngine(%s) for %s model and %i seeds is %s', (engine, model, seeds, want) => {
    expect(resolveEngine(engine, model === 'a small' ? small : wide, seeds)).toBe(want);
  });

  it.each(['wasm', 'simd'] as const)('resolveEngine(%s) on a model too wide says why, as a plain Error', (engine) => {
    expect(() => resolveEngine(engine, wide, 3)).toThrow(
      new RangeError(
        `--engine ${engine} cannot run this model: n * n2 = 4225 exceeds 4096, the largest unrolled kernel`,
      ),
    );
  });

  /** Everything a run reports but how it ran (engine, seconds). */
  const outcome = ({ engine: _e, seconds: _s, params, ...rest }: TrainResult) => ({
    ...rest,
    params: Array.from(params),
  });

  it.each(['free', 'constrained', 'sigmoid'] as const)(
    'when 1 to 4 %s runs train together in SIMD lanes then each reports what it reports alone',
    (experiment) => {
      const spec: ModelSpec = {
        experiment,
        n: 5,
        n2: experiment === 'sigmoid' ? 5 : 6,
        b3: experiment === 'free',
        C: 1,
      };
      for (const optimizer of OPTIMIZERS) {
        const o = { spec, epochs: 1200, lr: 1e-2, optimizer, logEvery: 250 };
        for (let size = 1; size <= 4; size++) {
          const group = Array.from({ length: size }, (_, k) => ({ ...o, seed: 40 + k }));
          const together = trainGroup(group, 'simd');
          expect(together.map((r) => r.engine)).toEqual(group.map(() => 'simd'));
          expect(together.map(outcome)).toEqual(group.map((g) => outcome(train({ ...g, engine: 'wasm' }))));
        }
      }
    },
  );

  it('refuses a group its engine cannot take', () => {
    const o = { spec: small, epochs: 10, lr: 1e-3, optimizer: 'sgd' as const, logEvery: 5 };
    const runs = (k: number) => Array.from({ length: k }, (_, s) => ({ ...o, seed: s }));
    expect(() => trainGroup(runs(5), 'simd')).toThrow(/1 to 4 runs/);
    expect(() => trainGroup(runs(2), 'wasm')).toThrow(/1 to 1 runs/);
    expect(() => trainGroup([...runs(1), { ...o, seed: 1, lr: 1e-2 }], 'simd')).toThrow(/differ only in seed/);
  });

  it('when a group is stopped in the middle then every run stops at the same epoch, as if trained that long', () => {
    const stop = { stopped: false };
    const o = { spec: small, epochs: 50_000, lr: 1e-3, optimizer: 'rmsprop' as const, logEvery: 1000, stop };
    const group = [7, 8, 9].map((seed, k) => ({
      ...o,
      seed,
      // Run 1 asks to stop at its third log point: the group ends that chunk and stops.
      onProgress: k === 1 ? (e: number) => void (e >= 3000 && (stop.stopped = true)) : undefined,
    }));
    const rs = trainGroup(group, 'simd');
    expect(rs.map((r) => [r.epochs, r.interrupted])).toEqual(rs.map(() => [3000, true]));
    rs.forEach((r, k) => {
      const alone = train({ ...o, stop: undefined, seed: group[k]!.seed, epochs: 3000, engine: 'wasm' });
      expect({ ...outcome(r), interrupted: false }).toEqual(outcome(alone));
    });
  });
});

/** The constrained model of the CLI test above (n = 3, n2 = 3, no b3, C = 1). */
const SPEC3: ModelSpec = { experiment: 'constrained', n: 3, n2: 3, b3: false, C: 1 };
