import {
  checkNumber,
  failOption,
  isCount,
  isFiniteNumber,
  readFeedback,
  readState,
  stateField,
} from './check';
import type { Feedback, Hyperparameters, Scheduler } from './types';

/** Options of {@link BoldDriver}. */
export interface BoldDriverOptions {
  /** Initial learning rate (> 0). */
  readonly learningRate: number;
  /** Factor > 1 applied to α when the loss fell since the last update. Default 1.05. */
  readonly increase?: number;
  /** Factor in (0, 1) applied when it did not fall (or was not finite). Default 0.5. */
  readonly decrease?: number;
  /** α stays in [min, max]. Default [0, Infinity]. */
  readonly learningRateBounds?: readonly [number, number];
  /** Momentum handed out unchanged. Default 0. */
  readonly momentum?: number;
  /** Dither handed out unchanged. Default 0. */
  readonly dither?: number;
}

const FORMAT = 'ae-ddsp/bold-driver@1';
const WHO = 'BoldDriver';

/**
 * The bold driver (Vogl et al. 1988, Battiti 1989): α grows by `increase` after every
 * update whose loss is lower than the previous one and shrinks by `decrease` otherwise.
 * Good on deterministic losses; noise makes it cut about every other step. A NaN or
 * ±Infinity loss cuts α and is not remembered as the previous loss.
 *
 * @example
 * ```ts
 * import { BoldDriver } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new BoldDriver({ learningRate: 0.01 });
 * const { learningRate } = scheduler.update({ loss: 0.42 });
 * ```
 */
export class BoldDriver implements Scheduler {
  /** The resolved options. */
  readonly options: Required<BoldDriverOptions>;
  #step = 0;
  #learningRate: number;
  #previousLoss: number | null = null;
  #applied: Hyperparameters;

  /** Creates the scheduler; throws a RangeError naming any invalid option. */
  constructor(options: BoldDriverOptions) {
    const o = {
      increase: 1.05,
      decrease: 0.5,
      learningRateBounds: [0, Number.POSITIVE_INFINITY] as const,
      momentum: 0,
      dither: 0,
      ...options,
    };
    checkNumber(WHO, 'learningRate', o.learningRate, Number.MIN_VALUE);
    if (!(isFiniteNumber(o.increase) && o.increase > 1))
      failOption(WHO, 'increase', 'a finite number > 1', o.increase);
    if (!(isFiniteNumber(o.decrease) && o.decrease > 0 && o.decrease < 1))
      failOption(WHO, 'decrease', 'a number in (0, 1)', o.decrease);
    const [lo, hi] = o.learningRateBounds ?? [];
    if (
      !(
        typeof lo === 'number' &&
        typeof hi === 'number' &&
        lo >= 0 &&
        lo <= o.learningRate &&
        hi >= o.learningRate
      )
    )
      failOption(
        WHO,
        'learningRateBounds',
        '[min, max] with 0 ≤ min ≤ learningRate ≤ max',
        o.learningRateBounds,
      );
    checkNumber(WHO, 'momentum', o.momentum, 0, 1);
    checkNumber(WHO, 'dither', o.dither, 0, 1);
    this.options = Object.freeze(o);
    this.#learningRate = o.learningRate;
    this.#applied = this.#hyperparameters();
  }

  /** The hyperparameters in effect now. */
  get hyperparameters(): Hyperparameters {
    return this.#applied;
  }

  /** Number of updates consumed. */
  get step(): number {
    return this.#step;
  }

  /** Feeds one step's loss and returns the hyperparameters for the next step. */
  update(feedback: Feedback | number): Hyperparameters {
    const { loss } = readFeedback(WHO, feedback);
    const { increase, decrease, learningRateBounds } = this.options;
    this.#step++;
    const finite = Number.isFinite(loss);
    if (!finite || this.#previousLoss !== null) {
      const fell = finite && loss < (this.#previousLoss as number);
      const next = this.#learningRate * (fell ? increase : decrease);
      this.#learningRate = Math.min(Math.max(next, learningRateBounds[0]), learningRateBounds[1]);
    }
    if (finite) this.#previousLoss = loss;
    this.#applied = this.#hyperparameters();
    return this.#applied;
  }

  /** The complete state, JSON-safe. */
  toJSON(): { format: string; step: number; learningRate: number; previousLoss: number | null } {
    return {
      format: FORMAT,
      step: this.#step,
      learningRate: this.#learningRate,
      previousLoss: this.#previousLoss,
    };
  }

  /** Resumes from {@link BoldDriver.toJSON} output (object or JSON text). */
  restore(state: unknown): void {
    const s = readState(WHO, state, FORMAT);
    const [lo, hi] = this.options.learningRateBounds;
    const step = stateField(WHO, s, 'step', isCount, 'an integer ≥ 0');
    const learningRate = stateField(WHO, s, 'learningRate', isFiniteNumber, 'a finite number');
    if (!(learningRate >= lo && learningRate <= hi))
      throw new TypeError(
        `${WHO}.restore: state.learningRate must be in [${lo}, ${hi}], got ${learningRate}`,
      );
    const previousLoss = stateField(
      WHO,
      s,
      'previousLoss',
      (x): x is number | null => x === null || isFiniteNumber(x),
      'a finite number or null',
    );
    this.#step = step;
    this.#learningRate = learningRate;
    this.#previousLoss = previousLoss;
    this.#applied = this.#hyperparameters();
  }

  #hyperparameters(): Hyperparameters {
    const { momentum, dither } = this.options;
    return Object.freeze({ learningRate: this.#learningRate, momentum, dither });
  }
}
