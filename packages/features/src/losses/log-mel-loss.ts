/**
 * The multi-resolution log-mel loss of the seed: for each FFT size, the mean (L2: squared,
 * L1: absolute) difference of `log(mel + 1e-6)` between audio and target; the per-scale
 * terms are AVERAGED over scales by default (the seed's `loss /= len(S_list)`, as auraloss),
 * or summed (as DDSP) with `scaleReduction: 'sum'`.
 *
 * @example
 * ```ts
 * const loss = createLogMelLoss(target); // n_fft 1024 & 4096, hop 256, 64 mels, L2, mean over scales
 * const { value, grads } = tf.variableGrads(() => loss(synth()));
 * loss.dispose();
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { type CachedFeatures, cacheFeatures } from '../encoder/feature-encoder';
import {
  logMelFeatureName,
  type MultiResolutionOptions,
  multiResolutionLogMelEncoder,
  multiResolutionScales,
} from '../encoder/multi-resolution';
import { logMelDistance } from './log-mel-distance';
import { makeTargetLoss, type TargetLoss } from './target-loss';

/** Options of {@link createLogMelLoss}. */
export interface LogMelLossOptions extends MultiResolutionOptions {
  /** `'l2'` (mean squared, the seed's) or `'l1'` (mean absolute). Default `'l2'`. */
  distance?: 'l1' | 'l2';
  /** Combine the per-scale terms by `'mean'` (default, the seed's) or `'sum'`. */
  scaleReduction?: 'mean' | 'sum';
}

/**
 * The multi-resolution log-mel distance between `audio` and already-encoded target
 * features (named `logMel<n_fft>`, see {@link multiResolutionLogMelEncoder}).
 */
export function multiResolutionLogMelLoss(
  audio: tf.Tensor,
  target: CachedFeatures['features'],
  options: LogMelLossOptions = {},
): tf.Scalar {
  const { distance = 'l2', scaleReduction = 'mean', ...rest } = options;
  if (distance !== 'l1' && distance !== 'l2')
    throw new Error(`logMelLoss: distance must be 'l1' or 'l2', got ${distance}`);
  if (scaleReduction !== 'mean' && scaleReduction !== 'sum') {
    throw new Error(`logMelLoss: scaleReduction must be 'mean' or 'sum', got ${scaleReduction}`);
  }
  const scales = multiResolutionScales(rest);
  return tf.tidy(() => {
    let total: tf.Tensor | undefined;
    for (const scale of scales) {
      const name = logMelFeatureName(scale.fftLength!);
      const t = target[name];
      if (!t) throw new Error(`logMelLoss: target has no feature "${name}"`);
      const term = logMelDistance(audio, t, { ...scale, distance });
      total = total ? tf.add(total, term) : term;
    }
    return (scaleReduction === 'mean' ? tf.div(total!, scales.length) : total!) as tf.Scalar;
  });
}

/**
 * Encodes `target` `[batch or 1, samples]` once and returns `loss(audio)`, the
 * multi-resolution log-mel distance of `audio` to it (broadcast over the batch when the
 * target has batch 1). Call `dispose()` when done.
 */
export function createLogMelLoss(target: tf.Tensor, options: LogMelLossOptions = {}): TargetLoss {
  const { distance: _d, scaleReduction: _s, ...encoderOptions } = options;
  multiResolutionScales(encoderOptions); // validate early
  const cached = cacheFeatures(multiResolutionLogMelEncoder(encoderOptions), target);
  return makeTargetLoss(
    (audio) => multiResolutionLogMelLoss(audio, cached.features, options),
    () => cached.dispose(),
    target.shape,
  );
}
