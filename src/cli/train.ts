/** `verify train`: the deck's training runs in float32, compared with the exact construction. */
import { type Command, Option } from 'commander';
import { UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { parseAmplitude, parseIntIn, parseRational, parseSeed, parseWorkers } from '../options.js';
import { DEFAULT_SEED, SEED_MAX } from '../random.js';
import { replayText } from '../replay.js';
import { textTable, toJson } from '../render/format.js';
import { seedTable, studyTable } from '../render/train.js';
import { studyHistogramSpec } from '../render/study-figure.js';
import { DECK_EPS, NEAR_MSE, studyOf } from '../train/study.js';
import { LINEAR_R2, settledEpoch } from '../train/compare.js';
import { INIT_SCHEMES, type InitScheme } from '../train/model.js';
import { OPTIMIZERS } from '../train/optim.js';
import { convertSvg, figureSvg, svgRenderer } from '../render/figure.js';
import { plotSvg } from '../train/plot.js';
import { DECK_EPOCHS, modelOf, runSessionAsync, type Session, type SessionSpec } from '../train/session.js';
import { ENGINES, type ResolvedEngine, resolveEngine } from '../train/train.js';
import {
  encodeNetwork,
  formatFromPath,
  networkFromParams,
  networkToParams,
  parseKeys,
  readNetwork,
  specFromNetwork,
  WEIGHTS_FORMATS,
} from '../weights/index.js';
import { pathArg } from './args.js';
import type { Io } from './io.js';
import { checkWritable, writeAtomic } from '../files.js';
import { progressBar } from './progress.js';

/** The format of a --plot file from its name. @throws UsageError for another name, or PNG/PDF without rsvg-convert */
function plotFormatOf(path: string, what = '--plot'): 'svg' | 'png' | 'pdf' {
  const ext = /\.(svg|png|pdf)$/i.exec(path)?.[1]?.toLowerCase() as 'svg' | 'png' | 'pdf' | undefined;
  if (!ext) throw new UsageError(`${what} ${path}: unknown format; accepted: a file name ending in .svg, .png or .pdf`);
  if (ext !== 'svg' && !svgRenderer())
    throw new UsageError(
      `${what} ${path}: ${ext.toUpperCase()} needs rsvg-convert, which is not installed (Debian: apt-get install librsvg2-bin); accepted: .svg`,
    );
  return ext;
}

/** The signal dimension of `verify train` unless given or read from --init (the deck's figures use n = 8). */
const DEFAULT_N = 8;

/** The options of `verify train`: a session (`--init` is its initFile) and where its report goes. */
interface TrainCliOptions extends Omit<SessionSpec, 'initFile' | 'initScheme'> {
  initScheme: InitScheme;
  csv?: string;
  plot?: string;
  histogram?: string;
  json?: boolean;
  init?: string;
  save?: string;
  /** Weights format of --init and --save (default: from the extension). */
  format?: string;
  /** Tensor names of --init (parseKeys). */
  keys?: string;
}

/** The session the options describe. */
function sessionOf(o: TrainCliOptions): SessionSpec {
  const { experiment, n, n2, b3, C, epochs, lr, optimizer, seed, seeds, logEvery, engine, initScheme, workers } = o;
  return {
    experiment,
    n,
    n2,
    b3,
    C,
    epochs,
    lr,
    optimizer,
    seed,
    seeds,
    logEvery,
    engine,
    initScheme,
    workers,
    initFile: o.init,
  };
}

const LR_MIN = Q.parse('1e-30');
const LR_MAX = Q.parse('1e30');

function parseLr(v: string): number {
  const q = parseRational(v, '--lr');
  if (q.sign() <= 0) throw new UsageError(`--lr must be a positive rational, got ${q}`);
  if (q.lt(LR_MIN) || q.gt(LR_MAX)) throw new UsageError(`--lr ${v} is out of range; accepted: 1e-30 <= lr <= 1e30`);
  return q.toNumber();
}

/** The largest finite float32, 2^128 - 2^104. */
const FLOAT32_MAX = Q.fromFloat32(3.4028234663852886e38);

/** An amplitude for float32 training: C > 0 that float32 represents as a positive finite number. */
function parseTrainAmplitude(v: string): number {
  const c = parseAmplitude(v);
  const f = Math.fround(c.toNumber());
  if (c.gt(FLOAT32_MAX) || f === 0)
    throw new UsageError(`--C ${v} is not a positive finite float32; accepted: 1.4e-45 <= C <= 3.4e38 (about)`);
  return c.toNumber();
}

/**
 * The loss shown on the progress line: the seed's own with one seed; with
 * several (on workers, in parallel), the best and the worst of the latest
 * losses of the seeds started so far.
 */
export function lossNote(losses: ReadonlyMap<number, number>, seeds: number): string {
  const all = [...losses.entries()];
  if (all.length === 0) return '';
  if (seeds === 1) {
    const [seed, loss] = all[0] as [number, number];
    return `loss ${loss.toExponential(3)} (seed ${seed})`;
  }
  const values = all.map(([, loss]) => loss);
  const started = all.length < seeds ? ` (${all.length} of ${seeds} seeds started)` : ` (${seeds} seeds)`;
  return `loss best ${Math.min(...values).toExponential(2)}, worst ${Math.max(...values).toExponential(2)}${started}`;
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
    .addOption(
      new Option('--n <n>', `signal dimension (default ${DEFAULT_N}, or the --init file's)`).argParser((v) =>
        parseIntIn(v, '--n', 1, 256),
      ),
    )
    .addOption(
      new Option('--n2 <m>', "layer-2 width (default n, or the --init file's)").argParser((v) =>
        parseIntIn(v, '--n2', 1, 4096),
      ),
    )
    .option('--b3', "a bias in layer 3 (default: none, or the --init file's)")
    .addOption(new Option('--C <c>', 'amplitude').default(1).argParser(parseTrainAmplitude))
    .addOption(
      new Option('--epochs <E>', 'epochs per seed')
        .default(DECK_EPOCHS, `${DECK_EPOCHS}, the deck's`)
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
      new Option('--seed <s>', 'first seed (run k uses seed + k)').default(DEFAULT_SEED).argParser((v) => parseSeed(v)),
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
    .option('--csv <file>', 'write the loss curves as CSV (seed,epoch,loss)', pathArg('--csv'))
    .option(
      '--plot <file>',
      'write FILE.svg, FILE.pdf (vector, for LaTeX) or FILE.png (2x), the last two with rsvg-convert: loss against epoch (log) and the codes',
      pathArg('--plot'),
    )
    .option(
      '--histogram <file>',
      'write FILE.svg, FILE.pdf or FILE.png (the last two with rsvg-convert): histograms over seeds of the final MSE (log scale) and of the settling epoch',
      pathArg('--histogram'),
    )
    .option('--json', 'print JSON')
    .option(
      '--init <file>',
      'start from these weights: .pt/.pth (torch.save of a state_dict), .safetensors, or stepae JSON',
      pathArg('--init'),
    )
    .addOption(
      new Option('--format <name>', 'weights format of --init and --save (default: from the extension)').choices([
        ...WEIGHTS_FORMATS,
      ]),
    )
    .option('--keys <map>', "tensor names in --init, e.g. W1=enc.weight,b1=enc.bias,... (default: the Sequential's)")
    .option(
      '--save <file>',
      'write the final weights: .pt (PyTorch loads it), .safetensors, or stepae JSON (exact rationals); with several seeds, FILE-seed<S> per seed',
      pathArg('--save'),
    )
    .addOption(
      new Option('--workers <k>', 'worker threads, one seed each at a time (default: one per core)').argParser((v) =>
        parseWorkers(v),
      ),
    )
    .addOption(
      new Option(
        '--engine <name>',
        'auto | simd (four seeds per WebAssembly SIMD instruction) | wasm (one seed per kernel) | js (the reference); the same bits',
      )
        .choices([...ENGINES])
        .default('auto'),
    )
    .addOption(
      new Option('--init-scheme <name>', "initial weights: torch (nn.Linear's default) or keras-glorot (Dense)")
        .choices([...INIT_SCHEMES])
        .default('torch'),
    )
    .action(async (opts: Omit<TrainCliOptions, 'n'> & { n?: number }) => {
      if (opts.experiment === 'sigmoid' && (opts.n2 !== undefined || opts.b3))
        throw new UsageError('--n2 and --b3 apply to the two-layer experiments only');
      if (opts.init && opts.seeds > 1) throw new UsageError('--init fixes the start: use --seeds 1');
      if (opts.keys !== undefined && opts.init === undefined) throw new UsageError('--keys goes with --init');
      // The --init file, read (and checked) before any work; it gives n, n2 and b3 unless they are given.
      const net =
        opts.init === undefined
          ? undefined
          : readNetwork(opts.init, {
              format: opts.format,
              keys: opts.keys === undefined ? undefined : parseKeys(opts.keys),
              what: '--init',
            });
      const fromFile = net ? specFromNetwork(net, opts.C, opts.experiment, opts.b3 || undefined) : undefined;
      const o: TrainCliOptions = {
        ...opts,
        n: opts.n ?? fromFile?.n ?? DEFAULT_N,
        n2: opts.n2 ?? (opts.experiment === 'sigmoid' ? undefined : fromFile?.n2),
        b3: opts.b3 || fromFile?.b3,
      };
      if (o.seed + o.seeds - 1 > SEED_MAX)
        throw new UsageError(
          `--seed ${o.seed} with --seeds ${o.seeds} runs past the largest seed ${SEED_MAX}; accepted: seed + seeds - 1 <= ${SEED_MAX}`,
        );
      const sessionSpec = sessionOf(o);
      let engine: ResolvedEngine;
      try {
        engine = resolveEngine(o.engine ?? 'auto', modelOf(sessionSpec), o.seeds);
      } catch (e) {
        throw new UsageError(`${(e as Error).message}; accepted: --engine auto or js`);
      }
      const csv = o.csv ? checkWritable(o.csv, '--csv') : undefined;
      const plot = o.plot ? checkWritable(o.plot, '--plot') : undefined;
      const plotFormat = plot === undefined ? undefined : plotFormatOf(plot);
      const histogram = o.histogram ? checkWritable(o.histogram, '--histogram') : undefined;
      const histogramFormat = histogram === undefined ? undefined : plotFormatOf(histogram, '--histogram');
      const save = o.save ? checkWritable(o.save, '--save') : undefined;
      const saveFormat = save ? formatFromPath(save, o.format, '--save') : undefined;
      const init = net && o.init ? networkToParams(modelOf(sessionSpec), net, `--init ${o.init}`) : undefined;
      const stop = { stopped: false };
      const onSigint = () => {
        if (!stop.stopped) io.err('\nstopping: the weights reached so far are kept and saved\n');
        stop.stopped = true;
      };
      process.on('SIGINT', onSigint);
      const bar = progressBar(io.err, io.isTTY, o.experiment);
      const losses = new Map<number, number>();
      let run: Session;
      try {
        run = await runSessionAsync(sessionSpec, init, stop, (d, t, _note, seed, loss) => {
          losses.set(seed, loss);
          bar.update(d, t, lossNote(losses, o.seeds));
        });
      } finally {
        process.off('SIGINT', onSigint);
        bar.done();
      }
      const { spec, lr, reports } = run;
      const cmd = replayText(run.replay);
      // One weights file per run: --save FILE for one seed, FILE-seed<S>.ext for several; on Ctrl-C
      // without --save, stepae-train-<experiment>-seed<S>.weights.json here. The setting goes beside the weights.
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
            encodeNetwork(networkFromParams(spec, r.result.params), saveFormat ?? 'json', {
              experiment: spec.experiment,
              n: spec.n,
              n2: spec.n2,
              C: spec.C,
              lr,
              optimizer: o.optimizer,
              b3: spec.b3,
              seed: r.seed,
              epochs: r.result.epochs,
            }),
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
        // PNG at twice the SVG's size (sharp on a screen); PDF stays vector, for LaTeX.
        writeAtomic(plot, plotFormat === 'svg' ? svg : convertSvg(svg, plotFormat ?? 'pdf', 2));
      }
      // ---- the report (study over seeds, divergence) ----
      const study = studyOf(reports);
      if (histogram) {
        const groups = [
          {
            label: `${o.initScheme} init, ${reports.length} seed${reports.length === 1 ? '' : 's'}`,
            runs: study.facts,
          },
        ];
        const svg = await figureSvg(
          studyHistogramSpec(
            groups,
            o.epochs,
            `${o.experiment}, n = ${o.n}, ${o.optimizer} lr ${lr}, ${o.epochs} epochs`,
            {
              mse: [DECK_EPS, NEAR_MSE],
            },
          ),
        );
        writeAtomic(histogram, histogramFormat === 'svg' ? svg : convertSvg(svg, histogramFormat ?? 'pdf', 2));
      }
      const nonLinear = reports.filter((r) => !r.comparison.linear).length;
      // A diverged run is an answer (exit 0): where it diverged, and the last finite weights, kept and compared.
      const divergedLines = reports.flatMap((r) => {
        const d = r.result.diverged;
        if (!d) return [];
        const kept =
          d.epoch === 0
            ? 'the initial weights are kept'
            : `the weights of epoch ${d.epoch - 1}, the last finite ones, are kept and compared`;
        const saved = savePaths[reports.indexOf(r)];
        return [
          `seed ${r.seed} diverged: its ${d.what} is not finite at epoch ${d.epoch}${d.what === 'loss' ? ` (${d.loss})` : ''}; ${kept}${saved ? ` (saved to ${saved})` : ''}`,
        ];
      });
      if (o.json) {
        io.out(
          toJson({
            command: cmd,
            argv: run.replay.argv,
            spec,
            lr,
            optimizer: o.optimizer,
            engine,
            initScheme: o.initScheme,
            linearR2Threshold: LINEAR_R2,
            nonLinearFraction: reports.length ? nonLinear / reports.length : null,
            study: { runs: study.runs, thresholds: study.thresholds, outcomes: study.rows },
            runs: reports.map((r) => ({
              seed: r.seed,
              epochs: r.result.epochs,
              interrupted: r.result.interrupted,
              diverged: r.result.diverged ? { ...r.result.diverged, loss: String(r.result.diverged.loss) } : null,
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
        const table = seedTable(reports);
        t += textTable(table.header, table.rows, { width: io.columns });
        if (reports.length > 1) {
          const st = studyTable(study);
          t +=
            `\nstudy over ${reports.length} seeds (95% Wilson intervals):\n` +
            textTable(st.header, st.rows, { width: io.columns });
        }
        t += `\nnon-linear codes (not exactly linear, R^2 <= ${LINEAR_R2}): ${nonLinear} of ${reports.length} seeds\n`;
        for (const line of divergedLines) t += line + '\n';
        if (stop.stopped) t += `interrupted; weights saved to ${savePaths.filter(Boolean).join(', ')}\n`;
        t += `reproduce: ${cmd}\n`;
        io.out(t);
      }
      // ---- end of the report ----
      if (stop.stopped) status.code = 130;
    });
}
