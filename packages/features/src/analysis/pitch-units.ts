/**
 * Pitch unit conversions: Hz ↔ MIDI note number (A4 = 440 Hz = 69) and cents.
 *
 * @example
 * ```ts
 * hzToMidi(440); // 69
 * midiToHz(60); // 261.6255…
 * centsBetween(440, 880); // 1200
 * ```
 * @module
 */

/** MIDI note number (fractional) of `frequencyHz`: `69 + 12·log2(f / 440)`; NaN for f ≤ 0 or NaN. */
export function hzToMidi(frequencyHz: number): number {
  return frequencyHz > 0 ? 69 + 12 * Math.log2(frequencyHz / 440) : Number.NaN;
}

/** Frequency in Hz of a (fractional) MIDI note number: `440·2^((midi − 69)/12)`. */
export function midiToHz(midi: number): number {
  return 440 * 2 ** ((midi - 69) / 12);
}

/** Interval from `referenceHz` to `frequencyHz` in cents, `1200·log2(f / ref)` (NaN if either is not > 0). */
export function centsBetween(referenceHz: number, frequencyHz: number): number {
  return referenceHz > 0 && frequencyHz > 0 ? 1200 * Math.log2(frequencyHz / referenceHz) : Number.NaN;
}
