/**
 * One way to register a cpu kernel with its gradient: the forward kernel, the backward
 * kernel (when the gradient has one) and the gradient, all by the forward kernel's name, as
 * tfjs-core does for its own ops (ops know nothing about backends; gradients are found by
 * kernel name). Registration is idempotent and never replaces a kernel or gradient someone
 * registered first.
 *
 * @example
 * ```ts
 * registerCpuKernel({
 *   name: 'AeSquare',
 *   forward: squareKernel, // x ↦ x²
 *   backward: { name: 'AeSquareGrad', kernel: squareGradKernel, inputsToSave: ['x'], saved: ['x'], gradients: ['x'] },
 * });
 * const y = tf.engine().runKernel('AeSquare', { x }) as tf.Tensor;
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';

/** Which forward tensors the gradient keeps: tfjs' `inputsToSave` / `outputsToSave`. */
interface SavedTensors {
  /** Names of forward inputs kept for the backward pass. */
  readonly inputsToSave?: string[];
  /** Per forward output, whether it is kept for the backward pass (after the saved inputs). */
  readonly outputsToSave?: boolean[];
}

/**
 * A gradient computed by a second cpu kernel. It gets `{ dy, ...saved }` and the forward
 * attributes, and returns one tensor per name in `gradients` (a single tensor when there is one).
 */
export interface BackwardKernel extends SavedTensors {
  /** Kernel name of the backward kernel. */
  readonly name: string;
  /** The backward kernel. */
  readonly kernel: tf.KernelFunc;
  /** The input names the saved tensors get in the backward kernel, in tfjs' order (saved inputs, then saved outputs). */
  readonly saved: readonly string[];
  /** The forward inputs whose gradients the backward kernel returns, in its output order. */
  readonly gradients: readonly string[];
}

/** A gradient written with tfjs ops (no backward kernel). */
export interface BackwardOps extends SavedTensors {
  /** tfjs' gradient function: from the upstream gradient and the saved tensors, one closure per input. */
  readonly gradFunc: tf.GradFunc;
}

/** A cpu kernel and its gradient. */
export interface CpuKernelSpec {
  /** Kernel name of the forward kernel (the name its gradient is registered under). */
  readonly name: string;
  /** The forward kernel. */
  readonly forward: tf.KernelFunc;
  /** Its gradient: a backward kernel, or tfjs ops. */
  readonly backward: BackwardKernel | BackwardOps;
}

/** What {@link registerCpuKernel} registered, by forward kernel name. */
const registered = new Map<string, { spec: CpuKernelSpec; kernels: boolean; gradient: boolean }>();

/** The gradient function that runs a backward kernel. */
function kernelGradient(backward: BackwardKernel): tf.GradFunc {
  const { name, saved, gradients } = backward;
  return (dys, savedTensors, attrs) => {
    const inputs: tf.NamedTensorMap = { dy: Array.isArray(dys) ? dys[0]! : dys };
    for (let i = 0; i < saved.length; i++) inputs[saved[i]!] = savedTensors[i]!;
    if (gradients.length === 1) {
      // one gradient: the kernel runs inside that input's gradient scope
      return { [gradients[0]!]: () => tf.engine().runKernel(name, inputs, attrs) as tf.Tensor };
    }
    // one backward pass gives every gradient: run it once, outside the per-input scopes
    const outputs = tf.engine().runKernel(name, inputs, attrs) as tf.Tensor[];
    const closures: Record<string, () => tf.Tensor> = {};
    gradients.forEach((input, i) => {
      closures[input] = () => outputs[i]!;
    });
    return closures;
  };
}

/**
 * Registers `spec.forward` as the cpu kernel `spec.name`, its backward kernel (if any) and its
 * gradient, once: later calls with the same name return at once, and a kernel or gradient
 * already registered under these names (by someone else) is kept.
 */
export function registerCpuKernel(spec: CpuKernelSpec): void {
  if (registered.has(spec.name)) return;
  const { name, forward, backward } = spec;
  const kernels = tf.getKernel(name, 'cpu') == null;
  const gradient = tf.getGradient(name) == null;
  registered.set(name, { spec, kernels, gradient });
  if (kernels) {
    tf.registerKernel({ kernelName: name, backendName: 'cpu', kernelFunc: forward });
    if ('kernel' in backward) {
      tf.registerKernel({ kernelName: backward.name, backendName: 'cpu', kernelFunc: backward.kernel });
    }
  }
  if (gradient) {
    const gradFunc = 'kernel' in backward ? kernelGradient(backward) : backward.gradFunc;
    const config: tf.GradConfig = { kernelName: name, gradFunc };
    if (backward.inputsToSave) config.inputsToSave = backward.inputsToSave;
    if (backward.outputsToSave) config.outputsToSave = backward.outputsToSave;
    tf.registerGradient(config);
  }
}

/**
 * Removes what {@link registerCpuKernel} registered under `name` (its forward and backward
 * kernels and its gradient, not what it found registered already), so the name can be
 * registered again. Unknown names are ignored.
 */
export function unregisterCpuKernel(name: string): void {
  const entry = registered.get(name);
  if (!entry) return;
  registered.delete(name);
  const { backward } = entry.spec;
  if (entry.kernels) {
    tf.unregisterKernel(name, 'cpu');
    if ('kernel' in backward) tf.unregisterKernel(backward.name, 'cpu');
  }
  if (entry.gradient) tf.unregisterGradient(name);
}
