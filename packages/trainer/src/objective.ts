import '@ae-ddsp/tfjs-gradients';
import type { AudioLoss, AudioReward, LossFactory, RewardFactory } from '@ae-ddsp/features';
import * as tf from '@tensorflow/tfjs-core';
import type { TrainablePlant } from './interfaces';

/** A window of the target, for targets longer than one analysis window (AE-DDSP §7, docs/method.md). */
export interface TrainingWindow {
  /** Window length in samples. */
  readonly samples: number;
  /** Hop between successive windows, in samples (≤ samples for overlap). */
  readonly hop: number;
  /**
   * Which window each step trains on: `sequential` (default) cycles through them in time
   * order; `spread` jumps by the golden ratio (step s takes window ⌊frac(s·0.618…)·count⌋), so
   * the steps of any run, short or long, see windows spread over the whole target.
   */
  readonly order?: 'sequential' | 'spread';
}

/** 1/φ: the golden ratio's step, the most evenly spreading irrational. */
const GOLDEN_STEP = (Math.sqrt(5) - 1) / 2;

/** The risk penalty on loudness: weight·max(0, RMS dBFS − capDb)². */
export interface LoudnessPenalty {
  /** Level above which the penalty starts, dBFS. */
  readonly capDb: number;
  /** Weight of the squared excess. */
  readonly weight: number;
}

/**
 * Most target windows whose losses and rewards are kept at once: a window's are built when a
 * step first needs them, and the least recently used are freed beyond this many, so a long
 * target costs neither a long start nor memory for every window.
 */
export const MAX_CACHED_WINDOWS = 8;

/** A window's target slice with the loss and reward built on it. */
interface PreparedWindow {
  readonly target: tf.Tensor2D;
  readonly loss: AudioLoss;
  readonly reward: AudioReward | undefined;
}

/** @internal What the {@link Objective} is built from. */
export interface ObjectiveOptions {
  readonly plant: TrainablePlant;
  readonly target: tf.Tensor2D;
  readonly loss: LossFactory;
  readonly reward?: RewardFactory | undefined;
  readonly window?: TrainingWindow | undefined;
  readonly rewardInLoss?: number | undefined;
  readonly loudnessPenalty?: LoudnessPenalty | undefined;
  /** An extra term of the render added to the objective (the DAR-DDSP resonance regulariser). */
  readonly regulariser?: ((audio: tf.Tensor2D) => tf.Scalar | undefined) | undefined;
}

/** @internal One gradient evaluation of the objective. */
export interface Evaluation {
  /** The task loss (what is reported; the objective may add reward and penalty terms). */
  readonly loss: number;
  /** R_aud, when a reward is configured. */
  readonly reward: number | undefined;
  /** RMS level of the rendered audio, dBFS. */
  readonly loudnessDb: number;
  /** ∇θ of the objective, batch × parameterCount values. */
  readonly gradient: Float32Array;
}

/**
 * @internal
 * Steps 1–3 of the loop (AE-DDSP §6–7, docs/method.md): synthesize with θ, encode and score
 * the audio against a target window. The objective is the loss − λ·R_aud + the loudness
 * risk penalty; its gradient comes from one differentiable render. Prepares each target
 * window's loss and reward when first needed (so target features are cached) and keeps the
 * {@link MAX_CACHED_WINDOWS} most recently used, and counts every synth evaluation.
 */
export class Objective {
  /** The target windows, in time order. */
  readonly windows: readonly { readonly offset: number; readonly samples: number }[];
  readonly #order: 'sequential' | 'spread';
  /** Patches in the batch. */
  readonly batch: number;
  /** batch × parameterCount. */
  readonly size: number;
  readonly #plant: TrainablePlant;
  readonly #target: tf.Tensor2D;
  readonly #lossFactory: LossFactory;
  readonly #rewardFactory: RewardFactory | undefined;
  /** Prepared windows by index, least recently used first. */
  readonly #prepared = new Map<number, PreparedWindow>();
  readonly #rewardInLoss: number;
  readonly #loudnessPenalty: LoudnessPenalty | undefined;
  readonly #regulariser: ObjectiveOptions['regulariser'];
  readonly #variable: tf.Variable<tf.Rank.R2>;
  #evaluations = 0;

