/**
 * Fused point-wise functions: a formula of several signals, sample by sample, written twice
 * on purpose: once against {@link SignalOps} (`compose`, used by the tfjs engine so tfjs
 * differentiates it on any backend) and once as a float64 function returning its value and
 * Jacobian (`evaluate`, used by the tape engine, which then needs one pass instead of dozens
 * of element-wise operations). The tests check that both agree and that the Jacobian
 * matches finite differences.
 *
 * @example
 * ```ts
 * const square: PointwiseFunction = {
 *   name: 'square', inputs: 1, outputs: 1,
 *   compose: (ops, [x]) => [ops.mul(x!, x!)],
 *   evaluate: ([x], [y], [j], size) => { for (let e = 0; e < size; e++) { y![e] = x![e]! ** 2; j![e] = 2 * x![e]!; } },
 * };
 * ```
 * @module
 */
import type { SignalOps } from './signal-ops';

/** A fused point-wise function of `inputs` signals with `outputs` results. */
export interface PointwiseFunction {
  /** Name, for errors. */
  readonly name: string;
  /** Number of inputs. */
  readonly inputs: number;
  /** Number of outputs. */
  readonly outputs: number;
  /** The formula with signal operations (broadcasting like them). */
  compose<S>(ops: SignalOps<S>, inputs: readonly S[]): S[];
  /**
   * The formula at `size` points: reads `x[i][e]` (input i, already broadcast), writes
   * `y[o][e]` and the Jacobian `jacobian[o·inputs + i][e] = ∂y_o/∂x_i` — every entry of
   * each (the arrays are reused and not cleared beforehand).
   */
  evaluate(
    x: readonly Float64Array[],
    y: readonly Float64Array[],
    jacobian: readonly Float64Array[],
    size: number,
  ): void;
}
