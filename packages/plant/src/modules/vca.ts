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
import type { PointwiseFunction } from '../signal/pointwise';
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

/** in·gain·(1 − amount + amount·control) as a fused point-wise function of [in, gain, amount, control]. */
export const AMPLITUDE_MODULATION: PointwiseFunction = Object.freeze<PointwiseFunction>({
  name: 'amplitudeModulation',
  inputs: 4,
  outputs: 1,
  compose: <S>(ops: SignalOps<S>, [x, gain, amount, control]: readonly S[]) => [
    ops.mul(ops.mul(x!, gain!), ops.add(ops.sub(ops.constant(1), amount!), ops.mul(amount!, control!))),
  ],
  evaluate([xs, gs, as, cs], [y], jac, size) {
    for (let e = 0; e < size; e++) {
      const x = xs![e]!;
      const gain = gs![e]!;
      const amount = as![e]!;
      const control = cs![e]!;
      const amplified = x * gain;
      const depth = 1 - amount + amount * control;
      y![e] = amplified * depth;
      jac[0]![e] = gain * depth;
      jac[1]![e] = x * depth;
      jac[2]![e] = amplified * (control - 1);
      jac[3]![e] = amplified * amount;
    }
  },
});

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
    return {
      out: ops.pointwise(AMPLITUDE_MODULATION, [
        inputs['in']!,
        params['gain']!,
        params['amount']!,
        control,
      ])[0]!,
    };
  },
});
