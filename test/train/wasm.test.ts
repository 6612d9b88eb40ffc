import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random.js';
import { initParams, layoutOf, type ModelSpec, Net, targets } from '../../src/train/model.js';
import { makeOptimizer, OPTIMIZERS } from '../../src/train/optim.js';
import { buildKernel, SIMD_SUPPORTED, WasmTrainer, wasmUnsupported } from '../../src/train/wasm/kernel.js';
import { fixedSubnormals, LANES, SimdTrainer } from '../../src/train/wasm/simd.js';
import { EXP_MAX, EXP_MIN, exp64 } from '../../src/train/exp.js';
import { fcParams } from '../helpers/seed.js';

/** The reference: Net.lossAndGrad then the optimiser's step, all in Math.fround. */
function referenceRun(s: ModelSpec, opt: (typeof OPTIMIZERS)[number], lr: number, p0: Float32Array, epochs: number) {
  const p = Float32Array.from(p0);
  const net = new Net(s, p);
  const x = targets(s.n, s.C);
  const o = makeOptimizer(opt, lr, p.length);
  for (let e = 0; e < epochs; e++) {
    net.lossAndGrad(x, true, false);
    o.step(p, net.g);
  }
  return { p, state: o.state };
}

const reference = (...a: Parameters<typeof referenceRun>) => referenceRun(...a).p;

const bits = (p: Float32Array) => Array.from(new Uint32Array(p.buffer, p.byteOffset, p.length));

describe('the WebAssembly training kernel', () => {
  it('computes the same float32 bits as the JavaScript reference, for every optimiser and shape', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ModelSpec['experiment']>('free', 'constrained', 'sigmoid'),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        fc.constantFrom(...OPTIMIZERS),
        fc.constantFrom(1e-5, 1e-4, 1e-3, 1e-2, 0.1),
        fc.constantFrom(1, 0.5, 3),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 300 }),
        fc.boolean(),
        (experiment, n, n2, b3, opt, lr, C, seed, epochs, simd) => {
          const sigmoid = experiment === 'sigmoid';
          const s: ModelSpec = { experiment, n, n2: sigmoid ? n : n2, b3: b3 && !sigmoid, C };
          const p0 = initParams(s, layoutOf(s), new Rng(seed));
          const want = reference(s, opt, lr, p0, epochs);
          if (!want.every(Number.isFinite)) return; // diverged: the kernel promises agreement on finite runs only
          const w = new WasmTrainer(s, opt, lr, p0, targets(n, C), simd && SIMD_SUPPORTED);
          // In two calls, to check that the optimiser's state (Adam's step count) carries over.
          const first = Math.floor(epochs / 3);
          w.run(first);
          w.run(epochs - first);
          const got = new Float32Array(p0.length);
          w.read(got);
          expect(bits(got)).toEqual(bits(want));
        },
      ),
      fcParams(150),
    );
  });

  it('runs the deck setting (n = 8, n2 = 8, RMSProp) for 20 000 epochs in the same bits', () => {
    const s: ModelSpec = { experiment: 'free', n: 8, n2: 8, b3: false, C: 1 };
    const p0 = initParams(s, layoutOf(s), new Rng(20220227));
    const want = reference(s, 'rmsprop', 1e-4, p0, 20_000);
    const w = new WasmTrainer(s, 'rmsprop', 1e-4, p0, targets(8, 1));
    w.run(20_000);
    const got = new Float32Array(p0.length);
    w.read(got);
    expect(bits(got)).toEqual(bits(want));
    expect(bits(got)).not.toEqual(bits(p0));
  });

  it('has WebAssembly SIMD on this Node.js (else the kernel falls back to scalar updates)', () => {
    expect(SIMD_SUPPORTED).toBe(true);
  });

  it('when the model is too wide then it says why instead of building', () => {
    const wide: ModelSpec = { experiment: 'free', n: 64, n2: 65, b3: false, C: 1 };
    expect(wasmUnsupported(wide)).toMatch(/4096/);
    expect(() => buildKernel(wide, 'rmsprop', 1e-4)).toThrow(RangeError);
    expect(wasmUnsupported({ ...wide, n2: 64 })).toBeUndefined();
    // The sigmoid decoder has no W3: its code grows as n only (the CLI allows n up to 256).
    expect(wasmUnsupported({ experiment: 'sigmoid', n: 256, n2: 256, b3: false, C: 1 })).toBeUndefined();
  });
});

