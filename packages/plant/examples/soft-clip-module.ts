import {
  defineParameter,
  type ModuleArgs,
  type ModuleDefinition,
  type SignalOps,
  TensorOps,
} from '@ae-ddsp/plant';
import * as tf from '@tensorflow/tfjs-core';

// 1. The kernel: y = z / (1 + |z|) on the cpu backend, and its gradient dy/dz = 1 / (1 + |z|)².
export const SOFT_CLIP_KERNEL = 'ExampleSoftClip';

interface CpuBackend {
  readSync(dataId: object): unknown;
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): tf.TensorInfo;
}

export function registerSoftClipKernel(): void {
  if (tf.getKernel(SOFT_CLIP_KERNEL, 'cpu')) return;
  tf.registerKernel({
    kernelName: SOFT_CLIP_KERNEL,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend }) => {
      const z = inputs['z'] as tf.TensorInfo;
      const cpu = backend as CpuBackend;
      const values = cpu.readSync(z.dataId) as Float32Array;
      const y = values.map((v) => v / (1 + Math.abs(v)));
      return cpu.makeTensorInfo(z.shape, 'float32', y);
    },
  });
  tf.registerGradient({
    kernelName: SOFT_CLIP_KERNEL,
    inputsToSave: ['z'],
    gradFunc: (dy, [z]) => ({ z: () => tf.div(dy as tf.Tensor, tf.square(tf.add(1, tf.abs(z!)))) }),
  });
}

// 2. The op: the kernel where the active backend has it, the same formula in tfjs ops elsewhere.
export function softClip(z: tf.Tensor): tf.Tensor {
  registerSoftClipKernel();
  if (tf.getKernel(SOFT_CLIP_KERNEL, tf.getBackend())) return tf.engine().runKernel(SOFT_CLIP_KERNEL, { z });
  return tf.div(z, tf.add(1, tf.abs(z)));
}

// 3. The module: y = softClip(drive · in). On the tensor engine (tfjs ops, S = tf.Tensor) it
// calls the op; the fused engine has no tfjs kernels, so there it composes the same formula.
const DRIVE = defineParameter({
  name: 'drive',
  unit: 'gain',
  min: 0.1,
  max: 20,
  default: 1,
  mapping: { kind: 'log' },
});

export const softClipModule: ModuleDefinition = {
  type: 'soft-clip',
  description: 'Soft clipper z / (1 + |z|), z = drive · in.',
  inputs: ['in'],
  requiredInputs: ['in'],
  outputs: ['out'],
  options: {},
  parameters: () => [DRIVE],
  render<S>(ops: SignalOps<S>, { inputs, params }: ModuleArgs<S>) {
    const z = ops.mul(inputs['in']!, params['drive']!);
    if (ops instanceof TensorOps) return { out: softClip(z as tf.Tensor) as S };
    return { out: ops.div(z, ops.add(ops.constant(1), ops.abs(z))) };
  },
};
