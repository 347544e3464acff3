/**
 * The log-mel distance of audio to target log-mel features at one resolution, as one fused
 * `cpu` kernel (`AeLogMelDistance`): frames → window → real FFT → power → sparse mel → log →
 * L1/L2 distance, whose forward pass also forms the gradient w.r.t. the complex spectrum, so
 * the backward pass is only the adjoint real FFTs and the overlap-add. Other backends compose
 * {@link logMelSpectrogram} with tfjs ops. Both give `mean(|log(mel + ε) − target|^p)`.
 *
 * @example
 * ```ts
 * const target = logMelSpectrogram(targetAudio, { fftLength: 4096 });
 * const loss = logMelDistance(audio, target, { fftLength: 4096, distance: 'l2' });
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { hasKernel, makeFloat32, readFloat32 } from '../backend-access';
import { ensureStockGradients } from '../gradients';
import { filterbankForConfig, melAttrs } from '../mel/mel-kernels';
import { type MelConfig, type MelSpectrogramOptions, resolveMelOptions } from '../mel/mel-options';
import { logMelSpectrogram } from '../mel/mel-spectrogram';
import { forEachFrameSpectrum, stftBackward } from '../stft/stft-cpu';
import { frameCount, minimumSignalLength } from '../stft/stft-options';
import { assertAudio } from '../validate';

/** Kernel name: inputs `{x, target}`; outputs `[loss (scalar), ∂loss/∂spectrum (packed)]`. */
export const LOG_MEL_DISTANCE_KERNEL = 'AeLogMelDistance';
/** Kernel name of the backward pass: inputs `{dy, spectrumGrad}`; output `dx`. */
export const LOG_MEL_DISTANCE_GRAD_KERNEL = 'AeLogMelDistanceGrad';

/** Options of {@link logMelDistance}. */
export interface LogMelDistanceOptions extends MelSpectrogramOptions {
  /** `'l2'` (mean squared, default) or `'l1'` (mean absolute). */
  distance?: 'l1' | 'l2';
}

type Attrs = MelConfig & { signalLength: number; distance: 'l1' | 'l2' };

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
  const total = batch * frames * bins;
  const count = batch * frames * mels;
  const target = readFloat32(backend, targetInfo);
  const targetBatch = targetInfo.shape[0]!;
  const l2 = config.distance === 'l2';
  const eps = config.epsilon;
  const mel = new Float64Array(mels + 2); // two spare slots for bins outside every band
  const gradMel = new Float64Array(mels + 2);
  const gradSpectrum = new Float32Array(2 * total);
  let sum = 0;
  forEachFrameSpectrum(readFloat32(backend, x), batch, length, config, (row, re, im) => {
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
      // d log(mel + ε)/d mel = 1/(mel + ε)
      if (l2) {
        sum += diff * diff;
        gradMel[m] = (2 * diff) / (count * shifted);
      } else {
        sum += Math.abs(diff);
        gradMel[m] = Math.sign(diff) / (count * shifted);
      }
    }
    // d mel_m/d power_k = w_mk; d power/d (Re, Im) = 2·(Re, Im)
    const base = row * bins;
    band = binBand[0]!;
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
      gradSpectrum[base + k] = g * re[k]!;
      gradSpectrum[total + base + k] = g * im[k]!;
    }
  });
  return [
    makeFloat32(backend, [], Float32Array.of(sum / count)),
    makeFloat32(backend, [2, batch, frames, bins], gradSpectrum),
  ];
};

const distanceGradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const config = attrs as unknown as Attrs;
  const dy = readFloat32(backend, inputs['dy'] as tf.TensorInfo)[0]!;
  const gradInfo = inputs['spectrumGrad'] as tf.TensorInfo;
  const packed = readFloat32(backend, gradInfo);
  const [, batch, frames, bins] = gradInfo.shape as [number, number, number, number];
  const total = batch * frames * bins;
  const dx = stftBackward(batch, config.signalLength, config, (row, gRe, gIm) => {
    const base = row * bins;
    for (let k = 0; k < bins; k++) {
      gRe[k] = dy * packed[base + k]!;
      gIm[k] = dy * packed[total + base + k]!;
    }
  });
  return makeFloat32(backend, [batch, config.signalLength], dx);
};

let registered = false;

/** Registers `AeLogMelDistance`, its backward kernel (cpu) and its gradient, once. */
export function ensureLogMelDistanceKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(LOG_MEL_DISTANCE_KERNEL, 'cpu') == null) {
    tf.registerKernel({
      kernelName: LOG_MEL_DISTANCE_KERNEL,
      backendName: 'cpu',
      kernelFunc: distanceKernel,
    });
    tf.registerKernel({
      kernelName: LOG_MEL_DISTANCE_GRAD_KERNEL,
      backendName: 'cpu',
      kernelFunc: distanceGradKernel,
    });
  }
  if (tf.getGradient(LOG_MEL_DISTANCE_KERNEL) == null) {
    tf.registerGradient({
      kernelName: LOG_MEL_DISTANCE_KERNEL,
      outputsToSave: [false, true],
      gradFunc: (dys, saved, attrs) => {
        const dy = Array.isArray(dys) ? dys[0]! : dys;
        const spectrumGrad = saved[0]!;
        return {
          x: () =>
            tf.engine().runKernel(LOG_MEL_DISTANCE_GRAD_KERNEL, { dy, spectrumGrad }, attrs) as tf.Tensor,
          target: () => {
            throw new Error('logMelDistance: the gradient w.r.t. the target features is not implemented');
          },
        };
      },
    });
  }
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
    const attrs = { ...melAttrs(config, true, length), distance };
    const [loss, spectrumGrad] = tf
      .engine()
      .runKernel(LOG_MEL_DISTANCE_KERNEL, { x: audio, target }, attrs) as [tf.Scalar, tf.Tensor];
    spectrumGrad.dispose();
    return loss;
  }
  return tf.tidy(() => {
    const d = tf.sub(logMelSpectrogram(audio, config), target);
    return (distance === 'l2' ? tf.mean(tf.square(d)) : tf.mean(tf.abs(d))) as tf.Scalar;
  });
}
