import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aWeightingDb } from '../stats/spectral-statistics';
import { checkDirectional } from '../test-support/directional';
import { seededNoise } from '../test-support/reference';
import { createLoudnessLoss } from './loudness-loss';

const SR = 16000;

/** A tone of `hz` whose amplitude follows `envelope(t)` (t in seconds), as float32. */
function tone(hz: number, samples: number, envelope: (t: number) => number = () => 0.5): Float32Array {
  return Float32Array.from(
    { length: samples },
    (_, n) => envelope(n / SR) * Math.sin((2 * Math.PI * hz * n) / SR),
  );
}

/**
 * The definition in float64, in the time domain: centred frames (reflect padding of n/2) every
 * `hop`, each frame's Hann-weighted mean square Σ(w·x)²/Σw² (or the A-weighted one through a
 * plain DFT), in dB over the target's floor; the mean squared difference.
 */
function reference(
  audio: Float32Array,
  target: Float32Array,
  n: number,
  hop: number,
  rangeDb: number,
  aWeighted = false,
) {
  const w = Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n));
  const windowPower = w.reduce((s, v) => s + v * v, 0);
  const frames = (x: Float32Array) => {
    const pad = n / 2;
    const at = (i: number) => {
      const j = i < 0 ? -i : i >= x.length ? 2 * (x.length - 1) - i : i;
      return x[j]!;
    };
    const out: number[] = [];
    for (let start = -pad; start + pad <= x.length; start += hop) {
      const frame = Float64Array.from({ length: n }, (_, i) => w[i]! * at(start + i));
      if (!aWeighted) {
        out.push(frame.reduce((s, v) => s + v * v, 0) / windowPower);
        continue;
      }
      let ms = 0;
      for (let k = 1; k <= n / 2; k++) {
        let re = 0;
        let im = 0;
        for (let i = 0; i < n; i++) {
          re += frame[i]! * Math.cos((2 * Math.PI * k * i) / n);
          im -= frame[i]! * Math.sin((2 * Math.PI * k * i) / n);
        }
        const twice = k === n / 2 ? 1 : 2;
        ms += (twice * (re * re + im * im) * 10 ** (aWeightingDb((k * SR) / n) / 10)) / (n * windowPower);
      }
      out.push(ms);
    }
    return out;
  };
  const msTarget = frames(target);
  const msAudio = frames(audio);
  const floor = Math.max(...msTarget) * 10 ** (-rangeDb / 10) + 1e-20;
  const db = (v: number) => 10 * Math.log10(v + floor);
  return msAudio.reduce((s, v, i) => s + (db(v) - db(msTarget[i]!)) ** 2, 0) / msAudio.length;
}

describe.each(BACKENDS)('loudness-envelope loss on %s', (backend) => {
  beforeAll(() => useBackend(backend));

  it('equals the time-domain definition: per-frame levels in dB over the target floor', () => {
    const target = tone(440, 3000, (t) => Math.min(1, t / 0.05) * 0.6);
    const audio = tone(330, 3000, (t) => 0.3 * Math.exp(-t / 0.1));
    for (const rangeDb of [20, 60]) {
      const t = tf.tensor2d(target, [1, target.length]);
      const loss = createLoudnessLoss(t, { fftLength: 256, hopLength: 64, rangeDb });
      const value = loss(tf.tensor2d(audio, [1, audio.length])).dataSync()[0]!;
      const expected = reference(audio, target, 256, 64, rangeDb);
      expect(Math.abs(value - expected) / expected, `range ${rangeDb}`).toBeLessThan(1e-4);
      loss.dispose();
      t.dispose();
    }
  });

  it('weights the spectrum by the A-curve when asked', () => {
    const target = tone(100, 1024, () => 0.5);
    const audio = tone(3000, 1024, () => 0.5);
    const t = tf.tensor2d(target, [1, target.length]);
    const loss = createLoudnessLoss(t, { fftLength: 128, hopLength: 128, aWeighted: true });
    const value = loss(tf.tensor2d(audio, [1, audio.length])).dataSync()[0]!;
    const expected = reference(audio, target, 128, 128, 60, true);
    expect(Math.abs(value - expected) / expected).toBeLessThan(1e-3);
    // equal RMS, so only the A-curve (≈ −19 dB at 100 Hz, +1 dB at 3 kHz) separates them
    expect(value).toBeGreaterThan(15 ** 2);
    loss.dispose();
    t.dispose();
  });

  it('is 0 at the target and the squared gain in dB away from it (a steady tone)', () => {
    const x = tone(440, 4000);
    const t = tf.tensor2d(x, [1, x.length]);
    const loss = createLoudnessLoss(t);
    expect(loss(t).dataSync()[0]).toBeLessThan(1e-6);
    for (const gainDb of [-30, -6, 3, 20]) {
      const scaled = tf.mul(t, 10 ** (gainDb / 20)) as tf.Tensor2D;
      const value = loss(scaled).dataSync()[0]!;
      // the floor (60 dB under the peak) bends the −30 dB point by 10·log10(1 + 1e-3) dB
      expect(Math.abs(value - gainDb ** 2), `gain ${gainDb} dB`).toBeLessThan(0.003 * gainDb ** 2);
      scaled.dispose();
    }
    loss.dispose();
    t.dispose();
  });

  it('has the gradient of central differences', () => {
    const target = tf.tensor2d(
      tone(440, 1200, (t) => 0.5 * Math.exp(-t / 0.03)),
      [1, 1200],
    );
    const audio = tf.tensor2d(
      seededNoise(1200, 3).map((v) => 0.2 * v),
      [1, 1200],
    );
    const loss = createLoudnessLoss(target, { fftLength: 256, hopLength: 64 });
    checkDirectional((a) => loss(a), audio, 4, 1e-2, 5e-3);
    loss.dispose();
    tf.dispose([target, audio]);
  });

  it('broadcasts a target of batch 1, averages over the batch, and leaks no tensors', () => {
    const target = tf.tensor2d(tone(220, 2048), [1, 2048]);
    const loss = createLoudnessLoss(target);
    const before = tf.memory().numTensors;
    const quieter = tf.mul(target, 0.1);
    const both = tf.concat([target, quieter]);
    const value = loss(both);
    expect(value.dataSync()[0]).toBeCloseTo(400 / 2, 0);
    tf.dispose([value, both, quieter]);
    expect(tf.memory().numTensors).toBe(before);
    loss.dispose();
    target.dispose();
  });

  it('rejects bad options and audio that does not fit the target', () => {
    const target = tf.tensor2d(tone(220, 2048), [1, 2048]);
    expect(() => createLoudnessLoss(target, { rangeDb: 0 })).toThrow(/rangeDb/);
    expect(() => createLoudnessLoss(target, { sampleRate: Number.NaN })).toThrow(/sampleRate/);
    expect(() => createLoudnessLoss(tf.zeros([1, 100]))).toThrow(
      /loudnessLoss \(target\).*shorter than one frame/,
    );
    const loss = createLoudnessLoss(target);
    expect(() => loss(tf.zeros([1, 2000]))).toThrow(/2000 samples but the target has 2048/);
    loss.dispose();
    target.dispose();
  });
});
