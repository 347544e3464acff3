/**
 * The `FeatureEncoder` interface (audio → named features) and target caching. Any object
 * with an `encode` method of this shape can be used by the losses and the trainer, so users
 * add their own features.
 *
 * @example
 * ```ts
 * const encoder = multiResolutionLogMelEncoder(); // features logMel1024, logMel4096
 * const cached = cacheFeatures(encoder, target);    // encode the target once
 * const features = encoder.encode(audio);
 * // ... compare features with cached.features across many steps, then:
 * cached.dispose();
 * ```
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';

/** Named feature tensors (e.g. `[batch, frames, bins]` spectrograms or `[batch, frames]` statistics). */
export type FeatureMap = Readonly<Record<string, tf.Tensor>>;

/** Turns `[batch, samples]` audio into named, differentiable features. */
export interface FeatureEncoder {
  /** Names of the features `encode` returns. */
  readonly featureNames: readonly string[];
  /** Encodes audio; the caller owns (and disposes) the returned tensors. */
  encode(audio: tf.Tensor): FeatureMap;
}

/** Features of a target encoded once and kept alive across steps until `dispose()`. */
export interface CachedFeatures {
  /** The kept target features. */
  readonly features: FeatureMap;
  /** Releases the kept tensors. */
  dispose(): void;
}

/** Encodes `target` once with `encoder` (outside any gradient tape) and keeps the result. */
export function cacheFeatures(encoder: FeatureEncoder, target: tf.Tensor): CachedFeatures {
  const features = tf.tidy(() => {
    const out = encoder.encode(target);
    const kept: Record<string, tf.Tensor> = {};
    for (const name of Object.keys(out)) kept[name] = tf.keep(out[name]!);
    return kept;
  });
  let disposed = false;
  return Object.freeze({
    features: Object.freeze(features),
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of Object.values(features)) t.dispose();
    },
  });
}

/** Combines encoders into one whose features are the union (names must not clash). */
export function combineEncoders(...encoders: FeatureEncoder[]): FeatureEncoder {
  const names = encoders.flatMap((e) => [...e.featureNames]);
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) throw new Error(`combineEncoders: feature name "${n}" appears in more than one encoder`);
    seen.add(n);
  }
  return Object.freeze({
    featureNames: Object.freeze(names),
    encode(audio: tf.Tensor): FeatureMap {
      const out: Record<string, tf.Tensor> = {};
      for (const e of encoders) Object.assign(out, e.encode(audio));
      return out;
    },
  });
}
