import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceStft, seededNoise } from '../test-support/reference';
import { spectralCentroidSummary } from './centroid-summary';

const SR = 16000;
const sine = (hz: number, amplitude: number, n: number) =>
  Float64Array.from({ length: n }, (_, t) => amplitude * Math.sin((2 * Math.PI * hz * t) / SR));

for (const backend of BACKENDS) {
  describe(`spectralCentroidSummary on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    it('matches a direct-DFT float64 reference: magnitude-weighted mean of the frame centroids', () => {
      const x = seededNoise(2048, 11);
      for (let t = 0; t < x.length; t++) x[t]! *= Math.exp(-t / 600); // decaying, so the weights differ
      const options = { fftLength: 256, hopLength: 64 };
      const magnitude = referenceStft(x, { ...options, center: false, power: 1 });
      let weighted = 0;
      let total = 0;
      for (const frame of magnitude) {
        let sum = 0;
        let moment = 0;
        frame.forEach((m, k) => {
          sum += m;
          moment += m * ((k * SR) / 256);
        });
        weighted += moment; // (moment / sum) · sum
        total += sum;
      }
      expect(spectralCentroidSummary(x, SR, options)).toBeCloseTo(weighted / total, 0);
      expect(Math.abs(spectralCentroidSummary(x, SR, options) / (weighted / total) - 1)).toBeLessThan(1e-4);
    });

    it('gives the frequency of a sine on a bin centre, and the magnitude-weighted mean of two', () => {
      expect(spectralCentroidSummary(Float32Array.from(sine(1000, 0.5, 8192)), SR)).toBeCloseTo(1000, 0);
      // 500 Hz at amplitude 0.6 and 2000 Hz at 0.2: (0.6·500 + 0.2·2000) / 0.8 = 875 Hz
      const high = sine(2000, 0.2, 8192);
      const mix = sine(500, 0.6, 8192).map((v, t) => v + high[t]!);
      expect(spectralCentroidSummary(Float32Array.from(mix), SR)).toBeCloseTo(875, 0);
    });

    it('gives NaN for silence, leaks no tensors, and throws on bad input', () => {
      const before = tf.memory().numTensors;
      expect(spectralCentroidSummary(new Float32Array(4096), SR)).toBeNaN();
      spectralCentroidSummary(Float32Array.from(sine(440, 0.5, 4096)), SR);
      expect(tf.memory().numTensors).toBe(before);
      expect(() => spectralCentroidSummary(new Float32Array(100), SR)).toThrow(
        /100 samples.*need at least 1024/,
      );
      expect(() => spectralCentroidSummary(new Float32Array(4096), 0)).toThrow(/sampleRate/);
    });
  });
}
