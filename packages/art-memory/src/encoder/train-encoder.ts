/**
 * Trains the timbre encoder contrastively and deterministically: full-batch Adam on φ rows
 * with group labels (a group = one instrument, or one synth patch, at several notes). Pairs
 * of one group are pulled together and pairs of different groups pushed at least `margin`
 * apart, in the mean absolute difference that Fuzzy ART's match is made of
 * (M = 1 − mean|h − w| for a point prototype), so a vigilance ρ separates groups when the
 * margin exceeds 1 − ρ. The same rows, groups and options give bit-identical weights
 * (seeded initialisation, no data shuffling, the cpu backend's deterministic kernels).
 *
 * @example
 * ```ts
 * const phi = timbreFeatures(clips); // [n, features]
 * const weights = trainTimbreEncoder({ features: await phi.array(), groups, seed: 1 });
 * const encoder = timbreEncoder(weights);
 * ```
 * @module
 */
import { SeededRandom } from '@ae-ddsp/explorer';
import * as tf from '@tensorflow/tfjs-core';
import { type DenseLayer, TIMBRE_ENCODER_FORMAT, type TimbreEncoderWeights } from './encoder-weights';
import {
  DEFAULT_TIMBRE_FEATURE_OPTIONS,
  type TimbreFeatureOptions,
  timbreFeatureCount,
} from './timbre-features';

/** Settings of {@link trainTimbreEncoder} (all but the data have defaults). */
export interface EncoderTrainingOptions {
  /** φ rows, one per clip (from {@link timbreFeatures} with `featureOptions`). */
  readonly features: readonly (readonly number[])[];
  /** Group of each row (integers): rows of one group should embed close together. */
  readonly groups: readonly number[];
  /** The φ settings the rows were computed with. Default the seed's. */
  readonly featureOptions?: TimbreFeatureOptions;
  /** Hidden units. Default 32. */
  readonly hidden?: number;
  /** d, the embedding's size. Default 16. */
  readonly dimensions?: number;
  /** Full-batch Adam steps. Default 600. */
  readonly steps?: number;
  /** Adam's learning rate. Default 0.01. */
  readonly learningRate?: number;
  /** Smallest mean absolute difference wanted between groups. Default 0.35. */
  readonly margin?: number;
  /** L2 weight decay. Default 1e-4. */
  readonly weightDecay?: number;
  /** Seed of the initial weights. Default 1. */
  readonly seed?: number;
  /** Provenance stored with the weights (data files, split). */
  readonly provenance?: Readonly<Record<string, unknown>>;
}

/** Defaults of {@link EncoderTrainingOptions}. */
export const DEFAULT_ENCODER_TRAINING = Object.freeze({
  hidden: 32,
  dimensions: 16,
  steps: 600,
  learningRate: 0.01,
  margin: 0.35,
  weightDecay: 1e-4,
  seed: 1,
});

/** The loss and the encoder's distances, as the training computes them. */
export interface EncoderTrainingResult {
  /** The trained weights. */
  readonly weights: TimbreEncoderWeights;
  /** Contrastive loss at the first and the last step. */
  readonly loss: { readonly first: number; readonly last: number };
}

function checkData(features: readonly (readonly number[])[], groups: readonly number[], count: number): void {
  if (!Array.isArray(features) || features.length < 2)
    throw new RangeError('trainTimbreEncoder: features must hold at least two rows');
  if (!Array.isArray(groups) || groups.length !== features.length)
    throw new RangeError(`trainTimbreEncoder: groups must have one integer per row (${features.length})`);
  features.forEach((row, i) => {
    if (row.length !== count)
      throw new RangeError(`trainTimbreEncoder: features[${i}] has ${row.length} values, expected ${count}`);
    if (!row.every(Number.isFinite))
      throw new RangeError(`trainTimbreEncoder: features[${i}] must be finite`);
  });
  if (!groups.every(Number.isInteger)) throw new RangeError('trainTimbreEncoder: groups must be integers');
}

