/**
 * Parameter specs shared by several modules (frequency, detune, modulation amounts, ...).
 *
 * @example
 * ```ts
 * const specs = [FREQUENCY, DETUNE];
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';

// Each spec is written out whole (name, unit, range, default, mapping, description), like the
// specs beside each module: they read as rows of a table, alike in shape only. This is data,
// not logic; nothing is repeated that could be shared, and there is no cost to measure.

/** Oscillator / filter frequency, Hz (20–8000, log). */
export const FREQUENCY = defineParameter({
  name: 'frequency',
  unit: 'Hz',
  min: 20,
  max: 8000,
  default: 220,
  mapping: { kind: 'log' },
  description: 'Fundamental frequency.',
});

/** Detune in cents (−1200–1200, linear). */
export const DETUNE = defineParameter({
  name: 'detune',
  unit: 'cents',
  min: -1200,
  max: 1200,
  default: 0,
  mapping: { kind: 'linear' },
  description: 'Pitch offset; 100 cents is a semitone.',
});

/** Pitch modulation amount: cents per unit of the `pitch` input. */
export const PITCH_MODULATION = defineParameter({
  name: 'pitchModulation',
  unit: 'cents',
  min: -2400,
  max: 2400,
  default: 0,
  mapping: { kind: 'curve', curve: 2, symmetric: true },
  description: 'Cents of pitch change per unit of the pitch input.',
});

/** Linear FM amount: Hz of deviation per unit of the `fm` input. */
export const FM_DEPTH = defineParameter({
  name: 'fmDepth',
  unit: 'Hz',
  min: 0,
  max: 2000,
  default: 100,
  mapping: { kind: 'curve', curve: 2 },
  description: 'Frequency deviation in Hz per unit of the fm input.',
});

/** Cutoff modulation amount: octaves per unit of the `cutoff` / `frequency` input. */
export const CUTOFF_MODULATION = defineParameter({
  name: 'cutoffModulation',
  unit: 'octaves',
  min: -8,
  max: 8,
  default: 2,
  mapping: { kind: 'linear' },
  description: 'Octaves of cutoff change per unit of the modulation input.',
});

/** Partial amplitude of an additive oscillator. */
export function partialAmplitude(k: number): ReturnType<typeof defineParameter> {
  return defineParameter({
    name: `partial${k}`,
    unit: 'level',
    min: 0,
    max: 1,
    default: 1 / k,
    mapping: { kind: 'linear' },
    description: `Amplitude of harmonic ${k}.`,
  });
}
