/**
 * The one line `ae-ddsp` prints for an error (without the `ae-ddsp: error:` prefix), as the
 * index records it.
 * @module
 */

import { printable } from '../cli/printable';

/** First line of `error`'s message, control characters escaped. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return printable(message.split('\n')[0]!.trim()) || 'unknown error';
}
