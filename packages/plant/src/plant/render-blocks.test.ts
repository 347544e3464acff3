import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderFused } from '../fused/fused-render';
import type { Patch } from '../graph/patch';
import { PRESET_NAMES, presetPatch } from '../presets/presets';
import { kitchenSinkPatch } from '../test-support/kitchen-sink';
import { SynthPlant } from './synth-plant';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The kitchen sink with time-varying curves on a filter cutoff and a mixer gain. */
function sinkWithCurves(): Patch {
  const patch = kitchenSinkPatch();
  const nodes = patch.nodes.map((n) => {
    if (n.id === 'vcf') return { ...n, params: { ...n.params, cutoff: [300, 2400, 800, 5000] } };
    if (n.id === 'mix') return { ...n, params: { ...n.params, gain2: [0.2, 1.5, 0.7] } };
    return n;
  });
  return { ...patch, nodes };
}

function joined(blocks: Iterable<Float32Array>): Float32Array {
  const parts = [...blocks];
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const CASES: [string, () => Patch][] = [
  ...PRESET_NAMES.map((name): [string, () => Patch] => [name, () => presetPatch(name)]),
  ['every module, with curves', sinkWithCurves],
];

describe('SynthPlant.renderBlocks', () => {
  for (const [name, make] of CASES) {
    it(`${name}: blocks joined equal the one-shot render (several block sizes)`, () => {
      const plant = new SynthPlant(make(), { sampleRate: 16000 });
      const samples = 12_345;
      const u = plant.initialNormalised();
      const whole = Float32Array.from(renderFused(plant, u, 1, samples));
      let peak = 0;
      for (const x of whole) peak = Math.max(peak, Math.abs(x));
      expect(peak).toBeGreaterThan(1e-3); // something to compare
      for (const block of [1000, 4096, 777, samples, 3 * samples]) {
        const streamed = joined(plant.renderBlocks(u, samples, block));
        expect(streamed.length).toBe(samples);
        let worst = 0;
        for (let i = 0; i < samples; i++) worst = Math.max(worst, Math.abs(streamed[i]! - whole[i]!));
        // float32 round-off of signals of this peak (the float64 paths differ by ~1e-15)
        expect(worst).toBeLessThanOrEqual(4 * 2 ** -24 * Math.max(1, peak));
      }
    });
  }

  it('yields blocks of the requested length, the last one shorter', () => {
    const plant = new SynthPlant(presetPatch('fm'), { sampleRate: 8000 });
    const lengths = [...plant.renderBlocks(plant.initialNormalised(), 2500, 1000)].map((b) => b.length);
    expect(lengths).toEqual([1000, 1000, 500]);
  });

  it('rejects bad lengths and NaN parameters with clear errors', () => {
    const plant = new SynthPlant(presetPatch('fm'), { sampleRate: 8000 });
    const u = plant.initialNormalised();
    expect(() => plant.renderBlocks(u, 0).next()).toThrow(/samples must be an integer ≥ 1, got 0/);
    expect(() => plant.renderBlocks(u, 10, 0.5).next()).toThrow(/blockSamples must be an integer ≥ 1/);
    expect(() => plant.renderBlocks([0.5], 10).next()).toThrow(/normalised must have \d+ values, got 1/);
    const bad = Float64Array.from(u);
    bad[1] = Number.NaN;
    expect(() => plant.renderBlocks(bad, 10).next()).toThrow(
      `normalised parameter ${plant.parameterNames[1]} is NaN`,
    );
  });
});
