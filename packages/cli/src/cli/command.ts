/**
 * What a command of `ae-ddsp` is: its name, arguments, flags, help text with examples, and
 * the function that runs it.
 * @module
 */

import type { FlagSpecs, FlagValues } from './flags';
import type { CliIo } from './io';

/** One positional argument of a command, for the help text. */
export interface PositionalSpec {
  /** Placeholder, e.g. `<target>`. */
  readonly name: string;
  /** What it is. */
  readonly description: string;
  /** True when the argument may be omitted. */
  readonly optional?: boolean;
  /** True when the last argument may be repeated (`files…`). */
  readonly variadic?: boolean;
}

/** What a command receives when it runs. */
export interface CommandContext {
  /** Positional arguments. */
  readonly positionals: readonly string[];
  /** Checked flag values. */
  readonly values: FlagValues;
  /** Output streams. */
  readonly io: CliIo;
}

/** A command of the `ae-ddsp` executable. */
export interface Command {
  /** Name typed after `ae-ddsp`. */
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Longer description for `--help` (may span lines). */
  readonly description: string;
  /** Positional arguments, in order. */
  readonly positionals: readonly PositionalSpec[];
  /** Flags. */
  readonly flags: FlagSpecs;
  /** Example invocations (without the leading `ae-ddsp`), each with a comment. */
  readonly examples: readonly (readonly [invocation: string, comment: string])[];
  /** Runs the command; resolves to the exit status (0 on success). Throws on failure. */
  run(context: CommandContext): Promise<number>;
}
