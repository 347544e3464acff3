/**
 * The fused `AeMelSpectrogram` kernel for the `cpu` backend: frames → window → real FFT →
 * power → sparse mel projection → optional log(· + ε), and its gradient computed in one
 * backward pass (sparse transposed projection, adjoint real FFT, overlap-add, reflect fold).
 *
 * @example
 * ```ts
 * ensureMelKernels();
 * const [logMel, saved] = tf.engine().runKernel(MEL_KERNEL, { x }, melAttrs(config, true, 16000));
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeFloat32, readFloat32 } from '../backend-access';
import { stftBackward, stftSpectrum } from '../stft/stft-cpu';
import { packSpectrum } from '../stft/stft-kernels';
import { type MelFilterbank, melFilterbank } from './mel-filterbank';
import type { MelConfig } from './mel-options';

/** Kernel name: inputs `{x}`; outputs `[mel or log-mel [batch, frames, mels], complexSpectrum]`. */
export const MEL_KERNEL = 'AeMelSpectrogram';
/** Kernel name of the backward pass: inputs `{dy, spectrum, y}`; output `dx`. */
export const MEL_GRAD_KERNEL = 'AeMelSpectrogramGrad';

/** Kernel attributes for a mel spectrogram (log-mel when `log`) of `signalLength`-sample signals. */
export function melAttrs(config: MelConfig, log: boolean, signalLength: number): tf.NamedAttrMap {
  return {
    fftLength: config.fftLength,
    hopLength: config.hopLength,
    windowLength: config.windowLength,
    center: config.center,
    power: 2,
    sampleRate: config.sampleRate,
    melBins: config.melBins,
    fMinHz: config.fMinHz,
    fMaxHz: config.fMaxHz,
    melScale: config.melScale,
    norm: config.norm,
    epsilon: config.epsilon,
    log,
    signalLength,
  };
}

function readAttrs(attrs: tf.NamedAttrMap | undefined): MelConfig & { log: boolean; signalLength: number } {
  return attrs as unknown as MelConfig & { log: boolean; signalLength: number };
}

function bankFor(config: MelConfig): MelFilterbank {
  return melFilterbank({
    sampleRate: config.sampleRate,
    fftLength: config.fftLength,
    melBins: config.melBins,
    fMinHz: config.fMinHz,
    fMaxHz: config.fMaxHz,
    melScale: config.melScale,
    norm: config.norm,
  });
}

const melKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'] as tf.TensorInfo;
  const [batch, length] = x.shape as [number, number];
  const config = readAttrs(attrs);
  const bank = bankFor(config);
  const spectrum = stftSpectrum(readFloat32(backend, x), batch, length, config);
  const { re, im, frames, bins } = spectrum;
  const mels = bank.melBins;
  const out = new Float32Array(batch * frames * mels);
  const power = new Float64Array(bins);
  const { start, end, offset, weights } = bank;
  const eps = config.epsilon;
  for (let row = 0; row < batch * frames; row++) {
    const base = row * bins;
    for (let k = 0; k < bins; k++) {
      const r = re[base + k]!;
      const i = im[base + k]!;
      power[k] = r * r + i * i;
    }
    const outBase = row * mels;
    for (let m = 0; m < mels; m++) {
      let acc = 0;
      const o = offset[m]! - start[m]!;
      for (let k = start[m]!; k < end[m]!; k++) acc += weights[o + k]! * power[k]!;
      out[outBase + m] = config.log ? Math.log(acc + eps) : acc;
    }
  }
  return [
    makeFloat32(backend, [batch, frames, mels], out),
    makeFloat32(backend, [2, batch, frames, bins], packSpectrum(spectrum)),
  ];
};

const melGradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const dyInfo = inputs['dy'] as tf.TensorInfo;
  const config = readAttrs(attrs);
  const bank = bankFor(config);
  const dy = readFloat32(backend, dyInfo);
  const y = readFloat32(backend, inputs['y'] as tf.TensorInfo);
  const packed = readFloat32(backend, inputs['spectrum'] as tf.TensorInfo);
  const [batch, frames, mels] = dyInfo.shape as [number, number, number];
  const bins = bank.bins;
  const n = batch * frames * bins;
  const gRe = new Float64Array(n);
  const gIm = new Float64Array(n);
  const gradMel = new Float64Array(mels);
  const gradPower = new Float64Array(bins);
  const { start, end, offset, weights } = bank;
  for (let row = 0; row < batch * frames; row++) {
    const melBase = row * mels;
    for (let m = 0; m < mels; m++) {
      // d log(mel + ε) / d mel = 1 / (mel + ε) = exp(−y)
      gradMel[m] = config.log ? dy[melBase + m]! * Math.exp(-y[melBase + m]!) : dy[melBase + m]!;
    }
    gradPower.fill(0);
    for (let m = 0; m < mels; m++) {
      const g = gradMel[m]!;
      if (g === 0) continue;
      const o = offset[m]! - start[m]!;
      for (let k = start[m]!; k < end[m]!; k++) gradPower[k] = gradPower[k]! + weights[o + k]! * g;
    }
    const base = row * bins;
    for (let k = 0; k < bins; k++) {
      const g = 2 * gradPower[k]!;
      gRe[base + k] = g * packed[base + k]!;
      gIm[base + k] = g * packed[n + base + k]!;
    }
  }
  const dx = stftBackward(gRe, gIm, batch, config.signalLength, config);
  return makeFloat32(backend, [batch, config.signalLength], dx);
};

let registered = false;

/** Registers `AeMelSpectrogram`, its backward kernel (cpu) and its gradient, once. */
export function ensureMelKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(MEL_KERNEL, 'cpu') == null) {
    tf.registerKernel({ kernelName: MEL_KERNEL, backendName: 'cpu', kernelFunc: melKernel });
    tf.registerKernel({ kernelName: MEL_GRAD_KERNEL, backendName: 'cpu', kernelFunc: melGradKernel });
  }
  if (tf.getGradient(MEL_KERNEL) == null) {
    tf.registerGradient({
      kernelName: MEL_KERNEL,
      outputsToSave: [true, true],
      gradFunc: (dys, saved, attrs) => {
        const dy = Array.isArray(dys) ? dys[0]! : dys;
        const [y, spectrum] = saved as [tf.Tensor, tf.Tensor];
        return { x: () => tf.engine().runKernel(MEL_GRAD_KERNEL, { dy, spectrum, y }, attrs) as tf.Tensor };
      },
    });
  }
}
