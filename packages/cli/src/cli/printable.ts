/**
 * Makes text safe to print on a terminal: control characters (C0, DEL, C1), line and
 * paragraph separators and bidirectional overrides, which may come from a file name or a
 * file's contents, are shown as escapes (`\x00`, `\u202e`) instead of being sent raw.
 *
 * @example
 * ```ts
 * printable('bad\u0000name.wav'); // 'bad\\x00name.wav'
 * ```
 * @module
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this module's purpose.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** `text` with every unprintable character replaced by its escape. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
