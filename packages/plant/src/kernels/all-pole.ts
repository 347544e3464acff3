/**
 * Time-varying all-pole filter y[n] = x[n] − Σ_{k=1..M} a_k[n]·y[n−k] (zero initial state),
 * differentiable in `x` and in every coefficient at every sample. On the `cpu` backend it is
 * our `AeAllPole` kernel, whose gradient is the exact adjoint recursion run backwards in
 * time (as torchlpc does): g[n] = dy[n] − Σ_k a_k[n+k]·g[n+k], ∂x = g, ∂a_k[n] = −g[n]·y[n−k].
 * Elsewhere it is a composite of tfjs ops: a parallel (Hillis–Steele) scan over the
 * companion-matrix affine maps, exact too, in ⌈log₂ N⌉ batched matrix products.
 *
 * @example
 * ```ts
 * const y = allPole(x, a); // x [batch, samples], a [batch, samples, order]
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { hasKernel, makeFloat32, readFloat32 } from './backend-access';

/** Kernel name of the forward filter: inputs `{x, a}`, output `y`. */
export const ALL_POLE_KERNEL = 'AeAllPole';
/** Kernel name of its adjoint: inputs `{dy, y, a}`, outputs `[dx, da]`. */
export const ALL_POLE_GRAD_KERNEL = 'AeAllPoleGrad';

/**
 * Runs the recursion for `batch` rows of `samples` samples in float64; `a` is
 * `[batch, samples, order]` row-major. Writes `y` and returns it.
 */
export function allPoleForward(
  x: ArrayLike<number>,
  a: ArrayLike<number>,
  batch: number,
  samples: number,
  order: number,
  y: Float32Array | Float64Array,
): Float32Array | Float64Array {
  const state = new Float64Array(order);
  for (let b = 0; b < batch; b++) {
    state.fill(0);
    const row = b * samples;
    for (let n = 0; n < samples; n++) {
      const base = (row + n) * order;
      let acc = x[row + n]!;
      for (let k = 0; k < order; k++) acc -= a[base + k]! * state[k]!;
      for (let k = order - 1; k > 0; k--) state[k] = state[k - 1]!;
      state[0] = acc;
      y[row + n] = acc;
    }
  }
  return y;
}

/**
 * The adjoint recursion: from `dy` and the forward output `y`, writes ∂L/∂x into `dx` and
 * ∂L/∂a into `da` (same layout as `a`).
 */
export function allPoleBackward(
  dy: ArrayLike<number>,
  y: ArrayLike<number>,
  a: ArrayLike<number>,
  batch: number,
  samples: number,
  order: number,
  dx: Float32Array | Float64Array,
  da: Float32Array | Float64Array,
): void {
  const future = new Float64Array(order); // g[n+1], g[n+2], ...
  for (let b = 0; b < batch; b++) {
    future.fill(0);
    const row = b * samples;
    for (let n = samples - 1; n >= 0; n--) {
      let g = dy[row + n]!;
      for (let k = 1; k <= order; k++) {
        if (n + k < samples) g -= a[(row + n + k) * order + k - 1]! * future[k - 1]!;
      }
      for (let k = order - 1; k > 0; k--) future[k] = future[k - 1]!;
      future[0] = g;
      dx[row + n] = g;
      const base = (row + n) * order;
      for (let k = 1; k <= order; k++) da[base + k - 1] = n - k >= 0 ? -g * y[row + n - k]! : 0;
    }
  }
}

/**
 * {@link allPoleForward} with one `[batch, samples]` array per coefficient (a_1 … a_M), as
 * the fused engine holds them (no interleaved copy). Writes `y` and returns it.
 */
export function allPoleForwardSplit(
  x: ArrayLike<number>,
  a: readonly ArrayLike<number>[],
  batch: number,
  samples: number,
  y: Float32Array | Float64Array,
): Float32Array | Float64Array {
  const order = a.length;
  if (order === 2) {
    const a1 = a[0]!;
    const a2 = a[1]!;
    for (let b = 0; b < batch; b++) {
      let y1 = 0;
      let y2 = 0;
      const end = (b + 1) * samples;
      for (let i = b * samples; i < end; i++) {
        const v = x[i]! - a1[i]! * y1 - a2[i]! * y2;
        y[i] = v;
        y2 = y1;
        y1 = v;
      }
    }
    return y;
  }
  const state = new Float64Array(order);
  for (let b = 0; b < batch; b++) {
    state.fill(0);
    const row = b * samples;
    for (let n = 0; n < samples; n++) {
      const i = row + n;
      let acc = x[i]!;
      for (let k = 0; k < order; k++) acc -= a[k]![i]! * state[k]!;
      for (let k = order - 1; k > 0; k--) state[k] = state[k - 1]!;
      state[0] = acc;
      y[i] = acc;
    }
  }
  return y;
}

