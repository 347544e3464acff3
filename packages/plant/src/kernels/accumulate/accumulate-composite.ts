/**
 * The composite path of {@link accumulate} for backends without the `AeAccumulate` kernel: a
 * parallel (Hillis–Steele) scan of float32 additions that wraps to [0, 1) after every step,
 * so the error grows with log₂ N, not N.
 *
 * @example
 * ```ts
 * const phase = accumulateComposite(increments); // [batch, samples] cycles
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';

/** The composite path: a wrapped parallel prefix sum with tfjs ops (floor has a zero gradient). */
export function accumulateComposite(increment: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, samples] = increment.shape;
    const wrap = (x: tf.Tensor2D): tf.Tensor2D => tf.sub(x, tf.floor(x));
    let x = wrap(tf.concat([tf.zeros([batch, 1]), tf.slice(increment, [0, 0], [batch, samples - 1])], 1));
    for (let d = 1; d < samples; d *= 2) {
      x = wrap(tf.add(x, tf.concat([tf.zeros([batch, d]), tf.slice(x, [0, 0], [batch, samples - d])], 1)));
    }
    return x;
  });
}
