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
import type { CliIo, TextSink } from './io';
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
    if (typeof contents === 'string' || contents instanceof Uint8Array) {
      io.stdout.write(contents);
      return;
    }
    for await (const chunk of contents) await writeWithBackpressure(io.stdout, chunk);
    return;
  }
  await writeFileAtomic(userPath(io, typed), contents);
}

/** Writes `chunk`; when the sink is a Node stream whose buffer is full, waits until it drains. */
async function writeWithBackpressure(sink: TextSink, chunk: Uint8Array): Promise<void> {
  const accepted = sink.write(chunk);
  const stream = sink as Partial<NodeJS.WritableStream>;
  if (accepted === false && typeof stream.once === 'function')
    await new Promise<void>((resolve) => stream.once!('drain', () => resolve()));
}
