import type { FeedbackFilterOptions } from './feedback-filter';
import { seedLaw } from './presets';
import type { DitherLaw, DivergenceEvent, LearningRateEnvelope, LearningRateLaw, MomentumLaw } from './types';

/** Everything an {@link AdaptiveScheduler} can be configured with. */
export interface SchedulerOptions extends FeedbackFilterOptions {
  /** Base learning rate α0 (> 0): the known-good LR the bounds are relative to. */
  readonly learningRate: number;
  /** Initial momentum μ0 in `momentumBounds`. */
  readonly momentum: number;
  /** Initial dither σ0 in `ditherBounds` (relative RMS; seed default 1e-3). */
  readonly dither: number;
  /** α stays in [lo·α0, hi·α0] (seed: [0.3, 3]). */
  readonly learningRateBounds: readonly [number, number];
  /** μ stays in [lo, hi] with 0 ≤ lo ≤ hi < 1. */
  readonly momentumBounds: readonly [number, number];
  /** σ stays in [lo, hi] with 0 ≤ lo ≤ hi ≤ 1 (σ0 = 0 with lo = 0: no dither). */
  readonly ditherBounds: readonly [number, number];
  /** Factor in (0, 1) applied to α when feedback is non-finite. */
  readonly divergenceDamping: number;
  /** f_α: the learning-rate law. */
  readonly learningRateLaw: LearningRateLaw;
  /** f_μ: the momentum law. */
  readonly momentumLaw: MomentumLaw;
  /** f_σ: the dither law. */
  readonly ditherLaw: DitherLaw;
  /** Optional macro schedule multiplied onto the adaptive α (e.g. {@link cosineEnvelope}). */
  readonly envelope: LearningRateEnvelope | undefined;
  /** Called for every divergence event (non-finite loss or reward). */
  readonly onDivergence: ((event: DivergenceEvent) => void) | undefined;
}

/**
 * The defaults of a bare `new AdaptiveScheduler()`: the {@link seedLaw} (AE-DDSP §8,
 * docs/method.md) with α0 = 1e-3. Frozen: spread it to derive your own. For new code,
 * `{ ...robust, learningRate }` is the recommended law.
 */
export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = Object.freeze({
  ...seedLaw,
  learningRate: 1e-3,
  envelope: undefined,
  onDivergence: undefined,
});

/** Merges `options` over the defaults and checks every value, naming the first bad one. */
export function resolveSchedulerOptions(options: Partial<SchedulerOptions> = {}): SchedulerOptions {
  const o: SchedulerOptions = { ...DEFAULT_SCHEDULER_OPTIONS, ...options };
  const fail = (name: string, expected: string, got: unknown): never => {
    throw new RangeError(
      `AdaptiveScheduler: option "${name}" must be ${expected}, got ${JSON.stringify(got)}`,
    );
  };
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const pair = (x: unknown): x is readonly [number, number] =>
    Array.isArray(x) && x.length === 2 && finite(x[0]) && finite(x[1]) && x[0] <= x[1];

  if (!finite(o.learningRate) || o.learningRate <= 0)
    fail('learningRate', 'a finite number > 0', o.learningRate);
  if (!pair(o.learningRateBounds) || o.learningRateBounds[0] <= 0)
    fail('learningRateBounds', '[lo, hi] with 0 < lo ≤ hi (factors of learningRate)', o.learningRateBounds);
  if (!pair(o.momentumBounds) || o.momentumBounds[0] < 0 || o.momentumBounds[1] >= 1)
    fail('momentumBounds', '[lo, hi] with 0 ≤ lo ≤ hi < 1', o.momentumBounds);
  if (!pair(o.ditherBounds) || o.ditherBounds[0] < 0 || o.ditherBounds[1] > 1)
    fail('ditherBounds', '[lo, hi] with 0 ≤ lo ≤ hi ≤ 1', o.ditherBounds);
  if (!finite(o.momentum) || o.momentum < o.momentumBounds[0] || o.momentum > o.momentumBounds[1])
    fail('momentum', `a number in [${o.momentumBounds.join(', ')}]`, o.momentum);
  if (!finite(o.dither) || o.dither < o.ditherBounds[0] || o.dither > o.ditherBounds[1])
    fail('dither', `a number in [${o.ditherBounds.join(', ')}]`, o.dither);
  if (!finite(o.divergenceDamping) || o.divergenceDamping <= 0 || o.divergenceDamping >= 1)
    fail('divergenceDamping', 'a number in (0, 1)', o.divergenceDamping);
  if (!finite(o.emaBeta) || o.emaBeta < 0 || o.emaBeta >= 1) fail('emaBeta', 'a number in [0, 1)', o.emaBeta);
  if (!Number.isInteger(o.varianceWindow) || o.varianceWindow < 2)
    fail('varianceWindow', 'an integer ≥ 2', o.varianceWindow);
  if (!Number.isInteger(o.plateauPatience) || o.plateauPatience < 1)
    fail('plateauPatience', 'an integer ≥ 1', o.plateauPatience);
  if (!finite(o.plateauTolerance) || o.plateauTolerance < 0)
    fail('plateauTolerance', 'a finite number ≥ 0', o.plateauTolerance);
  if (!finite(o.scaleFloor) || o.scaleFloor <= 0) fail('scaleFloor', 'a finite number > 0', o.scaleFloor);
  for (const name of ['learningRateLaw', 'momentumLaw', 'ditherLaw'] as const) {
    if (typeof o[name] !== 'function') fail(name, 'a function', typeof o[name]);
  }
  if (o.envelope !== undefined && typeof o.envelope !== 'function')
    fail('envelope', 'a function', typeof o.envelope);
  return o;
}
