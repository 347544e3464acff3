/**
 * @internal
 * Stability (AE-DDSP §5, docs/method.md): remembers the last parameters with a finite,
 * non-exploding loss (to roll back to) and the best parameters seen. A loss is divergent when
 * it or the gradient norm is not finite, or when it exceeds best + explodeFactor·|best|.
 * Every comparison is NaN-aware: NaN never counts as good or as an improvement.
 */
export class Stability {
  readonly #explodeFactor: number;
  #lastGood: Float32Array;
  #best: Float32Array;
  #bestLoss = Number.POSITIVE_INFINITY;

  /** Starts at `initial` (the last good and best parameters until a step says otherwise). */
  constructor(initial: Float32Array, explodeFactor = 100) {
    if (!(explodeFactor >= 0))
      throw new RangeError(`Trainer: explodeFactor must be ≥ 0, got ${explodeFactor}`);
    this.#explodeFactor = explodeFactor;
    this.#lastGood = Float32Array.from(initial);
    this.#best = Float32Array.from(initial);
  }

  /** The parameters to roll back to (a copy). */
  get lastGood(): Float32Array {
    return Float32Array.from(this.#lastGood);
  }

  /** The best parameters so far (a copy). */
  get best(): Float32Array {
    return Float32Array.from(this.#best);
  }

  /** The lowest loss so far (Infinity before any finite loss). */
  get bestLoss(): number {
    return this.#bestLoss;
  }

  /** True when a step with this loss and gradient norm must be rolled back. */
  diverged(loss: number, gradientNorm: number): boolean {
    if (!Number.isFinite(loss) || !Number.isFinite(gradientNorm)) return true;
    if (!Number.isFinite(this.#bestLoss)) return false;
    return loss - this.#bestLoss > this.#explodeFactor * Math.max(Math.abs(this.#bestLoss), 1e-12);
  }

  /** Records `theta` as the last good parameters. */
  accept(theta: Float32Array): void {
    this.#lastGood = Float32Array.from(theta);
  }

  /** Keeps `theta` as the best parameters when its loss is finite and lower than the best so far. */
  offer(loss: number, theta: Float32Array): void {
    if (Number.isFinite(loss) && loss < this.#bestLoss) {
      this.#bestLoss = loss;
      this.#best = Float32Array.from(theta);
    }
  }

  /** The state for checkpoints. */
  toJSON(): { lastGood: number[]; bestParameters: number[]; bestLoss: number | null } {
    return {
      lastGood: Array.from(this.#lastGood),
      bestParameters: Array.from(this.#best),
      bestLoss: Number.isFinite(this.#bestLoss) ? this.#bestLoss : null,
    };
  }

  /** Restores a state from {@link Stability.toJSON}. */
  restore(state: {
    lastGood: readonly number[];
    bestParameters: readonly number[];
    bestLoss: number | null;
  }): void {
    this.#lastGood = Float32Array.from(state.lastGood);
    this.#best = Float32Array.from(state.bestParameters);
    this.#bestLoss = state.bestLoss ?? Number.POSITIVE_INFINITY;
  }
}
