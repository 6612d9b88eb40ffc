import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SHIPPED_SCRIPT_OPTIONS, slurmScript } from '../../src/cluster/slurm-script.js';
import { run } from '../helpers/cli.js';

const SLURM_VARS = ['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_MAX'];
const KUBE_VARS = ['JOB_COMPLETION_INDEX'];

function setEnv(vars: Record<string, string>): void {
  for (const [k, v] of Object.entries(vars)) process.env[k] = v;
}

afterEach(() => {
  for (const k of [...SLURM_VARS, ...KUBE_VARS]) delete process.env[k];
});

describe('verify search conjecture --shard auto', () => {
  it('when run as task 2 of a Slurm array 1-3 then it computes shard 1/3, as --shard 1/3 does', async () => {
    setEnv({
      SLURM_ARRAY_TASK_ID: '2',
      SLURM_ARRAY_TASK_COUNT: '3',
      SLURM_ARRAY_TASK_MIN: '1',
      SLURM_ARRAY_TASK_MAX: '3',
    });
    const auto = await run('search', 'conjecture', '--n', '3', '--shard', 'auto', '--json', '--workers', '1');
    const explicit = await run('search', 'conjecture', '--n', '3', '--shard', '1/3', '--json', '--workers', '1');
    expect(auto.code).toBe(0);
    const a = JSON.parse(auto.out) as { argv: string[]; counts: unknown; shard: unknown };
    const b = JSON.parse(explicit.out) as { argv: string[]; counts: unknown; shard: unknown };
    expect(a.shard).toEqual({ index: 1, count: 3 });
    expect(a.counts).toEqual(b.counts);
    // The replay names the resolved shard, so it replays outside the array too.
    expect(a.argv).toEqual(b.argv);
  });

  it('when run as a Kubernetes Indexed Job pod then --shard-count gives the count', async () => {
    setEnv({ JOB_COMPLETION_INDEX: '0' });
    const r = await run('search', 'conjecture', '--n', '2', '--shard', 'auto', '--shard-count', '2', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { shard: unknown }).shard).toEqual({ index: 0, count: 2 });
  });

  it.each([
    [[] as string[], {}, /SLURM_ARRAY_TASK_ID|JOB_COMPLETION_INDEX/],
    [['--shard-count', '2'], {}, /JOB_COMPLETION_INDEX/],
    [[], { JOB_COMPLETION_INDEX: '0' }, /--shard-count/],
    [
      [],
      { SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '2' },
      /./,
    ],
  ])('when the environment is %j %j then exit 2 with the reason', async (extra, env, message) => {
    setEnv(env as Record<string, string>);
    const r = await run('search', 'conjecture', '--n', '2', '--shard', 'auto', ...extra);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('when --shard-count is given without --shard auto then exit 2', async () => {
    const r = await run('search', 'conjecture', '--n', '2', '--shard', '0/2', '--shard-count', '2');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--shard-count goes with --shard auto/);
  });
});

describe('verify slurm-script', () => {
  it('when given the shipped options then it prints scripts/slurm/search.sbatch', async () => {
    const r = await run('slurm-script', '--time', SHIPPED_SCRIPT_OPTIONS.time ?? '');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync('scripts/slurm/search.sbatch', 'utf8'));
  });

  it('when given options then it prints the library script for them, whose header replays the command', async () => {
    const args = ['--n', '6', '--array-size', '8', '--cpus-per-task', '2', '--out-dir', 'out6', '--time', '2:00:00'];
    const r = await run('slurm-script', ...args);
    expect(r.out).toBe(
      slurmScript({
        n: 6,
        grid: 2,
        zeroSignal: 'drop',
        codes: 'linear',
        arraySize: 8,
        cpusPerTask: 2,
        outDir: 'out6',
        time: '2:00:00',
        grace: 300,
        verify: 'npx --no-install verify',
      }),
    );
    expect(r.out).toContain('# Printed by: npx verify slurm-script --n 6 --grid 2');
  });

  it.each([
    [['--time', '1'], /--time: 1 leaves no time to compute/],
    [['--out-dir', 'a b'], /--out-dir/],
    [['--array-size', '0'], /--array-size/],
  ])('%j exits 2', async (args, message) => {
    const r = await run('slurm-script', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
