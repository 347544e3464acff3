/**
 * YIN's difference function and its cumulative mean normalised form (de Cheveigné & Kawahara
 * 2002, eqs. 6 and 8), for one frame of plain audio, computed through the package's real FFT:
 *
 * `d(τ) = Σ_{j<W} (x_j − x_{j+τ})² = e(0) + e(τ) − 2·r(τ)`, with `r(τ) = Σ_{j<W} x_j·x_{j+τ}`
 * (one cross-correlation of the first `W` samples with the frame, by FFT) and
 * `e(τ) = Σ_{j<W} x_{j+τ}²` (running sums of squares), all in float64;
 * `d'(0) = 1`, `d'(τ) = d(τ)·τ / Σ_{j=1..τ} d(j)`.
 *
 * @example
 * ```ts
 * const difference = new DifferenceFunction(400, 401); // W = 400 samples, lags 0..401
 * const d = new Float64Array(402), cmnd = new Float64Array(402);
 * difference.compute(audio, 0, d);
 * cumulativeMeanNormalizedDifference(d, cmnd);
 * ```
 * @module
 */
import { getRealFft, type RealFft } from '../fft/real-fft';

/**
 * The difference function of frames of `windowLength + maxLag` samples, for lags
 * `0..maxLag`. Owns its scratch buffers (not re-entrant).
 */
export class DifferenceFunction {
  /** Integration window `W` in samples. */
  readonly windowLength: number;
  /** Largest lag computed, in samples. */
  readonly maxLag: number;
  /** Samples read per frame, `W + maxLag`. */
  readonly frameLength: number;
  private readonly fft: RealFft;
  private readonly frame: Float64Array;
  private readonly firstWindow: Float64Array;
  private readonly squares: Float64Array;
  private readonly xRe: Float64Array;
  private readonly xIm: Float64Array;
  private readonly yRe: Float64Array;
  private readonly yIm: Float64Array;
  private readonly correlation: Float64Array;
  private spectrumReady = false;

  /** Plans frames of `windowLength + maxLag` samples (both positive integers). */
  constructor(windowLength: number, maxLag: number) {
    if (!Number.isInteger(windowLength) || windowLength < 1) {
      throw new Error(`DifferenceFunction: windowLength must be a positive integer, got ${windowLength}`);
    }
    if (!Number.isInteger(maxLag) || maxLag < 1) {
      throw new Error(`DifferenceFunction: maxLag must be a positive integer, got ${maxLag}`);
    }
    this.windowLength = windowLength;
    this.maxLag = maxLag;
    this.frameLength = windowLength + maxLag;
    // Linear (not circular) correlation for lags ≤ maxLag needs n ≥ frameLength.
    let n = 4;
    while (n < this.frameLength) n *= 2;
    this.fft = getRealFft(n);
    this.frame = new Float64Array(n);
    this.firstWindow = new Float64Array(n);
    this.firstWindow.fill(1, 0, windowLength);
    this.squares = new Float64Array(this.frameLength + 1);
    const bins = n / 2 + 1;
    this.xRe = new Float64Array(bins);
    this.xIm = new Float64Array(bins);
    this.yRe = new Float64Array(bins);
    this.yIm = new Float64Array(bins);
    this.correlation = new Float64Array(n);
  }

  /**
   * Writes `d(τ)` for `τ = 0..maxLag` into `out[τ]` (clamped at 0 against rounding) for the
   * frame `audio[start .. start + frameLength)`, and returns the frame's energy `Σ x²`.
   */
  compute(audio: ArrayLike<number>, start: number, out: Float64Array): number {
    const { windowLength: w, maxLag, frameLength } = this;
    const n = this.fft.size;
    const frame = this.frame;
    const squares = this.squares;
    squares[0] = 0;
    for (let i = 0; i < frameLength; i++) {
      const v = audio[start + i]!;
      frame[i] = v;
      squares[i + 1] = squares[i]! + v * v;
    }
    const energy = squares[frameLength]!;
    this.fft.forward(frame, 0, null, this.xRe, this.xIm, 0);
    this.fft.forward(frame, 0, this.firstWindow, this.yRe, this.yIm, 0);
    // conj(Y)·X, scaled so that the adjoint (Σ_k Re(G_k e^{2πikt/n})) is the inverse DFT.
    const half = n / 2;
    const gRe = this.xRe;
    const gIm = this.xIm;
    for (let k = 0; k <= half; k++) {
      const xr = this.xRe[k]!;
      const xi = this.xIm[k]!;
      const yr = this.yRe[k]!;
      const yi = this.yIm[k]!;
      const scale = k === 0 || k === half ? 1 / n : 2 / n;
      gRe[k] = (yr * xr + yi * xi) * scale;
      gIm[k] = (yr * xi - yi * xr) * scale;
    }
    const correlation = this.correlation;
    correlation.fill(0);
    this.fft.adjointAdd(gRe, gIm, 0, null, correlation, 0);
    this.spectrumReady = true;
    const e0 = squares[w]!;
    for (let tau = 0; tau <= maxLag; tau++) {
      const d = e0 + (squares[tau + w]! - squares[tau]!) - 2 * correlation[tau]!;
      out[tau] = Math.max(0, d);
    }
    out[0] = 0;
    return energy;
  }

