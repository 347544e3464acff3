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

export { clearFeatureCaches } from './caches';
export type { CachedFeatures, FeatureEncoder, FeatureMap } from './encoder/feature-encoder';
export { cacheFeatures, combineEncoders, disposeFeatures } from './encoder/feature-encoder';
export type { MultiResolutionOptions } from './encoder/multi-resolution';
export {
  DEFAULT_MULTI_RESOLUTION_OPTIONS,
  logMelFeatureName,
  multiResolutionLogMelEncoder,
  multiResolutionScales,
} from './encoder/multi-resolution';
export type { StatisticsEncoderOptions } from './encoder/statistics-encoder';
export {
  DEFAULT_STATISTICS_ENCODER_OPTIONS,
  STATISTICS_FEATURE_NAMES,
  spectralStatisticsEncoder,
} from './encoder/statistics-encoder';
export { getRealFft, RealFft } from './fft/real-fft';
export {
  CUMULATIVE_SPECTRUM_DISTANCE_KERNEL,
  LOG_MEL_DISTANCE_KERNEL,
  MEL_GRAD_KERNEL,
  MEL_KERNEL,
  STFT_GRAD_KERNEL,
  STFT_KERNEL,
} from './kernel-names';
export type { CumulativeSpectrumDistanceOptions } from './losses/cumulative-spectrum-distance';
export {
  audioCumulativeSpectrumDistance,
  cumulativeSpectrum,
  cumulativeSpectrumDistance,
  ensureCumulativeSpectrumDistanceKernels,
  targetCumulativeSpectrum,
} from './losses/cumulative-spectrum-distance';
export type { CumulativeSpectrumOptions } from './losses/cumulative-spectrum-loss';
export { createCumulativeSpectrumLoss } from './losses/cumulative-spectrum-loss';
export type { LogMelDistanceOptions } from './losses/log-mel-distance';
export {
  ensureLogMelDistanceKernels,
  logMelDistance,
} from './losses/log-mel-distance';
export type { LogMelLossOptions } from './losses/log-mel-loss';
export { createLogMelLoss, multiResolutionLogMelLoss } from './losses/log-mel-loss';
export type { SpectralConvergenceOptions, SpectralLossOptions } from './losses/spectral-losses';
export {
  createSpectralConvergenceLoss,
  createSpectralLoss,
  DEFAULT_SPECTRAL_LOSS_OPTIONS,
} from './losses/spectral-losses';
export type { StatisticsLossOptions, StatisticsWeights } from './losses/statistics-loss';
export { createStatisticsLoss, DEFAULT_STATISTICS_WEIGHTS } from './losses/statistics-loss';
export type { TargetLoss, WeightedLoss } from './losses/target-loss';
export { assertMatchesTarget, combineLosses, makeTargetLoss, meanDistance } from './losses/target-loss';
export type { MelFilterbank, MelFilterbankOptions } from './mel/mel-filterbank';
export { DEFAULT_MEL_OPTIONS, melFilterbank } from './mel/mel-filterbank';
export type { MelConfig, MelSpectrogramOptions } from './mel/mel-options';
export { DEFAULT_LOG_EPSILON, resolveMelOptions } from './mel/mel-options';
export type { MelScale } from './mel/mel-scale';
export { hzToMel, melToHz } from './mel/mel-scale';
export { logMelSpectrogram, melSpectrogram } from './mel/mel-spectrogram';
export type {
  AudioReward,
  AudioRewardComponent,
  AudioRewardOptions,
  AudioRewardResult,
  AudioRewardTolerances,
} from './rewards/audio-reward';
export {
  createAudioReward,
  DEFAULT_REWARD_TOLERANCES,
  distanceReward,
  gaussianReward,
} from './rewards/audio-reward';
export type {
  LoudnessOptions,
  RolloffOptions,
  SpectralStatDefaults,
  SpectralStatOptions,
} from './stats/spectral-statistics';
export {
  aWeightedLoudness,
  aWeightingDb,
  binFrequenciesHz,
  DEFAULT_STAT_OPTIONS,
  spectralCentroid,
  spectralCrest,
  spectralFlatness,
  spectralRolloff,
  spectralRolloffExact,
} from './stats/spectral-statistics';
export { stft } from './stft/stft';
export { stftComposite } from './stft/stft-composite';
export type { StftConfig, StftOptions } from './stft/stft-options';
export {
  binCount,
  DEFAULT_STFT_OPTIONS,
  frameCount,
  minimumSignalLength,
  resolveStftOptions,
} from './stft/stft-options';
export type { WindowType } from './stft/window';
export { centeredHannWindow, centeredWindow, hannWindow, WINDOW_TYPES, windowFunction } from './stft/window';
