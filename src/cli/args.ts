/**
 * Argument rules commander does not enforce by default: a path option given
 * as the empty string is an error (not "no file"), and a value option given
 * twice is an error (commander keeps the last; stepae refuses, since the
 * earlier value would be silently dropped). Options that accumulate (e.g.
 * `--g` of lemma-decoder1) are marked repeatable.
 */
import type { Command, Option } from 'commander';
import { UsageError } from '../errors.js';

/** Options that may be given several times (their parser accumulates). */
const REPEATABLE = new WeakSet<Option>();

/** Marks an option as repeatable and returns it. */
export function repeatable(o: Option): Option {
  REPEATABLE.add(o);
  return o;
}

/** A parser for a path option: refuses the empty path. */
export function pathArg(flag: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new UsageError(`${flag}: the path is empty; accepted: a file path`);
    return value;
  };
}

/** The command that `args` runs (descending through subcommand names), and the arguments after its name. */
function leaf(program: Command, args: readonly string[]): { cmd: Command; rest: readonly string[] } {
  let cmd = program;
  let rest = args;
  for (;;) {
    const name = rest[0];
    const sub =
      name === undefined ? undefined : cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!sub) return { cmd, rest };
    cmd = sub;
    rest = rest.slice(1);
  }
}

/**
 * Refuses a value option given more than once (in any spelling: `--x v`, `--x=v`, `-x v`).
 * @throws UsageError naming the option
 */
export function rejectRepeats(program: Command, args: readonly string[]): void {
  const { cmd, rest } = leaf(program, args);
  const end = rest.indexOf('--');
  const tokens = end >= 0 ? rest.slice(0, end) : rest;
  for (const opt of cmd.options) {
    if (!(opt.required || opt.optional) || opt.variadic || REPEATABLE.has(opt)) continue;
    const names = [opt.long, opt.short].filter((x): x is string => Boolean(x));
    const count = tokens.filter((t) => names.some((nm) => t === nm || t.startsWith(`${nm}=`))).length;
    if (count > 1)
      throw new UsageError(
        `${opt.long ?? opt.short} is given ${count} times; accepted: once (a value option is never silently replaced)`,
      );
  }
}

/** A format flag that took a FILE before stepae 0.2 (`--latex FILE`), as parsed. */
export interface FormatFlag {
  /** The flag is given without a file: print in this format. */
  on: boolean;
  /** The deprecated spelling: the file given with the flag. */
  legacyPath?: string;
  /** With legacyPath: the one-line deprecation note to print once the options are checked. */
  deprecation?: string;
}

/**
 * Reads a format flag declared `--latex [file]`: given alone it is the
 * flag; given a FILE (the spelling before 0.2) it keeps its old meaning,
 * and a deprecation note names the new spelling.
 * @param instead what to write now, e.g. `use --latex --out FILE`
 */
export function formatFlag(value: boolean | string | undefined, flag: string, instead: string): FormatFlag {
  if (typeof value !== 'string') return { on: value === true };
  return {
    on: false,
    legacyPath: value,
    deprecation: `verify: ${flag} FILE is deprecated and goes in the next version; ${instead}\n`,
  };
}
