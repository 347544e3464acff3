import type { DitherLaw } from './types';

/** Constants of {@link plateauGatedDither}. */
export interface PlateauGatedDitherOptions {
  /** Factor > 1 applied to σ on each plateau step. */
  readonly raise: number;
  /** Relative loss variance above which σ is reduced instead of raised. */
  readonly highVariance: number;
  /** λσ of the reduction 1/(1 + λσ·v) when the variance is high. */
  readonly varianceDamping: number;
  /** Factor in (0, 1] that settles a raised σ back towards σ0 when not on a plateau. */
  readonly settle: number;
}

/** Defaults for the dither law (σ0 itself is a scheduler option). */
export const DEFAULT_DITHER_LAW_OPTIONS: PlateauGatedDitherOptions = Object.freeze({
  raise: 1.5,
  highVariance: 1e-2,
  varianceDamping: 5,
  settle: 0.9,
});

/**
 * Plateau-gated dither (AE-DDSP §3 and §5, docs/method.md): σ is raised only on plateaus
 * (Δℓ ≈ 0 for p steps), reduced when the loss variance is high, and otherwise settles
 * back to σ0 (never below it). Variance takes precedence over a plateau.
 *
 * @example
 * ```ts
 * const scheduler = new AdaptiveScheduler({ ditherLaw: plateauGatedDither({ raise: 2 }) });
 * ```
 */
export function plateauGatedDither(options: Partial<PlateauGatedDitherOptions> = {}): DitherLaw {
  const { raise, highVariance, varianceDamping, settle } = { ...DEFAULT_DITHER_LAW_OPTIONS, ...options };
  return (signals, current, base) => {
    if (signals.relativeVariance > highVariance) return 1 / (1 + varianceDamping * signals.relativeVariance);
    if (signals.plateau) return raise;
    if (current.dither > base.dither) return Math.max(settle, base.dither / current.dither);
    return 1;
  };
}
