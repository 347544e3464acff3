import type { StepHyperparameters, UpdateRule } from './update-rules/update-rule';

/** The risk limits of a gradient step (AE-DDSP §5, docs/method.md). */
export interface RiskLimits {
  /** The gradient is rescaled to at most this norm. */
  readonly maxGradientNorm: number;
  /** No coordinate moves more than this per step. */
  readonly maxSlew: number;
}

/** @internal No limits. */
export const NO_RISK_LIMITS: RiskLimits = Object.freeze({
  maxGradientNorm: Number.POSITIVE_INFINITY,
  maxSlew: Number.POSITIVE_INFINITY,
});

/**
 * @internal
 * Step 6 of the loop: θ − u with u = U(Φ(h, g; μ), g; α) from the update rule, within the
 * risk limits — the gradient rescaled to at most `maxGradientNorm`, then (optionally) noise
 * σ·η added to it, and every coordinate of u clipped to ±`maxSlew`. Overwrites `gradient`.
 */
export function gradientStep(
  theta: Float32Array,
  gradient: Float32Array,
  hyperparameters: StepHyperparameters & { readonly dither: number },
  rule: UpdateRule,
  limits: RiskLimits,
  noise?: () => number,
): Float32Array {
  const gradientNorm = norm(gradient);
  const scale = gradientNorm > limits.maxGradientNorm ? limits.maxGradientNorm / gradientNorm : 1;
  for (let i = 0; i < gradient.length; i++) {
    gradient[i] = gradient[i]! * scale + (noise ? hyperparameters.dither * noise() : 0);
  }
  const u = rule.step(gradient, hyperparameters);
  const slew = limits.maxSlew;
  return theta.map((x, i) => x - Math.max(-slew, Math.min(slew, u[i]!)));
}

/** @internal ‖x‖₂. */
export function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}
