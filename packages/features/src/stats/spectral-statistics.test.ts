import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { stft } from '../stft/stft';
import { checkDirectional } from '../test-support/directional';
import { seededNoise } from '../test-support/reference';
import {
  aWeightedLoudness,
  aWeightingDb,
  spectralCentroid,
  spectralCrest,
  spectralFlatness,
  spectralRolloff,
  spectralRolloffExact,
} from './spectral-statistics';

const SR = 16000;
const sine = (hz: number, amplitude: number, n = 4096) =>
  Float32Array.from({ length: n }, (_, t) => amplitude * Math.sin((2 * Math.PI * hz * t) / SR));
/** Values of the frames whose window lies fully inside the signal (no reflect padding). */
const interior = (t: tf.Tensor) => Array.from(t.dataSync()).slice(3, -3);

describe('A-weighting', () => {
  it('has the IEC 61672 values', () => {
    expect(aWeightingDb(1000)).toBeCloseTo(0, 1);
    expect(aWeightingDb(100)).toBeCloseTo(-19.1, 1);
    expect(aWeightingDb(10000)).toBeCloseTo(-2.5, 1);
  });
});

for (const backend of BACKENDS) {
  describe(`spectral statistics on ${backend}`, () => {
    beforeAll(() => useBackend(backend));
    const opts = { fftLength: 1024, hopLength: 256 };

    it('give the analytic values for a sine on a bin centre (1000 Hz = bin 64)', () => {
      const audio = tf.tensor2d(sine(1000, 0.5), [1, 4096]);
      const power = stft(audio, opts);
      for (const c of interior(spectralCentroid(power, { sampleRate: SR }))) expect(c).toBeCloseTo(1000, 1);
      // Hann main lobe: powers 1/6, 2/3, 1/6 of the total at bins 63, 64, 65.
      for (const r of interior(spectralRolloffExact(power, { sampleRate: SR, fraction: 0.85 })))
        expect(r).toBe(65 * 15.625);
      for (const r of interior(spectralRolloffExact(power, { sampleRate: SR, fraction: 0.5 })))
        expect(r).toBe(64 * 15.625);
      for (const r of interior(spectralRolloff(power, { sampleRate: SR, fraction: 0.85 }))) {
        expect(Math.abs(r - 65 * 15.625)).toBeLessThan(15.625);
      }
      for (const f of interior(spectralFlatness(power))) expect(f).toBeLessThan(1e-3);
      // crest = max/mean = (2/3 of the power in one of 513 bins) / (1/513)
      for (const c of interior(spectralCrest(power))) expect(c / ((2 / 3) * 513)).toBeCloseTo(1, 4);
      // A-weighted level of a 0.5-amplitude sine at 1 kHz: 10·log10(0.125) + A(1000)
      for (const l of interior(aWeightedLoudness(power, { sampleRate: SR }))) {
        expect(l).toBeCloseTo(10 * Math.log10(0.125) + aWeightingDb(1000), 2);
      }
      tf.dispose([audio, power]);
    });

    it('give flatness 1 and crest 1 for a centred impulse, loudness follows A-weighting', () => {
      const x = new Float32Array(2048);
      x[1024] = 1; // the centre of frame 4 (hop 256)
      const audio = tf.tensor2d(x, [1, 2048]);
      const power = stft(audio, opts);
      expect(spectralFlatness(power).dataSync()[4]).toBeCloseTo(1, 5);
      expect(spectralCrest(power).dataSync()[4]).toBeCloseTo(1, 5);
      const low = tf.tensor2d(sine(125, 1), [1, 4096]);
      const lowPower = stft(low, opts);
      for (const l of interior(aWeightedLoudness(lowPower, { sampleRate: SR }))) {
        expect(l).toBeCloseTo(10 * Math.log10(0.5) + aWeightingDb(125), 1);
      }
      tf.dispose([audio, power, low, lowPower]);
    });

    it('have gradients that match central differences', () => {
      const x = tf.tensor2d(seededNoise(600, 9), [1, 600]);
      const o = { fftLength: 64, hopLength: 16 };
      const w = tf.tensor(seededNoise(38, 10), [1, 38]);
      const stats = [
        (p: tf.Tensor3D) => tf.div(spectralCentroid(p, { sampleRate: SR }), 1000),
        (p: tf.Tensor3D) =>
          tf.div(spectralRolloff(p, { sampleRate: SR, fraction: 0.9, temperature: 0.05 }), 1000),
        (p: tf.Tensor3D) => spectralFlatness(p),
        (p: tf.Tensor3D) => tf.div(aWeightedLoudness(p, { sampleRate: SR }), 10),
      ];
      stats.forEach((stat, i) => {
        try {
          checkDirectional((a) => tf.sum(tf.mul(stat(stft(a, o)), w)), x, 2, 1e-2, 5e-3);
        } catch (e) {
          throw new Error(`statistic #${i}: ${(e as Error).message}`);
        }
      });
      // crest takes a max over bins: check it where the peak bin is unambiguous (sine + noise)
      const noise = seededNoise(600, 12);
      const peaked = tf.tensor2d(
        sine(2000, 1, 600).map((v, i) => v + 0.05 * noise[i]!),
        [1, 600],
      );
      checkDirectional((a) => tf.sum(tf.mul(tf.log(spectralCrest(stft(a, o))), w)), peaked, 2, 1e-2, 5e-3);
      tf.dispose([x, w, peaked]);
    });

    it('reject a spectrogram of the wrong rank', () => {
      const p = tf.zeros([10, 513]);
      expect(() => spectralCentroid(p as tf.Tensor3D)).toThrow(/rank-3 tensor \[batch, frames, bins\]/);
      expect(() => spectralRolloff(tf.zeros([1, 2, 513]) as tf.Tensor3D, { fraction: 1.5 })).toThrow(
        /fraction/,
      );
      p.dispose();
    });
  });
}
