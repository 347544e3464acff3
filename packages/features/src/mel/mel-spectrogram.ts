/**
 * Differentiable mel and log-mel spectrograms of `[batch, samples]` audio, shaped
 * `[batch, frames, melBins]`. The `cpu` backend runs the fused `AeMelSpectrogram` kernel; other
 * backends compose {@link stft}'s composite path, a matMul with the filterbank and a log.
 *
 * @example
 * ```ts
 * const logMel = logMelSpectrogram(audio, { fftLength: 1024, hopLength: 256, melBins: 64 });
 * ```
 * @module
 */

import { hasKernel, tapeRecording } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { ensureStockGradients } from '../gradients';
import { MEL_KERNEL } from '../kernel-names';
import { stftComposite } from '../stft/stft-composite';
import { minimumSignalLength } from '../stft/stft-options';
import { assertAudio } from '../validate';
import { melFilterbank } from './mel-filterbank';
import { ensureMelKernels, melAttrs } from './mel-kernels';
import { type MelConfig, type MelSpectrogramOptions, resolveMelOptions } from './mel-options';

function run(audio: tf.Tensor, config: MelConfig, log: boolean, op: string): tf.Tensor3D {
  assertAudio(audio, op, minimumSignalLength(config));
  ensureStockGradients();
  ensureMelKernels();
  if (hasKernel(MEL_KERNEL)) {
    const [out, spectrum] = tf
      .engine()
      .runKernel(MEL_KERNEL, { x: audio }, melAttrs(config, log, audio.shape[1]!, tapeRecording())) as [
      tf.Tensor3D,
      tf.Tensor,
    ];
    spectrum.dispose();
    return out;
  }
  return tf.tidy(() => {
    const bank = melFilterbank({ ...config });
    const power = stftComposite(audio, config);
    const [batch, frames, bins] = power.shape;
    const fb = tf.tensor2d(bank.dense, [bins, bank.melBins]);
    const mel = tf.reshape(tf.matMul(tf.reshape(power, [batch * frames, bins]), fb), [
      batch,
      frames,
      bank.melBins,
    ]);
    return (log ? tf.log(tf.add(mel, config.epsilon)) : mel) as tf.Tensor3D;
  });
}

/** Mel power spectrogram `[batch, frames, melBins]` (power 2, HTK mels, no norm by default). */
export function melSpectrogram(audio: tf.Tensor, options: MelSpectrogramOptions = {}): tf.Tensor3D {
  return run(audio, resolveMelOptions(options), false, 'melSpectrogram');
}

/** Log-mel spectrogram `log(mel + ε)` (natural log, ε = 1e-6 by default), `[batch, frames, melBins]`. */
export function logMelSpectrogram(audio: tf.Tensor, options: MelSpectrogramOptions = {}): tf.Tensor3D {
  return run(audio, resolveMelOptions(options), true, 'logMelSpectrogram');
}
