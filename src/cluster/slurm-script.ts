/**
 * `verify slurm-script`: a ready Slurm batch script for one exhaustive
 * search, run as a job array (one shard per task) plus a merge job.
 *
 * The script has two modes, chosen by its environment:
 * - run by bash on a login node (`bash search.sbatch`), it creates the
 *   output directory, submits itself as the array and then the merge job
 *   with `--dependency=afterok:<array>`, and prints both job ids;
 * - run by Slurm as array task i, it computes shard i into
 *   `<out>/shard-i.json`, checkpointing into `<out>/checkpoint-i.json` and
 *   resuming from that file when it exists. So a task that Slurm requeues
 *   (`--requeue`: node failure, preemption, `scontrol requeue`) continues
 *   where its last checkpoint left it, and resubmitting the whole script
 *   after a failure redoes only what is missing (a finished task resumes
 *   from its complete checkpoint at once).
 *
 * Time limits: Slurm sends USR1 to the batch shell `grace` seconds before
 * the limit (`--signal=B:USR1@grace`); the script forwards it to verify as
 * SIGINT, which verify already handles (the units in flight finish, the
 * checkpoint is written, exit status 130), and then requeues its own task,
 * which starts again with a fresh time limit and resumes. The warning goes
 * to the shell alone, and the script decides what verify receives, because
 * what Slurm sends at the limit itself (SIGTERM, like scancel and a requeue
 * of a running job) reaches every process of the job at once, and verify
 * (today) stops cleanly on SIGINT only.
 *
 * The merge job is submitted by the script (or by hand, as its header
 * says); it runs `verify merge <out>/shard-*.json`, relying on merge to
 * refuse a missing, duplicate or foreign shard rather than on the glob.
 */
import { UsageError } from '../errors.js';
import { type Replay, replayOf, replayText } from '../replay.js';

/** What to search and how to lay it out on the cluster. */
export interface SlurmScriptOptions {
  /** Signal dimension, as `--n` (1..12). */
  n: number;
  /** Interior knots per gap, as `--grid` (0..50). */
  grid: number;
  /** As `--zero-signal`. */
  zeroSignal: 'keep' | 'drop';
  /** As `--codes`: `linear` or the path of a JSON file of rationals (readable from the compute nodes). */
  codes: string;
  /** Number of array tasks = shards (1..10000; Slurm's MaxArraySize may be lower). */
  arraySize: number;
  /** CPUs per task (1..256), which become verify's `--workers`. */
  cpusPerTask: number;
  /** Slurm time limit per task (`MM`, `HH:MM:SS`, `D-HH`, ...); omitted: the partition's default. */
  time?: string;
  /** Directory of shards, checkpoints, logs and the merged result, relative to the submit directory or absolute. */
  outDir: string;
  /**
   * The command that runs stepae, split on whitespace (quotes are not
   * interpreted); default `npx --no-install verify`: without --no-install,
   * npx run outside a directory where stepae is installed would download
   * whatever npm package is named `verify`.
   */
  verify?: string;
  /** `#SBATCH --partition`. */
  partition?: string;
  /** `#SBATCH --account`. */
  account?: string;
  /** Seconds before the time limit at which a task checkpoints and requeues itself (default 300). */
  grace?: number;
}

/** Default command that runs stepae in the submit directory. */
export const DEFAULT_VERIFY = 'npx --no-install verify';

/** Default seconds between the USR1 warning and the time limit. */
export const DEFAULT_GRACE = 300;

/**
 * The common case shipped as scripts/slurm/search.sbatch: n = 8 (3.9e9
 * configurations, about 45 thread-minutes at 1.5M configurations/s) as 16
 * tasks of 4 CPUs. `sbatch` options on the command line and extra arguments
 * after the script name override it (`sbatch --array=0-63 search.sbatch --n 9`).
 */
