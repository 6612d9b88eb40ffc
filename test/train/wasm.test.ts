import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/random.js';
import { initParams, layoutOf, type ModelSpec, Net, targets } from '../../src/train/model.js';
import { makeOptimizer, OPTIMIZERS } from '../../src/train/optim.js';
import { buildKernel, SIMD_SUPPORTED, WasmTrainer, wasmUnsupported } from '../../src/train/wasm/kernel.js';
import { fcParams } from '../helpers/seed.js';

/** The reference: Net.lossAndGrad then the optimiser's step, all in Math.fround. */
function reference(s: ModelSpec, opt: (typeof OPTIMIZERS)[number], lr: number, p0: Float32Array, epochs: number) {
  const p = Float32Array.from(p0);
  const net = new Net(s, p);
  const x = targets(s.n, s.C);
  const o = makeOptimizer(opt, lr, p.length);
  for (let e = 0; e < epochs; e++) {
    net.lossAndGrad(x, true, false);
    o.step(p, net.g);
  }
  return p;
}

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
