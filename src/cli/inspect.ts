/** `verify inspect FILE`: a trained network checked exactly against the deck's theory. */
import { type Command, Option } from 'commander';
import { inspectNetwork } from '../inspect/inspect.js';
import type { Q } from '../kernel/rational.js';
import { parseAmplitude } from '../options.js';
import { replayOf, replayText } from '../replay.js';
import { toJson } from '../render/format.js';
import { renderInspectionText } from '../render/inspect.js';
import { parseKeys, readNetwork, WEIGHTS_FORMATS } from '../weights/index.js';
import { pathArg } from './args.js';
import type { Io } from './io.js';

interface InspectOptions {
  C?: Q;
  format?: string;
  keys?: string;
  json?: boolean;
}

/** Registers `inspect`. Exit 0 when the network reconstructs X exactly, 1 when not. */
export function addInspectCommand(program: Command, io: Io, status: { code: number }): void {
  program
    .command('inspect')
    .description('check a trained network (.pt, .pth, .safetensors, stepae JSON) exactly against the deck')
    .argument('<file>', 'the weights file', pathArg('inspect'))
    .addOption(
      new Option('--C <c>', 'amplitude C > 0 of the step functions (default 1)').argParser((v) => parseAmplitude(v)),
    )
    .addOption(
      new Option('--format <name>', 'the file format (default: from the extension)').choices([...WEIGHTS_FORMATS]),
    )
    .option(
      '--keys <map>',
      "tensor names, e.g. W1=enc.weight,b1=enc.bias,W2=dec.0.weight,... (default: the Sequential's 0, 1, 3)",
    )
    .option('--json', 'print JSON (rationals as strings)')
    .action((file: string, o: InspectOptions) => {
      const keys = o.keys === undefined ? undefined : parseKeys(o.keys);
      const net = readNetwork(file, { format: o.format, keys, what: 'inspect' });
      const C = o.C ?? parseAmplitude('1');
      const r = inspectNetwork(net, C);
      const replay = replayOf(
        ['inspect'],
        [
          ['--C', o.C],
          ['--format', o.format],
          ['--keys', o.keys],
          ['--json', o.json],
        ],
        [file],
      );
      io.out(
        o.json
          ? toJson({
              command: replayText(replay),
              argv: replay.argv,
              file,
              format: net.format,
              metadata: net.metadata,
              ...r,
            })
          : renderInspectionText(r, `${file} (${net.format ?? 'json'})`, replayText(replay), io.columns),
      );
      status.code = r.exact ? 0 : 1;
    });
}
