import {
  checkRuleState,
  type StepHyperparameters,
  type UpdateRule,
  type UpdateRuleState,
} from './update-rule';

/**
 * Heavy-ball momentum in the seed's form: h ← μ·h + (1 − μ)·g, u = α·h (an EMA of
 * gradients, so α keeps its meaning as μ changes). With `dampening: false` it is PyTorch's
 * SGD momentum instead: h ← μ·h + g, u = α·h (used by the seed-scaffold baseline).
 *
 * @example
 * ```ts
 * const rule = heavyBall(3);
 * const u = rule.step(gradient, { learningRate: 0.01, momentum: 0.9 });
 * ```
 */
export function heavyBall(size: number, options: { readonly dampening?: boolean } = {}): UpdateRule {
  const dampening = options.dampening ?? true;
  const name = dampening ? 'heavy-ball' : 'sgd-momentum';
  let h = new Float64Array(size);
  let steps = 0;
  return {
    name,
    step(gradient: Float32Array, { learningRate, momentum }: StepHyperparameters): Float32Array {
      if (gradient.length !== size)
        throw new RangeError(`${name}: gradient has ${gradient.length} values, expected ${size}`);
      const keep = dampening ? 1 - momentum : 1;
      const u = new Float32Array(size);
      for (let i = 0; i < size; i++) {
        h[i] = momentum * h[i]! + keep * gradient[i]!;
        u[i] = learningRate * h[i]!;
      }
      steps++;
      return u;
    },
    toJSON: (): UpdateRuleState => ({ rule: name, steps, buffers: { h: Array.from(h) } }),
    restore(state: UpdateRuleState) {
      checkRuleState(state, name, ['h'], size);
      h = Float64Array.from(state.buffers.h!);
      steps = state.steps;
    },
  };
}
