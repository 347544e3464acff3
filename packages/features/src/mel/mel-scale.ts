/**
 * Hz ↔ mel conversions (HTK and Slaney scales, as in torchaudio and librosa).
 *
 * @example
 * ```ts
 * hzToMel(700, 'htk'); // 2595·log10(2) ≈ 781.17
 * melToHz(hzToMel(440, 'slaney'), 'slaney'); // 440
 * ```
 * @module
 */

/** The mel scale: `'htk'` (2595·log10(1 + f/700)) or `'slaney'` (linear below 1 kHz, log above). */
export type MelScale = 'htk' | 'slaney';

const SLANEY_HZ_PER_MEL = 200 / 3;
const SLANEY_MIN_LOG_HZ = 1000;
const SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_HZ_PER_MEL;
const SLANEY_LOG_STEP = Math.log(6.4) / 27;

/** Converts a frequency in Hz to mels on the given scale. */
export function hzToMel(frequencyHz: number, scale: MelScale = 'htk'): number {
  if (scale === 'htk') return 2595 * Math.log10(1 + frequencyHz / 700);
  if (frequencyHz < SLANEY_MIN_LOG_HZ) return frequencyHz / SLANEY_HZ_PER_MEL;
  return SLANEY_MIN_LOG_MEL + Math.log(frequencyHz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
}

/** Converts mels on the given scale to a frequency in Hz. */
export function melToHz(mel: number, scale: MelScale = 'htk'): number {
  if (scale === 'htk') return 700 * (10 ** (mel / 2595) - 1);
  if (mel < SLANEY_MIN_LOG_MEL) return mel * SLANEY_HZ_PER_MEL;
  return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
}
