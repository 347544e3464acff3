/**
 * Built-in preset patches:
 * - `subtractive`: sawtooth oscillator → ladder low-pass whose cutoff an ADSR sweeps (in
 *   octaves) → VCA driven by a second ADSR;
 * - `fm`: two-operator FM, a sine modulator into a sine carrier's FM input (Hz of
 *   deviation), then a VCA with an ADSR;
 * - `additive`: DDSP-style harmonic oscillator (8 partials) plus white noise through a
 *   band-pass biquad, mixed, then a VCA with an ADSR;
 *
 * Every ADSR of these three learns its note-off (`learnNoteOff`: how long the note is held,
 * starting at 0.6 s), so a match can hold a long note.
 * - `seed-stub`: the AE-DDSP seed scaffold's toy synth, sin(2πf·t) → tanh(cutoff/2000·x)·(1 − res),
 *   with the seed's t = linspace(0, n/sr, n).
 *
 * @example
 * ```ts
 * const plant = new SynthPlant(presetPatch('subtractive'));
 * ```
 * @module
 */
import type { Patch } from '../graph/patch';
import { createPatch, node, parallel, series } from '../graph/patch-io';

/** Where the presets' envelopes start their (learned) note-off, seconds. */
const NOTE_OFF = 0.6;

/** Names of the built-in presets. */
export const PRESET_NAMES = ['subtractive', 'fm', 'additive', 'seed-stub'] as const;

/** One of {@link PRESET_NAMES}. */
export type PresetName = (typeof PRESET_NAMES)[number];

// Each preset is written out whole, as the patch a user reads, saves and copies: `subtractive`
// and `fm` repeat the amplitude envelope and the VCA with the same values on purpose. This is
// data, not logic; a shared helper would hide part of each patch, and there is no cost to measure.

function subtractive(): Patch {
  return createPatch({
    nodes: [
      node('osc', 'oscillator', {
        options: { waveform: 'sawtooth', partials: 128 },
        params: { frequency: 220 },
      }),
      node('filterEnv', 'adsr', {
        options: { learnNoteOff: true },
        params: { attack: 0.005, decay: 0.25, sustain: 0.3, release: 0.2, noteOff: NOTE_OFF },
      }),
      node('vcf', 'ladder', { params: { cutoff: 600, resonance: 0.3, cutoffModulation: 3 } }),
      node('ampEnv', 'adsr', {
        options: { learnNoteOff: true },
        params: { attack: 0.01, decay: 0.2, sustain: 0.7, release: 0.3, noteOff: NOTE_OFF },
      }),
      node('vca', 'vca', { params: { gain: 0.8, amount: 1 } }),
    ],
    connections: [
      { from: 'osc.out', to: 'vcf.in' },
      { from: 'filterEnv.out', to: 'vcf.cutoff' },
      { from: 'vcf.out', to: 'vca.in' },
      { from: 'ampEnv.out', to: 'vca.gain' },
    ],
    output: 'vca.out',
  });
}

function fm(): Patch {
  return createPatch({
    nodes: [
      node('modulator', 'oscillator', { params: { frequency: 440 } }),
      node('carrier', 'oscillator', { params: { frequency: 220, fmDepth: 300 } }),
      node('ampEnv', 'adsr', {
        options: { learnNoteOff: true },
        params: { attack: 0.01, decay: 0.2, sustain: 0.7, release: 0.3, noteOff: NOTE_OFF },
      }),
      node('vca', 'vca', { params: { gain: 0.8, amount: 1 } }),
    ],
    connections: [
      { from: 'modulator.out', to: 'carrier.fm' },
      { from: 'carrier.out', to: 'vca.in' },
      { from: 'ampEnv.out', to: 'vca.gain' },
    ],
    output: 'vca.out',
  });
}

function additive(): Patch {
  const sources = parallel([
    [node('harmonics', 'harmonic', { options: { partials: 8 }, params: { frequency: 220 } })],
    [
      node('noise', 'noise', { options: { seed: 1 }, params: { gain: 0.05 } }),
      node('noiseFilter', 'biquad', { options: { mode: 'bandpass' }, params: { frequency: 3000, Q: 1 } }),
    ],
  ]);
  return createPatch({
    nodes: [
      ...sources.nodes,
      node('ampEnv', 'adsr', {
        options: { learnNoteOff: true },
        params: { attack: 0.01, decay: 0.2, sustain: 0.7, release: 0.3, noteOff: NOTE_OFF },
      }),
      node('vca', 'vca', { params: { gain: 1, amount: 1 } }),
    ],
    connections: [
      ...sources.connections,
      { from: sources.output, to: 'vca.in' },
      { from: 'ampEnv.out', to: 'vca.gain' },
    ],
    output: 'vca.out',
  });
}

function seedStub(): Patch {
  return series([
    node('sine', 'seed-sine', { params: { frequency: 220 } }),
    node('shaper', 'seed-shaper', { params: { cutoff: 2000, res: 0.5 } }),
  ]);
}

/** The patch of a built-in preset (a fresh object each call). */
export function presetPatch(name: PresetName): Patch {
  switch (name) {
    case 'subtractive':
      return subtractive();
    case 'fm':
      return fm();
    case 'additive':
      return additive();
    case 'seed-stub':
      return seedStub();
    default:
      throw new Error(`unknown preset "${String(name)}"; presets: ${PRESET_NAMES.join(', ')}`);
  }
}
