// The cumulative-spectrum distance: the fused cpu kernel and the composite tfjs-ops path (wasm)
// against an independent float64 direct-DFT reference (value and central-difference gradient),
// the kernel against the composite path on cpu, degenerate inputs, dispatch and leaks.
import { BACKENDS, centralDifference, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { CUMULATIVE_SPECTRUM_DISTANCE_KERNEL } from '../kernel-names';
import { stft } from '../stft/stft';
import { maxAbs, maxAbsDiff, referenceStft, seededNoise } from '../test-support/reference';
import {
  audioCumulativeSpectrumDistance,
  cumulativeSpectrum,
  cumulativeSpectrumDistance,
} from './cumulative-spectrum-distance';
import { createCumulativeSpectrumLoss } from './cumulative-spectrum-loss';

type Window = 'hann' | 'hamming' | 'blackman' | 'rectangular';
interface Options {
  fftLength: number;
  hopLength: number;
  power: 1 | 2;
  window?: Window;
}

const value = (t: tf.Tensor) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};
const allFinite = (t: tf.Tensor) => t.dataSync().every(Number.isFinite);

/** Float64 per-frame CDFs of each `length`-sample signal in `x`, flattened `[batch, frames, bins]`. */
function referenceCdfs(x: ArrayLike<number>, batch: number, length: number, o: Options): number[][][] {
  const out: number[][][] = [];
  for (let b = 0; b < batch; b++) {
    const signal = Array.from({ length }, (_, t) => x[b * length + t]!);
    const spectrum = referenceStft(signal, o);
    out.push(
      spectrum.map((frame) => {
        const cdf: number[] = [];
        let acc = 0;
        for (const s of frame) {
          acc += s;
          cdf.push(acc);
        }
        return cdf.map((c) => c / (acc + 1e-12));
      }),
    );
  }
  return out;
}

/** The definition in float64: mean over batch and frames of Σ_k (sqrt((F − G)² + 1e-12) − 1e-6) / (bins − 1). */
function referenceDistance(
  x: ArrayLike<number>,
  batch: number,
  length: number,
  target: ArrayLike<number>,
  targetBatch: number,
  o: Options,
): number {
  const cdfs = referenceCdfs(x, batch, length, o);
  const frames = cdfs[0]!.length;
  const bins = o.fftLength / 2 + 1;
  let sum = 0;
  cdfs.forEach((item, b) => {
    item.forEach((frame, f) => {
      const base = ((targetBatch === 1 ? 0 : b) * frames + f) * bins;
      frame.forEach((c, k) => {
        const d = c - target[base + k]!;
        sum += Math.sqrt(d * d + 1e-12) - 1e-6;
      });
    });
  });
  return sum / (batch * frames * (bins - 1));
}

/**
 * Relative errors of {@link audioCumulativeSpectrumDistance} on the active backend against
 * {@link referenceDistance}: value, and gradient against float64 central differences (max
 * abs difference over max |gradient|). Both sides use the same float32 target CDFs.
 */
function referenceErrors(
  audio: Float32Array,
  batch: number,
  targetAudio: Float32Array,
  targetBatch: number,
  o: Options,
): { value: number; gradient: number } {
  const length = audio.length / batch;
  const targetCdf = Float32Array.from(referenceCdfs(targetAudio, targetBatch, length, o).flat(2));
  const frames = 1 + Math.floor(length / o.hopLength);
  const target = tf.tensor3d(targetCdf, [targetBatch, frames, o.fftLength / 2 + 1]);
  const x = tf.tensor2d(audio, [batch, length]);
  const f = (a: tf.Tensor) => audioCumulativeSpectrumDistance(a, target, o);
  const expected = referenceDistance(audio, batch, length, targetCdf, targetBatch, o);
  const valueError = Math.abs(value(f(x)) - expected) / expected;
  const g = tf.grad(f)(x);
  // a step relative to the signal's scale (the gradient grows as 1/amplitude)
  const step = 1e-5 * Math.max(maxAbs(audio), 1e-12);
  const numeric = centralDifference(
    (point) => referenceDistance(point, batch, length, targetCdf, targetBatch, o),
    audio,
    step,
  );
  const gradientError = maxAbsDiff(g.dataSync(), numeric) / Math.max(maxAbs(numeric), 1e-12);
  tf.dispose([g, x, target]);
  return { value: valueError, gradient: gradientError };
}

