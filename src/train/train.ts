/**
 * The float32 training loop: full batch over the n+1 signals, the slide's
 * MSE. One run, or a group of runs that differ only in their seed (and
 * initial weights) trained together in the lanes of the SIMD kernel; either
 * way each run's numbers are the same bits.
 *
 * A run that diverges is a result, not a crash. A non-finite parameter
 * never becomes finite again (NaN - x is NaN, Infinity - x is Infinity or
 * NaN), so it is noticed at any later check: after every chunk of epochs,
 * and at the end. The loss alone is not absorbing: with finite weights the
 * float32 sum of squares can overflow to Infinity for a few epochs and come
 * back, so a non-finite loss at a check, weights finite, is not logged and
 * the run goes on; only a loss still non-finite at the last epoch ends it
 * as diverged. Either way the outcome is a property of the run, not of
 * where the checks fall (--log-every). A diverged run ends at the last
 * epoch whose loss and weights are finite and after which they never are
 * again: the run is replayed alone (runs are deterministic) on its group's
 * engine from its last finite check, epoch by epoch, to find it
 * (`TrainResult.diverged`). The other runs of its group go on: the SIMD
 * kernel's lanes never mix, so a NaN in one lane stays in that lane.
 */
import { InternalError } from '../errors.js';
import { Rng } from '../random.js';
import { type InitScheme, initParams, layoutOf, type ModelSpec, Net, targets } from './model.js';
import { makeOptimizer, type OptimizerName } from './optim.js';
import { SIMD_SUPPORTED, WasmTrainer, wasmUnsupported } from './wasm/kernel.js';
import { LANES, SimdTrainer } from './wasm/simd.js';

/**
 * Where the epochs run. `js` is the reference (Net and the optimiser in
 * Math.fround); `wasm` is the generated WebAssembly kernel, one seed at a
 * time; `simd` trains up to four seeds per SIMD instruction, one per f32
 * lane (a seed alone runs on `wasm`, which is then faster). All three give
 * the same bits (test/train/wasm.test.ts). `auto` takes `simd` for groups of
 * seeds and `wasm` for a seed alone when the model allows it (n * n2 <=
 * 4096; WebAssembly SIMD for `simd`), else `js`.
 */
export type Engine = 'auto' | 'wasm' | 'js' | 'simd';
export const ENGINES: readonly Engine[] = ['auto', 'wasm', 'js', 'simd'];
/** The engine a run actually uses. */
export type ResolvedEngine = 'simd' | 'wasm' | 'js';

/**
 * The engine a training of `seeds` seeds will use (for one seed, the
 * default, never `simd`: a seed alone runs the scalar kernel).
 * @throws RangeError (a plain Error, with the reason) when `wasm` or `simd` is asked for and cannot run here
 */
export function resolveEngine(engine: Engine, spec: ModelSpec): 'wasm' | 'js';
export function resolveEngine(engine: Engine, spec: ModelSpec, seeds: number): ResolvedEngine;
export function resolveEngine(engine: Engine, spec: ModelSpec, seeds = 1): ResolvedEngine {
  const why = wasmUnsupported(spec);
  if ((engine === 'wasm' || engine === 'simd') && why)
    throw new RangeError(`--engine ${engine} cannot run this model: ${why}`);
  if (engine === 'simd' && !SIMD_SUPPORTED)
    throw new RangeError('--engine simd cannot run here: this Node.js has no WebAssembly SIMD');
  if (engine === 'js' || why) return 'js';
  return engine !== 'wasm' && seeds >= 2 && SIMD_SUPPORTED ? 'simd' : 'wasm';
}

export interface TrainOptions {
  spec: ModelSpec;
  epochs: number;
  lr: number;
  optimizer: OptimizerName;
  seed: number;
  /** Loss samples every this many epochs (and at the end). */
  logEvery: number;
  /** Initial parameters (else drawn from the seed by `initScheme`). */
  init?: Float32Array;
  /** How the initial parameters are drawn from the seed (model.ts `initParams`); default `torch`. */
  initScheme?: InitScheme;
  /** Default `auto`. */
  engine?: Engine;
  onProgress?: (epoch: number, loss: number) => void;
  stop?: { stopped: boolean };
}

