/**
 * The multi-resolution log-mel encoder of the seed: log(mel + 1e-6) at n_fft 1024 and 4096,
 * hop 256, 64 HTK mels, 16 kHz (all configurable), as a {@link FeatureEncoder}.
 *
 * @example
 * ```ts
 * const encoder = multiResolutionLogMelEncoder({ fftLengths: [512, 2048] });
 * const { logMel512, logMel2048 } = encoder.encode(audio); // [batch, frames, 64] each
 * ```
 * @module
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { MelSpectrogramOptions } from '../mel/mel-options';
import { logMelSpectrogram } from '../mel/mel-spectrogram';
import type { FeatureEncoder, FeatureMap } from './feature-encoder';

/** Options of {@link multiResolutionLogMelEncoder}: the mel options plus the FFT sizes. */
export interface MultiResolutionOptions extends Omit<MelSpectrogramOptions, 'fftLength' | 'windowLength'> {
  /** FFT lengths in samples, one log-mel feature each. Default `[1024, 4096]` (the seed's). */
  fftLengths?: readonly number[];
}

/** Seed defaults: n_fft 1024 and 4096, hop 256, 64 mels, 16 kHz, ε 1e-6. */
export const DEFAULT_MULTI_RESOLUTION_OPTIONS: Readonly<
  Required<Pick<MultiResolutionOptions, 'fftLengths' | 'hopLength' | 'melBins' | 'sampleRate' | 'epsilon'>>
> = Object.freeze({
  fftLengths: Object.freeze([1024, 4096]) as readonly number[],
  hopLength: 256,
  melBins: 64,
  sampleRate: 16000,
  epsilon: 1e-6,
});

/** Feature name of the log-mel at `fftLength` (`logMel1024`, ...). */
export function logMelFeatureName(fftLength: number): string {
  return `logMel${fftLength}`;
}

/** Resolves {@link MultiResolutionOptions} to per-scale log-mel options. */
export function multiResolutionScales(options: MultiResolutionOptions = {}): MelSpectrogramOptions[] {
  const { fftLengths = DEFAULT_MULTI_RESOLUTION_OPTIONS.fftLengths, ...rest } = options;
  if (!Array.isArray(fftLengths) || fftLengths.length === 0) {
    throw new Error('multiResolutionLogMelEncoder: fftLengths must be a non-empty array of FFT lengths');
  }
  if (new Set(fftLengths).size !== fftLengths.length) {
    throw new Error(
      `multiResolutionLogMelEncoder: fftLengths must be distinct, got [${fftLengths.join(', ')}]`,
    );
  }
  return fftLengths.map((fftLength) => ({
    hopLength: DEFAULT_MULTI_RESOLUTION_OPTIONS.hopLength,
    melBins: DEFAULT_MULTI_RESOLUTION_OPTIONS.melBins,
    sampleRate: DEFAULT_MULTI_RESOLUTION_OPTIONS.sampleRate,
    epsilon: DEFAULT_MULTI_RESOLUTION_OPTIONS.epsilon,
    ...rest,
    fftLength,
  }));
}

/** A {@link FeatureEncoder} returning `logMel<n_fft>` features `[batch, frames, melBins]`. */
export function multiResolutionLogMelEncoder(options: MultiResolutionOptions = {}): FeatureEncoder {
  const scales = multiResolutionScales(options);
  const names = scales.map((s) => logMelFeatureName(s.fftLength!));
  return Object.freeze({
    featureNames: Object.freeze(names),
    encode(audio: tf.Tensor): FeatureMap {
      const out: Record<string, tf.Tensor> = {};
      try {
        scales.forEach((s, i) => {
          out[names[i]!] = logMelSpectrogram(audio, s);
        });
      } catch (error) {
        for (const t of Object.values(out)) t.dispose();
        throw error;
      }
      return out;
    },
  });
}
