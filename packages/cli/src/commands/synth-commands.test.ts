// `ae-ddsp presets`, `params` and `render` through the real executable.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '../audio/read-audio';
import { errorLine, runBinary } from '../test-support/binary';
import { amplitudeAt, peakFrequency, temporaryFolder } from '../test-support/fixtures';

const folder = temporaryFolder();
const file = (name: string) => join(folder.dir, name);
afterAll(folder.remove);
const run = (args: string[]) => runBinary(args, { cwd: folder.dir });

describe('ae-ddsp presets', () => {
  it('lists the four presets with their parameter counts, as text or JSON', async () => {
    const text = await run(['presets']);
    expect(text.status).toBe(0);
    expect(
      text.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(/\s+/)[0]),
    ).toEqual(['subtractive', 'fm', 'additive', 'seed-stub']);
    const json = JSON.parse((await run(['presets', '--json'])).stdout) as {
      name: string;
      parameters: number;
    }[];
    expect(json.find((p) => p.name === 'seed-stub')!.parameters).toBe(3);
    expect(json.every((p) => p.parameters > 0)).toBe(true);
  });
});

describe('ae-ddsp params', () => {
  it('prints name, unit, range, default and value of every parameter of a preset', async () => {
    const text = await run(['params', 'seed-stub']);
    expect(text.status).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^name\s+unit\s+min\s+max\s+default\s+value\s+mapping$/);
    expect(lines.length).toBe(4);
    const json = JSON.parse((await run(['params', 'subtractive', '--json'])).stdout) as Record<
      string,
      unknown
    >[];
    expect(json[0]).toMatchObject({ name: 'osc.frequency', unit: 'Hz', min: 20, max: 8000 });
    for (const row of json) {
      for (const key of ['name', 'unit', 'min', 'max', 'default', 'value']) expect(row).toHaveProperty(key);
    }
  });

  it('names a missing patch, a directory and an invalid patch in one line', async () => {
    mkdirSync(file('folder.json'));
    writeFileSync(file('bad.json'), '[1, 2');
    writeFileSync(
      file('wrong.json'),
      JSON.stringify({
        format: 'ae-ddsp-patch',
        version: 1,
        nodes: [],
        connections: [],
        output: 'nowhere.out',
      }),
    );
    const cases: [string, RegExp][] = [
      [
        'nope.json',
        /^ae-ddsp: error: nope\.json: no such file, and not a preset \(subtractive, fm, additive, seed-stub\)$/,
      ],
      ['folder.json', /^ae-ddsp: error: folder\.json: is a directory, expected a JSON patch file$/],
      ['bad.json', /^ae-ddsp: error: bad\.json: invalid patch: patch is not valid JSON/],
      ['wrong.json', /^ae-ddsp: error: wrong\.json: invalid patch: /],
    ];
    for (const [name, pattern] of cases) {
      const r = await run(['params', name]);
      expect(r.status, name).toBe(1);
      expect(errorLine(r)).toMatch(pattern);
    }
  });
});

describe('ae-ddsp render', () => {
  it('renders a preset to 16-bit WAV at the asked length and rate; the sound is the preset’s', async () => {
    const r = await run(['render', 'seed-stub', '--duration', '0.5', '-o', 'stub.wav']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote stub\.wav \(0\.5 s, 16000 Hz, 16-bit, peak -?\d+\.\d dBFS\)\n$/);
    const bytes = readFileSync(file('stub.wav'));
    expect(bytes.readUInt16LE(34)).toBe(16); // bits per sample
    const clip = await decodeAudio(bytes, 'stub.wav');
    expect(clip.samples.length).toBe(8000);
    // seed-stub: a 220 Hz sine through tanh(cutoff/2000 · x)·(1 − res) with cutoff 2000, res 0.5.
    expect(peakFrequency(clip.samples, 16000, 200, 240)).toBeCloseTo(220, 0);
    expect(amplitudeAt(clip.samples, 16000, 220)).toBeGreaterThan(0.3);
  });

  it('--float writes 32-bit float; other rates and lengths work', async () => {
    const r = await run([
      'render',
      'fm',
      '--duration',
      '0.25',
      '--sample-rate',
      '44100',
      '--float',
      '-o',
      'fm.wav',
    ]);
    expect(r.status).toBe(0);
    const bytes = readFileSync(file('fm.wav'));
    expect(bytes.readUInt16LE(20)).toBe(3); // IEEE float
    const clip = await decodeAudio(bytes, 'fm.wav');
    expect(clip.sampleRateHz).toBe(44100);
    expect(clip.samples.length).toBe(11025);
  });

  it('bad input: one line, non-zero status, an existing output left as it was', async () => {
    writeFileSync(file('keep.wav'), 'previous');
    writeFileSync(file('bad.json'), '{');
    const cases: [string[], number, RegExp][] = [
      [['render', 'seed-stub'], 2, /missing -o\/--output OUT\.wav/],
      [['render', 'bad.json', '-o', 'keep.wav'], 1, /bad\.json: invalid patch/],
      [
        ['render', 'seed-stub', '--duration', '0', '-o', 'keep.wav'],
        2,
        /--duration must be a number in \[0\.01, 600\]; got "0"/,
      ],
      [
        ['render', 'seed-stub', '--sample-rate', '100', '-o', 'keep.wav'],
        2,
        /--sample-rate must be an integer in \[8000, 96000\]/,
      ],
      [
        ['render', 'seed-stub', '-o', 'no/such/folder/x.wav'],
        1,
        /no\/such\/folder: output folder does not exist/,
      ],
      [['render', 'seed-stub', '-o', '.'], 1, /is a directory, expected a file path to write/],
    ];
    for (const [args, status, pattern] of cases) {
      const r = await run(args);
      expect(r.status, args.join(' ')).toBe(status);
      expect(errorLine(r)).toMatch(pattern);
      expect(readFileSync(file('keep.wav'), 'utf8')).toBe('previous');
    }
  });
});
