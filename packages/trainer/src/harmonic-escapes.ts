import { type DescribedPlant, parameterRoles } from './analysis-initial';

/**
 * Harmonic-ratio escapes: a local test whose probes are the current patch transposed by
 * musical ratios — ×2, ×½, ×3, ×⅓, ×3/2, ×2/3 by default — because the minima a pitch
 * gets stuck in are an octave, a fifth or a harmonic away from the target's pitch, where a
 * small probe never reaches. Every pitch parameter (and the Hz parameters that scale with it,
 * as `analysisInitial` defines them) is transposed together, so intervals between
 * oscillators stay as they are. The probes are scored as one batch; the best replaces θ_{t+1}
 * when it beats the loss at θ_t.
 *
 * @example
 * ```ts
 * new Trainer({ plant, target, harmonicEscapes: { every: 25 } });
 * ```
 * @module
 */

/** Options of the harmonic-ratio escapes. */
export interface HarmonicEscapeOptions {
  /** Run the escape test at step 0 and every this many steps. Default 25. */
  readonly every?: number;
  /** Frequency ratios tried. Default ×2, ×½, ×3, ×⅓, ×3/2, ×2/3. */
  readonly ratios?: readonly number[];
}

/** Defaults of {@link HarmonicEscapeOptions}. */
export const HARMONIC_ESCAPE_DEFAULTS: Readonly<Required<HarmonicEscapeOptions>> = Object.freeze({
  every: 25,
  ratios: Object.freeze([2, 1 / 2, 3, 1 / 3, 3 / 2, 2 / 3]),
});

/** A plant the escapes can transpose: a described plant that also maps normalised values back to physical ones. */
export interface TransposablePlant extends DescribedPlant {
  /** Physical values of a normalised vector. */
  toPhysical(normalised: ArrayLike<number>): ArrayLike<number>;
}

/** @internal Builds the escape probes of a flat θ (batch × parameterCount). */
export class HarmonicEscapes {
  readonly options: Readonly<Required<HarmonicEscapeOptions>>;
  readonly #plant: TransposablePlant;
  readonly #pitch: readonly number[];
  readonly #batch: number;

  /** Escapes for `plant` over `batch` patches; throws when the plant has no pitch to transpose. */
  constructor(plant: TransposablePlant, batch: number, options: HarmonicEscapeOptions) {
    if (
      typeof plant?.describe !== 'function' ||
      typeof plant.toNormalised !== 'function' ||
      typeof plant.toPhysical !== 'function'
    ) {
      throw new TypeError(
        "Trainer: harmonicEscapes needs a plant that describes its parameters' units (describe(), toPhysical(), toNormalised(), as SynthPlant does)",
      );
    }
    const every = options.every ?? HARMONIC_ESCAPE_DEFAULTS.every;
    const ratios = options.ratios ?? HARMONIC_ESCAPE_DEFAULTS.ratios;
    if (!(Number.isInteger(every) && every >= 1)) {
      throw new RangeError(`Trainer: harmonicEscapes.every must be an integer >= 1, got ${every}`);
    }
    if (ratios.length === 0 || !ratios.every((r) => Number.isFinite(r) && r > 0)) {
      throw new RangeError(
        `Trainer: harmonicEscapes.ratios must be positive numbers, got [${ratios.join(', ')}]`,
      );
    }
    this.options = Object.freeze({ every, ratios: Object.freeze([...ratios]) });
    this.#plant = plant;
    this.#batch = batch;
    const roles = parameterRoles(plant.describe());
    this.#pitch = roles.flatMap((role, i) => (role === 'pitch' || role === 'pitch-depth' ? [i] : []));
    if (!roles.includes('pitch')) {
      throw new RangeError(
        'Trainer: harmonicEscapes needs a plant with a pitch (an oscillator frequency in Hz)',
      );
    }
  }

  /** Whether an escape test is due at `step`. */
  isEscapeStep(step: number): boolean {
    return step % this.options.every === 0;
  }

  /** θ with every patch's pitch parameters scaled by each ratio (clamped to their ranges). */
  probes(theta: Float32Array): Float32Array[] {
    const n = this.#plant.parameterCount;
    return this.options.ratios.map((ratio) => {
      const out = new Float32Array(theta.length);
      for (let b = 0; b < this.#batch; b++) {
        const physical = Array.from(this.#plant.toPhysical(theta.subarray(b * n, (b + 1) * n)));
        for (const i of this.#pitch) physical[i] = physical[i]! * ratio;
        out.set(Float32Array.from(this.#plant.toNormalised(physical)), b * n);
      }
      return out;
    });
  }
}
