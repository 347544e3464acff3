/**
 * `ae-ddsp memory learn|list|show|recall`: grow and use a patch bank, a continual timbre
 * memory in one JSON file (`--memory bank.json`). `learn` matches each file (warm from its
 * category's patch when it resonates with one, else cold) and stores the result; `list`
 * prints the categories with their targets; `show` prints one category; `recall` finds the
 * patch for a new sound without matching.
 * @module
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { MATCH_LOSS_DEFAULTS } from '@ae-ddsp/features';
import { METHOD_NAMES, type MethodName } from '@ae-ddsp/trainer';
import { readAudio } from '../audio/read-audio';
import { writeFileAtomic } from '../cli/atomic-write';
import type { Command, CommandContext } from '../cli/command';
import { warn } from '../cli/io';
import { userPath } from '../cli/paths';
import { useCpuBackend } from '../cli/tensorflow';
import { UsageError } from '../cli/usage-error';
import { MATCH_LOSSES } from '../match/losses';
import { MATCH_ANALYSIS_FRAME } from '../match/match-objective';
import { runMatch } from '../match/run-match';
import { createPlant, PRESETS, presetSource } from '../synth/synth-source';
import { checkEmbedding, readBank } from './bank-file';
import { BANK_EMBEDDING, darMemory, describeTarget, rememberMatch, warmStart } from './bank-match';
import { DEFAULT_BANK_VIGILANCE, recall } from './patch-bank';

/** Default steps of `memory learn` per file. */
export const DEFAULT_LEARN_STEPS = 60;

/** Audio file extensions `memory learn` picks up in a folder. */
export const AUDIO_EXTENSIONS = Object.freeze(['.wav', '.flac', '.mp3', '.ogg']);

const ACTIONS = ['learn', 'list', 'show', 'recall'] as const;

/** The files named by `inputs`: files as given, folders as their audio files in name order. */
export async function expandInputs(
  inputs: readonly string[],
  resolve: (typed: string) => string,
): Promise<string[]> {
  const files: string[] = [];
  for (const typed of inputs) {
    const info = await stat(resolve(typed)).catch(() => undefined);
    if (!info) throw new Error(`${typed}: no such file or folder`);
    if (!info.isDirectory()) {
      files.push(typed);
      continue;
    }
    const names = (await readdir(resolve(typed)))
      .filter((n) => AUDIO_EXTENSIONS.includes(extname(n).toLowerCase()))
      .sort();
    if (names.length === 0) throw new Error(`${typed}: no audio files (${AUDIO_EXTENSIONS.join(', ')})`);
    files.push(...names.map((n) => join(typed, n)));
  }
  return files;
}

async function requireBank(path: string, shown: string) {
  const bank = await readBank(path, shown);
  if (!bank) throw new Error(`${shown}: no such bank (create one with 'ae-ddsp memory learn')`);
  return bank;
}

