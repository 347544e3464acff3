import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { logMelSpectrogram } from '../mel/mel-spectrogram';
import { stft } from '../stft/stft';
import { checkDirectional } from '../test-support/directional';
import { maxAbs, maxAbsDiff, seededNoise } from '../test-support/reference';
import { cumulativeSpectrumDistance } from './cumulative-spectrum-distance';
import { createCumulativeSpectrumLoss } from './cumulative-spectrum-loss';
import { logMelDistance } from './log-mel-distance';
import { createLogMelLoss } from './log-mel-loss';
import { createSpectralConvergenceLoss, createSpectralLoss } from './spectral-losses';
import { createStatisticsLoss } from './statistics-loss';
import { combineLosses } from './target-loss';

const SR = 16000;
const small = { fftLengths: [64, 256], hopLength: 32, melBins: 16 };
const value = (t: tf.Tensor) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

for (const backend of BACKENDS) {
  describe(`losses on ${backend}`, () => {
    beforeAll(() => useBackend(backend));
    const length = 800;
    let target: tf.Tensor2D;
    let audio: tf.Tensor2D;
    beforeAll(() => {
      target = tf.tensor2d(seededNoise(length, 1), [1, length]);
      audio = tf.tensor2d(seededNoise(2 * length, 2), [2, length]);
    });

    it('log-mel loss is the mean (or sum) over scales of the L2 / L1 log-mel distance', () => {
      const manual = (distance: 'l1' | 'l2') =>
        tf.tidy(() => {
          const terms = small.fftLengths.map((fftLength) => {
            const o = { fftLength, hopLength: 32, melBins: 16 };
            const d = tf.sub(logMelSpectrogram(audio, o), logMelSpectrogram(target, o));
            return (distance === 'l2' ? tf.mean(tf.square(d)) : tf.mean(tf.abs(d))).dataSync()[0]!;
          });
          return terms;
        });
      const l2 = createLogMelLoss(target, small);
      const l1Sum = createLogMelLoss(target, { ...small, distance: 'l1', scaleReduction: 'sum' });
      const [a, b] = manual('l2');
      const [c, d] = manual('l1');
      expect(value(l2(audio))).toBeCloseTo((a! + b!) / 2, 4);
      expect(value(l1Sum(audio))).toBeCloseTo(c! + d!, 4);
      expect(value(l2(target))).toBeLessThan(1e-10);
      l2.dispose();
      l1Sum.dispose();
    });

    it('DDSP spectral loss sums its scales; spectral convergence averages them', () => {
      const fftLengths = [256, 64];
      const ddsp = createSpectralLoss(target, { fftLengths, overlap: 0.75, epsilon: 1e-7 });
      const sc = createSpectralConvergenceLoss(target, { fftLengths });
      let expectedDdsp = 0;
      let expectedSc = 0;
      for (const fftLength of fftLengths) {
        const o = { fftLength, hopLength: fftLength / 4, power: 1 as const };
        const s = stft(audio, o);
        const t = stft(target, o);
        const sv = s.arraySync() as number[][][];
        const tv = (t.arraySync() as number[][][])[0]!;
        let lin = 0;
        let log = 0;
        let count = 0;
        sv.forEach((item) => {
          let num = 0;
          let den = 0;
          item.forEach((frame, f) => {
            frame.forEach((v, k) => {
              const w = tv[f]![k]!;
              lin += Math.abs(v - w);
              log += Math.abs(Math.log(v + 1e-7) - Math.log(w + 1e-7));
              num += (v - w) ** 2;
              den += w * w;
              count++;
            });
          });
          expectedSc += Math.sqrt(num) / Math.sqrt(den) / sv.length / fftLengths.length;
        });
        expectedDdsp += lin / count + log / count;
        tf.dispose([s, t]);
      }
      expect(value(ddsp(audio)) / expectedDdsp).toBeCloseTo(1, 4);
      expect(value(sc(audio)) / expectedSc).toBeCloseTo(1, 4);
      ddsp.dispose();
      sc.dispose();
    });

    it('every loss is ~0 at the target, positive away from it, with central-difference gradients', () => {
      const x = tf.tensor2d(seededNoise(length, 3), [1, length]);
      const losses = {
        logMel: createLogMelLoss(target, small),
        logMelL1: createLogMelLoss(target, { ...small, distance: 'l1' }),
        spectral: createSpectralLoss(target, { fftLengths: [256, 64] }),
        convergence: createSpectralConvergenceLoss(target, { fftLengths: [256, 64] }),
        cumulative: createCumulativeSpectrumLoss(target, { fftLength: 256, hopLength: 64 }),
        statistics: createStatisticsLoss(target, { fftLength: 256, hopLength: 64, rolloffTemperature: 0.05 }),
      };
      for (const [name, loss] of Object.entries(losses)) {
        expect(value(loss(target)), name).toBeLessThan(1e-5);
        expect(value(loss(x)), name).toBeGreaterThan(1e-3);
        // L1-type losses have kinks: a smaller step keeps the probe on one side of them
        const h = name === 'logMel' || name === 'statistics' || name === 'cumulative' ? 1e-2 : 1e-3;
        try {
          checkDirectional((a) => loss(a), x, 2, h, 5e-3);
        } catch (e) {
          throw new Error(`${name}: ${(e as Error).message}`);
        }
      }
      const shorter = tf.zeros([1, length - 10]);
      const batch3 = tf.zeros([3, length]);
      for (const [name, loss] of Object.entries(losses)) {
        expect(() => loss(shorter), name).toThrow(/audio has 790 samples but the target has 800/);
      }
      // target batch 1 broadcasts; a batch-2 target does not fit batch-3 audio
      const pairLoss = createLogMelLoss(audio, small);
      expect(() => pairLoss(batch3)).toThrow(/audio batch 3 does not match the target batch 2/);
      pairLoss.dispose();
      tf.dispose([shorter, batch3]);
      const combined = combineLosses([
        { loss: losses.logMel, weight: 2 },
        { loss: losses.cumulative, weight: 0.5 },
      ]);
      const expected = 2 * value(losses.logMel(x)) + 0.5 * value(losses.cumulative(x));
      expect(value(combined(x))).toBeCloseTo(expected, 4);
      combined.dispose();
      for (const loss of Object.values(losses)) loss.dispose();
      expect(() => losses.logMel(x)).toThrow(/after dispose/);
      x.dispose();
    });
  });
}

