/**
 * The log-mel distance of audio to target log-mel features at one resolution, as one fused
 * `cpu` kernel (`AeLogMelDistance`): frames → window → real FFT → power → sparse mel → log →
 * L1/L2 distance. While a gradient tape records, the same sweep also computes the gradient
 * w.r.t. the audio (per frame: ∂/∂mel → ∂/∂spectrum → adjoint real FFT → window →
 * overlap-add), so the backward pass is a single multiply; otherwise only the value is
 * computed. Other backends compose {@link logMelSpectrogram} with tfjs ops. Both give
 * `mean(|log(mel + ε) − target|^p)`.
 *
 * @example
 * ```ts
 * const target = logMelSpectrogram(targetAudio, { fftLength: 4096 });
 * const loss = logMelDistance(audio, target, { fftLength: 4096, distance: 'l2' });
 * ```
 * @module
 */

import { hasKernel, makeFloat32, readFloat32, tapeRecording } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { ensureStockGradients } from '../gradients';
import { LOG_MEL_DISTANCE_KERNEL } from '../kernel-names';
import { filterbankForConfig, melAttrs } from '../mel/mel-kernels';
import { type MelConfig, type MelSpectrogramOptions, resolveMelOptions } from '../mel/mel-options';
import { logMelSpectrogram } from '../mel/mel-spectrogram';
import { forEachFrameSpectrum, stftWithAdjoint } from '../stft/stft-cpu';
import { frameCount, minimumSignalLength } from '../stft/stft-options';
import { assertAudio } from '../validate';
import { registerFusedDistanceKernel } from './fused-distance-kernel';

/** Options of {@link logMelDistance}. */
export interface LogMelDistanceOptions extends MelSpectrogramOptions {
  /** `'l2'` (mean squared, default) or `'l1'` (mean absolute). */
  distance?: 'l1' | 'l2';
}

type Attrs = MelConfig & { signalLength: number; distance: 'l1' | 'l2'; withGradient: boolean };

const distanceKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'] as tf.TensorInfo;
  const targetInfo = inputs['target'] as tf.TensorInfo;
  const config = attrs as unknown as Attrs;
  const [batch, length] = x.shape as [number, number];
  const bank = filterbankForConfig(config);
  const { binBand, binWeightLo, binWeightHi } = bank;
  const bins = bank.bins;
  const mels = bank.melBins;
  const frames = frameCount(length, config);
  const count = batch * frames * mels;
  const target = readFloat32(backend, targetInfo);
  const targetBatch = targetInfo.shape[0]!;
  const l2 = config.distance === 'l2';
  const eps = config.epsilon;
  const mel = new Float64Array(mels + 2); // two spare slots for bins outside every band
  const gradMel = new Float64Array(mels + 2); // spare slots stay 0
  let sum = 0;
  /** Adds the frame's distance to `sum` and, with a gradient, its ∂/∂mel to `gradMel`. */
  const frameLoss = (row: number, re: Float64Array, im: Float64Array, withGradient: boolean) => {
    // binBand is non-decreasing in k: accumulate each run of bins in registers
    mel.fill(0);
    let band = binBand[0]!;
    let accLo = 0;
    let accHi = 0;
    for (let k = 0; k < bins; k++) {
      const b = binBand[k]!;
      if (b !== band) {
        mel[band] = mel[band]! + accLo;
        mel[band + 1] = mel[band + 1]! + accHi;
        band = b;
        accLo = 0;
        accHi = 0;
      }
      const p = re[k]! * re[k]! + im[k]! * im[k]!;
      accLo += binWeightLo[k]! * p;
      accHi += binWeightHi[k]! * p;
    }
    mel[band] = mel[band]! + accLo;
    mel[band + 1] = mel[band + 1]! + accHi;
    const targetBase = (targetBatch === 1 ? row % frames : row) * mels;
    for (let m = 0; m < mels; m++) {
      const shifted = mel[m]! + eps;
      const diff = Math.log(shifted) - target[targetBase + m]!;
      sum += l2 ? diff * diff : Math.abs(diff);
      // d log(mel + ε)/d mel = 1/(mel + ε)
      if (withGradient) gradMel[m] = (l2 ? 2 * diff : Math.sign(diff)) / (count * shifted);
    }
  };
  const signal = readFloat32(backend, x);
  if (!config.withGradient) {
    forEachFrameSpectrum(signal, batch, length, config, (row, re, im) => frameLoss(row, re, im, false));
    return [
      makeFloat32(backend, [], Float32Array.of(sum / count)),
      makeFloat32(backend, [0], new Float32Array(0)),
    ];
  }
  const dx = stftWithAdjoint(signal, batch, length, config, (row, re, im, gRe, gIm) => {
    frameLoss(row, re, im, true);
    // d mel_m/d power_k = w_mk; d power/d (Re, Im) = 2·(Re, Im)
    let band = binBand[0]!;
    let gLo = gradMel[band]!;
    let gHi = gradMel[band + 1]!;
    for (let k = 0; k < bins; k++) {
      const b = binBand[k]!;
      if (b !== band) {
        band = b;
        gLo = gradMel[b]!;
        gHi = gradMel[b + 1]!;
      }
      const g = 2 * (binWeightLo[k]! * gLo + binWeightHi[k]! * gHi);
      gRe[k] = g * re[k]!;
      gIm[k] = g * im[k]!;
    }
  });
  return [makeFloat32(backend, [], Float32Array.of(sum / count)), makeFloat32(backend, [batch, length], dx)];
};

