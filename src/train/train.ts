/** The float32 training loop: full batch over the n+1 signals, the slide's MSE. */
import { Rng } from '../random.js';
import { initParams, layoutOf, type ModelSpec, Net, targets } from './model.js';
import { makeOptimizer, type OptimizerName } from './optim.js';
import { WasmTrainer, wasmUnsupported } from './wasm/kernel.js';

/**
 * Where the epochs run: `js` is the reference (Net and the optimiser in
 * Math.fround); `wasm` is the generated WebAssembly kernel, the same bits
 * (test/wasm.test.ts) about four times faster; `auto` takes wasm when the
 * model allows it (not the sigmoid decoder, n * n2 <= 4096).
 */
export type Engine = 'auto' | 'wasm' | 'js';
export const ENGINES: readonly Engine[] = ['auto', 'wasm', 'js'];

/**
 * The engine a run will use.
 * @throws RangeError when `wasm` is asked for a model it cannot run
 */
export function resolveEngine(engine: Engine, spec: ModelSpec): 'wasm' | 'js' {
  const why = wasmUnsupported(spec);
  if (engine === 'wasm' && why) throw new RangeError(`--engine wasm cannot run this model: ${why}`);
  return engine === 'js' || why ? 'js' : 'wasm';
}

export interface TrainOptions {
  spec: ModelSpec;
  epochs: number;
  lr: number;
  optimizer: OptimizerName;
  seed: number;
  /** Loss samples every this many epochs (and at the end). */
  logEvery: number;
  /** Initial parameters (else PyTorch's init from the seed). */
  init?: Float32Array;
  /** Default `auto`. */
  engine?: Engine;
  onProgress?: (epoch: number, loss: number) => void;
  stop?: { stopped: boolean };
}

export interface TrainResult {
  seed: number;
  engine: 'wasm' | 'js';
  epochs: number;
  interrupted: boolean;
  initialLoss: number;
  finalLoss: number;
  /** [epoch, loss] samples. */
  curve: [number, number][];
  params: Float32Array;
  /** The codes z(1..n+1) at the end. */
  codes: number[];
  seconds: number;
}

/**
 * The training loop as a generator: it yields between chunks (at most
 * 10 000 epochs), so an async driver can let Ctrl-C in. `train` runs it
 * straight through; `trainAsync` yields to the event loop between chunks.
 */
export function* trainSteps(o: TrainOptions): Generator<void, TrainResult> {
  const L = layoutOf(o.spec);
  const p = o.init ? Float32Array.from(o.init) : initParams(o.spec, L, new Rng(o.seed));
  const net = new Net(o.spec, p);
  const x = targets(o.spec.n, o.spec.C);
  const engine = resolveEngine(o.engine ?? 'auto', o.spec);
  const run = stepper(engine, o, net, x);
  const curve: [number, number][] = [];
  const t0 = process.hrtime.bigint();
  const initialLoss = net.lossAndGrad(x, false);
  curve.push([0, initialLoss]);
  let e = 0;
  while (e < o.epochs) {
    if (o.stop?.stopped) break;
    // Run to the next log point, at most 10 000 epochs at a time (so Ctrl-C is seen quickly).
    const nextLog = (Math.floor(e / o.logEvery) + 1) * o.logEvery;
    const end = Math.min(o.epochs, e + 10_000, nextLog);
    run(end - e);
    e = end;
    if (e % o.logEvery === 0 || e === o.epochs) {
      const l = net.lossAndGrad(x, false);
      curve.push([e, l]);
      o.onProgress?.(e, l);
    }
    yield;
  }
  const finalLoss = net.lossAndGrad(x, false);
  if (curve[curve.length - 1]?.[0] !== e) curve.push([e, finalLoss]);
  return {
    seed: o.seed,
    engine,
    epochs: e,
    interrupted: e < o.epochs,
    initialLoss,
    finalLoss,
    curve,
    params: p,
    codes: Array.from(net.state.z),
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
  };
}

/** A function that trains k epochs and leaves the parameters in net.p. */
function stepper(engine: 'wasm' | 'js', o: TrainOptions, net: Net, x: Float32Array): (k: number) => void {
  if (engine === 'wasm') {
    const w = new WasmTrainer(o.spec, o.optimizer, o.lr, net.p, x);
    return (k) => {
      w.run(k);
      w.read(net.p);
    };
  }
  const opt = makeOptimizer(o.optimizer, o.lr, net.p.length);
  return (k) => {
    for (let e = 0; e < k; e++) {
      net.lossAndGrad(x, true, false);
      opt.step(net.p, net.g);
    }
  };
}

/** Runs the whole loop synchronously. */
export function train(o: TrainOptions): TrainResult {
  const it = trainSteps(o);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/** Runs the loop, yielding to the event loop between chunks (signals, timers, progress). */
export async function trainAsync(o: TrainOptions): Promise<TrainResult> {
  const it = trainSteps(o);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
