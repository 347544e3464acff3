/**
 * The mixer: `in1` … `inN` (option `inputs`, default 2) each times its own `gain1` … `gainN`,
 * summed. Unconnected inputs contribute nothing (and get no gain parameter).
 *
 * @example
 * ```ts
 * const node = { id: 'mix', type: 'mixer', options: { inputs: 2 }, params: { gain1: 1, gain2: 0.3 } };
 * ```
 * @module
 */
import { defineParameter, type ParameterSpec } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import type { ModuleArgs, ModuleDefinition, ModuleOptions } from './module-definition';

/** Most inputs a mixer can have. */
export const MAX_MIXER_INPUTS = 16;

function mixerGain(index: number): ParameterSpec {
  return defineParameter({
    name: `gain${index}`,
    unit: 'gain',
    min: 0,
    max: 2,
    default: 1,
    mapping: { kind: 'linear' },
    description: `Gain of input ${index}.`,
  });
}

const PORTS = Array.from({ length: MAX_MIXER_INPUTS }, (_, i) => `in${i + 1}`);

/** The mixer module (`mixer`). */
export const mixerModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'mixer',
  description: 'Sums its inputs, each with its own gain.',
  inputs: PORTS,
  requiredInputs: [],
  outputs: ['out'],
  options: Object.freeze({ inputs: 2 }),
  validateOptions(options: ModuleOptions) {
    const n = options['inputs'];
    if (!(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_MIXER_INPUTS)) {
      throw new Error(`option "inputs" must be an integer in [1, ${MAX_MIXER_INPUTS}], got ${String(n)}`);
    }
  },
  parameters(options: ModuleOptions, connected: ReadonlySet<string>) {
    const specs: ParameterSpec[] = [];
    for (let i = 1; i <= (options['inputs'] as number); i++)
      if (connected.has(`in${i}`)) specs.push(mixerGain(i));
    return specs;
  },
  render<S>(ops: SignalOps<S>, { inputs, params, options }: ModuleArgs<S>) {
    let sum: S | undefined;
    for (let i = 1; i <= (options['inputs'] as number); i++) {
      const x = inputs[`in${i}`];
      if (x === undefined) continue;
      const term = ops.mul(x, params[`gain${i}`]!);
      sum = sum === undefined ? term : ops.add(sum, term);
    }
    return { out: sum ?? ops.constant(0) };
  },
});
