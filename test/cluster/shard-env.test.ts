import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardFromEnv, type Env } from '../../src/cluster/shard-env.js';
import { UsageError } from '../../src/errors.js';
import { fcParams } from '../helpers/seed.js';

/**
 * The variables Slurm sets in an array task, as printed by the tasks of real
 * `sbatch --array=SPEC` jobs on slurm-wlm 22.05.8 (the single-node cluster of
 * test/helpers/slurm.ts, `env | grep SLURM_ARRAY`).
 */
function slurm(id: number, count: number, min: number, max: number, step = 1): Env {
  return {
    SLURM_JOB_ID: '100',
    SLURM_ARRAY_JOB_ID: '99',
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_COUNT: String(count),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_STEP: String(step),
  };
}

describe('shardFromEnv: Slurm arrays as Slurm 22.05 reports them', () => {
  it.each([
    // [--array spec, env of one task, expected shard]
    ['0-3, task 0', slurm(0, 4, 0, 3), [0, 4]],
    ['0-3, task 2', slurm(2, 4, 0, 3), [2, 4]],
    ['0-3%1, task 3 (the % limit changes nothing)', slurm(3, 4, 0, 3), [3, 4]],
    ['1-4, task 1', slurm(1, 4, 1, 4), [0, 4]],
    ['1-4, task 4', slurm(4, 4, 1, 4), [3, 4]],
    ['0-6:2, task 4', slurm(4, 4, 0, 6, 2), [2, 4]],
    ['3-9:2, task 9', slurm(9, 4, 3, 9, 2), [3, 4]],
    ['0-7:3, task 6 (MAX is the last task, 6)', slurm(6, 3, 0, 6, 3), [2, 3]],
    ['2,0,1 (reported as 0-2), task 1', slurm(1, 3, 0, 2), [1, 3]],
    ['5 (a single task)', slurm(5, 1, 5, 5), [0, 1]],
  ] as const)('--array=%s', (_spec, env, [index, count]) => {
    expect(shardFromEnv(env).shard).toEqual({ index, count });
  });

  it('names its source for the log', () => {
    expect(shardFromEnv(slurm(4, 4, 1, 4)).source).toBe('Slurm array task 4 of 1-4 (shard 3/4)');
    expect(shardFromEnv(slurm(4, 4, 0, 6, 2)).source).toBe('Slurm array task 4 of 0-6:2 (shard 2/4)');
  });

  it.each([
    ['COUNT alone (0-based)', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }, undefined, [2, 4]],
    [
      'MIN and MAX alone',
      { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '4' },
      undefined,
      [2, 4],
    ],
    ['ID alone with --shard-count', { SLURM_ARRAY_TASK_ID: '1' }, 3, [1, 3]],
    ['ID and MIN with --shard-count', { SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_MIN: '5' }, 3, [1, 3]],
    ['--shard-count equal to the array', slurm(2, 4, 0, 3), 4, [2, 4]],
    ['padded values', { SLURM_ARRAY_TASK_ID: ' 1 ', SLURM_ARRAY_TASK_COUNT: '2\n' }, undefined, [1, 2]],
  ] as const)('partial environments: %s', (_what, env, count, [index, n]) => {
    expect(shardFromEnv(env, count).shard).toEqual({ index, count: n });
  });
});

describe('shardFromEnv: Kubernetes Indexed Jobs', () => {
  it('JOB_COMPLETION_INDEX with --shard-count', () => {
    const r = shardFromEnv({ JOB_COMPLETION_INDEX: '3' }, 8);
    expect(r.shard).toEqual({ index: 3, count: 8 });
    expect(r.source).toBe('Kubernetes completion index 3 of 8 (shard 3/8)');
  });
});

