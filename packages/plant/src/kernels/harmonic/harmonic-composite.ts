/**
 * The composite path of {@link harmonic}: tfjs ops over a `[batch, K, samples]` tensor, for
 * backends without the `AeHarmonic` kernel; tfjs differentiates it.
 *
 * @example
 * ```ts
 * const y = harmonicComposite(phase, frequency, amplitudes, 16000);
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { HARMONIC_FADE } from './harmonic-taper';

/** The composite path with tfjs ops (memory ∝ batch · K · samples). */
export function harmonicComposite(
  phase: tf.Tensor2D,
  frequency: tf.Tensor2D,
  amplitudes: tf.Tensor2D,
  sampleRate: number,
): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, samples] = phase.shape;
    const partials = amplitudes.shape[1];
    const nyquist = sampleRate / 2;
    const k = tf.reshape(tf.range(1, partials + 1), [1, partials, 1]);
    const angle = tf.mul(tf.mul(k, 2 * Math.PI), tf.reshape(phase, [batch, 1, samples]));
    const u = tf.clipByValue(
      tf.div(
        tf.sub(nyquist, tf.mul(k, tf.reshape(tf.abs(frequency), [batch, 1, samples]))),
        HARMONIC_FADE * nyquist,
      ),
      0,
      1,
    );
    const taper = tf.mul(tf.square(u), tf.sub(3, tf.mul(2, u)));
    const weighted = tf.mul(
      tf.mul(tf.sin(angle), taper),
      tf.reshape(amplitudes, [amplitudes.shape[0], partials, 1]),
    );
    return tf.sum(weighted, 1) as tf.Tensor2D;
  });
}
