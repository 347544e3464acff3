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
import * as tf from '@tensorflow/tfjs-core';
import { makeFloat32, readFloat32 } from '../backend-access';
import { type ComplexSpectra, stftBackward, stftSpectrum } from './stft-cpu';
import type { StftConfig } from './stft-options';

/** Kernel name of the forward STFT: inputs `{x}`; outputs `[spectrogram, complexSpectrum]`. */
export const STFT_KERNEL = 'AeStft';
/** Kernel name of its backward pass: inputs `{dy, spectrum}`; output `dx`. */
export const STFT_GRAD_KERNEL = 'AeStftGrad';

/** The kernel attributes describing an STFT of signals `signalLength` samples long. */
export function stftAttrs(config: StftConfig, signalLength: number): tf.NamedAttrMap {
  return {
    fftLength: config.fftLength,
    hopLength: config.hopLength,
    windowLength: config.windowLength,
    center: config.center,
    power: config.power,
    signalLength,
  };
}

/** Reads a {@link StftConfig} back from kernel attributes. */
export function configFromAttrs(attrs: tf.NamedAttrMap | undefined): StftConfig {
  const a = attrs as Record<string, unknown>;
  return {
    fftLength: a['fftLength'] as number,
    hopLength: a['hopLength'] as number,
    windowLength: a['windowLength'] as number,
    center: a['center'] as boolean,
    power: a['power'] as 1 | 2,
  };
}

/** Packs a complex spectrum into float32 `[2, batch, frames, bins]` (real parts, then imaginary). */
export function packSpectrum(spectrum: ComplexSpectra): Float32Array {
  const n = spectrum.re.length;
  const packed = new Float32Array(2 * n);
  packed.set(spectrum.re);
  packed.set(spectrum.im, n);
  return packed;
}

/**
 * Converts `∂L/∂|X|^power` into `∂L/∂Re X`, `∂L/∂Im X` (in place into `gRe`/`gIm`): `2·g·X` for
 * power 2, `g·X/|X|` (0 where |X| = 0) for power 1. `packed` is a {@link packSpectrum} layout.
 */
export function spectrumGradient(
  gradPower: ArrayLike<number>,
  packed: Float32Array,
  power: 1 | 2,
  gRe: Float64Array,
  gIm: Float64Array,
): void {
  const n = gRe.length;
  if (power === 2) {
    for (let i = 0; i < n; i++) {
      const g = 2 * gradPower[i]!;
      gRe[i] = g * packed[i]!;
      gIm[i] = g * packed[n + i]!;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const re = packed[i]!;
    const im = packed[n + i]!;
    const magnitude = Math.sqrt(re * re + im * im);
    const g = magnitude > 0 ? gradPower[i]! / magnitude : 0;
    gRe[i] = g * re;
    gIm[i] = g * im;
  }
}

const stftKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const x = inputs['x'] as tf.TensorInfo;
  const [batch, length] = x.shape as [number, number];
  const config = configFromAttrs(attrs);
  const spectrum = stftSpectrum(readFloat32(backend, x), batch, length, config);
  const { re, im, frames, bins } = spectrum;
  const out = new Float32Array(re.length);
  if (config.power === 2) {
    for (let i = 0; i < out.length; i++) out[i] = re[i]! * re[i]! + im[i]! * im[i]!;
  } else {
    for (let i = 0; i < out.length; i++) out[i] = Math.sqrt(re[i]! * re[i]! + im[i]! * im[i]!);
  }
  return [
    makeFloat32(backend, [batch, frames, bins], out),
    makeFloat32(backend, [2, batch, frames, bins], packSpectrum(spectrum)),
  ];
};

const stftGradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const dy = inputs['dy'] as tf.TensorInfo;
  const packedInfo = inputs['spectrum'] as tf.TensorInfo;
  const config = configFromAttrs(attrs);
  const length = (attrs as Record<string, number>)['signalLength']!;
  const batch = dy.shape[0]!;
  const n = dy.shape.reduce((a, b) => a * b, 1);
  const gRe = new Float64Array(n);
  const gIm = new Float64Array(n);
  spectrumGradient(readFloat32(backend, dy), readFloat32(backend, packedInfo), config.power, gRe, gIm);
  const dx = stftBackward(gRe, gIm, batch, length, config);
  return makeFloat32(backend, [batch, length], dx);
};

let registered = false;

/** Registers `AeStft`, `AeStftGrad` (cpu) and the `AeStft` gradient, once. */
export function ensureStftKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(STFT_KERNEL, 'cpu') == null) {
    tf.registerKernel({ kernelName: STFT_KERNEL, backendName: 'cpu', kernelFunc: stftKernel });
    tf.registerKernel({ kernelName: STFT_GRAD_KERNEL, backendName: 'cpu', kernelFunc: stftGradKernel });
  }
  if (tf.getGradient(STFT_KERNEL) == null) {
    tf.registerGradient({
      kernelName: STFT_KERNEL,
      outputsToSave: [false, true],
      gradFunc: (dys, saved, attrs) => {
        const dy = Array.isArray(dys) ? dys[0]! : dys;
        const spectrum = saved[0]!;
        return {
          x: () => tf.engine().runKernel(STFT_GRAD_KERNEL, { dy, spectrum }, attrs) as tf.Tensor,
        };
      },
    });
  }
}
