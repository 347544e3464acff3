/**
 * The data the timbre encoder is trained on: recorded notes grouped by instrument (from a
 * `labels.json` beside them, or the file-name prefix before `_`), half of the instruments
 * held out by default, plus synth renders of seeded random patches of the built-in presets,
 * each patch played at four notes (a group per patch). Everything is seeded: the same
 * folder and settings give the same rows.
 *
 * @example
 * ```ts
 * const set = await encoderTrainingSet({ folder: 'notes', renders: 8, seed: 1 });
 * trainTimbreEncoder({ features: set.features, groups: set.groups });
 * ```
 * @module
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { timbreFeatures } from '@ae-ddsp/art-memory/encoder';
import { SeededRandom } from '@ae-ddsp/explorer';
import { midiToHz } from '@ae-ddsp/features';
import { type PresetName, presetPatch, SynthPlant } from '@ae-ddsp/plant';
import * as tf from '@tensorflow/tfjs-core';
import { readAudio } from '../audio/read-audio';

/** The presets whose random patches are rendered. */
export const TRAINING_PRESETS: readonly PresetName[] = Object.freeze([
  'subtractive',
  'fm',
  'additive',
] as PresetName[]);

/** The notes (MIDI) each random patch is played at. */
export const TRAINING_NOTES = Object.freeze([40, 52, 64, 76]);

/** Parameters that set the pitch (scaled together, so FM ratios are kept). */
const PITCH_PARAMETER = /^(osc|carrier|modulator|harmonics)\.frequency$/;

/** Options of {@link encoderTrainingSet}. */
export interface TrainingSetOptions {
  /** Folder of note files. */
  readonly folder: string;
  /** labels.json path (default `<folder>/labels.json` when present). */
  readonly labels?: string | undefined;
  /** Random patches per preset. */
  readonly renders: number;
  /** Seed of the random patches. */
  readonly seed: number;
  /** Train on every instrument instead of every other one (sorted by name). */
  readonly allInstruments: boolean;
  /** Sample rate, Hz. */
  readonly sampleRateHz: number;
}

/** φ rows, their groups, and what they came from. */
export interface TrainingSet {
  /** φ rows. */
  readonly features: number[][];
  /** Group of each row. */
  readonly groups: number[];
  /** Instruments trained on and held out; counts. */
  readonly provenance: Record<string, unknown>;
}

async function instrumentsOf(folder: string, files: string[], labels: string | undefined) {
  const path = labels ?? join(folder, 'labels.json');
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (labels && text === undefined) throw new Error(`${labels}: no such labels file`);
  const notes = text
    ? (JSON.parse(text).notes as Record<string, { instrument?: string }> | undefined)
    : undefined;
  return files.map((f) => notes?.[f]?.instrument ?? f.split('_')[0]!);
}

function φRows(audio: tf.Tensor2D): number[][] {
  const rows = tf.tidy(() => timbreFeatures(audio));
  try {
    return rows.arraySync();
  } finally {
    rows.dispose();
  }
}

/** Builds the training rows (seeded; the same inputs give the same rows). */
export async function encoderTrainingSet(options: TrainingSetOptions): Promise<TrainingSet> {
  const files = (await readdir(options.folder)).filter((f) => extname(f).toLowerCase() === '.wav').sort();
  if (files.length === 0) throw new Error(`${options.folder}: no .wav notes to train on`);
  const instruments = await instrumentsOf(options.folder, files, options.labels);
  const names = [...new Set(instruments)].sort();
  const trained = options.allInstruments ? names : names.filter((_, i) => i % 2 === 0);
  const features: number[][] = [];
  const groups: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const group = trained.indexOf(instruments[i]!);
    if (group < 0) continue;
    const clip = await readAudio(join(options.folder, files[i]!), { sampleRateHz: options.sampleRateHz });
    const audio = tf.tensor2d(clip.samples, [1, clip.samples.length]);
    features.push(...φRows(audio));
    audio.dispose();
    groups.push(group);
  }
  const notes = features.length;
  const random = new SeededRandom(options.seed);
  let group = trained.length;
  for (const preset of TRAINING_PRESETS) {
    const plant = new SynthPlant(presetPatch(preset), { sampleRate: options.sampleRateHz });
    const base = plant.initialNormalised();
    const physicalBase = plant.toPhysical(base);
    const pitched = plant.parameterNames.flatMap((n, i) => (PITCH_PARAMETER.test(n) ? [i] : []));
    for (let r = 0; r < options.renders; r++) {
      const patch = Array.from(base, (x, i) =>
        pitched.includes(i) ? x : Math.min(0.98, Math.max(0.02, x + 0.6 * (random.uniform() - 0.5))),
      );
      const physical = plant.toPhysical(patch);
      const batch = TRAINING_NOTES.map((midi) => {
        const p = Float64Array.from(physical);
        const ratio = midiToHz(midi) / physicalBase[pitched[0]!]!;
        for (const i of pitched) p[i] = physicalBase[i]! * ratio;
        return Array.from(plant.toNormalised(p));
      });
      const audio = tf.tidy(() => plant.render(tf.tensor2d(batch), options.sampleRateHz));
      features.push(...φRows(audio));
      audio.dispose();
      for (let k = 0; k < batch.length; k++) groups.push(group);
      group++;
    }
  }
  return {
    features,
    groups,
    provenance: {
      notes: { count: notes, instruments: trained, heldOut: names.filter((n) => !trained.includes(n)) },
      renders: {
        presets: TRAINING_PRESETS,
        perPreset: options.renders,
        notes: TRAINING_NOTES,
        seed: options.seed,
      },
    },
  };
}
