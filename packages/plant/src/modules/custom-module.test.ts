import '@ae-ddsp/tfjs-gradients';
import { readFileSync } from 'node:fs';
import { maxRelativeError, tf, useBackend } from '@ae-ddsp/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOFT_CLIP_KERNEL, softClipModule } from '../../examples/soft-clip-module';
import { renderFused } from '../fused/fused-render';
import { createPatch, node } from '../graph/patch-io';
import { SynthPlant } from '../plant/synth-plant';
import { checkGradients } from '../test-support/gradient-check';
import { getModule, moduleTypes, registerModule, unregisterModule } from './registry';

const SR = 8000;
const N = 96;
const patch = () =>
  createPatch({
    nodes: [
      node('osc', 'oscillator', {
        options: { waveform: 'sawtooth', partials: 16 },
        params: { frequency: 220, phase: 45 }, // phase 0 would sit on its range's end, where the clamp halves a central difference
      }),
      node('clip', 'soft-clip', { params: { drive: 3 } }),
    ],
    connections: [{ from: 'osc.out', to: 'clip.in' }],
    output: 'clip.out',
  });

describe("a module of your own with its own kernel (the README's worked example)", () => {
  beforeAll(async () => {
    await useBackend('cpu');
    registerModule(softClipModule);
  });
  afterAll(() => {
    if (moduleTypes().includes('soft-clip')) unregisterModule('soft-clip');
    tf.unregisterKernel(SOFT_CLIP_KERNEL, 'cpu');
    tf.unregisterGradient(SOFT_CLIP_KERNEL);
  });

  it('is the code the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../examples/soft-clip-module.ts', import.meta.url), 'utf8');
    expect(readme).toContain(example.trim());
  });

  it('renders through its kernel on the tensor engine, equal to its composed form on the fused engine', () => {
    const tensorPlant = new SynthPlant(patch(), { sampleRate: SR, engine: 'tensor' });
    const u = tensorPlant.initialParameters(1);
    let audio: tf.Tensor | undefined;
    const profile = tf.profile(() => {
      audio = tensorPlant.render(u, N);
    });
    return profile.then((info) => {
      expect(info.kernelNames).toContain(SOFT_CLIP_KERNEL);
      const reference = renderFused(tensorPlant, tensorPlant.initialNormalised(), 1, N);
      // z / (1 + |z|) really clips: drive 3 on a unit sawtooth peaks near 3/4
      expect(Math.max(...reference.map(Math.abs))).toBeGreaterThan(0.6);
      expect(Math.max(...reference.map(Math.abs))).toBeLessThan(1);
      // absolute error (the scale 1 floor): float32 on the tensor engine, float64 on the fused one
      expect(maxRelativeError(audio!.dataSync(), reference, 1)).toBeLessThan(1e-5);
      tf.dispose([u, audio!]);
    });
  });

  it('has gradients equal to central differences on every engine (its kernel on tensor cpu)', async () => {
    // z / (1 + |z|) has a kink in its second derivative at z = 0, where central differences
    // converge only linearly in the step: a small step
    const report = await checkGradients(patch(), SR, N, undefined, 1e-7);
    expect(report.names).toContain('clip.drive');
    expect(report.errors.fused).toBeLessThan(1e-5);
    expect(report.errors.fusedKernel).toBeLessThan(1e-4);
    expect(report.errors.tensorCpu).toBeLessThan(2e-3);
    expect(report.errors.tensorWasm).toBeLessThan(2e-3);
  });

  it('registers once and unregisters; built-in and unknown types are refused clearly', () => {
    expect(() => registerModule(softClipModule)).toThrow(/"soft-clip" is already registered/);
    expect(getModule('soft-clip')).toBe(softClipModule);
    const built = new SynthPlant(patch(), { sampleRate: SR });
    unregisterModule('soft-clip');
    expect(moduleTypes()).not.toContain('soft-clip');
    expect(() => new SynthPlant(patch(), { sampleRate: SR })).toThrow(/unknown module type "soft-clip"/);
    expect(built.renderWith).toBeDefined(); // a plant built before keeps its module
    expect(renderFused(built, built.initialNormalised(), 1, 8)).toHaveLength(8);
    expect(() => unregisterModule('soft-clip')).toThrow(/"soft-clip" is not registered/);
    expect(() => unregisterModule('ladder')).toThrow(/"ladder" is built in/);
    registerModule(softClipModule); // registrable again
    expect(getModule('soft-clip')).toBe(softClipModule);
  });
});
