import { describe, expect, it } from 'vitest';
import type { Patch } from '../graph/patch';
import { createPatch, node, series } from '../graph/patch-io';
import { PRESET_NAMES, presetPatch } from '../presets/presets';
import { checkGradients } from '../test-support/gradient-check';
import { SynthPlant } from './synth-plant';

const SR = 8000;
const N = 96;
// envelope times chosen off the sample grid so no segment boundary sits on a sample
const ENV = { attack: 0.00311, decay: 0.00427, sustain: 0.6, release: 0.00213 };

/** Module cases: every module, every parameter (modulation amounts included via connected ports). */
const MODULE_CASES: Record<string, Patch> = {
  'oscillator sine with pitch (LFO) and FM inputs': createPatch({
    nodes: [
      node('lfo', 'lfo', { params: { rate: 37.3, depth: 0.8 } }),
      node('mod', 'oscillator', { params: { frequency: 611, detune: 13, phase: 20 } }),
      node('osc', 'oscillator', {
        params: { frequency: 443, detune: -17, phase: 31, pitchModulation: 150, fmDepth: 120 },
      }),
    ],
    connections: [
      { from: 'lfo.out', to: 'osc.pitch' },
      { from: 'mod.out', to: 'osc.fm' },
    ],
    output: 'osc.out',
  }),
  // a lone oscillator per table waveform: [options, params]
  ...Object.fromEntries(
    Object.entries({
      'sawtooth (a partial inside the Nyquist fade)': [
        { waveform: 'sawtooth' },
        { frequency: 481, detune: 3, phase: 40 },
      ],
      'square with pulse width': [
        { waveform: 'square', partials: 16 },
        { frequency: 333, detune: 0, phase: 10, pulseWidth: 0.31 },
      ],
      triangle: [{ waveform: 'triangle' }, { frequency: 587, detune: 5, phase: 77 }],
    } as const).map(([name, [options, params]]) => [
      `oscillator ${name}`,
      series([node('osc', 'oscillator', { options, params })]),
    ]),
  ),
  'harmonic oscillator with pitch input': createPatch({
    nodes: [
      node('lfo', 'lfo', { options: { waveform: 'triangle' }, params: { rate: 43, depth: 0.5 } }),
      node('h', 'harmonic', {
        options: { partials: 4 },
        params: {
          frequency: 930,
          detune: 7,
          partial1: 0.9,
          partial2: 0.4,
          partial3: 0.3,
          partial4: 0.2,
          pitchModulation: 90,
        },
      }),
    ],
    connections: [{ from: 'lfo.out', to: 'h.pitch' }],
    output: 'h.out',
  }),
  ...Object.fromEntries(
    ['lowpass', 'highpass', 'bandpass', 'notch'].map((mode) => [
      `noise → biquad ${mode} with frequency modulation`,
      createPatch({
        nodes: [
          node('noise', 'noise', { options: { seed: 5 }, params: { gain: 0.5 } }),
          node('lfo', 'lfo', { options: { waveform: 'sawtooth' }, params: { rate: 29, depth: 0.7 } }),
          node('f', 'biquad', {
            options: { mode },
            params: { frequency: 1100, Q: 2.3, frequencyModulation: 1.2 },
          }),
        ],
        connections: [
          { from: 'noise.out', to: 'f.in' },
          { from: 'lfo.out', to: 'f.frequency' },
        ],
        output: 'f.out',
      }),
    ]),
  ),
  ...Object.fromEntries(
    ['tanh', 'soft', 'hard'].map((shape) => [
      `waveshaper ${shape}`,
      series([
        node('osc', 'oscillator', { params: { frequency: 411, detune: 11, phase: 15 } }),
        node('ws', 'waveshaper', { options: { shape }, params: { drive: 1.7, bias: 0.23 } }),
      ]),
    ]),
  ),
  'ladder with an envelope on the cutoff': createPatch({
    nodes: [
      node('noise', 'noise', { params: { gain: 0.5 } }),
      node('env', 'adsr', { options: { noteOff: 0.00803 }, params: ENV }),
      node('vcf', 'ladder', { params: { cutoff: 700, resonance: 0.83, cutoffModulation: 1.7 } }),
    ],
    connections: [
      { from: 'noise.out', to: 'vcf.in' },
      { from: 'env.out', to: 'vcf.cutoff' },
    ],
    output: 'vcf.out',
  }),
  'ladder with a time-varying cutoff curve': series([
    node('noise', 'noise', { params: { gain: 0.5 } }),
    node('vcf', 'ladder', { params: { cutoff: [300, 1500, 900], resonance: 0.5 } }),
  ]),
  'vca with an ADSR (all four times and the sustain)': createPatch({
    nodes: [
      node('osc', 'oscillator', { params: { frequency: 251, detune: -9, phase: 25 } }),
      node('env', 'adsr', { options: { noteOff: 0.00803 }, params: ENV }),
      node('vca', 'vca', { params: { gain: 0.7, amount: 0.8 } }),
    ],
    connections: [
      { from: 'osc.out', to: 'vca.in' },
      { from: 'env.out', to: 'vca.gain' },
    ],
    output: 'vca.out',
  }),
  'vca with an ADSR whose note-off is learned': createPatch({
    nodes: [
      node('osc', 'oscillator', { params: { frequency: 251, detune: -9, phase: 25 } }),
      node('env', 'adsr', { options: { learnNoteOff: true }, params: { ...ENV, noteOff: 0.00803 } }),
      node('vca', 'vca', { params: { gain: 0.7, amount: 0.8 } }),
    ],
    connections: [
      { from: 'osc.out', to: 'vca.in' },
      { from: 'env.out', to: 'vca.gain' },
    ],
    output: 'vca.out',
  }),
  'lfo square into a vca': createPatch({
    nodes: [
      node('osc', 'oscillator', { params: { frequency: 251, detune: -9, phase: 25 } }),
      node('lfo', 'lfo', { options: { waveform: 'square' }, params: { rate: 47, depth: 0.6 } }),
      node('vca', 'vca', { params: { gain: 0.7, amount: 0.5 } }),
    ],
    connections: [
      { from: 'osc.out', to: 'vca.in' },
      { from: 'lfo.out', to: 'vca.gain' },
    ],
    output: 'vca.out',
  }),
  'mixer and crossfade': createPatch({
    nodes: [
      node('a', 'oscillator', { params: { frequency: 301, detune: 4, phase: 35 } }),
      node('b', 'oscillator', {
        options: { waveform: 'triangle' },
        params: { frequency: 703, detune: -6, phase: 45 },
      }),
      node('mix', 'mixer', { params: { gain1: 0.6, gain2: 1.3 } }),
      node('xf', 'crossfade', { params: { fade: 0.35 } }),
    ],
    connections: [
      { from: 'a.out', to: 'mix.in1' },
      { from: 'b.out', to: 'mix.in2' },
      { from: 'mix.out', to: 'xf.a' },
      { from: 'b.out', to: 'xf.b' },
    ],
    output: 'xf.out',
  }),
};

