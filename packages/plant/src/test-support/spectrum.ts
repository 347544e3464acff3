/**
 * Plain-JS spectra for tests (independent of the features package): a radix-2 complex FFT
 * with zero padding, and the frequency of the largest peak with parabolic interpolation.
 * @module
 */

/** |X[k]| for k = 0..size/2 of `x` zero-padded to `size` (a power of two). */
export function magnitudeSpectrum(x: ArrayLike<number>, size: number): Float64Array {
  if ((size & (size - 1)) !== 0 || size < x.length) throw new Error('size must be a power of two ≥ x.length');
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let i = 0; i < x.length; i++) re[i] = x[i]!;
  for (let i = 1, j = 0; i < size; i++) {
    let bit = size >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j]!, re[i]!];
      [im[i], im[j]] = [im[j]!, im[i]!];
    }
  }
  for (let len = 2; len <= size; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < size; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b]! * wr - im[b]! * wi;
        const ti = re[b]! * wi + im[b]! * wr;
        re[b] = re[a]! - tr;
        im[b] = im[a]! - ti;
        re[a] = re[a]! + tr;
        im[a] = im[a]! + ti;
      }
    }
  }
  const mag = new Float64Array(size / 2 + 1);
  for (let k = 0; k <= size / 2; k++) mag[k] = Math.hypot(re[k]!, im[k]!);
  return mag;
}

/** Frequency (Hz) of the largest spectral peak of `x` (zero-padded to `size`), parabolically interpolated. */
export function peakFrequency(x: ArrayLike<number>, sampleRate: number, size: number): number {
  const mag = magnitudeSpectrum(x, size);
  let best = 1;
  for (let k = 1; k < mag.length - 1; k++) if (mag[k]! > mag[best]!) best = k;
  const [a, b, c] = [
    Math.log(mag[best - 1]! + 1e-30),
    Math.log(mag[best]! + 1e-30),
    Math.log(mag[best + 1]! + 1e-30),
  ];
  const shift = (0.5 * (a - c)) / (a - 2 * b + c);
  return ((best + shift) * sampleRate) / size;
}

/** Naive DFT of `x` at normalised angular frequency ω (rad/sample): complex [re, im]. */
export function dftAt(x: ArrayLike<number>, omega: number): [number, number] {
  let re = 0;
  let im = 0;
  for (let n = 0; n < x.length; n++) {
    re += x[n]! * Math.cos(omega * n);
    im -= x[n]! * Math.sin(omega * n);
  }
  return [re, im];
}
