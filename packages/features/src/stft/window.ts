/**
 * Analysis windows for the STFT.
 *
 * @example
 * ```ts
 * const w = hannWindow(4); // periodic: [0, 0.5, 1, 0.5]
 * const h = windowFunction('hamming', 1024); // periodic Hamming
 * ```
 * @module
 */

/**
 * A Hann window of `length` samples. Periodic by default (the DFT-even window used by
 * torch.hann_window and librosa), symmetric when `periodic` is false.
 */
export function hannWindow(length: number, periodic = true): Float64Array {
  if (!Number.isInteger(length) || length < 1) {
    throw new Error(`hannWindow: length must be a positive integer, got ${length}`);
  }
  const w = new Float64Array(length);
  if (length === 1) {
    w[0] = 1;
    return w;
  }
  const denominator = periodic ? length : length - 1;
  for (let i = 0; i < length; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / denominator);
  return w;
}

/** Analysis window shapes (all periodic, i.e. DFT-even, as torch's window functions by default). */
export type WindowType = 'hann' | 'hamming' | 'blackman' | 'rectangular';

/** Names of the supported {@link WindowType}s. */
export const WINDOW_TYPES: readonly WindowType[] = Object.freeze([
  'hann',
  'hamming',
  'blackman',
  'rectangular',
]);

/**
 * A window of `length` samples: Hann `0.5 − 0.5cos`, Hamming `0.54 − 0.46cos`, Blackman
 * `0.42 − 0.5cos + 0.08cos2`, or all ones; periodic by default (as torch.*_window).
 */
export function windowFunction(type: WindowType, length: number, periodic = true): Float64Array {
  if (!WINDOW_TYPES.includes(type)) {
    throw new Error(`windowFunction: window must be one of ${WINDOW_TYPES.join(', ')}, got "${type}"`);
  }
  if (type === 'hann') return hannWindow(length, periodic);
  if (!Number.isInteger(length) || length < 1) {
    throw new Error(`windowFunction: length must be a positive integer, got ${length}`);
  }
  const w = new Float64Array(length).fill(1);
  if (type === 'rectangular' || length === 1) return w;
  const denominator = periodic ? length : length - 1;
  for (let i = 0; i < length; i++) {
    const phase = (2 * Math.PI * i) / denominator;
    w[i] =
      type === 'hamming'
        ? 0.54 - 0.46 * Math.cos(phase)
        : 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
  }
  return w;
}

/** The periodic `type` window of `windowLength` samples, zero-padded and centred in `fftLength`. */
export function centeredWindow(type: WindowType, fftLength: number, windowLength: number): Float64Array {
  const out = new Float64Array(fftLength);
  out.set(windowFunction(type, windowLength, true), Math.floor((fftLength - windowLength) / 2));
  return out;
}