async function learn(
  { positionals, values, io }: CommandContext,
  bankPath: string,
  shown: string,
): Promise<number> {
  const inputs = positionals.slice(1);
  if (inputs.length === 0) throw new UsageError('memory learn needs audio files or folders', 'memory');
  const files = await expandInputs(inputs, (t) => userPath(io, t));
  const steps = values['steps'] as number;
  const seed = values['seed'] as number;
  const method = values['method'] as MethodName;
  const vigilance = values['vigilance'] as number;
  const fallback = presetSource((values['preset'] as string | undefined) ?? 'subtractive');
  const sampleRateHz = 16000;
  const loss = MATCH_LOSSES.match.create({ sampleRateHz, pitchWeight: MATCH_LOSS_DEFAULTS.pitchWeight });
  await useCpuBackend();
  const rows = [];
  for (const file of files) {
    const clip = await readAudio(userPath(io, file), {
      sampleRateHz,
      minimumSamples: MATCH_ANALYSIS_FRAME,
      minimumReason: `one analysis frame (n_fft ${MATCH_ANALYSIS_FRAME})`,
      onWarning: (message) => warn(io, `${file}: ${message}`),
    });
    const target = describeTarget(clip.samples, sampleRateHz, file);
    const warm = await warmStart(bankPath, shown, target);
    const source = warm?.source ?? fallback;
    const plant = createPlant(source, sampleRateHz);
    const result = await runMatch({
      target: clip.samples,
      sampleRateHz,
      plant,
      method,
      steps,
      seed,
      loss,
      ...(values['dar'] ? { memory: await darMemory(bankPath, shown) } : {}),
    });
    if (!Number.isFinite(result.bestLoss))
      throw new Error(`${file}: the match diverged; the bank is unchanged`);
    const category = await rememberMatch(
      bankPath,
      shown,
      target,
      {
        preset: warm ? (warm.entry.preset ?? null) : fallback.name,
        patch: plant.toPatch(result.bestNormalised),
        parameters: result.bestNormalised,
        distance: result.bestLoss,
        loss: 'match',
        steps: result.steps,
        warmStart: warm !== undefined,
      },
      vigilance,
    );
    const row = {
      target: file,
      category,
      warm_start: warm ? { category: warm.category, from: warm.entry.target } : null,
      initial_loss: result.initialLoss,
      final_loss: result.bestLoss,
      steps: result.steps,
    };
    rows.push(row);
    if (values['json']) continue;
    io.stdout.write(
      `${file}: category ${category}, ${warm ? `warm from ${warm.entry.target}` : 'cold'}, loss ${result.initialLoss.toExponential(3)} → ${result.bestLoss.toExponential(3)} in ${result.steps} steps\n`,
    );
  }
  if (values['json']) io.stdout.write(`${JSON.stringify(rows)}\n`);
  return 0;
}

async function list({ values, io }: CommandContext, bankPath: string, shown: string): Promise<number> {
  const bank = await requireBank(bankPath, shown);
  const categories = bank.categories.map((c) => ({
    category: c.id,
    targets: c.entries.map((e) => e.target),
    best_distance: Math.min(...c.entries.map((e) => e.distance)),
  }));
  if (values['json']) {
    io.stdout.write(
      `${JSON.stringify({ embedding: bank.embedding, vigilance: bank.art.options.rho, categories })}\n`,
    );
    return 0;
  }
  io.stdout.write(`${shown}: ${categories.length} categories, vigilance ${bank.art.options.rho}\n`);
  for (const c of categories)
    io.stdout.write(
      `  ${String(c.category).padStart(3)}  ${c.targets.length} target(s): ${c.targets.join(', ')}\n`,
    );
  return 0;
}

async function show({ positionals, io }: CommandContext, bankPath: string, shown: string): Promise<number> {
  const bank = await requireBank(bankPath, shown);
  const typed = positionals[1];
  const id = Number(typed);
  if (typed === undefined || !Number.isInteger(id) || id < 0 || id >= bank.categories.length)
    throw new UsageError(
      `memory show needs a category number in 0..${bank.categories.length - 1}, got ${typed ?? 'none'}`,
      'memory',
    );
  const weight = bank.art.weights[id]!;
  io.stdout.write(
    `${JSON.stringify({ category: id, weight, entries: bank.categories[id]!.entries }, null, 2)}\n`,
  );
  return 0;
}

async function recallCommand({ positionals, values, io }: CommandContext, bankPath: string, shown: string) {
  const bank = await requireBank(bankPath, shown);
  checkEmbedding(bank, BANK_EMBEDDING, shown);
  const file = positionals[1];
  if (file === undefined || positionals.length > 2)
    throw new UsageError('memory recall needs exactly one audio file', 'memory');
  const clip = await readAudio(userPath(io, file), {
    sampleRateHz: 16000,
    minimumSamples: MATCH_ANALYSIS_FRAME,
    onWarning: (message) => warn(io, message),
  });
  await useCpuBackend();
  const target = describeTarget(clip.samples, 16000, file);
  const found = recall(bank, target.embedding, target.f0Hz);
  const out = values['out'] as string | undefined;
  if (found && out)
    await writeFileAtomic(userPath(io, out), `${JSON.stringify(found.entry.patch, null, 2)}\n`);
  const summary = found
    ? {
        target: file,
        category: found.category,
        from: found.entry.target,
        distance: found.entry.distance,
        f0_hz: target.f0Hz,
      }
    : { target: file, category: -1 };
  if (values['json']) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else if (found)
    io.stdout.write(
      `${file}: category ${found.category}; patch of ${found.entry.target} (distance ${found.entry.distance.toExponential(3)})${out ? `, written to ${out}` : ''}\n`,
    );
  else io.stdout.write(`${file}: resonates with no category of ${shown}\n`);
  return found ? 0 : 1;
}

