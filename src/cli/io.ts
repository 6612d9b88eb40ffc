/**
 * Where the CLI writes: injected so that tests run it in process. Results go
 * to `out` (stdout); errors to `err`; notes (a file written, a deprecated
 * spelling) to `note`; progress lines to `err` when `isTTY` says a terminal
 * shows them. `--quiet` silences notes and progress, never results or errors.
 */

/** The CLI's output streams and what it knows about the terminal. */
export interface Io {
  /** Results (stdout). */
  out(text: string): void;
  /** Errors and messages that must be seen (stderr). */
  err(text: string): void;
  /** Notes: one-line confirmations and deprecations (stderr; nothing under --quiet). */
  note(text: string): void;
  /** Progress lines may be drawn on `err`: stderr is a terminal (false under --quiet). */
  isTTY: boolean;
  /**
   * The width tables fit on stdout, in characters; undefined: no limit (one
   * line per row, for pipes and files).
   */
  columns?: number;
}

/** A positive integer from an environment variable, else undefined. */
function envColumns(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The width of stdout: a terminal's own columns (else $COLUMNS, else 80);
 * when stdout is not a terminal, $COLUMNS if the user set it, else no limit,
 * so that `verify all | grep` and `> file` keep one line per row.
 */
export function stdoutColumns(
  stream: { isTTY?: boolean; columns?: number },
  env: Record<string, string | undefined>,
): number | undefined {
  if (stream.isTTY) return stream.columns || envColumns(env.COLUMNS) || 80;
  return envColumns(env.COLUMNS);
}

/** The process's own streams. */
export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  note: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  columns: stdoutColumns(process.stdout, process.env),
};

/** The same streams without notes and progress (`--quiet`). */
export function quietIo(io: Io): Io {
  return { ...io, note: () => undefined, isTTY: false, out: (t) => io.out(t), err: (t) => io.err(t) };
}

/** An Io that records everything, for tests (notes are recorded on stderr too). */
export function memoryIo(columns?: number): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    columns,
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    note(t: string) {
      io.stderr += t;
    },
  };
  return io;
}
