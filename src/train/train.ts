/** The float32 training loop: full batch over the n+1 signals, the slide's MSE. */
import { Rng } from '../random.js';
import { initParams, layoutOf, type ModelSpec, Net, targets } from './model.js';
import { makeOptimizer, type OptimizerName } from './optim.js';

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
  onProgress?: (epoch: number, loss: number) => void;
  stop?: { stopped: boolean };
}

export interface TrainResult {
  seed: number;
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

export function train(o: TrainOptions): TrainResult {
  const L = layoutOf(o.spec);
  const p = o.init ? Float32Array.from(o.init) : initParams(o.spec, L, new Rng(o.seed));
  const net = new Net(o.spec, p);
  const x = targets(o.spec.n, o.spec.C);
  const opt = makeOptimizer(o.optimizer, o.lr, L.size);
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
    for (; e < end; e++) {
      net.lossAndGrad(x, true, false);
      opt.step(p, net.g);
    }
    if (e % o.logEvery === 0 || e === o.epochs) {
      const l = net.lossAndGrad(x, false);
      curve.push([e, l]);
      o.onProgress?.(e, l);
    }
  }
  const finalLoss = net.lossAndGrad(x, false);
  if (curve[curve.length - 1]?.[0] !== e) curve.push([e, finalLoss]);
  return {
    seed: o.seed,
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
