/**
 * Where a command writes: stdout for results, stderr for progress and errors, and whether
 * stderr is a terminal (progress bar) or not (plain periodic lines). Tests and embedding
 * programs pass their own.
 * @module
 */

/** A text sink (a subset of a Node writable stream). */
export interface TextSink {
  /** Writes text as is (no newline added). */
  write(text: string): unknown;
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
