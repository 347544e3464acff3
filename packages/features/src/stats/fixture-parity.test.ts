// Parity with torchaudio 0.13 (test-data/features-torchaudio.json, whose `conventions` field
// states each definition): log-mel, centroid, rolloff 0.85/0.95 and flatness at n_fft 1024
// and 4096, hop 256, 64 HTK mels, 16 kHz, on both the kernel (cpu) and composite (wasm) paths.
import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { logMelSpectrogram } from '../mel/mel-spectrogram';
import { stft } from '../stft/stft';
import { loadFixture } from '../test-support/fixture';
import { spectralCentroid, spectralFlatness, spectralRolloffExact } from './spectral-statistics';

const fixture = loadFixture();
const names = Object.keys(fixture.signals);

// Tolerances (float32 round-off, not "roughly similar"):
// - log-mel: compared as mel power, |e^got − e^ref| ≤ 3e-5·e^ref + 1e-7·max(e^ref): float32
//   round-off is relative to the frame's peak, so bins ~20 nats below the peak may differ
//   in the log by up to ~4e-3 (they are at 1e-9 of the peak); bins near the peak agree to ~1e-4.
// - centroid: relative 5e-6 on the FFT kernel path, 5e-5 on the composite path (float32
//   sums of 4096 products in the conv/matMul DFT).
// - rolloff at 0.85 and 0.95: the same bin (fixture rounded to 1e-3 Hz).
// - flatness: absolute 5e-6 (values in [0, 1]).
function worst(got: ArrayLike<number>, want: number[], scale: (w: number) => number): number {
  let m = 0;
  for (let i = 0; i < want.length; i++) {
    const e = Math.abs(got[i]! - want[i]!) / scale(want[i]!);
    m = Math.max(m, e); // NaN propagates
  }
  return m;
}

for (const backend of BACKENDS) {
  describe(`torchaudio parity on ${backend}`, () => {
    beforeAll(() => useBackend(backend));
    for (const name of names) {
      for (const fftLength of [1024, 4096] as const) {
        it(`${name}, n_fft ${fftLength}`, () => {
          const ref = fixture.signals[name]![`fft${fftLength}`];
          const sig = fixture.signals[name]!.signal;
          const audio = tf.tensor2d(sig, [1, sig.length]);
          const logMel = logMelSpectrogram(audio, {
            fftLength,
            hopLength: 256,
            melBins: 64,
            sampleRate: 16000,
          });
          const power = stft(audio, { fftLength, hopLength: 256 });
          const centroid = spectralCentroid(power, { sampleRate: 16000 });
          const r85 = spectralRolloffExact(power, { sampleRate: 16000, fraction: 0.85 });
          const r95 = spectralRolloffExact(power, { sampleRate: 16000, fraction: 0.95 });
          const flat = spectralFlatness(power);
          const errors = {
            // absolute error in log units, over all bins (see the mel-power check below)
            logMel: worst(logMel.dataSync(), ref.logmel.flat(), () => 1),
            // relative error
            centroid: worst(centroid.dataSync(), ref.centroid_hz, (w) => Math.abs(w)),
            // exact bins: error in Hz
            rolloff85: worst(r85.dataSync(), ref.rolloff85_hz, () => 1),
            rolloff95: worst(r95.dataSync(), ref.rolloff95_hz, () => 1),
            // absolute error, flatness in [0, 1]
            flatness: worst(flat.dataSync(), ref.flatness, () => 1),
          };
          const peak = Math.exp(Math.max(...ref.logmel.flat()));
          const got = logMel.dataSync();
          const want = ref.logmel.flat();
          let melExcess = 0;
          for (let i = 0; i < want.length; i++) {
            const allowed = 3e-5 * Math.exp(want[i]!) + 1e-7 * peak;
            const excess = Math.abs(Math.exp(got[i]!) - Math.exp(want[i]!)) / allowed;
            melExcess = Math.max(melExcess, excess); // NaN propagates
          }
          expect(melExcess).toBeLessThanOrEqual(1);
          expect(errors.logMel).toBeLessThan(1e-2);
          expect(errors.centroid).toBeLessThan(backend === 'cpu' ? 5e-6 : 5e-5);
          expect(errors.rolloff85).toBeLessThan(1e-3);
          expect(errors.rolloff95).toBeLessThan(1e-3);
          expect(errors.flatness).toBeLessThan(5e-6);
          tf.dispose([audio, logMel, power, centroid, r85, r95, flat]);
        });
      }
    }
  });
}
