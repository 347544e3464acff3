import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PITCH_OFFSET_CENTS,
  pitchDifferenceCents,
  RECOVERY_CHAIN_NAMES,
  RECOVERY_SAMPLES,
  RELATIVE_OFFSET,
  recoveryCase,
  recoveryPlant,
  relativeLogMelError,
  runRecovery,
} from './test-support/recovery-cases';

// The full 100-case run per chain is bench/trainer-recovery.bench.mjs; this is its seeded core.
describe('recovery from a near start', () => {
  beforeAll(() => useBackend('cpu'));

  it('starts every case within ±2 semitones in pitch and ±20 % elsewhere, for every chain', () => {
    for (const chain of RECOVERY_CHAIN_NAMES) {
      const plant = recoveryPlant(chain);
      const rows = plant.describe();
      for (const seed of [0, 1, 2]) {
        const { truth, start } = recoveryCase(plant, chain, seed);
        plant.parameterNames.forEach((name, i) => {
          const [t, s] = [truth[i]!, start[i]!];
          expect(t).toBeGreaterThanOrEqual(rows[i]!.min);
          expect(t).toBeLessThanOrEqual(rows[i]!.max);
          if (name.endsWith('.frequency') && !name.startsWith('noiseFilter')) {
            expect(Math.abs(1200 * Math.log2(s / t)), `${chain} ${name}`).toBeLessThanOrEqual(
              PITCH_OFFSET_CENTS + 1e-9,
            );
          } else {
            expect(Math.abs(s - t), `${chain} ${name}`).toBeLessThanOrEqual(
              RELATIVE_OFFSET * Math.abs(t) + 1e-12,
            );
          }
        });
      }
    }
  });

  it('judges by the audio: the truth is recovered, the start is not', () => {
    const plant = recoveryPlant('two-saws');
    const { truth, start } = recoveryCase(plant, 'two-saws', 0);
    const render = (p: Float64Array) =>
      tf.tidy(() =>
        plant.render(
          tf.tensor2d(Float32Array.from(plant.toNormalised(p)), [1, plant.parameterCount]),
          RECOVERY_SAMPLES,
        ),
      );
    const [t, s] = [render(truth), render(start)];
    expect(pitchDifferenceCents(t, t)).toBe(0);
    expect(relativeLogMelError(t, t)).toBe(0);
    expect(relativeLogMelError(s, t)).toBeGreaterThan(0.05);
    tf.dispose([t, s]);
  });

  it('with the defaults, brings the output pitch of seeded subtractive cases within 10 cents (the log-mel half of the goal is not met yet)', () => {
    const plant = recoveryPlant('subtractive');
    const before = tf.memory().numTensors;
    const outcomes = [0, 1, 2, 3].map((seed) =>
      runRecovery(plant, recoveryCase(plant, 'subtractive', seed), seed),
    );
    expect(tf.memory().numTensors).toBe(before);
    for (const o of outcomes) {
      expect(o.centsOff).toBeLessThanOrEqual(10);
      expect(o.logMelError).toBeLessThan(o.startLogMelError);
    }
  }, 120_000);
});
