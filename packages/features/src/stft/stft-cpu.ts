/**
 * Plain typed-array STFT forward and backward passes (framing, window, real FFT and their
 * adjoints), shared by the cpu kernels. Nothing here knows about tfjs.
 *
 * @example
 * ```ts
 * const spectrum = stftSpectrum(signal, 1, 16000, resolveStftOptions());
 * ```
 * @module
 */
import { getRealFft } from '../fft/real-fft';
import { binCount, frameCount, type StftConfig } from './stft-options';
import { centeredHannWindow } from './window';

/** A batch of complex spectra, `[batch, frames, bins]` row-major, real and imaginary parts apart. */
export interface ComplexSpectra {
  /** Real parts. */
  readonly re: Float64Array;
  /** Imaginary parts. */
  readonly im: Float64Array;
  /** Batch size. */
  readonly batch: number;
  /** Frames per batch item. */
  readonly frames: number;
  /** Bins per frame (`fftLength/2 + 1`). */
  readonly bins: number;
}

const windows = new Map<string, Float64Array>();

/** The cached analysis window (periodic Hann of `windowLength`, centred in `fftLength`). */
export function analysisWindow(config: Pick<StftConfig, 'fftLength' | 'windowLength'>): Float64Array {
  const key = `${config.fftLength}/${config.windowLength}`;
  let w = windows.get(key);
  if (!w) {
    w = centeredHannWindow(config.fftLength, config.windowLength);
    windows.set(key, w);
  }
  return w;
}

/** Copies one signal into `out` with `pad` samples of reflect padding on each side. */
export function reflectPad(
  x: ArrayLike<number>,
  offset: number,
  length: number,
  pad: number,
  out: Float64Array,
): void {
  for (let t = 0; t < length; t++) out[pad + t] = x[offset + t]!;
  for (let i = 1; i <= pad; i++) {
    out[pad - i] = x[offset + i]!;
    out[pad + length - 1 + i] = x[offset + length - 1 - i]!;
  }
}

/** Adjoint of {@link reflectPad}: folds the padded gradient back onto the signal gradient. */
export function reflectPadAdjoint(
  padded: Float64Array,
  length: number,
  pad: number,
  out: Float32Array,
  offset: number,
): void {
  for (let t = 0; t < length; t++) out[offset + t] = padded[pad + t]!;
  for (let i = 1; i <= pad; i++) {
    out[offset + i] = out[offset + i]! + padded[pad - i]!;
    out[offset + length - 1 - i] = out[offset + length - 1 - i]! + padded[pad + length - 1 + i]!;
  }
}

/** Complex STFT of a `[batch, length]` signal: frames × window → real FFT, in float64. */
export function stftSpectrum(
  signal: ArrayLike<number>,
  batch: number,
  length: number,
  config: StftConfig,
): ComplexSpectra {
  const n = config.fftLength;
  const bins = binCount(config);
  const frames = frameCount(length, config);
  const pad = config.center ? n / 2 : 0;
  const fft = getRealFft(n);
  const window = analysisWindow(config);
  const re = new Float64Array(batch * frames * bins);
  const im = new Float64Array(batch * frames * bins);
  const padded = new Float64Array(length + 2 * pad);
  for (let b = 0; b < batch; b++) {
    reflectPad(signal, b * length, length, pad, padded);
    for (let f = 0; f < frames; f++) {
      fft.forward(padded, f * config.hopLength, window, re, im, (b * frames + f) * bins);
    }
  }
  return { re, im, batch, frames, bins };
}

/**
 * Backward pass of the STFT: given `∂L/∂Re X` and `∂L/∂Im X` (`[batch, frames, bins]`),
 * returns `∂L/∂signal` (`[batch, length]`): per frame the adjoint real FFT, times the window,
 * overlap-added, then the reflect padding folded back.
 */
export function stftBackward(
  gradRe: ArrayLike<number>,
  gradIm: ArrayLike<number>,
  batch: number,
  length: number,
  config: StftConfig,
): Float32Array {
  const n = config.fftLength;
  const bins = binCount(config);
  const frames = frameCount(length, config);
  const pad = config.center ? n / 2 : 0;
  const fft = getRealFft(n);
  const window = analysisWindow(config);
  const out = new Float32Array(batch * length);
  const padded = new Float64Array(length + 2 * pad);
  for (let b = 0; b < batch; b++) {
    padded.fill(0);
    for (let f = 0; f < frames; f++) {
      fft.adjointAdd(gradRe, gradIm, (b * frames + f) * bins, window, padded, f * config.hopLength);
    }
    reflectPadAdjoint(padded, length, pad, out, b * length);
  }
  return out;
}
