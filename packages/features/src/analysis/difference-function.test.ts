import { describe, expect, it } from 'vitest';
import { seededNoise } from '../test-support/reference';
import { cumulativeMeanNormalizedDifference, DifferenceFunction } from './difference-function';
import { harmonicTone, WAVEFORMS } from './test-signals';

describe('the YIN difference function', () => {
  it('equals the direct sum Σ_{j<W} (x_j − x_{j+τ})² (FFT path against float64 loops)', () => {
    const x = seededNoise(3000, 7);
    for (const [w, maxLag, start] of [
      [400, 401, 0],
      [100, 37, 1234],
      [551, 900, 17],
    ] as const) {
      const d = new Float64Array(maxLag + 1);
      const energy = new DifferenceFunction(w, maxLag).compute(x, start, d);
      let worst = 0;
      for (let tau = 0; tau <= maxLag; tau++) {
        let direct = 0;
        for (let j = 0; j < w; j++) direct += (x[start + j]! - x[start + j + tau]!) ** 2;
        const error = Math.abs(d[tau]! - direct) / (1 + direct);
        worst = Math.max(worst, error); // NaN propagates
      }
      expect(worst).toBeLessThan(1e-10);
      let direct = 0;
      for (let j = 0; j < w + maxLag; j++) direct += x[start + j]! ** 2;
      expect(energy).toBeCloseTo(direct, 8);
    }
  });

  it("normalises to d'(0) = 1 and d'(τ) = τ·d(τ) / Σ_{j≤τ} d(j)", () => {
    const d = Float64Array.of(0, 2, 4, 0, 6);
    const out = cumulativeMeanNormalizedDifference(d, new Float64Array(5));
    expect(Array.from(out)).toEqual([1, 1, (2 * 4) / 6, 0, (4 * 6) / 12]);
    // all-zero difference (silence): 1 everywhere, not NaN
    expect(Array.from(cumulativeMeanNormalizedDifference(new Float64Array(4), new Float64Array(4)))).toEqual([
      1, 1, 1, 1,
    ]);
  });

  it('refines a dip to the true fractional period of a band-limited tone', () => {
    for (const [sampleRate, f0] of [
      [16000, 1975.5],
      [16000, 1396.9],
      [22050, 659.26],
      [48000, 82.41],
    ] as const) {
      const x = harmonicTone(f0, sampleRate, 0.2, WAVEFORMS.sawtooth);
      const period = sampleRate / f0;
      const maxLag = Math.ceil(period) + 3;
      const difference = new DifferenceFunction(Math.round(0.025 * sampleRate), maxLag);
      const d = new Float64Array(maxLag + 1);
      const energy = difference.compute(x, 100, d);
      const { lag, d: value } = difference.refine(Math.round(period));
      expect(Math.abs(lag - period), `${f0} Hz @ ${sampleRate}`).toBeLessThan(2e-3 * period);
      // the refined dip is far deeper than the integer lag's (the period is fractional) and
      // nearly 0 (linear interpolation of the energy term leaves ~1e-3 of the frame's energy)
      expect(value).toBeLessThan(0.1 * d[Math.round(period)]!);
      expect(value / energy).toBeLessThan(2e-3);
    }
  });

  it('refuses to refine before a frame was computed', () => {
    expect(() => new DifferenceFunction(10, 5).refine(3)).toThrow(/compute a frame first/);
  });
});
