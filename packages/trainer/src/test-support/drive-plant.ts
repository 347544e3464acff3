import type { AudioLoss } from '@ae-ddsp/features';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainablePlant } from '../interfaces';

/**
 * A small real plant for the trainer's tests: y = gain · tanh(drive · sin(2π·220·t)), with
 * gain = p0 and drive = 1 + 4·p1 from normalised p. Built from tfjs ops, so it is
 * differentiable on every backend and its optimum is known exactly.
 */
export function drivePlant(sampleRate = 8000): TrainablePlant {
  return {
    sampleRate,
    parameterCount: 2,
    parameterNames: ['gain', 'drive'],
    render(parameters: tf.Tensor2D, samples: number): tf.Tensor2D {
      return tf.tidy(() => {
        const t = tf.div(tf.range(0, samples), sampleRate);
        const sine = tf.reshape(tf.sin(tf.mul(t, 2 * Math.PI * 220)), [1, samples]);
        const gain = tf.slice(parameters, [0, 0], [-1, 1]);
        const drive = tf.add(1, tf.mul(4, tf.slice(parameters, [0, 1], [-1, 1])));
        return tf.mul(gain, tf.tanh(tf.mul(drive, sine))) as tf.Tensor2D;
      });
    },
  };
}

/** Mean squared error against a fixed target: the simplest honest audio loss. */
export function mseLoss(target: tf.Tensor2D): AudioLoss {
  return (audio) => tf.mean(tf.square(tf.sub(audio, target)));
}
