/**
 * Where a command's `-o FILE` goes: `-` (or `/dev/stdout`) is standard output; any other path is written with
 * {@link writeFileAtomic} (atomically for files, through symbolic links, streamed into FIFOs
 * and devices).
 *
 * @example
 * ```ts
 * await writeOutput(io, '-', wavBytes); // the WAV on stdout
 * if (!isStandardOutput('-')) io.stdout.write('wrote ...\n');
 * ```
 * @module
 */

import { type FileContents, writeFileAtomic } from './atomic-write';
import type { CliIo } from './io';
import { userPath } from './paths';

/** True when `typed` names standard output (`-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`): no "wrote" line then. */
export function isStandardOutput(typed: string): boolean {
  return ['-', '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1'].includes(typed);
}

/**
 * Writes `contents` to the output path `typed` on the command line; `-` and the names of
 * standard output go to the command's stdout (whatever it is: a pipe, a socket, a file).
 */
export async function writeOutput(io: CliIo, typed: string, contents: FileContents): Promise<void> {
  if (isStandardOutput(typed)) {
    io.stdout.write(contents);
    return;
  }
  await writeFileAtomic(userPath(io, typed), contents);
}
