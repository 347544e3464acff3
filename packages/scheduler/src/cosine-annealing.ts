import { checkInteger, checkNumber, isCount, isFiniteNumber, readState, stateField } from './check';
import type { Feedback, Hyperparameters, Scheduler } from './types';

/** Options of {@link CosineAnnealing} (PyTorch's `CosineAnnealingLR`). */
export interface CosineAnnealingOptions {
  /** Initial (and maximum) learning rate (> 0). */
  readonly learningRate: number;
  /** Steps of one half period, PyTorch's `T_max` (integer ≥ 1). */
  readonly steps: number;
  /** Learning rate at the bottom of the cosine, PyTorch's `eta_min`. Default 0. */
  readonly minLearningRate?: number;
  /** Momentum handed out unchanged. Default 0. */
  readonly momentum?: number;
  /** Dither handed out unchanged. Default 0. */
  readonly dither?: number;
}

const FORMAT = 'ae-ddsp/cosine-annealing@1';
const WHO = 'CosineAnnealing';

/**
 * PyTorch's `CosineAnnealingLR` as a drop-in equivalent: α follows
 * η_min + (α0 − η_min)·½(1 + cos(π·t/T_max)), computed with PyTorch's own recursive form so
 * the values agree with torch's to round-off (checked against recorded trajectories). Like
 * PyTorch's, it is periodic: after `steps` it climbs back. The feedback is ignored.
 *
 * @example
 * ```ts
 * import { CosineAnnealing } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new CosineAnnealing({ learningRate: 0.1, steps: 500 });
 * const { learningRate } = scheduler.update({ loss: 0.42 });
 * ```
 */
export class CosineAnnealing implements Scheduler {
  /** The resolved options. */
  readonly options: Required<CosineAnnealingOptions>;
  #step = 0;
  #learningRate: number;
  #applied: Hyperparameters;

  /** Creates the schedule; throws a RangeError naming any invalid option. */
  constructor(options: CosineAnnealingOptions) {
    const o = { minLearningRate: 0, momentum: 0, dither: 0, ...options };
    checkNumber(WHO, 'learningRate', o.learningRate, Number.MIN_VALUE);
    checkInteger(WHO, 'steps', o.steps, 1);
    checkNumber(WHO, 'minLearningRate', o.minLearningRate, 0, o.learningRate);
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

  /** PyTorch's `step()`: advances one step (the feedback is not used) and returns the next hyperparameters. */
  update(_feedback?: Feedback | number): Hyperparameters {
    const { learningRate: base, steps: T, minLearningRate: min } = this.options;
    const t = ++this.#step;
    const lr = this.#learningRate;
    // PyTorch's chainable form, term for term (torch.optim.lr_scheduler.CosineAnnealingLR.get_lr).
    if ((t - 1 - T) % (2 * T) === 0)
      this.#learningRate = lr + ((base - min) * (1 - Math.cos(Math.PI / T))) / 2;
    else
      this.#learningRate =
        ((1 + Math.cos((Math.PI * t) / T)) / (1 + Math.cos((Math.PI * (t - 1)) / T))) * (lr - min) + min;
    this.#applied = this.#hyperparameters();
    return this.#applied;
  }

  /** The complete state, JSON-safe. */
  toJSON(): { format: string; step: number; learningRate: number } {
    return { format: FORMAT, step: this.#step, learningRate: this.#learningRate };
  }

  /** Resumes from {@link CosineAnnealing.toJSON} output (object or JSON text). */
  restore(state: unknown): void {
    const s = readState(WHO, state, FORMAT);
    this.#step = stateField(WHO, s, 'step', isCount, 'an integer ≥ 0');
    this.#learningRate = stateField(WHO, s, 'learningRate', isFiniteNumber, 'a finite number');
    this.#applied = this.#hyperparameters();
  }

  #hyperparameters(): Hyperparameters {
    const { momentum, dither } = this.options;
    return Object.freeze({ learningRate: this.#learningRate, momentum, dither });
  }
}
