/**
 * A {@link FeatureEncoder} of per-frame spectral statistics from one STFT: centroid (Hz),
 * smooth rolloff (Hz), flatness, crest and A-weighted loudness (dB), each `[batch, frames]`.
 *
 * @example
 * ```ts
 * const stats = spectralStatisticsEncoder({ fftLength: 1024, rolloffFraction: 0.95 });
 * const { centroidHz, rolloffHz, flatness, crest, loudnessDb } = stats.encode(audio);
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  aWeightedLoudness,
  spectralCentroid,
  spectralCrest,
  spectralFlatness,
  spectralRolloff,
} from '../stats/spectral-statistics';
import { stft } from '../stft/stft';
import type { FeatureEncoder, FeatureMap } from './feature-encoder';

/** Options of {@link spectralStatisticsEncoder}. */
export interface StatisticsEncoderOptions {
  /** FFT length in samples. Default 1024. */
  fftLength?: number;
  /** Hop in samples. Default 256. */
  hopLength?: number;
  /** Sample rate in Hz. Default 16000. */
  sampleRate?: number;
  /** Rolloff fraction. Default 0.85. */
  rolloffFraction?: number;
  /** Temperature of the smooth rolloff. Default 0.01. */
  rolloffTemperature?: number;
}

/** Defaults of {@link StatisticsEncoderOptions}. */
export const DEFAULT_STATISTICS_ENCODER_OPTIONS: Readonly<Required<StatisticsEncoderOptions>> = Object.freeze(
  {
    fftLength: 1024,
    hopLength: 256,
    sampleRate: 16000,
    rolloffFraction: 0.85,
    rolloffTemperature: 0.01,
  },
);

/** Names of the statistics features. */
export const STATISTICS_FEATURE_NAMES = Object.freeze([
  'centroidHz',
  'rolloffHz',
  'flatness',
  'crest',
  'loudnessDb',
] as const);

/** A {@link FeatureEncoder} of the spectral statistics named in {@link STATISTICS_FEATURE_NAMES}. */
export function spectralStatisticsEncoder(options: StatisticsEncoderOptions = {}): FeatureEncoder {
  const o = { ...DEFAULT_STATISTICS_ENCODER_OPTIONS, ...options };
  return Object.freeze({
    featureNames: STATISTICS_FEATURE_NAMES,
    encode(audio: tf.Tensor): FeatureMap {
      return tf.tidy(() => {
        const power = stft(audio, { fftLength: o.fftLength, hopLength: o.hopLength });
        const sampleRate = o.sampleRate;
        return {
          centroidHz: spectralCentroid(power, { sampleRate }),
          rolloffHz: spectralRolloff(power, {
            sampleRate,
            fraction: o.rolloffFraction,
            temperature: o.rolloffTemperature,
          }),
          flatness: spectralFlatness(power),
          crest: spectralCrest(power),
          loudnessDb: aWeightedLoudness(power, { sampleRate }),
        };
      });
    },
  });
}
