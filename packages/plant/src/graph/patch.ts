/**
 * The JSON patch format: named nodes (a module type, options and physical parameter values,
 * a number for a per-patch constant or an array of control points for a time-varying
 * curve), connections `"node.port" → "node.port"` and the output port.
 *
 * @example
 * ```ts
 * const patch: Patch = {
 *   format: 'ae-ddsp-patch', version: 1,
 *   nodes: [{ id: 'osc', type: 'oscillator', options: { waveform: 'sine' }, params: { frequency: 440, detune: 0, phase: 0 } }],
 *   connections: [],
 *   output: 'osc.out',
 * };
 * ```
 * @module
 */
import type { OptionValue } from '../modules/module-definition';

/** A physical parameter value: a constant, or control points of a curve spread evenly over the render. */
export type ParameterValue = number | readonly number[];

/** One node of a patch. */
export interface PatchNode {
  /** Unique name (letters, digits, `_` and `-`). */
  readonly id: string;
  /** Module type (see `moduleTypes()`). */
  readonly type: string;
  /** Module options; missing ones take the module's defaults. */
  readonly options?: Readonly<Record<string, OptionValue>>;
  /** Physical parameter values, one for every parameter of the module. */
  readonly params?: Readonly<Record<string, ParameterValue>>;
}

/** A connection from an output port to an input port. */
export interface PatchConnection {
  /** `"node.port"` of an output. */
  readonly from: string;
  /** `"node.port"` of an input. */
  readonly to: string;
}

/** A complete patch. */
export interface Patch {
  /** Format tag. */
  readonly format: 'ae-ddsp-patch';
  /** Format version. */
  readonly version: 1;
  /** Nodes in declaration order (which also orders the plant's parameters). */
  readonly nodes: readonly PatchNode[];
  /** Connections; several into one input are summed. */
  readonly connections: readonly PatchConnection[];
  /** `"node.port"` whose signal is the rendered audio. */
  readonly output: string;
}

/** Format tag of {@link Patch}. */
export const PATCH_FORMAT = 'ae-ddsp-patch';
