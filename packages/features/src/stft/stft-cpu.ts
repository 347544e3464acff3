/**
 * Plain typed-array STFT forward and backward passes (framing, window, real FFT and their
 * adjoints), shared by the cpu kernels. Nothing here knows about tfjs.
 *
 * @example
 * ```ts
 * forEachFrameSpectrum(signal, 1, 16000, resolveStftOptions(), (row, re, im) => {
 *   // re/im: bins 0..n/2 of frame `row`
 * });
 * ```
 * @module
 */
import { getRealFft } from '../fft/real-fft';
import { binCount, frameCount, type StftConfig } from './stft-options';
import { centeredWindow } from './window';

const windows = new Map<string, Float64Array>();

/** The cached analysis window (periodic `window` of `windowLength`, centred in `fftLength`). */
export function analysisWindow(
  config: Pick<StftConfig, 'fftLength' | 'windowLength' | 'window'>,
): Float64Array {
  const key = `${config.window}/${config.fftLength}/${config.windowLength}`;
  let w = windows.get(key);
  if (!w) {
    w = centeredWindow(config.window, config.fftLength, config.windowLength);
    windows.set(key, w);
  }
  return w;
}

/**
 * Copies one signal into `out` with `pad` samples of reflect padding on each side; throws on
 * NaN or ±Infinity samples.
 */
export function reflectPad(
  x: ArrayLike<number>,
  offset: number,
  length: number,
  pad: number,
  out: Float64Array,
): void {
  for (let t = 0; t < length; t++) {
    const v = x[offset + t]!;
    // v − v is NaN exactly when v is NaN or ±Infinity
    if (v - v !== 0) {
      throw new Error(`audio contains a non-finite value (${v}) at sample ${t}; expected finite samples`);
    }
    out[pad + t] = v;
  }
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

/**
 * Runs the STFT of a `[batch, length]` signal frame by frame (frames × window → real FFT, in
 * float64) and hands each frame's spectrum to `visit(row, re, im)`, where
 * `row = batchIndex·frames + frame` and `re`/`im` (length `bins`) are reused scratch buffers.
 * Returns the number of frames per batch item.
 */
export function forEachFrameSpectrum(
  signal: ArrayLike<number>,
  batch: number,
  length: number,
  config: StftConfig,
  visit: (row: number, re: Float64Array, im: Float64Array) => void,
): number {
  const { hop, bins, frames, pad, fft, window } = framing(length, config);
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  const padded = new Float64Array(length + 2 * pad);
  for (let b = 0; b < batch; b++) {
    reflectPad(signal, b * length, length, pad, padded);
    for (let f = 0; f < frames; f++) {
      fft.forward(padded, f * hop, window, re, im, 0);
      visit(b * frames + f, re, im);
    }
  }
  return frames;
}

/**
 * Backward pass of the STFT: `fill(row, gRe, gIm)` writes `∂L/∂Re X` and `∂L/∂Im X` of frame
 * `row` (`bins` values each, scratch buffers); returns `∂L/∂signal` (`[batch, length]`): per
 * frame the adjoint real FFT times the window, overlap-added, then the reflect padding
 * folded back.
 */
export function stftBackward(
  batch: number,
  length: number,
  config: StftConfig,
  fill: (row: number, gRe: Float64Array, gIm: Float64Array) => void,
): Float32Array {
  const { hop, bins, frames, pad, fft, window } = framing(length, config);
  const out = new Float32Array(batch * length);
  const padded = new Float64Array(length + 2 * pad);
  const gRe = new Float64Array(bins);
  const gIm = new Float64Array(bins);
  for (let b = 0; b < batch; b++) {
    padded.fill(0);
    for (let f = 0; f < frames; f++) {
      fill(b * frames + f, gRe, gIm);
      fft.adjointAdd(gRe, gIm, 0, window, padded, f * hop);
    }
    reflectPadAdjoint(padded, length, pad, out, b * length);
  }
  return out;
}

/** What every pass over the frames of a `length`-sample signal needs: hop, bins, frames, padding, FFT plan and window. */
function framing(length: number, config: StftConfig) {
  const n = config.fftLength;
  return {
    hop: config.hopLength,
    bins: binCount(config),
    frames: frameCount(length, config),
    pad: config.center ? n / 2 : 0,
    fft: getRealFft(n),
    window: analysisWindow(config),
  };
}

/** Forgets the cached analysis windows. */
export function clearWindowCache(): void {
  windows.clear();
}

/**
 * Forward and backward of an STFT-based scalar loss in one sweep: for every frame, the real
 * FFT of the windowed frame goes to `perFrame(row, re, im, gRe, gIm)`, which accumulates the
 * loss and writes `∂L/∂Re X`, `∂L/∂Im X` into `gRe`/`gIm`; the adjoint FFT of that gradient is
 * windowed and overlap-added at once. Returns `∂L/∂signal` (`[batch, length]`, reflect padding
 * folded back). Valid because the loss is a sum of per-frame terms.
 */
export function stftWithAdjoint(
  signal: ArrayLike<number>,
  batch: number,
  length: number,
  config: StftConfig,
  perFrame: (row: number, re: Float64Array, im: Float64Array, gRe: Float64Array, gIm: Float64Array) => void,
): Float32Array {
  const { hop, bins, frames, pad, fft, window } = framing(length, config);
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  const gRe = new Float64Array(bins);
  const gIm = new Float64Array(bins);
  const padded = new Float64Array(length + 2 * pad);
  const paddedGrad = new Float64Array(length + 2 * pad);
  const out = new Float32Array(batch * length);
  for (let b = 0; b < batch; b++) {
    reflectPad(signal, b * length, length, pad, padded);
    paddedGrad.fill(0);
    for (let f = 0; f < frames; f++) {
      fft.forward(padded, f * hop, window, re, im, 0);
      perFrame(b * frames + f, re, im, gRe, gIm);
      fft.adjointAdd(gRe, gIm, 0, window, paddedGrad, f * hop);
    }
    reflectPadAdjoint(paddedGrad, length, pad, out, b * length);
  }
  return out;
}