describe('gradients of every module parameter against float64 finite differences', () => {
  for (const [name, patch] of Object.entries(MODULE_CASES)) {
    it(name, async () => {
      const report = await checkGradients(patch, SR, N);
      expect(Math.max(...report.reference.map(Math.abs))).toBeGreaterThan(1e-3);
      expect(report.errors.fused).toBeLessThan(1e-5);
      expect(report.errors.fusedKernel).toBeLessThan(1e-4);
      expect(report.errors.tensorCpu).toBeLessThan(2e-3);
      expect(report.errors.tensorWasm).toBeLessThan(2e-3);
      // every parameter really moves the output (no silently dead parameter)
      report.reference.forEach((g, i) => {
        expect(Math.abs(g), report.names[i]).toBeGreaterThan(1e-9);
      });
    });
  }
});

describe('gradients of every preset parameter against float64 finite differences', () => {
  for (const name of PRESET_NAMES) {
    it(name, async () => {
      // a whole note (attack to release) at a low rate keeps the check small; the point is
      // moved off the ends of the normalised range, where a central difference straddles the clamp
      // (a smaller step: over a whole second the phase makes L strongly curved in frequency)
      const plant = new SynthPlant(presetPatch(name), { sampleRate: 8000 });
      // (and nudged so that no envelope segment boundary falls exactly on a sample)
      const u = plant.initialNormalised().map((v) => Math.min(0.95, Math.max(0.05, v)) + 0.003137);
      const report = await checkGradients(presetPatch(name), 8000, 8000, u, 1e-7);
      expect(report.errors.fused).toBeLessThan(1e-4);
      expect(report.errors.fusedKernel).toBeLessThan(2e-3);
      expect(report.errors.tensorCpu).toBeLessThan(5e-3);
      expect(report.errors.tensorWasm).toBeLessThan(1e-2);
      report.reference.forEach((g, i) => {
        expect(Math.abs(g), report.names[i]).toBeGreaterThan(1e-9);
      });
    });
  }
});
