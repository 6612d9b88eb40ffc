/**
 * The generated Slurm script without Slurm: its text, its validation, the
 * shipped copy, and its two modes run by bash with stub `sbatch` and
 * `scontrol` commands (the real cluster is test/cluster/slurm.test.ts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mergeCommand,
  SHIPPED_SCRIPT_OPTIONS,
  slurmScript,
  slurmScriptCommand,
  type SlurmScriptOptions,
  slurmTimeSeconds,
} from '../../src/cluster/slurm-script.js';
import { UsageError } from '../../src/errors.js';
import { BIN } from '../helpers/cli.js';
import { cpuSecondsOf } from '../helpers/slurm.js';

const BASE: SlurmScriptOptions = {
  n: 5,
  grid: 2,
  zeroSignal: 'drop',
  codes: 'linear',
  arraySize: 4,
  cpusPerTask: 1,
  time: '1:00:00',
  outDir: 'results',
};

/**
 * stdin for bash: not the socketpair node gives a piped stdin, with which
 * bash reads ~/.bashrc as if started by sshd (seconds, on this machine).
 */
const NO_STDIN: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];

/** The command that runs the compiled binary, as a script's STEPAE_VERIFY. */
const VERIFY = `${process.execPath} ${resolve(BIN)}`;

describe('slurmScript', () => {
  it('scripts/slurm/search.sbatch is the generator output for the shipped options', () => {
    const shipped = readFileSync('scripts/slurm/search.sbatch', 'utf8');
    expect(
      shipped,
      'regenerate it: npm run build && node dist/scripts/slurm/generate.js (or the command in its header)',
    ).toBe(slurmScript(SHIPPED_SCRIPT_OPTIONS));
  });

  it.each([
    ['the shipped options', SHIPPED_SCRIPT_OPTIONS],
    [
      'every option',
      {
        ...BASE,
        partition: 'short',
        account: 'ia311',
        grace: 60,
        codes: 'codes/c-1.json',
        verify: "node '/opt/step ae/main.js'",
      },
    ],
    ['no time limit', { ...BASE, time: undefined }],
  ])('is valid bash (%s)', (_what, o) => {
    const file = join(mkdtempSync(join(tmpdir(), 'stepae-sbatch-')), 'search.sbatch');
    writeFileSync(file, slurmScript(o));
    const r = spawnSync('bash', ['-n', file], { encoding: 'utf8', stdio: NO_STDIN });
    expect(r.status, r.stderr).toBe(0);
  });

  it('puts each option where Slurm and verify read it', () => {
    const s = slurmScript({ ...BASE, arraySize: 8, cpusPerTask: 3, partition: 'short', account: 'ia311', grace: 90 });
    const sbatch = s.split('\n').filter((l) => l.startsWith('#SBATCH'));
    expect(sbatch).toEqual([
      '#SBATCH --job-name=stepae-search',
      '#SBATCH --array=0-7',
      '#SBATCH --cpus-per-task=3',
      '#SBATCH --time=1:00:00',
      '#SBATCH --partition=short',
      '#SBATCH --account=ia311',
      '#SBATCH --requeue',
      '#SBATCH --signal=B:USR1@90',
      '#SBATCH --open-mode=append',
      '#SBATCH --output=results/slurm-%A_%a.log',
    ]);
    for (const line of [
      'given --n || search+=(--n 5)',
      'given --grid || search+=(--grid 2)',
      'given --zero-signal || search+=(--zero-signal drop)',
      'given --codes || search+=(--codes linear)',
      'given --workers || search+=(--workers "${SLURM_CPUS_PER_TASK:-3}")',
      'search conjecture "${search[@]}" --force',
    ])
      expect(s).toContain(line);
    expect(s).toContain('--out "$shard"');
    expect(s).toContain('shard=$out/shard-$id.json');
    expect(s).toContain('ck=$out/checkpoint-$id.json');
    expect(s).toContain(
      '# Printed by: npx verify slurm-script --n 5 --grid 2 --zero-signal drop --codes linear --array-size 8 --cpus-per-task 3 --time 1:00:00 --out-dir results --grace 90 --partition short --account ia311',
    );
  });

  it.each([["node '/opt/x y/main.js'"], ['node /opt/$HOME/main.js'], ['npx --no-install verify'], ['a"b c\\d `e`']])(
    'keeps the words of --verify %j literal in bash',
    (verify) => {
      const line = slurmScript({ ...BASE, verify })
        .split('\n')
        .find((l) => l.startsWith('if [ -n "${STEPAE_VERIFY'));
      const r = spawnSync('bash', ['-c', `${line}\nprintf '%s\\n' "\${verify[@]}"`], {
        encoding: 'utf8',
        env: {},
        stdio: NO_STDIN,
      });
      expect(r.stdout.trimEnd().split('\n')).toEqual(verify.trim().split(/\s+/));
    },
  );

  it('records the command that prints it, quoted', () => {
    expect(slurmScriptCommand({ ...BASE, verify: 'node /a b' })).toContain("--verify 'node /a b'");
    expect(slurmScriptCommand({ ...BASE, time: undefined })).not.toContain('--time');
  });

  it('the merge command globs the shards of the output directory', () => {
    expect(mergeCommand({ outDir: 'results' })).toBe(
      'npx --no-install verify merge results/shard-*.json --out results/merged.json',
    );
  });

  it.each([
    // Slurm's time formats (sbatch(1), --time)
    ['30', 1800],
    ['45:30', 2730],
    ['1:00:00', 3600],
    ['2-0', 172_800],
    ['1-2:30', 95_400],
    ['1-00:00:01', 86_401],
    ['1:2:3:4', undefined],
    ['1h', undefined],
    ['', undefined],
  ])('slurmTimeSeconds(%j) = %j', (text, secs) => {
    expect(slurmTimeSeconds(text)).toBe(secs);
  });

  it.each([
    [{ n: 0 }, /--n: 0 is out of range/],
    [{ n: 13 }, /--n: 13 is out of range/],
    [{ grid: -1 }, /--grid/],
    [{ zeroSignal: 'maybe' }, /--zero-signal: 'maybe'; accepted: keep, drop/],
    [{ codes: 'my codes.json' }, /--codes: 'my codes.json'/],
    [{ arraySize: 0 }, /--array-size: 0/],
    [{ arraySize: 10_001 }, /--array-size/],
    [{ arraySize: 2.5 }, /--array-size: 2.5/],
    [{ cpusPerTask: 0 }, /--cpus-per-task/],
    [{ time: '1h' }, /--time: '1h' is not a Slurm time limit/],
    [{ time: '5:00' }, /--time: 5:00 leaves no time to compute.*at least 420 s/],
    [{ time: '10', grace: 500 }, /at least 620 s/],
    [{ grace: 5 }, /--grace: 5/],
    [{ outDir: 'my results' }, /--out-dir: 'my results'/],
    [{ outDir: 'res%j' }, /--out-dir/],
    [{ outDir: '' }, /--out-dir/],
    [{ verify: '' }, /--verify/],
    [{ verify: 'node\nrm' }, /--verify/],
    [{ partition: 'a b' }, /--partition: 'a b'/],
    [{ account: 'x;y' }, /--account/],
  ] as const)('refuses %j', (bad, message) => {
    const o = { ...BASE, ...bad } as SlurmScriptOptions;
    expect(() => slurmScript(o)).toThrow(UsageError);
    expect(() => slurmScript(o)).toThrow(message);
  });
});

