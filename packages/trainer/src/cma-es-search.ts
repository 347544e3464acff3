import { CmaEs, type CmaEsState } from '@ae-ddsp/explorer';

/** Settings of the `cma-es` method. */
export interface CmaEsSearchOptions {
  /** σ₀, the initial step size in normalised units. Default 0.2. */
  readonly sigma: number;
  /** λ, candidates per step (undefined: CMA-ES's 4 + ⌊3 ln n⌋). */
  readonly populationSize: number | undefined;
}

/** Defaults of {@link CmaEsSearchOptions}. */
export const CMA_ES_SEARCH_DEFAULTS: CmaEsSearchOptions = Object.freeze({
  sigma: 0.2,
  populationSize: undefined,
});

/**
 * The mirrored (reflecting) transform of ℝ onto [0, 1]: a triangle wave of period 2, the
 * identity on [0, 1]. Every point of the box, faces and corners included, is the image of an
 * open set, so CMA-ES can converge onto an optimum that lies on several faces, where
 * resampling or clipping infeasible samples stalls it.
 */
export function mirrorIntoUnitInterval(y: number): number {
  const t = ((y % 2) + 2) % 2;
  return t <= 1 ? t : 2 - t;
}

/**
 * @internal
 * The `cma-es` method's search: CMA-ES (`CmaEs` of `@ae-ddsp/explorer`) runs unbounded in
 * ℝⁿ and every candidate is mirrored into the normalised box before it is rendered. Each step
 * asks one generation, scores it as one batch and tells it back.
 */
export class CmaEsSearch {
  #es: CmaEs;

  /** Starts the distribution at `initial` (normalised, so its own mirror image). */
  constructor(initial: Float32Array, seed: number, options: Partial<CmaEsSearchOptions> = {}) {
    const { sigma, populationSize } = { ...CMA_ES_SEARCH_DEFAULTS, ...options };
    if (!(Number.isFinite(sigma) && sigma > 0))
      throw new RangeError(`Trainer: options.cmaEs.sigma must be a finite number > 0, got ${sigma}`);
    this.#es = new CmaEs({ mean: initial, sigma, seed, populationSize });
  }

  /** λ, candidates per step. */
  get populationSize(): number {
    return this.#es.populationSize;
  }

  /** The distribution's mean, mirrored into the box. */
  get mean(): Float32Array {
    return Float32Array.from(this.#es.mean, mirrorIntoUnitInterval);
  }

  /** One generation of candidates in the box. */
  ask(): Float32Array[] {
    return this.#es.ask().map((y) => Float32Array.from(y, mirrorIntoUnitInterval));
  }

  /** Their losses, in order; a non-finite loss ranks last. */
  tell(losses: readonly number[]): void {
    this.#es.tell(losses.map((l) => (Number.isFinite(l) ? l : Number.POSITIVE_INFINITY)));
  }

  /** The complete state, JSON-safe. */
  toJSON(): CmaEsState {
    return this.#es.toJSON();
  }

  /** Replaces the state with one from {@link CmaEsSearch.toJSON}. */
  restore(state: CmaEsState): void {
    this.#es = CmaEs.restore(state);
  }
}
