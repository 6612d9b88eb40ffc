/**
 * A real single-node Slurm cluster for the tests: munged, slurmctld and
 * slurmd (Debian's munge and slurm-wlm packages), all started as root in a
 * temporary directory with a generated slurm.conf, and stopped by pid.
 *
 * Nothing outside the temporary directory is read or written: its own munge
 * key, socket, pid, seed and log files; its own slurm.conf, state, spool,
 * pid and log files; its own ports (free ones, picked at start). Client
 * commands (sbatch, squeue, scontrol, ...) find it through SLURM_CONF in
 * `cluster.env`, and jobs inherit that variable from sbatch.
 *
 * Gotchas met on Debian 12 (slurm-wlm 22.05.8, munge 0.5.15):
 * - munged refuses a socket directory that others cannot traverse ("Socket
 *   is inaccessible: execute permissions for all required"), and mkdtemp
 *   makes 0700 directories: the temporary directory is chmod 0755. The key
 *   must be owned by the user running munged and unreadable by others
 *   (0400); the seed file defaults to /var/lib/munge, so it is moved too.
 * - Slurm finds a non-default munge socket through `AuthInfo=socket=PATH`
 *   in slurm.conf; the auth/munge and cred/munge plugins both read it, so
 *   daemons, client commands and the jobs' scontrol all use it.
 * - Without a slurm.conf (and with SLURM_CONF unset) every client command
 *   tries "configless" DNS SRV lookups and dies with "Could not establish a
 *   configuration source": SLURM_CONF must be in every child's environment.
 *   Inherited SLURM_* variables (a test run inside a Slurm job) are dropped.
 * - A requeued job waits `cred_expire` + 1 s before it may start again
 *   (EligibleTime; squeue shows Reason=BeginTime), 121 s by default:
 *   `AuthInfo=...,cred_expire=5` (the minimum Slurm accepts) brings it to
 *   6 s.
 * - `sbatch --wait` polls the controller after 2 s, then 8 s, then 32 s,
 *   quadrupling while the sleep is below MinJobAge / 2: with the default
 *   MinJobAge=300 a job that ends after 3 s is noticed 10 s after
 *   submission, one that ends after 11 s at 42 s. MinJobAge=4 keeps the
 *   poll at 2 s (finished job records are then purged after 4 s, long
 *   enough for every query the tests make).
 * - Scheduling is event-driven but the backfill and periodic passes are
 *   slow by default (bf_interval 30 s, sched_interval 60 s): a requeued
 *   task that becomes eligible is otherwise started up to 30 s later.
 * - The host name must resolve for slurmctld to reach slurmd; NodeAddr and
 *   SlurmctldHost's address are pinned to 127.0.0.1 so no resolver is
 *   needed, and slurmd is told its node name (-N).
 * - `slurmd -C` prints the machine's node line (CPUs, sockets, cores,
 *   threads, memory) without a config: a node declared with more than it
 *   has would be drained.
 * - slurmd logs "mpi/pmix_v4: can not load PMIx library" at start: harmless
 *   (MpiDefault=none; the plugin is probed anyway).
 * - slurmstepd (one per running job) is a daemon of its own: stopping slurmd
 *   does not stop jobs, so `stop` cancels every job of this cluster first
 *   and waits for the queue to empty. When the test process is killed by a
 *   signal there is no time for that: slurmd dies first and the slurmstepd
 *   processes stay behind, so the exit hook also SIGKILLs every process
 *   whose environment holds this cluster's SLURM_CONF (slurmstepd inherits
 *   it from slurmd, the jobs from sbatch).
 * - Signals: `scancel` and `scontrol requeue` of a running job send SIGCONT
 *   and SIGTERM to every process of the job, then SIGKILL after KillWait
 *   (30 s by default). `scancel --batch --signal=USR1` reaches the batch
 *   shell alone (as `sbatch --signal=B:USR1@T` does before the time limit).
 * - A task that was cancelled (or failed) and is then requeued and succeeds
 *   still leaves a dependent `--dependency=afterok` job pending forever
 *   (Reason=DependencyNeverSatisfied); a task requeued while it runs does not.
 *
 * - Not a Slurm matter but it cost seconds per call: node gives a child a
 *   piped stdin through a socketpair, and bash with a socket on stdin reads
 *   ~/.bashrc as if sshd had started it; client commands (and `bash
 *   script`) get stdin 'ignore'.
 *
 * The daemons run in the foreground (-F, -D) as children of the test
 * process: their pids are known without pid files, and they are stopped in
 * `stop()`, in a process 'exit' hook, and on SIGINT/SIGTERM/SIGHUP, even
 * when a test fails.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const TOOLS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'sinfo', 'scontrol', 'scancel'] as const;
type Tool = (typeof TOOLS)[number];

/** Finds a program on PATH or in the sbin directories (not always on a non-root PATH). */
function which(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  return dirs
    .filter((d) => d.startsWith('/'))
    .map((d) => join(d, name))
    .find((p) => existsSync(p));
}

