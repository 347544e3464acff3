import type { Feedback, Hyperparameters, LearningRateEnvelope } from '@ae-ddsp/scheduler';
import type { TrainerScheduler } from './interfaces';

const FORMAT = 'ae-ddsp/fixed-schedule@1';

/** The state of a {@link FixedSchedule}: updates consumed. */
export interface FixedScheduleState {
  /** Format tag. */
  readonly format: typeof FORMAT;
  /** Updates consumed so far. */
  readonly step: number;
}

/**
 * @internal
 * Hyperparameters that do not adapt: α0·envelope(t), μ0 and σ0 whatever the feedback (the
 * schedule of the `adam` and `random` methods). Update t returns α0·envelope(t).
 */
export class FixedSchedule implements TrainerScheduler {
  readonly #initial: Hyperparameters;
  readonly #envelope: LearningRateEnvelope | undefined;
  #step = 0;

  /** α0, μ0, σ0 and an optional envelope on α. */
  constructor(initial: Hyperparameters, envelope?: LearningRateEnvelope) {
    this.#initial = Object.freeze({ ...initial });
    this.#envelope = envelope;
  }

  get hyperparameters(): Hyperparameters {
    return this.#at(this.#step);
  }

  update(_feedback: Feedback): Hyperparameters {
    return this.#at(this.#step++);
  }

  toJSON(): FixedScheduleState {
    return { format: FORMAT, step: this.#step };
  }

  restore(state: unknown): void {
    const s = state as FixedScheduleState;
    if (s?.format !== FORMAT || !Number.isInteger(s.step) || s.step < 0) {
      throw new TypeError(`FixedSchedule.restore: state must be {format: "${FORMAT}", step: integer ≥ 0}`);
    }
    this.#step = s.step;
  }

  #at(step: number): Hyperparameters {
    if (!this.#envelope) return this.#initial;
    return { ...this.#initial, learningRate: this.#initial.learningRate * this.#envelope(step) };
  }
}
