import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../test-support/fixtures';
import { collectTargets } from './batch-targets';

const folder = temporaryFolder('ae-ddsp-targets-');
afterAll(folder.remove);
const path = (name: string) => join(folder.dir, name);

describe('batch targets', () => {
  it('finds audio files in folders recursively, in name order, without hidden ones', async () => {
    mkdirSync(path('lib/z/deep'), { recursive: true });
    mkdirSync(path('lib/.hidden'), { recursive: true });
    for (const name of [
      'lib/b.WAV',
      'lib/a.flac',
      'lib/notes.txt',
      'lib/z/deep/c.mp3',
      'lib/.hidden/d.wav',
      'lib/.e.wav',
    ])
      writeFileSync(path(name), 'x');
    const targets = await collectTargets(['lib', path('single.ogg')], folder.dir);
    expect(targets.map((t) => t.target)).toEqual([
      path('lib/a.flac'),
      path('lib/b.WAV'),
      path('lib/z/deep/c.mp3'),
      path('single.ogg'),
    ]);
  });

  it('reads a manifest: paths against its folder, settings per line', async () => {
    mkdirSync(path('m'), { recursive: true });
    writeFileSync(
      path('m/list.jsonl'),
      '{"target": "a.wav", "preset": "fm", "steps": 20}\n\n{"target": "/abs/b.wav"}\n',
    );
    const targets = await collectTargets(['m/list.jsonl'], folder.dir);
    expect(targets).toEqual([
      { target: path('m/a.wav'), overrides: { preset: 'fm', steps: '20' }, origin: 'm/list.jsonl line 1' },
      { target: '/abs/b.wav', overrides: {}, origin: 'm/list.jsonl line 3' },
    ]);
  });

  it('says which manifest line is wrong and what was expected', async () => {
    const bad = async (text: string) => {
      writeFileSync(path('bad.jsonl'), text);
      return collectTargets(['bad.jsonl'], folder.dir).then(
        () => 'no error',
        (error: Error) => error.message,
      );
    };
    expect(await bad('{"target": "a.wav"}\nnot json\n')).toBe(
      'bad.jsonl line 2: is not JSON; expected {"target": "file.wav", ...}',
    );
    expect(await bad('{"file": "a.wav"}\n')).toBe('bad.jsonl line 1: "target" must be a file path');
    expect(await bad('{"target": "a.wav", "colour": "red"}\n')).toBe(
      'bad.jsonl line 1: unknown key "colour"; expected preset, method, steps, seed',
    );
    expect(await bad('\n')).toBe('bad.jsonl: the manifest lists no targets');
    mkdirSync(path('empty'), { recursive: true });
    await expect(collectTargets(['empty'], folder.dir)).rejects.toThrow('empty: no audio files');
  });
});
