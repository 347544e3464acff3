/**
 * The note's spectral centroid as one number in Hz: the package's per-frame
 * {@link spectralCentroid} of its {@link stft}, averaged over frames weighted by each frame's
 * spectral magnitude (so silence and quiet tails count little). Needs a tfjs backend; the
 * tensors it makes are disposed.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-cpu';
 * spectralCentroidSummary(audio, 16000); // Hz
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { spectralCentroid } from '../stats/spectral-statistics';
import { stft } from '../stft/stft';
import { minimumSignalLength, resolveStftOptions, type StftOptions } from '../stft/stft-options';
import { assertAnalysisAudio } from './validate-audio';

/**
 * Magnitude-weighted mean of the per-frame spectral centroid of `audio` (mono, `sampleRate`
 * Hz), Hz; `stftOptions` default to the package's STFT defaults (1024-point Hann, hop 256)
 * except that frames are not centred (`center: false`): reflect-padding the ends would add
 * a kink, and brightness, to a note cut off at the file's edge. Silent audio gives NaN (no
 * spectrum to weigh). Throws on empty, too short (shorter than one frame) or non-finite
 * audio and on a non-positive sample rate.
 */
export function spectralCentroidSummary(
  audio: Float32Array,
  sampleRate: number,
  stftOptions: StftOptions = {},
): number {
  const config = resolveStftOptions({ center: false, ...stftOptions, power: 2 });
  assertAnalysisAudio(audio, sampleRate, 'spectralCentroidSummary', minimumSignalLength(config));
  const [centroid, weight] = tf.tidy(() => {
    const power = stft(tf.tensor2d(audio, [1, audio.length]), config);
    const perFrame = spectralCentroid(power, { sampleRate });
    const magnitude = tf.sum(tf.sqrt(power), 2);
    return [perFrame.dataSync(), magnitude.dataSync()];
  });
  let weighted = 0;
  let total = 0;
  for (let k = 0; k < centroid!.length; k++) {
    weighted += centroid![k]! * weight![k]!;
    total += weight![k]!;
  }
  return total > 0 ? weighted / total : Number.NaN;
}
