import type { LearningRateEnvelope } from './types';

/** Shape of {@link cosineEnvelope}. */
export interface CosineEnvelopeOptions {
  /** Total steps of the schedule (warm-up included); after it the factor stays at `floor`. */
  readonly steps: number;
  /** Final factor in [0, 1] reached at the end of the cosine. Default 0.1. */
  readonly floor?: number;
  /** Steps of linear warm-up from 1/warmupSteps up to 1. Default 0 (none). */
  readonly warmupSteps?: number;
}

/**
 * A cosine macro-envelope with optional linear warm-up, to overlay on the adaptive α
 * (AE-DDSP §3, docs/method.md): factor(t) = (t+1)/W during warm-up, then
 * floor + (1 − floor)·½(1 + cos(π·(t − W)/(steps − W))).
 *
 * @example
 * ```ts
 * const scheduler = new AdaptiveScheduler({
 *   learningRate: 0.01,
 *   envelope: cosineEnvelope({ steps: 500, warmupSteps: 20, floor: 0.05 }),
 * });
 * ```
 */
export function cosineEnvelope(options: CosineEnvelopeOptions): LearningRateEnvelope {
  const { steps, floor = 0.1, warmupSteps = 0 } = options;
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`cosineEnvelope: steps must be a positive integer, got ${steps}`);
  }
  if (!(floor >= 0 && floor <= 1))
    throw new RangeError(`cosineEnvelope: floor must be in [0, 1], got ${floor}`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0 || warmupSteps >= steps) {
    throw new RangeError(`cosineEnvelope: warmupSteps must be an integer in [0, steps), got ${warmupSteps}`);
  }
  const decaySteps = steps - warmupSteps;
  return (step) => {
    if (step < warmupSteps) return (step + 1) / warmupSteps;
    const progress = Math.min(1, (step - warmupSteps) / decaySteps);
    return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
  };
}
