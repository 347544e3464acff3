/**
 * The learned timbre encoder E of DAR-DDSP (§2, docs/method.md): h* = E(φ(x)) with φ the
 * pooled multi-resolution log-mel and spectral statistics of {@link timbreFeatures}, then a
 * small network on tfjs-core ops, standardise → dense + tanh → dense + logistic, so h* lies
 * in (0, 1)^d as Fuzzy ART needs. Differentiable from the audio on. The package ships
 * weights trained by `ae-ddsp encoder train` (pitch-invariant: the same instrument at
 * different notes lands close); pass your own from {@link trainTimbreEncoder}.
 *
 * @example
 * ```ts
 * const encoder = timbreEncoder(); // the shipped weights
 * const h = encoder.embed(audio);  // [batch, encoder.dimensions]
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import shipped from './default-encoder-weights.json';
import { parseTimbreEncoderWeights, type TimbreEncoderWeights } from './encoder-weights';
import type { TimbreEmbedding } from './timbre-embedding';
import { timbreFeatures } from './timbre-features';

/** The weights shipped in the package (made by `ae-ddsp encoder train` with its defaults). */
export const DEFAULT_TIMBRE_ENCODER_WEIGHTS: TimbreEncoderWeights = parseTimbreEncoderWeights(shipped);

/** The network part of E on φ rows `[batch, features]` (differentiable). */
export function encodeFeatures(weights: TimbreEncoderWeights, features: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [hidden, output] = weights.layers;
    const z = tf.div(
      tf.sub(features, tf.tensor1d(weights.mean as number[])),
      tf.tensor1d(weights.scale as number[]),
    );
    const dense = (x: tf.Tensor2D, l: typeof hidden) =>
      tf.add(
        tf.matMul(x, tf.tensor2d(l.weights as number[], [l.inputs, l.outputs])),
        tf.tensor1d(l.bias as number[]),
      );
    const a = tf.tanh(dense(z as tf.Tensor2D, hidden)) as tf.Tensor2D;
    return tf.sigmoid(dense(a, output)) as tf.Tensor2D;
  });
}

/** The learned embedding with `weights` (default: the shipped ones); checks them first. */
export function timbreEncoder(
  weights: TimbreEncoderWeights = DEFAULT_TIMBRE_ENCODER_WEIGHTS,
): TimbreEmbedding {
  const w = parseTimbreEncoderWeights(weights);
  return Object.freeze({
    name: 'learned',
    dimensions: w.layers[1].outputs,
    sampleRate: w.features.sampleRate,
    embed(audio: tf.Tensor2D): tf.Tensor2D {
      return tf.tidy(() => encodeFeatures(w, timbreFeatures(audio, w.features)));
    },
  });
}
