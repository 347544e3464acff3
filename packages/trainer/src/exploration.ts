import type { TrainerExplorer } from './interfaces';

/**
 * @internal
 * Steps 7–8 of the loop (AE-DDSP §4, docs/method.md) on the trainer's flat parameter vector
 * (batch × parameterCount): the explorer works on one group per patch of the batch.
 */
export class Exploration {
  readonly #explorer: TrainerExplorer;
  readonly #batch: number;
  readonly #count: number;

  /** Explores with `explorer` over `batch` patches of `count` parameters. */
  constructor(explorer: TrainerExplorer, batch: number, count: number) {
    this.#explorer = explorer;
    this.#batch = batch;
    this.#count = count;
  }

  /** Step 7: θ + σ·D(θ)·η. */
  dither(theta: Float32Array, sigma: number): Float32Array {
    return this.#flat(this.#explorer.dither(this.#groups(theta), sigma));
  }

  /**
   * Step 8: a sparse local test — K probes around θ_t at `radius`, scored as one batch by
   * `losses`; the best is averaged into θ_{t+1} when it beats the loss at θ_t.
   */
  localTest(
    before: Float32Array,
    next: Float32Array,
    loss: number,
    radius: number,
    losses: (candidates: readonly Float32Array[]) => number[],
  ): { readonly parameters: Float32Array; readonly improved: boolean; readonly bestLoss: number } {
    const probes = this.#explorer.ask(this.#groups(before), radius);
    const scores = losses(probes.map((p) => this.#flat(p)));
    const result = this.#explorer.tell(scores, loss, this.#groups(next));
    return {
      parameters: this.#flat(result.parameters),
      improved: result.improved,
      bestLoss: result.bestLoss,
    };
  }

  #groups(theta: Float32Array): Float32Array[] {
    const n = this.#count;
    return Array.from({ length: this.#batch }, (_, b) => theta.slice(b * n, (b + 1) * n));
  }

  #flat(groups: readonly Float32Array[]): Float32Array {
    const out = new Float32Array(this.#batch * this.#count);
    groups.forEach((g, b) => {
      out.set(g, b * this.#count);
    });
    return out;
  }
}
