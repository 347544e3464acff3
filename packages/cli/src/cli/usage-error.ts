/**
 * Errors of the command line itself (unknown command or flag, missing argument, value out
 * of range): printed as one line with a pointer to `--help`, exit status 2.
 * @module
 */

/** A bad command line: unknown command/flag, missing or out-of-range value. Exit status 2. */
export class UsageError extends Error {
  /** The command whose `--help` explains the usage, if any. */
  readonly command: string | undefined;

  /** `message` names the flag or argument and what was expected. */
  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}

/** Exit statuses of `ae-ddsp`. */
export const EXIT_CODES = Object.freeze({
  /** Success. */
  ok: 0,
  /** The command failed: bad input file, invalid patch, failed run, unavailable feature. */
  failure: 1,
  /** Bad command line: unknown command or flag, missing argument, out-of-range value. */
  usage: 2,
});
