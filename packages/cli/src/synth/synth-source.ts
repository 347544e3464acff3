/**
 * Where the synth of a command comes from: a built-in preset of `@ae-ddsp/plant` or a JSON
 * patch file, loaded and validated with the plant's own rules. Problems become one-line
 * errors naming the file or the preset.
 * @module
 */

import { readFile, stat } from 'node:fs/promises';
import { loadPatch, type Patch, PRESET_NAMES, presetPatch, SynthPlant } from '@ae-ddsp/plant';

/** A synth chosen on the command line. */
export interface SynthSource {
  /** `preset` or `patch` (file). */
  readonly kind: 'preset' | 'patch';
  /** Preset name, or the patch file as typed. */
  readonly name: string;
  /** The validated patch. */
  readonly patch: Patch;
}

/** Built-in preset names. */
export const PRESETS: readonly string[] = PRESET_NAMES;

/** One line about each preset. */
export const PRESET_DESCRIPTIONS: Readonly<Record<string, string>> = Object.freeze({
  subtractive: 'sawtooth oscillator → ladder low-pass swept by an ADSR → VCA with an ADSR',
  fm: 'two-operator FM: sine modulator into a sine carrier, VCA with an ADSR',
  additive: 'DDSP-style harmonic oscillator (8 partials) + band-passed white noise → VCA with an ADSR',
  'seed-stub': "the AE-DDSP seed scaffold's toy synth: sine → tanh(cutoff/2000 · x) · (1 − res)",
});

/** Whether `name` is a built-in preset. */
export function isPreset(name: string): boolean {
  return PRESETS.includes(name);
}

/** The preset `name` (throws naming the presets when unknown). */
export function presetSource(name: string): SynthSource {
  if (!isPreset(name))
    throw new Error(`unknown preset ${JSON.stringify(name)}; presets: ${PRESETS.join(', ')}`);
  return { kind: 'preset', name, patch: presetPatch(name as (typeof PRESET_NAMES)[number]) };
}

/** Largest patch file read, bytes (1 MiB; a patch is a few kB): checked before reading. */
export const MAX_PATCH_BYTES = 1024 * 1024;

/** Reads and validates a JSON patch file; `shown` is the path as the user typed it. */
export async function patchFileSource(path: string, shown = path): Promise<SynthSource> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(
      `${shown}: ${error.code === 'ENOENT' ? 'no such file' : `cannot read (${error.code ?? error.message})`}`,
    );
  });
  if (info.isDirectory()) throw new Error(`${shown}: is a directory, expected a JSON patch file`);
  if (info.size > MAX_PATCH_BYTES) {
    throw new Error(
      `${shown}: is ${(info.size / 2 ** 20).toFixed(1)} MiB, larger than a patch file may be (${MAX_PATCH_BYTES / 2 ** 20} MiB)`,
    );
  }
  const text = await readFile(path, 'utf8');
  if (text.trim() === '') throw new Error(`${shown}: is empty, expected a JSON patch`);
  try {
    return { kind: 'patch', name: shown, patch: loadPatch(text) };
  } catch (error) {
    throw new Error(`${shown}: invalid patch: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** A preset when `nameOrPath` is a preset name, else a patch file. */
export async function synthSource(nameOrPath: string, resolvedPath = nameOrPath): Promise<SynthSource> {
  if (isPreset(nameOrPath)) return presetSource(nameOrPath);
  return patchFileSource(resolvedPath, nameOrPath).catch((error: Error) => {
    if (error.message === `${nameOrPath}: no such file`) {
      throw new Error(`${nameOrPath}: no such file, and not a preset (${PRESETS.join(', ')})`);
    }
    throw error;
  });
}

/** A differentiable plant of `source` at `sampleRateHz` (throws naming the source when the patch cannot run). */
export function createPlant(source: SynthSource, sampleRateHz: number): SynthPlant {
  try {
    return new SynthPlant(source.patch, { sampleRate: sampleRateHz });
  } catch (error) {
    throw new Error(`${source.name}: cannot build the synth: ${(error as Error).message.split('\n')[0]}`);
  }
}
