/**
 * The fixed, non-learned baseline embedding: the level-centred mean log-mel of one
 * resolution (n_fft 1024, 64 bands), squashed into (0, 1) by a logistic with a fixed scale.
 * It is what the learned encoder must beat.
 *
 * @example
 * ```ts
 * const baseline = pooledLogMelEmbedding();
 * const h = baseline.embed(audio); // [batch, 64]
 * ```
 * @module
 */
import { logMelSpectrogram } from '@ae-ddsp/features';
import * as tf from '@tensorflow/tfjs-core';
import type { TimbreEmbedding } from './timbre-embedding';
import { centredMeanLogMel } from './timbre-features';

/** Options of {@link pooledLogMelEmbedding}. */
export interface PooledLogMelOptions {
  /** Sample rate, Hz. Default 16000. */
  readonly sampleRate?: number;
  /** FFT length. Default 1024. */
  readonly fftLength?: number;
  /** Mel bands, the embedding's size. Default 64. */
  readonly melBins?: number;
  /** Natural-log units per logistic unit. Default 4 (a band 4 nepers above the clip's mean maps to 0.73). */
  readonly scale?: number;
}

/** Defaults of {@link PooledLogMelOptions}. */
export const DEFAULT_POOLED_LOG_MEL_OPTIONS: Readonly<Required<PooledLogMelOptions>> = Object.freeze({
  sampleRate: 16000,
  fftLength: 1024,
  melBins: 64,
  scale: 4,
});

/** The fixed baseline embedding: sigmoid(centred mean log-mel / scale), differentiable. */
export function pooledLogMelEmbedding(options: PooledLogMelOptions = {}): TimbreEmbedding {
  const o = { ...DEFAULT_POOLED_LOG_MEL_OPTIONS, ...options };
  if (!(o.scale > 0)) throw new RangeError(`pooledLogMelEmbedding: scale must be > 0, got ${o.scale}`);
  return Object.freeze({
    name: 'pooled-log-mel',
    dimensions: o.melBins,
    sampleRate: o.sampleRate,
    embed(audio: tf.Tensor2D): tf.Tensor2D {
      return tf.tidy(() => {
        const logMel = logMelSpectrogram(audio, {
          fftLength: o.fftLength,
          hopLength: 256,
          melBins: o.melBins,
          sampleRate: o.sampleRate,
        });
        return tf.sigmoid(tf.div(centredMeanLogMel(logMel), o.scale)) as tf.Tensor2D;
      });
    },
  });
}
