/**
 * The learned encoder's weights as JSON (format `ae-ddsp/timbre-encoder`, version 1): the
 * feature settings, the input standardisation, the two dense layers (tanh hidden, logistic
 * output), and how they were trained. Parsed field by field with errors naming the field.
 *
 * @example
 * ```ts
 * const weights = parseTimbreEncoderWeights(JSON.parse(text));
 * ```
 * @module
 */
import type { TimbreFeatureOptions } from './timbre-features';
import { timbreFeatureCount } from './timbre-features';

/** The format tag of {@link TimbreEncoderWeights}. */
export const TIMBRE_ENCODER_FORMAT = 'ae-ddsp/timbre-encoder';

/** One dense layer y = x·W + b, W stored row-major `[inputs, outputs]`. */
export interface DenseLayer {
  /** Input size. */
  readonly inputs: number;
  /** Output size. */
  readonly outputs: number;
  /** `inputs × outputs` weights, row-major. */
  readonly weights: readonly number[];
  /** `outputs` biases. */
  readonly bias: readonly number[];
}

/** The weights of a learned timbre encoder (JSON-safe). */
export interface TimbreEncoderWeights {
  /** Format tag. */
  readonly format: typeof TIMBRE_ENCODER_FORMAT;
  /** Format version. */
  readonly version: 1;
  /** The φ settings the encoder was trained on. */
  readonly features: Required<TimbreFeatureOptions>;
  /** Per-feature mean subtracted before the first layer. */
  readonly mean: readonly number[];
  /** Per-feature divisor after the mean is subtracted. */
  readonly scale: readonly number[];
  /** The hidden layer (tanh) and the output layer (logistic, values in (0, 1)). */
  readonly layers: readonly [DenseLayer, DenseLayer];
  /** How the weights were made (data, seed, settings), for reproduction. */
  readonly training: Readonly<Record<string, unknown>>;
}

function finiteArray(value: unknown, length: number, field: string): readonly number[] {
  if (!Array.isArray(value) || value.length !== length)
    throw new TypeError(`timbre encoder weights: ${field} must be an array of ${length} numbers`);
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(value[i]))
      throw new TypeError(`timbre encoder weights: ${field}[${i}] must be a finite number, got ${value[i]}`);
  }
  return value as number[];
}

function layerOf(value: unknown, inputs: number, field: string): DenseLayer {
  const l = value as DenseLayer;
  if (!l || typeof l !== 'object') throw new TypeError(`timbre encoder weights: ${field} must be an object`);
  if (l.inputs !== inputs)
    throw new TypeError(`timbre encoder weights: ${field}.inputs must be ${inputs}, got ${l.inputs}`);
  if (!(Number.isInteger(l.outputs) && l.outputs > 0))
    throw new TypeError(`timbre encoder weights: ${field}.outputs must be a positive integer`);
  finiteArray(l.weights, inputs * l.outputs, `${field}.weights`);
  finiteArray(l.bias, l.outputs, `${field}.bias`);
  return l;
}

/** Checks parsed JSON and returns it typed; throws naming the first bad field. */
export function parseTimbreEncoderWeights(json: unknown): TimbreEncoderWeights {
  const w = json as TimbreEncoderWeights;
  if (!w || typeof w !== 'object' || w.format !== TIMBRE_ENCODER_FORMAT)
    throw new TypeError(`timbre encoder weights: not a ${TIMBRE_ENCODER_FORMAT} file`);
  if (w.version !== 1)
    throw new TypeError(`timbre encoder weights: version ${w.version} is not supported (1)`);
  const count = timbreFeatureCount(w.features);
  finiteArray(w.mean, count, 'mean');
  finiteArray(w.scale, count, 'scale');
  if (!w.scale.every((s) => s > 0)) throw new TypeError('timbre encoder weights: scale must be positive');
  if (!Array.isArray(w.layers) || w.layers.length !== 2)
    throw new TypeError('timbre encoder weights: layers must hold two dense layers');
  const hidden = layerOf(w.layers[0], count, 'layers[0]');
  layerOf(w.layers[1], hidden.outputs, 'layers[1]');
  return w;
}
