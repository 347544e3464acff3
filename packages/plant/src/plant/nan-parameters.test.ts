import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRESET_NAMES, presetPatch } from '../presets/presets';
import { kitchenSinkPatch } from '../test-support/kitchen-sink';
import { SynthPlant } from './synth-plant';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const PATCHES = [
  ...PRESET_NAMES.map((name) => [name, presetPatch(name)] as const),
  ['every module', kitchenSinkPatch()] as const,
];

describe('a NaN normalised parameter is refused the same way by every preset, engine and entry point', () => {
  for (const [name, patch] of PATCHES) {
    it(`${name}: every column, as a tensor on both engines, as blocks and as physical values`, () => {
      const plants = (['fused', 'tensor'] as const).map(
        (engine) => new SynthPlant(patch, { sampleRate: 8000, engine }),
      );
      const plant = plants[0]!;
      const good = Float32Array.from(plant.initialNormalised());
      for (let column = 0; column < plant.parameterCount; column++) {
        const bad = Float32Array.from(good);
        bad[column] = Number.NaN;
        const message = `normalised parameter ${plant.parameterNames[column]} is NaN; expected a number in [0, 1]`;
        for (const p of plants) {
          const before = tf.memory().numTensors;
          const u = tf.tensor2d(bad, [1, p.parameterCount]);
          expect(() => p.render(u, 64), `${p.engine} ${column}`).toThrow(message);
          u.dispose();
          expect(tf.memory().numTensors).toBe(before);
        }
        expect(() => plant.renderBlocks(bad, 64).next()).toThrow(message);
        expect(() => plant.toPhysical(bad)).toThrow(message);
      }
      // a second batch row is named too; finite values outside [0, 1] are clamped, not refused
      const two = tf.tensor2d(
        [...good, ...good.map((v, i) => (i === 0 ? Number.NaN : v))],
        [2, plant.parameterCount],
      );
      expect(() => plant.render(two, 64)).toThrow(`${plant.parameterNames[0]} (batch row 1) is NaN`);
      two.dispose();
      const outside = tf.tensor2d(
        good.map((v, i) => (i === 0 ? 7 : v)),
        [1, plant.parameterCount],
      );
      const audio = plant.render(outside, 64);
      expect(audio.dataSync().every(Number.isFinite)).toBe(true);
      tf.dispose([outside, audio]);
    });
  }
});
