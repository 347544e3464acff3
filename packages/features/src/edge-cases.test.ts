// Degenerate inputs give finite features, losses and gradients; bad shapes give clear errors;
// repeated forward/backward leaks no tensors. Run on the kernel (cpu) and composite (wasm) paths.
import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { multiResolutionLogMelEncoder } from './encoder/multi-resolution';
import { spectralStatisticsEncoder } from './encoder/statistics-encoder';
import { createCumulativeSpectrumLoss } from './losses/cumulative-spectrum-loss';
import { createLogMelLoss } from './losses/log-mel-loss';
import { createSpectralConvergenceLoss, createSpectralLoss } from './losses/spectral-losses';
import { createStatisticsLoss } from './losses/statistics-loss';
import { combineLosses, type TargetLoss } from './losses/target-loss';
import { logMelSpectrogram } from './mel/mel-spectrogram';
import { createAudioReward } from './rewards/audio-reward';
import { stft } from './stft/stft';
import { seededNoise } from './test-support/reference';

const allFinite = (t: tf.Tensor) => t.dataSync().every(Number.isFinite);

function signals(length: number): Record<string, Float32Array> {
  const impulse = new Float32Array(length);
  impulse[Math.floor(length / 2)] = 1;
  return {
    silence: new Float32Array(length),
    dc: new Float32Array(length).fill(0.7),
    impulse,
    clippedNoise: seededNoise(length, 8).map((v) => Math.max(-1, Math.min(1, 4 * v))),
  };
}

for (const backend of BACKENDS) {
  describe(`edge cases on ${backend}`, () => {
    beforeAll(() => useBackend(backend));
    // small configurations on wasm: its composite DFT is O(n_fft²)
    const fftLengths = backend === 'cpu' ? [1024, 4096] : [64, 256];
    const big = Math.max(...fftLengths);
    const makeLosses = (target: tf.Tensor): Record<string, TargetLoss> => ({
      logMel: createLogMelLoss(target, { fftLengths }),
      logMelL1: createLogMelLoss(target, { fftLengths, distance: 'l1' }),
      spectral: createSpectralLoss(target, { fftLengths }),
      convergence: createSpectralConvergenceLoss(target, { fftLengths }),
      cumulative: createCumulativeSpectrumLoss(target, { fftLength: big }),
      statistics: createStatisticsLoss(target, { fftLength: fftLengths[0]! }),
    });

    for (const length of [backend === 'cpu' ? 6000 : 1600, big / 2 + 1]) {
      it(`silence, DC, impulse and clipped noise (${length} samples) give finite features, losses, gradients`, () => {
        const cases = signals(length);
        const reference = tf.tensor2d(
          seededNoise(length, 77).map((v) => 0.3 * v),
          [1, length],
        );
        const encoders = [
          multiResolutionLogMelEncoder({ fftLengths }),
          spectralStatisticsEncoder({ fftLength: big }),
        ];
        const losses = makeLosses(reference);
        const reward = createAudioReward(reference, {
          logMel: { fftLengths },
          statisticsFftLength: fftLengths[0]!,
        });
        for (const [name, values] of Object.entries(cases)) {
          const audio = tf.tensor2d(values, [1, length]);
          for (const encoder of encoders) {
            const features = encoder.encode(audio);
            for (const [feature, t] of Object.entries(features))
              expect(allFinite(t), `${name} ${feature}`).toBe(true);
            tf.dispose(Object.values(features));
          }
          for (const [lossName, loss] of Object.entries(losses)) {
            const { value, grad } = tf.valueAndGrad((a: tf.Tensor) => loss(a))(audio);
            expect(allFinite(value), `${name} ${lossName} value`).toBe(true);
            expect(allFinite(grad), `${name} ${lossName} gradient`).toBe(true);
            tf.dispose([value, grad]);
          }
          const rewardResult = reward.breakdown(audio);
          for (const [component, t] of Object.entries(rewardResult.components)) {
            expect(allFinite(t), `${name} reward ${component}`).toBe(true);
          }
          expect(allFinite(rewardResult.total), `${name} reward`).toBe(true);
          tf.dispose([rewardResult.total, ...Object.values(rewardResult.components)]);
          // the degenerate signal as the target, too
          const asTarget = createLogMelLoss(audio, { fftLengths });
          const { value, grad } = tf.valueAndGrad((a: tf.Tensor) => asTarget(a))(reference);
          expect(allFinite(value) && allFinite(grad), `${name} as target`).toBe(true);
          tf.dispose([value, grad, audio]);
          asTarget.dispose();
        }
        for (const loss of Object.values(losses)) loss.dispose();
        reward.dispose();
        reference.dispose();
      });
    }

    it('inputs shorter than one frame or of the wrong rank get a clear error', () => {
      const short = tf.zeros([1, big / 2]);
      expect(() => createLogMelLoss(short, { fftLengths })).toThrow(/shorter than one frame/);
      expect(() => logMelSpectrogram(short, { fftLength: big })).toThrow(
        new RegExp(
          `logMelSpectrogram: audio has ${big / 2} samples, shorter than one frame: need at least ${big / 2 + 1}`,
        ),
      );
      const rank1 = tf.zeros([4096]);
      const rank3 = tf.zeros([1, 1, 4096]);
      expect(() => stft(rank1, { fftLength: 64 })).toThrow(
        /stft: audio must be a rank-2 tensor \[batch, samples\], got rank 1/,
      );
      expect(() => logMelSpectrogram(rank3, { fftLength: 64 })).toThrow(
        /got rank 3 with shape \[1, 1, 4096\]/,
      );
      const loss = createLogMelLoss(tf.zeros([1, 4096]), { fftLengths: [64] });
      expect(() => loss(rank1)).toThrow(/rank-2/);
      loss.dispose();
      expect(() => stft(tf.zeros([1, 4096], 'int32'), { fftLength: 64 })).toThrow(/float32/);
      tf.dispose([short, rank1, rank3]);
    });

    if (backend === 'cpu') {
      it('non-finite samples get a clear error on the kernel path', () => {
        const values = new Float32Array(2000);
        values[1234] = Number.NaN;
        const bad = tf.tensor2d(values, [1, 2000]);
        expect(() => stft(bad, { fftLength: 256 })).toThrow(/non-finite value \(NaN\) at sample 1234/);
        values[1234] = Number.POSITIVE_INFINITY;
        const inf = tf.tensor2d(values, [1, 2000]);
        expect(() => logMelSpectrogram(inf, { fftLength: 256 })).toThrow(/non-finite value \(Infinity\)/);
        tf.dispose([bad, inf]);
      });
    }

    it('leaks no tensors over repeated forward/backward', () => {
      const length = big + 1000;
      const target = tf.tensor2d(seededNoise(length, 1), [1, length]);
      const audio = tf.tensor2d(seededNoise(2 * length, 2), [2, length]);
      const losses = makeLosses(target);
      const loss = combineLosses(Object.values(losses).map((l) => ({ loss: l, weight: 1 })));
      const step = () => {
        const { value, grad } = tf.valueAndGrad((a: tf.Tensor) => loss(a))(audio);
        tf.dispose([value, grad]);
        tf.tidy(() => {
          stft(audio, { fftLength: 64 });
          logMelSpectrogram(audio, { fftLength: 64 });
        });
      };
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      loss.dispose();
      const afterDispose = tf.memory().numTensors;
      tf.dispose([target, audio]);
      expect(tf.memory().numTensors).toBe(afterDispose - 2);
    });
  });
}
