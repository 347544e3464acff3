import { oneFifthSuccessDither } from '@ae-ddsp/explorer';
import type { SchedulerOptions } from '@ae-ddsp/scheduler';

/**
 * The optimisation methods the trainer runs with equal budgets:
 * - `ae-ddsp`: scheduled α/μ/σ (seed law + 1/5th-success dither), Adam-style U with μ_t as
 *   its first-moment coefficient, dither every step, sparse local tests;
 * - `ae-ddsp-no-dither`, `ae-ddsp-no-local-tests`, `ae-ddsp-fixed-lr`: ablations of it;
 * - `adam`: plain Adam (fixed α, β1 = 0.9) on the same loss;
 * - `scaffold`: the seed scaffold's algorithm — PyTorch-style SGD momentum, its scheduler
 *   (u = 1.02 / d = 0.8 with an absolute ε = 1e-5, δμ = 0.01, κμ = 0.1, constant σ) and
 *   Gaussian noise added to the gradient;
 * - `random`: random search (uniform candidates in the normalised box, keep the best).
 */
export type MethodName =
  | 'ae-ddsp'
  | 'ae-ddsp-no-dither'
  | 'ae-ddsp-no-local-tests'
  | 'ae-ddsp-fixed-lr'
  | 'adam'
  | 'scaffold'
  | 'random';

/** Every method, in the order reports list them. */
export const METHOD_NAMES: readonly MethodName[] = Object.freeze([
  'ae-ddsp',
  'ae-ddsp-no-dither',
  'ae-ddsp-no-local-tests',
  'ae-ddsp-fixed-lr',
  'adam',
  'scaffold',
  'random',
]);

/** How a method is assembled from the trainer's parts. */
export interface MethodRecipe {
  /** Update rule U. */
  readonly rule: 'adam' | 'heavy-ball' | 'sgd-momentum' | 'none';
  /** Scheduler options layered over the trainer's (undefined: hyperparameters stay fixed). */
  readonly scheduler: Partial<SchedulerOptions> | undefined;
  /** Dither θ every step with the scheduled σ. */
  readonly dither: boolean;
  /** Add σ·η to the gradient instead (the scaffold's "dither"). */
  readonly gradientNoise: boolean;
  /** Run the explorer's sparse local tests. */
  readonly localTests: boolean;
  /** Random search instead of gradients. */
  readonly randomSearch: boolean;
}

/** The recipe of each method. */
export function methodRecipe(method: MethodName): MethodRecipe {
  const aeDdsp: MethodRecipe = {
    rule: 'adam',
    scheduler: { ditherLaw: oneFifthSuccessDither() },
    dither: true,
    gradientNoise: false,
    localTests: true,
    randomSearch: false,
  };
  switch (method) {
    case 'ae-ddsp':
      return aeDdsp;
    case 'ae-ddsp-no-dither':
      return { ...aeDdsp, dither: false };
    case 'ae-ddsp-no-local-tests':
      return { ...aeDdsp, localTests: false };
    case 'ae-ddsp-fixed-lr':
      return { ...aeDdsp, scheduler: { ...aeDdsp.scheduler, learningRateLaw: () => 1 } };
    case 'adam':
      return { ...aeDdsp, scheduler: undefined, dither: false, localTests: false };
    case 'scaffold':
      return {
        rule: 'sgd-momentum',
        scheduler: {
          learningRateLaw: (s) => (s.lossTrend > 1e-5 ? 1.02 : 0.8),
          momentumLaw: (s, current) => ((s.rewardTrend ?? 0) > 0 ? 0.01 : -0.1 * current.momentum),
          ditherLaw: () => 1,
          momentumBounds: [0, 0.999],
        },
        dither: false,
        gradientNoise: true,
        localTests: false,
        randomSearch: false,
      };
    case 'random':
      return {
        rule: 'none',
        scheduler: undefined,
        dither: false,
        gradientNoise: false,
        localTests: false,
        randomSearch: true,
      };
    default:
      throw new RangeError(
        `unknown method ${JSON.stringify(method)}; expected one of ${METHOD_NAMES.join(', ')}`,
      );
  }
}
