/**
 * The error hierarchy. A mathematical outcome (a refuted claim) is never an
 * error; errors are bad input (exit 2) or a bug (exit 3). Each class carries
 * its exit status, as commander's CommanderError carries `exitCode`, so the
 * CLI maps an error to a status with one lookup.
 */

/** Base class: every error stepae throws on purpose carries a stable code and an exit status. */
export class StepaeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad input from the user (an option, a file, a size): exit status 2, one line on stderr. */
export class UsageError extends StepaeError {
  constructor(message: string, code = 'E_USAGE') {
    super(code, message, 2);
  }
}

/**
 * A text that is not what it claims to be (a rational, an integer, a file
 * format). Thrown by the layers below the CLI, which shows it as a usage
 * error: exit status 2.
 */
export class ParseError extends StepaeError {
  constructor(message: string, code = 'E_PARSE') {
    super(code, message, 2);
  }
}

/**
 * A bad input file (a weights file that is truncated, lies about its sizes,
 * holds the wrong dtype or shape, or asks to run code): exit status 2 like
 * any usage error, with a stable code per kind of fault (E_WEIGHTS_...).
 */
export class InputError extends UsageError {
  constructor(message: string, code: string) {
    super(message, code);
  }
}

/** An invariant of stepae itself failed (a certificate did not re-check): exit 3. */
export class InternalError extends StepaeError {
  constructor(message: string) {
    super('E_INTERNAL', message, 3);
  }
}
