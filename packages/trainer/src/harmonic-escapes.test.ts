import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { HARMONIC_ESCAPE_DEFAULTS, HarmonicEscapes } from './harmonic-escapes';
import { drivePlant } from './test-support/drive-plant';
import { Trainer } from './trainer';

const SR = 16000;

describe('harmonic-ratio escapes', () => {
  beforeAll(() => useBackend('cpu'));

  it('transpose every pitch parameter by each ratio and leave the rest alone', () => {
    const plant = new SynthPlant(presetPatch('fm'), { sampleRate: SR });
    const escapes = new HarmonicEscapes(plant, 1, {});
    const theta = Float32Array.from(plant.initialNormalised());
    const probes = escapes.probes(theta);
    expect(probes).toHaveLength(HARMONIC_ESCAPE_DEFAULTS.ratios.length);
    const names = plant.parameterNames;
    probes.forEach((probe, k) => {
      const ratio = HARMONIC_ESCAPE_DEFAULTS.ratios[k]!;
      const before = plant.toPhysical(theta);
      const after = plant.toPhysical(probe);
      names.forEach((name, i) => {
        const scaled = ['modulator.frequency', 'carrier.frequency', 'carrier.fmDepth'].includes(name);
        expect(after[i]! / (scaled ? ratio : 1), `${name} ×${ratio}`).toBeCloseTo(before[i]!, 2);
      });
    });
    expect(escapes.isEscapeStep(0)).toBe(true);
    expect(escapes.isEscapeStep(24)).toBe(false);
    expect(escapes.isEscapeStep(25)).toBe(true);
  });

  it('jump from an octave below to the target pitch in one step, counting their evaluations', () => {
    const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
    const truth = plant.initialNormalised();
    const physical = plant.toPhysical(truth);
    physical[0] = 440;
    const target = tf.tidy(() =>
      plant.render(
        tf.tensor2d(Float32Array.from(plant.toNormalised(physical)), [1, plant.parameterCount]),
        4000,
      ),
    );
    physical[0] = 220;
    const initial = Float32Array.from(plant.toNormalised(physical));
    const run = (harmonicEscapes: boolean) => {
      const trainer = new Trainer({ plant, target, method: 'adam', initial, harmonicEscapes, seed: 1 });
      const event = trainer.step();
      trainer.dispose();
      return event;
    };
    const escaped = run(true);
    expect(escaped.harmonicEscape).toBe(2);
    expect(escaped.evaluations).toBe(1 + 6);
    expect(plant.toPhysical(escaped.parameters)[0]).toBeCloseTo(440, 1);
    const plain = run(false);
    expect(plain.harmonicEscape).toBeUndefined();
    expect(plain.evaluations).toBe(1);
    expect(Math.abs(plant.toPhysical(plain.parameters)[0]! - 220)).toBeLessThan(30);
    target.dispose();
  });

  it('name what they need', () => {
    const target = tf.zeros([1, 400]) as tf.Tensor2D;
    expect(() => new Trainer({ plant: drivePlant(), target, harmonicEscapes: true })).toThrow(
      /harmonicEscapes needs a plant that describes its parameters' units/,
    );
    const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
    expect(() => new Trainer({ plant, target, harmonicEscapes: { every: 0 } })).toThrow(
      /harmonicEscapes.every must be an integer >= 1, got 0/,
    );
    expect(() => new Trainer({ plant, target, harmonicEscapes: { ratios: [2, -1] } })).toThrow(
      /harmonicEscapes.ratios must be positive numbers/,
    );
    target.dispose();
  });
});