describe('shardFromEnv refuses what cannot map to shards 0..N-1 (UsageError, exit 2)', () => {
  it.each([
    ['no array at all', {}, undefined, /no job array index in the environment/],
    ['a Slurm job that is not an array', { SLURM_JOB_ID: '12' }, undefined, /job 12 is not a job array/],
    ['--array=0,2,5, task 2 (Slurm reports STEP=1)', slurm(2, 3, 0, 5), undefined, /not an evenly spaced range/],
    ['--array=1,3,5, task 3 (Slurm reports STEP=1)', slurm(3, 3, 1, 5), undefined, /not an evenly spaced range/],
    ['--array=0-1,5-6, task 5', slurm(5, 4, 0, 6), undefined, /not an evenly spaced range/],
    ['a non-integer id', { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '2' }, undefined, /'x' is not/],
    ['an empty id', { SLURM_ARRAY_TASK_ID: '', SLURM_ARRAY_TASK_COUNT: '2' }, undefined, /is not a non-negative/],
    ['a negative id', { SLURM_ARRAY_TASK_ID: '-1', SLURM_ARRAY_TASK_COUNT: '2' }, undefined, /is not a non-negative/],
    ['step 0', slurm(0, 1, 0, 0, 0), undefined, /STEP=0/],
    ['MAX below MIN', slurm(3, 1, 3, 2), undefined, /below SLURM_ARRAY_TASK_MIN/],
    ['MAX without MIN', { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_MAX: '3' }, undefined, /MIN is not/],
    [
      'MAX off the step',
      { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '5', SLURM_ARRAY_TASK_STEP: '2' },
      undefined,
      /does not end on its step/,
    ],
    ['an id past MAX', slurm(5, 4, 0, 3), undefined, /past the last/],
    [
      'an id past COUNT (COUNT alone)',
      { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4' },
      undefined,
      /past the last/,
    ],
    ['an id below MIN', slurm(0, 4, 1, 4), undefined, /is not in the array/],
    ['an id off the step', slurm(3, 4, 0, 6, 2), undefined, /is not in the array/],
    ['an id without any count', { SLURM_ARRAY_TASK_ID: '1' }, undefined, /give --shard-count/],
    ['--shard-count against the array', slurm(1, 4, 0, 3), 8, /--shard-count 8 disagrees .* 4 tasks/],
    ['Kubernetes without --shard-count', { JOB_COMPLETION_INDEX: '0' }, undefined, /needs --shard-count/],
    ['Kubernetes index past --shard-count', { JOB_COMPLETION_INDEX: '4' }, 4, /not below --shard-count 4/],
    ['Kubernetes index not an integer', { JOB_COMPLETION_INDEX: '1.5' }, 4, /'1.5' is not/],
    ['Slurm and Kubernetes both', { ...slurm(0, 2, 0, 1), JOB_COMPLETION_INDEX: '1' }, 2, /both/],
    ['--shard-count 0', slurm(0, 2, 0, 1), 0, /--shard-count: 0 is not a positive integer/],
    ['--shard-count 1.5', slurm(0, 2, 0, 1), 1.5, /--shard-count: 1.5/],
  ] as const)('%s', (_what, env, count, message) => {
    expect(() => shardFromEnv(env, count)).toThrow(UsageError);
    expect(() => shardFromEnv(env, count)).toThrow(message);
  });
});

describe('shardFromEnv properties', () => {
  it('the tasks of any range --array=MIN-MAX:STEP map one-to-one onto 0..COUNT-1', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 40 }), (min, step, count) => {
        const max = min + (count - 1) * step;
        const ids = Array.from({ length: count }, (_, k) => min + k * step);
        const got = ids.map((id) => shardFromEnv(slurm(id, count, min, max, step)).shard);
        expect(got.map((s) => s.count)).toEqual(ids.map(() => count));
        expect(got.map((s) => s.index)).toEqual(ids.map((_, k) => k));
      }),
      fcParams(),
    );
  });

  it('a list of ids (reported as Slurm does, STEP=1) is accepted exactly when it is contiguous', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(30), { minLength: 1, maxLength: 10 }), (raw) => {
        const ids = [...raw].sort((a, b) => a - b);
        const min = ids[0] as number;
        const max = ids[ids.length - 1] as number;
        const contiguous = max - min + 1 === ids.length;
        for (const id of ids) {
          const env = slurm(id, ids.length, min, max);
          if (contiguous) expect(shardFromEnv(env).shard).toEqual({ index: id - min, count: ids.length });
          else expect(() => shardFromEnv(env)).toThrow(UsageError);
        }
      }),
      fcParams(),
    );
  });
});