/** A directory with stub `sbatch` and `scontrol` that log their arguments (one call per line). */
function stubs(dir: string): { path: string; calls: (name: string) => string[] } {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const replies: [string, string][] = [
    ['sbatch', 'echo $((40 + $(wc -l < "$STUB_LOG_DIR/sbatch.calls")))'],
    ['scontrol', 'true'],
  ];
  for (const [name, reply] of replies) {
    const f = join(bin, name);
    writeFileSync(f, `#!/bin/bash\nprintf '%s\\n' "$*" >> "$STUB_LOG_DIR/${name}.calls"\n${reply}\n`);
    chmodSync(f, 0o755);
    writeFileSync(join(dir, `${name}.calls`), '');
  }
  return {
    path: `${bin}:${process.env.PATH ?? ''}`,
    calls: (name) =>
      readFileSync(join(dir, `${name}.calls`), 'utf8')
        .split('\n')
        .filter(Boolean),
  };
}

describe('the script run by bash, with stub sbatch and scontrol', () => {
  it('outside Slurm: submits itself as the array, then the merge with afterok', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-sbatch-'));
    const { path, calls } = stubs(dir);
    const script = join(dir, 'search.sbatch');
    writeFileSync(script, slurmScript({ ...BASE, outDir: join(dir, 'results') }));
    const r = spawnSync('bash', [script, '--grid', '3'], {
      encoding: 'utf8',
      stdio: NO_STDIN,
      env: { PATH: path, STUB_LOG_DIR: dir, STEPAE_VERIFY: 'node /x/main.js' },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/array job 41 \(4 tasks\), merge job 42/);
    expect(existsSync(join(dir, 'results'))).toBe(true);
    const out = join(dir, 'results');
    expect(calls('sbatch')).toEqual([
      `--parsable ${script} --grid 3`,
      `--parsable --job-name=stepae-merge --dependency=afterok:41 --kill-on-invalid-dep=yes --output=${out}/merge.log --wrap node /x/main.js merge ${out}/shard-*.json --out ${out}/merged.json`,
    ]);
  });

  it('inside a Slurm job that is not an array: exits 2 without submitting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-sbatch-'));
    const { path, calls } = stubs(dir);
    const r = spawnSync('bash', ['-c', slurmScript(BASE)], {
      encoding: 'utf8',
      stdio: NO_STDIN,
      env: { PATH: path, STUB_LOG_DIR: dir, SLURM_JOB_ID: '7' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/runs as a job array/);
    expect(calls('sbatch')).toEqual([]);
  });

  it('as an array task with extra arguments: each option reaches verify once (extra ones replace the defaults)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-args-'));
    const { path } = stubs(dir);
    const out = join(dir, 'results');
    mkdirSync(out);
    // A stub verify that prints its arguments, one per line.
    const echo = join(dir, 'bin', 'echo-args');
    writeFileSync(echo, '#!/bin/bash\nprintf \'%s\\n\' "$@"\n');
    chmodSync(echo, 0o755);
    const env = {
      PATH: path,
      STEPAE_VERIFY: echo,
      SLURM_JOB_ID: '9',
      SLURM_ARRAY_JOB_ID: '8',
      SLURM_ARRAY_TASK_ID: '0',
    };
    const r = spawnSync(
      'bash',
      ['-c', slurmScript({ ...BASE, outDir: out }), 'search.sbatch', '--grid', '3', '--n=4'],
      {
        encoding: 'utf8',
        stdio: NO_STDIN,
        env,
      },
    );
    const args = r.stdout.split('\n');
    const count = (flag: string) => args.filter((a) => a === flag || a.startsWith(`${flag}=`)).length;
    for (const flag of ['--n', '--grid', '--zero-signal', '--codes', '--workers', '--shard', '--out'])
      expect(count(flag), flag).toBe(1);
    expect(args).toEqual(expect.arrayContaining(['--grid', '3', '--n=4', '--shard', 'auto']));
  });

  it('as array task 1 of 2: USR1 checkpoints and requeues the task, the next start resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepae-task-'));
    const { path, calls } = stubs(dir);
    const out = join(dir, 'results');
    mkdirSync(out);
    const script = join(dir, 'search.sbatch');
    writeFileSync(script, slurmScript({ ...BASE, n: 6, arraySize: 2, outDir: out }));
    const env = {
      PATH: path,
      STUB_LOG_DIR: dir,
      STEPAE_VERIFY: VERIFY,
      SLURM_JOB_ID: '9',
      SLURM_ARRAY_JOB_ID: '8',
      SLURM_ARRAY_TASK_ID: '1',
      SLURM_ARRAY_TASK_COUNT: '2',
      SLURM_CPUS_PER_TASK: '1',
    };
    // First start: interrupted by USR1 (what Slurm sends `grace` s before the time limit).
    const first = spawn('bash', [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    first.stdout.on('data', (b: Buffer) => (log += b.toString()));
    first.stderr.on('data', (b: Buffer) => (log += b.toString()));
    // Midway: once verify has used 1 s of CPU (about 0.3 s to start node; the shard takes about 3.5 s).
    while ((cpuSecondsOf(`${out}/checkpoint-1.json`) ?? 0) < 1) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGUSR1');
    const status = await new Promise((r) => first.on('close', r));
    expect(status, log).toBe(0);
    expect(log).toMatch(/interrupted: \d+ configurations done/);
    expect(log).toContain('stepae: task 1: verify exited with status 130');
    expect(calls('scontrol')).toEqual(['requeue 8_1']);
    const ck = JSON.parse(readFileSync(join(out, 'checkpoint-1.json'), 'utf8')) as {
      complete: boolean;
      doneUnits: number[];
      shard: { index: number; count: number };
    };
    expect(ck.complete).toBe(false);
    expect(ck.shard).toEqual({ index: 1, count: 2 });
    expect(ck.doneUnits.length).toBeGreaterThan(0);
    expect(existsSync(join(out, 'shard-1.json'))).toBe(false);

    // Second start (Slurm restarts the requeued task): resumes and finishes.
    const second = spawnSync('bash', [script], {
      env: { ...env, SLURM_RESTART_COUNT: '1' },
      encoding: 'utf8',
      stdio: NO_STDIN,
    });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`stepae: task 1, start 2 on`);
    expect(second.stdout).toContain(`resuming from ${out}/checkpoint-1.json`);
    const shard = JSON.parse(readFileSync(join(out, 'shard-1.json'), 'utf8')) as {
      complete: boolean;
      doneUnits: number[];
    };
    expect(shard.complete).toBe(true);
    expect(shard.doneUnits).toEqual(expect.arrayContaining(ck.doneUnits));
    expect(calls('scontrol')).toEqual(['requeue 8_1']);

    // Submitted again after it finished: resumes from the complete checkpoint, recomputes nothing.
    const third = spawnSync('bash', [script], { env, encoding: 'utf8', stdio: NO_STDIN });
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toContain(`resuming from ${out}/checkpoint-1.json`);
    expect(JSON.parse(readFileSync(join(out, 'shard-1.json'), 'utf8'))).toEqual(shard);
  });
});
