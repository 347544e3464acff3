import type { ExplorerOptions, LocalTestResult, ParameterGroups } from '@ae-ddsp/explorer';
import type { Feedback, Hyperparameters, SchedulerOptions } from '@ae-ddsp/scheduler';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * What the trainer needs of a plant: render audio from a batch of *normalised* parameter
 * vectors (each coordinate in [0, 1]; the plant maps them to physical units), differentiably.
 * `@ae-ddsp/plant` chains and presets have this shape; so can any object of your own.
 */
export interface TrainablePlant {
  /** Sample rate of the rendered audio, Hz. */
  readonly sampleRate: number;
  /** Length of one normalised parameter vector. */
  readonly parameterCount: number;
  /** Optional names of the parameters, for logs and reports. */
  readonly parameterNames?: readonly string[];
  /** Normalised parameters [batch, parameterCount] → audio [batch, samples]. */
  render(parameters: tf.Tensor2D, samples: number): tf.Tensor2D;
}

/**
 * What the trainer needs of a scheduler: the hyperparameters α, μ, σ to use, an update from
 * each step's feedback (a non-finite loss is a divergence), and a JSON-safe state for
 * checkpoints. `AdaptiveScheduler` of `@ae-ddsp/scheduler` has this shape; so can your own.
 */
export interface TrainerScheduler {
  /** The hyperparameters in effect now. */
  readonly hyperparameters: Hyperparameters;
  /** Feeds one step's loss (and reward, local-test success rate); returns the hyperparameters to step with. */
  update(feedback: Feedback): Hyperparameters;
  /** The complete state, JSON-safe. */
  toJSON(): unknown;
  /** Replaces the state with one from `toJSON()` of a scheduler built the same way. */
  restore(state: unknown): void;
}

/** Builds a scheduler from the options the trainer resolved (learning rate, envelope, the method's laws). */
export type SchedulerFactory = (options: Partial<SchedulerOptions>) => TrainerScheduler;

/**
 * What the trainer needs of an explorer (AE-DDSP §4, docs/method.md): shaped dither, sparse
 * local tests as ask/tell over parameter groups (one group per patch of the batch), their
 * success rate, and a JSON-safe state. `Explorer` of `@ae-ddsp/explorer` has this shape.
 */
export interface TrainerExplorer {
  /** K, the probes per local test (also the candidates per step of random search), and the probe radius. */
  readonly options: { readonly probes: number; readonly probeScale: number };
  /** Success rate of recent local tests, or undefined before any. */
  readonly successRate: number | undefined;
  /** True when a local test is due at this step. */
  isTestStep(step: number): boolean;
  /** θ + σ·D(θ)·η. */
  dither(groups: ParameterGroups, sigma: number): Float32Array[];
  /** K probes around `groups` at `radius`. */
  ask(groups: ParameterGroups, radius: number): Float32Array[][];
  /** Concludes the test with the probes' losses; averages the best into `into` when it beats `baseline`. */
  tell(
    losses: readonly number[],
    baseline: number,
    into: ParameterGroups,
  ): Pick<LocalTestResult, 'improved' | 'bestLoss' | 'parameters'>;
  /** The complete state, JSON-safe. */
  toJSON(): unknown;
  /** Replaces the state with one from `toJSON()` of an explorer built the same way. */
  restore(state: unknown): void;
}

/** Builds an explorer from the options the trainer resolved (its defaults, yours, and a seed derived from the trainer's). */
export type ExplorerFactory = (options: Partial<ExplorerOptions>) => TrainerExplorer;