export const SHIPPED_SCRIPT_OPTIONS: Readonly<SlurmScriptOptions> = {
  n: 8,
  grid: 2,
  zeroSignal: 'drop',
  codes: 'linear',
  arraySize: 16,
  cpusPerTask: 4,
  time: '1:00:00',
  outDir: 'results',
};

/**
 * How each task names its shard: `--shard auto` reads it from Slurm's array
 * variables (also for arrays such as --array=1-4 given on the command line).
 */
const SHARD_ARG = 'auto';

/** A path safe in `#SBATCH` lines (which are not shell) and in a glob: no spaces, quotes or `%` patterns. */
const SAFE_PATH = /^[A-Za-z0-9._/+-]+$/;

/** Slurm's time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
const TIME =
  /^(?:(\d+)|(\d+):(\d{1,2})|(\d+):(\d{1,2}):(\d{1,2})|(\d+)-(\d+)|(\d+)-(\d+):(\d{1,2})|(\d+)-(\d+):(\d{1,2}):(\d{1,2}))$/;

/** Seconds in a Slurm time limit, or undefined when it is not one. */
export function slurmTimeSeconds(text: string): number | undefined {
  const m = TIME.exec(text.trim());
  if (!m) return undefined;
  const g = (k: number) => Number(m[k] ?? 0);
  if (m[1] !== undefined) return g(1) * 60;
  if (m[2] !== undefined) return g(2) * 60 + g(3);
  if (m[4] !== undefined) return g(4) * 3600 + g(5) * 60 + g(6);
  if (m[7] !== undefined) return g(7) * 86400 + g(8) * 3600;
  if (m[9] !== undefined) return g(9) * 86400 + g(10) * 3600 + g(11) * 60;
  return g(12) * 86400 + g(13) * 3600 + g(14) * 60 + g(15);
}

