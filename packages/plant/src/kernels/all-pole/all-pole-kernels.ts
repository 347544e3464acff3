/**
 * The `AeAllPole` kernel and its backward kernel `AeAllPoleGrad` for the `cpu` backend (the
 * recursions of `all-pole-cpu.ts` on the coefficient tensor split per coefficient),
 * registered with the gradient by {@link ensureAllPoleKernels}.
 *
 * @example
 * ```ts
 * ensureAllPoleKernels();
 * const y = tf.engine().runKernel(ALL_POLE_KERNEL, { x, a });
 * ```
 * @module
 */
import { type CpuKernelSpec, makeFloat32, readFloat32, registerCpuKernel } from '@ae-ddsp/kernel-registry';
import type * as tf from '@tensorflow/tfjs-core';
import { ALL_POLE_GRAD_KERNEL, ALL_POLE_KERNEL } from '../kernel-names';
import { allPoleBackward, allPoleForward, splitCoefficients } from './all-pole-cpu';

const forwardKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const x = inputs['x'] as tf.TensorInfo;
  const a = inputs['a'] as tf.TensorInfo;
  const [batch, samples] = x.shape as [number, number];
  const coefficients = splitCoefficients(readFloat32(backend, a), a.shape[2]!);
  const y = new Float32Array(batch * samples);
  allPoleForward(readFloat32(backend, x), coefficients, batch, samples, y);
  return makeFloat32(backend, [batch, samples], y);
};

const gradKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const dy = inputs['dy'] as tf.TensorInfo;
  const a = inputs['a'] as tf.TensorInfo;
  const [batch, samples] = dy.shape as [number, number];
  const order = a.shape[2]!;
  const coefficients = splitCoefficients(readFloat32(backend, a), order);
  const dx = new Float32Array(batch * samples);
  const daSplit = coefficients.map(() => new Float32Array(batch * samples));
  const y = readFloat32(backend, inputs['y'] as tf.TensorInfo);
  allPoleBackward(readFloat32(backend, dy), y, coefficients, batch, samples, dx, daSplit);
  const da = new Float32Array(batch * samples * order);
  for (let i = 0; i < batch * samples; i++)
    for (let k = 0; k < order; k++) da[i * order + k] = daSplit[k]![i]!;
  return [makeFloat32(backend, [batch, samples], dx), makeFloat32(backend, [batch, samples, order], da)];
};

const spec: CpuKernelSpec = {
  name: ALL_POLE_KERNEL,
  forward: forwardKernel,
  backward: {
    name: ALL_POLE_GRAD_KERNEL,
    kernel: gradKernel,
    inputsToSave: ['a'],
    outputsToSave: [true],
    saved: ['a', 'y'],
    gradients: ['x', 'a'],
  },
};

/** Registers `AeAllPole`, `AeAllPoleGrad` (cpu) and the `AeAllPole` gradient, once. */
export function ensureAllPoleKernels(): void {
  registerCpuKernel(spec);
}
