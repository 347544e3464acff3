import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDirectional } from '../test-support/directional';
import { seededNoise } from '../test-support/reference';
import { createAudioReward, distanceReward, gaussianReward } from './audio-reward';

const SR = 16000;
const n = 4096;
const tone = (hz: number) =>
  tf.tensor2d(
    Float32Array.from({ length: n }, (_, t) => 0.5 * Math.sin((2 * Math.PI * hz * t) / SR)),
    [1, n],
  );
const read = (t: tf.Tensor) => t.dataSync()[0]!;

describe('audio rewards (AE-DDSP §6, docs/method.md)', () => {
  beforeAll(() => useBackend('cpu'));

  it('are exp(−(Δ/tol)²) and exp(−d/scale), 1 at a match', () => {
    const a = tf.tensor1d([100, 300]);
    const b = tf.tensor1d([150, 150]);
    expect(read(gaussianReward(a, b, 50))).toBeCloseTo(Math.exp(-1), 6);
    expect(read(distanceReward(tf.scalar(2), 4))).toBeCloseTo(Math.exp(-0.5), 6);
    expect(() => gaussianReward(a, b, 0)).toThrow(/tolerance/);
  });

  it('every component and the total lie in [0, 1], equal 1 at the target and fall with distance', () => {
    const target = tone(440);
    const reward = createAudioReward(target, { logMel: { fftLengths: [512, 2048] } });
    const totals: number[] = [];
    for (const audio of [target, tone(470), tone(880), tf.tensor2d(seededNoise(n, 4), [1, n])]) {
      const { total, components } = reward.breakdown(audio);
      totals.push(read(total));
      // Called directly, the reward is the breakdown's total and leaves no tensor behind.
      const before = tf.memory().numTensors;
      const direct = reward(audio);
      expect(read(direct)).toBe(read(total));
      direct.dispose();
      expect(tf.memory().numTensors).toBe(before);
      for (const [name, c] of Object.entries(components)) {
        const v = read(c);
        expect(v, name).toBeGreaterThanOrEqual(0);
        expect(v, name).toBeLessThanOrEqual(1);
        if (audio === target) expect(v, name).toBeCloseTo(1, 5);
      }
      tf.dispose([total, ...Object.values(components)]);
    }
    expect(totals[0]).toBeCloseTo(1, 5);
    expect(totals[1]!).toBeLessThan(totals[0]!);
    expect(totals[2]!).toBeLessThan(totals[1]!);
    expect(totals[3]!).toBeLessThan(0.5);
    const short = tf.zeros([1, 3000]);
    expect(() => reward(short)).toThrow(/audio reward: audio has 3000 samples but the target has 4096/);
    short.dispose();
    reward.dispose();
    target.dispose();
  });

  it('is differentiable: finite gradients that match central differences', () => {
    const target = tone(440);
    const reward = createAudioReward(target, { logMel: { fftLengths: [512] } });
    const x = tone(450);
    const g = tf.grad((a: tf.Tensor) => reward(a))(x);
    const values = g.dataSync();
    expect(values.every(Number.isFinite)).toBe(true);
    expect(values.some((v) => v !== 0)).toBe(true);
    // and matches central differences along random directions; on noisy tones (pure tones put
    // bins at the log floor / |X| ≈ 0, where finite differences of log and |·| are meaningless)
    const noisy = (hz: number, seed: number) =>
      tf.tidy(() =>
        tf.add(
          tone(hz),
          tf.tensor2d(
            seededNoise(n, seed).map((v) => 0.1 * v),
            [1, n],
          ),
        ),
      );
    const rewardNoisy = createAudioReward(noisy(440, 1), { logMel: { fftLengths: [512] } });
    const xNoisy = noisy(450, 2);
    const total = (a: tf.Tensor) => tf.tidy(() => tf.mul(rewardNoisy(a), 100));
    // 1.5 % tolerance: the crest term takes a max and the smooth rolloff is a steep sigmoid
    checkDirectional(total, xNoisy, 2, 1e-2, 1.5e-2);
    rewardNoisy.dispose();
    xNoisy.dispose();
    reward.dispose();
    tf.dispose([target, x, g]);
  });

  it('rejects weights that are negative or all zero', () => {
    const target = tone(440);
    expect(() =>
      createAudioReward(target, {
        weights: { logMel: 0, centroid: 0, rolloff: 0, flatness: 0, peakiness: 0 },
      }),
    ).toThrow(/not all 0/);
    target.dispose();
  });
});
