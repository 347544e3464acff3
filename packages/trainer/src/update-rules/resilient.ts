import {
  checkRuleState,
  type StepHyperparameters,
  type UpdateRule,
  type UpdateRuleState,
} from './update-rule';

/** Constants of {@link resilient}. */
export interface ResilientOptions {
  /** Factor > 1 on a parameter's step while its gradient keeps its sign. Default 1.2. */
  readonly increase: number;
  /** Factor in (0, 1) on a parameter's step when its gradient changes sign. Default 0.5. */
  readonly decrease: number;
  /** Bounds [lo, hi] of each parameter's step, as multiples of α. Default [1e-4, 5]. */
  readonly stepBounds: readonly [number, number];
  /** Run the sign test on the heavy-ball average h ← μh + (1 − μ)g instead of on g. Default false. */
  readonly momentum: boolean;
}

/** Defaults of {@link resilient}. */
export const RESILIENT_DEFAULTS: ResilientOptions = Object.freeze({
  increase: 1.2,
  decrease: 0.5,
  stepBounds: Object.freeze([1e-4, 5]) as readonly [number, number],
  momentum: false,
});

/**
 * A per-parameter step that follows each parameter's own sensitivity (resilient
 * propagation, iRprop⁻, with the scheduled α as its unit): every parameter i keeps a step
 * factor r_i, multiplied by `increase` while its gradient keeps its sign and by `decrease`
 * when the sign flips (it overshot: that step is skipped); the update is u_i = α·r_i·sign(g_i).
 * A parameter that is already right sees its gradient sign flip and its step shrink
 * geometrically, so it stays right while the others still travel; AE-DDSP §1's Φ/U with a
 * diagonal preconditioner (docs/method.md). α from the scheduler scales every step.
 *
 * @example
 * ```ts
 * const trainer = new Trainer({ plant, target, rule: resilient });
 * const rule = resilient(3, { increase: 1.1 });
 * ```
 */
export function resilient(size: number, options: Partial<ResilientOptions> = {}): UpdateRule {
  const { increase, decrease, stepBounds, momentum } = { ...RESILIENT_DEFAULTS, ...options };
  const [lo, hi] = stepBounds;
  if (!(increase > 1 && Number.isFinite(increase)))
    throw new RangeError(`resilient: increase must be a finite number > 1, got ${increase}`);
  if (!(decrease > 0 && decrease < 1))
    throw new RangeError(`resilient: decrease must be in (0, 1), got ${decrease}`);
  if (!(lo > 0 && lo <= 1 && hi >= 1 && Number.isFinite(hi)))
    throw new RangeError(`resilient: stepBounds must be [lo, hi] with 0 < lo ≤ 1 ≤ hi, got [${stepBounds}]`);
  let factor = new Float64Array(size).fill(1);
  let previous = new Float64Array(size);
  let h = new Float64Array(size);
  let steps = 0;
  return {
    name: 'resilient',
    step(gradient: Float32Array, hyper: StepHyperparameters): Float32Array {
      if (gradient.length !== size)
        throw new RangeError(`resilient: gradient has ${gradient.length} values, expected ${size}`);
      steps++;
      const u = new Float32Array(size);
      for (let i = 0; i < size; i++) {
        h[i] = momentum ? hyper.momentum * h[i]! + (1 - hyper.momentum) * gradient[i]! : gradient[i]!;
        const g = h[i]!;
        const agreement = g * previous[i]!;
        if (agreement > 0) factor[i] = Math.min(hi, factor[i]! * increase);
        else if (agreement < 0) {
          factor[i] = Math.max(lo, factor[i]! * decrease);
          previous[i] = 0;
          continue;
        }
        previous[i] = g;
        u[i] = hyper.learningRate * factor[i]! * Math.sign(g);
      }
      return u;
    },
    toJSON: (): UpdateRuleState => ({
      rule: 'resilient',
      steps,
      buffers: { factor: Array.from(factor), previous: Array.from(previous), h: Array.from(h) },
    }),
    restore(state: UpdateRuleState) {
      checkRuleState(state, 'resilient', ['factor', 'previous', 'h'], size);
      factor = Float64Array.from(state.buffers.factor!);
      previous = Float64Array.from(state.buffers.previous!);
      h = Float64Array.from(state.buffers.h!);
      steps = state.steps;
    },
  };
}
