import { checkInteger, checkNumber, isCount, readState, stateField } from './check';
import type { Feedback, Hyperparameters, Scheduler } from './types';

/** Options of {@link CosineWarmRestarts} (PyTorch's `CosineAnnealingWarmRestarts`). */
export interface CosineWarmRestartsOptions {
  /** Learning rate at the start of every period (> 0). */
  readonly learningRate: number;
  /** Steps of the first period, PyTorch's `T_0` (integer ≥ 1). */
  readonly period: number;
  /** Each period is this many times longer than the last, PyTorch's `T_mult` (integer ≥ 1). Default 1. */
  readonly periodGrowth?: number;
  /** Learning rate at the bottom of each cosine, PyTorch's `eta_min`. Default 0. */
  readonly minLearningRate?: number;
  /** Momentum handed out unchanged. Default 0. */
  readonly momentum?: number;
  /** Dither handed out unchanged. Default 0. */
  readonly dither?: number;
}

const FORMAT = 'ae-ddsp/cosine-warm-restarts@1';
const WHO = 'CosineWarmRestarts';

/**
 * PyTorch's `CosineAnnealingWarmRestarts` (SGDR) as a drop-in equivalent: within a period
 * of T_i steps α = η_min + (α0 − η_min)·½(1 + cos(π·T_cur/T_i)); at the end of a period α
 * restarts at α0 and the next period is `periodGrowth` times longer. Same values as torch's
 * (checked against recorded trajectories). The feedback is ignored.
 *
 * @example
 * ```ts
 * import { CosineWarmRestarts } from '@ae-ddsp/scheduler';
 *
 * const scheduler = new CosineWarmRestarts({ learningRate: 0.1, period: 50, periodGrowth: 2 });
 * const { learningRate } = scheduler.update({ loss: 0.42 });
 * ```
 */
export class CosineWarmRestarts implements Scheduler {
  /** The resolved options. */
  readonly options: Required<CosineWarmRestartsOptions>;
  #step = 0;
  #periodStep = 0;
  #period: number;
  #applied: Hyperparameters;

  /** Creates the schedule; throws a RangeError naming any invalid option. */
  constructor(options: CosineWarmRestartsOptions) {
    const o = { periodGrowth: 1, minLearningRate: 0, momentum: 0, dither: 0, ...options };
    checkNumber(WHO, 'learningRate', o.learningRate, Number.MIN_VALUE);
    checkInteger(WHO, 'period', o.period, 1);
    checkInteger(WHO, 'periodGrowth', o.periodGrowth, 1);
    checkNumber(WHO, 'minLearningRate', o.minLearningRate, 0, o.learningRate);
    checkNumber(WHO, 'momentum', o.momentum, 0, 1);
    checkNumber(WHO, 'dither', o.dither, 0, 1);
    this.options = Object.freeze(o);
    this.#period = o.period;
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
    this.#step++;
    this.#periodStep++;
    if (this.#periodStep >= this.#period) {
      this.#periodStep -= this.#period;
      this.#period *= this.options.periodGrowth;
    }
    this.#applied = this.#hyperparameters();
    return this.#applied;
  }

  /** The complete state, JSON-safe. */
  toJSON(): { format: string; step: number; periodStep: number; period: number } {
    return { format: FORMAT, step: this.#step, periodStep: this.#periodStep, period: this.#period };
  }

  /** Resumes from {@link CosineWarmRestarts.toJSON} output (object or JSON text). */
  restore(state: unknown): void {
    const s = readState(WHO, state, FORMAT);
    const step = stateField(WHO, s, 'step', isCount, 'an integer ≥ 0');
    const period = stateField(WHO, s, 'period', (x): x is number => isCount(x) && x >= 1, 'an integer ≥ 1');
    const periodStep = stateField(WHO, s, 'periodStep', isCount, 'an integer ≥ 0');
    if (periodStep >= period)
      throw new TypeError(
        `${WHO}.restore: state.periodStep (${periodStep}) must be < state.period (${period})`,
      );
    this.#step = step;
    this.#period = period;
    this.#periodStep = periodStep;
    this.#applied = this.#hyperparameters();
  }

  #hyperparameters(): Hyperparameters {
    const { learningRate: base, minLearningRate: min, momentum, dither } = this.options;
    const learningRate =
      min + ((base - min) * (1 + Math.cos((Math.PI * this.#periodStep) / this.#period))) / 2;
    return Object.freeze({ learningRate, momentum, dither });
  }
}
