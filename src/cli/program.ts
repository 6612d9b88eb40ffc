/**
 * The `verify` command line: a thin layer that parses and validates
 * options, calls the library, and hands results to a renderer.
 * Exit status: 0 success or a claim that holds, 1 a refuted claim,
 * 2 a usage or input error, 3 an internal error.
 *
 * One vocabulary of options across commands: `--json` and `--latex` choose
 * the format of what a command prints, `--out FILE` sends it to FILE (with a
 * one-line note on stderr), `--save FILE` writes a data file stepae reads
 * back (weights, search results), `-q, --quiet` drops progress and notes.
 */
import { Command, CommanderError, Option } from 'commander';
import { type ClaimArgs, DEFAULT_RUNS, resolveClaimOptions, runClaim } from '../claims/options.js';
import { CLAIMS } from '../claims/registry.js';
import type { Claim } from '../claims/types.js';
import { StepaeError, UsageError } from '../errors.js';
import { Q } from '../kernel/rational.js';
import { stepMatrix } from '../model/steps.js';
import { parseAmplitude, parseDimension, parseIntIn, parseSeed } from '../options.js';
import { DEFAULT_SEED } from '../random.js';
import { latexMatrix, matStrings, textMatrix, textTable, toJson } from '../render/format.js';
import { checkWritable } from '../files.js';
import { renderAllText, renderVerdictJson, renderVerdictText, verdictJson } from '../render/verdict.js';
import { isNegative } from '../verdict.js';
import { VERSION } from '../version.js';
import { addConstructCommands } from './construct.js';
import { addInspectCommand } from './inspect.js';
import { addSearchCommands } from './search.js';
import { addSlurmCommand } from './slurm.js';
import { addTrainCommand } from './train.js';
import { pathArg, rejectRepeats, repeatable } from './args.js';
import type { Io } from './io.js';
import { writeOutput } from './output.js';
import { statusLine } from './progress.js';

/** The largest dataset output, in characters. */
const MAX_DATASET_CHARS = 200_000_000;
/** The options commander parses for a claim command (and `verify all`). */
interface ClaimCliOptions extends Record<string, unknown> {
  n?: number;
  nMax?: number;
  C?: Q;
  seed?: number;
  runs?: number;
  json?: boolean;
}

/** The claim arguments of parsed CLI options, with the claim's own options picked by key. */
function claimArgs(claim: Claim, o: ClaimCliOptions): ClaimArgs {
  return {
    n: o.n,
    nMax: o.nMax,
    C: o.C,
    seed: o.seed,
    runs: o.runs,
    extra: Object.fromEntries(claim.options.map((opt) => [opt.key, o[opt.key]])),
  };
}

function addClaimOptions(cmd: Command, nMaxDefault?: number): Command {
  return cmd
    .addOption(
      new Option('--n <N>', 'check this n only').argParser((v) => parseIntIn(v, '--n', 1, 64)).conflicts('nMax'),
    )
    .addOption(
      new Option(
        '--n-max <N>',
        `largest n checked exactly${nMaxDefault ? ` (default: ${nMaxDefault})` : ''}`,
      ).argParser((v) => parseIntIn(v, '--n-max', 1, 64)),
    )
    .addOption(
      new Option('--C <c>', 'amplitude C > 0, an exact rational (default: 1)').argParser((v) => parseAmplitude(v)),
    )
    .addOption(
      new Option('--seed <s>', `seed of every random choice (default: ${DEFAULT_SEED})`).argParser((v) => parseSeed(v)),
    )
    .addOption(
      new Option('--runs <k>', `random instances for property checks (default: ${DEFAULT_RUNS})`).argParser((v) =>
        parseIntIn(v, '--runs', 0, 1_000_000),
      ),
    )
    .option('--json', 'print JSON instead of text');
}

/**
 * Builds the program; actions record their exit status in `status`.
 */
