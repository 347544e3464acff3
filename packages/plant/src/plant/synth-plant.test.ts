import '@ae-ddsp/tfjs-gradients';
import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradientFused, renderFused } from '../fused/fused-render';
import { PRESET_NAMES, presetPatch } from '../presets/presets';
import { kitchenSinkPatch } from '../test-support/kitchen-sink';
import { SynthPlant } from './synth-plant';

describe('SynthPlant', () => {
  beforeAll(() => useBackend('cpu'));

  it('lists its parameters and converts between normalised and physical values', () => {
    const plant = new SynthPlant(presetPatch('subtractive'));
    expect(plant.parameterCount).toBe(plant.parameterNames.length);
    expect(plant.parameterNames).toContain('vcf.cutoff');
    const rows = plant.describe();
    const cutoff = rows.find((r) => r.name === 'vcf.cutoff')!;
    expect(cutoff).toMatchObject({ unit: 'Hz', min: 20, max: 8000, mapping: 'log' });
    expect(cutoff.value).toBeCloseTo(600, 6);
    // the ladder filters its input (its Hz are cutoffs); the oscillator and envelopes generate
    expect(cutoff.processesInput).toBe(true);
    expect(rows.find((r) => r.name === 'osc.frequency')!.processesInput).toBe(false);
    expect(rows.find((r) => r.name === 'ampEnv.attack')!.processesInput).toBe(false);
    expect(rows.find((r) => r.name === 'vca.gain')!.processesInput).toBe(true);
    const u = plant.initialNormalised();
    const physical = plant.toPhysical(u);
    const back = plant.toNormalised(physical);
    back.forEach((v, i) => {
      expect(v).toBeCloseTo(u[i]!, 12);
    });
    const half = new Float64Array(plant.parameterCount).fill(0.5);
    expect(plant.toPhysical(half)[plant.parameterNames.indexOf('vcf.cutoff')]).toBeCloseTo(
      Math.sqrt(20 * 8000),
      6,
    );
    expect(() => plant.toPhysical([0.5])).toThrow(/must have 18 values, got 1/);
  });

  it('writes values back into a patch that reloads to the same vector', () => {
    const plant = new SynthPlant(kitchenSinkPatch());
    const u = Float64Array.from({ length: plant.parameterCount }, (_, i) => (i * 0.37) % 1);
    const again = new SynthPlant(plant.toPatch(u));
    again.initialNormalised().forEach((v, i) => {
      expect(v).toBeCloseTo(u[i]!, 9);
    });
    const fromJson = SynthPlant.fromJSON(JSON.stringify(plant.toPatch(u)));
    expect(fromJson.parameterNames).toEqual(plant.parameterNames);
  });

  it('renders each patch of a batch independently, identically on both engines', () => {
    const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: 8000 });
    const tensorPlant = new SynthPlant(plant.patch, { sampleRate: 8000, engine: 'tensor' });
    const rows = [
      plant.initialNormalised(),
      plant.initialNormalised().map((v) => (v + 0.3) % 1),
      plant.initialNormalised().map((v) => v * 0.7),
    ];
    const p = tf.tensor2d(
      rows.flatMap((r) => [...r]),
      [3, plant.parameterCount],
    );
    const fused = plant.render(p, 400);
    const composite = tensorPlant.render(p, 400);
    expect(fused.shape).toEqual([3, 400]);
    const f = fused.dataSync();
    const c = composite.dataSync();
    rows.forEach((row, b) => {
      const alone = renderFused(plant, Float32Array.from(row), 1, 400); // the same float32 inputs
      for (let n = 0; n < 400; n++) {
        const scale = Math.max(1, Math.abs(alone[n]!));
        expect(Math.abs(f[b * 400 + n]! - alone[n]!)).toBeLessThan(1e-5 * scale);
        expect(Math.abs(c[b * 400 + n]! - alone[n]!)).toBeLessThan(3e-3 * scale);
      }
    });
    tf.dispose([p, fused, composite]);
  });

  it('trains with tf.variableGrads: gradient steps on normalised parameters reduce the loss', () => {
    const plant = new SynthPlant(presetPatch('seed-stub'));
    const target = plant.render(
      tf.tensor2d(Float32Array.from(plant.toNormalised([220, 3000, 0.2])), [1, 3]),
      2000,
    );
    const start = plant.toNormalised([220, 1000, 0.6]);
    const p = tf.variable(tf.tensor2d(Float32Array.from(start), [1, 3]));
    const loss = () =>
      tf.mean(tf.square(tf.sub(plant.render(p as unknown as tf.Tensor2D, 2000), target))) as tf.Scalar;
    const losses: number[] = [];
    const LEARNING_RATE = 0.1;
    // the frequency stays at the target's (spectral/sample losses give no useful pitch direction)
    const mask = tf.tensor2d([[0, 1, 1]]);
    for (let step = 0; step < 20; step++) {
      const { value, grads } = tf.variableGrads(loss, [p]);
      losses.push(value.dataSync()[0]!);
      p.assign(
        plant.clampNormalised(tf.sub(p, tf.mul(tf.mul(grads[p.name]!, mask), LEARNING_RATE)) as tf.Tensor2D),
      );
      tf.dispose([value, grads[p.name]!]);
    }
    expect(losses[losses.length - 1]!).toBeLessThan(0.2 * losses[0]!);
    expect(plant.toPhysical(p.dataSync())[2]).toBeLessThan(0.45); // res moved from 0.6 towards 0.2
    tf.dispose([target, p, mask]);
  });

  it('rejects bad input with clear errors', () => {
    const plant = new SynthPlant(presetPatch('fm'));
    expect(() => plant.render(tf.zeros([2]) as unknown as tf.Tensor2D, 10)).toThrow(
      /must be a \[batch, 14\] tensor, got \[2\]/,
    );
    expect(() => plant.render(tf.zeros([1, 3]) as tf.Tensor2D, 10)).toThrow(/\[batch, 14\]/);
    expect(() => plant.render(tf.zeros([1, 14]) as tf.Tensor2D, 0)).toThrow(/samples must be an integer ≥ 1/);
    expect(() => plant.render(tf.zeros([1, 14], 'int32') as tf.Tensor2D, 10)).toThrow(/float32/);
    expect(() => new SynthPlant(presetPatch('fm'), { sampleRate: -1 })).toThrow(/sampleRate/);
    expect(() => renderFused(plant, [0.5], 1, 10)).toThrow(/normalised must hold/);
  });
});

