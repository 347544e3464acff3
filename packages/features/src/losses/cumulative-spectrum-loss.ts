/**
 * The cumulative-spectrum (1-D Wasserstein-like) loss against a cached target: unlike
 * bin-wise distances it gives a pitch mismatch a gradient direction. The target's
 * normalised cumulative spectra are computed once; each call runs
 * {@link audioCumulativeSpectrumDistance} (one fused kernel on `cpu`, tfjs ops elsewhere).
 *
 * @example
 * ```ts
 * const emd = createCumulativeSpectrumLoss(target, { fftLength: 4096 });
 * const total = combineLosses([{ loss: createLogMelLoss(target), weight: 1 }, { loss: emd, weight: 10 }]);
 * const { value, grads } = tf.variableGrads(() => total(synth()));
 * total.dispose();
 * ```
 * @module
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { WindowType } from '../stft/window';
import { audioCumulativeSpectrumDistance, targetCumulativeSpectrum } from './cumulative-spectrum-distance';
import { keepTarget, makeTargetLoss, type TargetLoss } from './target-loss';

/** Options of {@link createCumulativeSpectrumLoss}. */
export interface CumulativeSpectrumOptions {
  /** FFT length in samples. Default 4096. */
  fftLength?: number;
  /** Hop in samples. Default 256. */
  hopLength?: number;
  /** Spectrum raised to this power before normalising: 2 (power, default) or 1 (magnitude). */
  power?: 1 | 2;
  /** Analysis window (periodic, `fftLength` long). Default `'hann'`. */
  window?: WindowType;
}

/**
 * The cumulative-spectrum loss of audio against a cached target:
 * `cumulativeSpectrumDistance(stft(audio), stft(target))` with the target's CDFs cached until `dispose()`; a
 * target with batch 1 is broadcast over the audio's batch.
 */
export function createCumulativeSpectrumLoss(
  target: tf.Tensor,
  options: CumulativeSpectrumOptions = {},
): TargetLoss {
  const config = {
    fftLength: options.fftLength ?? 4096,
    hopLength: options.hopLength ?? 256,
    power: options.power ?? 2,
    window: options.window ?? 'hann',
  };
  const targetCdf = keepTarget(() => targetCumulativeSpectrum(target, config));
  return makeTargetLoss(
    (audio) => audioCumulativeSpectrumDistance(audio, targetCdf, config),
    () => targetCdf.dispose(),
    target.shape,
  );
}