function buildProgram(outer: Io, status: { code: number }): Command {
  // --quiet is known once commander has parsed the command line: the actions write through this Io, which asks.
  const quiet = { on: false };
  const io: Io = {
    out: (t) => outer.out(t),
    err: (t) => outer.err(t),
    note: (t) => {
      if (!quiet.on) outer.note(t);
    },
    get isTTY() {
      return outer.isTTY && !quiet.on;
    },
    columns: outer.columns,
  };
  const program = new Command();
  program
    .name('verify')
    .description('Exact verifier for the mathematics of step-function autoencoders')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(oneLineError(s)),
    })
    .showSuggestionAfterError(true)
    .hook('preAction', (_root, action) => {
      quiet.on = Boolean(action.optsWithGlobals().quiet);
    });

  program
    .command('dataset')
    .description('print the n+1 step functions X(n, C) exactly')
    .requiredOption('--n <n>', 'signal dimension n >= 1', (v) => parseDimension(v))
    .addOption(new Option('--C <c>', 'amplitude C > 0').default(Q.ONE, '1').argParser((v) => parseAmplitude(v)))
    .option('--json', 'print JSON')
    .option('--latex', 'print a LaTeX bmatrix')
    .option('--out <file>', 'write the output to FILE instead of stdout', pathArg('--out'))
    .action((o: { n: number; C: Q; json?: boolean; latex?: boolean; out?: string }) => {
      if (o.json && o.latex) throw new UsageError('--json and --latex exclude each other; choose one');
      const path = o.out === undefined ? undefined : checkWritable(o.out, '--out');
      // Half the entries print C: refuse an output that would not fit in memory before building it.
      const chars = ((o.n + 1) * o.n * (o.C.toString().length + 3)) / 2;
      if (chars > MAX_DATASET_CHARS)
        throw new UsageError(
          `dataset --n ${o.n} --C ${o.C.toString().length > 20 ? `(${o.C.toString().length} characters)` : o.C} would print about ${Math.round(chars / 1e6)} MB; accepted: at most ${MAX_DATASET_CHARS / 1e6} MB (a smaller n, or a shorter C)`,
        );
      const X = stepMatrix(o.n, o.C);
      const text = o.json
        ? toJson({ n: o.n, C: o.C, X: matStrings(X) })
        : o.latex
          ? latexMatrix(X) + '\n'
          : `X(n = ${o.n}, C = ${o.C}): ${o.n + 1} step functions as rows, the last is the zero signal\n` +
            textMatrix(X);
      writeOutput(io, text, path, o.json ? 'JSON' : o.latex ? 'LaTeX' : 'text', o.out);
    });

  program
    .command('list')
    .description('list the registered claims')
    .option('--json', 'print JSON')
    .action((o: { json?: boolean }) => {
      if (o.json)
        io.out(toJson(CLAIMS.map((c) => ({ id: c.id, slide: c.slide, gist: c.gist, statement: c.statement }))));
      else
        io.out(
          textTable(
            ['claim', 'the deck says'],
            CLAIMS.map((c) => [c.id, c.gist]),
            { width: io.columns },
          ),
        );
    });

  addConstructCommands(program, io, status);
  addSearchCommands(program, io, status);
  addTrainCommand(program, io, status);
  addSlurmCommand(program, io);
  addInspectCommand(program, io, status);

  const all = addClaimOptions(
    program.command('all').description('check every registered claim and print a verdict table'),
  );
  // Each claim's own options, once per key, passed to the claims that take them (e.g. --epochs, --seeds).
  const claimsTaking = (key: string) => optionClaims(CLAIMS, key);
  const added = new Set<string>();
  for (const claim of CLAIMS)
    for (const opt of claim.options) {
      if (added.has(opt.key)) continue;
      added.add(opt.key);
      const option = new Option(opt.flags, `${opt.description} ${claimsTaking(opt.key)}`).argParser((v, prev) =>
        opt.parse(v, prev),
      );
      all.addOption(opt.repeatable ? repeatable(option) : option);
    }
  all.action((o: ClaimCliOptions) => {
    // Each claim checks up to min(--n-max, its own limit); the table shows the range checked.
    const cap = (claim: Claim, n?: number) => (n === undefined ? undefined : Math.min(n, claim.maxNMax));
    const options = CLAIMS.map((claim) =>
      resolveClaimOptions(claim, { ...claimArgs(claim, o), n: cap(claim, o.n), nMax: cap(claim, o.nMax) }),
    );
    // The training claims run the deck's 2 500 000 epochs: say what is running on a terminal.
    const line = statusLine(io.err, io.isTTY);
    const results = CLAIMS.map((claim, k) => {
      line.show(`[${k + 1}/${CLAIMS.length}] ${claim.id}`);
      return { claim, verdict: runClaim(claim, options[k] as ReturnType<typeof resolveClaimOptions>) };
    });
    line.clear();
    if (o.json) {
      io.out(
        toJson({
          version: VERSION,
          results: results.map(({ claim, verdict }) => verdictJson(claim, verdict, VERSION)),
        }),
      );
    } else {
      io.out(renderAllText(results, { width: io.columns }));
    }
    status.code = results.some((r) => isNegative(r.verdict.status)) ? 1 : 0;
  });

  for (const claim of CLAIMS) {
    const cmdObj = addClaimOptions(program.command(claim.id).description(`check: ${claim.gist}`), claim.defaultNMax);
    for (const opt of claim.options) {
      const option = new Option(opt.flags, opt.description).argParser((v, prev) => opt.parse(v, prev));
      cmdObj.addOption(opt.repeatable ? repeatable(option) : option);
    }
    cmdObj.action((o: ClaimCliOptions) => {
      const verdict = runClaim(claim, resolveClaimOptions(claim, claimArgs(claim, o)));
      io.out(
        o.json ? renderVerdictJson(claim, verdict, VERSION) : renderVerdictText(claim, verdict, { width: io.columns }),
      );
      status.code = isNegative(verdict.status) ? 1 : 0;
    });
  }
  addQuiet(program);
  return program;
}