/** Each seed's initial parameters, PyTorch's init from its seed. */
const initsOf = (s: ModelSpec, seeds: readonly number[]) =>
  seeds.map((seed) => initParams(s, layoutOf(s), new Rng(seed)));

/** Trains `inits` in the lanes of one SIMD kernel (in two calls) and checks each lane against the reference. */
function lanesMatchReference(
  s: ModelSpec,
  opt: (typeof OPTIMIZERS)[number],
  lr: number,
  inits: Float32Array[],
  epochs: number,
): SimdTrainer {
  const w = new SimdTrainer(s, opt, lr, inits, targets(s.n, s.C));
  const first = Math.floor(epochs / 3);
  w.run(first);
  w.run(epochs - first);
  inits.forEach((p0, lane) => {
    const want = referenceRun(s, opt, lr, p0, epochs);
    const got = new Float32Array(p0.length);
    w.read(lane, got);
    // The optimiser state too: a subnormal state can differ without moving the parameters yet.
    const state = want.state.map((_, q) => {
      const out = new Float32Array(p0.length);
      w.readState(lane, out, q === 1);
      return bits(out);
    });
    expect({ lane, bits: bits(got), state }).toEqual({ lane, bits: bits(want.p), state: want.state.map(bits) });
  });
  return w;
}