/** Whether a cluster can start here; when not, why (for the skip message or the CI failure). */
export function slurmAvailable(): { ok: true } | { ok: false; reason: string } {
  const missing = TOOLS.filter((t) => !which(t));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `Slurm or munge is not installed (missing ${missing.join(', ')}; apt-get install slurm-wlm munge)`,
    };
  }
  if (process.getuid?.() !== 0) return { ok: false, reason: 'the test Slurm cluster runs its daemons as root' };
  return { ok: true };
}

/** Where and with what extra environment a client command runs. */
export interface CmdOptions {
  cwd?: string;
  /** Added to the cluster's environment (sbatch passes its environment on to the job). */
  env?: NodeJS.ProcessEnv;
}

/** What a command printed and how it ended. */
export interface CmdResult {
  status: number | null;
  out: string;
  err: string;
}

/** A running cluster. */
export interface SlurmCluster {
  /** The temporary directory holding everything. */
  dir: string;
  /** Environment for client commands: SLURM_CONF set, inherited SLURM_* dropped. */
  env: NodeJS.ProcessEnv;
  /** Milliseconds from the first daemon's start to the node being idle. */
  startMs: number;
  /** Runs a command (a Slurm client, bash, ...) synchronously in the cluster's environment. */
  cmd(tool: string, args: readonly string[], o?: CmdOptions): CmdResult;
  /** The same, asynchronously (for `sbatch --wait`): resolves when the command exits. */
  cmdAsync(tool: string, args: readonly string[], o?: CmdOptions): Promise<CmdResult>;
  /** The last lines of the daemons' logs, for failure messages. */
  logs(): string;
  /** Cancels every job, waits for the queue to empty, stops the daemons by pid. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tail(path: string, lines = 15): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The machine's node line from `slurmd -C` (hardware as slurmd will report it). */
function nodeHardware(slurmd: string, node: string): string {
  const r = spawnSync(slurmd, ['-C'], { encoding: 'utf8' });
  const line = String(r.stdout ?? '')
    .split('\n')
    .find((l) => l.startsWith('NodeName='));
  const fields = line
    ? line.split(/\s+/).filter((f) => f && !f.startsWith('NodeName=') && !f.startsWith('RealMemory='))
    : [];
  return fields.length > 0 ? `NodeName=${node} ${fields.join(' ')}` : `NodeName=${node} CPUs=${availableParallelism()}`;
}

/**
 * Starts munged, slurmctld and slurmd in a new temporary directory and waits
 * until the node is idle.
 *
 * @throws Error (with the daemons' log tails) when a daemon exits or the
 *   node is not idle within `timeoutMs`; the daemons already started are
 *   stopped first.
 */
export async function startSlurm(timeoutMs = 30_000): Promise<SlurmCluster> {
  const bin = Object.fromEntries(TOOLS.map((t) => [t, which(t) ?? t])) as Record<Tool, string>;
  const dir = mkdtempSync(join(existsSync('/tmp') ? '/tmp' : tmpdir(), 'stepae-slurm-'));
  chmodSync(dir, 0o755);
  for (const d of ['munge', 'state', 'spool', 'log']) mkdirSync(join(dir, d), { mode: 0o755 });
  const key = join(dir, 'munge', 'munge.key');
  writeFileSync(key, randomBytes(1024), { mode: 0o400 });
  const socket = join(dir, 'munge', 'munge.socket');
  const node = hostname().split('.')[0] || 'localhost';
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      '# Generated by test/helpers/slurm.ts: a single-node cluster in this directory.',
      'ClusterName=stepae-test',
      `SlurmctldHost=${node}(127.0.0.1)`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      'CredType=cred/munge',
      `AuthInfo=socket=${socket},cred_expire=5`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'SchedulerType=sched/backfill',
      'SchedulerParameters=bf_interval=1,sched_interval=2',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'JobAcctGatherType=jobacct_gather/none',
      'MpiDefault=none',
      'ReturnToService=2',
      'MinJobAge=4',
      'KillWait=10',
      'MailProg=/bin/true',
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
      'SlurmctldDebug=info',
      'SlurmdDebug=info',
      `${nodeHardware(bin.slurmd, node)} NodeAddr=127.0.0.1 State=UNKNOWN`,
      `PartitionName=test Nodes=${node} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('SLURM_') && k !== 'JOB_COMPLETION_INDEX'),
  );
  env.SLURM_CONF = conf;

  const daemons: ChildProcess[] = [];
  const killAll = (signal: NodeJS.Signals) => {
    for (const d of daemons)
      if (d.pid !== undefined && d.exitCode === null && d.signalCode === null) {
        try {
          process.kill(d.pid, signal);
        } catch {
          // already gone
        }
      }
  };
  const onExit = () => {
    spawnSync(bin.scancel, ['--user=root', '--quiet'], { env, timeout: 5_000 });
    killAll('SIGKILL');
    killJobProcesses(conf);
    if (!process.env.STEPAE_KEEP_SLURM) rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (sig: NodeJS.Signals) => {
    onExit();
    unhook();
    process.kill(process.pid, sig);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const unhook = () => {
    process.off('exit', onExit);
    for (const s of signals) process.off(s, onSignal);
  };
  process.on('exit', onExit);
  for (const s of signals) process.once(s, onSignal);

  const start = (name: string, path: string, args: string[]) => {
    const log = openSync(join(dir, 'log', `${name}.out`), 'a');
    const child = spawn(path, args, { env, stdio: ['ignore', log, log] });
    daemons.push(child);
    return child;
  };
  const logs = () =>
    [
      join('munge', 'munged.log'),
      ...['slurmctld.log', 'slurmd.log', 'munged.out', 'slurmctld.out', 'slurmd.out'].map((f) => join('log', f)),
    ]
      .map((f) => `--- ${f}\n${tail(join(dir, f))}`)
      .join('\n');

  const stop = async () => {
    const cancel = spawnSync(bin.scancel, ['--user=root', '--quiet'], { env, encoding: 'utf8', timeout: 10_000 });
    if (cancel.status === 0) {
      for (let k = 0; k < 60; k++) {
        const q = spawnSync(bin.squeue, ['-h'], { env, encoding: 'utf8', timeout: 10_000 });
        if (q.status !== 0 || String(q.stdout).trim() === '') break;
        await sleep(250);
      }
    }
    for (const d of [...daemons].reverse()) {
      if (d.exitCode !== null || d.signalCode !== null) continue;
      const gone = new Promise((r) => d.once('exit', r));
      d.kill('SIGTERM');
      await Promise.race([gone, sleep(10_000)]);
      if (d.exitCode === null && d.signalCode === null) d.kill('SIGKILL');
    }
    killJobProcesses(conf);
    unhook();
    if (!process.env.STEPAE_KEEP_SLURM) rmSync(dir, { recursive: true, force: true });
  };

  const t0 = Date.now();
  try {
    start('munged', bin.munged, [
      '--foreground',
      `--socket=${socket}`,
      `--key-file=${key}`,
      `--log-file=${join(dir, 'munge', 'munged.log')}`,
      `--pid-file=${join(dir, 'munge', 'munged.pid')}`,
      `--seed-file=${join(dir, 'munge', 'munged.seed')}`,
    ]);
    await waitFor(() => existsSync(socket), 10_000, 'munged did not create its socket', daemons, logs);
    start('slurmctld', bin.slurmctld, ['-D']);
    start('slurmd', bin.slurmd, ['-D', '-N', node]);
    await waitFor(
      () => {
        const r = spawnSync(bin.sinfo, ['-h', '-N', '-o', '%T'], { env, encoding: 'utf8', timeout: 5_000 });
        return r.status === 0 && String(r.stdout).trim() === 'idle';
      },
      timeoutMs,
      'the node did not become idle',
      daemons,
      logs,
    );
  } catch (e) {
    await stop();
    throw e;
  }
  const startMs = Date.now() - t0;

  const path = (tool: string) => ((TOOLS as readonly string[]).includes(tool) ? bin[tool as Tool] : tool);
  const cmd = (tool: string, args: readonly string[], o: CmdOptions = {}): CmdResult => {
    const r = spawnSync(path(tool), args, {
      env: { ...env, ...o.env },
      cwd: o.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? '') };
  };
  const cmdAsync = (tool: string, args: readonly string[], o: CmdOptions = {}) =>
    new Promise<CmdResult>((resolve, reject) => {
      const child = spawn(path(tool), args, {
        env: { ...env, ...o.env },
        cwd: o.cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, out, err }));
    });
  return { dir, env, startMs, cmd, cmdAsync, logs, stop };
}

async function waitFor(
  ok: () => boolean,
  timeoutMs: number,
  what: string,
  daemons: readonly ChildProcess[],
  logs: () => string,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    const dead = daemons.find((d) => d.exitCode !== null || d.signalCode !== null);
    if (dead) throw new Error(`${what}: ${dead.spawnfile} exited (${dead.exitCode ?? dead.signalCode})\n${logs()}`);
    if (Date.now() > end) throw new Error(`${what} within ${timeoutMs} ms\n${logs()}`);
    await sleep(200);
  }
}

/** The pids of the processes whose environment holds `SLURM_CONF=conf`, other than this one. */
function processesOf(conf: string): number[] {
  const needle = `SLURM_CONF=${conf}\0`;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * SIGKILLs what is left of this cluster's jobs: slurmstepd daemonizes away
 * from slurmd, and when slurmd dies first (the test process killed by a
 * signal) it lingers with the job's processes. They are found by pid through
 * this cluster's own SLURM_CONF in their environment, never by name.
 */
function killJobProcesses(conf: string): void {
  for (const pid of processesOf(conf)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

let clockTicks: number | undefined;

/**
 * CPU seconds (user + system) used so far by the process whose command line
 * contains `marker` (the largest, if several), from /proc; undefined when
 * there is none. Tests interrupt a task "midway" by CPU time, not wall time,
 * since the wall time of node's start varies tenfold with the machine's load.
 */
export function cpuSecondsOf(marker: string): number | undefined {
  clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
  let best: number | undefined;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const secs = (Number(rest[11]) + Number(rest[12])) / clockTicks;
      best = Math.max(best ?? 0, secs);
    } catch {
      // the process ended while we read it
    }
  }
  return best;
}
