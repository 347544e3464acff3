/**
 * Makes sure tfjs-core's stock gradients (Add, Square, Conv2D, ...) are registered: the
 * Node entry of tfjs-core registers none, and our composite paths and losses need them.
 * They come from a private workspace that the build bundles in.
 *
 * @example
 * ```ts
 * ensureStockGradients(); // throws if tfjs-core's gradients are somehow missing
 * ```
 * @module
 */
import '@ae-ddsp/tfjs-gradients';
import * as tf from '@tensorflow/tfjs-core';

/** Throws a clear Error if tfjs-core's stock gradients are not registered. */
export function ensureStockGradients(): void {
  if (tf.getGradient('Square') == null) {
    throw new Error('@ae-ddsp/features: tfjs-core stock gradients are not registered (bundling problem)');
  }
}
