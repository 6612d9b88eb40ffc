/** Shared by the benchmarks: the machine description and the result file (written atomically). */
import { mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { writeAtomic } from '../src/files.js';
import { VERSION } from '../src/version.js';

export function machine() {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: process.platform,
  };
}

/**
 * Prints the report as JSON and writes it to bench/results/<name>.json: one
 * file per benchmark, the latest run (git keeps the history).
 */
export function publish(name: string, report: { date: string }): void {
  const text = JSON.stringify(report, null, 2) + '\n';
  process.stdout.write(text);
  const dir = join('bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, `${name}.json`), text);
}

/** The fields every benchmark report starts with. */
export function header() {
  return {
    tool: 'stepae',
    version: VERSION,
    command: 'npm run bench',
    date: new Date().toISOString(),
    machine: machine(),
  };
}
