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
import { type CpuKernelSpec, makeFloat32, readFloat32, registerCpuKernel } from '@ae-ddsp/kernel-registry';
import type * as tf from '@tensorflow/tfjs-core';
import { MEL_GRAD_KERNEL, MEL_KERNEL } from '../kernel-names';
import { forEachFrameSpectrum, stftBackward } from '../stft/stft-cpu';
import { frameCount } from '../stft/stft-options';
import { type MelFilterbank, melFilterbank } from './mel-filterbank';
import type { MelConfig } from './mel-options';

/**
 * Kernel attributes for a mel spectrogram (log-mel when `log`) of `signalLength`-sample
 * signals; `saveSpectrum` (default true) keeps the complex spectrum for the backward pass.
 */
export function melAttrs(
  config: MelConfig,
  log: boolean,
  signalLength: number,
  saveSpectrum = true,
): tf.NamedAttrMap {
  return {
    fftLength: config.fftLength,
    hopLength: config.hopLength,
    windowLength: config.windowLength,
    window: config.window,
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
    saveSpectrum,
  };
}

function readAttrs(
  attrs: tf.NamedAttrMap | undefined,
): MelConfig & { log: boolean; signalLength: number; saveSpectrum?: boolean } {
  return attrs as unknown as MelConfig & { log: boolean; signalLength: number; saveSpectrum?: boolean };
}

/** The (cached) filterbank a {@link MelConfig} describes. */
export function filterbankForConfig(config: MelConfig): MelFilterbank {
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
  const bank = filterbankForConfig(config);
  const bins = bank.bins;
  const mels = bank.melBins;
  const frames = frameCount(length, config);
  const total = batch * frames * bins;
  const out = new Float32Array(batch * frames * mels);
  const save = config.saveSpectrum !== false;
  const packed = new Float32Array(save ? 2 * total : 0);
  const power = new Float64Array(bins);
  const { start, end, offset, weights } = bank;
  const eps = config.epsilon;
  const log = Boolean(config.log);
  forEachFrameSpectrum(readFloat32(backend, x), batch, length, config, (row, re, im) => {
    const base = row * bins;
    for (let k = 0; k < bins; k++) {
      const r = re[k]!;
      const i = im[k]!;
      power[k] = r * r + i * i;
    }
    if (save) {
      for (let k = 0; k < bins; k++) {
        packed[base + k] = re[k]!;
        packed[total + base + k] = im[k]!;
      }
    }
    const outBase = row * mels;
    for (let m = 0; m < mels; m++) {
      let acc = 0;
      const o = offset[m]! - start[m]!;
      const e = end[m]!;
      for (let k = start[m]!; k < e; k++) acc += weights[o + k]! * power[k]!;
      out[outBase + m] = log ? Math.log(acc + eps) : acc;
    }
  });
  return [
    makeFloat32(backend, [batch, frames, mels], out),
    makeFloat32(backend, save ? [2, batch, frames, bins] : [0], packed),
  ];
};

const melGradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const dyInfo = inputs['dy'] as tf.TensorInfo;
  const config = readAttrs(attrs);
  const bank = filterbankForConfig(config);
  const dy = readFloat32(backend, dyInfo);
  const y = readFloat32(backend, inputs['y'] as tf.TensorInfo);
  const packed = readFloat32(backend, inputs['spectrum'] as tf.TensorInfo);
  if (packed.length === 0) {
    throw new Error('melSpectrogram: the forward pass ran without a gradient tape recording');
  }
  const [batch, frames, mels] = dyInfo.shape as [number, number, number];
  const bins = bank.bins;
  const total = batch * frames * bins;
  const gradMel = new Float64Array(mels + 2); // spare slots for bins outside every band stay 0
  const { binBand, binWeightLo, binWeightHi } = bank;
  const log = Boolean(config.log);
  const dx = stftBackward(batch, config.signalLength, config, (row, gRe, gIm) => {
    const melBase = row * mels;
    for (let m = 0; m < mels; m++) {
      // d log(mel + ε) / d mel = 1 / (mel + ε) = exp(−y)
      gradMel[m] = log ? dy[melBase + m]! * Math.exp(-y[melBase + m]!) : dy[melBase + m]!;
    }
    // d power_k: each bin feeds at most two adjacent bands (see MelFilterbank.binBand)
    const base = row * bins;
    for (let k = 0; k < bins; k++) {
      const band = binBand[k]!;
      const g = 2 * (binWeightLo[k]! * gradMel[band]! + binWeightHi[k]! * gradMel[band + 1]!);
      gRe[k] = g * packed[base + k]!;
      gIm[k] = g * packed[total + base + k]!;
    }
  });
  return makeFloat32(backend, [batch, config.signalLength], dx);
};

const spec: CpuKernelSpec = {
  name: MEL_KERNEL,
  forward: melKernel,
  backward: {
    name: MEL_GRAD_KERNEL,
    kernel: melGradKernel,
    outputsToSave: [true, true],
    saved: ['y', 'spectrum'],
    gradients: ['x'],
  },
};

/** Registers `AeMelSpectrogram`, its backward kernel (cpu) and its gradient, once. */
export function ensureMelKernels(): void {
  registerCpuKernel(spec);
}
