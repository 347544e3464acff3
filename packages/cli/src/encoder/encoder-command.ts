/**
 * `ae-ddsp encoder train <notes-folder>`: trains the timbre encoder E of
 * `@ae-ddsp/art-memory/encoder` on recorded notes and synth renders and writes its weights
 * as JSON. Deterministic: the same notes and flags write the same file byte for byte. Run
 * with its defaults on the project's notes, it makes the weights the package ships.
 * @module
 */
import { DEFAULT_ENCODER_TRAINING, trainTimbreEncoder } from '@ae-ddsp/art-memory/encoder';
import { writeFileAtomic } from '../cli/atomic-write';
import type { Command } from '../cli/command';
import { userPath } from '../cli/paths';
import { useCpuBackend } from '../cli/tensorflow';
import { UsageError } from '../cli/usage-error';
import { encoderTrainingSet } from './training-set';

/** Default random patches per preset. */
export const DEFAULT_TRAINING_RENDERS = 8;

/** The `encoder` command. */
export const encoderCommand: Command = {
  name: 'encoder',
  summary: 'train the timbre encoder of the patch bank (DAR-DDSP)',
  description: [
    'train <notes-folder>: trains the timbre encoder E (h* = E(φ(x)) in [0, 1]^d) contrastively,',
    'so that one instrument at different notes lands close and different instruments apart.',
    'Data: the .wav notes of the folder grouped by instrument (labels.json beside them, or the',
    'file-name prefix before "_"), every other instrument by name unless --all-instruments (the',
    'rest is held out for evaluation), plus renders of --renders seeded random patches per preset,',
    'each at four notes. Writes the weights JSON to --out. Same inputs, same file.',
  ].join('\n'),
  positionals: [
    { name: '<action>', description: 'train' },
    { name: '<notes-folder>', description: 'folder of .wav notes' },
  ],
  flags: {
    out: {
      kind: 'string',
      placeholder: 'FILE.json',
      description: 'weights file to write (default timbre-encoder.json)',
    },
    labels: {
      kind: 'string',
      placeholder: 'FILE.json',
      description: 'labels file (default <folder>/labels.json)',
    },
    renders: {
      kind: 'integer',
      min: 0,
      max: 1000,
      default: DEFAULT_TRAINING_RENDERS,
      description: 'random patches per preset',
    },
    steps: {
      kind: 'integer',
      min: 1,
      max: 100000,
      default: DEFAULT_ENCODER_TRAINING.steps,
      description: 'training steps (full-batch Adam)',
    },
    hidden: {
      kind: 'integer',
      min: 1,
      max: 1024,
      default: DEFAULT_ENCODER_TRAINING.hidden,
      description: 'hidden units',
    },
    dimensions: {
      kind: 'integer',
      min: 1,
      max: 256,
      default: DEFAULT_ENCODER_TRAINING.dimensions,
      description: 'embedding size d',
    },
    seed: {
      kind: 'integer',
      min: 0,
      max: 2147483647,
      default: DEFAULT_ENCODER_TRAINING.seed,
      description: 'random seed',
    },
    'all-instruments': { kind: 'boolean', description: 'train on every instrument (no held-out half)' },
  },
  examples: [
    ['encoder train notes/ --out encoder.json', 'train on notes/ (half the instruments) and synth renders'],
  ],
  async run({ positionals, values, io }) {
    if (positionals[0] !== 'train')
      throw new UsageError(`unknown action ${JSON.stringify(positionals[0])}; actions: train`, 'encoder');
    const folder = positionals[1]!;
    const out = (values['out'] as string | undefined) ?? 'timbre-encoder.json';
    await useCpuBackend();
    const set = await encoderTrainingSet({
      folder: userPath(io, folder),
      labels: values['labels'] === undefined ? undefined : userPath(io, values['labels'] as string),
      renders: values['renders'] as number,
      seed: values['seed'] as number,
      allInstruments: values['all-instruments'] === true,
      sampleRateHz: 16000,
    });
    const { weights, loss } = trainTimbreEncoder({
      features: set.features,
      groups: set.groups,
      steps: values['steps'] as number,
      hidden: values['hidden'] as number,
      dimensions: values['dimensions'] as number,
      seed: values['seed'] as number,
      provenance: { command: 'ae-ddsp encoder train', ...set.provenance },
    });
    await writeFileAtomic(userPath(io, out), `${JSON.stringify(weights)}\n`);
    io.stdout.write(
      `trained on ${set.features.length} clips in ${new Set(set.groups).size} groups: loss ${loss.first.toFixed(4)} → ${loss.last.toFixed(4)}; wrote ${out}\n`,
    );
    return 0;
  },
};
