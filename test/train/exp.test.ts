import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp64, LN2_HI, LN2_LO } from '../../src/train/exp.js';
import { Q } from '../../src/kernel/rational.js';
import { targets, type ModelSpec } from '../../src/train/model.js';
import { WasmTrainer } from '../../src/train/wasm/kernel.js';
import { fcParams } from '../helpers/seed.js';

const f = Math.fround;
const view = new DataView(new ArrayBuffer(8));
/** The distance in float64 ulps (as ordered integers, positive values). */
function ulps(a: number, b: number): number {
  view.setFloat64(0, a);
  const ua = view.getBigInt64(0);
  view.setFloat64(0, b);
  return Math.abs(Number(ua - view.getBigInt64(0)));
}
const f32In = (min: number, max: number) =>
  fc.float({ min: f(min), max: f(max), noNaN: true, noDefaultInfinity: true });

describe('exp64, the trainer exponential', () => {
  it('splits ln 2 so that head + tail is ln 2 to 2e-26, half an ulp of the tail (40 digits: 0.6931471805599453094172321214581765680755)', () => {
    const ln2 = Q.parse('0.6931471805599453094172321214581765680755');
    const err = ln2.sub(Q.fromFloat64(LN2_HI)).sub(Q.fromFloat64(LN2_LO)).abs();
    expect(err.lt(Q.parse('2e-26'))).toBe(true);
  });

  it('is within 2 float64 ulps of Math.exp and rounds to the same float32 on [-110, 100]', () => {
    fc.assert(
      fc.property(f32In(-110, 100), (x) => {
        expect(ulps(exp64(x), Math.exp(x))).toBeLessThanOrEqual(2);
        expect(f(exp64(x))).toBe(f(Math.exp(x)));
      }),
      fcParams(20_000),
    );
  });

  it.each([
    // [x, expected]: IEEE facts, e^0 = 1; beyond EXP_MAX the float32 result is infinite, below EXP_MIN it is 0.
    [0, 1],
    [-0, 1],
    [100.5, Infinity],
    [Infinity, Infinity],
    [-110.5, 0],
    [-Infinity, 0],
  ])('exp64(%d) = %d', (x, want) => {
    expect(exp64(x)).toBe(want);
  });

  it('is NaN for NaN', () => {
    expect(exp64(NaN)).toBeNaN();
  });

  it('the WebAssembly kernel computes the same bits, edges included', () => {
    const s: ModelSpec = { experiment: 'sigmoid', n: 2, n2: 2, b3: false, C: 1 };
    const w = new WasmTrainer(s, 'rmsprop', 1e-4, new Float32Array(8), targets(2, 1));
    for (const x of [0, -0, 1, -1, 88.7, 100, 100.5, -110, -110.5, Infinity, -Infinity, f(0.3), f(-87.3)])
      expect(Object.is(w.exp(x), exp64(x))).toBe(true);
    expect(w.exp(NaN)).toBeNaN();
    fc.assert(
      fc.property(f32In(-120, 110), (x) => Object.is(w.exp(x), exp64(x))),
      fcParams(20_000),
    );
  });
});
