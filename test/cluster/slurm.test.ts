/**
 * The search as a Slurm job array on a real single-node cluster
 * (test/helpers/slurm.ts): the shipped script's shards merge to the
 * single-machine result, and so do they when one task is interrupted midway
 * and requeued. Required in CI (.ci/run installs slurm-wlm and munge);
 * skipped with a message elsewhere when Slurm is missing or we are not root.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeCommand, slurmScript } from '../../src/cluster/slurm-script.js';
import { BIN } from '../helpers/cli.js';
import { cpuSecondsOf, slurmAvailable, startSlurm, type SlurmCluster } from '../helpers/slurm.js';

const available = slurmAvailable();
if (!available.ok && process.env.CI) throw new Error(`the Slurm test is required in CI: ${available.reason}`);
if (!available.ok) console.warn(`skipping the Slurm tests: ${available.reason}`);

/** The compiled binary, as the scripts' STEPAE_VERIFY. */
const VERIFY = `${process.execPath} ${resolve(BIN)}`;
const SHIPPED = resolve('scripts/slurm/search.sbatch');

interface Result {
  spec: unknown;
  shard: { index: number; count: number };
  complete: boolean;
  counts: { total: number } & Record<string, unknown>;
}
const readResult = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Result;

/** The same search on this machine, in one process (the reference), asynchronously. */
async function singleRun(dir: string, args: string[]): Promise<Result> {
  const out = join(dir, 'single.json');
  const child = spawn(process.execPath, [BIN, 'search', 'conjecture', ...args, '--workers', '2', '--out', out], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const status = await new Promise((r) => child.on('close', r));
  expect(status, err).toBe(0);
  return readResult(out);
}

const seconds = (t0: number) => ((Date.now() - t0) / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!available.ok)('the search as a Slurm job array on a real single-node cluster', () => {
  let cluster: SlurmCluster;

  beforeAll(async () => {
    cluster = await startSlurm();
    console.log(`slurm: munged, slurmctld and slurmd up, node idle, in ${cluster.startMs} ms (${cluster.dir})`);
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  }, 60_000);

  it('the shipped script, 4 tasks of 1 CPU for n = 5, merges to the single-machine counts and counterexamples', async () => {
    const work = mkdtempSync(join(tmpdir(), 'stepae-slurm-run-'));
    mkdirSync(join(work, 'results'));
    const env = { STEPAE_VERIFY: VERIFY };
    const t0 = Date.now();
    // As the script's header says, by hand: the array (the command line overrides its #SBATCH lines) ...
    const sub = cluster.cmd('sbatch', ['--parsable', '--array=0-3', '--cpus-per-task=1', SHIPPED, '--n', '5'], {
      cwd: work,
      env,
    });
    expect(sub.status, sub.err).toBe(0);
    const jid = sub.out.trim().split(';')[0] as string;
    // ... then the merge, after all of it, waited for with sbatch --wait.
    const merge = await cluster.cmdAsync(
      'sbatch',
      [
        '--wait',
        `--dependency=afterok:${jid}`,
        '--kill-on-invalid-dep=yes',
        '--output=results/merge.log',
        '--wrap',
        mergeCommand({ outDir: 'results', verify: VERIFY }),
      ],
      { cwd: work, env },
    );
    const logs = () => [0, 1, 2, 3].map((i) => tryRead(join(work, 'results', `slurm-${jid}_${i}.log`))).join('\n');
    expect(merge.status, `${merge.err}\n${tryRead(join(work, 'results', 'merge.log'))}\n${logs()}`).toBe(0);
    console.log(`slurm: array job ${jid} (4 tasks) and its merge done in ${seconds(t0)} s (sbatch --wait)`);

    for (const i of [0, 1, 2, 3]) {
      const shard = readResult(join(work, 'results', `shard-${i}.json`));
      expect(shard.shard).toEqual({ index: i, count: 4 });
      expect(shard.complete).toBe(true);
    }
    const merged = readResult(join(work, 'results', 'merged.json'));
    const single = await singleRun(work, ['--n', '5']);
    expect(merged.complete).toBe(true);
    expect(merged.spec).toEqual(single.spec);
    expect(merged.counts).toEqual(single.counts);
    expect(readFileSync(join(work, 'results', 'merge.log'), 'utf8')).toContain(
      `configurations: ${single.counts.total};`,
    );
    console.log(`slurm: merged counts equal the single run's (${single.counts.total} configurations, n = 5)`);
  }, 120_000);

  it('a task interrupted midway and requeued resumes from its checkpoint; the merge is unchanged', async () => {
    const work = mkdtempSync(join(tmpdir(), 'stepae-slurm-requeue-'));
    const out = join(work, 'results');
    const script = join(work, 'search.sbatch');
    writeFileSync(
      script,
      slurmScript({
        n: 6,
        grid: 2,
        zeroSignal: 'drop',
        codes: 'linear',
        arraySize: 2,
        cpusPerTask: 1,
        time: '1:00:00',
        outDir: out,
        verify: VERIFY,
      }),
    );
    const t0 = Date.now();
    // The user's way: bash submits the array and the merge (afterok).
    const sub = cluster.cmd('bash', [script], { cwd: work });
    expect(sub.status, sub.err).toBe(0);
    const m = /array job (\d+) \(2 tasks\), merge job (\d+)/.exec(sub.out);
    expect(m, sub.out).not.toBeNull();
    const [jid, mid] = [m?.[1] as string, m?.[2] as string];
    const log1 = join(out, `slurm-${jid}_1.log`);

    // Interrupt task 1 midway: once its verify has used 1 s of CPU (about 0.3 s to start node, then
    // units; the whole shard takes about 3.5 s of CPU).
    const marker = `${out}/checkpoint-1.json`;
    while ((cpuSecondsOf(marker) ?? 0) < 1) {
      expect(Date.now() - t0, `task 1 did not run within 60 s\n${tryRead(log1)}`).toBeLessThan(60_000);
      await sleep(50);
    }
    // USR1 to the batch shell alone, as Slurm sends it before the time limit (--signal=B:USR1@grace).
    const sig = cluster.cmd('scancel', ['--batch', '--signal=USR1', `${jid}_1`]);
    expect(sig.status, sig.err).toBe(0);
    const tInterrupt = Date.now();
    // The reference run overlaps the requeued task's wait (EligibleTime: cred_expire + 1 s).
    const reference = singleRun(work, ['--n', '6']);

    // Wait for the merge job to leave the queue.
    while (cluster.cmd('squeue', ['-h', '-j', mid]).out.trim() !== '') {
      expect(Date.now() - t0, `the merge did not finish within 100 s\n${tryRead(log1)}`).toBeLessThan(100_000);
      await sleep(500);
    }
    const log = tryRead(log1);
    console.log(
      `slurm: requeue: interrupted after ${((tInterrupt - t0) / 1000).toFixed(1)} s, array ${jid} and merge ${mid} done in ${seconds(t0)} s`,
    );
    const interrupted = /interrupted: (\d+) configurations done/.exec(log);
    expect(interrupted, log).not.toBeNull();
    expect(log).toContain(`stepae: task 1: checkpoint written to ${out}/checkpoint-1.json; requeueing`);
    expect(log).toContain(`stepae: task 1, start 2 on`);
    expect(log).toContain(`resuming from ${out}/checkpoint-1.json`);
    const shard1 = readResult(join(out, 'shard-1.json'));
    const doneBefore = Number(interrupted?.[1]);
    // Midway: some of the shard was done before the interruption, and not all of it.
    expect(doneBefore).toBeGreaterThan(0);
    expect(doneBefore).toBeLessThan(shard1.counts.total);
    console.log(`slurm: task 1 had done ${doneBefore} of its ${shard1.counts.total} configurations when interrupted`);

    expect(existsSync(join(out, 'merged.json')), tryRead(join(out, 'merge.log'))).toBe(true);
    const merged = readResult(join(out, 'merged.json'));
    const single = await reference;
    expect(merged.complete).toBe(true);
    expect(merged.spec).toEqual(single.spec);
    expect(merged.counts).toEqual(single.counts);
    console.log(`slurm: merged counts equal the single run's (${single.counts.total} configurations, n = 6)`);
  }, 150_000);
});

function tryRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