for (const backend of BACKENDS) {
  describe(`cumulative-spectrum distance on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    it('equals a float64 direct-DFT reference in value and central-difference gradient', () => {
      // batch 2 against a batch-1 (broadcast) and a batch-2 target; power 2 and 1; three windows
      const length = 150;
      const cases: [Options, number][] = [
        [{ fftLength: 32, hopLength: 8, power: 2 }, 1],
        [{ fftLength: 32, hopLength: 11, power: 1, window: 'hamming' }, 2],
        [{ fftLength: 64, hopLength: 16, power: 2, window: 'blackman' }, 2],
      ];
      // the kernel works in float64 and returns float32; the composite path is float32 throughout
      const tolerance = backend === 'cpu' ? 1e-5 : 1e-3;
      for (const [o, targetBatch] of cases) {
        const errors = referenceErrors(
          seededNoise(2 * length, 11),
          2,
          seededNoise(targetBatch * length, 12),
          targetBatch,
          o,
        );
        expect(errors.value, `${JSON.stringify(o)} target batch ${targetBatch}`).toBeLessThan(tolerance);
        expect(errors.gradient, `${JSON.stringify(o)} target batch ${targetBatch}`).toBeLessThan(tolerance);
      }
    });

    it('matches the float64 reference on DC, an impulse and near-silence', () => {
      // (the float32 composite path loses digits to cancellation on DC: where F ≈ 1 the gradient
      // is a difference of two sums of ~bins terms)
      const length = 150;
      const impulse = new Float32Array(length);
      impulse[70] = 0.9;
      const target = seededNoise(length, 40);
      const cases: [string, Float32Array, (1 | 2)[]][] = [
        // magnitudes (power 1) have no derivative at |X| = 0, i.e. in the empty bins of DC
        ['dc', new Float32Array(length).fill(-0.3), [2]],
        ['impulse', impulse, [1, 2]],
        ['quiet noise', seededNoise(length, 41).map((v) => 1e-6 * v), [1, 2]],
      ];
      const tolerance = backend === 'cpu' ? 1e-5 : 1e-3;
      for (const [name, values, powers] of cases) {
        for (const power of powers) {
          const errors = referenceErrors(values, 1, target, 1, { fftLength: 32, hopLength: 8, power });
          expect(errors.value, `${name}, power ${power}`).toBeLessThan(tolerance);
          expect(errors.gradient, `${name}, power ${power}`).toBeLessThan(tolerance);
        }
      }
    });

    it('the loss caches the target CDFs: the same value and gradient as the distance of spectra', () => {
      const length = 1200;
      const o = { fftLength: 128, hopLength: 32 };
      const target = tf.tensor2d(seededNoise(length, 21), [1, length]);
      const audio = tf.tensor2d(seededNoise(2 * length, 22), [2, length]);
      for (const power of [1, 2] as const) {
        const loss = createCumulativeSpectrumLoss(target, { ...o, power });
        const spectra = (a: tf.Tensor) =>
          cumulativeSpectrumDistance(stft(a, { ...o, power }), stft(target, { ...o, power }));
        expect(value(loss(audio)) / value(spectra(audio)), `power ${power}`).toBeCloseTo(1, 5);
        const g1 = tf.grad((a: tf.Tensor) => loss(a))(audio);
        const g2 = tf.grad(spectra)(audio);
        expect(maxAbsDiff(g1.dataSync(), g2.dataSync()), `power ${power}`).toBeLessThan(
          2e-4 * maxAbs(g2.dataSync()),
        );
        // 0 at the target up to float32 round-off of the cached CDFs (the smoothing δ is subtracted)
        expect(value(loss(target))).toBeLessThan(1e-8);
        tf.dispose([g1, g2]);
        loss.dispose();
      }
      tf.dispose([target, audio]);
    });

    it('silence, DC and an impulse, as audio or as target, give finite values and gradients', () => {
      const length = 700;
      const impulse = new Float32Array(length);
      impulse[300] = 1;
      const signals: Record<string, Float32Array> = {
        silence: new Float32Array(length),
        dc: new Float32Array(length).fill(0.5),
        impulse,
        noise: seededNoise(length, 5),
      };
      for (const power of [1, 2] as const) {
        for (const [targetName, targetValues] of Object.entries(signals)) {
          const target = tf.tensor2d(targetValues, [1, length]);
          const loss = createCumulativeSpectrumLoss(target, { fftLength: 256, hopLength: 64, power });
          for (const [name, values] of Object.entries(signals)) {
            const label = `power ${power}: ${name} against ${targetName}`;
            const audio = tf.tensor2d(values, [1, length]);
            const { value: v, grad } = tf.valueAndGrad((a: tf.Tensor) => loss(a))(audio);
            expect(allFinite(v) && allFinite(grad), label).toBe(true);
            const d = v.dataSync()[0]!;
            // |F − G| ≤ 1 in each of the 129 bins (+ δ), over bins − 1
            expect(d >= 0 && d <= (129 / 128) * (1 + 1e-5), `${label}: ${d}`).toBe(true);
            // a signal against itself: 0 up to the float32 round-off of the cached CDFs (the
            // smoothing δ is subtracted per bin; before, it left a floor of 1e-6)
            if (name === targetName) expect(d, label).toBeLessThan(1e-7);
            tf.dispose([v, grad, audio]);
          }
          loss.dispose();
          target.dispose();
        }
      }
    });

    it(`runs ${backend === 'cpu' ? 'the fused kernel' : 'the composite tfjs ops'}`, async () => {
      const length = 600;
      const target = tf.tensor2d(seededNoise(length, 1), [1, length]);
      const audio = tf.tensor2d(seededNoise(length, 2), [1, length]);
      const loss = createCumulativeSpectrumLoss(target, { fftLength: 128, hopLength: 32 });
      const info = await tf.profile(() => loss(audio));
      (info.result as tf.Tensor).dispose();
      expect(info.kernelNames.includes(CUMULATIVE_SPECTRUM_DISTANCE_KERNEL)).toBe(backend === 'cpu');
      expect(info.kernelNames.includes('Cumsum')).toBe(backend !== 'cpu');
      loss.dispose();
      tf.dispose([target, audio]);
    });

    it('leaks no tensors over many forward and forward+backward calls', () => {
      const length = 2000;
      const target = tf.tensor2d(seededNoise(length, 1), [1, length]);
      const audio = tf.variable(tf.tensor2d(seededNoise(2 * length, 2), [2, length]));
      const start = tf.memory().numTensors;
      const loss = createCumulativeSpectrumLoss(target, { fftLength: 256, hopLength: 64 });
      expect(tf.memory().numTensors).toBe(start + 1); // the cached target CDFs
      const step = () => {
        value(loss(audio));
        const { value: v, grad } = tf.valueAndGrad((a: tf.Tensor) => loss(a))(audio);
        const { value: w, grads } = tf.variableGrads(() => loss(audio));
        tf.dispose([v, grad, w, grads]);
      };
      step();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) step();
      expect(tf.memory().numTensors).toBe(before);
      loss.dispose();
      expect(tf.memory().numTensors).toBe(start);
      tf.dispose([target, audio]);
    });

    it('rejects target CDFs of the wrong shape with a clear error', () => {
      const audio = tf.zeros([2, 1000]);
      const o = { fftLength: 64, hopLength: 16 };
      const good = tf.tidy(() => cumulativeSpectrum(stft(tf.zeros([1, 1000]), o)));
      expect(value(audioCumulativeSpectrumDistance(audio, good, o))).toBeGreaterThanOrEqual(0);
      for (const shape of [
        [3, 63, 33],
        [1, 62, 33],
        [1, 63, 65],
        [63, 33],
      ]) {
        const bad = tf.zeros(shape);
        expect(() => audioCumulativeSpectrumDistance(audio, bad, o), shape.join('x')).toThrow(
          /cumulativeSpectrumDistance: target must be cumulative spectra of shape \[2 or 1, 63, 33\]/,
        );
        bad.dispose();
      }
      expect(() => audioCumulativeSpectrumDistance(tf.zeros([1, 20]), good, o)).toThrow(
        /shorter than one frame/,
      );
      tf.dispose([audio, good]);
    });
  });
}

describe('fused cumulative-spectrum kernel against the composite path (cpu)', () => {
  beforeAll(() => useBackend('cpu'));

  it('agrees in value and gradient over FFT sizes, hops, power 1 and 2, windows and batch', () => {
    const length = 3000;
    const audio = tf.tensor2d(seededNoise(2 * length, 31), [2, length]);
    const targets = {
      1: tf.tensor2d(seededNoise(length, 32), [1, length]),
      2: tf.tensor2d(seededNoise(2 * length, 33), [2, length]),
    };
    const cases: [Options, 1 | 2][] = [
      [{ fftLength: 64, hopLength: 16, power: 2 }, 1],
      [{ fftLength: 256, hopLength: 64, power: 1 }, 2],
      [{ fftLength: 512, hopLength: 100, power: 2, window: 'hamming' }, 2],
      [{ fftLength: 1024, hopLength: 256, power: 2 }, 1],
      [{ fftLength: 1024, hopLength: 256, power: 1, window: 'blackman' }, 1],
      [{ fftLength: 4096, hopLength: 512, power: 2 }, 2],
    ];
    for (const [o, targetBatch] of cases) {
      const label = `${JSON.stringify(o)} target batch ${targetBatch}`;
      const target = targets[targetBatch];
      const targetSpectrum = stft(target, o);
      const targetCdf = cumulativeSpectrum(targetSpectrum);
      const fused = (a: tf.Tensor) => audioCumulativeSpectrumDistance(a, targetCdf, o);
      const composite = (a: tf.Tensor) => cumulativeSpectrumDistance(stft(a, o), targetSpectrum);
      const v = value(fused(audio));
      expect(v / value(composite(audio)), label).toBeCloseTo(1, 5);
      // the value-only sweep (no tape) and the value-and-gradient sweep agree exactly
      const { value: taped, grad } = tf.valueAndGrad(fused)(audio);
      expect(value(taped), label).toBe(v);
      const g2 = tf.grad(composite)(audio);
      expect(maxAbsDiff(grad.dataSync(), g2.dataSync()), label).toBeLessThan(2e-4 * maxAbs(g2.dataSync()));
      tf.dispose([grad, g2, targetSpectrum, targetCdf]);
    }
    tf.dispose([audio, targets[1], targets[2]]);
  });

  it('refuses the gradient w.r.t. the target CDFs with a clear error', () => {
    const o = { fftLength: 64, hopLength: 16 };
    const audio = tf.tensor2d(seededNoise(500, 1), [1, 500]);
    const targetCdf = tf.tidy(() => cumulativeSpectrum(stft(tf.tensor2d(seededNoise(500, 2), [1, 500]), o)));
    expect(() => tf.grad((t: tf.Tensor) => audioCumulativeSpectrumDistance(audio, t, o))(targetCdf)).toThrow(
      /gradient w\.r\.t\. the target CDFs is not implemented/,
    );
    tf.dispose([audio, targetCdf]);
  });
});
