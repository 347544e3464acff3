/**
 * The `AePlantRender` kernel (a whole plant rendered by the fused engine) and its backward
 * kernel `AePlantRenderGrad` for the `cpu` backend, registered with the gradient by
 * {@link ensureFusedRenderKernels}.
 *
 * Lifetimes, explicitly: the plant travels in the kernel's attributes (`{plant, samples}`),
 * so it lives as long as the caller and the gradient tape hold it; no table of plants is
 * kept. A forward pass run while a gradient tape records keeps its recording (the engine's
 * tape and arrays) for the backward pass; at most one recording is kept at a time, and it
 * is released when the gradient kernel consumes it, when the next forward pass replaces it,
 * or at once when no tape records. Released arrays go back to one {@link BufferPool}, whose
 * idle size is capped. {@link fusedRenderMemory} reports both.
 *
 * @example
 * ```ts
 * ensureFusedRenderKernels();
 * const audio = tf.engine().runKernel(PLANT_RENDER_KERNEL, { parameters }, { plant, samples: 16000, keep: false });
 * ```
 * @module
 */
import { type CpuKernelSpec, makeFloat32, readFloat32, registerCpuKernel } from '@ae-ddsp/kernel-registry';
import type * as tf from '@tensorflow/tfjs-core';
import { PLANT_RENDER_GRAD_KERNEL, PLANT_RENDER_KERNEL } from '../kernels/kernel-names';
import { BufferPool } from './buffer-pool';
import { type FusedRecording, type FusedRenderable, recordFused } from './fused-recording';

/** The attributes of an `AePlantRender` call. */
export interface FusedRenderAttrs {
  /** The plant to render. */
  readonly plant: FusedRenderable;
  /** Samples per row. */
  readonly samples: number;
  /** Whether to keep the recording for a backward pass (true while a gradient tape records). */
  readonly keep: boolean;
}

// The kernels' arrays come from one pool: a recording gives them back once its gradient has
// been taken or it is released, so repeated renders allocate nothing.
const pool = new BufferPool();

/** The one forward recording kept for the gradient kernel, with the input data it was made from. */
let pending:
  | { values: Float32Array; samples: number; plant: FusedRenderable; recording: FusedRecording }
  | undefined;

function releasePending(): void {
  pending?.recording.ops.release();
  pending = undefined;
}

function attrsOf(attrs: tf.NamedAttrMap | undefined): FusedRenderAttrs {
  return attrs as unknown as FusedRenderAttrs;
}

const forwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const info = inputs['parameters'] as tf.TensorInfo;
  const { plant, samples, keep } = attrsOf(attrs);
  const batch = info.shape[0]!;
  const values = readFloat32(backend, info);
  releasePending();
  const recording = recordFused(plant, values, batch, samples, pool);
  const audio = makeFloat32(backend, [batch, samples], Float32Array.from(recording.output.values));
  if (keep) pending = { values, samples, plant, recording };
  else recording.ops.release();
  return audio;
};

const gradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const info = inputs['parameters'] as tf.TensorInfo;
  const { plant, samples } = attrsOf(attrs);
  const batch = info.shape[0]!;
  const values = readFloat32(backend, info);
  const dy = readFloat32(backend, inputs['dy'] as tf.TensorInfo);
  const reuse =
    pending && pending.values === values && pending.samples === samples && pending.plant === plant;
  const rec = reuse ? pending!.recording : recordFused(plant, values, batch, samples, pool);
  if (reuse) pending = undefined; // a recording is consumed once (its gradients accumulate in place)
  const seed = pool.take(dy.length, false);
  for (let i = 0; i < dy.length; i++) seed[i] = dy[i]!;
  rec.ops.backward(rec.output, seed);
  pool.give([seed]);
  const grad = rec.input.grad;
  const out = new Float32Array(batch * plant.parameterCount);
  if (grad) for (let i = 0; i < out.length; i++) out[i] = grad[i]!;
  rec.ops.release();
  return makeFloat32(backend, [batch, plant.parameterCount], out);
};

const spec: CpuKernelSpec = {
  name: PLANT_RENDER_KERNEL,
  forward: forwardKernel,
  backward: {
    name: PLANT_RENDER_GRAD_KERNEL,
    kernel: gradKernel,
    inputsToSave: ['parameters'],
    saved: ['parameters'],
    gradients: ['parameters'],
  },
};

/** Registers `AePlantRender`, `AePlantRenderGrad` (cpu) and the `AePlantRender` gradient, once. */
export function ensureFusedRenderKernels(): void {
  registerCpuKernel(spec);
}

/**
 * What the fused render kernels hold between calls: the recordings kept for a backward pass
 * (0 or 1) and the bytes of idle arrays in their pool.
 *
 * @internal
 */
export function fusedRenderMemory(): { readonly recordings: number; readonly pooledBytes: number } {
  return { recordings: pending ? 1 : 0, pooledBytes: pool.idleBytes };
}