/** Registers the `AeLogMelDistance` kernel (cpu) and its gradient, once. */
export function ensureLogMelDistanceKernels(): void {
  registerFusedDistanceKernel(LOG_MEL_DISTANCE_KERNEL, distanceKernel, 'logMelDistance', 'target features');
}

/**
 * `mean(|log(mel(audio) + ε) − target|^p)` (p = 2 for `'l2'`, 1 for `'l1'`) over batch, frames
 * and mels; `target` is `[batch or 1, frames, melBins]` log-mel features of the same options.
 * Differentiable w.r.t. the audio.
 */
export function logMelDistance(
  audio: tf.Tensor,
  target: tf.Tensor,
  options: LogMelDistanceOptions = {},
): tf.Scalar {
  const { distance = 'l2', ...melOptions } = options;
  if (distance !== 'l1' && distance !== 'l2') {
    throw new Error(`logMelDistance: distance must be 'l1' or 'l2', got ${distance}`);
  }
  const config = resolveMelOptions(melOptions);
  assertAudio(audio, 'logMelDistance', minimumSignalLength(config));
  const [batch, length] = audio.shape as [number, number];
  const expected = [frameCount(length, config), config.melBins];
  if (
    target == null ||
    target.rank !== 3 ||
    (target.shape[0] !== 1 && target.shape[0] !== batch) ||
    target.shape[1] !== expected[0] ||
    target.shape[2] !== expected[1]
  ) {
    throw new Error(
      `logMelDistance: target must be log-mel features of shape [${batch} or 1, ${expected.join(', ')}] ` +
        `for audio of shape [${batch}, ${length}], got [${target?.shape?.join(', ')}]`,
    );
  }
  ensureStockGradients();
  ensureLogMelDistanceKernels();
  if (hasKernel(LOG_MEL_DISTANCE_KERNEL)) {
    const attrs = { ...melAttrs(config, true, length), distance, withGradient: tapeRecording() };
    const [loss, gradient] = tf.engine().runKernel(LOG_MEL_DISTANCE_KERNEL, { x: audio, target }, attrs) as [
      tf.Scalar,
      tf.Tensor,
    ];
    gradient.dispose();
    return loss;
  }
  return tf.tidy(() => {
    const d = tf.sub(logMelSpectrogram(audio, config), target);
    return (distance === 'l2' ? tf.mean(tf.square(d)) : tf.mean(tf.abs(d))) as tf.Scalar;
  });
}
