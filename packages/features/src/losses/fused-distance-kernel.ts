/**
 * Registration shared by the fused distance kernels (`AeLogMelDistance`,
 * `AeCumulativeSpectrumDistance`): a cpu kernel with inputs `{ x: audio, target }` that
 * returns `[value, audioGradient]` — the gradient filled only while a tape records — and a
 * gradient that scales the saved audio gradient by the upstream one. The target gets no
 * gradient.
 *
 * @example
 * ```ts
 * registerFusedDistanceKernel('AeMyDistance', myKernel, 'myDistance', 'target features');
 * ```
 * @module
 */
import { registerCpuKernel } from '@ae-ddsp/kernel-registry';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Registers `kernelFunc` as the cpu kernel `kernelName` and its gradient, once (see
 * `registerCpuKernel`). `label` names the op in errors; `targetName` says what the target
 * input is.
 */
export function registerFusedDistanceKernel(
  kernelName: string,
  kernelFunc: tf.KernelFunc,
  label: string,
  targetName: string,
): void {
  registerCpuKernel({
    name: kernelName,
    forward: kernelFunc,
    backward: {
      outputsToSave: [false, true],
      gradFunc: (dys, saved) => {
        const dy = Array.isArray(dys) ? dys[0]! : dys;
        const gradient = saved[0]!;
        return {
          x: () => {
            if (gradient.size === 0) {
              throw new Error(`${label}: the forward pass ran without a gradient tape recording`);
            }
            return tf.mul(dy, gradient);
          },
          target: () => {
            throw new Error(`${label}: the gradient w.r.t. the ${targetName} is not implemented`);
          },
        };
      },
    },
  });
}
