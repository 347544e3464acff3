/**
 * Triangular mel filterbanks (torchaudio `melscale_fbanks` conventions), dense and sparse.
 *
 * @example
 * ```ts
 * const bank = melFilterbank({ sampleRate: 16000, fftLength: 1024, melBins: 64 });
 * bank.dense; // Float32Array [513 bins × 64 mels], row-major by bin
 * ```
 * @module
 */
import { hzToMel, type MelScale, melToHz } from './mel-scale';

/** Options of {@link melFilterbank}. */
export interface MelFilterbankOptions {
  /** Sample rate in Hz. Default 16000. */
  sampleRate?: number;
  /** FFT length in samples (the bank has `fftLength/2 + 1` rows). Default 1024. */
  fftLength?: number;
  /** Number of mel bands. Default 64. */
  melBins?: number;
  /** Lowest band edge in Hz. Default 0. */
  fMinHz?: number;
  /** Highest band edge in Hz. Default `sampleRate / 2`. */
  fMaxHz?: number;
  /** Mel scale. Default `'htk'`. */
  melScale?: MelScale;
  /** `'slaney'` scales each triangle to unit area (2 / bandwidth in Hz); default `'none'`. */
  norm?: 'none' | 'slaney';
}

/** Defaults of {@link MelFilterbankOptions} (seed: 64 mels, 16 kHz; torchaudio: HTK, no norm). */
export const DEFAULT_MEL_OPTIONS: Readonly<
  Required<
    Pick<MelFilterbankOptions, 'sampleRate' | 'fftLength' | 'melBins' | 'fMinHz' | 'melScale' | 'norm'>
  >
> = Object.freeze({
  sampleRate: 16000,
  fftLength: 1024,
  melBins: 64,
  fMinHz: 0,
  melScale: 'htk' as MelScale,
  norm: 'none' as 'none' | 'slaney',
});

/** A mel filterbank in dense and sparse form. */
export interface MelFilterbank {
  /** Number of linear bins (rows of `dense`). */
  readonly bins: number;
  /** Number of mel bands (columns of `dense`). */
  readonly melBins: number;
  /** `[bins, melBins]` weights, row-major (so `power [.., bins] · dense` gives mel power). */
  readonly dense: Float32Array;
  /** First non-zero bin of each band. */
  readonly start: Int32Array;
  /** One past the last non-zero bin of each band. */
  readonly end: Int32Array;
  /** Offset of each band's weights in `weights`. */
  readonly offset: Int32Array;
  /** Non-zero weights of all bands, concatenated (float64). */
  readonly weights: Float64Array;
  /**
   * Per-bin form (triangular bands overlap pairwise, so a bin feeds at most two adjacent
   * bands): bin k adds `binWeightLo[k]·P_k` to band `binBand[k]` and `binWeightHi[k]·P_k` to
   * band `binBand[k] + 1`. Bands are indexed into arrays of `melBins + 2` slots; bins that feed
   * no band point at slot `melBins` with zero weights.
   */
  readonly binBand: Int32Array;
  /** Weight of bin k in band `binBand[k]`. */
  readonly binWeightLo: Float64Array;
  /** Weight of bin k in band `binBand[k] + 1`. */
  readonly binWeightHi: Float64Array;
  /** The resolved options, as a cache key. */
  readonly key: string;
}

const cache = new Map<string, MelFilterbank>();

