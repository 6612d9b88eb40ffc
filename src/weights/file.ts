/**
 * Reading a weights file safely: only a regular file, only up to a size cap,
 * never blocking. A FIFO opened for reading blocks until a writer comes, and
 * /dev/zero never ends, so the path is stat'ed before it is opened, opened
 * with O_NONBLOCK, stat'ed again through the descriptor (the file could have
 * been swapped in between), and read up to the size it had, plus one byte
 * to notice a file that grows while it is read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../errors.js';

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
  const fail = (why: string): never => {
    throw new InputError(`${what} ${path}: ${why}`, 'E_WEIGHTS_FILE');
  };
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return fail(`cannot read (${firstLine(e)})`);
  }
  if (!st.isFile()) fail('not a regular file; accepted: a regular file (not a directory, FIFO or device)');
  if (st.size > cap) fail(`${st.size} bytes, over the limit of ${cap} bytes`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return fail(`cannot open (${firstLine(e)})`);
  }
  try {
    const st2 = fstatSync(fd);
    if (!st2.isFile()) fail('not a regular file; accepted: a regular file (not a directory, FIFO or device)');
    if (st2.size > cap) fail(`${st2.size} bytes, over the limit of ${cap} bytes`);
    const buf = new Uint8Array(st2.size + 1);
    let got = 0;
    for (;;) {
      const k = readSync(fd, buf, got, buf.length - got, null);
      if (k === 0) break;
      got += k;
      if (got > st2.size) fail('grew while it was read');
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}
