/**
 * The differentiable STFT op: `[batch, samples]` audio → `[batch, frames, bins]` power or
 * magnitude spectrogram. Runs the `AeStft` kernel where registered (`cpu`), otherwise the
 * composite tfjs-ops path; both have gradients.
 *
 * @example
 * ```ts
 * const power = stft(audio, { fftLength: 1024, hopLength: 256 }); // [batch, 63, 513] for 1 s @ 16 kHz
 * const grad = tf.grad((x: tf.Tensor2D) => tf.sum(stft(x)))(audio);
 * ```
 * @module
 */

import { hasKernel, tapeRecording } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { ensureStockGradients } from '../gradients';
import { STFT_KERNEL } from '../kernel-names';
import { assertAudio } from '../validate';
import { stftComposite } from './stft-composite';
import { ensureStftKernels, stftAttrs } from './stft-kernels';
import { minimumSignalLength, resolveStftOptions, type StftOptions } from './stft-options';

/**
 * Power (default) or magnitude spectrogram of `audio` `[batch, samples]`, shaped
 * `[batch, frames, fftLength/2 + 1]`; torchaudio conventions (periodic Hann, centred with
 * reflect padding). Throws on wrong rank or signals shorter than one frame.
 */
export function stft(audio: tf.Tensor, options: StftOptions = {}): tf.Tensor3D {
  const config = resolveStftOptions(options);
  assertAudio(audio, 'stft', minimumSignalLength(config));
  ensureStockGradients();
  ensureStftKernels();
  if (hasKernel(STFT_KERNEL)) {
    const [out, spectrum] = tf
      .engine()
      .runKernel(STFT_KERNEL, { x: audio }, stftAttrs(config, audio.shape[1]!, tapeRecording())) as [
      tf.Tensor3D,
      tf.Tensor,
    ];
    spectrum.dispose();
    return out;
  }
  return stftComposite(audio as tf.Tensor2D, config);
}
