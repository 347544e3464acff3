import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDirectional } from '../test-support/directional';
import { createPeakLimitLoss } from './peak-limit-loss';

describe('peak-limit loss', () => {
  beforeAll(() => useBackend('cpu'));

  it('is 0 under the ceiling and Σ (|x| − c)² / c² per patch above it', () => {
    const limit = createPeakLimitLoss({ ceilingDb: -6 });
    const c = 10 ** (-6 / 20);
    const quiet = tf.tensor2d([[0.1, -0.4, c * 0.999, -c * 0.999]]);
    expect(limit(quiet).dataSync()[0]).toBe(0);
    const rows = [
      [0.9, -0.2, -1.5, 0],
      [0, 0, 0.6, -0.7],
    ];
    let expected = 0;
    for (const row of rows) for (const x of row) expected += Math.max(0, Math.abs(x) - c) ** 2 / (c * c);
    expect(limit(tf.tensor2d(rows)).dataSync()[0]).toBeCloseTo(expected / 2, 5);
    limit.dispose();
  });

  it('has the gradient of central differences, pointing every over-ceiling sample inwards', () => {
    const limit = createPeakLimitLoss({ ceilingDb: 0 });
    const audio = tf.tensor2d([[1.5, -1.3, 0.2, 2.1, -0.4, -1.8]]);
    checkDirectional((a) => limit(a), audio, 4, 1e-3, 1e-3);
    const g = tf
      .grad((a: tf.Tensor) => limit(a))(audio)
      .dataSync();
    expect(Array.from(g, (v) => Math.sign(v) + 0)).toEqual([1, -1, 0, 1, 0, -1]);
    const before = tf.memory().numTensors;
    tf.tidy(() => tf.grad((a: tf.Tensor) => limit(a))(audio)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a ceiling above full scale and bad audio', () => {
    expect(() => createPeakLimitLoss({ ceilingDb: 1 })).toThrow(
      /ceilingDb must be a finite number of dBFS ≤ 0, got 1/,
    );
    expect(() => createPeakLimitLoss({ ceilingDb: Number.NaN })).toThrow(/ceilingDb/);
    expect(() => createPeakLimitLoss()(tf.zeros([4]))).toThrow(/peakLimitLoss: audio must be a rank-2/);
  });
});
