/**
 * A training session: the runs of several seeds with one setting, each
 * compared with the exact construction, and the command that replays them.
 * The entry point of `verify train` (async, with progress and Ctrl-C) and of
 * the training claims (blocking).
 */
import { type Replay, replayOf } from '../replay.js';
import { type Comparison, compare } from './compare.js';
import type { Experiment, InitScheme, ModelSpec } from './model.js';
import type { OptimizerName } from './optim.js';
import { defaultWorkers, type Job, trainSeeds, trainSeedsAsync } from './pool.js';
import type { Engine, TrainResult } from './train.js';

/** The deck's learning rates: 1e-5 constrained, 1e-4 free (and for the sigmoid decoder). */
export const DECK_LR: Record<Experiment, number> = { sigmoid: 1e-4, constrained: 1e-5, free: 1e-4 };
/** The deck's run length. */
export const DECK_EPOCHS = 2_500_000;

/** Everything that fixes a session's runs. */
export interface SessionSpec {
  experiment: Experiment;
  n: number;
  /** Layer-2 width (default n). */
  n2?: number;
  b3?: boolean;
  C: number;
  epochs: number;
  /** Default: the deck's (DECK_LR). */
  lr?: number;
  optimizer: OptimizerName;
  /** The first seed; run k uses seed + k. */
  seed: number;
  seeds: number;
  /** Loss samples every this many epochs (default: 500 samples per run). */
  logEvery?: number;
  engine?: Engine;
  /** The initial weights' distribution (default torch, nn.Linear's). */
  initScheme?: InitScheme;
  /** Worker threads (default: one per core, at most one per seed). */
  workers?: number;
  /** The weights file the runs start from (recorded in the replay). */
  initFile?: string;
}

/** One seed's run and its comparison with the exact construction. */
export interface SeedReport {
  seed: number;
  result: TrainResult;
  comparison: Comparison;
}

/** The runs of a session. */
export interface Session {
  spec: ModelSpec;
  lr: number;
  reports: SeedReport[];
  replay: Replay;
}

/** The model a session trains. */
export function modelOf(o: SessionSpec): ModelSpec {
  return { experiment: o.experiment, n: o.n, n2: o.n2 ?? o.n, b3: Boolean(o.b3), C: o.C };
}

/** The learning rate a session uses. */
export function lrOf(o: SessionSpec): number {
  return o.lr ?? DECK_LR[o.experiment];
}

/**
 * The command that replays a session. `epochs` overrides the requested
 * length (an interrupted run replays the epochs it reached).
 */
export function sessionReplay(o: SessionSpec, epochs = o.epochs): Replay {
  return replayOf(
    ['train'],
    [
      ['--experiment', o.experiment],
      ['--n', o.n],
      ['--n2', o.n2],
      ['--b3', o.b3],
      ['--C', o.C === 1 ? undefined : o.C],
      ['--epochs', epochs],
      ['--lr', lrOf(o)],
      ['--optimizer', o.optimizer],
      ['--seed', o.seed],
      ['--seeds', o.seeds],
      ['--init', o.initFile],
      ['--init-scheme', o.initScheme === undefined || o.initScheme === 'torch' ? undefined : o.initScheme],
    ],
  );
}

function jobs(o: SessionSpec, init?: Float32Array): Job[] {
  return Array.from({ length: o.seeds }, (_, k) => ({
    spec: modelOf(o),
    epochs: o.epochs,
    lr: lrOf(o),
    optimizer: o.optimizer,
    seed: o.seed + k,
    logEvery: o.logEvery ?? Math.max(1, Math.floor(o.epochs / 500)),
    init,
    engine: o.engine,
    initScheme: o.initScheme,
  }));
}

function session(o: SessionSpec, results: TrainResult[]): Session {
  const spec = modelOf(o);
  return {
    spec,
    lr: lrOf(o),
    reports: results.map((r) => ({
      seed: r.seed,
      result: r,
      comparison: compare(spec, r.params, r.finalLoss, r.codes),
    })),
    replay: sessionReplay(o),
  };
}

/** Runs the seeds of a session on worker threads, blocking (the claims' entry point). */
export function runSession(o: SessionSpec): Session {
  return session(o, trainSeeds(jobs(o), o.workers ?? defaultWorkers(o.seeds)));
}

/**
 * Runs the seeds with the event loop alive, so Ctrl-C stops the run cleanly
 * (the weights reached are kept). @param onProgress (done, total, note, and the seed and loss it reports)
 */
export async function runSessionAsync(
  o: SessionSpec,
  init?: Float32Array,
  stop?: { stopped: boolean },
  onProgress?: (done: number, total: number, note: string, seed: number, loss: number) => void,
): Promise<Session> {
  const results = await trainSeedsAsync(jobs(o, init), o.workers ?? defaultWorkers(o.seeds), stop, (d, seed, loss) =>
    onProgress?.(d, o.seeds * o.epochs, `loss ${loss.toExponential(3)} (seed ${seed})`, seed, loss),
  );
  const s = session(o, results);
  // An interrupted run replays the epochs it reached; a diverged run replays as asked (it diverges again).
  const reached = Math.min(...results.filter((r) => r.interrupted).map((r) => r.epochs));
  return reached < o.epochs ? { ...s, replay: sessionReplay(o, reached) } : s;
}
