/**
 * TensorFlow.js set-up for the command line: the `cpu` backend (our kernels run there),
 * without tfjs's "install tfjs-node" console banner, which does not apply (tfjs-node
 * downloads a native library at install time; this project never uses it).
 * @module
 */

import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

let ready: Promise<void> | undefined;

/** Selects the `cpu` backend once; later calls return the same promise. */
export function useCpuBackend(): Promise<void> {
  ready ??= (async () => {
    tf.env().set('PROD', true);
    if (!(await tf.setBackend('cpu'))) throw new Error('could not initialise the TensorFlow.js cpu backend');
  })();
  return ready;
}
