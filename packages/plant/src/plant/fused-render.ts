/**
 * The fused cpu render: a whole plant as one `AePlantRender` kernel on the `cpu` backend,
 * evaluated by the float64 tape engine ({@link TapeOps}), with an `AePlantRenderGrad`
 * kernel that runs the tape backwards. One kernel call instead of hundreds of small tfjs
 * ops is what makes rendering and its gradient fast on the cpu backend. The float64
 * functions are also the reference the tests differentiate by finite differences.
 *
 * @example
 * ```ts
 * const audio = renderFloat64(plant, u, 1, 16000); // Float64Array, no tfjs involved
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { hasKernel, makeFloat32, readFloat32 } from '../kernels/backend-access';
import { BufferPool } from '../signal/buffer-pool';
import { TapeOps, type TapeSignal } from '../signal/tape-ops';

/** Kernel name of the fused render: input `{parameters}` `[batch, P]`, attrs `{plant, samples}`. */
export const PLANT_RENDER_KERNEL = 'AePlantRender';
/** Kernel name of its gradient: inputs `{dy, parameters}`, output `[batch, P]`. */
export const PLANT_RENDER_GRAD_KERNEL = 'AePlantRenderGrad';

/** What the fused engine needs of a plant. */
export interface FusedRenderable {
  /** Sample rate, Hz. */
  readonly sampleRate: number;
  /** Length of the normalised vector. */
  readonly parameterCount: number;
  /** Renders on any engine from normalised parameters. */
  renderWith<S>(ops: import('../signal/signal-ops').SignalOps<S>, normalised: S): S;
}

const ids = new WeakMap<FusedRenderable, number>();
const plants = new Map<number, WeakRef<FusedRenderable>>();
let nextId = 1;

function idOf(plant: FusedRenderable): number {
  let id = ids.get(plant);
  if (id === undefined) {
    id = nextId++;
    ids.set(plant, id);
    plants.set(id, new WeakRef(plant));
  }
  return id;
}

function plantOf(attrs: tf.NamedAttrMap | undefined): FusedRenderable {
  const id = (attrs as Record<string, number>)['plant']!;
  const plant = plants.get(id)?.deref();
  if (!plant) throw new Error(`${PLANT_RENDER_KERNEL}: plant ${id} is gone`);
  return plant;
}

interface Recording {
  ops: TapeOps;
  output: TapeSignal;
  input: TapeSignal;
}

function record(
  plant: FusedRenderable,
  normalised: ArrayLike<number>,
  batch: number,
  samples: number,
  pool?: BufferPool,
): Recording {
  if (normalised.length !== batch * plant.parameterCount) {
    throw new Error(
      `normalised must hold batch × ${plant.parameterCount} = ${batch * plant.parameterCount} values, got ${normalised.length}`,
    );
  }
  const ops = new TapeOps(batch, samples, plant.sampleRate, pool);
  const input = ops.input(Float64Array.from(normalised), batch, plant.parameterCount);
  const output = plant.renderWith(ops, input);
  return { ops, output, input };
}

/** Renders in float64 without tfjs: `normalised` is `[batch, P]` row-major; returns `[batch, samples]`. */
export function renderFloat64(
  plant: FusedRenderable,
  normalised: ArrayLike<number>,
  batch: number,
  samples: number,
): Float64Array {
  return record(plant, normalised, batch, samples).output.values;
}

/** The gradient of Σ dy·render(normalised) with respect to `normalised`, in float64. */
export function gradientFloat64(
  plant: FusedRenderable,
  normalised: ArrayLike<number>,
  batch: number,
  samples: number,
  dy: ArrayLike<number>,
): Float64Array {
  const rec = record(plant, normalised, batch, samples);
  rec.ops.backward(rec.output, Float64Array.from(dy));
  return rec.input.grad ?? new Float64Array(batch * plant.parameterCount);
}

// The kernels' arrays come from one pool: a recording gives them back once its gradient has
// been taken or a newer forward pass replaces it, so repeated renders allocate nothing.
const pool = new BufferPool();

// The last forward recording, reused by the gradient kernel when it sees the same input data.
let last: { values: Float32Array; samples: number; plant: FusedRenderable; recording: Recording } | undefined;

function discardLast(): void {
  last?.recording.ops.release();
  last = undefined;
}

const forwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const info = inputs['parameters'] as tf.TensorInfo;
  const plant = plantOf(attrs);
  const samples = (attrs as Record<string, number>)['samples']!;
  const batch = info.shape[0]!;
  const values = readFloat32(backend, info);
  discardLast();
  const recording = record(plant, values, batch, samples, pool);
  last = { values, samples, plant, recording };
  return makeFloat32(backend, [batch, samples], Float32Array.from(recording.output.values));
};

const gradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const info = inputs['parameters'] as tf.TensorInfo;
  const plant = plantOf(attrs);
  const samples = (attrs as Record<string, number>)['samples']!;
  const batch = info.shape[0]!;
  const values = readFloat32(backend, info);
  const dyInfo = inputs['dy'] as tf.TensorInfo;
  const dy = readFloat32(backend, dyInfo);
  const reuse = last && last.values === values && last.samples === samples && last.plant === plant;
  const rec = reuse ? last!.recording : record(plant, values, batch, samples, pool);
  if (reuse) last = undefined; // a recording is consumed once (its gradients accumulate in place)
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

let registered = false;

/** Registers the fused render kernels (cpu) and the gradient, once. */
export function ensureFusedKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(PLANT_RENDER_KERNEL, 'cpu') == null) {
    tf.registerKernel({ kernelName: PLANT_RENDER_KERNEL, backendName: 'cpu', kernelFunc: forwardKernel });
    tf.registerKernel({ kernelName: PLANT_RENDER_GRAD_KERNEL, backendName: 'cpu', kernelFunc: gradKernel });
  }
  if (tf.getGradient(PLANT_RENDER_KERNEL) == null) {
    tf.registerGradient({
      kernelName: PLANT_RENDER_KERNEL,
      inputsToSave: ['parameters'],
      gradFunc: (dys, saved, attrs) => {
        const dy = Array.isArray(dys) ? dys[0]! : dys;
        const parameters = saved[0]!;
        return {
          parameters: () =>
            tf.engine().runKernel(PLANT_RENDER_GRAD_KERNEL, { dy, parameters }, attrs) as tf.Tensor,
        };
      },
    });
  }
}

/** Whether the fused render kernel is available on the active backend. */
export function hasFusedKernel(): boolean {
  ensureFusedKernels();
  return hasKernel(PLANT_RENDER_KERNEL);
}

/** Renders `plant` with the fused kernel (differentiable through tfjs). */
export function fusedRender(plant: FusedRenderable, normalised: tf.Tensor2D, samples: number): tf.Tensor2D {
  ensureFusedKernels();
  return tf
    .engine()
    .runKernel(
      PLANT_RENDER_KERNEL,
      { parameters: normalised },
      { plant: idOf(plant), samples },
    ) as tf.Tensor2D;
}
