/**
 * `verify search conjecture` and `verify merge`: the exhaustive search of
 * the conjecture's readings on the canonical grid, with workers, shards,
 * checkpoints and resume; and the merge of shard results.
 */
import { availableParallelism } from 'node:os';
import { type Command, Option } from 'commander';
import { InputError, InternalError, UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import {
  checkCodes,
  configurationCount,
  gridKnots,
  linearCodes,
  MAX_CODE_CHARS,
  type GridSpec,
} from '../search/grid.js';
import { classCount } from '../search/classify/classes.js';
import { READINGS } from '../search/readings.js';
import { certifyAll } from '../search/certify.js';
import { renderSearchJson, renderSearchLatex, renderSearchText } from '../render/search.js';
import { type Checkpoint, mergeCheckpoints, parseSearchFile, runSearch, specToJson } from '../search/runner.js';
import { textTable, toJson } from '../render/format.js';
import { randomSearch } from '../search/random.js';
import {
  type ClassifyCheckpoint,
  checkClassifyCheckpoint,
  classifyResult,
  classifySpec,
  mergeClassifyCheckpoints,
  runClassify,
} from '../search/classify/run.js';
import { renderClassifyJson, renderClassifyText } from '../render/classify.js';
import { shardFromEnv } from '../cluster/shard-env.js';
import { formatFlag, pathArg } from './args.js';
import type { Io } from './io.js';
import { parseIntIn, parseRationalJson, parseSeed, parseWorkers } from '../options.js';
import { DEFAULT_SEED } from '../random.js';
import { type Replay, replayOf, replayText, withFlags } from '../replay.js';
import { checkWritable, parseJson, readInputText, writeAtomic } from '../files.js';
import { progressBar } from './progress.js';

/** The largest number of shards (job arrays beyond it are not a use case; the shard count must stay exact). */
export const MAX_SHARDS = 1_000_000;

/** Above this many configurations a search needs --force. */
export const MAX_CONFIGS = 500_000_000;
/** Types a classification run takes without --force (n = 8 with the zero signal dropped has 95,548,245). */
export const MAX_TYPES = 200_000_000;
/** The classification's rate on this project's 2-core machine (n = 7, zero signal dropped, criterion checked: 8,347,680 types in 88 s). */
const TYPES_PER_SECOND = 90_000;

interface SearchOptions {
  n: number;
  grid: number;
  zeroSignal: 'keep' | 'drop';
  codes: string;
  workers: number;
  shard?: { index: number; count: number } | 'auto';
  shardCount?: number;
  checkpoint?: string;
  resume?: string;
  out?: string;
  json?: boolean;
  /** true: print the LaTeX table; a path: the deprecated `--latex FILE`. */
  latex?: boolean | string;
  force?: boolean;
  listReadings?: boolean;
}

function parseShard(v: string): { index: number; count: number } | 'auto' {
  if (v.trim() === 'auto') return 'auto';
  const m = /^(\d+)\/(\d+)$/.exec(v.trim());
  if (!m)
    throw new UsageError(
      `--shard: '${v}' is not i/N; accepted: i/N with 0 <= i < N (e.g. 0/4), or auto (from a Slurm array or a Kubernetes Indexed Job)`,
    );
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!(count >= 1 && count <= MAX_SHARDS) || !(index < count))
    throw new UsageError(`--shard: ${v} needs 0 <= i < N <= ${MAX_SHARDS}`);
  return { index, count };
}

/**
 * A search file, validated (schema, digest, grid) and its counterexamples
 * re-checked exactly: a file whose digest was recomputed after an edit is
 * still refused when a counterexample it carries is not one.
 */
function readCheckpoint(path: string, what: string): Checkpoint {
  const c = parseSearchFile(readInputText(path, what), `${what} ${path}`);
  try {
    certifyAll(c);
  } catch (e) {
    if (!(e instanceof InternalError)) throw e;
    throw new InputError(
      `${what} ${path}: ${e.message.replace(/^reported (.*) does not re-check$/, 'the file reports an $1 that does not re-check')}; the file was altered or is not stepae's`,
      'E_SEARCH_FILE',
    );
  }
  return c;
}

