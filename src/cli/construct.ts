/**
 * `verify construct` and `verify latex`: exact handcrafted solutions, their
 * families (--scale), and LaTeX output. `--json` and `--latex` choose what
 * is printed, `--out FILE` sends it to a file; `construct --latex FILE` (the
 * spelling before 0.2) still writes the LaTeX beside the report, with a
 * deprecation note.
 */
import { type Command, Option } from 'commander';
import {
  buildDecoder,
  type Construction,
  formOne,
  isFormOne,
  linearEncoder,
  randomEncoder,
  randomFormOne,
  verifyConstruction,
} from '../construct/decoder.js';
import { scaleSolution } from '../construct/families.js';
import { UsageError } from '../errors.js';
import { det, equals, type Mat, submatrix } from '../kernel/matrix.js';
import { Q } from '../kernel/rational.js';
import { forward } from '../model/network.js';
import { stepMatrix } from '../model/steps.js';
import { matStrings, textMatrix, toJson } from '../render/format.js';
import {
  latexConstruction,
  latexDocument,
  latexFragment,
  latexRange,
  latexRangeTable,
  type RangeRow,
} from '../render/latex.js';
import { DEFAULT_SEED, Rng } from '../random.js';
import { type Replay, replayOf, replayText } from '../replay.js';
import {
  encodeNetwork,
  formatFromPath,
  networkFromExact,
  type RoundingChange,
  WEIGHTS_FORMATS,
} from '../weights/index.js';
import { formatFlag, pathArg } from './args.js';
import type { Io } from './io.js';
import { writeOutput } from './output.js';
import { parseAmplitude, parseDimension, parseIntIn, parseRational, parseRationalJson, parseSeed } from '../options.js';
import { checkWritable, parseJson, readInputText, writeAtomic } from '../files.js';

interface ConstructOptions {
  n: number;
  C: Q;
  encoder: 'linear' | 'random';
  seed: number;
  u3: string;
  n2?: number;
  scale?: string;
  json?: boolean;
  /** true: print LaTeX; a path: the deprecated `--latex FILE`. */
  latex?: boolean | string;
  out?: string;
  fragment?: boolean;
  save?: string;
  format?: string;
}

/** Reads a U3 of form (1) from a JSON file: a matrix of rationals, (n+1) x n or n x n (zero row appended). */
function readU3(path: string, n: number, C: Q): Mat {
  let raw: unknown;
  const text = readInputText(path, '--u3');
  try {
    raw = parseJson(text);
  } catch (e) {
    throw new UsageError(
      `--u3: cannot read ${path} as JSON (${(e as Error).message.split('\n')[0]}); accepted: default, random, or a JSON file holding a matrix`,
    );
  }
  const rows = (raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { U3?: unknown }).U3 : raw) as unknown;
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r) && r.length === n)) {
    throw new UsageError(
      `--u3: ${path} must hold an (n+1) x n or n x n matrix with n = ${n} (a JSON array of rows, or {"U3": rows})`,
    );
  }
  const U: Mat = (rows as unknown[][]).map((r, i) =>
    r.map((x, j) => parseRationalJson(x, `--u3 entry (${i + 1}, ${j + 1})`)),
  );
  if (U.length === n) U.push(Array.from({ length: n }, () => Q.ZERO));
  if (U.length !== n + 1) throw new UsageError(`--u3: ${path} has ${U.length} rows; accepted: ${n} or ${n + 1}`);
  if (!isFormOne(U, C)) {
    const bad = U.flatMap((r, i) => r.map((u, j) => ({ i, j, u }))).find(({ i, j, u }) =>
      j >= i ? !u.equals(C) : u.sign() > 0,
    );
    throw new UsageError(
      `--u3: not of form (1) at (${(bad?.i ?? 0) + 1}, ${(bad?.j ?? 0) + 1}) = ${bad?.u}; accepted: C = ${C} on and above the diagonal, <= 0 below`,
    );
  }
  return U;
}

/**
 * The largest n `construct` accepts. The exact solve and the exact forward
 * pass that verifies it are cubic in n with growing rationals: n = 200 takes
 * about 5 s on the project's 2-core machine, n = 300 about 20 s.
 */
export const CONSTRUCT_MAX_N = 300;

