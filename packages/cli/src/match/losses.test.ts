import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATCH_LOSS_NAMES, MATCH_LOSSES } from './losses';

const SR = 16000;
const tone = (hz: number) =>
  tf.tensor2d(
    Float32Array.from({ length: SR / 2 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / SR)),
    [1, SR / 2],
  );

describe('MATCH_LOSSES', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  const settings = { sampleRateHz: SR, pitchWeight: 1e4 };
  const target = tone(440);
  const other = tone(660);
  afterAll(() => tf.dispose([target, other]));

  it('the default is match, and every name has a summary and a description', () => {
    expect(MATCH_LOSS_NAMES[0]).toBe('match');
    for (const name of MATCH_LOSS_NAMES) {
      expect(MATCH_LOSSES[name].summary.length).toBeGreaterThan(10);
      expect(MATCH_LOSSES[name].describe(settings).length).toBeGreaterThan(10);
    }
    expect(MATCH_LOSSES.match.describe(settings)).toContain('10000 × cumulative-spectrum');
    expect(MATCH_LOSSES.match.describe(settings)).toContain('1 × loudness envelope');
    expect(MATCH_LOSSES.match.describe(settings)).toContain('100 × level limit (samples above -1 dBFS)');
  });

  it.each(MATCH_LOSS_NAMES)('%s: far smaller on the target itself than on another note, no leaks', (name) => {
    const before = tf.memory().numTensors;
    const loss = MATCH_LOSSES[name].create(settings)(target);
    const atTarget = tf.tidy(() => loss(target).dataSync()[0]!);
    const atOther = tf.tidy(() => loss(other).dataSync()[0]!);
    loss.dispose?.();
    expect(atOther).toBeGreaterThan(1e-3);
    // ~0 for every loss: `match`'s cumulative-spectrum term no longer has a floor of 1e-6
    // (0.011 at its weight 1e4), and its loudness and level-limit terms are 0 at the target
    expect(Math.abs(atTarget)).toBeLessThan(1e-3 * atOther);
    expect(tf.memory().numTensors).toBe(before);
  });
});
