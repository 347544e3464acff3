/**
 * Fast, differentiable spectral front end (STFT, log-mel, spectral statistics) and
 * feature-space losses on TensorFlow.js. On the `cpu` backend the spectral ops run as our
 * own kernels (a fast real FFT forward and backward); on other backends they fall back to
 * plain tfjs ops with the same values and gradients.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import '@tensorflow/tfjs-backend-cpu';
 * import { logMelSpectrogram, stft } from '@ae-ddsp/features';
 *
 * const audio = tf.randomUniform([1, 16000], -1, 1) as tf.Tensor2D;
 * const power = stft(audio, { fftLength: 1024, hopLength: 256 }); // [1, 63, 513]
 * const logMel = logMelSpectrogram(audio, { fftLength: 4096, melBins: 64 }); // [1, 63, 64]
 * ```
 *
 * @packageDocumentation
 */

// Spectrogram: the STFT, its options and windows

export { stft } from './stft/stft';
export {
  binCount,
  DEFAULT_STFT_OPTIONS,
  frameCount,
  minimumSignalLength,
  resolveStftOptions,
} from './stft/stft-options';
export { hannWindow, WINDOW_TYPES, windowFunction } from './stft/window';

// Mel spectrograms and the mel scale

export { DEFAULT_MEL_OPTIONS, melFilterbank } from './mel/mel-filterbank';
export { DEFAULT_LOG_EPSILON } from './mel/mel-options';
export { hzToMel, melToHz } from './mel/mel-scale';
export { logMelSpectrogram, melSpectrogram } from './mel/mel-spectrogram';

// Spectral statistics

export {
  aWeightedLoudness,
  aWeightingDb,
  DEFAULT_STAT_OPTIONS,
  spectralCentroid,
  spectralCrest,
  spectralFlatness,
  spectralRolloff,
  spectralRolloffExact,
} from './stats/spectral-statistics';

// Feature encoders: audio → named features, cached for a fixed target

export { cacheFeatures, combineEncoders } from './encoder/feature-encoder';
export { DEFAULT_MULTI_RESOLUTION_OPTIONS, multiResolutionLogMelEncoder } from './encoder/multi-resolution';
export {
  DEFAULT_STATISTICS_ENCODER_OPTIONS,
  STATISTICS_FEATURE_NAMES,
  spectralStatisticsEncoder,
} from './encoder/statistics-encoder';

// Losses against a target

export {
  audioCumulativeSpectrumDistance,
  cumulativeSpectrum,
  cumulativeSpectrumDistance,
  targetCumulativeSpectrum,
} from './losses/cumulative-spectrum-distance';
export { createCumulativeSpectrumLoss } from './losses/cumulative-spectrum-loss';
export { logMelDistance } from './losses/log-mel-distance';
export { createLogMelLoss, multiResolutionLogMelLoss } from './losses/log-mel-loss';
export { createLoudnessLoss, LOUDNESS_LOSS_DEFAULTS } from './losses/loudness-loss';
export { MATCH_LOSS_DEFAULTS, matchLoss, seedLoss } from './losses/match-loss';
export { createPeakLimitLoss, PEAK_LIMIT_LOSS_DEFAULTS } from './losses/peak-limit-loss';
export {
  createSpectralConvergenceLoss,
  createSpectralLoss,
  DEFAULT_SPECTRAL_LOSS_OPTIONS,
} from './losses/spectral-losses';
export { createStatisticsLoss, DEFAULT_STATISTICS_WEIGHTS } from './losses/statistics-loss';
export { assertMatchesTarget, combineLosses, makeTargetLoss } from './losses/target-loss';

// Rewards in [0, 1]

export {
  createAudioReward,
  DEFAULT_REWARD_TOLERANCES,
  distanceReward,
  gaussianReward,
} from './rewards/audio-reward';

// Target analysis: plain-audio measurements of a note (pitch, level, timing, brightness)

export { analyzeTarget } from './analysis/analyze-target';
export { spectralCentroidSummary } from './analysis/centroid-summary';
export { compareNotes, HARMONIC_RATIOS, harmonicRatioNear } from './analysis/compare-notes';
export { estimatePitch, summarizePitchTrack } from './analysis/estimate-pitch';
export { DEFAULT_LOUDNESS_ENVELOPE_OPTIONS, loudnessEnvelope } from './analysis/loudness-envelope';
export { DEFAULT_NOTE_TIMING_OPTIONS, detectOnset, noteLength, noteTiming } from './analysis/note-timing';
export { centsBetween, hzToMidi, midiToHz } from './analysis/pitch-units';
export { DEFAULT_YIN_OPTIONS, resolveYinOptions, yinPitch } from './analysis/yin-pitch';

// Kernel names (for other backends) and the real FFT under the cpu kernels

export { clearFeatureCaches } from './caches';
export { getRealFft, RealFft } from './fft/real-fft';
export {
  CUMULATIVE_SPECTRUM_DISTANCE_KERNEL,
  LOG_MEL_DISTANCE_KERNEL,
  MEL_GRAD_KERNEL,
  MEL_KERNEL,
  STFT_GRAD_KERNEL,
  STFT_KERNEL,
} from './kernel-names';

// Types

export type { TargetAnalysis, TargetAnalysisOptions, TargetLoudness } from './analysis/analyze-target';
export type { HarmonicRatio, NoteComparison } from './analysis/compare-notes';
export type { NotePitch } from './analysis/estimate-pitch';
export type { LoudnessEnvelope, LoudnessEnvelopeOptions } from './analysis/loudness-envelope';
export type { NoteTiming, NoteTimingOptions } from './analysis/note-timing';
export type { PitchTrack, YinConfig, YinOptions } from './analysis/yin-pitch';
export type { CachedFeatures, FeatureEncoder, FeatureMap } from './encoder/feature-encoder';
export type { MultiResolutionOptions } from './encoder/multi-resolution';
export type { StatisticsEncoderOptions } from './encoder/statistics-encoder';
export type { CumulativeSpectrumDistanceOptions } from './losses/cumulative-spectrum-distance';
export type { CumulativeSpectrumOptions } from './losses/cumulative-spectrum-loss';
export type { LogMelDistanceOptions } from './losses/log-mel-distance';
export type { LogMelLossOptions } from './losses/log-mel-loss';
export type { LoudnessLossOptions } from './losses/loudness-loss';
export type { MatchLossOptions } from './losses/match-loss';
export type { PeakLimitLossOptions } from './losses/peak-limit-loss';
export type { SpectralConvergenceOptions, SpectralLossOptions } from './losses/spectral-losses';
export type { StatisticsLossOptions, StatisticsWeights } from './losses/statistics-loss';
export type { AudioLoss, LossFactory, TargetLoss, WeightedLoss } from './losses/target-loss';
export type { MelFilterbank, MelFilterbankOptions } from './mel/mel-filterbank';
export type { MelSpectrogramOptions } from './mel/mel-options';
export type { MelScale } from './mel/mel-scale';
export type {
  AudioReward,
  AudioRewardComponent,
  AudioRewardOptions,
  AudioRewardResult,
  AudioRewardTolerances,
  RewardFactory,
  TargetReward,
} from './rewards/audio-reward';
export type {
  LoudnessOptions,
  RolloffOptions,
  SpectralStatDefaults,
  SpectralStatOptions,
} from './stats/spectral-statistics';
export type { StftConfig, StftOptions } from './stft/stft-options';
export type { WindowType } from './stft/window';
