/**
 * The error every audio reader and writer throws for bad input: its message is one line
 * that names the file and the problem, ready to print as is.
 * @module
 */

import { printable } from '../cli/printable';

/** Bad audio input or output (missing, unreadable, corrupt, silent, too short, non-finite, ...). */
export class AudioFileError extends Error {
  /** Path of the file concerned. */
  readonly path: string;

  /** Builds `"<path>: <problem>"` (control characters in the path shown as escapes). */
  constructor(path: string, problem: string) {
    super(`${printable(path)}: ${problem}`);
    this.name = 'AudioFileError';
    this.path = path;
  }
}
