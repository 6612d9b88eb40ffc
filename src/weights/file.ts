/**
 * Reading a weights file: a regular file of at most MAX_WEIGHTS_BYTES,
 * read without blocking by the project's one input reader (src/files.ts).
 */
import { readInput } from '../files.js';

/** The largest weights file stepae reads: far above any network it can inspect exactly (n <= 4096). */
export const MAX_WEIGHTS_BYTES = 256 * 1024 * 1024;

/** The first line of an error's message. */
export function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
}

/**
 * The bytes of a regular file of at most `cap` bytes.
 * @throws InputError (E_WEIGHTS_FILE) for a missing file, a directory, a FIFO, a device, or a file over the cap.
 */
export function readRegularFile(path: string, what: string, cap = MAX_WEIGHTS_BYTES): Uint8Array {
  return readInput(path, what, cap, 'E_WEIGHTS_FILE');
}
