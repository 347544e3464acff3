/**
 * Mappings between a parameter's physical value (Hz, seconds, ...) and the normalised value
 * in [0, 1] that an optimiser works in: linear, logarithmic (exponential from normalised to
 * physical, for Hz and seconds) and torchsynth's curve with optional symmetry.
 *
 * @example
 * ```ts
 * const hz = fromNormalised({ kind: 'log' }, 20, 20000, 0.5); // ≈ 632.5 Hz
 * const u = toNormalised({ kind: 'log' }, 20, 20000, hz);    // 0.5
 * ```
 * @module
 */

/** Physical = min + (max − min)·u. */
export interface LinearMapping {
  /** Discriminant. */
  readonly kind: 'linear';
}

/** Physical = min·(max/min)^u (equal ratios per step: Hz, seconds). Needs 0 < min < max. */
export interface LogMapping {
  /** Discriminant. */
  readonly kind: 'log';
}

/**
 * torchsynth's `ModuleParameterRange` curve: physical = min + (max − min)·u^(1/curve); with
 * `symmetric`, the curve bends both halves away from the centre:
 * physical = min + (max − min)/2·(1 + sign(d)·|d|^(1/curve)), d = 2u − 1.
 */
export interface CurveMapping {
  /** Discriminant. */
  readonly kind: 'curve';
  /** Exponent (> 0); 1 is linear, > 1 gives finer resolution near `min` (or the centre). */
  readonly curve: number;
  /** Bend around the centre of the range instead of around `min`. */
  readonly symmetric?: boolean;
}

/** One of the supported mappings. */
export type ParameterMapping = LinearMapping | LogMapping | CurveMapping;

/**
 * Smallest |u| (or |2u − 1|) fed to a fractional power inside the render, so that values and
 * gradients stay finite in float32 at the ends (or centre) of a curve's range; the value
 * there is off by at most range·ε^(1/curve) (1e-9 of the range for curve 2).
 */
export const CURVE_EPSILON = 1e-18;

/** Throws a clear Error if `mapping` cannot map [min, max]. `where` names the parameter. */
export function validateMapping(mapping: ParameterMapping, min: number, _max: number, where: string): void {
  if (mapping.kind === 'log' && !(min > 0)) {
    throw new Error(`${where}: a log mapping needs min > 0, got min ${min}`);
  }
  if (mapping.kind === 'curve' && !(Number.isFinite(mapping.curve) && mapping.curve > 0)) {
    throw new Error(`${where}: curve must be a finite number > 0, got ${mapping.curve}`);
  }
  if (mapping.kind !== 'linear' && mapping.kind !== 'log' && mapping.kind !== 'curve') {
    throw new Error(
      `${where}: unknown mapping kind "${(mapping as { kind: string }).kind}" (linear, log, curve)`,
    );
  }
}

/** Physical value of normalised `u` (clamped to [0, 1] first). */
export function fromNormalised(mapping: ParameterMapping, min: number, max: number, u: number): number {
  const v = Math.min(1, Math.max(0, u));
  switch (mapping.kind) {
    case 'linear':
      return min + (max - min) * v;
    case 'log':
      return min * (max / min) ** v;
    case 'curve': {
      if (!mapping.symmetric) return min + (max - min) * v ** (1 / mapping.curve);
      const d = 2 * v - 1;
      return min + ((max - min) / 2) * (1 + Math.sign(d) * Math.abs(d) ** (1 / mapping.curve));
    }
  }
}

/** Normalised value in [0, 1] of physical `value` (clamped to [min, max] first). */
export function toNormalised(mapping: ParameterMapping, min: number, max: number, value: number): number {
  const x = Math.min(max, Math.max(min, value));
  switch (mapping.kind) {
    case 'linear':
      return (x - min) / (max - min);
    case 'log':
      return Math.log(x / min) / Math.log(max / min);
    case 'curve': {
      const n = (x - min) / (max - min);
      if (!mapping.symmetric) return n ** mapping.curve;
      const d = 2 * n - 1;
      return (1 + Math.sign(d) * Math.abs(d) ** mapping.curve) / 2;
    }
  }
}
