/**
 * The error every audio reader and writer throws for bad input: its message is one line
 * that names the file and the problem, ready to print as is.
 * @module
 */

/** Bad audio input or output (missing, unreadable, corrupt, silent, too short, non-finite, ...). */
export class AudioFileError extends Error {
  /** Path of the file concerned. */
  readonly path: string;

  /** Builds `"<path>: <problem>"`. */
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = 'AudioFileError';
    this.path = path;
  }
}
