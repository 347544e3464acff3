/**
 * Paths typed on the command line, resolved against the command's working folder but
 * shown to the user as typed.
 * @module
 */

import { isAbsolute, resolve } from 'node:path';
import type { CliIo } from './io';

/** The path to open for `typed`: as typed when relative to the process's own folder, else resolved against `io.cwd`. */
export function userPath(io: CliIo, typed: string): string {
  return isAbsolute(typed) || io.cwd === process.cwd() ? typed : resolve(io.cwd, typed);
}
