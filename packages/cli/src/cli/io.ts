/**
 * Where a command writes: stdout for results, stderr for progress and errors, and whether
 * stderr is a terminal (progress bar) or not (plain periodic lines). Tests and embedding
 * programs pass their own.
 * @module
 */

import { PROGRAM } from './help';
import { printable } from './printable';

/** A text sink (a subset of a Node writable stream). */
export interface TextSink {
  /** Writes text as is (no newline added); bytes only for `-o -` (a file written to stdout). */
  write(text: string | Uint8Array): unknown;
}

/** The streams a command writes to. */
export interface CliIo {
  /** Results: tables, JSON, file paths. */
  readonly stdout: TextSink;
  /** Progress and errors. */
  readonly stderr: TextSink;
  /** True when stderr is an interactive terminal (draws a progress bar). */
  readonly interactive: boolean;
  /** Working folder that relative paths are resolved against. */
  readonly cwd: string;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

/** Prints `message` as one `ae-ddsp: warning: ...` line on stderr, control characters escaped. */
export function warn(io: CliIo, message: string): void {
  io.stderr.write(`${PROGRAM}: warning: ${printable(message.split('\n')[0]!)}\n`);
}
