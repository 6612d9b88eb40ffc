/**
 * The two ways tests drive `verify`: in process through runCli with a
 * recording Io (fast, most tests), and the compiled binary in a child
 * process (worker threads, signals, real stderr). The binary is built once
 * per test run by test/helpers/build.ts, so it is never stale.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { memoryIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

/** The compiled binary, built by the global setup. */
export const BIN = 'dist/src/cli/main.js';

/** Runs `verify ARGS` in process; returns the exit status and what it printed. */
export async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await runCli(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** Runs the compiled `verify ARGS` in a child process. */
export function runBin(
  args: readonly string[],
  options: SpawnSyncOptions = {},
): { status: number | null; out: string; err: string; signal: NodeJS.Signals | null } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', ...options });
  return { status: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? ''), signal: r.signal };
}
