/**
 * Biquad low-, high-, band-pass and notch filters (RBJ cookbook: bilinear transform with
 * the centre frequency prewarped, so the magnitude response is the analog prototype's at
 * Ω = tan(ω/2)/tan(ω₀/2): LP 1/(s²+s/Q+1), HP s²/(…), BP (s/Q)/(…), notch (s²+1)/(…)).
 * Time-varying `frequency` (coefficients per sample, recursion by the all-pole kernel); the
 * `frequency` input modulates it by `frequencyModulation` octaves per unit. `Q` is linear
 * (not in dB as Web Audio's low-pass Q is).
 *
 * @example
 * ```ts
 * const node = { id: 'bp', type: 'biquad', options: { mode: 'bandpass' }, params: { frequency: 2000, Q: 4 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import { CUTOFF_MODULATION } from './common-parameters';
import { modulatedCutoff } from './ladder-filter';
import type { ModuleArgs, ModuleDefinition } from './module-definition';

/** Filter modes of {@link biquadModule}. */
export const BIQUAD_MODES = ['lowpass', 'highpass', 'bandpass', 'notch'] as const;

/** Centre / corner frequency, Hz. */
export const BIQUAD_FREQUENCY = defineParameter({
  name: 'frequency',
  unit: 'Hz',
  min: 20,
  max: 8000,
  default: 1000,
  mapping: { kind: 'log' },
  description: 'Corner (LP/HP) or centre (BP/notch) frequency, clamped below 0.49·sampleRate.',
});

/** Quality factor (linear). */
export const Q = defineParameter({
  name: 'Q',
  unit: 'none',
  min: 0.1,
  max: 20,
  default: Math.SQRT1_2,
  mapping: { kind: 'log' },
  description: 'Quality factor; 0.707 is Butterworth for LP/HP.',
});

/** Modulation amount of the `frequency` input, octaves per unit. */
export const FREQUENCY_MODULATION = defineParameter({ ...CUTOFF_MODULATION, name: 'frequencyModulation' });

/** Filters `x` through an RBJ biquad of the given mode with per-sample frequency (Hz) and Q. */
export function biquadFilter<S>(ops: SignalOps<S>, mode: string, x: S, frequencyHz: S, q: S): S {
  const omega = ops.mul(frequencyHz, ops.constant((2 * Math.PI) / ops.sampleRate));
  const cos = ops.cos(omega);
  const alpha = ops.div(ops.sin(omega), ops.mul(q, ops.constant(2)));
  const one = ops.constant(1);
  const a0 = ops.add(one, alpha);
  let b: [S, S, S];
  if (mode === 'highpass') {
    const h = ops.mul(ops.add(one, cos), ops.constant(0.5));
    b = [h, ops.mul(h, ops.constant(-2)), h];
  } else if (mode === 'bandpass') {
    b = [alpha, ops.constant(0), ops.mul(alpha, ops.constant(-1))];
  } else if (mode === 'notch') {
    b = [one, ops.mul(cos, ops.constant(-2)), one];
  } else {
    const l = ops.mul(ops.sub(one, cos), ops.constant(0.5));
    b = [l, ops.mul(l, ops.constant(2)), l];
  }
  const fir = ops.add(
    ops.add(ops.mul(x, b[0]), ops.mul(ops.delay(x, 1), b[1])),
    ops.mul(ops.delay(x, 2), b[2]),
  );
  const a1 = ops.div(ops.mul(cos, ops.constant(-2)), a0);
  const a2 = ops.div(ops.sub(one, alpha), a0);
  return ops.allPole(ops.div(fir, a0), [a1, a2]);
}

/** The biquad module (`biquad`). */
export const biquadModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'biquad',
  description: 'RBJ biquad low/high/band-pass or notch with time-varying frequency and Q.',
  inputs: ['in', 'frequency'],
  requiredInputs: ['in'],
  outputs: ['out'],
  options: Object.freeze({ mode: 'lowpass' }),
  choices: Object.freeze({ mode: BIQUAD_MODES }),
  parameters: (_options, connected) =>
    connected.has('frequency') ? [BIQUAD_FREQUENCY, Q, FREQUENCY_MODULATION] : [BIQUAD_FREQUENCY, Q],
  render<S>(ops: SignalOps<S>, { inputs, params, options }: ModuleArgs<S>) {
    const f = modulatedCutoff(ops, params['frequency']!, params['frequencyModulation'], inputs['frequency']);
    return { out: biquadFilter(ops, options['mode'] as string, inputs['in']!, f, params['Q']!) };
  },
});