/** The `memory` command. */
export const memoryCommand: Command = {
  name: 'memory',
  summary: 'grow and use a patch bank of timbres (DAR-DDSP)',
  description: [
    'A patch bank is a continual timbre memory in one JSON file: a Fuzzy ART memory of the',
    "targets' timbre embeddings (the shipped encoder of @ae-ddsp/art-memory) whose categories",
    'keep the patch matched for each of their targets.',
    '',
    '  learn <files|folders>  match each file and store it: a file that resonates with a category',
    "                         warm-starts from that category's patch (nearest f0), else it is",
    '                         matched cold from --preset and allocates a new category',
    '  list                   the categories and their targets (--json: machine-readable)',
    '  show <category>        one category: its prototype and entries (JSON)',
    '  recall <audio>         the category a sound resonates with and its patch (--out FILE)',
    '',
    'Writes are atomic and locked: a corrupt or foreign bank is an error and is never',
    'overwritten, and concurrent writers re-read the bank under the lock, so none loses entries.',
  ].join('\n'),
  positionals: [
    { name: '<action>', description: `one of ${ACTIONS.join(', ')}` },
    {
      name: '[args...]',
      description: 'files or folders (learn), a category (show), a file (recall)',
      optional: true,
      variadic: true,
    },
  ],
  flags: {
    memory: { kind: 'string', placeholder: 'BANK.json', description: 'the patch bank file (required)' },
    preset: {
      kind: 'choice',
      choices: PRESETS,
      placeholder: 'NAME',
      description: 'learn: synth preset of a cold start (default subtractive)',
    },
    method: {
      kind: 'choice',
      choices: METHOD_NAMES,
      default: 'ae-ddsp',
      placeholder: 'NAME',
      description: 'learn: optimisation method',
    },
    steps: {
      kind: 'integer',
      min: 1,
      max: 100000,
      default: DEFAULT_LEARN_STEPS,
      description: 'learn: steps per file',
    },
    seed: { kind: 'integer', min: 0, max: 2147483647, default: 1, description: 'learn: random seed' },
    vigilance: {
      kind: 'number',
      min: 0,
      max: 1,
      default: DEFAULT_BANK_VIGILANCE,
      placeholder: 'RHO',
      description: 'learn: vigilance ρ of a new bank',
    },
    dar: {
      kind: 'boolean',
      description:
        "learn: couple the trainer to the bank's prototypes (DAR-DDSP resonance regulariser and feedback)",
    },
    out: { kind: 'string', placeholder: 'FILE.json', description: 'recall: write the recalled patch here' },
    json: { kind: 'boolean', description: 'print JSON' },
  },
  examples: [
    ['memory learn notes/ --memory bank.json', 'match every audio file in notes/ and store the patches'],
    ['memory list --memory bank.json --json', 'the categories and their targets, as JSON'],
    ['memory recall new.wav --memory bank.json --out patch.json', 'the stored patch for a new sound'],
  ],
  async run(context) {
    const action = context.positionals[0]!;
    if (!(ACTIONS as readonly string[]).includes(action))
      throw new UsageError(
        `unknown action ${JSON.stringify(action)}; actions: ${ACTIONS.join(', ')}`,
        'memory',
      );
    const shown = context.values['memory'] as string | undefined;
    if (!shown) throw new UsageError('give the bank file with --memory BANK.json', 'memory');
    const bankPath = userPath(context.io, shown);
    if (action === 'learn') return learn(context, bankPath, shown);
    if (action === 'list') return list(context, bankPath, shown);
    if (action === 'show') return show(context, bankPath, shown);
    return recallCommand(context, bankPath, shown);
  },
};
