/**
 * What `ae-ddsp batch` was asked to match: audio files found in folders (recursively, by
 * extension), files named on the command line, or the lines of a `manifest.jsonl`
 * (`{"target": "a.wav", "preset": "fm", "method": "adam", "steps": 50, "seed": 3}`, every
 * key but `target` optional, relative paths against the manifest's folder).
 *
 * @example
 * ```ts
 * const targets = await collectTargets(['library/', 'extra.wav'], process.cwd());
 * ```
 * @module
 */

import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';

/** File extensions a folder is searched for (the formats `match` reads). */
export const AUDIO_EXTENSIONS: readonly string[] = Object.freeze([
  '.wav',
  '.wave',
  '.flac',
  '.mp3',
  '.ogg',
  '.oga',
  '.opus',
]);

/** Settings a manifest line may set for its target. */
export const MANIFEST_SETTINGS: readonly string[] = Object.freeze(['preset', 'method', 'steps', 'seed']);

/** One target and the settings its manifest line overrides. */
export interface TargetSpec {
  /** Absolute path of the target. */
  readonly target: string;
  /** Flag values from the manifest (`preset`, `method`, `steps`, `seed`), as text. */
  readonly overrides: Readonly<Record<string, string>>;
  /** Where it came from, for error messages (`manifest.jsonl line 3`). */
  readonly origin: string;
}

/** Collects the targets of `inputs` (folders, audio files, or `.jsonl` manifests), in order. */
export async function collectTargets(inputs: readonly string[], cwd: string): Promise<TargetSpec[]> {
  const targets: TargetSpec[] = [];
  for (const input of inputs) {
    const path = resolve(cwd, input);
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const files = await audioFilesIn(path);
      if (files.length === 0)
        throw new Error(`${input}: no audio files (${AUDIO_EXTENSIONS.join(', ')}) in this folder`);
      targets.push(...files.map((target) => ({ target, overrides: {}, origin: input })));
    } else if (extname(path).toLowerCase() === '.jsonl') {
      if (!info) throw new Error(`${input}: no such manifest`);
      targets.push(...(await readManifest(path, input)));
    } else {
      // A missing or unreadable file becomes a job that fails with match's own error.
      targets.push({ target: path, overrides: {}, origin: input });
    }
  }
  return targets;
}

/** Audio files under `folder`, recursively, sorted; hidden files and folders are left out. */
async function audioFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...(await audioFilesIn(path)));
    else if (AUDIO_EXTENSIONS.includes(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}

async function readManifest(path: string, typed: string): Promise<TargetSpec[]> {
  const text = await readFile(path, 'utf8');
  const targets: TargetSpec[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const origin = `${typed} line ${i + 1}`;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      throw new Error(`${origin}: is not JSON; expected {"target": "file.wav", ...}`);
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
      throw new Error(`${origin}: expected an object like {"target": "file.wav"}`);
    const { target, ...rest } = entry as Record<string, unknown>;
    if (typeof target !== 'string' || target === '')
      throw new Error(`${origin}: "target" must be a file path`);
    const overrides: Record<string, string> = {};
    for (const [key, value] of Object.entries(rest)) {
      if (!MANIFEST_SETTINGS.includes(key))
        throw new Error(
          `${origin}: unknown key ${JSON.stringify(key)}; expected ${MANIFEST_SETTINGS.join(', ')}`,
        );
      if (typeof value !== 'string' && typeof value !== 'number')
        throw new Error(`${origin}: "${key}" must be a string or a number`);
      overrides[key] = String(value);
    }
    targets.push({ target: resolve(dirname(path), target), overrides, origin });
  }
  if (targets.length === 0) throw new Error(`${typed}: the manifest lists no targets`);
  return targets;
}
