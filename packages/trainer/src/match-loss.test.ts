import { createCumulativeSpectrumLoss, createLogMelLoss } from '@ae-ddsp/features';
import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchLoss, seedLoss } from './match-loss';

describe('matchLoss', () => {
  beforeAll(() => useBackend('cpu'));
  const plant = new SynthPlant(presetPatch('seed-stub'), { sampleRate: 16000 });
  const at = (hz: number) => tf.tensor2d(Float32Array.from(plant.toNormalised([hz, 2000, 0.5])), [1, 3]);

  it('is the seed loss plus the weighted cumulative-spectrum term', () => {
    const target = tf.tidy(() => plant.render(at(220), 4096));
    const audio = tf.tidy(() => plant.render(at(247), 4096));
    const parts = [
      seedLoss(target),
      createLogMelLoss(target),
      createCumulativeSpectrumLoss(target, { fftLength: 1024 }),
    ];
    const [seed, mel, w1] = parts.map((l) => l(audio).dataSync()[0]!);
    expect(seed).toBe(mel);
    const combined = matchLoss({ pitchWeight: 300 })(target);
    expect(combined(audio).dataSync()[0]).toBeCloseTo(mel! + 300 * w1!, 3);
    expect(matchLoss({ pitchWeight: 0 })(target)(audio).dataSync()[0]).toBe(mel);
    for (const l of [...parts, combined]) l.dispose?.();
    tf.dispose([target, audio]);
  });

  it('rejects a bad weight', () => {
    expect(() => matchLoss({ pitchWeight: -1 })).toThrow(/pitchWeight/);
  });
});
