/**
 * The losses `ae-ddsp match --loss NAME` can minimise, by name. Each entry builds a
 * `LossFactory` of `@ae-ddsp/features` (the trainer caches one per target window) and says in
 * one line what it is, for `--help`, summary.json and the report. To offer a new loss on the
 * command line, add one entry here (see CONTRIBUTING.md).
 *
 * @example
 * ```ts
 * const loss = MATCH_LOSSES['log-mel'].create({ sampleRateHz: 16000, pitchWeight: 0 });
 * ```
 * @module
 */

import {
  createLogMelLoss,
  createSpectralLoss,
  type LossFactory,
  MATCH_LOSS_DEFAULTS,
  matchLoss,
} from '@ae-ddsp/features';

/** What a loss entry is built from: the command's settings that a loss may use. */
export interface MatchLossSettings {
  /** Working sample rate, Hz. */
  readonly sampleRateHz: number;
  /** `--pitch-weight`: weight of a cumulative-spectrum (pitch) term, for losses that have one. */
  readonly pitchWeight: number;
}

/** One loss offered by `match --loss`. */
export interface MatchLossEntry {
  /** One line for `--help`. */
  readonly summary: string;
  /** What the loss is with these settings, for summary.json and the report. */
  describe(settings: MatchLossSettings): string;
  /** The loss factory with these settings. */
  create(settings: MatchLossSettings): LossFactory;
}

/** The losses `match --loss` offers; the first is the default. */
export const MATCH_LOSSES = Object.freeze({
  match: {
    summary:
      'log-mel + weighted cumulative-spectrum distance (gives pitch a direction) + loudness envelope + level limit',
    describe: ({ pitchWeight }) =>
      'multi-resolution log-mel L2 (n_fft 1024 and 4096, hop 256, 64 mels, mean over scales) + ' +
      `${pitchWeight} × cumulative-spectrum distance (n_fft ${MATCH_LOSS_DEFAULTS.pitchFftLength}) + ` +
      `${MATCH_LOSS_DEFAULTS.loudnessWeight} × loudness envelope (per-frame level difference, dB², n_fft 1024, hop 256) + ` +
      `${MATCH_LOSS_DEFAULTS.peakWeight} × level limit (samples above ${MATCH_LOSS_DEFAULTS.peakCeilingDb} dBFS)`,
    create: ({ sampleRateHz, pitchWeight }) => matchLoss({ sampleRate: sampleRateHz, pitchWeight }),
  },
  'log-mel': {
    summary: "the seed's multi-resolution log-mel loss alone",
    describe: () => 'multi-resolution log-mel L2 (n_fft 1024 and 4096, hop 256, 64 mels, mean over scales)',
    create:
      ({ sampleRateHz }) =>
      (target) =>
        createLogMelLoss(target, { sampleRate: sampleRateHz }),
  },
  spectral: {
    summary: "DDSP's multi-scale spectral loss (L1 of linear and log STFT magnitudes)",
    describe: () =>
      'multi-scale spectral loss: L1 of linear and log STFT magnitudes, n_fft 2048 … 64, summed over scales (DDSP)',
    create: () => (target) => createSpectralLoss(target),
  },
} satisfies Record<string, MatchLossEntry>);

/** A name of {@link MATCH_LOSSES}. */
export type MatchLossName = keyof typeof MATCH_LOSSES;

/** The names `match --loss` accepts, the default first. */
export const MATCH_LOSS_NAMES = Object.freeze(Object.keys(MATCH_LOSSES) as MatchLossName[]);