/**
 * Where a run diverged: the first epoch after which its float32 loss or one
 * of its parameters is not finite (NaN or +-Infinity). Epoch 0 means the
 * loss of the initial weights is already not finite (e.g. C^2 overflows).
 */
export interface Divergence {
  epoch: number;
  /** What was found non-finite first at that epoch: the loss (parameters finite) or a parameter. */
  what: 'loss' | 'parameter';
  /** The loss at that epoch (NaN or +-Infinity, or finite when only a parameter is not). */
  loss: number;
}

export interface TrainResult {
  seed: number;
  engine: ResolvedEngine;
  /**
   * The epochs behind `params`: the epochs run, or, for a diverged run, the
   * last epoch whose loss and parameters were finite (diverged.epoch - 1;
   * 0 when the start is not finite).
   */
  epochs: number;
  interrupted: boolean;
  /** Set when the run diverged; `params`, `finalLoss`, `codes` are then the last finite state. */
  diverged?: Divergence;
  initialLoss: number;
  /** The loss of `params` (finite unless the run diverged at epoch 0). */
  finalLoss: number;
  /** [epoch, loss] samples, every loss finite (a diverged run's end at its last finite epoch). */
  curve: [number, number][];
  params: Float32Array;
  /** The codes z(1..n+1) at the end. */
  codes: number[];
  /** Wall time of the run (of its group, for runs trained together). */
  seconds: number;
}

/** Whether two runs may train together in one SIMD kernel: equal in everything but seed and initial weights. */
export function sameSettings(a: TrainOptions, b: TrainOptions): boolean {
  return groupKey(a) === groupKey(b);
}

/** The settings a group shares, as a string. */
export function groupKey(o: TrainOptions): string {
  const { spec, epochs, lr, optimizer, logEvery, initScheme, engine } = o;
  return JSON.stringify([spec, epochs, lr, optimizer, logEvery, initScheme ?? 'torch', engine ?? 'auto']);
}

/**
 * The training loop as a generator: it yields between chunks (at most
 * 10 000 epochs), so an async driver can let Ctrl-C in. `train` runs it
 * straight through; `trainAsync` yields to the event loop between chunks.
 */
export function* trainSteps(o: TrainOptions): Generator<void, TrainResult> {
  const [r] = yield* trainGroupSteps([o], resolveEngine(o.engine ?? 'auto', o.spec));
  return r as TrainResult;
}

/**
 * The same for a group of runs on one engine: with `simd`, 1 to 4 runs with
 * equal settings (`sameSettings`) in the lanes of one kernel, in lockstep;
 * with `wasm` or `js`, one run. Each run logs, reports progress (its own
 * `onProgress`) and ends as it would alone; any run's `stop` stops them all
 * at the same epoch.
 * @throws RangeError for a group the engine cannot take
 */
