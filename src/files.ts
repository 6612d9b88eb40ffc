/**
 * Files in and out, checked before any work. Input files are read only when
 * they are regular files, and only up to a size cap, so /dev/zero or a FIFO
 * is refused instead of read for ever. Output paths are probed by creating a
 * file in their directory (root passes every permission check, but cannot
 * create files under /proc or /sys), and written to a temporary file in the
 * same directory that is then renamed, so a failure never leaves a
 * half-written file. Temporary files left by a process that was killed at
 * the rename are recognised by their name and removed by the next write.
 */
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fstatSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError, UsageError } from './errors.js';

/** The default cap on an input file: 64 MiB (weights, codes, checkpoints are far smaller). */
export const INPUT_CAP = 64 * 2 ** 20;

/**
 * Reads an input file: only a regular file, only up to `cap` bytes, never
 * blocking. A FIFO opened for reading blocks until a writer comes and
 * /dev/zero never ends, so the path is stat'ed before it is opened, opened
 * with O_NONBLOCK, stat'ed again through the descriptor (the file could have
 * been swapped in between), and read up to the size it had, plus one byte to
 * notice a file that grows while it is read.
 * @param what the option, for the message (e.g. '--init')
 * @param code the error's stable code
 * @throws InputError (exit 2) when the path is empty, missing, not a regular file, or larger than the cap
 */
export function readInput(path: string, what: string, cap = INPUT_CAP, code = 'E_FILE'): Buffer {
  const fail = (why: string): never => {
    throw new InputError(`${what}: ${path} ${why}`, code);
  };
  checkInput(path, what, cap, code);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return fail(`cannot be opened (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) fail(NOT_REGULAR);
    if (st.size > cap) fail(`has ${st.size} bytes, over the limit of ${cap} bytes`);
    const buf = Buffer.alloc(st.size + 1);
    let got = 0;
    for (;;) {
      const k = readSync(fd, buf, got, buf.length - got, null);
      if (k === 0) break;
      got += k;
      if (got > st.size) fail('grew while it was read');
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

const NOT_REGULAR = 'is not a regular file (a directory, device or pipe); accepted: a readable regular file';

/**
 * Checks, without opening it, that `path` is a regular file of at most `cap` bytes.
 * @throws InputError (exit 2) when the path is empty, missing, not a regular file, or larger than the cap
 */
export function checkInput(path: string, what: string, cap = INPUT_CAP, code = 'E_FILE'): void {
  const fail = (why: string): never => {
    throw new InputError(`${what}: ${path} ${why}`, code);
  };
  if (path === '') throw new InputError(`${what}: the path is empty; accepted: a file path`, code);
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    return fail(
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'does not exist (cannot read it); accepted: a readable regular file'
        : `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (!st.isFile()) fail(NOT_REGULAR);
  if (st.size > cap) fail(`has ${st.size} bytes, over the limit of ${cap} bytes`);
}

/** Reads an input file as UTF-8 text (see readInput). */
export function readInputText(path: string, what: string, cap = INPUT_CAP): string {
  return readInput(path, what, cap).toString('utf8');
}

/** The temporary file of a write by this process. */
function tmpName(path: string): string {
  return `${path}.stepae-tmp-${process.pid}`;
}

/** True when the process `pid` is alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files of writes to `path` whose process is gone (killed at the rename). */
function removeStale(path: string): void {
  const prefix = `${basename(path)}.stepae-tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isSafeInteger(pid) && pid !== process.pid && !alive(pid))
      rmSync(join(dirname(path), name), { force: true });
  }
}

/**
 * Checks that `path` can be written, before any work.
 * @returns the absolute path
 * @throws UsageError when the path is empty, its directory is missing or not writable, or it is a directory or another non-regular file
 */
export function checkWritable(path: string, what: string): string {
  if (path === '') throw new UsageError(`${what}: the path is empty; accepted: a file path`);
  const full = resolve(path);
  const dir = dirname(full);
  if (!existsSync(dir))
    throw new UsageError(
      `${what}: directory ${dir} does not exist; accepted: a file path in an existing, writable directory`,
    );
  if (existsSync(full) && statSync(full).isDirectory())
    throw new UsageError(`${what}: ${path} is a directory; accepted: a file path`);
  // Output goes to a temporary file renamed over the path, which would replace a device or FIFO by a file.
  if (existsSync(full) && !statSync(full).isFile())
    throw new UsageError(
      `${what}: ${path} is not a regular file (a device, FIFO or socket); accepted: a new or regular file path (results are written to a temporary file and renamed into place)`,
    );
  const probe = tmpName(full);
  try {
    if (existsSync(full)) accessSync(full, constants.W_OK);
    closeSync(openSync(probe, 'wx'));
    rmSync(probe, { force: true });
  } catch {
    throw new UsageError(`${what}: ${path} is not writable; accepted: a file path in a writable directory`);
  }
  return full;
}

/** Writes text or bytes atomically (temporary file in the same directory, then rename). */
export function writeAtomic(path: string, text: string | Uint8Array): void {
  removeStale(path);
  const tmp = tmpName(path);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** The deepest nesting any input file of stepae has (a weights tensor is 2 deep, a search file 5). */
export const MAX_JSON_DEPTH = 64;

/**
 * JSON.parse for input files, refusing nesting deeper than `maxDepth` first
 * (one linear scan, strings skipped): deeply nested arrays would otherwise
 * exhaust the stack of the code that walks them after parsing.
 * @throws SyntaxError when the text is not JSON or nests too deeply (callers wrap it with the file's name)
 */
export function parseJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  let depth = 0;
  let inString = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (inString) {
      if (c === 0x5c)
        k++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new SyntaxError(`nested deeper than ${maxDepth} levels`);
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return JSON.parse(text) as unknown;
}
