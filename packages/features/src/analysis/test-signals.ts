/**
 * Analytic test signals for the analysis tests (not part of the public API): band-limited
 * periodic waveforms at a known f0 and notes with a known amplitude envelope.
 *
 * @example
 * ```ts
 * const saw = harmonicTone(220, 16000, 0.5, (k) => 1 / k); // band-limited sawtooth
 * ```
 * @module
 */

/**
 * `Σ_k amplitude(k)·sin(2π·k·f0·t)` over the harmonics below `min(sampleRate/2, 8 kHz)`,
 * scaled to a peak of `peak`, `seconds` long (float32).
 */
export function harmonicTone(
  f0Hz: number,
  sampleRate: number,
  seconds: number,
  amplitude: (harmonic: number) => number,
  peak = 0.5,
): Float32Array {
  const n = Math.round(seconds * sampleRate);
  const top = Math.min(sampleRate / 2, 8000);
  const x = new Float64Array(n);
  for (let k = 1; k * f0Hz < top; k++) {
    const a = amplitude(k);
    if (a === 0) continue;
    const step = (2 * Math.PI * k * f0Hz) / sampleRate;
    for (let t = 0; t < n; t++) x[t]! += a * Math.sin(step * t);
  }
  let max = 0;
  for (const v of x) max = Math.max(max, Math.abs(v));
  return Float32Array.from(x, (v) => (peak * v) / max);
}

/** Harmonic amplitudes of the test waveforms. */
export const WAVEFORMS = {
  sine: (k: number) => (k === 1 ? 1 : 0),
  sawtooth: (k: number) => 1 / k,
  square: (k: number) => (k % 2 === 1 ? 1 / k : 0),
  /** A sawtooth whose fundamental is 20 dB weaker than its second harmonic's 1/2. */
  weakFundamental: (k: number) => (k === 1 ? 0.05 : 1 / k),
} as const;

/** A piecewise-linear amplitude envelope `(time in seconds) → gain`, through `points` [t, gain]. */
export function envelopeAt(points: ReadonlyArray<readonly [number, number]>): (t: number) => number {
  return (t) => {
    if (t <= points[0]![0]) return points[0]![1];
    for (let i = 1; i < points.length; i++) {
      const [t1, g1] = points[i]!;
      const [t0, g0] = points[i - 1]!;
      if (t <= t1) return g0 + ((g1 - g0) * (t - t0)) / (t1 - t0);
    }
    return points[points.length - 1]![1];
  };
}

/** `signal[t]·gain(t / sampleRate)` (float32). */
export function applyEnvelope(
  signal: Float32Array,
  sampleRate: number,
  gain: (t: number) => number,
): Float32Array {
  return signal.map((v, t) => v * gain(t / sampleRate));
}
