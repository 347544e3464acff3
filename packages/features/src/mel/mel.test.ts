import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDirectional } from '../test-support/directional';
import { maxAbs, maxAbsDiff, referenceStft, seededNoise } from '../test-support/reference';
import { melFilterbank } from './mel-filterbank';
import { hzToMel, melToHz } from './mel-scale';
import { logMelSpectrogram, melSpectrogram } from './mel-spectrogram';

describe('mel scale', () => {
  it('has the HTK and Slaney anchor values and round-trips', () => {
    expect(hzToMel(700, 'htk')).toBeCloseTo(2595 * Math.log10(2), 10);
    expect(hzToMel(1000, 'slaney')).toBeCloseTo(15, 12);
    expect(hzToMel(500, 'slaney')).toBeCloseTo(7.5, 12);
    for (const f of [0, 50, 440, 999, 1000, 1001, 7999]) {
      expect(melToHz(hzToMel(f, 'htk'), 'htk')).toBeCloseTo(f, 8);
      expect(melToHz(hzToMel(f, 'slaney'), 'slaney')).toBeCloseTo(f, 8);
    }
  });
});

describe('mel filterbank', () => {
  // Reference values from torchaudio 0.13.1 melscale_fbanks (float32), printed to 7-8 digits.
  it('matches torchaudio, HTK without norm (33 bins, 100-4000 Hz, 6 mels, 8 kHz)', () => {
    const bank = melFilterbank({ sampleRate: 8000, fftLength: 64, melBins: 6, fMinHz: 100, fMaxHz: 4000 });
    const band0 = [0.0, 0.1085712, 0.6514281, 0.8491377, 0.4276092, 0.0060807];
    const band5tail = [
      0.9519752, 0.8329783, 0.7139813, 0.5949844, 0.4759875, 0.3569905, 0.2379936, 0.1189967, 0,
    ];
    for (let k = 0; k < band0.length; k++) expect(bank.dense[k * 6]!).toBeCloseTo(band0[k]!, 6);
    for (let k = 0; k < band5tail.length; k++)
      expect(bank.dense[(24 + k) * 6 + 5]!).toBeCloseTo(band5tail[k]!, 6);
  });

  it('matches torchaudio, Slaney scale with Slaney norm (513 bins, 64 mels, 16 kHz)', () => {
    const bank = melFilterbank({
      sampleRate: 16000,
      fftLength: 1024,
      melBins: 64,
      melScale: 'slaney',
      norm: 'slaney',
    });
    const band5 = [0.0010894304, 0.0083450722, 0.015600715, 0.020241719, 0.012986079, 0.005730439];
    expect(bank.start[5]).toBe(15);
    expect(bank.end[5]! - bank.start[5]!).toBe(band5.length);
    // torchaudio builds the bank in float32: small weights near a triangle foot carry ~1e-4 relative error
    for (let i = 0; i < band5.length; i++)
      expect(bank.dense[(15 + i) * 64 + 5]! / band5[i]!).toBeCloseTo(1, 3);
    expect(bank.start[63]).toBe(466);
    expect(bank.dense[466 * 64 + 63]! / 8.8102934e-5).toBeCloseTo(1, 3);
    expect(bank.dense[488 * 64 + 63]! / 0.0027300275).toBeCloseTo(1, 4);
    // Slaney norm: unit area in Hz (Σ_k w_k · 15.625 Hz ≈ 1)
    let area = 0;
    for (let k = 0; k < 513; k++) area += bank.dense[k * 64 + 40]! * 15.625;
    expect(area).toBeCloseTo(1, 2);
  });

  it('rejects bad options with a clear error', () => {
    expect(() => melFilterbank({ melBins: 0 })).toThrow(/melBins/);
    expect(() => melFilterbank({ fMinHz: 5000, fMaxHz: 4000 })).toThrow(/fMinHz < fMaxHz/);
    expect(() => melFilterbank({ melScale: 'bark' as 'htk' })).toThrow(/melScale/);
  });
});

for (const backend of BACKENDS) {
  describe(`mel spectrogram on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    it('equals the filterbank applied to a float64 direct-DFT power spectrum, and its log', () => {
      const length = 400;
      const x = seededNoise(length, 21);
      const options = {
        fftLength: 128,
        hopLength: 32,
        melBins: 10,
        sampleRate: 8000,
        melScale: 'slaney' as const,
      };
      const bank = melFilterbank({ ...options });
      const power = referenceStft(x, options);
      const ref = power.flatMap((row) => {
        const out: number[] = [];
        for (let m = 0; m < 10; m++) {
          let acc = 0;
          for (let k = 0; k < row.length; k++) acc += row[k]! * bank.dense[k * 10 + m]!;
          out.push(acc);
        }
        return out;
      });
      const audio = tf.tensor2d(x, [1, length]);
      const mel = melSpectrogram(audio, options);
      const logMel = logMelSpectrogram(audio, { ...options, epsilon: 1e-3 });
      expect(mel.shape).toEqual([1, power.length, 10]);
      expect(maxAbsDiff(mel.dataSync(), ref)).toBeLessThan(3e-6 * maxAbs(ref));
      expect(
        maxAbsDiff(
          logMel.dataSync(),
          ref.map((v) => Math.log(v + 1e-3)),
        ),
      ).toBeLessThan(2e-5);
      tf.dispose([audio, mel, logMel]);
    });

    it('has directional derivatives that match central differences (log-mel and Slaney-normed mel, batch 2)', () => {
      const length = 200;
      const options = { fftLength: 64, hopLength: 16, melBins: 8, sampleRate: 8000 };
      const x = tf.tensor2d(seededNoise(2 * length, 5), [2, length]);
      const w = tf.tensor(seededNoise(2 * 13 * 8, 6), [2, 13, 8]);
      const f = (a: tf.Tensor) => tf.sum(tf.mul(logMelSpectrogram(a, options), w));
      checkDirectional(f, x, 3);
      const g = (a: tf.Tensor) =>
        tf.sum(tf.mul(tf.sqrt(melSpectrogram(a, { ...options, norm: 'slaney' })), w));
      checkDirectional(g, x, 2);
      tf.dispose([x, w]);
    });
  });
}
