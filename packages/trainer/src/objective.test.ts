import { centralDifference, maxRelativeError, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { Objective } from './objective';
import { drivePlant, mseLoss } from './test-support/drive-plant';

const plant = drivePlant();
const SAMPLES = 400;
const target = () => tf.tidy(() => plant.render(tf.tensor2d([0.7, 0.3, 0.4, 0.9], [2, 2]), SAMPLES));
const closeness = (t: tf.Tensor2D) => (audio: tf.Tensor2D) =>
  tf.tidy(() => tf.exp(tf.mul(-20, mseLoss(t)(audio))) as tf.Scalar);

/** The objective at θ in float64 arithmetic on float32 renders, for finite differences. */
function objectiveAt(
  theta: Float64Array,
  t: tf.Tensor2D,
  lambda: number,
  capDb: number,
  weight: number,
): number {
  return tf.tidy(() => {
    const audio = plant.render(tf.tensor2d(Float32Array.from(theta), [2, 2]), SAMPLES);
    const mse = tf.mean(tf.square(tf.sub(audio, t))).dataSync()[0]!;
    const reward = Math.exp(-20 * mse);
    const loudness = 10 * Math.log10(tf.mean(tf.square(audio)).dataSync()[0]! + 1e-12);
    return mse - lambda * reward + weight * Math.max(0, loudness - capDb) ** 2;
  });
}

describe('Objective', () => {
  beforeAll(() => useBackend('cpu'));

  it('reports the loss, reward and loudness, and the gradient of loss − λ·R + the loudness penalty', () => {
    const t = target();
    const objective = new Objective({
      plant,
      target: t,
      loss: mseLoss,
      reward: closeness,
      rewardInLoss: 0.5,
      loudnessPenalty: { capDb: -12, weight: 0.01 },
    });
    const theta = Float32Array.from([0.5, 0.6, 0.5, 0.5]);
    const e = objective.evaluate(theta, 0);
    const mse = objectiveAt(Float64Array.from(theta), t, 0, 0, 0);
    expect(e.loss).toBeCloseTo(mse, 6);
    expect(e.reward).toBeCloseTo(Math.exp(-20 * mse), 6);
    const numeric = centralDifference((x) => objectiveAt(x, t, 0.5, -12, 0.01), theta, 1e-3);
    expect(maxRelativeError(e.gradient, numeric, 1e-3)).toBeLessThan(2e-2);
    expect(objective.evaluations).toBe(1);
    objective.dispose();
    t.dispose();
  });

  it('scores candidates as one batch, each as it would alone, counting one evaluation each', () => {
    const t = target();
    const objective = new Objective({ plant, target: t, loss: mseLoss, window: { samples: 200, hop: 100 } });
    expect(objective.windows).toEqual([
      { offset: 0, samples: 200 },
      { offset: 100, samples: 200 },
      { offset: 200, samples: 200 },
    ]);
    const candidates = [Float32Array.from([0.1, 0.2, 0.3, 0.4]), Float32Array.from([0.7, 0.3, 0.4, 0.9])];
    const together = objective.losses(candidates, 1);
    const alone = candidates.map((c) => objective.losses([c], 1)[0]!);
    expect(together).toEqual(alone);
    expect(together[1]).toBeLessThan(1e-12); // the target's own parameters
    expect(objective.evaluate(candidates[0]!, 1).loss).toBeCloseTo(together[0]!, 7);
    expect(objective.evaluations).toBe(5);
    objective.dispose();
    t.dispose();
  });

  it('frees every tensor it made, and rejects bad windows and a reward weight without a reward', () => {
    const t = target();
    const before = tf.memory().numTensors;
    const objective = new Objective({ plant, target: t, loss: mseLoss, reward: closeness });
    objective.evaluate(new Float32Array(4).fill(0.5), 0);
    objective.losses([new Float32Array(4)], 0);
    objective.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const bad = (over: object) => () => new Objective({ plant, target: t, loss: mseLoss, ...over });
    expect(bad({ window: { samples: 500, hop: 10 } })).toThrow(
      /window.samples must be an integer in \[1, 400\]/,
    );
    expect(bad({ window: { samples: 100, hop: 101 } })).toThrow(/window.hop/);
    expect(bad({ rewardInLoss: 1 })).toThrow(/rewardInLoss needs options.reward/);
    expect(bad({ rewardInLoss: -1 })).toThrow(/rewardInLoss must be ≥ 0/);
    t.dispose();
  });
});
