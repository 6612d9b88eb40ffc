/**
 * Where a command's output goes: stdout, or with `--out FILE` a file written
 * atomically (temporary file, then rename), confirmed by one note on stderr.
 */
import { writeAtomic } from '../files.js';
import type { Io } from './io.js';

/**
 * Writes a command's output to stdout, or to `path` with a one-line note
 * (`verify: LaTeX written to out.tex`) that --quiet silences.
 * @param what the output's kind in the note, e.g. `LaTeX`, `JSON`
 * @param shown the file as the user named it (default: `path`)
 */
export function writeOutput(io: Io, text: string, path: string | undefined, what: string, shown = path): void {
  if (path === undefined) {
    io.out(text);
    return;
  }
  writeAtomic(path, text);
  io.note(`verify: ${what} written to ${shown}\n`);
}