/** Refuses a construction that would run for minutes, with an estimate. @throws UsageError */
function checkSize(n: number): void {
  if (n <= CONSTRUCT_MAX_N) return;
  const seconds = 5 * (n / 200) ** 3;
  const estimate = seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
  throw new UsageError(
    `--n ${n}: an exact construction of this size takes about ${estimate} (cubic in n); accepted: n <= ${CONSTRUCT_MAX_N}`,
  );
}

function parseScale(text: string, n2: number): Q[] {
  const d = text.split(',').map((s, k) => parseRational(s, `--scale entry ${k + 1}`));
  if (d.length !== n2)
    throw new UsageError(
      `--scale: ${d.length} entries given, layer 2 has ${n2} neurons; accepted: ${n2} comma-separated nonzero rationals`,
    );
  const z = d.findIndex((x) => x.isZero());
  if (z >= 0)
    throw new UsageError(
      `--scale: entry ${z + 1} is 0, so W3 D^-1 is undefined; accepted: nonzero rationals (positive for the lemma)`,
    );
  return d;
}

/** Builds the construction the options describe. @throws UsageError when it cannot exist, with the reason. */
function construct(o: ConstructOptions, n: number, U3opt?: Mat): Construction {
  const rng = new Rng(o.seed);
  const encoder = o.encoder === 'linear' ? linearEncoder(n, o.C) : randomEncoder(n, rng);
  const U3 = U3opt ?? (o.u3 === 'random' ? randomFormOne(n, o.C, rng) : formOne(n, o.C));
  const r = buildDecoder({ n, C: o.C, encoder, U3, n2: o.n2 });
  if (!r.ok) throw new UsageError(`no solution exists: ${r.reason}`, 'E_NO_SOLUTION');
  return r.construction;
}

/** The replay of `construct` (or `latex`, with its first n). */
function constructReplay(o: ConstructOptions, latexFrom?: number): Replay {
  return replayOf(
    [latexFrom === undefined ? 'construct' : 'latex'],
    [
      ['--n', o.n],
      ['--n-min', latexFrom],
      ['--C', o.C],
      ['--encoder', o.encoder],
      ['--seed', o.seed],
      ['--u3', o.u3],
      ['--n2', o.n2],
      ['--scale', o.scale],
      ['--save', latexFrom === undefined ? o.save : undefined],
      ['--format', latexFrom === undefined ? o.format : undefined],
    ],
  );
}

function rangeRows(o: ConstructOptions, from: number, to: number): RangeRow[] {
  const rows: RangeRow[] = [];
  for (let n = from; n <= to; n++) {
    const c = construct({ ...o, u3: o.u3 === 'random' ? 'random' : 'default' }, n);
    const idx = Array.from({ length: n }, (_, i) => i);
    rows.push({
      n,
      codes: c.codes,
      knots: c.weights.W2.map((w, j) => ((w[0] as Q).isZero() ? Q.ZERO : (c.weights.b2[j] as Q).neg().div(w[0] as Q))),
      detA2: det(submatrix(c.A2, idx, idx.slice(0, Math.min(n, c.n2)))),
      zeroSignal: verifyConstruction(c).zeroSignal,
    });
  }
  return rows;
}

function constructOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--n <n>', 'signal dimension n >= 1', (v) => parseDimension(v))
    .addOption(new Option('--C <c>', 'amplitude C > 0').default(Q.ONE, '1').argParser((v) => parseAmplitude(v)))
    .addOption(
      new Option('--encoder <kind>', 'linear (z = i) or random (seeded W1, b1)')
        .choices(['linear', 'random'])
        .default('linear'),
    )
    .addOption(new Option('--seed <s>', 'seed of random choices').default(DEFAULT_SEED).argParser((v) => parseSeed(v)))
    .addOption(
      new Option('--u3 <spec>', 'target U3 of form (1): default (= X), random, or a JSON file').default('default'),
    )
    .addOption(new Option('--n2 <m>', 'layer-2 width m >= n').argParser((v) => parseIntIn(v, '--n2', 1, 4096)));
}