describe('cumulative-spectrum loss gives pitch a gradient direction (cpu)', () => {
  beforeAll(() => useBackend('cpu'));
  const n = 4096;
  let time: tf.Tensor;
  beforeAll(() => {
    time = tf.div(tf.range(0, n), SR);
  });
  const oscillator = (hz: tf.Tensor) => tf.reshape(tf.sin(tf.mul(tf.mul(time, hz), 2 * Math.PI)), [1, n]);

  it('dL/df has the sign of (f − f_target) for partials 40 Hz apart, above and below', () => {
    const target = tf.tidy(() => oscillator(tf.scalar(220)));
    const loss = createCumulativeSpectrumLoss(target, { fftLength: 1024, hopLength: 256 });
    for (const [start, sign] of [
      [260, 1],
      [180, -1],
      [440, 1],
    ] as const) {
      const g = tf.grad((f: tf.Tensor) => loss(oscillator(f)))(tf.scalar(start));
      expect(Math.sign(g.dataSync()[0]!), `start ${start} Hz`).toBe(sign);
      g.dispose();
    }
    loss.dispose();
    target.dispose();
  });

  it('the fused log-mel loss passes its gradient on through a synth (chain rule to frequency)', () => {
    const target = tf.tidy(() => oscillator(tf.scalar(220)));
    const loss = createLogMelLoss(target, { fftLengths: [1024] });
    const f0 = tf.scalar(230);
    const g = tf.grad((f: tf.Tensor) => loss(oscillator(f)))(f0);
    const analytic = g.dataSync()[0]!;
    // the same loss through the unfused path (mel kernel + tfjs ops): the same chain rule result
    const targetMel = logMelSpectrogram(target, { fftLength: 1024 });
    const unfused = tf.grad((f: tf.Tensor) =>
      tf.mean(tf.squaredDifference(logMelSpectrogram(oscillator(f), { fftLength: 1024 }), targetMel)),
    )(f0);
    expect(Number.isFinite(analytic) && analytic !== 0).toBe(true);
    expect(Math.abs(analytic - unfused.dataSync()[0]!)).toBeLessThan(1e-3 * Math.abs(analytic));
    tf.dispose([targetMel, unfused]);
    loss.dispose();
    tf.dispose([target, f0, g]);
  });

  it('the distance equals the shift of a spectral line as a fraction of Nyquist', () => {
    const bins = 101;
    const a = new Float32Array(bins);
    const b = new Float32Array(bins);
    a[20] = 1;
    b[30] = 1;
    const d = cumulativeSpectrumDistance(tf.tensor3d(a, [1, 1, bins]), tf.tensor3d(b, [1, 1, bins]));
    expect(d.dataSync()[0]).toBeCloseTo(10 / 100, 4);
  });

  it('stft of the oscillator is differentiable w.r.t. frequency (finite)', () => {
    const g = tf.grad((f: tf.Tensor) => tf.sum(stft(oscillator(f), { fftLength: 256 })))(tf.scalar(300));
    expect(Number.isFinite(g.dataSync()[0])).toBe(true);
  });
});

describe('fused log-mel distance kernel (cpu)', () => {
  beforeAll(() => useBackend('cpu'));
  it('agrees with log-mel spectrogram + tfjs ops in value and gradient, with batch-1 target broadcast', () => {
    const options = { fftLength: 512, hopLength: 128, melBins: 32 };
    const audio = tf.tensor2d(seededNoise(2 * 3000, 31), [2, 3000]);
    const target = logMelSpectrogram(tf.tensor2d(seededNoise(3000, 32), [1, 3000]), options);
    for (const distance of ['l1', 'l2'] as const) {
      const fused = (a: tf.Tensor) => logMelDistance(a, target, { ...options, distance });
      const composite = (a: tf.Tensor) =>
        tf.tidy(() => {
          const d = tf.sub(logMelSpectrogram(a, options), target);
          return distance === 'l2' ? tf.mean(tf.square(d)) : tf.mean(tf.abs(d));
        });
      expect(value(fused(audio))).toBeCloseTo(value(composite(audio)), 5);
      // value-only sweep (no tape) and value-and-gradient sweep (tape recording) agree
      const { value: taped, grad } = tf.valueAndGrad(fused)(audio);
      expect(value(taped)).toBe(value(fused(audio)));
      grad.dispose();
      const g1 = tf.grad(fused)(audio);
      const g2 = tf.grad(composite)(audio);
      expect(maxAbsDiff(g1.dataSync(), g2.dataSync())).toBeLessThan(1e-4 * maxAbs(g2.dataSync()));
      tf.dispose([g1, g2]);
    }
    expect(() => logMelDistance(audio, tf.zeros([1, 5, 32]), options)).toThrow(
      /target must be log-mel features of shape/,
    );
    tf.dispose([audio, target]);
  });
});
