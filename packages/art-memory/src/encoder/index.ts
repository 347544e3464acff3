/**
 * The timbre embedding E of DAR-DDSP (h* = E(φ(x)), §2, docs/method.md), on TensorFlow.js:
 * the pooled features φ, the learned encoder with its shipped weights, the fixed baseline
 * embedding, and the deterministic trainer of the encoder. A separate entry point
 * (`@ae-ddsp/art-memory/encoder`), so the Fuzzy ART core stays plain TypeScript without tfjs.
 *
 * @example
 * ```ts
 * import { embedClip, timbreEncoder } from '@ae-ddsp/art-memory/encoder';
 * import { FuzzyART } from '@ae-ddsp/art-memory';
 *
 * const encoder = timbreEncoder();
 * const art = new FuzzyART({ rho: 0.8 });
 * const category = art.learn(embedClip(encoder, samples)); // h* in [0, 1]^d
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/art-memory/encoder
 */

export type { DenseLayer, TimbreEncoderWeights } from './encoder-weights';
export { parseTimbreEncoderWeights, TIMBRE_ENCODER_FORMAT } from './encoder-weights';
export type { PooledLogMelOptions } from './pooled-log-mel-embedding';
export { DEFAULT_POOLED_LOG_MEL_OPTIONS, pooledLogMelEmbedding } from './pooled-log-mel-embedding';
export type { TimbreEmbedding } from './timbre-embedding';
export { embedClip } from './timbre-embedding';
export { DEFAULT_TIMBRE_ENCODER_WEIGHTS, encodeFeatures, timbreEncoder } from './timbre-encoder';
export type { TimbreFeatureOptions } from './timbre-features';
export {
  centredMeanLogMel,
  DEFAULT_TIMBRE_FEATURE_OPTIONS,
  timbreFeatureCount,
  timbreFeatures,
} from './timbre-features';
export type { EncoderTrainingOptions, EncoderTrainingResult } from './train-encoder';
export { DEFAULT_ENCODER_TRAINING, trainTimbreEncoder } from './train-encoder';
