import type { SchedulerOptions } from '@ae-ddsp/scheduler';
import { adam } from './update-rules/adam';
import { heavyBall } from './update-rules/heavy-ball';
import type { UpdateRuleFactory } from './update-rules/update-rule';

/**
 * The optimisation methods the trainer runs with equal budgets, each a preset of the
 * trainer's parts ({@link METHOD_PRESETS}):
 * - `ae-ddsp`: scheduled α/μ/σ (the seed's laws: σ raised only on plateaus), Adam-style U with μ_t as
 *   its first-moment coefficient, dither every step, sparse local tests;
 * - `ae-ddsp-no-dither`, `ae-ddsp-no-local-tests`, `ae-ddsp-fixed-lr`: ablations of it;
 * - `adam`: plain Adam (fixed α, β1 = 0.9) on the same loss;
 * - `scaffold`: the seed scaffold's algorithm — PyTorch-style SGD momentum, its scheduler
 *   (u = 1.02 / d = 0.8 with an absolute ε = 1e-5, δμ = 0.01, κμ = 0.1, constant σ) and
 *   Gaussian noise added to the gradient;
 * - `random`: random search (uniform candidates in the normalised box, keep the best);
 * - `cma-es`: CMA-ES over the normalised box (mirrored at its faces), one generation per step.
 */
export type MethodName =
  | 'ae-ddsp'
  | 'ae-ddsp-no-dither'
  | 'ae-ddsp-no-local-tests'
  | 'ae-ddsp-fixed-lr'
  | 'adam'
  | 'scaffold'
  | 'random'
  | 'cma-es';

/** How a method is assembled from the trainer's parts; options you pass explicitly override it. */
export interface MethodPreset {
  /** Update rule U, built for the parameter count (undefined: no gradient step, i.e. random search). */
  readonly rule: UpdateRuleFactory | undefined;
  /** Scheduler options over the defaults, or `'fixed'`: α0, μ0, σ0 never adapt (α still follows `anneal`). */
  readonly scheduler: Readonly<Partial<SchedulerOptions>> | 'fixed';
  /** Where the scheduled σ goes: dither θ every step, noise σ·η added to the gradient, or nowhere. */
  readonly dither: 'parameters' | 'gradient' | 'none';
  /** Run the explorer's sparse local tests. */
  readonly localTests: boolean;
  /** How a method without a rule searches: uniform candidates (default) or CMA-ES generations. */
  readonly search?: 'uniform' | 'cma-es';
}

/**
 * The `ae-ddsp` scheduler: the seed's laws as they are (AE-DDSP §3, docs/method.md) — σ is raised
 * only on plateaus. The 1/5th-success rule is an option:
 * `scheduler: { ditherLaw: oneFifthSuccessDither() }` (from `@ae-ddsp/explorer`).
 */
const aeDdspScheduler: Readonly<Partial<SchedulerOptions>> = Object.freeze({});

const aeDdsp: MethodPreset = Object.freeze({
  rule: adam,
  scheduler: aeDdspScheduler,
  dither: 'parameters',
  localTests: true,
});

/** The preset of each method name, in the order reports list them. */
export const METHOD_PRESETS: Readonly<Record<MethodName, MethodPreset>> = Object.freeze({
  'ae-ddsp': aeDdsp,
  'ae-ddsp-no-dither': Object.freeze({ ...aeDdsp, dither: 'none' }),
  'ae-ddsp-no-local-tests': Object.freeze({ ...aeDdsp, localTests: false }),
  'ae-ddsp-fixed-lr': Object.freeze({
    ...aeDdsp,
    scheduler: Object.freeze({ ...aeDdspScheduler, learningRateLaw: () => 1 }),
  }),
  adam: Object.freeze({ ...aeDdsp, scheduler: 'fixed', dither: 'none', localTests: false }),
  scaffold: Object.freeze({
    rule: (size: number) => heavyBall(size, { dampening: false }),
    scheduler: Object.freeze({
      learningRateLaw: (s) => (s.lossTrend > 1e-5 ? 1.02 : 0.8),
      momentumLaw: (s, current) => ((s.rewardTrend ?? 0) > 0 ? 0.01 : -0.1 * current.momentum),
      ditherLaw: () => 1,
      momentumBounds: Object.freeze([0, 0.999]) as readonly [number, number],
    } satisfies Partial<SchedulerOptions>),
    dither: 'gradient',
    localTests: false,
  }),
  random: Object.freeze({ rule: undefined, scheduler: 'fixed', dither: 'none', localTests: false }),
  'cma-es': Object.freeze({
    rule: undefined,
    scheduler: 'fixed',
    dither: 'none',
    localTests: false,
    search: 'cma-es',
  }),
} satisfies Record<MethodName, MethodPreset>);

/** Every method, in the order reports list them. */
export const METHOD_NAMES: readonly MethodName[] = Object.freeze(Object.keys(METHOD_PRESETS) as MethodName[]);

/** The preset of `method`; throws a RangeError naming the method otherwise. */
export function methodPreset(method: MethodName): MethodPreset {
  const preset = Object.hasOwn(METHOD_PRESETS, method) ? METHOD_PRESETS[method] : undefined;
  if (!preset) {
    throw new RangeError(
      `Trainer: unknown method ${JSON.stringify(method)}; expected one of ${METHOD_NAMES.join(', ')}`,
    );
  }
  return preset;
}
