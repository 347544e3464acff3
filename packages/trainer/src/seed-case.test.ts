import { matchLoss } from '@ae-ddsp/features';
import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from './trainer';

/**
 * The seed's own case (the AE-DDSP seed's scaffold, docs/method.md): its toy synth cannot move
 * from 260 Hz to 220 Hz (259.95 Hz after 50 steps). AE-DDSP, on the real seed-stub preset
 * with the seed's log-mel loss plus a cumulative-spectrum term for pitch direction, must.
 */
describe('seed case: seed-stub 260 Hz → 220 Hz', () => {
  beforeAll(() => useBackend('cpu'));

  it('converges to within 1 Hz with AE-DDSP', () => {
    const plant = new SynthPlant(presetPatch('seed-stub'), { sampleRate: 16000 });
    const at = (hz: number) => Float32Array.from(plant.toNormalised([hz, 2000, 0.5]));
    const target = tf.tidy(() => plant.render(tf.tensor2d(at(220), [1, 3]), 16000));
    const loss = matchLoss();
    const steps = 150;
    const trainer = new Trainer({
      plant,
      target,
      loss,
      initial: at(260),
      seed: 1,
      learningRate: 0.01,
      anneal: { steps },
    });
    const result = trainer.run({ steps });
    const best = plant.toPhysical(result.bestParameters)[0]!;
    const last = plant.toPhysical(result.history.at(-1)!.parameters)[0]!;
    expect(Math.abs(best - 220)).toBeLessThan(1);
    expect(Math.abs(last - 220)).toBeLessThan(1);
    trainer.dispose();
    target.dispose();
  }, 120_000);
});