  /** Lays the windows over the target (their losses and rewards are built on first use); throws naming a bad option. */
  constructor(options: ObjectiveOptions) {
    const { plant, target } = options;
    this.#plant = plant;
    this.batch = target.shape[0];
    this.size = this.batch * plant.parameterCount;
    this.#rewardInLoss = options.rewardInLoss ?? 0;
    this.#loudnessPenalty = options.loudnessPenalty;
    this.#regulariser = options.regulariser;
    if (!(this.#rewardInLoss >= 0))
      throw new RangeError(`Trainer: rewardInLoss must be ≥ 0, got ${this.#rewardInLoss}`);
    if (this.#rewardInLoss > 0 && !options.reward)
      throw new RangeError('Trainer: rewardInLoss needs options.reward');
    this.windows = windowsOf(target.shape[1], options.window);
    this.#order = options.window?.order ?? 'sequential';
    if (!['sequential', 'spread'].includes(this.#order))
      throw new RangeError(`Trainer: window.order must be sequential or spread, got ${String(this.#order)}`);
    this.#target = tf.keep(target.clone()); // the caller may dispose theirs; windows are cut later
    this.#lossFactory = options.loss;
    this.#rewardFactory = options.reward;
    const initial = tf.zeros([this.batch, plant.parameterCount]) as tf.Tensor2D;
    this.#variable = tf.variable(initial, true);
    initial.dispose();
  }

  /** The index of the window step `step` trains on (see {@link TrainingWindow.order}). */
  windowFor(step: number): number {
    const count = this.windows.length;
    if (this.#order === 'sequential') return step % count;
    return Math.min(count - 1, Math.floor(((step * GOLDEN_STEP) % 1) * count));
  }

  /** Synth evaluations so far (every gradient evaluation, probe and candidate). */
  get evaluations(): number {
    return this.#evaluations;
  }

  set evaluations(count: number) {
    this.#evaluations = count;
  }

  /** Loss, reward, loudness and the objective's gradient at θ on window `index` (one evaluation). */
  evaluate(theta: Float32Array, index: number): Evaluation {
    tf.tidy(() => this.#variable.assign(tf.tensor2d(theta, [this.batch, this.#plant.parameterCount])));
    this.#evaluations++;
    const { loss: lossFn, reward: rewardFn } = this.#window(index);
    const lambda = this.#rewardInLoss;
    const cap = this.#loudnessPenalty;
    const kept: { loss?: tf.Scalar; reward?: tf.Scalar; loudness?: tf.Scalar } = {};
    const { value, grads } = tf.variableGrads(() => {
      const audio = this.#render(this.#variable, index);
      const loss = lossFn(audio);
      const reward = rewardFn?.(audio);
      const loudness = tf.mul(10 / Math.LN10, tf.log(tf.add(tf.mean(tf.square(audio)), 1e-12))) as tf.Scalar;
      kept.loss = tf.keep(loss);
      kept.loudness = tf.keep(loudness);
      if (reward) kept.reward = tf.keep(reward);
      let objective: tf.Scalar = loss;
      if (reward && lambda > 0) objective = tf.sub(objective, tf.mul(lambda, reward));
      if (cap)
        objective = tf.add(objective, tf.mul(cap.weight, tf.square(tf.relu(tf.sub(loudness, cap.capDb)))));
      const extra = this.#regulariser?.(audio);
      if (extra) objective = tf.add(objective, extra);
      return objective;
    }, [this.#variable]);
    const gradientTensor = grads[this.#variable.name]!;
    const gradient = Float32Array.from(gradientTensor.dataSync());
    const loss = kept.loss!.dataSync()[0]!;
    const reward = kept.reward?.dataSync()[0];
    const loudnessDb = kept.loudness!.dataSync()[0]!;
    tf.dispose([value, gradientTensor, kept.loss!, kept.loudness!]);
    if (kept.reward) kept.reward.dispose();
    return { loss, reward, loudnessDb, gradient };
  }

  /** ∇θ of `scalarOf(render(θ))` on window `index` (one evaluation): a vector–Jacobian product through the plant. */
  gradientOf(theta: Float32Array, index: number, scalarOf: (audio: tf.Tensor2D) => tf.Scalar): Float32Array {
    tf.tidy(() => this.#variable.assign(tf.tensor2d(theta, [this.batch, this.#plant.parameterCount])));
    this.#evaluations++;
    const { value, grads } = tf.variableGrads(
      () => scalarOf(this.#render(this.#variable, index)),
      [this.#variable],
    );
    const gradient = grads[this.#variable.name]!;
    try {
      return Float32Array.from(gradient.dataSync());
    } finally {
      tf.dispose([value, gradient]);
    }
  }

  /** Losses of several parameter sets on window `index`, rendered as one batch (one evaluation each). */
  losses(candidates: readonly Float32Array[], index: number): number[] {
    const n = this.#plant.parameterCount;
    const rows = this.batch;
    this.#evaluations += candidates.length;
    const lossFn = this.#window(index).loss; // built outside the tidy: its cached target features stay
    return tf.tidy(() => {
      const flat = new Float32Array(candidates.length * this.size);
      candidates.forEach((c, i) => {
        flat.set(c, i * this.size);
      });
      const audio = this.#render(tf.tensor2d(flat, [candidates.length * rows, n]), index);
      return candidates.map((_, i) => lossFn(tf.slice(audio, [i * rows, 0], [rows, -1])).dataSync()[0]!);
    });
  }

  /** Frees the prepared target windows, their losses and rewards, and the parameter variable. */
  dispose(): void {
    for (const index of [...this.#prepared.keys()]) this.#release(index);
    this.#target.dispose();
    this.#variable.dispose();
  }

  /** Windows whose loss and reward are built at the moment (at most {@link MAX_CACHED_WINDOWS}). */
  get preparedWindows(): number {
    return this.#prepared.size;
  }

  /** Window `index`'s loss and reward: built on first use, then kept while recently used. */
  #window(index: number): PreparedWindow {
    const hit = this.#prepared.get(index);
    if (hit) {
      this.#prepared.delete(index); // most recently used goes last
      this.#prepared.set(index, hit);
      return hit;
    }
    const w = this.windows[index]!;
    const target = tf.keep(tf.slice(this.#target, [0, w.offset], [-1, w.samples]));
    const prepared = { target, loss: this.#lossFactory(target), reward: this.#rewardFactory?.(target) };
    this.#prepared.set(index, prepared);
    if (this.#prepared.size > MAX_CACHED_WINDOWS) this.#release(this.#prepared.keys().next().value!);
    return prepared;
  }

  #release(index: number): void {
    const prepared = this.#prepared.get(index)!;
    this.#prepared.delete(index);
    prepared.loss.dispose?.();
    prepared.reward?.dispose?.();
    prepared.target.dispose();
  }

  #render(parameters: tf.Tensor2D, index: number): tf.Tensor2D {
    const w = this.windows[index]!;
    const audio = this.#plant.render(parameters, w.offset + w.samples);
    return w.offset === 0 ? audio : tf.slice(audio, [0, w.offset], [-1, w.samples]);
  }
}

/** The windows of a target of `total` samples (the whole target without `window`); throws naming a bad size. */
function windowsOf(total: number, window: TrainingWindow = { samples: total, hop: total }) {
  if (!(Number.isInteger(window.samples) && window.samples > 0 && window.samples <= total)) {
    throw new RangeError(
      `Trainer: window.samples must be an integer in [1, ${total}], got ${window.samples}`,
    );
  }
  if (!(Number.isInteger(window.hop) && window.hop > 0 && window.hop <= window.samples)) {
    throw new RangeError(`Trainer: window.hop must be an integer in [1, window.samples], got ${window.hop}`);
  }
  const windows: { offset: number; samples: number }[] = [];
  for (let offset = 0; offset + window.samples <= total; offset += window.hop) {
    windows.push({ offset, samples: window.samples });
  }
  return windows;
}
