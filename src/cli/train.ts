/** `verify train`: the deck's training runs in float32, compared with the exact construction. */
import { type Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { type Comparison, compare, LINEAR_R2, settledEpoch } from '../train/compare.js';
import type { Experiment, ModelSpec } from '../train/model.js';
import { OPTIMIZERS, type OptimizerName } from '../train/optim.js';
import { plotSvg, pngRenderer, svgToPng } from '../train/plot.js';
import { defaultWorkers, type Job, trainSeeds, trainSeedsAsync } from '../train/pool.js';
import { type Engine, ENGINES, resolveEngine, type TrainResult } from '../train/train.js';
import { paramsToJson, readWeights } from '../train/weights.js';
import { textTable, toJson } from '../render/format.js';
import type { Io } from './io.js';
import { parseAmplitude, parseIntIn, parseRational } from './options.js';
import { checkWritable, writeAtomic } from './output.js';
import { progressBar } from './progress.js';

/** The deck's learning rates: 1e-5 constrained, 1e-4 free (and for the sigmoid decoder). */
export const DECK_LR: Record<Experiment, number> = { sigmoid: 1e-4, constrained: 1e-5, free: 1e-4 };
export const DECK_EPOCHS = 2_500_000;

export interface TrainCliOptions {
  experiment: Experiment;
  n: number;
  n2?: number;
  b3?: boolean;
  C: number;
  epochs: number;
  lr?: number;
  optimizer: OptimizerName;
  seed: number;
  seeds: number;
  logEvery?: number;
  csv?: string;
  plot?: string;
  json?: boolean;
  init?: string;
  save?: string;
  engine?: Engine;
  /** Worker threads for the seeds (default: one per core, at most one per seed). */
  workers?: number;
}

/** One seed's run and its comparison. */
export interface SeedReport {
  seed: number;
  result: TrainResult;
  comparison: Comparison;
}

function specOf(o: TrainCliOptions): ModelSpec {
  return { experiment: o.experiment, n: o.n, n2: o.n2 ?? o.n, b3: Boolean(o.b3), C: o.C };
}

/** The k-th seed's run, without callbacks (it may run on a worker thread). */
function job(o: TrainCliOptions, k: number, init?: Float32Array): Job {
  return {
    spec: specOf(o),
    epochs: o.epochs,
    lr: o.lr ?? DECK_LR[o.experiment],
    optimizer: o.optimizer,
    seed: o.seed + k,
    logEvery: o.logEvery ?? Math.max(1, Math.floor(o.epochs / 500)),
    init,
    engine: o.engine,
  };
}

function report(o: TrainCliOptions, result: TrainResult): SeedReport {
  return { seed: result.seed, result, comparison: compare(specOf(o), result.params, result.finalLoss, result.codes) };
}

function jobs(o: TrainCliOptions, init?: Float32Array): Job[] {
  return Array.from({ length: o.seeds }, (_, k) => job(o, k, init));
}

/** Runs the seeds of a training command, on worker threads (the claims' entry point; blocks). */
export function runTraining(o: TrainCliOptions): { spec: ModelSpec; lr: number; reports: SeedReport[] } {
  const results = trainSeeds(jobs(o), o.workers ?? defaultWorkers(o.seeds));
  return { spec: specOf(o), lr: o.lr ?? DECK_LR[o.experiment], reports: results.map((r) => report(o, r)) };
}

/** Runs the seeds with the event loop alive, so Ctrl-C stops the run cleanly (the weights reached are kept). */
export async function runTrainingAsync(
  o: TrainCliOptions,
  init?: Float32Array,
  stop?: { stopped: boolean },
  onProgress?: (done: number, total: number, note: string) => void,
): Promise<{ spec: ModelSpec; lr: number; reports: SeedReport[] }> {
  const results = await trainSeedsAsync(jobs(o, init), o.workers ?? defaultWorkers(o.seeds), stop, (d, seed, loss) =>
    onProgress?.(d, o.seeds * o.epochs, `loss ${loss.toExponential(3)} (seed ${seed})`),
  );
  return { spec: specOf(o), lr: o.lr ?? DECK_LR[o.experiment], reports: results.map((r) => report(o, r)) };
}

function parseLr(v: string): number {
  const q = parseRational(v, '--lr');
  if (q.sign() <= 0) throw new UsageError(`--lr must be a positive rational, got ${q}`);
  const x = q.toNumber();
  if (!(x > 0) || !Number.isFinite(x) || Math.fround(x) === 0)
    throw new UsageError(`--lr ${v} is not a positive float32; accepted: 1e-30 <= lr <= 1e30`);
  return x;
}

export function addTrainCommand(program: Command, io: Io, status: { code: number }): void {
  program
    .command('train')
    .description("train the deck's networks in float32 and compare them with the exact construction")
    .addOption(
      new Option('--experiment <name>', 'sigmoid | constrained | free')
        .choices(['sigmoid', 'constrained', 'free'])
        .makeOptionMandatory(),
    )
    .addOption(new Option('--n <n>', 'signal dimension').default(8).argParser((v) => parseIntIn(v, '--n', 1, 256)))
    .addOption(new Option('--n2 <m>', 'layer-2 width (default n)').argParser((v) => parseIntIn(v, '--n2', 1, 4096)))
    .option('--b3', 'a bias in layer 3')
    .addOption(new Option('--C <c>', 'amplitude').default(1).argParser((v) => parseAmplitude(v).toNumber()))
    .addOption(
      new Option('--epochs <E>', "epochs (default: the deck's 2 500 000)")
        .default(DECK_EPOCHS)
        .argParser((v) => parseIntIn(v, '--epochs', 0, 1_000_000_000)),
    )
    .addOption(
      new Option('--lr <x>', "learning rate (default: the deck's, 1e-5 constrained, 1e-4 otherwise)").argParser(
        parseLr,
      ),
    )
    .addOption(
      new Option('--optimizer <name>', 'rmsprop (PyTorch) | rmsprop-keras | sgd | adam')
        .choices([...OPTIMIZERS])
        .default('rmsprop'),
    )
    .addOption(
      new Option('--seed <s>', 'first seed')
        .default(20220227)
        .argParser((v) => parseIntIn(v, '--seed', 0, 2 ** 31 - 1)),
    )
    .addOption(
      new Option('--seeds <k>', 'number of seeds (seed, seed+1, ...)')
        .default(1)
        .argParser((v) => parseIntIn(v, '--seeds', 1, 10_000)),
    )
    .addOption(
      new Option('--log-every <m>', 'loss samples every m epochs').argParser((v) =>
        parseIntIn(v, '--log-every', 1, 1_000_000_000),
      ),
    )
    .option('--csv <file>', 'write the loss curves as CSV (seed,epoch,loss)')
    .option('--plot <file>', 'write FILE.svg (or FILE.png, with rsvg-convert): loss against epoch (log) and the codes')
    .option('--json', 'print JSON')
    .option('--init <file>', 'start from these weights (verify construct --json format)')
    .option(
      '--save <file>',
      'write the final weights (exact float32 values as rationals); with several seeds, FILE-seed<S> per seed',
    )
    .addOption(
      new Option('--workers <k>', 'worker threads, one seed each at a time (default: one per core)').argParser((v) =>
        parseIntIn(v, '--workers', 1, 256),
      ),
    )
    .addOption(
      new Option(
        '--engine <name>',
        'auto | wasm (generated WebAssembly kernel, two-layer models) | js (the reference); the same bits',
      )
        .choices([...ENGINES])
        .default('auto'),
    )
    .action(async (o: TrainCliOptions) => {
      if (o.experiment === 'sigmoid' && (o.n2 !== undefined || o.b3))
        throw new UsageError('--n2 and --b3 apply to the two-layer experiments only');
      if (o.init && o.seeds > 1) throw new UsageError('--init fixes the start: use --seeds 1');
      let engine: 'wasm' | 'js';
      try {
        engine = resolveEngine(o.engine ?? 'auto', specOf(o));
      } catch (e) {
        throw new UsageError(`${(e as Error).message}; accepted: --engine auto or js`);
      }
      const csv = o.csv ? checkWritable(o.csv, '--csv') : undefined;
      const plot = o.plot ? checkWritable(o.plot, '--plot') : undefined;
      const png = plot !== undefined && /\.png$/i.test(plot);
      if (plot && !png && !/\.svg$/i.test(plot))
        throw new UsageError(`--plot ${o.plot}: unknown format; accepted: a file name ending in .svg or .png`);
      if (png && !pngRenderer())
        throw new UsageError(
          `--plot ${o.plot}: PNG needs rsvg-convert, which is not installed (Debian: apt-get install librsvg2-bin); accepted: .svg`,
        );
      const save = o.save ? checkWritable(o.save, '--save') : undefined;
      const specForInit: ModelSpec = { experiment: o.experiment, n: o.n, n2: o.n2 ?? o.n, b3: Boolean(o.b3), C: o.C };
      const init = o.init ? readWeights(o.init, specForInit) : undefined;
      const stop = { stopped: false };
      const onSigint = () => {
        if (!stop.stopped) io.err('\nstopping: the weights reached so far are kept and saved\n');
        stop.stopped = true;
      };
      process.on('SIGINT', onSigint);
      const bar = progressBar(io.err, io.isTTY, o.experiment);
      let run: Awaited<ReturnType<typeof runTrainingAsync>>;
      try {
        run = await runTrainingAsync(o, init, stop, (d, t, note) => bar.update(d, t, note));
      } finally {
        process.off('SIGINT', onSigint);
        bar.done();
      }
      const { spec, lr, reports } = run;
      // One weights file per run: --save FILE for one seed, FILE-seed<S>.ext for several; on Ctrl-C
      // without --save, stepae-train-<experiment>-seed<S>.weights.json here.
      const savePaths = reports.map((r) =>
        save
          ? o.seeds > 1
            ? save.replace(/(\.[^./]*)?$/, (ext) => `-seed${r.seed}${ext}`)
            : save
          : stop.stopped
            ? checkWritable(`stepae-train-${o.experiment}-seed${r.seed}.weights.json`, 'weights')
            : undefined,
      );
      reports.forEach((r, k) => {
        const path = savePaths[k];
        if (path)
          writeAtomic(
            path,
            JSON.stringify({ ...paramsToJson(spec, r.result.params), seed: r.seed, epochs: r.result.epochs }, null, 2) +
              '\n',
          );
      });
      if (csv)
        writeAtomic(
          csv,
          'seed,epoch,loss\n' +
            reports.flatMap((r) => r.result.curve.map(([e, l]) => `${r.seed},${e},${l}`)).join('\n') +
            '\n',
        );
      if (plot) {
        const svg = await plotSvg(
          reports.map((r) => ({ seed: r.seed, curve: r.result.curve, codes: r.result.codes })),
          `${o.experiment}, n = ${o.n}, ${o.optimizer} lr ${lr}`,
        );
        writeAtomic(plot, png ? svgToPng(svg) : svg);
      }
      const nonLinear = reports.filter((r) => !r.comparison.linear).length;
      const cmd = `npx verify train --experiment ${o.experiment} --n ${o.n}${o.n2 ? ` --n2 ${o.n2}` : ''}${o.b3 ? ' --b3' : ''}${o.C !== 1 ? ` --C ${o.C}` : ''} --epochs ${o.epochs} --lr ${lr} --optimizer ${o.optimizer} --seed ${o.seed} --seeds ${o.seeds}`;
      if (o.json) {
        io.out(
          toJson({
            command: cmd,
            spec,
            lr,
            optimizer: o.optimizer,
            engine,
            linearR2Threshold: LINEAR_R2,
            nonLinearFraction: reports.length ? nonLinear / reports.length : null,
            runs: reports.map((r) => ({
              seed: r.seed,
              epochs: r.result.epochs,
              interrupted: r.result.interrupted,
              seconds: r.result.seconds,
              initialLoss: r.result.initialLoss,
              finalLoss: r.result.finalLoss,
              codes: r.result.codes,
              comparison: r.comparison,
              settledEpoch: settledEpoch(r.result.curve),
            })),
          }),
        );
      } else {
        let t = `train ${o.experiment}: n = ${o.n}${o.experiment === 'sigmoid' ? '' : `, n2 = ${spec.n2}`}, ${o.optimizer} lr ${lr}, ${o.epochs} epochs, float32 (${engine} engine)\n\n`;
        t += textTable(
          [
            'seed',
            'epochs',
            'seconds',
            'final MSE (exact: 0)',
            'R^2 of z vs i',
            'linear',
            'monotone',
            'min code gap / range',
            'rank A2 (exact)',
            'W3 re-solved exactly',
            'stuck outputs (MSE share)',
            'settled by epoch',
          ],
          reports.map((r) => {
            const c = r.comparison;
            const res = c.resolved
              ? 'failed' in c.resolved
                ? 'no: ' + c.resolved.failed
                : `signals: ${c.resolved.signals ? 'yes' : 'no'}, zero: ${c.resolved.zeroSignal ? 'yes' : 'no'}`
              : '-';
            return [
              String(r.seed),
              String(r.result.epochs),
              r.result.seconds.toFixed(2),
              r.result.finalLoss.toExponential(3),
              c.r2.toFixed(6),
              c.linear ? 'yes' : 'no',
              c.monotone ? 'yes' : 'no',
              c.minGap.toExponential(2),
              c.rankA2 === undefined ? '-' : String(c.rankA2),
              res,
              c.stuck === undefined ? '-' : `${c.stuck} (${(c.stuckMse ?? 0).toExponential(3)})`,
              String(settledEpoch(r.result.curve)),
            ];
          }),
        );
        t += `\nnon-linear codes (R^2 < ${LINEAR_R2}): ${nonLinear} of ${reports.length} seeds\n`;
        if (stop.stopped) t += `interrupted; weights saved to ${savePaths.filter(Boolean).join(', ')}\n`;
        t += `reproduce: ${cmd}\n`;
        io.out(t);
      }
      if (stop.stopped) status.code = 130;
    });
}
