/**
 * The `AeAccumulate` kernel for the `cpu` backend, registered with its gradient (the
 * exclusive reverse running sum of the upstream gradient: wrapping subtracts integers, whose
 * derivative is zero) by {@link ensureAccumulateKernel}.
 *
 * @example
 * ```ts
 * ensureAccumulateKernel();
 * const phase = tf.engine().runKernel(ACCUMULATE_KERNEL, { increment });
 * ```
 * @module
 */
import { type CpuKernelSpec, makeFloat32, readFloat32, registerCpuKernel } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';
import { ACCUMULATE_KERNEL } from '../kernel-names';
import { accumulateForward } from './accumulate-cpu';

const kernel: tf.KernelFunc = ({ inputs, backend }) => {
  const x = inputs['increment'] as tf.TensorInfo;
  const [batch, samples] = x.shape as [number, number];
  const out = new Float32Array(batch * samples);
  accumulateForward(readFloat32(backend, x), batch, samples, out);
  return makeFloat32(backend, [batch, samples], out);
};

const spec: CpuKernelSpec = {
  name: ACCUMULATE_KERNEL,
  forward: kernel,
  backward: {
    gradFunc: (dys) => {
      const dy = (Array.isArray(dys) ? dys[0]! : dys) as tf.Tensor2D;
      return { increment: () => tf.cumsum(dy, 1, true, true) };
    },
  },
};

/** Registers `AeAccumulate` (cpu) and its gradient, once. */
export function ensureAccumulateKernel(): void {
  registerCpuKernel(spec);
}
