/**
 * The small structural view of a tfjs backend our cpu kernels need (read an input's values,
 * make an output), plus the checks the ops use to pick the kernel or the composite path.
 *
 * @example
 * ```ts
 * if (hasKernel('AeStft')) {
 *   // run the fast kernel on the active backend
 * }
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';

/** What a cpu kernel uses of `MathBackendCPU` (kept structural so tfjs-backend-cpu stays optional). */
export interface CpuBackendLike {
  /** The values of a tensor's data (the backend's own array on `cpu`: do not mutate). */
  readSync(dataId: object): unknown;
  /** Wraps `values` as a new tensor of the given shape. */
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

/** The float32 values of `info` on a cpu-like backend. */
export function readFloat32(backend: unknown, info: tf.TensorInfo): Float32Array {
  const values = (backend as CpuBackendLike).readSync(info.dataId);
  if (!(values instanceof Float32Array)) {
    throw new Error(`expected float32 tensor data, got ${info.dtype}`);
  }
  return values;
}

/** Makes a float32 output tensor on a cpu-like backend. */
export function makeFloat32(backend: unknown, shape: number[], values: Float32Array): tf.TensorInfo {
  return (backend as CpuBackendLike).makeTensorInfo(shape, 'float32', values);
}

/** Whether kernel `name` is registered for the active backend. */
export function hasKernel(name: string): boolean {
  return tf.getKernel(name, tf.getBackend()) != null;
}

/**
 * Whether a gradient tape is recording ops right now (inside `tf.grad`, `tf.variableGrads`,
 * ... and not inside another kernel), i.e. whether a kernel's backward pass may be asked for.
 * Kernels use it to skip saving (or computing) what only the backward pass needs.
 */
export function tapeRecording(): boolean {
  const state = tf.engine().state;
  return state.gradientDepth > 0 && state.kernelDepth === 0;
}