  /**
   * The lag of the minimum of `d(τ)` between `lag − 1` and `lag + 1` (an integer lag of a dip
   * of the last {@link DifferenceFunction.compute}d frame, `1 ≤ lag ≤ maxLag − 1`), to a
   * fraction of a sample, and `d` there. Between integer lags the correlation `r(τ)` is the
   * trigonometric interpolant of its spectrum (exact for band-limited audio, where parabolic
   * interpolation of three samples is several cents off at short periods) and the energy
   * `e(τ)` is linear; the minimum is found by Newton steps from the parabola's vertex.
   */
  refine(lag: number): { lag: number; d: number } {
    if (!this.spectrumReady) throw new Error('DifferenceFunction.refine: compute a frame first');
    const n = this.fft.size;
    const half = n / 2;
    const e0 = this.squares[this.windowLength]!;
    const energyAt = (tau: number): [number, number] => {
      const i = Math.min(Math.floor(tau), this.maxLag - 1);
      const w = this.windowLength;
      const a = this.squares[i + w]! - this.squares[i]!;
      const b = this.squares[i + 1 + w]! - this.squares[i + 1]!;
      return [a + (b - a) * (tau - i), b - a];
    };
    // d(τ), d′(τ), d″(τ) with r(τ) = Σ_k Re(G_k e^{iωkτ}), ω = 2π/n, by one rotating phasor.
    const evaluate = (tau: number): [number, number, number] => {
      const omega = (2 * Math.PI) / n;
      const stepRe = Math.cos(omega * tau);
      const stepIm = Math.sin(omega * tau);
      let pRe = 1;
      let pIm = 0;
      let r = 0;
      let r1 = 0;
      let r2 = 0;
      for (let k = 0; k <= half; k++) {
        const gr = this.xRe[k]!;
        const gi = this.xIm[k]!;
        const re = gr * pRe - gi * pIm; // Re(G_k e^{iωkτ})
        const im = gr * pIm + gi * pRe; // Im(G_k e^{iωkτ})
        const wk = omega * k;
        r += re;
        r1 -= wk * im;
        r2 -= wk * wk * re;
        const next = pRe * stepRe - pIm * stepIm;
        pIm = pRe * stepIm + pIm * stepRe;
        pRe = next;
      }
      const [e, e1] = energyAt(tau);
      return [e0 + e - 2 * r, e1 - 2 * r1, -2 * r2];
    };
    const lo = lag - 1;
    const hi = lag + 1;
    const dm = evaluate(lo)[0];
    const d0 = evaluate(lag)[0];
    const dp = evaluate(hi)[0];
    const curvature = dm - 2 * d0 + dp;
    let tau = curvature > 0 ? lag + Math.max(-1, Math.min(1, (dm - dp) / (2 * curvature))) : lag;
    for (let iteration = 0; iteration < 6; iteration++) {
      const [, slope, bend] = evaluate(tau);
      if (!(bend > 0)) break;
      const next = Math.max(lo, Math.min(hi, tau - slope / bend));
      const moved = Math.abs(next - tau);
      tau = next;
      if (moved < 1e-7) break;
    }
    const d = Math.max(0, evaluate(tau)[0]);
    return d <= d0 ? { lag: tau, d } : { lag, d: Math.max(0, d0) };
  }
}

/**
 * YIN's cumulative mean normalised difference `d'` of `d` (same length): `d'(0) = 1`,
 * `d'(τ) = d(τ)·τ / Σ_{j=1..τ} d(j)`, and 1 where that sum is 0 (silence).
 */
export function cumulativeMeanNormalizedDifference(d: Float64Array, out: Float64Array): Float64Array {
  out[0] = 1;
  let sum = 0;
  for (let tau = 1; tau < d.length; tau++) {
    sum += d[tau]!;
    out[tau] = sum > 0 ? (d[tau]! * tau) / sum : 1;
  }
  return out;
}
