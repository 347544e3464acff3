import {
  checkRuleState,
  type StepHyperparameters,
  type UpdateRule,
  type UpdateRuleState,
} from './update-rule';

/** Constants of {@link adam}. */
export interface AdamOptions {
  /** β2 of the second-moment EMA. Default 0.999. */
  readonly beta2?: number;
  /** ε added to √v̂. Default 1e-8. */
  readonly epsilon?: number;
}

/**
 * Adam-style U (AE-DDSP §1, docs/method.md) whose first-moment coefficient is the scheduler's μ_t, read
 * every step: m ← μ·m + (1 − μ)·g, v ← β2·v + (1 − β2)·g², u = α·m̂/(√v̂ + ε), with bias
 * corrections m̂ = m/(1 − Πμ), v̂ = v/(1 − β2^t). With constant μ = 0.9 it is plain Adam.
 *
 * @example
 * ```ts
 * const rule = adam(3);
 * const u = rule.step(gradient, { learningRate: 0.01, momentum: 0.9 });
 * ```
 */
export function adam(size: number, options: AdamOptions = {}): UpdateRule {
  const { beta2 = 0.999, epsilon = 1e-8 } = options;
  let m = new Float64Array(size);
  let v = new Float64Array(size);
  let steps = 0;
  // Π μ_t over the steps taken: the exact bias correction when μ varies.
  let momentumProduct = 1;
  return {
    name: 'adam',
    step(gradient: Float32Array, { learningRate, momentum }: StepHyperparameters): Float32Array {
      if (gradient.length !== size)
        throw new RangeError(`adam: gradient has ${gradient.length} values, expected ${size}`);
      steps++;
      momentumProduct *= momentum;
      const c1 = 1 - momentumProduct;
      const c2 = 1 - beta2 ** steps;
      const u = new Float32Array(size);
      for (let i = 0; i < size; i++) {
        const g = gradient[i]!;
        m[i] = momentum * m[i]! + (1 - momentum) * g;
        v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
        const mHat = c1 > 0 ? m[i]! / c1 : g;
        u[i] = (learningRate * mHat) / (Math.sqrt(v[i]! / c2) + epsilon);
      }
      return u;
    },
    toJSON: (): UpdateRuleState => ({
      rule: 'adam',
      steps,
      buffers: { m: Array.from(m), v: Array.from(v), momentumProduct: [momentumProduct] },
    }),
    restore(state: UpdateRuleState) {
      checkRuleState(state, 'adam', ['m', 'v'], size);
      m = Float64Array.from(state.buffers.m!);
      v = Float64Array.from(state.buffers.v!);
      momentumProduct = state.buffers.momentumProduct?.[0] ?? 1;
      steps = state.steps;
    },
  };
}
