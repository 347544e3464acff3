/**
 * Input checks shared by the ops: clear errors naming the input and the expectation.
 *
 * @example
 * ```ts
 * assertAudio(audio, 'stft', 513); // throws unless audio is float32 [batch, >= 513 samples]
 * ```
 * @module
 */
import type * as tf from '@tensorflow/tfjs-core';

/**
 * Throws unless `audio` is a float32 rank-2 tensor `[batch, samples]` with at least
 * `minSamples` samples; `op` names the caller in the message.
 */
export function assertAudio(audio: tf.Tensor, op: string, minSamples: number): void {
  if (audio == null || !Array.isArray((audio as { shape?: unknown }).shape)) {
    throw new Error(`${op}: audio must be a tf.Tensor of shape [batch, samples], got ${String(audio)}`);
  }
  if (audio.rank !== 2) {
    throw new Error(
      `${op}: audio must be a rank-2 tensor [batch, samples], got rank ${audio.rank} with shape [${audio.shape.join(', ')}]`,
    );
  }
  if (audio.dtype !== 'float32') throw new Error(`${op}: audio must be float32, got ${audio.dtype}`);
  const [batch, samples] = audio.shape as [number, number];
  if (batch < 1) throw new Error(`${op}: audio batch size must be >= 1, got ${batch}`);
  if (samples < minSamples) {
    throw new Error(
      `${op}: audio has ${samples} samples, shorter than one frame: need at least ${minSamples} samples`,
    );
  }
}
