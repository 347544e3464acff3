/**
 * Options of the mel spectrogram ops: the STFT options plus the mel filterbank and log.
 *
 * @example
 * ```ts
 * const config = resolveMelOptions({ fftLength: 4096 }); // hop 256, 64 HTK mels, 16 kHz, ε 1e-6
 * ```
 * @module
 */

import { resolveStftOptions, type StftConfig, type StftOptions } from '../stft/stft-options';
import { DEFAULT_MEL_OPTIONS, type MelFilterbankOptions } from './mel-filterbank';
import type { MelScale } from './mel-scale';

/** Options of {@link melSpectrogram} and {@link logMelSpectrogram}. */
export interface MelSpectrogramOptions
  extends Omit<StftOptions, 'power'>,
    Omit<MelFilterbankOptions, 'fftLength'> {
  /** Added to the mel power before the natural log (log-mel only). Default 1e-6 (the seed's). */
  epsilon?: number;
}

/** Resolved {@link MelSpectrogramOptions}. */
export interface MelConfig extends StftConfig {
  /** Sample rate in Hz. */
  readonly sampleRate: number;
  /** Number of mel bands. */
  readonly melBins: number;
  /** Lowest band edge in Hz. */
  readonly fMinHz: number;
  /** Highest band edge in Hz. */
  readonly fMaxHz: number;
  /** Mel scale. */
  readonly melScale: MelScale;
  /** Filter normalisation. */
  readonly norm: 'none' | 'slaney';
  /** Log epsilon. */
  readonly epsilon: number;
}

/** Default log epsilon (the seed's `log(mel + 1e-6)`). */
export const DEFAULT_LOG_EPSILON = 1e-6;

/** Fills in and validates {@link MelSpectrogramOptions} (power is always 2). */
export function resolveMelOptions(options: MelSpectrogramOptions = {}): MelConfig {
  const stft = resolveStftOptions({ ...options, power: 2 });
  const sampleRate = options.sampleRate ?? DEFAULT_MEL_OPTIONS.sampleRate;
  const epsilon = options.epsilon ?? DEFAULT_LOG_EPSILON;
  if (!(epsilon > 0)) throw new Error(`logMelSpectrogram: epsilon must be > 0, got ${epsilon}`);
  return Object.freeze({
    ...stft,
    sampleRate,
    melBins: options.melBins ?? DEFAULT_MEL_OPTIONS.melBins,
    fMinHz: options.fMinHz ?? DEFAULT_MEL_OPTIONS.fMinHz,
    fMaxHz: options.fMaxHz ?? sampleRate / 2,
    melScale: options.melScale ?? DEFAULT_MEL_OPTIONS.melScale,
    norm: options.norm ?? DEFAULT_MEL_OPTIONS.norm,
    epsilon,
  });
}
