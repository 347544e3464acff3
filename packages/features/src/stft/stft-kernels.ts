/**
 * The `AeStft` kernel (power or magnitude STFT) for the `cpu` backend and its gradient,
 * both computed with {@link RealFft}. Registered lazily by {@link ensureStftKernels}.
 *
 * @example
 * ```ts
 * ensureStftKernels();
 * const [spectrum, saved] = tf.engine().runKernel(STFT_KERNEL, { x }, stftAttrs(config, 16000));
 * ```
 * @module
 */
import { type CpuKernelSpec, makeFloat32, readFloat32, registerCpuKernel } from '@ae-ddsp/kernel-registry';
import type * as tf from '@tensorflow/tfjs-core';
import { STFT_GRAD_KERNEL, STFT_KERNEL } from '../kernel-names';
import { forEachFrameSpectrum, stftBackward } from './stft-cpu';
import { binCount, frameCount, type StftConfig } from './stft-options';

/**
 * The kernel attributes describing an STFT of signals `signalLength` samples long;
 * `saveSpectrum` (default true) keeps the complex spectrum for the backward pass.
 */
export function stftAttrs(config: StftConfig, signalLength: number, saveSpectrum = true): tf.NamedAttrMap {
  return {
    fftLength: config.fftLength,
    hopLength: config.hopLength,
    windowLength: config.windowLength,
    window: config.window,
    center: config.center,
    power: config.power,
    signalLength,
    saveSpectrum,
  };
}

/** Reads a {@link StftConfig} back from kernel attributes. */
export function configFromAttrs(attrs: tf.NamedAttrMap | undefined): StftConfig {
  const a = attrs as Record<string, unknown>;
  return {
    fftLength: a['fftLength'] as number,
    hopLength: a['hopLength'] as number,
    windowLength: a['windowLength'] as number,
    window: a['window'] as StftConfig['window'],
    center: a['center'] as boolean,
    power: a['power'] as 1 | 2,
  };
}

/**
 * Writes `∂L/∂Re X`, `∂L/∂Im X` of one frame into `gRe`/`gIm` from `∂L/∂|X|^power`
 * (`gradPower[base + k]`) and the packed spectrum (`packed[base + k]` real,
 * `packed[total + base + k]` imaginary): `2·g·X` for power 2, `g·X/|X|` (0 where |X| = 0) for power 1.
 */
export function frameSpectrumGradient(
  gradPower: Float32Array,
  packed: Float32Array,
  total: number,
  base: number,
  power: 1 | 2,
  gRe: Float64Array,
  gIm: Float64Array,
): void {
  const bins = gRe.length;
  if (power === 2) {
    for (let k = 0; k < bins; k++) {
      const g = 2 * gradPower[base + k]!;
      gRe[k] = g * packed[base + k]!;
      gIm[k] = g * packed[total + base + k]!;
    }
    return;
  }
  for (let k = 0; k < bins; k++) {
    const re = packed[base + k]!;
    const im = packed[total + base + k]!;
    const magnitude = Math.sqrt(re * re + im * im);
    const g = magnitude > 0 ? gradPower[base + k]! / magnitude : 0;
    gRe[k] = g * re;
    gIm[k] = g * im;
  }
}

const stftKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'] as tf.TensorInfo;
  const [batch, length] = x.shape as [number, number];
  const config = configFromAttrs(attrs);
  const bins = binCount(config);
  const frames = frameCount(length, config);
  const total = batch * frames * bins;
  const out = new Float32Array(total);
  const save = (attrs as Record<string, unknown>)['saveSpectrum'] !== false;
  const packed = new Float32Array(save ? 2 * total : 0);
  const magnitude = config.power === 1;
  forEachFrameSpectrum(readFloat32(backend, x), batch, length, config, (row, re, im) => {
    const base = row * bins;
    for (let k = 0; k < bins; k++) {
      const r = re[k]!;
      const i = im[k]!;
      const p = r * r + i * i;
      out[base + k] = magnitude ? Math.sqrt(p) : p;
    }
    if (save) {
      for (let k = 0; k < bins; k++) {
        packed[base + k] = re[k]!;
        packed[total + base + k] = im[k]!;
      }
    }
  });
  return [
    makeFloat32(backend, [batch, frames, bins], out),
    makeFloat32(backend, save ? [2, batch, frames, bins] : [0], packed),
  ];
};

const stftGradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const dyInfo = inputs['dy'] as tf.TensorInfo;
  const config = configFromAttrs(attrs);
  const length = (attrs as Record<string, number>)['signalLength']!;
  const [batch, frames, bins] = dyInfo.shape as [number, number, number];
  const total = batch * frames * bins;
  const dy = readFloat32(backend, dyInfo);
  const packed = readFloat32(backend, inputs['spectrum'] as tf.TensorInfo);
  if (packed.length === 0) throw new Error('stft: the forward pass ran without a gradient tape recording');
  const power = config.power;
  const dx = stftBackward(batch, length, config, (row, gRe, gIm) =>
    frameSpectrumGradient(dy, packed, total, row * bins, power, gRe, gIm),
  );
  return makeFloat32(backend, [batch, length], dx);
};

const spec: CpuKernelSpec = {
  name: STFT_KERNEL,
  forward: stftKernel,
  backward: {
    name: STFT_GRAD_KERNEL,
    kernel: stftGradKernel,
    outputsToSave: [false, true],
    saved: ['spectrum'],
    gradients: ['x'],
  },
};

/** Registers `AeStft`, `AeStftGrad` (cpu) and the `AeStft` gradient, once. */
export function ensureStftKernels(): void {
  registerCpuKernel(spec);
}
