/**
 * The replay command as data: the arguments after `verify` that reproduce a
 * result, built once from the parsed options and carried in every result (as
 * fast-check carries seed and path in its RunDetails). Rendered to a shell
 * line in one place.
 */
import type { Q } from './kernel/rational.js';

/** A command that reproduces a result: `npx verify` followed by argv. */
export interface Replay {
  argv: readonly string[];
}

/** A flag's value: omitted when undefined or false; a bare flag when true. */
export type FlagValue = string | number | boolean | Q | undefined;

/**
 * The replay of `verify <verb...>` with these flags, in the given order.
 * @param verb the command path, e.g. ['search', 'conjecture'] or ['lemma-layer3']
 * @param flags [flag, value] pairs; undefined and false are left out, true is a bare flag
 * @param positional trailing arguments (e.g. the files of `verify merge`)
 */
export function replayOf(
  verb: readonly string[],
  flags: readonly (readonly [string, FlagValue])[],
  positional: readonly string[] = [],
): Replay {
  const argv = [...verb];
  for (const [flag, value] of flags) {
    if (value === undefined || value === false) continue;
    argv.push(flag);
    if (value !== true) argv.push(String(value));
  }
  return { argv: [...argv, ...positional] };
}

/** The same replay with more flags appended (e.g. the --resume of an interrupted run). */
export function withFlags(r: Replay, flags: readonly (readonly [string, FlagValue])[]): Replay {
  return { argv: [...r.argv, ...replayOf([], flags).argv] };
}

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(arg: string): string {
  return /^[\w./:=,+@%-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The shell line: `npx verify ...`. */
export function replayText(r: Replay): string {
  return ['npx verify', ...r.argv.map(shellQuote)].join(' ');
}