/** Registers `construct` and `latex` on the program. */
export function addConstructCommands(program: Command, io: Io, status: { code: number }): void {
  constructOptions(program.command('construct').description('build an exact two-layer solution, verify Y = X exactly'))
    .option('--scale <D>', 'apply the lemma-scaling map with D = diag(d1,...,dm), e.g. 1,2,1/3')
    .option('--json', 'print JSON (weights in nn.Linear shapes, rationals as strings)')
    .option(
      '--latex [file]',
      'print a LaTeX document instead of the report (--latex FILE: deprecated, use --latex --out FILE)',
      pathArg('--latex'),
    )
    .option('--fragment', 'with --latex: a fragment to paste (its first line names the packages it needs)')
    .option('--out <file>', 'write the output to FILE instead of stdout', pathArg('--out'))
    .option(
      '--save <file>',
      'write the weights: .pt (torch.load into the Sequential), .safetensors (float32, b3 = 0 explicit), or .json (exact rationals)',
      pathArg('--save'),
    )
    .addOption(
      new Option('--format <name>', 'the --save format (default: from the extension)').choices([...WEIGHTS_FORMATS]),
    )
    .action((o: ConstructOptions) => {
      checkSize(o.n);
      if (o.format !== undefined && o.save === undefined) throw new UsageError('--format goes with --save FILE');
      // The spelling before 0.2: --latex FILE wrote the LaTeX there and printed the report.
      const latex = formatFlag(o.latex, '--latex', 'use --latex --out FILE (the LaTeX instead of the report)');
      const legacyLatex = latex.legacyPath;
      if (o.fragment && !o.latex) throw new UsageError('--fragment needs --latex');
      if (o.json && latex.on) throw new UsageError('--json and --latex exclude each other; choose one');
      if (legacyLatex !== undefined && o.out !== undefined)
        throw new UsageError('--latex FILE and --out FILE exclude each other; use --latex --out FILE');
      if (o.n2 !== undefined && o.n2 < o.n) {
        throw new UsageError(`--n2 ${o.n2} < n = ${o.n}: no decoder exists (rank U3 <= n2 < n); accepted: n2 >= n`);
      }
      const latexPath = legacyLatex !== undefined ? checkWritable(legacyLatex, '--latex') : undefined;
      const outPath = o.out !== undefined ? checkWritable(o.out, '--out') : undefined;
      const savePath = o.save ? checkWritable(o.save, '--save') : undefined;
      const saveFormat = savePath ? formatFromPath(savePath, o.format, '--save') : undefined;
      const U3 = o.u3 !== 'default' && o.u3 !== 'random' ? readU3(o.u3, o.n, o.C) : undefined;
      const D = o.scale !== undefined ? parseScale(o.scale, o.n2 ?? o.n) : undefined;
      if (latex.deprecation) io.note(latex.deprecation);
      let c = construct(o, o.n, U3);
      const replay = constructReplay(o);
      const cmd = replayText(replay);
      let scaled: { D: Q[]; verified: boolean } | undefined;
      if (D) {
        const weights = scaleSolution(c.weights, D);
        const X = stepMatrix(o.n, o.C);
        const out = forward(weights, X);
        const ok = c.zeroSignal.reconstructed ? equals(out.Y, X) : equals(out.Y.slice(0, o.n), X.slice(0, o.n));
        scaled = { D, verified: ok };
        c = { ...c, weights, A2: out.A2, U3: out.U3 };
        if (!ok) status.code = 1;
      }
      const verified = verifyConstruction(c);
      const encoder = o.encoder === 'linear' ? 'linear' : `random (seed ${o.seed})`;
      const latexText = () => {
        const body = latexConstruction(c, cmd, verified, encoder);
        return o.fragment
          ? latexFragment(body)
          : latexDocument(body, `Exact step-function autoencoder for $n = ${o.n}$`);
      };
      if (latexPath) writeAtomic(latexPath, latexText());
      const w = c.weights;
      // Weights for PyTorch: float32 (.pt, .safetensors) or exact (JSON); every entry float32 changes is reported.
      let rounding: RoundingChange[] = [];
      if (savePath && saveFormat) {
        const { net, changed } = networkFromExact(w, { round: saveFormat !== 'json' });
        rounding = changed;
        writeAtomic(
          savePath,
          encodeNetwork(net, saveFormat, {
            n: c.n,
            n2: c.n2,
            C: c.C.toString(),
            encoder: o.encoder,
            seed: o.seed,
            b3: false,
          }),
        );
      }
      if (latex.on) {
        writeOutput(io, latexText(), outPath, 'LaTeX', o.out);
        return;
      }
      if (o.json) {
        writeOutput(
          io,
          toJson({
            n: c.n,
            n2: c.n2,
            C: c.C,
            encoder: o.encoder,
            seed: o.seed,
            command: cmd,
            argv: replay.argv,
            W1: matStrings(w.W1),
            b1: w.b1,
            W2: matStrings(w.W2),
            b2: w.b2,
            W3: matStrings(w.W3),
            codes: c.codes,
            A2: matStrings(c.A2),
            U3: matStrings(c.U3),
            verified,
            zeroSignal: c.zeroSignal,
            ...(scaled ? { scale: scaled } : {}),
            ...(savePath ? { saved: { file: o.save, format: saveFormat, float32Changes: rounding } } : {}),
          }),
          outPath,
          'JSON',
          o.out,
        );
        return;
      }
      let t = `Exact solution: n = ${c.n}, n2 = ${c.n2}, C = ${c.C}, ${o.encoder} encoder (seed ${o.seed}), b3 = 0\n`;
      t += `codes z(1..n+1) = (${c.codes.join(', ')})\n\nW1 (1 x n):\n${textMatrix(w.W1)}b1 = ${w.b1[0]}\n`;
      t += `\nW2 (n2 x 1):\n${textMatrix(w.W2)}b2 = (${w.b2.join(', ')})\n\nW3 (n x n2):\n${textMatrix(w.W3)}`;
      t += `\nA2 = ReLU(z W2^T + b2) ((n+1) x n2):\n${textMatrix(c.A2)}\nU3 = A2 W3^T:\n${textMatrix(c.U3)}`;
      if (scaled)
        t += `\nscaled by D = diag(${scaled.D.join(', ')}): ${scaled.verified ? 'still a solution' : 'NO LONGER a solution'}\n`;
      t += `\nverified exactly: Y = X on signals 1..n: ${verified.signals ? 'yes' : 'NO'}; zero signal: ${verified.zeroSignal ? 'yes' : 'no'} (${c.zeroSignal.reason})\n`;
      if (latexPath) t += `LaTeX written to ${o.latex}\n`;
      if (savePath) {
        t += `weights written to ${o.save} (${saveFormat}${saveFormat === 'json' ? ', exact rationals' : ', float32'}, b3 = 0 explicit)\n`;
        t +=
          rounding.length === 0
            ? '  float32 holds every weight exactly\n'
            : `  float32 changes ${rounding.length} weight${rounding.length === 1 ? '' : 's'}${saveFormat === 'json' ? ' (not in this JSON file; in a .pt or .safetensors one)' : ''}: ${rounding
                .slice(0, 5)
                .map((r) => `${r.tensor}[${r.index}] ${r.exact} -> ${r.rounded}`)
                .join('; ')}${rounding.length > 5 ? '; ...' : ''}\n`;
      }
      t += `reproduce: ${cmd}\n`;
      writeOutput(io, t, outPath, 'report', o.out);
    });

  constructOptions(
    program.command('latex').description('write LaTeX: the exact solution for n and a table over n-min..n'),
  )
    .addOption(
      new Option('--n-min <a>', 'first n of the table').default(1).argParser((v) => parseIntIn(v, '--n-min', 1, 4096)),
    )
    .option('--out <file>', 'write to a file instead of stdout', pathArg('--out'))
    .option('--fragment', 'a fragment instead of a standalone document')
    .action((o: ConstructOptions & { nMin: number; out?: string }) => {
      if (o.nMin > o.n) throw new UsageError(`--n-min ${o.nMin} > --n ${o.n}; accepted: 1 <= n-min <= n`);
      if (o.n > 64) throw new UsageError(`--n ${o.n} is too large for a readable LaTeX table; accepted: n <= 64`);
      const path = o.out ? checkWritable(o.out, '--out') : undefined;
      const U3 = o.u3 !== 'default' && o.u3 !== 'random' ? readU3(o.u3, o.n, o.C) : undefined;
      const c = construct(o, o.n, U3);
      const cmd = replayText(constructReplay(o, o.nMin));
      const encoder = o.encoder === 'linear' ? 'linear' : `random (seed ${o.seed})`;
      const body =
        latexConstruction(c, replayText(constructReplay(o)), verifyConstruction(c), encoder) +
        '\n' +
        latexRangeTable(rangeRows(o, o.nMin, o.n), { encoder, C: o.C }, cmd);
      const text = o.fragment
        ? latexFragment(body)
        : latexDocument(body, `Exact step-function autoencoders for ${latexRange(o.nMin, o.n)}`);
      writeOutput(io, text, path, 'LaTeX', o.out);
    });
}