/** Single-quotes a word for bash. */
function shq(word: string): string {
  return /^[A-Za-z0-9._/+:=@-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function intIn(v: number, what: string, min: number, max: number): void {
  if (!Number.isSafeInteger(v) || v < min || v > max) {
    throw new UsageError(`${what}: ${v} is out of range; accepted: an integer from ${min} to ${max}`);
  }
}

/** @throws UsageError on the first invalid option, naming it and what is accepted. */
export function checkSlurmScriptOptions(o: SlurmScriptOptions): void {
  intIn(o.n, '--n', 1, 12);
  intIn(o.grid, '--grid', 0, 50);
  if (o.zeroSignal !== 'keep' && o.zeroSignal !== 'drop') {
    throw new UsageError(`--zero-signal: '${String(o.zeroSignal)}'; accepted: keep, drop`);
  }
  if (o.codes !== 'linear' && !SAFE_PATH.test(o.codes)) {
    throw new UsageError(
      `--codes: '${o.codes}'; accepted: linear, or a file path of letters, digits and . _ - + / (it is read on the compute nodes)`,
    );
  }
  intIn(o.arraySize, '--array-size', 1, 10_000);
  intIn(o.cpusPerTask, '--cpus-per-task', 1, 256);
  const grace = o.grace ?? DEFAULT_GRACE;
  intIn(grace, '--grace', 10, 86_400);
  if (o.time !== undefined) {
    const secs = slurmTimeSeconds(o.time);
    if (secs === undefined) {
      throw new UsageError(
        `--time: '${o.time}' is not a Slurm time limit; accepted: MM, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS, e.g. 4:00:00`,
      );
    }
    // Slurm may send the warning up to 60 s early: each run then still computes for a minute or more.
    if (secs < grace + 120) {
      throw new UsageError(
        `--time: ${o.time} leaves no time to compute: tasks checkpoint ${grace} s before the limit (--grace), which Slurm may signal up to 60 s early; accepted: at least ${grace + 120} s`,
      );
    }
  }
  if (!SAFE_PATH.test(o.outDir)) {
    throw new UsageError(
      `--out-dir: '${o.outDir}'; accepted: a directory path of letters, digits and . _ - + / (it goes into #SBATCH lines and a glob)`,
    );
  }
  const verify = o.verify ?? DEFAULT_VERIFY;
  if (verify.trim() === '' || /[\p{Cc}]/u.test(verify)) {
    throw new UsageError('--verify: accepted: a one-line command that runs stepae, e.g. "npx --no-install verify"');
  }
  for (const [what, v] of [
    ['--partition', o.partition],
    ['--account', o.account],
  ] as const) {
    if (v !== undefined && !/^[A-Za-z0-9_.,-]+$/.test(v)) {
      throw new UsageError(`${what}: '${v}'; accepted: a Slurm name of letters, digits and _ . , -`);
    }
  }
}

/** The `verify slurm-script` command that prints this script (recorded in its header). */
export function slurmScriptReplay(o: SlurmScriptOptions): Replay {
  return replayOf(
    ['slurm-script'],
    [
      ['--n', o.n],
      ['--grid', o.grid],
      ['--zero-signal', o.zeroSignal],
      ['--codes', o.codes],
      ['--array-size', o.arraySize],
      ['--cpus-per-task', o.cpusPerTask],
      ['--time', o.time],
      ['--out-dir', o.outDir],
      ['--grace', o.grace === DEFAULT_GRACE ? undefined : o.grace],
      ['--partition', o.partition],
      ['--account', o.account],
      ['--verify', o.verify === DEFAULT_VERIFY ? undefined : o.verify],
    ],
  );
}

/** The same command as a shell line. */
export function slurmScriptCommand(o: SlurmScriptOptions): string {
  return replayText(slurmScriptReplay(o));
}

/** The merge command, as the script's header and the merge job run it. */
export function mergeCommand(o: Pick<SlurmScriptOptions, 'outDir' | 'verify'>): string {
  return `${o.verify ?? DEFAULT_VERIFY} merge ${o.outDir}/shard-*.json --out ${o.outDir}/merged.json`;
}

/**
 * The batch script for a search as a job array plus its merge job.
 *
 * @returns the script text (bash): `bash it` submits the array and the
 *   merge; `sbatch it` submits the array alone.
 * @throws UsageError when an option is invalid (see checkSlurmScriptOptions).
 */
export function slurmScript(o: SlurmScriptOptions): string {
  checkSlurmScriptOptions(o);
  const grace = o.grace ?? DEFAULT_GRACE;
  const verifyWords = (o.verify ?? DEFAULT_VERIFY).trim().split(/\s+/);
  const out = o.outDir;
  const last = o.arraySize - 1;
  const sbatch = [
    '#SBATCH --job-name=stepae-search',
    `#SBATCH --array=0-${last}`,
    `#SBATCH --cpus-per-task=${o.cpusPerTask}`,
    ...(o.time !== undefined ? [`#SBATCH --time=${o.time}`] : []),
    ...(o.partition !== undefined ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.account !== undefined ? [`#SBATCH --account=${o.account}`] : []),
    '#SBATCH --requeue',
    `#SBATCH --signal=B:USR1@${grace}`,
    '#SBATCH --open-mode=append',
    `#SBATCH --output=${out}/slurm-%A_%a.log`,
  ];
  // The script's own search options, each unless the extra arguments give it: verify refuses an
  // option given twice, so extra arguments replace these instead of repeating them.
  const defaults: [string, string][] = [
    ['--n', String(o.n)],
    ['--grid', String(o.grid)],
    ['--zero-signal', o.zeroSignal],
    ['--codes', shq(o.codes)],
    ['--workers', `"\${SLURM_CPUS_PER_TASK:-${o.cpusPerTask}}"`],
  ];
  return `#!/bin/bash
# stepae: the exhaustive search of the full-rank conjecture's readings as a
# Slurm job array of ${o.arraySize} shards, then their merge.
# Printed by: ${slurmScriptCommand(o)}
#
# Save it as search.sbatch; then, from the directory where stepae is installed,
# submit the array and the merge with:
#   bash search.sbatch
# or by hand:
#   mkdir -p ${out}
#   jid=$(sbatch --parsable search.sbatch)
#   sbatch --dependency=afterok:${'$'}jid --kill-on-invalid-dep=yes --output=${out}/merge.log --wrap '${mergeCommand(o)}'
# The merged report is then in ${out}/merge.log, the merged result in ${out}/merged.json.
#
# Task i writes ${out}/shard-i.json and checkpoints into ${out}/checkpoint-i.json,
# from which it resumes whenever it starts again: when Slurm requeues it, or
# when the script is submitted again after a failure. ${grace} s before the time
# limit the task checkpoints and requeues itself. Extra arguments go to
# 'verify search conjecture' (e.g. bash search.sbatch --grid 3); STEPAE_VERIFY
# replaces the command that runs stepae (default: ${DEFAULT_VERIFY}).
${sbatch.join('\n')}
set -u
out=${out}
if [ -n "\${STEPAE_VERIFY:-}" ]; then read -r -a verify <<<"$STEPAE_VERIFY"; else verify=(${verifyWords.map(shq).join(' ')}); fi

if [ -z "\${SLURM_ARRAY_TASK_ID:-}" ]; then
  if [ -n "\${SLURM_JOB_ID:-}" ]; then
    echo "stepae: this script runs as a job array (sbatch --array=0-${last}); SLURM_ARRAY_TASK_ID is not set" >&2
    exit 2
  fi
  mkdir -p "$out" || exit 2
  jid=$(sbatch --parsable "$0" "$@") || exit 1
  jid=\${jid%%;*}
  merge="$(printf '%q ' "\${verify[@]}")merge $out/shard-*.json --out $out/merged.json"
  mid=$(sbatch --parsable --job-name=stepae-merge --dependency=afterok:"$jid" --kill-on-invalid-dep=yes \\
    --output="$out/merge.log" --wrap "$merge") || exit 1
  echo "stepae: array job $jid (${o.arraySize} tasks), merge job \${mid%%;*}; report in $out/merge.log, result in $out/merged.json"
  exit 0
fi

id=$SLURM_ARRAY_TASK_ID
shard=$out/shard-$id.json
ck=$out/checkpoint-$id.json
if [ -f "$ck" ]; then
  state=(--resume "$ck")
  echo "stepae: task $id, start $((\${SLURM_RESTART_COUNT:-0} + 1)) on $(hostname): resuming from $ck"
else
  state=(--checkpoint "$ck")
  echo "stepae: task $id, start $((\${SLURM_RESTART_COUNT:-0} + 1)) on $(hostname)"
fi
requeue=0
pid=
# The search options, each unless the extra arguments give it (verify refuses an option given twice).
given() { local a; for a in "\${extra[@]}"; do case "$a" in "$1" | "$1"=*) return 0 ;; esac; done; return 1; }
extra=("$@")
search=()
${defaults.map(([f, v]) => `given ${f} || search+=(${f} ${v})`).join('\n')}
# Slurm's time-limit warning (--signal=B:USR1): verify stops cleanly on SIGINT.
trap 'requeue=1; [ -n "$pid" ] && kill -INT "$pid" 2>/dev/null' USR1
"\${verify[@]}" search conjecture "\${search[@]}" --force \\
  --shard ${SHARD_ARG} "\${state[@]}" --out "$shard" "\${extra[@]}" &
pid=$!
while :; do
  wait "$pid"
  rc=$?
  kill -0 "$pid" 2>/dev/null || break
done
echo "stepae: task $id: verify exited with status $rc"
if [ "$requeue" = 1 ] && [ "$rc" = 130 ]; then
  echo "stepae: task $id: checkpoint written to $ck; requeueing"
  scontrol requeue "\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}" && exit 0
  echo "stepae: task $id: scontrol requeue failed; submit the script again to resume from the checkpoints" >&2
fi
exit "$rc"
`;
}
