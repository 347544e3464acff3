import { type DitherLaw, plateauGatedDither } from '@ae-ddsp/scheduler';

/** Constants of {@link oneFifthSuccessDither}. */
export interface OneFifthSuccessDitherOptions {
  /** Target success rate (Rechenberg's 1/5). */
  readonly target: number;
  /** Factor c in (0, 1): σ·c when below target, σ/c when above (classic 0.817). */
  readonly factor: number;
  /** The law whose factor is multiplied in (default: the scheduler's plateau-gated dither). */
  readonly base: DitherLaw;
}

/**
 * Rechenberg's 1/5th success rule as a scheduler dither law: when the explorer's local
 * tests succeed more often than 1/5, exploration is too timid and σ grows by 1/c; less
 * often, σ shrinks by c. Multiplied with a base law; neutral when no success rate is fed.
 *
 * @example
 * ```ts
 * const scheduler = new AdaptiveScheduler({ ditherLaw: oneFifthSuccessDither() });
 * scheduler.update({ loss, successRate: explorer.successRate });
 * ```
 */
export function oneFifthSuccessDither(options: Partial<OneFifthSuccessDitherOptions> = {}): DitherLaw {
  const { target = 0.2, factor = 0.817, base = plateauGatedDither() } = options;
  if (!(target > 0 && target < 1))
    throw new RangeError(`oneFifthSuccessDither: target must be in (0, 1), got ${target}`);
  if (!(factor > 0 && factor < 1))
    throw new RangeError(`oneFifthSuccessDither: factor must be in (0, 1), got ${factor}`);
  return (signals, current, initial) => {
    const baseFactor = base(signals, current, initial);
    const rate = signals.successRate;
    if (rate === undefined || rate === target) return baseFactor;
    return baseFactor * (rate > target ? 1 / factor : factor);
  };
}