export function* trainGroupSteps(os: readonly TrainOptions[], engine: ResolvedEngine): Generator<void, TrainResult[]> {
  const o = os[0];
  if (!o || os.length > (engine === 'simd' ? LANES : 1))
    throw new RangeError(
      `engine ${engine} trains 1 to ${engine === 'simd' ? LANES : 1} runs at once, got ${os.length}`,
    );
  if (!os.every((r) => sameSettings(r, o))) throw new RangeError('runs trained together must differ only in seed');
  const nets = os.map((r) => new Net(o.spec, initialParams(r)));
  const x = targets(o.spec.n, o.spec.C);
  const run = stepper(engine, o, nets, x);
  const curves = os.map((): [number, number][] => []);
  const t0 = process.hrtime.bigint();
  /** The results of the runs that diverged, fixed when found (their lanes train on, unread). */
  const ended = os.map((): TrainResult | undefined => undefined);
  /** Per run, the last checked epoch whose loss and weights were finite (-1: none yet). */
  const lastFinite = os.map(() => -1);
  const initialLoss = nets.map((net, k) => {
    const l = net.lossAndGrad(x, false);
    if (Number.isFinite(l) && finiteParams(net.p)) {
      curves[k]?.push([0, l]);
      lastFinite[k] = 0;
    } else if (!finiteParams(net.p))
      ended[k] = divergedAt(os[k] as TrainOptions, engine, -1, 0, curves[k] as [number, number][], t0);
    return l;
  });
  let e = 0;
  while (e < o.epochs && ended.some((r) => r === undefined)) {
    if (os.some((r) => r.stop?.stopped)) break;
    // Run to the next log point, at most 10 000 epochs at a time (so Ctrl-C is seen quickly).
    const nextLog = (Math.floor(e / o.logEvery) + 1) * o.logEvery;
    const end = Math.min(o.epochs, e + 10_000, nextLog);
    run(end - e);
    e = end;
    const logged = e % o.logEvery === 0 || e === o.epochs;
    nets.forEach((net, k) => {
      if (ended[k]) return;
      const opts = os[k] as TrainOptions;
      if (!finiteParams(net.p)) {
        ended[k] = divergedAt(opts, engine, lastFinite[k] as number, e, curves[k] as [number, number][], t0);
        // The run is over: its progress is complete.
        opts.onProgress?.(o.epochs, ended[k]?.finalLoss ?? NaN);
        return;
      }
      // One forward pass per chunk: the last finite epoch is known to the chunk.
      const l = net.lossAndGrad(x, false);
      if (!Number.isFinite(l)) return;
      lastFinite[k] = e;
      if (logged) {
        curves[k]?.push([e, l]);
        opts.onProgress?.(e, l);
      }
    });
    yield;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return nets.map((net, k) => {
    const opts = os[k] as TrainOptions;
    const curve = curves[k] as [number, number][];
    const done = ended[k];
    if (done) return { ...done, seconds };
    const last = net.lossAndGrad(x, false);
    // The weights are finite here; a loss still not finite at the last epoch ends the run as diverged.
    if (!Number.isFinite(last))
      return { ...divergedAt(opts, engine, lastFinite[k] as number, e, curve, t0), interrupted: e < o.epochs };
    if (curve[curve.length - 1]?.[0] !== e) curve.push([e, last]);
    return {
      seed: opts.seed,
      engine,
      epochs: e,
      interrupted: e < o.epochs,
      initialLoss: initialLoss[k] as number,
      finalLoss: last,
      curve,
      params: net.p,
      codes: Array.from(net.state.z),
      seconds,
    };
  });
}

/** A run's initial parameters: its --init weights, or drawn from its seed by its scheme. */
function initialParams(o: TrainOptions): Float32Array {
  return o.init ? Float32Array.from(o.init) : initParams(o.spec, layoutOf(o.spec), new Rng(o.seed), o.initScheme);
}

function finiteParams(p: Float32Array): boolean {
  for (let k = 0; k < p.length; k++) if (!Number.isFinite(p[k] as number)) return false;
  return true;
}

/**
 * The result of a run that diverged by epoch `to`: its state at `to` is
 * not finite (a weight, or the loss at the run's last epoch), and its last
 * checked finite state is at epoch `from` (-1: none, not even the start).
 * The run is replayed alone on `engine` (a SIMD lane of its own, the spare
 * lanes copying it): to `from` at once, then one epoch at a time to `to`,
 * to find the last epoch d - 1 whose loss and weights are finite and after
 * which they never are again up to `to`. Its weights are kept; d is where
 * the run diverged. The same engine, because the engines agree bit for bit
 * only while every value is finite: once an intermediate overflows (a code
 * at +-Infinity from finite weights) the SIMD kernel's 0 * Infinity is NaN
 * where the others skip the term.
 * @throws InternalError when the replay's state at `to` is finite (runs are deterministic: a bug)
 */
function divergedAt(
  o: TrainOptions,
  engine: ResolvedEngine,
  from: number,
  to: number,
  curve: [number, number][],
  t0: bigint,
): TrainResult {
  const x = targets(o.spec.n, o.spec.C);
  const net = new Net(o.spec, initialParams(o));
  const initialLoss = net.lossAndGrad(x, false);
  const finite = (l: number) => Number.isFinite(l) && finiteParams(net.p);
  // The last finite state (epoch, weights, loss) and the first non-finite one after it.
  let kept = { epoch: -1, p: Float32Array.from(net.p), loss: initialLoss };
  let bad = { epoch: 0, loss: initialLoss, weights: !finiteParams(net.p) };
  const look = (e: number) => {
    const l = net.lossAndGrad(x, false);
    if (finite(l)) kept = { epoch: e, p: Float32Array.from(net.p), loss: l };
    else if (kept.epoch >= bad.epoch) bad = { epoch: e, loss: l, weights: !finiteParams(net.p) };
  };
  if (to > 0) {
    const replay = stepper(engine, o, [net], x);
    replay(Math.max(from, 0));
    look(Math.max(from, 0));
    for (let e = Math.max(from, 0) + 1; e <= to; e++) {
      replay(1);
      look(e);
      // A non-finite weight stays so: nothing after it can be finite again.
      if (!finiteParams(net.p)) break;
    }
  } else look(0);
  if (!(bad.epoch > kept.epoch))
    throw new InternalError(`seed ${o.seed}: the replay of epochs ${from}..${to} stayed finite where the run did not`);
  // No finite state at all (the start's loss or weights are not finite): the start is kept.
  const keptP = kept.epoch >= 0 ? kept.p : initialParams(o);
  const keptEpoch = Math.max(kept.epoch, 0);
  const keptLoss = kept.epoch >= 0 ? kept.loss : initialLoss;
  const probe = new Net(o.spec, keptP);
  probe.lossAndGrad(x, false);
  if (kept.epoch > 0 && curve[curve.length - 1]?.[0] !== kept.epoch) curve.push([kept.epoch, keptLoss]);
  return {
    seed: o.seed,
    engine,
    epochs: keptEpoch,
    interrupted: false,
    diverged: { epoch: bad.epoch, what: bad.weights ? 'parameter' : 'loss', loss: bad.loss },
    initialLoss,
    finalLoss: keptLoss,
    curve,
    params: keptP,
    codes: Array.from(probe.state.z),
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
  };
}

/** A function that trains k epochs and leaves each run's parameters in its net.p. */
function stepper(engine: ResolvedEngine, o: TrainOptions, nets: Net[], x: Float32Array): (k: number) => void {
  if (engine === 'simd') {
    const w = new SimdTrainer(
      o.spec,
      o.optimizer,
      o.lr,
      nets.map((net) => net.p),
      x,
    );
    return (k) => {
      w.run(k);
      nets.forEach((net, s) => w.read(s, net.p));
    };
  }
  const net = nets[0] as Net;
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

function drive<T>(it: Generator<void, T>): T {
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

async function driveAsync<T>(it: Generator<void, T>): Promise<T> {
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Runs the whole loop synchronously. */
export function train(o: TrainOptions): TrainResult {
  return drive(trainSteps(o));
}

/** Runs the loop, yielding to the event loop between chunks (signals, timers, progress). */
export function trainAsync(o: TrainOptions): Promise<TrainResult> {
  return driveAsync(trainSteps(o));
}

/** Trains a group (`trainGroupSteps`) synchronously. */
export function trainGroup(os: readonly TrainOptions[], engine: ResolvedEngine): TrainResult[] {
  return drive(trainGroupSteps(os, engine));
}

/** Trains a group, yielding to the event loop between chunks. */
export function trainGroupAsync(os: readonly TrainOptions[], engine: ResolvedEngine): Promise<TrainResult[]> {
  return driveAsync(trainGroupSteps(os, engine));
}
