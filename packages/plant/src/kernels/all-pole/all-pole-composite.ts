/**
 * The composite path of {@link allPole} for backends without the `AeAllPole` kernel: an
 * exact parallel (Hillis–Steele) scan over the companion-matrix affine maps, in ⌈log₂ N⌉
 * batched matrix products; tfjs differentiates it.
 *
 * @example
 * ```ts
 * const y = allPoleComposite(x, a); // x [batch, samples], a [batch, samples, order]
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';

/** The composite path: an exact parallel scan of companion-matrix affine maps with tfjs ops. */
export function allPoleComposite(x: tf.Tensor2D, a: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, samples] = x.shape;
    const order = a.shape[2];
    const rows = batch * samples;
    const firstRow = tf.reshape(tf.neg(a), [batch, samples, 1, order]) as tf.Tensor4D;
    let transition = firstRow as tf.Tensor4D;
    if (order > 1) {
      const shift = tf.concat([tf.eye(order - 1, order - 1), tf.zeros([order - 1, 1])], 1);
      transition = tf.concat(
        [
          firstRow,
          tf.tile(tf.reshape(shift, [1, 1, order - 1, order]), [batch, samples, 1, 1]) as tf.Tensor4D,
        ],
        2,
      );
    }
    let offset = tf.reshape(x, [batch, samples, 1, 1]) as tf.Tensor4D;
    if (order > 1) offset = tf.concat([offset, tf.zeros([batch, samples, order - 1, 1])], 2) as tf.Tensor4D;
    for (let d = 1; d < samples; d *= 2) {
      const prevOffset = tf.concat(
        [tf.zeros([batch, d, order, 1]), tf.slice(offset, [0, 0, 0, 0], [batch, samples - d, order, 1])],
        1,
      );
      const flat = tf.reshape(transition, [rows, order, order]);
      offset = tf.add<tf.Tensor4D>(
        tf.reshape(tf.matMul(flat, tf.reshape(prevOffset, [rows, order, 1])), [batch, samples, order, 1]),
        offset,
      );
      if (2 * d < samples) {
        const identity = tf.tile(tf.reshape(tf.eye(order), [1, 1, order, order]), [batch, d, 1, 1]);
        const prev = tf.concat(
          [identity, tf.slice(transition, [0, 0, 0, 0], [batch, samples - d, order, order])],
          1,
        );
        transition = tf.reshape(tf.matMul(flat, tf.reshape(prev, [rows, order, order])), [
          batch,
          samples,
          order,
          order,
        ]);
      }
    }
    return tf.reshape(tf.slice(offset, [0, 0, 0, 0], [batch, samples, 1, 1]), [batch, samples]);
  });
}