/** Trains the encoder on `features` and `groups`; the same inputs give the same weights. */
export function trainTimbreEncoder(options: EncoderTrainingOptions): EncoderTrainingResult {
  const o = { ...DEFAULT_ENCODER_TRAINING, ...options };
  const featureOptions = { ...DEFAULT_TIMBRE_FEATURE_OPTIONS, ...options.featureOptions };
  const count = timbreFeatureCount(featureOptions);
  checkData(o.features, o.groups, count);
  const n = o.features.length;
  const mean = new Array<number>(count).fill(0);
  const scale = new Array<number>(count).fill(0);
  for (const row of o.features) for (let k = 0; k < count; k++) mean[k]! += row[k]! / n;
  for (const row of o.features) for (let k = 0; k < count; k++) scale[k]! += (row[k]! - mean[k]!) ** 2 / n;
  for (let k = 0; k < count; k++) scale[k] = Math.max(Math.sqrt(scale[k]!), 1e-3);

  const random = new SeededRandom(o.seed);
  const init = (inputs: number, outputs: number) =>
    Float32Array.from({ length: inputs * outputs }, () => random.gaussian() / Math.sqrt(inputs));
  const w1 = tf.tidy(() => tf.variable(tf.tensor2d(init(count, o.hidden), [count, o.hidden])));
  const b1 = tf.tidy(() => tf.variable(tf.zeros([o.hidden])));
  const w2 = tf.tidy(() => tf.variable(tf.tensor2d(init(o.hidden, o.dimensions), [o.hidden, o.dimensions])));
  const b2 = tf.tidy(() => tf.variable(tf.zeros([o.dimensions])));
  const x = tf.tensor2d(o.features as number[][]);
  const same = tf.tidy(() => {
    const g = tf.tensor1d(o.groups as number[], 'int32');
    return tf.cast(tf.equal(tf.expandDims(g, 1), tf.expandDims(g, 0)), 'float32');
  });
  const eye = tf.eye(n);
  const positive = tf.sub(same, eye);
  const negative = tf.sub(1, same);
  const positives = Math.max(
    tf.tidy(() => tf.sum(positive).dataSync()[0]!),
    1,
  );
  const negatives = Math.max(
    tf.tidy(() => tf.sum(negative).dataSync()[0]!),
    1,
  );
  const optimizer = tf.train.adam(o.learningRate);
  const standardise = { mean, scale };
  const lossOf = () =>
    tf.tidy(() => {
      const z = tf.div(tf.sub(x, tf.tensor1d(mean)), tf.tensor1d(scale));
      const h = tf.sigmoid(tf.add(tf.matMul(tf.tanh(tf.add(tf.matMul(z, w1), b1)), w2), b2));
      const diff = tf.sub(tf.expandDims(h, 1), tf.expandDims(h, 0));
      const distance = tf.mean(tf.sqrt(tf.add(tf.square(diff), 1e-6)), 2);
      const pull = tf.div(tf.sum(tf.mul(positive, distance)), positives);
      const push = tf.div(
        tf.sum(tf.mul(negative, tf.square(tf.relu(tf.sub(o.margin, distance))))),
        negatives,
      );
      const decay = tf.mul(o.weightDecay, tf.add(tf.sum(tf.square(w1)), tf.sum(tf.square(w2))));
      return tf.add(tf.add(pull, push), decay) as tf.Scalar;
    });
  let first = Number.NaN;
  let last = Number.NaN;
  try {
    for (let step = 0; step < o.steps; step++) {
      const loss = optimizer.minimize(lossOf, true, [w1, b1, w2, b2])!;
      last = loss.dataSync()[0]!;
      if (step === 0) first = last;
      loss.dispose();
    }
    const layer = (w: tf.Variable, b: tf.Variable): DenseLayer => ({
      inputs: w.shape[0]!,
      outputs: w.shape[1]!,
      weights: Array.from(w.dataSync()),
      bias: Array.from(b.dataSync()),
    });
    const weights: TimbreEncoderWeights = {
      format: TIMBRE_ENCODER_FORMAT,
      version: 1,
      features: featureOptions,
      ...standardise,
      layers: [layer(w1, b1), layer(w2, b2)],
      training: {
        rows: n,
        groups: new Set(o.groups).size,
        hidden: o.hidden,
        dimensions: o.dimensions,
        steps: o.steps,
        learningRate: o.learningRate,
        margin: o.margin,
        weightDecay: o.weightDecay,
        seed: o.seed,
        finalLoss: last,
        ...o.provenance,
      },
    };
    return { weights, loss: { first, last } };
  } finally {
    optimizer.dispose();
    tf.dispose([w1, b1, w2, b2, x, same, eye, positive, negative]);
  }
}
