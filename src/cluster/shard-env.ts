/**
 * `--shard auto`: which shard this process computes, read from the
 * environment a job array gives each of its tasks, so that one script serves
 * every task. Two schedulers are understood:
 *
 * - Slurm job arrays (`sbatch --array=...`): SLURM_ARRAY_TASK_ID, with
 *   SLURM_ARRAY_TASK_MIN, _MAX, _STEP and _COUNT. Slurm numbers tasks as the
 *   user wrote them (`--array=1-4`, `--array=0-6:2`), so the shard index is
 *   the task's position in the range, (ID - MIN) / STEP, and the shard count
 *   is the number of tasks. An array that is not an evenly spaced range
 *   (`--array=0,2,5`) has no such position: Slurm 22.05 then still reports
 *   STEP=1 with COUNT=3 over MIN=0..MAX=5, which is how it is detected
 *   (COUNT differs from (MAX - MIN) / STEP + 1) and refused.
 * - Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX (0..completions-1). The
 *   Job's completion count is not in the pod's environment, so it must be
 *   given (`--shard-count N`).
 *
 * A missing or inconsistent environment is a UsageError naming the
 * variables and their values: a task must never guess its shard, since two
 * tasks computing the same shard and none computing another would only be
 * caught at the merge.
 */
import { UsageError } from '../errors.js';

/** The environment, as `process.env` (only the variables named above are read). */
export type Env = Readonly<Record<string, string | undefined>>;

/** This task's shard (index in 0..count-1), and a one-line account of where it came from. */
export interface EnvShard {
  shard: { index: number; count: number };
  /** e.g. "Slurm array task 3 of 1-4 (shard 2/4)", for the log. */
  source: string;
}

/** A non-negative decimal integer from the environment, or undefined when unset. */
function envInt(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(Number(s))) {
    throw new UsageError(`--shard auto: ${name}='${raw}' is not a non-negative integer`);
  }
  return Number(s);
}

function fromSlurm(env: Env, id: number, shardCount: number | undefined): EnvShard {
  const min = envInt(env, 'SLURM_ARRAY_TASK_MIN');
  const max = envInt(env, 'SLURM_ARRAY_TASK_MAX');
  const step = envInt(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
  const reported = envInt(env, 'SLURM_ARRAY_TASK_COUNT');
  if (step === 0) throw new UsageError('--shard auto: SLURM_ARRAY_TASK_STEP=0 is not a valid array step');
  if (max !== undefined && min === undefined) {
    throw new UsageError('--shard auto: SLURM_ARRAY_TASK_MAX is set but SLURM_ARRAY_TASK_MIN is not');
  }
  const first = min ?? 0;
  let count: number | undefined;
  if (max !== undefined) {
    if (max < first) {
      throw new UsageError(`--shard auto: SLURM_ARRAY_TASK_MAX=${max} is below SLURM_ARRAY_TASK_MIN=${first}`);
    }
    if ((max - first) % step !== 0) {
      throw new UsageError(
        `--shard auto: the Slurm array ${first}-${max}:${step} does not end on its step; submit with --array=0-N-1`,
      );
    }
    count = (max - first) / step + 1;
    if (reported !== undefined && reported !== count) {
      throw new UsageError(
        `--shard auto: the Slurm array has ${reported} tasks between ${first} and ${max} (step ${step}), so it is not an evenly spaced range and task ${id} has no shard index; submit with --array=0-${reported - 1}`,
      );
    }
  } else {
    count = reported;
  }
  if (count === undefined) count = shardCount;
  if (count === undefined) {
    throw new UsageError(
      `--shard auto: SLURM_ARRAY_TASK_ID=${id} but neither SLURM_ARRAY_TASK_COUNT nor SLURM_ARRAY_TASK_MIN/MAX is set; give --shard-count N`,
    );
  }
  if (shardCount !== undefined && shardCount !== count) {
    throw new UsageError(`--shard-count ${shardCount} disagrees with the Slurm array, which has ${count} tasks`);
  }
  if (id < first || (id - first) % step !== 0) {
    throw new UsageError(
      `--shard auto: SLURM_ARRAY_TASK_ID=${id} is not in the array ${first}, ${first + step}, ... (SLURM_ARRAY_TASK_MIN=${first}, step ${step})`,
    );
  }
  const index = (id - first) / step;
  if (index >= count) {
    throw new UsageError(
      `--shard auto: SLURM_ARRAY_TASK_ID=${id} is past the last of the array's ${count} tasks (from ${first}, step ${step})`,
    );
  }
  const range =
    step === 1 ? `${first}-${first + (count - 1) * step}` : `${first}-${first + (count - 1) * step}:${step}`;
  return { shard: { index, count }, source: `Slurm array task ${id} of ${range} (shard ${index}/${count})` };
}

function fromKubernetes(env: Env, shardCount: number | undefined): EnvShard {
  const index = envInt(env, 'JOB_COMPLETION_INDEX') as number;
  if (shardCount === undefined) {
    throw new UsageError(
      `--shard auto: JOB_COMPLETION_INDEX=${index} (a Kubernetes Indexed Job) needs --shard-count N, the Job's spec.completions`,
    );
  }
  if (index >= shardCount) {
    throw new UsageError(
      `--shard auto: JOB_COMPLETION_INDEX=${index} is not below --shard-count ${shardCount}; accepted: the Job's spec.completions`,
    );
  }
  return {
    shard: { index, count: shardCount },
    source: `Kubernetes completion index ${index} of ${shardCount} (shard ${index}/${shardCount})`,
  };
}

/**
 * Resolves `--shard auto` from a job array's environment.
 *
 * @param env - the environment (`process.env`); nothing else is read.
 * @param shardCount - `--shard-count N`: required for a Kubernetes Indexed
 *   Job, optional for Slurm (where it must then equal the array's size).
 * @returns this task's shard, and where it came from.
 * @throws UsageError when no array index is set (not inside a job array),
 *   when both a Slurm and a Kubernetes index are set, when a variable is not
 *   an integer, when the Slurm array is not an evenly spaced range, when the
 *   index is outside the array, or when `shardCount` is not a positive
 *   integer or disagrees with the array.
 */
export function shardFromEnv(env: Env, shardCount?: number): EnvShard {
  if (shardCount !== undefined && !(Number.isSafeInteger(shardCount) && shardCount >= 1)) {
    throw new UsageError(`--shard-count: ${shardCount} is not a positive integer`);
  }
  const slurm = envInt(env, 'SLURM_ARRAY_TASK_ID');
  const k8s = env.JOB_COMPLETION_INDEX === undefined ? undefined : envInt(env, 'JOB_COMPLETION_INDEX');
  if (slurm !== undefined && k8s !== undefined) {
    throw new UsageError(
      `--shard auto: both SLURM_ARRAY_TASK_ID=${slurm} and JOB_COMPLETION_INDEX=${k8s} are set; give --shard i/N`,
    );
  }
  if (slurm !== undefined) return fromSlurm(env, slurm, shardCount);
  if (k8s !== undefined) return fromKubernetes(env, shardCount);
  if (env.SLURM_JOB_ID !== undefined) {
    throw new UsageError(
      `--shard auto: Slurm job ${env.SLURM_JOB_ID} is not a job array (SLURM_ARRAY_TASK_ID is not set); submit with sbatch --array=0-N-1, or give --shard i/N`,
    );
  }
  throw new UsageError(
    '--shard auto: no job array index in the environment (SLURM_ARRAY_TASK_ID for a Slurm array, JOB_COMPLETION_INDEX for a Kubernetes Indexed Job); give --shard i/N outside a job array',
  );
}
