/**
 * `ae-ddsp match <target>`: matches a target sound with a synth preset or patch through the
 * AE-DDSP trainer and writes matched.wav, patch.json, metrics.jsonl, summary.json and
 * report.html into the output folder, all-or-nothing.
 * @module
 */

import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { compareNotes, MATCH_LOSS_DEFAULTS, midiToHz } from '@ae-ddsp/features';
import { savePatch } from '@ae-ddsp/plant';
import { METHOD_NAMES, type MethodName } from '@ae-ddsp/trainer';
import { computeFrameFeatures } from '../analysis/frame-features';
import { encodeWav } from '../audio/encode-wav';
import { readAudio } from '../audio/read-audio';
import { commitFiles } from '../cli/atomic-write';
import type { Command } from '../cli/command';
import { warn } from '../cli/io';
import { userPath } from '../cli/paths';
import { createProgress } from '../cli/progress';
import { useCpuBackend } from '../cli/tensorflow';
import { UsageError } from '../cli/usage-error';
import { CLI_VERSION } from '../cli/version';
import { MATCH_LOSS_NAMES, MATCH_LOSSES, type MatchLossName } from '../match/losses';
import { MATCH_ANALYSIS_FRAME } from '../match/match-objective';
import { comparisonRecord, type MatchSummary } from '../match/match-records';
import { DEFAULT_WINDOW_SECONDS, runMatch } from '../match/run-match';
import { darMemory, describeTarget, rememberMatch, warmStart } from '../memory/bank-match';
import { matchReportHtml } from '../report/report-html';
import { createPlant, PRESETS, patchFileSource, presetSource } from '../synth/synth-source';
import { peakDbfs } from './render-command';

/** Where `match` starts: the target's analysis mapped onto the synth, or the preset's own values. */
export const MATCH_INIT_CHOICES = Object.freeze(['analysis', 'preset'] as const);

/** Default `--init` of `match`. */
export const DEFAULT_MATCH_INIT: (typeof MATCH_INIT_CHOICES)[number] = 'analysis';

/** Default number of steps of `match`. */
export const DEFAULT_MATCH_STEPS = 150;

/** Files `match` writes into its output folder. */
export const MATCH_OUTPUT_FILES = Object.freeze([
  'matched.wav',
  'patch.json',
  'metrics.jsonl',
  'summary.json',
  'report.html',
]);

/** Default output folder for a target: `match-<target name>`. */
export function defaultOutputFolder(target: string): string {
  return `match-${basename(target, extname(target)) || 'target'}`;
}

/** The f0 hint of `--f0` or `--midi` (undefined when neither is given); throws a UsageError on misuse. */
export function pitchHint(
  f0: number | undefined,
  midi: number | undefined,
  init: string,
  sampleRateHz: number,
): number | undefined {
  if (f0 !== undefined && midi !== undefined) throw new UsageError('give --f0 or --midi, not both', 'match');
  if ((f0 !== undefined || midi !== undefined) && init !== 'analysis') {
    throw new UsageError(
      `--${f0 !== undefined ? 'f0' : 'midi'} sets the pitch of the analysis start; it needs --init analysis, not --init ${init}`,
      'match',
    );
  }
  const hz = f0 ?? (midi === undefined ? undefined : midiToHz(midi));
  if (hz !== undefined && !(hz < sampleRateHz / 2)) {
    throw new UsageError(
      `the pitch hint ${hz.toFixed(1)} Hz must be below half the sample rate (${sampleRateHz / 2} Hz)`,
      'match',
    );
  }
  return hz;
}

