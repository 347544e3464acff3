/**
 * What an embedding E of DAR-DDSP is (h* = E(φ(x)), §2, docs/method.md): audio in, a point of
 * [0, 1]^d out, differentiable so the trainer can pull a render towards a prototype. The
 * learned {@link timbreEncoder} and the fixed {@link pooledLogMelEmbedding} both are one.
 *
 * @example
 * ```ts
 * const h = embedding.embed(audio); // [batch, embedding.dimensions], values in [0, 1]
 * const point = embedClip(embedding, samples); // one mono clip → Float64Array
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';

/** A differentiable map from `[batch, samples]` audio to `[batch, dimensions]` points in [0, 1]. */
export interface TimbreEmbedding {
  /** Name for logs and results (`learned`, `pooled-log-mel`, ...). */
  readonly name: string;
  /** d, the embedding's size. */
  readonly dimensions: number;
  /** The sample rate the embedding expects, Hz. */
  readonly sampleRate: number;
  /** h* of each row of `audio`; the caller owns the result. */
  embed(audio: tf.Tensor2D): tf.Tensor2D;
}

/** h* of one mono clip as plain numbers (clipped into [0, 1] against float rounding). */
export function embedClip(embedding: TimbreEmbedding, samples: Float32Array): Float64Array {
  const h = tf.tidy(() => embedding.embed(tf.tensor2d(samples, [1, samples.length])));
  try {
    return Float64Array.from(h.dataSync(), (x) => Math.min(1, Math.max(0, x)));
  } finally {
    h.dispose();
  }
}