/** `-q, --quiet` on every command that runs (the leaves) and on the program itself. */
function addQuiet(cmd: Command): void {
  cmd.option('-q, --quiet', 'no progress lines and no notes on stderr (results and errors still print)');
  for (const sub of cmd.commands) {
    if (sub.commands.length > 0) {
      for (const leaf of sub.commands) addQuiet(leaf);
    } else addQuiet(sub);
  }
}

/**
 * The `[claims]` note of an option of `verify all`: the claims that take
 * it, with each one's default when they differ (the training claims' runs).
 */
export function optionClaims(claims: readonly Claim[], key: string): string {
  const taking = claims.flatMap((c) => c.options.filter((o) => o.key === key).map((o) => ({ id: c.id, d: o.default })));
  const shown = (d: unknown) => (d === undefined ? 'none' : Array.isArray(d) ? d.join(',') || 'none' : String(d));
  const defaults = new Set(taking.map((t) => shown(t.d)));
  if (defaults.size <= 1) return `[${taking.map((t) => t.id).join(', ')}]`;
  return `[${taking.map((t) => `${t.id}: ${shown(t.d)}`).join('; ')}]`;
}

/**
 * A commander error on one line, as stepae's own are: `verify: ` and the
 * message, with commander's suggestion ("(Did you mean --n-max?)") after it.
 */
export function oneLineError(text: string): string {
  const joined = text
    .trim()
    .replace(/^error: /, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ')
    .replace(/\(Did you mean (.*)\?\)$/, '(did you mean $1?)');
  return `verify: ${printable(joined)}\n`;
}

/** A message as one printable line: control bytes (from a binary file, say) escaped as \\xNN. */
function printable(msg: string): string {
  // eslint-disable-next-line no-control-regex -- matching control bytes is the point
  return msg.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Runs the CLI on user arguments (without `node verify`); returns the exit status. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const status = { code: 0 };
  try {
    const program = buildProgram(io, status);
    rejectRepeats(program, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return status.code;
  } catch (e) {
    // Help and version exit 0; every commander parse error is a usage error.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof StepaeError) {
      const msg = printable(e.message);
      io.err(e.exitCode === 2 ? `verify: ${msg}\n` : `verify: internal error (${e.code}): ${msg}\n`);
      return e.exitCode;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`verify: internal error: ${printable(msg.split('\n')[0] ?? '')}\n`);
    return 3;
  }
}
