// Tiny targets for the batch tests (0.3 s at 16 kHz, just over match's 4096-sample minimum, so
// a 3-step job takes a second) and helpers to read a batch's output folder.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JobRecord } from '../batch/job-record';
import { sox } from './fixtures';

/** The steps every batch test job runs. */
export const TEST_STEPS = ['--steps', '3'];

/** Writes a 0.3 s tone `wave` (sine, saw, square…) at `frequencyHz` to `path`. */
export function writeTone(path: string, wave: string, frequencyHz: number, seconds = 0.3): void {
  sox([
    '-n',
    '-r',
    '16000',
    '-b',
    '16',
    path,
    'synth',
    String(seconds),
    wave,
    String(frequencyHz),
    'vol',
    '0.5',
  ]);
}

/** A library in `folder`: two good targets (one in a subfolder) and the three kinds of bad one. */
export function writeLibrary(folder: string): {
  good: string[];
  bad: Record<'corrupt' | 'silent' | 'short', string>;
} {
  mkdirSync(join(folder, 'sub'), { recursive: true });
  const good = [join(folder, 'a.wav'), join(folder, 'sub', 'b.wav')];
  writeTone(good[0]!, 'sine', 440);
  writeTone(good[1]!, 'sawtooth', 220);
  const bad = {
    corrupt: join(folder, 'corrupt.wav'),
    silent: join(folder, 'silent.wav'),
    short: join(folder, 'short.wav'),
  };
  writeFileSync(bad.corrupt, 'RIFF not really a wave file');
  sox(['-n', '-r', '16000', '-b', '16', bad.silent, 'trim', '0', '0.3']);
  writeTone(bad.short, 'sine', 440, 0.1);
  return { good, bad };
}

/** Every line of `out/index.jsonl`, parsed (throws on a corrupt line). */
export function indexRecords(out: string): JobRecord[] {
  return readFileSync(join(out, 'index.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as JobRecord);
}

/** The job folders in `out` (everything but the index files and hidden entries). */
export function jobFolders(out: string): string[] {
  return readdirSync(out)
    .filter((name) => !name.startsWith('.') && name !== 'index.jsonl' && name !== 'index.html')
    .sort();
}

/** Entries of `out/.staging` (none when it does not exist). */
export function stagingEntries(out: string): string[] {
  try {
    return readdirSync(join(out, '.staging'));
  } catch {
    return [];
  }
}