/** Builds (or returns the cached) mel filterbank; throws on invalid options. */
export function melFilterbank(options: MelFilterbankOptions = {}): MelFilterbank {
  const sampleRate = options.sampleRate ?? DEFAULT_MEL_OPTIONS.sampleRate;
  const fftLength = options.fftLength ?? DEFAULT_MEL_OPTIONS.fftLength;
  const melBins = options.melBins ?? DEFAULT_MEL_OPTIONS.melBins;
  const fMinHz = options.fMinHz ?? DEFAULT_MEL_OPTIONS.fMinHz;
  const fMaxHz = options.fMaxHz ?? sampleRate / 2;
  const scale = options.melScale ?? DEFAULT_MEL_OPTIONS.melScale;
  const norm = options.norm ?? DEFAULT_MEL_OPTIONS.norm;
  if (!(sampleRate > 0)) throw new Error(`melFilterbank: sampleRate must be > 0 Hz, got ${sampleRate}`);
  if (!Number.isInteger(melBins) || melBins < 1) {
    throw new Error(`melFilterbank: melBins must be a positive integer, got ${melBins}`);
  }
  if (!(fMinHz >= 0 && fMaxHz > fMinHz && fMaxHz <= sampleRate / 2 + 1e-9)) {
    throw new Error(
      `melFilterbank: need 0 <= fMinHz < fMaxHz <= sampleRate/2, got fMinHz=${fMinHz}, fMaxHz=${fMaxHz}`,
    );
  }
  if (scale !== 'htk' && scale !== 'slaney') throw new Error(`melFilterbank: unknown melScale "${scale}"`);
  if (norm !== 'none' && norm !== 'slaney') throw new Error(`melFilterbank: unknown norm "${norm}"`);
  const key = [sampleRate, fftLength, melBins, fMinHz, fMaxHz, scale, norm].join('/');
  const cached = cache.get(key);
  if (cached) return cached;

  const bins = Math.floor(fftLength / 2) + 1;
  // torchaudio: all_freqs = linspace(0, sr // 2, n_freqs)
  const nyquist = Math.floor(sampleRate / 2);
  const freqs = new Float64Array(bins);
  for (let k = 0; k < bins; k++) freqs[k] = bins === 1 ? 0 : (nyquist * k) / (bins - 1);
  const mMin = hzToMel(fMinHz, scale);
  const mMax = hzToMel(fMaxHz, scale);
  const points = new Float64Array(melBins + 2);
  for (let i = 0; i < melBins + 2; i++)
    points[i] = melToHz(mMin + ((mMax - mMin) * i) / (melBins + 1), scale);
  const dense = new Float32Array(bins * melBins);
  const start = new Int32Array(melBins);
  const end = new Int32Array(melBins);
  const offset = new Int32Array(melBins);
  const weights: number[] = [];
  const weightOf = (m: number, k: number): number => {
    const lo = points[m]!;
    const mid = points[m + 1]!;
    const hi = points[m + 2]!;
    const f = freqs[k]!;
    const w = Math.max(0, Math.min((f - lo) / (mid - lo), (hi - f) / (hi - mid)));
    return norm === 'slaney' ? (w * 2) / (hi - lo) : w;
  };
  for (let m = 0; m < melBins; m++) {
    const lo = points[m]!;
    const mid = points[m + 1]!;
    const hi = points[m + 2]!;
    const scaleFactor = norm === 'slaney' ? 2 / (hi - lo) : 1;
    let first = -1;
    let last = -1;
    const band: number[] = [];
    for (let k = 0; k < bins; k++) {
      const f = freqs[k]!;
      const down = (f - lo) / (mid - lo);
      const up = (hi - f) / (hi - mid);
      const w = Math.max(0, Math.min(down, up)) * scaleFactor;
      if (w > 0) {
        if (first < 0) first = k;
        // fill any interior zero so the band stays contiguous
        while (last >= 0 && last + 1 < k) {
          band.push(0);
          last++;
        }
        band.push(w);
        last = k;
        dense[k * melBins + m] = w;
      }
    }
    start[m] = Math.max(first, 0);
    end[m] = first < 0 ? 0 : last + 1;
    offset[m] = weights.length;
    for (const w of band) weights.push(w);
  }
  const binBand = new Int32Array(bins).fill(melBins);
  const binWeightLo = new Float64Array(bins);
  const binWeightHi = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    const bands: number[] = [];
    for (let m = 0; m < melBins; m++) if (dense[k * melBins + m]! > 0) bands.push(m);
    if (bands.length > 2 || (bands.length === 2 && bands[1] !== bands[0]! + 1)) {
      throw new Error(
        `melFilterbank: bin ${k} feeds bands [${bands.join(', ')}]; expected at most two adjacent bands`,
      );
    }
    if (bands.length === 0) continue;
    binBand[k] = bands[0]!;
    // recompute in float64 rather than reading the float32 dense copy
    binWeightLo[k] = weightOf(bands[0]!, k);
    if (bands.length === 2) binWeightHi[k] = weightOf(bands[1]!, k);
  }
  const bank: MelFilterbank = Object.freeze({
    binBand,
    binWeightLo,
    binWeightHi,
    bins,
    melBins,
    dense,
    start,
    end,
    offset,
    weights: Float64Array.from(weights),
    key,
  });
  cache.set(key, bank);
  return bank;
}

/** Forgets the cached filterbanks. */
export function clearMelFilterbankCache(): void {
  cache.clear();
}