describe('the SIMD kernel (four seeds per instruction)', () => {
  it('each lane ends in the bits of the reference run of its seed, for every experiment, optimiser and shape', () => {
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom<ModelSpec['experiment']>('free', 'constrained', 'sigmoid'),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        fc.constantFrom(...OPTIMIZERS),
        fc.constantFrom(1e-5, 1e-4, 1e-3, 1e-2, 0.1),
        fc.constantFrom(1, 0.5, 3),
        fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { minLength: 1, maxLength: LANES }),
        fc.integer({ min: 1, max: 200 }),
        (experiment, n, n2, b3, opt, lr, C, seeds, epochs) => {
          const sigmoid = experiment === 'sigmoid';
          const s: ModelSpec = { experiment, n, n2: sigmoid ? n : n2, b3: b3 && !sigmoid, C };
          const inits = initsOf(s, seeds);
          // The kernels promise agreement on finite runs only: keep the seeds whose reference stays finite.
          const finite = inits.filter((p0) => reference(s, opt, lr, p0, epochs).every(Number.isFinite));
          if (finite.length === 0) return;
          lanesMatchReference(s, opt, lr, finite, epochs);
          compared += finite.length;
        },
      ),
      fcParams(120),
    );
    expect(compared).toBeGreaterThan(200);
  });

  it('lanes whose ReLU patterns differ keep their own bits', () => {
    const s: ModelSpec = { experiment: 'free', n: 6, n2: 6, b3: true, C: 1 };
    const inits = initsOf(s, [1, 2, 3, 4]);
    const x = targets(s.n, s.C);
    // The layer-2 and output ReLU patterns of each seed at the start, from the reference network.
    const patterns = inits.map((p) => {
      const net = new Net(s, Float32Array.from(p));
      net.lossAndGrad(x, false);
      const { h, y } = net.state;
      return [...Array.from(h, (v) => (v > 0 ? 1 : 0)), ...Array.from(y, (v) => (v > 0 ? 1 : 0))].join('');
    });
    expect(new Set(patterns).size).toBe(4);
    for (const opt of OPTIMIZERS) lanesMatchReference(s, opt, 1e-2, inits, 500);
  });

  it.each([
    // [optimiser, lr, epochs, which state]: long enough for some lanes' state to decay to a
    // subnormal (measured: from epoch ~8 000, ~2 000 and ~45 000), which the kernel keeps off mul and sqrt.
    ['rmsprop', 1e-4, 10_000, 1],
    ['rmsprop-keras', 1e-2, 3_000, 1],
    ['adam', 1e-3, 50_000, 2],
  ] as const)('%s: the deck setting through subnormal optimiser states, in the same bits', (opt, lr, epochs, state) => {
    const s: ModelSpec = { experiment: 'free', n: 8, n2: 8, b3: false, C: 1 };
    const w = lanesMatchReference(s, opt, lr, initsOf(s, [1, 2, 3, 4]), epochs);
    const v = new Float32Array(layoutOf(s).size);
    let subnormal = 0;
    for (let lane = 0; lane < LANES; lane++) {
      w.readState(lane, v, state === 2);
      subnormal += v.filter((q) => q !== 0 && Math.abs(q) < 2 ** -126).length;
    }
    expect(subnormal).toBeGreaterThan(0);
  });

  it('a decay by a leaves exactly the subnormals k 2^-149 with k <= fixedSubnormals(a) unchanged', () => {
    // Exhaustive over the subnormals, for the three decay factors of the optimisers.
    const f = Math.fround;
    for (const [a, K] of [
      [f(0.99), 50],
      [f(0.9), 4],
      [f(0.999), 500],
    ] as const) {
      expect(fixedSubnormals(a)).toBe(K);
      let fixed = 0;
      for (let k = 1; k < 2 ** 23; k++) if (f(a * k * 2 ** -149) === k * 2 ** -149) fixed++;
      expect(fixed).toBe(K);
    }
  });

  it('PyTorch RMSProp: sqrt(v) + eps rounds to eps for every subnormal v (the kernel takes sqrt(0) there)', () => {
    const f = Math.fround;
    const eps = f(1e-8);
    const v = new Float32Array(1);
    const u = new Uint32Array(v.buffer);
    let bad = 0;
    for (let k = 1; k < 2 ** 23; k++) {
      u[0] = k;
      if (f(f(Math.sqrt(v[0]!)) + eps) !== eps) bad++;
    }
    expect(bad).toBe(0);
  });

  it('its exponential gives the bits of exp64 in both float64 lanes, at the edges and between', () => {
    const s: ModelSpec = { experiment: 'sigmoid', n: 2, n2: 2, b3: false, C: 1 };
    const w = new SimdTrainer(s, 'sgd', 0.1, initsOf(s, [1]), targets(2, 1));
    const f64 = (x: number) => Buffer.from(Float64Array.of(x).buffer).toString('hex');
    const xs = [
      ...[0, -0, 1, -1, 0.5, EXP_MAX, -EXP_MAX, EXP_MIN, Infinity, -Infinity, NaN],
      ...[
        Math.fround(EXP_MAX + 1e-5),
        Math.fround(EXP_MIN - 1e-5),
        Math.fround(EXP_MAX - 1e-5),
        Math.fround(EXP_MIN + 1e-5),
      ],
      ...Array.from({ length: 2000 }, (_, k) => Math.fround(-115 + (k * 220) / 2000 + 1e-3 * Math.sin(k))),
    ];
    for (let k = 0; k < xs.length; k += 2) {
      const a = xs[k]!;
      const b = xs[k + 1] ?? -a;
      const [ea, eb] = w.exp(a, b);
      expect([f64(ea), f64(eb)]).toEqual([f64(exp64(a)), f64(exp64(b))]);
    }
  });

  it('reads back only the seeds it was given', () => {
    const s: ModelSpec = { experiment: 'free', n: 3, n2: 3, b3: false, C: 1 };
    const w = new SimdTrainer(s, 'sgd', 0.1, initsOf(s, [1, 2]), targets(3, 1));
    expect(() => w.read(2, new Float32Array(layoutOf(s).size))).toThrow(/seed 2 of 2/);
    expect(() => new SimdTrainer(s, 'sgd', 0.1, initsOf(s, [1, 2, 3, 4, 5]), targets(3, 1))).toThrow(/1 to 4/);
    expect(() => new SimdTrainer(s, 'sgd', 0.1, [], targets(3, 1))).toThrow(/1 to 4/);
  });
});
