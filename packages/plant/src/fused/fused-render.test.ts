import '@ae-ddsp/tfjs-gradients';
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPatch, node } from '../graph/patch-io';
import { SynthPlant } from '../plant/synth-plant';
import { fusedRenderMemory } from './fused-render-kernels';

const WAVEFORMS = ['sine', 'sawtooth', 'square', 'triangle'] as const;

/** Patch `i` of 100 different ones: waveform, partials, cutoff and resonance all vary. */
function patch(i: number) {
  return createPatch({
    nodes: [
      node('osc', 'oscillator', {
        options: { waveform: WAVEFORMS[i % 4]!, partials: 8 + (i % 5) },
        params: { frequency: 100 + 7 * i },
      }),
      node('vcf', 'ladder', { params: { cutoff: 300 + 40 * i, resonance: (i % 10) / 10 } }),
      node('amp', 'vca', { params: { gain: 0.5 + (i % 3) / 4 } }),
    ],
    connections: [
      { from: 'osc.out', to: 'vcf.in' },
      { from: 'vcf.out', to: 'amp.in' },
    ],
    output: 'amp.out',
  });
}

describe('fused render kernels: what they keep between calls', () => {
  beforeAll(() => useBackend('cpu'));

  it('keep one recording while a tape records, consumed by the gradient; none without a tape', () => {
    const plant = new SynthPlant(patch(3), { sampleRate: 8000 });
    const u = plant.initialParameters(2);
    const y = plant.render(u, 64);
    expect(fusedRenderMemory().recordings).toBe(0); // no tape: released at once
    let during = -1;
    const g = tf.grad((x: tf.Tensor) => {
      const audio = plant.render(x as tf.Tensor2D, 64);
      during = fusedRenderMemory().recordings;
      return tf.sum(audio);
    })(u);
    expect(during).toBe(1);
    expect(fusedRenderMemory().recordings).toBe(0); // the gradient kernel consumed it
    expect(Math.max(...g.dataSync().map(Math.abs))).toBeGreaterThan(0);
    tf.dispose([u, y, g]);
  });

  it('do not grow over 10 000 renders of 100 different patches (recordings, pooled arrays, tensors)', {
    timeout: 120_000,
  }, () => {
    const plants = Array.from({ length: 100 }, (_, i) => new SynthPlant(patch(i), { sampleRate: 8000 }));
    const inputs = plants.map((p) => p.initialParameters(1));
    const tensors = tf.memory().numTensors;
    let pooledAfterFirstPass = -1;
    let mostRecordings = 0;
    for (let pass = 0; pass < 100; pass++) {
      plants.forEach((plant, i) => {
        if ((pass + i) % 2 === 0) {
          tf.dispose(plant.render(inputs[i]!, 32));
        } else {
          const g = tf.grad((x: tf.Tensor) => {
            const audio = plant.render(x as tf.Tensor2D, 32);
            mostRecordings = Math.max(mostRecordings, fusedRenderMemory().recordings);
            return tf.sum(audio);
          })(inputs[i]!);
          g.dispose();
        }
        expect(fusedRenderMemory().recordings).toBe(0);
      });
      if (pass === 1) pooledAfterFirstPass = fusedRenderMemory().pooledBytes;
    }
    expect(mostRecordings).toBe(1);
    expect(pooledAfterFirstPass).toBeGreaterThan(0);
    expect(fusedRenderMemory().pooledBytes).toBe(pooledAfterFirstPass);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose(inputs);
  });
});
