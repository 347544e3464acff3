/**
 * Parameter specs: name, unit, range, default and mapping of every module parameter, with
 * clamping and conversion between physical and normalised values.
 *
 * @example
 * ```ts
 * const cutoff = defineParameter({ name: 'cutoff', unit: 'Hz', min: 20, max: 8000, default: 1000, mapping: { kind: 'log' } });
 * normalise(cutoff, 1000); // ≈ 0.654
 * denormalise(cutoff, 1);  // 8000
 * ```
 * @module
 */
import { fromNormalised, type ParameterMapping, toNormalised, validateMapping } from './mapping';

/** Units used by plant parameters (Web Audio / Tone.js conventions). */
export type ParameterUnit =
  | 'Hz'
  | 'cents'
  | 'seconds'
  | 'degrees'
  | 'octaves'
  | 'gain'
  | 'level'
  | 'ratio'
  | 'none';

/** Everything the trainer, CLI and docs need to know about one parameter. */
export interface ParameterSpec {
  /** Name, unique within its module (`frequency`, `cutoff`, `attack`, ...). */
  readonly name: string;
  /** Physical unit. */
  readonly unit: ParameterUnit;
  /** Smallest physical value. */
  readonly min: number;
  /** Largest physical value. */
  readonly max: number;
  /** Physical default, inside [min, max]. */
  readonly default: number;
  /** Mapping between physical and normalised values. */
  readonly mapping: ParameterMapping;
  /** One line saying what the parameter does. */
  readonly description?: string;
}

/** Validates `spec` (finite min < max, default in range, usable mapping) and freezes it. */
export function defineParameter(spec: ParameterSpec): ParameterSpec {
  const where = `parameter "${spec.name}"`;
  if (typeof spec.name !== 'string' || spec.name.length === 0)
    throw new Error('parameter name must be a non-empty string');
  if (!(Number.isFinite(spec.min) && Number.isFinite(spec.max) && spec.min < spec.max)) {
    throw new Error(`${where}: needs finite min < max, got [${spec.min}, ${spec.max}]`);
  }
  if (!(Number.isFinite(spec.default) && spec.default >= spec.min && spec.default <= spec.max)) {
    throw new Error(`${where}: default ${spec.default} is outside [${spec.min}, ${spec.max}]`);
  }
  validateMapping(spec.mapping, spec.min, spec.max, where);
  return Object.freeze({ ...spec, mapping: Object.freeze({ ...spec.mapping }) });
}

/** `value` clamped to the spec's range (NaN is an error). */
export function clampPhysical(spec: ParameterSpec, value: number): number {
  if (Number.isNaN(value)) throw new Error(`parameter "${spec.name}": value is NaN`);
  return Math.min(spec.max, Math.max(spec.min, value));
}

/** Whether `value` lies inside [min, max]. */
export function inRange(spec: ParameterSpec, value: number): boolean {
  return value >= spec.min && value <= spec.max;
}

/** Normalised value in [0, 1] of a physical value (clamped to range first). */
export function normalise(spec: ParameterSpec, value: number): number {
  return toNormalised(spec.mapping, spec.min, spec.max, clampPhysical(spec, value));
}

/** Physical value of a normalised value (clamped to [0, 1] first). */
export function denormalise(spec: ParameterSpec, u: number): number {
  if (Number.isNaN(u)) throw new Error(`parameter "${spec.name}": normalised value is NaN`);
  return fromNormalised(spec.mapping, spec.min, spec.max, u);
}
