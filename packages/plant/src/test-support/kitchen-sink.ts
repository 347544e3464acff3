/**
 * One patch using every built-in module (and every modulation port), for property tests.
 * @module
 */
import type { Patch } from '../graph/patch';
import { createPatch, node } from '../graph/patch-io';

/** A patch with every module type, every waveform family and every modulation route. */
export function kitchenSinkPatch(): Patch {
  return createPatch({
    nodes: [
      node('lfo', 'lfo', { options: { waveform: 'triangle' } }),
      node('env', 'adsr', { options: { noteOff: 0.01 } }),
      node('mod', 'oscillator', { options: { waveform: 'square' } }),
      node('osc', 'oscillator', { options: { waveform: 'sawtooth' } }),
      node('tri', 'oscillator', { options: { waveform: 'triangle' } }),
      node('h', 'harmonic', { options: { partials: 6 } }),
      node('noise', 'noise'),
      node('bq', 'biquad', { options: { mode: 'notch' } }),
      node('ws', 'waveshaper', { options: { shape: 'hard' } }),
      node('vcf', 'ladder'),
      node('mix', 'mixer', { options: { inputs: 4 } }),
      node('xf', 'crossfade'),
      node('vca', 'vca'),
      node('sine', 'seed-sine'),
      node('shaper', 'seed-shaper'),
    ],
    connections: [
      { from: 'mod.out', to: 'osc.fm' },
      { from: 'lfo.out', to: 'osc.pitch' },
      { from: 'lfo.out', to: 'h.pitch' },
      { from: 'osc.out', to: 'ws.in' },
      { from: 'ws.out', to: 'vcf.in' },
      { from: 'env.out', to: 'vcf.cutoff' },
      { from: 'noise.out', to: 'bq.in' },
      { from: 'lfo.out', to: 'bq.frequency' },
      { from: 'vcf.out', to: 'mix.in1' },
      { from: 'bq.out', to: 'mix.in2' },
      { from: 'h.out', to: 'mix.in3' },
      { from: 'sine.out', to: 'shaper.in' },
      { from: 'shaper.out', to: 'mix.in4' },
      { from: 'mix.out', to: 'xf.a' },
      { from: 'tri.out', to: 'xf.b' },
      { from: 'xf.out', to: 'vca.in' },
      { from: 'env.out', to: 'vca.gain' },
    ],
    output: 'vca.out',
  });
}
