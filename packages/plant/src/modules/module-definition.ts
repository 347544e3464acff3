/**
 * What a plant module is: a type name, named input and output ports, option defaults, the
 * parameter specs (which may depend on the options and on which inputs are connected, e.g.
 * a modulation amount appears only when its port is used) and a render function written
 * once against {@link SignalOps}, so it runs on both engines.
 *
 * @example
 * ```ts
 * const gain: ModuleDefinition = {
 *   type: 'gain', description: 'Multiplies its input.', inputs: ['in'], requiredInputs: ['in'], outputs: ['out'],
 *   options: {}, parameters: () => [defineParameter({ name: 'gain', unit: 'gain', min: 0, max: 2, default: 1, mapping: { kind: 'linear' } })],
 *   render: (ops, { inputs, params }) => ({ out: ops.mul(inputs.in!, params.gain!) }),
 * };
 * ```
 * @module
 */
import type { ParameterSpec } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';

/** Values module options may take (JSON scalars). */
export type OptionValue = string | number | boolean;

/** Option values by name. */
export type ModuleOptions = Readonly<Record<string, OptionValue>>;

/** What a module's render function receives. */
export interface ModuleArgs<S> {
  /** Connected inputs by port name (several connections to one port are summed); absent if unconnected. */
  readonly inputs: Readonly<Record<string, S | undefined>>;
  /** Physical parameter values by name: `[batch, 1]` constants or `[batch, samples]` curves. */
  readonly params: Readonly<Record<string, S>>;
  /** The node's options, defaults filled in. */
  readonly options: ModuleOptions;
}

/** A plant module type. */
export interface ModuleDefinition {
  /** Type name used in patches (`oscillator`, `ladder`, ...). */
  readonly type: string;
  /** One line for docs and errors. */
  readonly description: string;
  /** Input port names. */
  readonly inputs: readonly string[];
  /** Inputs that must be connected. */
  readonly requiredInputs: readonly string[];
  /** Output port names. */
  readonly outputs: readonly string[];
  /** Option defaults (every option the module accepts). */
  readonly options: ModuleOptions;
  /** Allowed values of string options, by option name. */
  readonly choices?: Readonly<Record<string, readonly string[]>>;
  /** Checks numeric options; throws a clear Error naming the option. */
  validateOptions?(options: ModuleOptions): void;
  /** Parameter specs for these options and connected inputs. */
  parameters(options: ModuleOptions, connected: ReadonlySet<string>): readonly ParameterSpec[];
  /** Renders the outputs. */
  render<S>(ops: SignalOps<S>, args: ModuleArgs<S>): Record<string, S>;
}
