/**
 * Output files: checked for writability before any work, written to a
 * temporary file in the same directory and renamed, so a failure never
 * leaves a half-written file.
 */
import { accessSync, constants, existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** @throws UsageError when `path` cannot be written (missing or read-only directory, a directory itself). */
export function checkWritable(path: string, what: string): string {
  const full = resolve(path);
  const dir = dirname(full);
  if (!existsSync(dir))
    throw new UsageError(
      `${what}: directory ${dir} does not exist; accepted: a file path in an existing, writable directory`,
    );
  if (existsSync(full) && statSync(full).isDirectory())
    throw new UsageError(`${what}: ${path} is a directory; accepted: a file path`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(full)) accessSync(full, constants.W_OK);
  } catch {
    throw new UsageError(`${what}: ${path} is not writable; accepted: a file path in a writable directory`);
  }
  return full;
}

/** Writes text or bytes atomically (temporary file in the same directory, then rename). */
export function writeAtomic(path: string, text: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