/**
 * The adjoint of {@link allPoleForwardSplit}, accumulating: adds ∂L/∂x into `dx` and
 * ∂L/∂a_k into `da[k]` (either may be undefined when not needed).
 */
export function allPoleBackwardSplit(
  dy: ArrayLike<number>,
  y: ArrayLike<number>,
  a: readonly ArrayLike<number>[],
  batch: number,
  samples: number,
  dx: Float32Array | Float64Array | undefined,
  da: readonly (Float32Array | Float64Array | undefined)[],
): void {
  const order = a.length;
  if (order === 2) {
    const a1 = a[0]!;
    const a2 = a[1]!;
    const d1 = da[0];
    const d2 = da[1];
    for (let b = 0; b < batch; b++) {
      const row = b * samples;
      let g1 = 0; // g[n + 1]
      let g2 = 0; // g[n + 2]
      for (let n = samples - 1; n >= 0; n--) {
        const i = row + n;
        let g = dy[i]!;
        if (n + 1 < samples) g -= a1[i + 1]! * g1;
        if (n + 2 < samples) g -= a2[i + 2]! * g2;
        if (dx) dx[i] = dx[i]! + g;
        if (d1 && n >= 1) d1[i] = d1[i]! - g * y[i - 1]!;
        if (d2 && n >= 2) d2[i] = d2[i]! - g * y[i - 2]!;
        g2 = g1;
        g1 = g;
      }
    }
    return;
  }
  const future = new Float64Array(order); // g[n+1], g[n+2], ...
  for (let b = 0; b < batch; b++) {
    future.fill(0);
    const row = b * samples;
    for (let n = samples - 1; n >= 0; n--) {
      const i = row + n;
      let g = dy[i]!;
      for (let k = 1; k <= order; k++) if (n + k < samples) g -= a[k - 1]![i + k]! * future[k - 1]!;
      for (let k = order - 1; k > 0; k--) future[k] = future[k - 1]!;
      future[0] = g;
      if (dx) dx[i] = dx[i]! + g;
      for (let k = 1; k <= order; k++) {
        const d = da[k - 1];
        if (d && n - k >= 0) d[i] = d[i]! - g * y[i - k]!;
      }
    }
  }
}

const forwardKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const x = inputs['x'] as tf.TensorInfo;
  const a = inputs['a'] as tf.TensorInfo;
  const [batch, samples] = x.shape as [number, number];
  const order = a.shape[2]!;
  const y = allPoleForward(
    readFloat32(backend, x),
    readFloat32(backend, a),
    batch,
    samples,
    order,
    new Float32Array(batch * samples),
  );
  return makeFloat32(backend, [batch, samples], y as Float32Array);
};

const gradKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const dy = inputs['dy'] as tf.TensorInfo;
  const a = inputs['a'] as tf.TensorInfo;
  const [batch, samples] = dy.shape as [number, number];
  const order = a.shape[2]!;
  const dx = new Float32Array(batch * samples);
  const da = new Float32Array(batch * samples * order);
  allPoleBackward(
    readFloat32(backend, dy),
    readFloat32(backend, inputs['y'] as tf.TensorInfo),
    readFloat32(backend, a),
    batch,
    samples,
    order,
    dx,
    da,
  );
  return [makeFloat32(backend, [batch, samples], dx), makeFloat32(backend, [batch, samples, order], da)];
};

let registered = false;

