import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

/** A source of random numbers: inject your own to control reproducibility. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  gaussian(): number;
}

/** The JSON-safe state of a {@link SeededRandom} (four 32-bit integers). */
export type SeededRandomState = readonly number[];

/**
 * A seeded, checkpointable random source (xoroshiro128+ from `pure-rand`): the same seed
 * gives the same sequence on every platform, and `state()` / `SeededRandom.fromState`
 * resume it exactly.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * const saved = random.state();
 * const a = random.gaussian();
 * const b = SeededRandom.fromState(saved).gaussian(); // a === b
 * ```
 */
export class SeededRandom implements RandomSource {
  #generator: ReturnType<typeof xoroshiro128plus>;

  /** Creates a generator from an integer seed. */
  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`SeededRandom: seed must be an integer, got ${seed}`);
    this.#generator = xoroshiro128plus(seed);
  }

  /** Resumes a generator from {@link SeededRandom.state}. */
  static fromState(state: SeededRandomState): SeededRandom {
    if (!Array.isArray(state) || state.length !== 4 || !state.every(Number.isInteger)) {
      throw new TypeError('SeededRandom.fromState: state must be the four integers returned by state()');
    }
    const random = new SeededRandom(0);
    random.#generator = xoroshiro128plusFromState(state);
    return random;
  }

  /** Uniform in [0, 1), 53 bits. */
  uniform(): number {
    return uniformFloat64(this.#generator);
  }

  /** Standard normal by the Box–Muller transform (two uniforms per call, no cached spare). */
  gaussian(): number {
    const u = 1 - this.uniform(); // (0, 1]: log is finite
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** The generator's state, to checkpoint a run. */
  state(): SeededRandomState {
    return [...this.#generator.getState()];
  }
}