function readCodes(spec: string, n: number, zeroSignal: 'keep' | 'drop'): Q[] {
  if (spec === 'linear') return linearCodes(n, zeroSignal);
  let raw: unknown;
  const text = readInputText(spec, '--codes');
  try {
    raw = parseJson(text);
  } catch (e) {
    throw new UsageError(
      `--codes: cannot read ${spec} (${(e as Error).message.split('\n')[0]}); accepted: linear, or a JSON file with an array of rationals`,
    );
  }
  if (!Array.isArray(raw))
    throw new UsageError('--codes: the file must hold a JSON array of rationals, e.g. ["1", "5/2", "4"]');
  raw.forEach((x, k) => {
    if (String(x).length > MAX_CODE_CHARS)
      throw new UsageError(
        `--codes entry ${k + 1} has ${String(x).length} characters; accepted: rationals of at most ${MAX_CODE_CHARS} characters`,
      );
  });
  return checkCodes(
    raw.map((x, k) => parseRationalJson(x, `--codes entry ${k + 1}`)),
    n,
    zeroSignal,
  );
}

/** The replay of a grid search (with the shard resolved). */
function gridReplay(o: SearchOptions & { shard?: { index: number; count: number } }): Replay {
  return replayOf(
    ['search', 'conjecture'],
    [
      ['--n', o.n],
      ['--grid', o.grid],
      ['--zero-signal', o.zeroSignal],
      ['--codes', o.codes],
      ['--shard', o.shard ? `${o.shard.index}/${o.shard.count}` : undefined],
    ],
  );
}

function runRandom(o: SearchOptions & { runs: number; seed: number; path?: string }, io: Io): void {
  const codes = o.codes === 'linear' ? 'linear' : 'random';
  const found = randomSearch({ nMax: o.n, runs: o.runs, seed: o.seed, zeroSignal: o.zeroSignal, codes, path: o.path });
  const replay = replayOf(
    ['search', 'conjecture'],
    [
      ['--random', true],
      ['--n', o.n],
      ['--zero-signal', o.zeroSignal],
      ['--codes', codes],
      ['--runs', o.runs],
      ['--seed', o.seed],
    ],
  );
  const cmd = replayText(replay);
  if (o.json) {
    io.out(toJson({ command: cmd, argv: replay.argv, findings: found }));
    return;
  }
  const text = (f: (typeof found)[number]) =>
    f.counterexample
      ? `n = ${f.counterexample.n}, codes (${f.counterexample.codes.join(', ')}), W2 (${f.counterexample.W2.join(', ')}), b2 (${f.counterexample.b2.join(', ')})`
      : `none in ${f.runs} runs`;
  io.out(
    textTable(
      ['reading', 'direction', 'counterexample (shrunk)', 'replay path'],
      found.map((f) => [f.reading, f.direction, text(f), f.path ?? '-']),
    ) + `seed ${o.seed}; replay one with: ${cmd} --path PATH\n`,
  );
}

