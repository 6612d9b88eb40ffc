/** `verify slurm-script`: prints a ready Slurm job-array script for one exhaustive search. */
import { type Command, Option } from 'commander';
import { DEFAULT_GRACE, DEFAULT_VERIFY, type SlurmScriptOptions, slurmScript } from '../cluster/slurm-script.js';
import { parseIntIn } from '../options.js';
import type { Io } from './io.js';

/** The script's options, with the defaults commander fills in. */
type SlurmCliOptions = SlurmScriptOptions & Required<Pick<SlurmScriptOptions, 'grace' | 'verify'>>;

/** Registers `slurm-script`. */
export function addSlurmCommand(program: Command, io: Io): void {
  program
    .command('slurm-script')
    .description('print a Slurm job-array script for `verify search conjecture` (shards, checkpoints, requeue, merge)')
    .addOption(new Option('--n <n>', 'signal dimension').default(8).argParser((v) => parseIntIn(v, '--n', 1, 12)))
    .addOption(
      new Option('--grid <g>', 'interior knots per gap').default(2).argParser((v) => parseIntIn(v, '--grid', 0, 50)),
    )
    .addOption(
      new Option('--zero-signal <mode>', 'keep or drop the zero signal').choices(['keep', 'drop']).default('drop'),
    )
    .addOption(new Option('--codes <spec>', 'linear, or a JSON file readable on the compute nodes').default('linear'))
    .addOption(
      new Option('--array-size <k>', 'array tasks = shards')
        .default(16)
        .argParser((v) => parseIntIn(v, '--array-size', 1, 10_000)),
    )
    .addOption(
      new Option('--cpus-per-task <c>', "CPUs per task, verify's --workers")
        .default(4)
        .argParser((v) => parseIntIn(v, '--cpus-per-task', 1, 256)),
    )
    .option('--time <limit>', 'Slurm time limit per task, e.g. 4:00:00 (default: the partition’s)')
    .addOption(new Option('--out-dir <dir>', 'shards, checkpoints, logs and the merged result').default('results'))
    .addOption(
      new Option('--grace <s>', 'seconds before the time limit at which a task checkpoints and requeues itself')
        .default(DEFAULT_GRACE)
        .argParser((v) => parseIntIn(v, '--grace', 10, 86_400)),
    )
    .option('--partition <name>', '#SBATCH --partition')
    .option('--account <name>', '#SBATCH --account')
    .addOption(new Option('--verify <command>', 'the command that runs stepae on the nodes').default(DEFAULT_VERIFY))
    .action((o: SlurmCliOptions) => {
      io.out(slurmScript(o));
    });
}
