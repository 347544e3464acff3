// `ae-ddsp memory`, `match --memory` and `encoder train` through the real executable: the
// bank grows, lists its targets as typed, recalls, refuses corrupt files without touching
// them, and two concurrent writers lose no entries.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, runBinary } from '../test-support/binary';
import { sox, temporaryFolder } from '../test-support/fixtures';

const folder = temporaryFolder();
afterAll(folder.remove);

/** One-second notes made by sox: `<wave>_<midi>.wav` in `sub`. */
function notes(sub: string, names: readonly string[]): void {
  mkdirSync(join(folder.dir, sub), { recursive: true });
  for (const name of names) {
    const [wave, midi] = name.replace('.wav', '').split('_') as [string, string];
    const hz = 440 * 2 ** ((Number(midi) - 69) / 12);
    sox([
      '-n',
      '-r',
      '16000',
      '-b',
      '16',
      '-c',
      '1',
      join(folder.dir, sub, name),
      'synth',
      '1',
      wave,
      String(hz),
      'fade',
      '0.01',
      '1',
      '0.2',
      'vol',
      '0.5',
    ]);
  }
}
const fast = ['--steps', '2'];

describe('ae-ddsp memory', () => {
  it('learns files into a bank, lists them as typed, shows and recalls; match --memory warm-starts', async () => {
    notes('in', ['sawtooth_45.wav', 'sawtooth_50.wav', 'sine_72.wav']);
    const learn = await runBinary(
      ['memory', 'learn', 'in/sawtooth_45.wav', 'in/sine_72.wav', '--memory', 'bank.json', ...fast],
      {
        cwd: folder.dir,
      },
    );
    expect(learn.status, learn.stderr).toBe(0);
    expect(learn.stdout).toMatch(/in\/sawtooth_45.wav: category 0, cold/);
    const list = await runBinary(['memory', 'list', '--memory', 'bank.json', '--json'], { cwd: folder.dir });
    const listed = JSON.parse(list.stdout);
    const targets = listed.categories.flatMap((c: { targets: string[] }) => c.targets);
    expect(targets.sort()).toEqual(['in/sawtooth_45.wav', 'in/sine_72.wav']);
    const show = await runBinary(['memory', 'show', '0', '--memory', 'bank.json'], { cwd: folder.dir });
    expect(JSON.parse(show.stdout).entries[0].target).toBe('in/sawtooth_45.wav');
    const recall = await runBinary(
      ['memory', 'recall', 'in/sawtooth_45.wav', '--memory', 'bank.json', '--out', 'p.json', '--json'],
      {
        cwd: folder.dir,
      },
    );
    expect(JSON.parse(recall.stdout)).toMatchObject({ category: 0, from: 'in/sawtooth_45.wav' });
    expect(JSON.parse(readFileSync(join(folder.dir, 'p.json'), 'utf8')).format).toBe('ae-ddsp-patch');
    const match = await runBinary(
      ['match', 'in/sawtooth_45.wav', '--memory', 'bank.json', '--out', 'm', '--json', ...fast],
      {
        cwd: folder.dir,
      },
    );
    expect(match.status, match.stderr).toBe(0);
    expect(JSON.parse(match.stdout).memory).toEqual({
      bank: 'bank.json',
      category: 0,
      warm_start: { category: 0, from: 'in/sawtooth_45.wav' },
    });
  }, 120_000);

  it('two concurrent writers lose no entries', async () => {
    const runs = await Promise.all(
      ['sawtooth_50.wav', 'sine_72.wav'].map((f) =>
        runBinary(['memory', 'learn', `in/${f}`, '--memory', 'shared.json', ...fast], { cwd: folder.dir }),
      ),
    );
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const bank = JSON.parse(readFileSync(join(folder.dir, 'shared.json'), 'utf8'));
    const targets = bank.categories.flatMap((c: { entries: { target: string }[] }) =>
      c.entries.map((e) => e.target),
    );
    expect(targets.sort()).toEqual(['in/sawtooth_50.wav', 'in/sine_72.wav']);
  }, 120_000);

  it('a corrupt or foreign bank is a clear error and is never overwritten', async () => {
    for (const [name, text] of [
      ['corrupt.json', '{"format": "ae-ddsp/patch-bank", '],
      ['foreign.json', '{"format": "ae-ddsp-patch", "version": 1}'],
    ] as const) {
      writeFileSync(join(folder.dir, name), text);
      const run = await runBinary(['memory', 'learn', 'in/sawtooth_45.wav', '--memory', name, ...fast], {
        cwd: folder.dir,
      });
      expect(run.status).toBe(1);
      expect(errorLine(run)).toMatch(new RegExp(`${name}: not a patch bank`));
      expect(readFileSync(join(folder.dir, name), 'utf8')).toBe(text);
    }
    const missing = await runBinary(['memory', 'list', '--memory', 'none.json'], { cwd: folder.dir });
    expect(errorLine(missing)).toMatch(/none.json: no such bank/);
  }, 60_000);
});

describe('ae-ddsp encoder train', () => {
  it('writes the same weights twice (a tiny configuration)', async () => {
    notes('tiny', [
      'sawtooth_45.wav',
      'sawtooth_57.wav',
      'sine_60.wav',
      'sine_64.wav',
      'square_50.wav',
      'square_62.wav',
    ]);
    const args = [
      'encoder',
      'train',
      'tiny',
      '--renders',
      '1',
      '--steps',
      '5',
      '--hidden',
      '4',
      '--dimensions',
      '3',
    ];
    const first = await runBinary([...args, '--out', 'a.json'], { cwd: folder.dir });
    expect(first.status, first.stderr).toBe(0);
    const second = await runBinary([...args, '--out', 'b.json'], { cwd: folder.dir });
    expect(second.status, second.stderr).toBe(0);
    const a = readFileSync(join(folder.dir, 'a.json'), 'utf8');
    expect(readFileSync(join(folder.dir, 'b.json'), 'utf8')).toBe(a);
    const weights = JSON.parse(a);
    expect(weights.layers[1].outputs).toBe(3);
    expect(weights.training.notes).toMatchObject({ instruments: ['sawtooth', 'square'], heldOut: ['sine'] });
  }, 180_000);
});
