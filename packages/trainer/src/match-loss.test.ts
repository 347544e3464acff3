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

  it('builds its mel scale at the given sample rate', () => {
    const target = tf.tidy(() => plant.render(at(220), 8192));
    const audio = tf.tidy(() => plant.render(at(330), 8192));
    const at16k = matchLoss({ pitchWeight: 0 })(target);
    const at44k = matchLoss({ pitchWeight: 0, sampleRate: 44100 })(target);
    const reference = createLogMelLoss(target, { sampleRate: 44100 });
    expect(at44k(audio).dataSync()[0]).toBe(reference(audio).dataSync()[0]);
    expect(at44k(audio).dataSync()[0]).not.toBe(at16k(audio).dataSync()[0]);
    for (const l of [at16k, at44k, reference]) l.dispose?.();
    tf.dispose([target, audio]);
  });

  it('rejects a bad weight', () => {
    expect(() => matchLoss({ pitchWeight: -1 })).toThrow(/pitchWeight/);
  });
});
