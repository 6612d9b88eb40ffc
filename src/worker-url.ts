/**
 * The compiled worker script beside a module, or undefined when there is
 * none: under vitest the sources are .ts and no compiled worker sits beside
 * them, so callers run the work in process instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** @param file the worker's file name, e.g. './worker.js'; @param base the caller's import.meta.url */
export function compiledWorker(file: string, base: string): URL | undefined {
  const url = new URL(file, base);
  return base.endsWith('.js') && existsSync(fileURLToPath(url)) ? url : undefined;
}
