/**
 * The package caches FFT plans, windows, mel filterbanks and the composite path's DFT
 * filters per configuration (a 4096-point DFT filter alone is about 67 MB); this frees them.
 *
 * @example
 * ```ts
 * clearFeatureCaches(); // e.g. after switching away from a large composite-path config
 * ```
 * @module
 */
import { clearRealFftPlans } from './fft/real-fft';
import { clearMelFilterbankCache } from './mel/mel-filterbank';
import { clearDftFilterCache } from './stft/stft-composite';
import { clearWindowCache } from './stft/stft-cpu';

/** Clears every per-configuration cache of the package; they are rebuilt on next use. */
export function clearFeatureCaches(): void {
  clearRealFftPlans();
  clearWindowCache();
  clearDftFilterCache();
  clearMelFilterbankCache();
}