for (const backend of BACKENDS) {
  describe(`no tensor leaks (${backend})`, () => {
    beforeAll(() => useBackend(backend));
    it('tf.memory().numTensors is flat over repeated render + backward on every engine', () => {
      const engines = backend === 'cpu' ? (['auto', 'tensor'] as const) : (['auto'] as const);
      for (const engine of engines) {
        const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: 8000, engine });
        const p = plant.initialParameters(2);
        const step = () => {
          const g = tf.grad((x: tf.Tensor) => tf.mean(tf.square(plant.render(x as tf.Tensor2D, 256))))(p);
          g.dataSync();
          g.dispose();
          plant.render(p, 256).dispose();
        };
        step();
        const before = tf.memory().numTensors;
        for (let i = 0; i < 3; i++) step();
        expect(tf.memory().numTensors).toBe(before);
        p.dispose();
      }
    });
  });
}

describe('properties: finite audio and gradients everywhere inside the ranges', () => {
  const rates = [16000, 22050, 44100, 48000];
  const patches = {
    ...Object.fromEntries(PRESET_NAMES.map((n) => [n, presetPatch(n)])),
    'kitchen sink': kitchenSinkPatch(),
  };
  for (const [name, patch] of Object.entries(patches)) {
    it(`${name} at 16, 22.05, 44.1 and 48 kHz`, () => {
      for (const sampleRate of rates) {
        const plant = new SynthPlant(patch, { sampleRate });
        const unit = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));
        fc.assert(
          fc.property(
            fc.array(unit, { minLength: plant.parameterCount, maxLength: plant.parameterCount }),
            (u) => {
              const samples = 256;
              const y = renderFused(plant, u, 1, samples);
              const g = gradientFused(plant, u, 1, samples, new Float64Array(samples).fill(1));
              return y.every(Number.isFinite) && g.every(Number.isFinite);
            },
          ),
          { numRuns: 25, seed: 4 },
        );
      }
    });
  }

  it('the tfjs paths (fused kernel and wasm composite) stay finite too', async () => {
    for (const backend of BACKENDS) {
      await useBackend(backend);
      for (const sampleRate of rates) {
        const plant = new SynthPlant(kitchenSinkPatch(), { sampleRate });
        fc.assert(
          fc.property(
            fc.array(fc.constantFrom(0, 0.13, 0.5, 0.87, 1), {
              minLength: plant.parameterCount,
              maxLength: plant.parameterCount,
            }),
            (u) => {
              const p = tf.tensor2d([u], [1, plant.parameterCount]);
              const [y, g] = tf.tidy(() => {
                const grad = tf.grad((x: tf.Tensor) => tf.sum(plant.render(x as tf.Tensor2D, 128)))(p);
                return [plant.render(p, 128), grad];
              });
              const ok = [...y!.dataSync(), ...g!.dataSync()].every(Number.isFinite);
              tf.dispose([p, y!, g!]);
              return ok;
            },
          ),
          { numRuns: 4, seed: 9 },
        );
      }
    }
    await useBackend('cpu');
  });
});