/** Reads a classification file (a checkpoint or shard of --symbolic), validated. */
function readClassifyFile(path: string, what: string): ClassifyCheckpoint {
  let raw: unknown;
  const text = readInputText(path, what);
  try {
    raw = parseJson(text);
  } catch (e) {
    throw new UsageError(`${what}: ${path} is not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return checkClassifyCheckpoint(raw, `${what} ${path}`);
}

/** The kind of a search file ('stepae-search' or 'stepae-classify'), read before validating it. */
function fileKind(path: string, what: string): string | undefined {
  try {
    return (parseJson(readInputText(path, what)) as { kind?: string } | null)?.kind;
  } catch {
    return undefined;
  }
}

/**
 * --symbolic: the classification of every combinatorial type (always
 * singular / generic / always full rank) on workers, shards, checkpoints
 * and resume, as the grid search runs.
 */
async function runSymbolic(
  o: SearchOptions,
  shard: { index: number; count: number } | undefined,
  io: Io,
  status: { code: number },
): Promise<void> {
  const spec = classifySpec(
    o.n,
    o.zeroSignal,
    o.codes === 'linear' ? undefined : readCodes(o.codes, o.n, o.zeroSignal),
  );
  // Every multiset of n column classes is a type; the guard is per process, as for the grid.
  const types = configurationCount(classCount(spec.codes.length), o.n) / BigInt(shard?.count ?? 1);
  if (types > BigInt(MAX_TYPES) && !o.force)
    throw new UsageError(
      `this ${shard ? 'shard' : 'classification'} has about ${types} types (about ${Math.ceil(Number(types) / TYPES_PER_SECOND / 3600)} h on 2 cores at ${TYPES_PER_SECOND} types/s); above ${MAX_TYPES} it needs --force, or more shards (--shard i/N)`,
    );
  const resume = o.resume ? readClassifyFile(o.resume, '--resume') : undefined;
  if (resume && shard && (resume.shard.index !== shard.index || resume.shard.count !== shard.count))
    throw new UsageError('--resume: the checkpoint belongs to another shard');
  const { ckPath, outPath } = outputPaths(o);
  const replay = replayOf(
    ['search', 'conjecture'],
    [
      ['--symbolic', true],
      ['--n', o.n],
      ['--zero-signal', o.zeroSignal],
      ['--codes', o.codes],
      ['--shard', shard ? `${shard.index}/${shard.count}` : undefined],
    ],
  );
  const { stop, signal, off } = stopOnSignals(io);
  const bar = progressBar(io.err, io.isTTY, `types n=${o.n} ${o.zeroSignal}`);
  let cp: ClassifyCheckpoint;
  try {
    cp = await runClassify({
      spec,
      workers: o.workers,
      shard,
      resume,
      stop,
      checkpointEvery: 5_000,
      onProgress: (d, t) => bar.update(d, t),
      onCheckpoint: ckPath ? (c) => writeAtomic(ckPath, JSON.stringify(c)) : undefined,
    });
  } finally {
    off();
    bar.done();
  }
  if (!cp.complete) {
    const path = ckPath ?? checkWritable(`stepae-classify-n${o.n}-${o.zeroSignal}.checkpoint.json`, 'checkpoint');
    writeAtomic(path, JSON.stringify(cp));
    io.err(
      `interrupted; checkpoint written to ${path}\nresume with: ${replayText(withFlags(replay, [['--resume', path]]))}\n`,
    );
    status.code = signal() === 'SIGTERM' ? 143 : 130;
    return;
  }
  if (ckPath) writeAtomic(ckPath, JSON.stringify(cp));
  if (outPath) writeAtomic(outPath, JSON.stringify(cp));
  const result = classifyResult(cp);
  io.out(
    o.json
      ? renderClassifyJson(result, replay, shard)
      : renderClassifyText(result, shard, io.columns) + `reproduce: ${replayText(replay)}\n`,
  );
}

/** Where a search writes: its checkpoint (--checkpoint, else the --resume file) and its result (--out), checked first. */
function outputPaths(o: SearchOptions): { ckPath?: string; outPath?: string } {
  const ckPath = o.checkpoint
    ? checkWritable(o.checkpoint, '--checkpoint')
    : o.resume
      ? checkWritable(o.resume, '--resume')
      : undefined;
  return { ckPath, outPath: o.out ? checkWritable(o.out, '--out') : undefined };
}

/**
 * Ctrl-C, and SIGTERM (what scancel, a requeue, preemption and a time limit send on Slurm): the
 * units in flight finish and the checkpoint is written. `off` removes the handlers.
 */
function stopOnSignals(io: Io): {
  stop: { stopped: boolean };
  signal: () => 'SIGINT' | 'SIGTERM' | undefined;
  off: () => void;
} {
  const stop = { stopped: false };
  let received: 'SIGINT' | 'SIGTERM' | undefined;
  const on = (s: 'SIGINT' | 'SIGTERM') => {
    received ??= s;
    stop.stopped = true;
    io.note(`\n${s}: stopping after the units in flight...\n`);
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    stop,
    signal: () => received,
    off: () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}

/** Registers `search` and `merge`. */
export function addSearchCommands(program: Command, io: Io, status: { code: number }): void {
  const search = program.command('search').description('counterexample searches');
  search
    .command('conjecture')
    .description("exhaustive search of the full-rank conjecture's readings on the canonical grid")
    .addOption(
      new Option('--n <n>', 'signal dimension (columns of A2)')
        .default(3)
        .argParser((v) => parseIntIn(v, '--n', 1, 12)),
    )
    .addOption(
      new Option('--grid <g>', 'interior knots per gap').default(2).argParser((v) => parseIntIn(v, '--grid', 0, 50)),
    )
    .addOption(
      new Option('--zero-signal <mode>', 'keep or drop the zero signal').choices(['keep', 'drop']).default('drop'),
    )
    .addOption(new Option('--codes <spec>', 'linear (z = i) or a JSON file of distinct rationals').default('linear'))
    .addOption(
      new Option('--workers <k>', 'worker threads').default(availableParallelism()).argParser((v) => parseWorkers(v)),
    )
    .addOption(
      new Option(
        '--shard <i/N|auto>',
        'take units i, i+N, i+2N, ...; auto: i and N from a Slurm array (SLURM_ARRAY_TASK_*) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with --shard-count)',
      ).argParser(parseShard),
    )
    .addOption(
      new Option('--shard-count <N>', 'with --shard auto on Kubernetes: the number of shards').argParser((v) =>
        parseIntIn(v, '--shard-count', 1, MAX_SHARDS),
      ),
    )
    .option('--checkpoint <file>', 'write checkpoints here (every 30 s and on Ctrl-C)', pathArg('--checkpoint'))
    .option('--resume <file>', 'continue the run saved in this checkpoint', pathArg('--resume'))
    .option('--out <file>', 'write the result (a mergeable JSON file)', pathArg('--out'))
    .option('--json', 'print JSON')
    .option(
      '--latex [file]',
      'print a LaTeX table of the simplest counterexamples instead of the report (--latex FILE: deprecated, use --out for the result file and > for the table)',
      pathArg('--latex'),
    )
    .option('--force', `run even above ${MAX_CONFIGS} configurations`)
    .option('--list-readings', 'print every reading with its formal definition and exit')
    .option('--random', 'random search with shrinking (fast-check) instead of the grid, n = 1..--n')
    .addOption(
      new Option('--runs <k>', 'with --random: instances per reading and direction')
        .default(1000)
        .argParser((v) => parseIntIn(v, '--runs', 1, 10_000_000)),
    )
    .addOption(new Option('--seed <s>', 'with --random: the seed').default(DEFAULT_SEED).argParser((v) => parseSeed(v)))
    .option('--path <p>', 'with --random: replay one counterexample (the fast-check path printed with it)')
    .option(
      '--symbolic',
      'classify every combinatorial type (all real knots): always singular, generic, always full rank (n <= 10)',
    )
    .action(
      async (
        o: SearchOptions & { random?: boolean; runs: number; seed: number; path?: string; symbolic?: boolean },
        cmd: Command,
      ) => {
        if (o.listReadings) {
          io.out(
            textTable(
              ['reading', 'condition (the reading says: A2 has rank n iff this holds)'],
              READINGS.map((r) => [r.id, r.definition]),
            ),
          );
          return;
        }
        if (o.random && o.symbolic) throw new UsageError('--random and --symbolic exclude each other; choose one');
        const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
        if (o.random) {
          // The random search writes no file and takes no shard: these options would be silently ignored.
          const gridOnly = ['out', 'checkpoint', 'resume', 'shard', 'shardCount', 'grid', 'force', 'latex', 'workers'];
          const stray = gridOnly.filter(given);
          if (stray.length > 0)
            throw new UsageError(
              `${stray.map(flagOf).join(', ')} ${stray.length === 1 ? 'goes' : 'go'} with the grid search, not --random; accepted with --random: --n, --zero-signal, --codes linear|random, --runs, --seed, --path, --json`,
            );
          if (o.codes !== 'linear' && o.codes !== 'random')
            throw new UsageError(
              `--codes ${o.codes}: the random search draws its own codes; accepted with --random: --codes linear (z = i) or random`,
            );
          if (o.path !== undefined && !/^\d{1,10}(:\d{1,10}){0,999}$/.test(o.path))
            throw new UsageError(
              `--path: '${o.path.length > 40 ? o.path.slice(0, 40) + '...' : o.path}' is not a replay path; accepted: the path printed with a counterexample (integers separated by colons, e.g. 12:0:3)`,
            );
        } else {
          const randomOnly = ['runs', 'seed', 'path'].filter(given);
          if (randomOnly.length > 0)
            throw new UsageError(
              `${randomOnly.map(flagOf).join(', ')} ${randomOnly.length === 1 ? 'goes' : 'go'} with --random; add --random, or leave ${randomOnly.length === 1 ? 'it' : 'them'} out`,
            );
        }
        if (o.random) {
          runRandom(o, io);
          return;
        }
        if (o.shardCount !== undefined && o.shard !== 'auto')
          throw new UsageError(
            '--shard-count goes with --shard auto (a Kubernetes Indexed Job); accepted: both or neither',
          );
        const shard = o.shard === 'auto' ? shardFromEnv(process.env, o.shardCount).shard : o.shard;
        if (o.symbolic) {
          if (o.latex) throw new UsageError('--latex goes with the grid search, not --symbolic');
          await runSymbolic(o, shard, io, status);
          return;
        }
        const resume = o.resume ? readCheckpoint(o.resume, '--resume') : undefined;
        const codes = readCodes(o.codes, o.n, o.zeroSignal);
        const spec: GridSpec = { n: o.n, g: o.grid, zeroSignal: o.zeroSignal, codes };
        if (resume && JSON.stringify(resume.spec) !== JSON.stringify(specToJson(spec))) {
          throw new UsageError(
            `--resume: ${o.resume} was written for a different search (${JSON.stringify(resume.spec)})`,
          );
        }
        if (resume && shard && (resume.shard.index !== shard.index || resume.shard.count !== shard.count)) {
          throw new UsageError('--resume: the checkpoint belongs to another shard');
        }
        const types = 2 * gridKnots(codes, o.grid).length;
        // The guard is per process: a shard takes about its share of the configurations.
        const size = configurationCount(types, o.n) / BigInt(shard?.count ?? 1);
        if (size > BigInt(MAX_CONFIGS) && !o.force) {
          throw new UsageError(
            `this ${shard ? 'shard' : 'search'} has about ${size} configurations (about ${Number(size) / 2e6 / 60 < 1 ? '<1' : Math.round(Number(size) / 2e6 / 60)} min on 2 cores); above ${MAX_CONFIGS} it needs --force, or more shards (--shard i/N)`,
          );
        }
        const { ckPath, outPath } = outputPaths(o);
        const latex = formatFlag(o.latex, '--latex', 'use --latex (the table on stdout) and a redirection');
        if (o.json && latex.on) throw new UsageError('--json and --latex exclude each other; choose one');
        const latexPath = latex.legacyPath === undefined ? undefined : checkWritable(latex.legacyPath, '--latex');
        if (latex.deprecation) io.note(latex.deprecation);
        const { stop, signal, off } = stopOnSignals(io);
        const bar = progressBar(io.err, io.isTTY, `n=${o.n} g=${o.grid}`);
        let result: Checkpoint;
        try {
          result = await runSearch({
            spec,
            workers: o.workers,
            shard,
            resume,
            stop,
            onProgress: (d, t) => bar.update(d, t),
            onCheckpoint: ckPath ? (c) => writeAtomic(ckPath, JSON.stringify(c)) : undefined,
          });
        } finally {
          off();
          bar.done();
        }
        const replay = gridReplay({ ...o, shard });
        if (!result.complete) {
          const path =
            ckPath ?? checkWritable(`stepae-search-n${o.n}-g${o.grid}-${o.zeroSignal}.checkpoint.json`, 'checkpoint');
          writeAtomic(path, JSON.stringify(result));
          io.err(
            `interrupted: ${result.counts.total} configurations done; checkpoint written to ${path}\nresume with: ${replayText(withFlags(replay, [['--resume', path]]))}\n`,
          );
          // 128 + the signal's number, as a shell reports a process killed by it.
          status.code = signal() === 'SIGTERM' ? 143 : 130;
          return;
        }
        const certified = certifyAll(result);
        if (ckPath) writeAtomic(ckPath, JSON.stringify(result));
        if (outPath) writeAtomic(outPath, JSON.stringify(result));
        if (latexPath) writeAtomic(latexPath, renderSearchLatex(result, certified, replay));
        io.out(
          o.json
            ? renderSearchJson(result, certified, replay)
            : latex.on
              ? renderSearchLatex(result, certified, replay)
              : renderSearchText(result, certified) + `reproduce: ${replayText(replay)}\n`,
        );
      },
    );

  program
    .command('merge')
    .description('merge the --out files of shards into one report')
    .argument('<files...>', 'search result files')
    .option('--json', 'print JSON')
    .option('--out <file>', 'write the merged result', pathArg('--out'))
    .action((files: string[], o: { json?: boolean; out?: string }) => {
      const outPath = o.out ? checkWritable(o.out, '--out') : undefined;
      const replay = replayOf(['merge'], [], files);
      if (files.length > 0 && files.every((f) => fileKind(f, 'merge') === 'stepae-classify')) {
        const merged = mergeClassifyCheckpoints(
          files.map((f) => readClassifyFile(f, 'merge')),
          files,
        );
        if (outPath) writeAtomic(outPath, JSON.stringify(merged));
        const result = classifyResult(merged);
        io.out(o.json ? renderClassifyJson(result, replay) : renderClassifyText(result, undefined, io.columns));
        return;
      }
      let merged: Checkpoint;
      try {
        merged = mergeCheckpoints(
          files.map((f) => readCheckpoint(f, 'merge')),
          files,
        );
      } catch (e) {
        if (e instanceof RangeError) throw new UsageError(`merge: ${e.message}`);
        throw e;
      }
      if (outPath) writeAtomic(outPath, JSON.stringify(merged));
      const certified = merged.complete ? certifyAll(merged) : [];
      io.out(o.json ? renderSearchJson(merged, certified, replay) : renderSearchText(merged, certified));
    });
}

/** The command-line flag of an option's attribute name: shardCount -> --shard-count. */
function flagOf(name: string): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
