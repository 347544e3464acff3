/**
 * Analysis windows for the STFT.
 *
 * @example
 * ```ts
 * const w = hannWindow(4); // periodic: [0, 0.5, 1, 0.5]
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

/**
 * The periodic Hann window of `windowLength` samples, zero-padded on both sides to
 * `fftLength` samples and centred (as torch.stft does when `win_length < n_fft`).
 */
export function centeredHannWindow(fftLength: number, windowLength: number): Float64Array {
  const inner = hannWindow(windowLength, true);
  const out = new Float64Array(fftLength);
  out.set(inner, Math.floor((fftLength - windowLength) / 2));
  return out;
}
