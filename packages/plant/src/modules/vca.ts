/**
 * The amplifier (VCA): out = gain · in, and when the `gain` input (an envelope or LFO) is
 * connected, out = gain · in · (1 − amount + amount · control): amplitude modulation with
 * an amount.
 *
 * @example
 * ```ts
 * const node = { id: 'vca', type: 'vca', params: { gain: 0.8, amount: 1 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import type { ModuleArgs, ModuleDefinition } from './module-definition';

/** Amplifier gain (linear, as Web Audio's GainNode). */
export const GAIN = defineParameter({
  name: 'gain',
  unit: 'gain',
  min: 0,
  max: 2,
  default: 1,
  mapping: { kind: 'linear' },
  description: 'Linear gain.',
});

/** How much the `gain` input modulates the amplitude (0 none, 1 fully). */
export const AMOUNT = defineParameter({
  name: 'amount',
  unit: 'level',
  min: 0,
  max: 1,
  default: 1,
  mapping: { kind: 'linear' },
  description: 'Depth of amplitude modulation by the gain input.',
});

/** in·gain·(1 − amount + amount·control): fused where the engine has `amplitudeModulation`, else composed. */
export function amplitudeModulation<S>(ops: SignalOps<S>, x: S, gain: S, amount: S, control: S): S {
  if (ops.amplitudeModulation) return ops.amplitudeModulation(x, gain, amount, control);
  return ops.mul(ops.mul(x, gain), ops.add(ops.sub(ops.constant(1), amount), ops.mul(amount, control)));
}

/** The amplifier module (`vca`). */
export const vcaModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'vca',
  description: 'Amplifier: gain, optionally modulated by a control input with an amount.',
  inputs: ['in', 'gain'],
  requiredInputs: ['in'],
  outputs: ['out'],
  options: Object.freeze({}),
  parameters: (_options, connected) => (connected.has('gain') ? [GAIN, AMOUNT] : [GAIN]),
  render<S>(ops: SignalOps<S>, { inputs, params }: ModuleArgs<S>) {
    const control = inputs['gain'];
    if (control === undefined) return { out: ops.mul(inputs['in']!, params['gain']!) };
    return { out: amplitudeModulation(ops, inputs['in']!, params['gain']!, params['amount']!, control) };
  },
});