/** Registers `AeAllPole`, `AeAllPoleGrad` (cpu) and the `AeAllPole` gradient, once. */
export function ensureAllPoleKernels(): void {
  if (registered) return;
  registered = true;
  if (tf.getKernel(ALL_POLE_KERNEL, 'cpu') == null) {
    tf.registerKernel({ kernelName: ALL_POLE_KERNEL, backendName: 'cpu', kernelFunc: forwardKernel });
    tf.registerKernel({ kernelName: ALL_POLE_GRAD_KERNEL, backendName: 'cpu', kernelFunc: gradKernel });
  }
  if (tf.getGradient(ALL_POLE_KERNEL) == null) {
    tf.registerGradient({
      kernelName: ALL_POLE_KERNEL,
      inputsToSave: ['a'],
      outputsToSave: [true],
      gradFunc: (dys, saved) => {
        const dy = Array.isArray(dys) ? dys[0]! : dys;
        const [a, y] = saved as [tf.Tensor, tf.Tensor];
        // one adjoint pass gives both gradients; run it once, outside the per-input scopes
        const [dx, da] = tf.engine().runKernel(ALL_POLE_GRAD_KERNEL, { dy, y, a }) as tf.Tensor[];
        return { x: () => dx!, a: () => da! };
      },
    });
  }
}

/** The composite path: an exact parallel scan of companion-matrix affine maps with tfjs ops. */
export function allPoleComposite(x: tf.Tensor2D, a: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, samples] = x.shape;
    const order = a.shape[2];
    const rows = batch * samples;
    const firstRow = tf.reshape(tf.neg(a), [batch, samples, 1, order]) as tf.Tensor4D;
    let transition = firstRow as tf.Tensor4D;
    if (order > 1) {
      const shift = tf.concat([tf.eye(order - 1, order - 1), tf.zeros([order - 1, 1])], 1);
      transition = tf.concat(
        [
          firstRow,
          tf.tile(tf.reshape(shift, [1, 1, order - 1, order]), [batch, samples, 1, 1]) as tf.Tensor4D,
        ],
        2,
      );
    }
    let offset = tf.reshape(x, [batch, samples, 1, 1]) as tf.Tensor4D;
    if (order > 1) offset = tf.concat([offset, tf.zeros([batch, samples, order - 1, 1])], 2) as tf.Tensor4D;
    for (let d = 1; d < samples; d *= 2) {
      const prevOffset = tf.concat(
        [tf.zeros([batch, d, order, 1]), tf.slice(offset, [0, 0, 0, 0], [batch, samples - d, order, 1])],
        1,
      );
      const flat = tf.reshape(transition, [rows, order, order]);
      offset = tf.add<tf.Tensor4D>(
        tf.reshape(tf.matMul(flat, tf.reshape(prevOffset, [rows, order, 1])), [batch, samples, order, 1]),
        offset,
      );
      if (2 * d < samples) {
        const identity = tf.tile(tf.reshape(tf.eye(order), [1, 1, order, order]), [batch, d, 1, 1]);
        const prev = tf.concat(
          [identity, tf.slice(transition, [0, 0, 0, 0], [batch, samples - d, order, order])],
          1,
        );
        transition = tf.reshape(tf.matMul(flat, tf.reshape(prev, [rows, order, order])), [
          batch,
          samples,
          order,
          order,
        ]);
      }
    }
    return tf.reshape(tf.slice(offset, [0, 0, 0, 0], [batch, samples, 1, 1]), [batch, samples]);
  });
}

/**
 * The time-varying all-pole filter on whatever backend is active: `x` `[batch, samples]`,
 * coefficients `a` `[batch, samples, order]` (a_1..a_M per sample, a_0 = 1 implied).
 */
export function allPole(x: tf.Tensor2D, a: tf.Tensor3D): tf.Tensor2D {
  if (x.rank !== 2) throw new Error(`allPole: x must be [batch, samples], got rank ${x.rank}`);
  if (a.rank !== 3 || a.shape[0] !== x.shape[0] || a.shape[1] !== x.shape[1] || a.shape[2] < 1) {
    throw new Error(
      `allPole: a must be [${x.shape[0]}, ${x.shape[1]}, order ≥ 1], got [${a.shape.join(', ')}]`,
    );
  }
  ensureAllPoleKernels();
  if (hasKernel(ALL_POLE_KERNEL)) return tf.engine().runKernel(ALL_POLE_KERNEL, { x, a }) as tf.Tensor2D;
  return allPoleComposite(x, a);
}
