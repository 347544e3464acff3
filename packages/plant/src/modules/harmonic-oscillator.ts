/**
 * The harmonic (additive) oscillator, DDSP-style: K harmonics of one fundamental with a
 * learnable amplitude each (`partial1` … `partialK`, defaults 1/k), band-limited like
 * {@link oscillatorModule}, with frequency, detune and a `pitch` modulation input.
 *
 * @example
 * ```ts
 * const node = { id: 'h', type: 'harmonic', options: { partials: 4 }, params: { frequency: 220, detune: 0, partial1: 1, partial2: 0.5, partial3: 0.3, partial4: 0.2 } };
 * ```
 * @module
 */
import type { SignalOps } from '../signal/signal-ops';
import { DETUNE, FREQUENCY, PITCH_MODULATION, partialAmplitude } from './common-parameters';
import type { ModuleArgs, ModuleDefinition, ModuleOptions } from './module-definition';
import { instantaneousFrequency } from './oscillator';

/** The additive oscillator module (`harmonic`). */
export const harmonicModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'harmonic',
  description: 'Additive oscillator: K harmonics with learnable amplitudes, faded out below Nyquist.',
  inputs: ['pitch'],
  requiredInputs: [],
  outputs: ['out'],
  options: Object.freeze({ partials: 8 }),
  validateOptions(options: ModuleOptions) {
    const k = options['partials'];
    if (!(typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 256)) {
      throw new Error(`option "partials" must be an integer in [1, 256], got ${String(k)}`);
    }
  },
  parameters(options: ModuleOptions, connected: ReadonlySet<string>) {
    const specs = [FREQUENCY, DETUNE];
    for (let k = 1; k <= (options['partials'] as number); k++) specs.push(partialAmplitude(k));
    if (connected.has('pitch')) specs.push(PITCH_MODULATION);
    return specs;
  },
  render<S>(ops: SignalOps<S>, args: ModuleArgs<S>) {
    const f = instantaneousFrequency(ops, args);
    const phase = ops.accumulate(ops.div(f, ops.constant(ops.sampleRate)));
    const count = args.options['partials'] as number;
    const amplitudes: S[] = [];
    for (let k = 1; k <= count; k++) amplitudes.push(args.params[`partial${k}`]!);
    return { out: ops.harmonic(phase, f, ops.stackColumns(amplitudes)) };
  },
});
