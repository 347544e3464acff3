/**
 * `ae-ddsp features <audio>`: per-frame log-mel, centroid, rolloff (85 % and 95 %) and
 * flatness of an audio file, as a summary table or as JSON (stdout or a file).
 * @module
 */

import {
  checkFeatureSize,
  computeFrameFeatures,
  DEFAULT_FRAME_FEATURE_OPTIONS,
  type FrameFeatures,
} from '../analysis/frame-features';
import { readAudio } from '../audio/read-audio';
import { MAX_SAMPLE_RATE_HZ } from '../audio/resample';
import type { Command } from '../cli/command';
import { warn } from '../cli/io';
import { userPath } from '../cli/paths';
import { useCpuBackend } from '../cli/tensorflow';
import { UsageError } from '../cli/usage-error';
import { isStandardOutput, writeOutput } from '../cli/write-output';

function summaryRow(name: string, values: readonly number[], digits: number): string {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const cells = [sum / values.length, min, max].map((v) => v.toFixed(digits).padStart(10));
  return `${name.padEnd(14)}${cells.join('')}`;
}

/** Human-readable summary of {@link FrameFeatures}. */
export function formatFeatureSummary(path: string, features: FrameFeatures): string {
  const meanLogMel = features.logmel.map((row) => row.reduce((a, b) => a + b, 0) / row.length);
  return [
    `${path}: ${features.frames} frames at ${features.sample_rate} Hz (n_fft ${features.n_fft}, hop ${features.hop_length}, ${features.n_mels} mels)`,
    `${'feature'.padEnd(14)}${'mean'.padStart(10)}${'min'.padStart(10)}${'max'.padStart(10)}`,
    summaryRow('centroid_hz', features.centroid_hz, 1),
    summaryRow('rolloff85_hz', features.rolloff85_hz, 1),
    summaryRow('rolloff95_hz', features.rolloff95_hz, 1),
    summaryRow('flatness', features.flatness, 4),
    summaryRow('logmel (mean)', meanLogMel, 3),
    'Use --json for every frame (keys: logmel, centroid_hz, rolloff85_hz, rolloff95_hz, flatness).',
    '',
  ].join('\n');
}

/** The `features` command. */
export const featuresCommand: Command = {
  name: 'features',
  summary: 'per-frame log-mel, centroid, rolloff and flatness of an audio file',
  description: [
    'Analyses an audio file (WAV, FLAC, MP3, Ogg; mixed to mono) with the @ae-ddsp/features',
    'definitions (torchaudio conventions: Hann window, centred frames with reflect padding,',
    'HTK mel scale, natural log of mel power + 1e-6). Prints a summary, or with --json every',
    'frame as JSON with the keys logmel (frames x mels), centroid_hz, rolloff85_hz,',
    'rolloff95_hz and flatness.',
  ].join('\n'),
  positionals: [{ name: '<audio>', description: 'audio file to analyse' }],
  flags: {
    'n-fft': {
      kind: 'integer',
      min: 16,
      max: 32768,
      default: DEFAULT_FRAME_FEATURE_OPTIONS.fftLength,
      description: 'FFT length in samples, a power of two',
    },
    hop: {
      kind: 'integer',
      min: 1,
      max: 32768,
      default: DEFAULT_FRAME_FEATURE_OPTIONS.hopLength,
      description: 'hop between frames in samples',
    },
    'n-mels': {
      kind: 'integer',
      min: 1,
      max: 512,
      default: DEFAULT_FRAME_FEATURE_OPTIONS.melBins,
      description: 'number of mel bands',
    },
    'sample-rate': {
      kind: 'integer',
      min: 1000,
      max: MAX_SAMPLE_RATE_HZ,
      placeholder: 'HZ',
      description: "resample to this rate first, Hz; default: the file's rate",
    },
    json: { kind: 'boolean', description: 'print every frame as JSON on stdout' },
    output: {
      kind: 'string',
      short: 'o',
      placeholder: 'FILE',
      description: 'write the JSON to FILE (atomically; - for stdout)',
    },
    quiet: { kind: 'boolean', short: 'q', description: 'print nothing on success (with -o)' },
  },
  examples: [
    ['features note.wav', 'summary of a file at its own sample rate'],
    ['features note.flac --n-fft 4096 --json > features.json', 'every frame as JSON'],
    [
      'features note.mp3 --sample-rate 16000 --n-mels 128 -o features.json',
      'resample, 128 mels, write a file',
    ],
  ],
  async run({ positionals, values, io }) {
    const path = positionals[0]!;
    const fftLength = values['n-fft'] as number;
    if ((fftLength & (fftLength - 1)) !== 0) {
      throw new UsageError(
        `--n-fft must be a power of two (16, 32, ..., 32768); got ${fftLength}`,
        'features',
      );
    }
    const hopLength = values['hop'] as number;
    const melBins = values['n-mels'] as number;
    const clip = await readAudio(userPath(io, path), {
      ...(values['sample-rate'] === undefined ? {} : { sampleRateHz: values['sample-rate'] as number }),
      minimumSamples: fftLength,
      minimumReason: `one analysis frame (n_fft ${fftLength})`,
      onWarning: (message) => warn(io, message),
    });
    try {
      checkFeatureSize(clip.samples.length, fftLength, hopLength);
    } catch (error) {
      throw new Error(`${path}: ${(error as Error).message}`);
    }
    await useCpuBackend();
    const features = computeFrameFeatures(clip.samples, {
      sampleRateHz: clip.sampleRateHz,
      fftLength,
      hopLength,
      melBins,
    });
    const json = `${JSON.stringify({ source: path, ...features })}\n`;
    const output = values['output'] as string | undefined;
    if (output) {
      await writeOutput(io, output, json);
      if (!values['quiet'] && !values['json'] && !isStandardOutput(output))
        io.stdout.write(`wrote ${output} (${features.frames} frames)\n`);
    }
    if (values['json']) io.stdout.write(json);
    else if (!output && !values['quiet']) io.stdout.write(formatFeatureSummary(path, features));
    return 0;
  },
};
