/**
 * The band-limited oscillator: sine, sawtooth, square (pulse, with pulse width) and triangle,
 * built additively with every partial faded out below Nyquist (so nothing aliases), with
 * frequency (Hz), detune (cents), phase (degrees) and two modulation inputs: `pitch`
 * (scaled by `pitchModulation`, cents per unit) and `fm` (linear FM, `fmDepth` Hz per unit).
 *
 * Instantaneous frequency f = frequency·2^((detune + pitchModulation·pitch)/1200) + fmDepth·fm;
 * phase φ = Σ f/sampleRate + phase/360 cycles.
 *
 * @example
 * ```ts
 * const patch = { nodes: [{ id: 'osc', type: 'oscillator', options: { waveform: 'sawtooth' }, params: { frequency: 220, detune: 0, phase: 0 } }], connections: [], output: 'osc.out' };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import { DETUNE, FM_DEPTH, FREQUENCY, PITCH_MODULATION } from './common-parameters';
import type { ModuleArgs, ModuleDefinition, ModuleOptions } from './module-definition';
import { sawtoothPartials, trianglePartials } from './waveforms';

/** Initial phase in degrees (Tone.js convention). */
export const PHASE = defineParameter({
  name: 'phase',
  unit: 'degrees',
  min: 0,
  max: 360,
  default: 0,
  mapping: { kind: 'linear' },
  description: 'Initial phase.',
});

/** Pulse width of the square wave: the fraction of each cycle spent high. */
export const PULSE_WIDTH = defineParameter({
  name: 'pulseWidth',
  unit: 'ratio',
  min: 0.05,
  max: 0.95,
  default: 0.5,
  mapping: { kind: 'linear' },
  description: 'Fraction of the cycle at +1 (square waveform only).',
});

/** Waveforms of {@link oscillatorModule}. */
export const WAVEFORMS = ['sine', 'sawtooth', 'square', 'triangle'] as const;

/** Instantaneous frequency (Hz) of an oscillator-like module from its parameters and inputs. */
export function instantaneousFrequency<S>(ops: SignalOps<S>, { inputs, params }: ModuleArgs<S>): S {
  const pitch = inputs['pitch'];
  const fm = inputs['fm'];
  let cents: S = params['detune']!;
  if (pitch !== undefined) cents = ops.add(cents, ops.mul(params['pitchModulation']!, pitch));
  let f: S = ops.mul(params['frequency']!, ops.exp(ops.mul(cents, ops.constant(Math.LN2 / 1200))));
  if (fm !== undefined) f = ops.add(f, ops.mul(params['fmDepth']!, fm));
  return f;
}

/** Phase in cycles of an oscillator running at `frequency` Hz, starting at `phaseDegrees`. */
export function oscillatorPhase<S>(ops: SignalOps<S>, frequency: S, phaseDegrees: S): S {
  return ops.accumulate(
    ops.div(frequency, ops.constant(ops.sampleRate)),
    ops.div(phaseDegrees, ops.constant(360)),
  );
}

function partialCount(options: ModuleOptions): number {
  return options['partials'] as number;
}

/** The band-limited oscillator module (`oscillator`). */
export const oscillatorModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'oscillator',
  description:
    'Band-limited sine / sawtooth / square (pulse width) / triangle oscillator with detune, phase, pitch and FM inputs.',
  inputs: ['pitch', 'fm'],
  requiredInputs: [],
  outputs: ['out'],
  options: Object.freeze({ waveform: 'sine', partials: 128 }),
  choices: Object.freeze({ waveform: WAVEFORMS }),
  validateOptions(options: ModuleOptions) {
    const k = options['partials'];
    if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 4096)) {
      throw new Error(`option "partials" must be an integer in [1, 4096], got ${String(k)}`);
    }
  },
  parameters(options: ModuleOptions, connected: ReadonlySet<string>) {
    const specs = [FREQUENCY, DETUNE, PHASE];
    if (options['waveform'] === 'square') specs.push(PULSE_WIDTH);
    if (connected.has('pitch')) specs.push(PITCH_MODULATION);
    if (connected.has('fm')) specs.push(FM_DEPTH);
    return specs;
  },
  render<S>(ops: SignalOps<S>, args: ModuleArgs<S>) {
    const f = instantaneousFrequency(ops, args);
    const phase = oscillatorPhase(ops, f, args.params['phase']!);
    const k = partialCount(args.options);
    switch (args.options['waveform']) {
      case 'sawtooth':
        return { out: ops.harmonic(phase, f, ops.table(sawtoothPartials(k), 1)) };
      case 'triangle':
        return { out: ops.harmonic(phase, f, ops.table(trianglePartials(k), 1)) };
      case 'square': {
        const width = args.params['pulseWidth']!;
        const saw = ops.table(sawtoothPartials(k), 1);
        const lead = ops.harmonic(phase, f, saw);
        const lag = ops.harmonic(ops.sub(phase, width), f, saw);
        return {
          out: ops.add(ops.sub(ops.sub(ops.mul(width, ops.constant(2)), ops.constant(1)), lead), lag),
        };
      }
      default:
        return { out: ops.sin(ops.mul(phase, ops.constant(2 * Math.PI))) };
    }
  },
});
