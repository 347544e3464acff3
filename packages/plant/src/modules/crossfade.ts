/**
 * Constant-power crossfade between inputs `a` and `b`:
 * out = cos(π/2·fade)·a + sin(π/2·fade)·b (fade 0 is all `a`, 1 all `b`; equal power for
 * uncorrelated inputs at every position).
 *
 * @example
 * ```ts
 * const node = { id: 'xf', type: 'crossfade', params: { fade: 0.25 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import type { ModuleArgs, ModuleDefinition } from './module-definition';

/** Crossfade position, 0 (a) to 1 (b). */
export const FADE = defineParameter({
  name: 'fade',
  unit: 'level',
  min: 0,
  max: 1,
  default: 0.5,
  mapping: { kind: 'linear' },
  description: 'Position: 0 is input a, 1 is input b.',
});

/** The crossfade module (`crossfade`). */
export const crossfadeModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'crossfade',
  description: 'Constant-power crossfade between inputs a and b.',
  inputs: ['a', 'b'],
  requiredInputs: ['a', 'b'],
  outputs: ['out'],
  options: Object.freeze({}),
  parameters: () => [FADE],
  render<S>(ops: SignalOps<S>, { inputs, params }: ModuleArgs<S>) {
    const angle = ops.mul(params['fade']!, ops.constant(Math.PI / 2));
    return { out: ops.add(ops.mul(inputs['a']!, ops.cos(angle)), ops.mul(inputs['b']!, ops.sin(angle))) };
  },
});
