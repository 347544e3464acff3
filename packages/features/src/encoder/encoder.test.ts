import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { logMelSpectrogram } from '../mel/mel-spectrogram';
import { seededNoise } from '../test-support/reference';
import { cacheFeatures, combineEncoders, type FeatureEncoder } from './feature-encoder';
import { multiResolutionLogMelEncoder } from './multi-resolution';
import { STATISTICS_FEATURE_NAMES, spectralStatisticsEncoder } from './statistics-encoder';

describe('feature encoders', () => {
  beforeAll(() => useBackend('cpu'));
  const audio = () => tf.tensor2d(seededNoise(2 * 8000, 4), [2, 8000]);

  it('the multi-resolution encoder returns logMel<n_fft> features equal to logMelSpectrogram', () => {
    const x = audio();
    const encoder = multiResolutionLogMelEncoder(); // seed defaults
    expect(encoder.featureNames).toEqual(['logMel1024', 'logMel4096']);
    const features = encoder.encode(x);
    for (const fftLength of [1024, 4096]) {
      const direct = logMelSpectrogram(x, { fftLength, hopLength: 256, melBins: 64, sampleRate: 16000 });
      const f = features[`logMel${fftLength}`]!;
      expect(f.shape).toEqual([2, 32, 64]);
      expect(Array.from(f.dataSync())).toEqual(Array.from(direct.dataSync()));
      direct.dispose();
    }
    tf.dispose([x, ...Object.values(features)]);
    expect(() => multiResolutionLogMelEncoder({ fftLengths: [] })).toThrow(/non-empty/);
    expect(() => multiResolutionLogMelEncoder({ fftLengths: [512, 512] })).toThrow(/distinct/);
  });

  it('the statistics encoder returns [batch, frames] statistics; encoders combine; names must not clash', () => {
    const x = audio();
    const stats = spectralStatisticsEncoder();
    const both = combineEncoders(multiResolutionLogMelEncoder({ fftLengths: [512] }), stats);
    expect(both.featureNames).toEqual(['logMel512', ...STATISTICS_FEATURE_NAMES]);
    const features = both.encode(x);
    for (const name of STATISTICS_FEATURE_NAMES) expect(features[name]!.shape).toEqual([2, 32]);
    tf.dispose([x, ...Object.values(features)]);
    expect(() => combineEncoders(stats, stats)).toThrow(/"centroidHz" appears in more than one encoder/);
  });

  it('a user-defined encoder works with cacheFeatures, which keeps the target until dispose()', () => {
    const rms: FeatureEncoder = {
      featureNames: ['rms'],
      encode: (a) => ({ rms: tf.sqrt(tf.mean(tf.square(a), 1)) }),
    };
    const x = audio();
    const before = tf.memory().numTensors;
    const cached = cacheFeatures(rms, x);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(cached.features['rms']!.shape).toEqual([2]);
    cached.dispose();
    cached.dispose(); // idempotent
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