/** The `match` command. */
export const matchCommand: Command = {
  name: 'match',
  summary: 'match a target sound with a synth preset or patch (AE-DDSP)',
  description: [
    'Reads the target (WAV, FLAC, MP3, Ogg; mixed to mono, resampled to --sample-rate with a',
    'band-limited resampler) and optimises the synth parameters so the synth sounds like it:',
    'gradient steps on a multi-resolution log-mel + cumulative-spectrum + loudness-envelope',
    'loss with a level limit at -1 dBFS, with learning',
    'rate, momentum and dither scheduled by the AE-DDSP law, plus sparse local tests. Targets',
    `longer than ${1.5 * DEFAULT_WINDOW_SECONDS} s train on sliding ${DEFAULT_WINDOW_SECONDS} s windows.`,
    '',
    'Writes into --out: matched.wav (the matched synth over the whole target), patch.json (a',
    "patch 'ae-ddsp render' and @ae-ddsp/plant load back), metrics.jsonl (one line per step:",
    'loss, reward, alpha, mu, sigma, norms, parameters), summary.json (final loss, steps, time,',
    'method, preset, seed, peak level and every parameter with its unit) and report.html (plots, spectrograms',
    'and players; opens offline). Files are written only when the run succeeds.',
  ].join('\n'),
  positionals: [{ name: '<target>', description: 'the sound to match (an audio file)' }],
  flags: {
    preset: {
      kind: 'choice',
      choices: PRESETS,
      placeholder: 'NAME',
      description: 'synth preset to match with (default subtractive)',
    },
    patch: {
      kind: 'string',
      placeholder: 'FILE.json',
      description: 'match with this JSON patch instead of a preset',
    },
    method: {
      kind: 'choice',
      choices: METHOD_NAMES,
      default: 'ae-ddsp',
      placeholder: 'NAME',
      description: 'optimisation method',
    },
    steps: {
      kind: 'integer',
      min: 1,
      max: 100000,
      default: DEFAULT_MATCH_STEPS,
      description: 'optimisation steps',
    },
    seed: {
      kind: 'integer',
      min: 0,
      max: 2147483647,
      default: 1,
      description: 'random seed (same seed, same result)',
    },
    'sample-rate': {
      kind: 'integer',
      min: 8000,
      max: 48000,
      default: 16000,
      placeholder: 'HZ',
      description: 'working sample rate, Hz',
    },
    loss: {
      kind: 'choice',
      choices: MATCH_LOSS_NAMES,
      default: MATCH_LOSS_NAMES[0],
      placeholder: 'NAME',
      description: `loss to minimise: ${MATCH_LOSS_NAMES.map((n) => `${n} (${MATCH_LOSSES[n].summary})`).join('; ')}`,
    },
    'pitch-weight': {
      kind: 'number',
      min: 0,
      max: 1e9,
      default: MATCH_LOSS_DEFAULTS.pitchWeight,
      placeholder: 'W',
      description: 'weight of the cumulative-spectrum (pitch) term of --loss match; 0 = log-mel only',
    },
    init: {
      kind: 'choice',
      choices: MATCH_INIT_CHOICES,
      default: DEFAULT_MATCH_INIT,
      placeholder: 'FROM',
      description:
        "starting point: 'analysis' sets pitch, envelope, level and cutoff from the target's analysis; 'preset' keeps the synth's values",
    },
    f0: {
      kind: 'number',
      min: 1,
      max: 24000,
      placeholder: 'HZ',
      description: "the target's pitch, Hz, instead of the analysed one (needs --init analysis)",
    },
    midi: {
      kind: 'integer',
      min: 0,
      max: 127,
      placeholder: 'NOTE',
      description: "the target's pitch as a MIDI note (69 = A4 = 440 Hz), instead of the analysed one",
    },
    memory: {
      kind: 'string',
      placeholder: 'BANK.json',
      description: "patch bank: warm-start from the resonating category's patch, then add the result",
    },
    dar: {
      kind: 'boolean',
      description: "with --memory: couple the trainer to the bank's prototypes (DAR-DDSP)",
    },
    out: { kind: 'string', placeholder: 'DIR', description: 'output folder (default match-<target name>)' },
    float: { kind: 'boolean', description: 'write matched.wav as 32-bit float instead of 16-bit PCM' },
    quiet: { kind: 'boolean', short: 'q', description: 'no progress and no summary; errors only' },
    json: {
      kind: 'boolean',
      description: 'no progress; print summary.json (with the output paths) on stdout',
    },
  },
  examples: [
    ['match note.wav', 'match with the subtractive preset, results in ./match-note/'],
    ['match note.flac --preset fm --steps 300 --seed 7 --out fm-note', 'another preset, budget and seed'],
    [
      'match loop.mp3 --patch my-patch.json --method adam --json > run.json',
      'your own patch, a baseline, JSON output',
    ],
  ],
  async run({ positionals, values, io }) {
    const targetTyped = positionals[0]!;
    const presetName = values['preset'] as string | undefined;
    const patchTyped = values['patch'] as string | undefined;
    if (presetName && patchTyped) throw new UsageError('give --preset or --patch, not both', 'match');
    const out = (values['out'] as string | undefined) ?? defaultOutputFolder(targetTyped);
    const outPath = userPath(io, out);
    const existing = await stat(outPath).catch(() => undefined);
    if (existing && !existing.isDirectory()) throw new Error(`${out}: exists and is not a folder (--out)`);
    const sampleRateHz = values['sample-rate'] as number;
    const method = values['method'] as MethodName;
    const steps = values['steps'] as number;
    const seed = values['seed'] as number;
    const lossEntry = MATCH_LOSSES[values['loss'] as MatchLossName];
    const lossSettings = { sampleRateHz, pitchWeight: values['pitch-weight'] as number };
    const quiet = values['quiet'] === true || values['json'] === true;
    const init = values['init'] as (typeof MATCH_INIT_CHOICES)[number];
    const f0Hz = pitchHint(
      values['f0'] as number | undefined,
      values['midi'] as number | undefined,
      init,
      sampleRateHz,
    );

    const bankTyped = values['memory'] as string | undefined;
    const bankPath = bankTyped === undefined ? undefined : userPath(io, bankTyped);
    if (values['dar'] && !bankPath) throw new UsageError('--dar needs --memory BANK.json', 'match');
    const chosen = patchTyped
      ? await patchFileSource(userPath(io, patchTyped), patchTyped)
      : presetSource(presetName ?? 'subtractive');
    const clip = await readAudio(userPath(io, targetTyped), {
      sampleRateHz,
      minimumSamples: MATCH_ANALYSIS_FRAME,
      minimumReason: `one analysis frame (n_fft ${MATCH_ANALYSIS_FRAME})`,
      onWarning: (message) => warn(io, message),
    });
    await useCpuBackend();
    const bankTarget = bankPath ? describeTarget(clip.samples, sampleRateHz, targetTyped) : undefined;
    const warm = bankPath && bankTarget ? await warmStart(bankPath, bankTyped!, bankTarget) : undefined;
    const source = warm?.source ?? chosen;
    const plant = createPlant(source, sampleRateHz);
    if (plant.parameterCount === 0) {
      throw new Error(
        `${source.name}: the patch has no parameters to match (nodes: ${source.patch.nodes.map((n) => `${n.id} (${n.type})`).join(', ')}); it needs at least one, e.g. an oscillator's frequency`,
      );
    }
    const progress = createProgress({ total: steps, io, label: 'match', quiet });
    if (!quiet) {
      io.stderr.write(
        `matching ${targetTyped} (${clip.durationSeconds.toFixed(2)} s at ${sampleRateHz} Hz) with ${source.kind} ${source.name} ` +
          `(${plant.parameterCount} parameters), method ${method}, ${steps} steps, seed ${seed}\n`,
      );
    }
    const result = await runMatch({
      target: clip.samples,
      sampleRateHz,
      plant,
      method,
      steps,
      seed,
      loss: lossEntry.create(lossSettings),
      // a warm start begins at the bank's stored patch; otherwise from the analysis or the preset
      initial: warm
        ? 'preset'
        : init === 'analysis'
          ? { from: 'analysis', ...(f0Hz === undefined ? {} : { f0Hz }) }
          : 'preset',
      ...(bankPath && values['dar'] ? { memory: await darMemory(bankPath, bankTyped!) } : {}),
      onStep: (row) =>
        progress.update(row.step + 1, { loss: row.loss ?? Number.NaN, best: row.best_loss ?? Number.NaN }),
    });
    progress.finish();
    if (!Number.isFinite(result.bestLoss)) {
      throw new Error(
        `the run diverged: no finite loss in ${result.steps} steps (try another --seed or --method)`,
      );
    }
    const bad = result.matched.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0)
      throw new Error(`the matched synth produced a non-finite sample at ${bad}; nothing written`);

    const bestPhysical = plant.toPhysical(result.bestNormalised);
    const initialPhysical = plant.toPhysical(result.initialNormalised);
    const specs = plant.describe();
    const summary: MatchSummary = {
      format: 'ae-ddsp/match-summary@1',
      target: targetTyped,
      sample_rate: sampleRateHz,
      duration_s: clip.durationSeconds,
      method,
      init,
      f0_hint_hz: f0Hz ?? null,
      preset: source.kind === 'preset' ? source.name : null,
      patch: source.kind === 'patch' ? source.name : null,
      seed,
      steps: result.steps,
      evaluations: result.evaluations,
      time_s: Number(result.seconds.toFixed(3)),
      initial_loss: Number.isFinite(result.initialLoss) ? result.initialLoss : null,
      final_loss: result.bestLoss,
      best_step: result.bestStep,
      window: result.window,
      peak_dbfs: Number(peakDbfs(result.matched).toFixed(2)),
      loss: lossEntry.describe(lossSettings),
      comparison: comparisonRecord(compareNotes(clip.samples, result.matched, sampleRateHz)),
      parameters: specs.map((spec, i) => ({
        name: spec.name,
        unit: spec.unit,
        value: bestPhysical[i]!,
        initial: initialPhysical[i]!,
        min: spec.min,
        max: spec.max,
      })),
      version: CLI_VERSION,
    };
    if (summary.peak_dbfs > 0 && !values['float']) {
      warn(
        io,
        `the match peaks at +${summary.peak_dbfs.toFixed(2)} dBFS: matched.wav clips (use --float to keep it)`,
      );
    }
    const analysis = { sampleRateHz, fftLength: 1024, hopLength: 256, melBins: 64 };
    const report = matchReportHtml({
      summary,
      metrics: result.metrics,
      target: clip.samples,
      matched: result.matched,
      targetLogMel: computeFrameFeatures(clip.samples, analysis).logmel,
      matchedLogMel: computeFrameFeatures(result.matched, analysis).logmel,
      hopLength: analysis.hopLength,
    });
    const written = await commitFiles(outPath, {
      'matched.wav': encodeWav(result.matched, sampleRateHz, {
        encoding: values['float'] ? 'float32' : 'pcm16',
      }),
      'patch.json': `${savePatch(plant.toPatch(result.bestNormalised))}\n`,
      'metrics.jsonl': result.metrics.map((row) => JSON.stringify(row)).join('\n') + '\n',
      'summary.json': `${JSON.stringify(summary, null, 2)}\n`,
      'report.html': report,
    });
    const memory =
      bankPath && bankTarget
        ? {
            bank: bankTyped,
            category: await rememberMatch(bankPath, bankTyped!, bankTarget, {
              preset: warm ? warm.entry.preset : summary.preset,
              patch: plant.toPatch(result.bestNormalised),
              parameters: result.bestNormalised,
              distance: result.bestLoss,
              loss: values['loss'] as string,
              steps: result.steps,
              warmStart: warm !== undefined,
            }),
            warm_start: warm ? { category: warm.category, from: warm.entry.target } : null,
          }
        : undefined;
    if (values['json']) {
      io.stdout.write(`${JSON.stringify({ ...summary, files: written, ...(memory ? { memory } : {}) })}\n`);
    } else if (!values['quiet']) {
      const fmt = (x: number | null) => (x === null ? '—' : x.toExponential(3));
      io.stdout.write(
        `loss ${fmt(summary.initial_loss)} → ${fmt(summary.final_loss)} in ${summary.steps} steps (${summary.time_s.toFixed(1)} s), peak ${summary.peak_dbfs.toFixed(1)} dBFS\n` +
          `wrote ${MATCH_OUTPUT_FILES.join(', ')} to ${out}\n` +
          `report: ${join(out, 'report.html')}\n` +
          (memory
            ? `bank ${bankTyped}: category ${memory.category}${warm ? ` (warm start from ${warm.entry.target})` : ' (cold start)'}\n`
            : ''),
      );
    }
    return 0;
  },
};
