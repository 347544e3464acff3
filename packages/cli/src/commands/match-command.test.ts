// `ae-ddsp match` through the real executable: outputs, determinism, windowed targets, and
// every kind of bad input (one line, non-zero status, output folder untouched).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAudio } from '../audio/read-audio';
import { errorLine, runBinary } from '../test-support/binary';
import { sox, temporaryFolder, writeRawFloatWav } from '../test-support/fixtures';

const EXAMPLE = fileURLToPath(new URL('../../examples/sawlead_62.wav', import.meta.url));
const folder = temporaryFolder();
const file = (name: string) => join(folder.dir, name);
afterAll(folder.remove);

const fast = ['--preset', 'seed-stub', '--steps', '8'];

describe('ae-ddsp match', () => {
  let summary: Record<string, unknown> & { parameters: { name: string; unit: string; value: number }[] };
  let stderr = '';
  let stdout = '';

  beforeAll(async () => {
    const run = await runBinary(['match', EXAMPLE, ...fast, '--out', 'run1'], { cwd: folder.dir });
    if (run.status !== 0) throw new Error(`match failed: ${run.stderr}`);
    ({ stderr, stdout } = run);
    summary = JSON.parse(readFileSync(file('run1/summary.json'), 'utf8'));
  }, 60_000);

  it('writes the five outputs and says where the report is', () => {
    expect(readdirSync(file('run1')).sort()).toEqual([
      'matched.wav',
      'metrics.jsonl',
      'patch.json',
      'report.html',
      'summary.json',
    ]);
    expect(stdout).toMatch(/^loss \S+ → \S+ in 8 steps \(\d+\.\d s\), peak -?\d+\.\d dBFS\n/);
    expect(stdout).toContain('report: run1/report.html\n');
    // Not a terminal: a plain header and periodic lines on stderr, no carriage returns.
    expect(stderr).toMatch(
      /^matching .*sawlead_62\.wav \(1\.00 s at 16000 Hz\) with preset seed-stub \(3 parameters\), method ae-ddsp, 8 steps, seed 1\n/,
    );
    expect(stderr).toContain('match: step 8/8 loss ');
    expect(stderr).not.toContain('\r');
  });

  it('summary.json: final loss, steps, time, method, preset, seed and every parameter with its unit', () => {
    expect(summary).toMatchObject({
      method: 'ae-ddsp',
      preset: 'seed-stub',
      patch: null,
      seed: 1,
      steps: 8,
      sample_rate: 16000,
    });
    expect(summary['final_loss'] as number).toBeLessThanOrEqual(summary['initial_loss'] as number);
    expect(summary['time_s'] as number).toBeGreaterThan(0);
    // the peak of matched.wav as written (16-bit PCM: at most full scale)
    const wav = readFileSync(file('run1/matched.wav'));
    let peak = 0;
    for (let i = 44; i + 1 < wav.length; i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
    expect(summary['peak_dbfs'] as number).toBeCloseTo(20 * Math.log10(peak / 32767), 1);
    expect(summary.parameters.map((p) => [p.name, p.unit])).toEqual([
      ['sine.frequency', 'Hz'],
      ['shaper.cutoff', 'Hz'],
      ['shaper.res', 'level'],
    ]);
  });

  it('metrics.jsonl: one line per step with loss, reward, α, μ, σ and norms', () => {
    const lines = readFileSync(file('run1/metrics.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(8);
    lines.forEach((row, i) => {
      expect(row.step).toBe(i);
      for (const key of ['loss', 'reward', 'alpha', 'mu', 'sigma', 'gradient_norm', 'update_norm']) {
        expect(Number.isFinite(row[key]), `${key} at step ${i}`).toBe(true);
      }
      expect(row.reward).toBeGreaterThanOrEqual(0);
      expect(row.reward).toBeLessThanOrEqual(1);
      expect(row.parameters.length).toBe(3);
    });
    expect(Math.min(...lines.map((r) => r.loss))).toBeCloseTo(summary['final_loss'] as number, 5);
  });

  it('patch.json loads back: params shows the matched values and render reproduces matched.wav', async () => {
    const params = await runBinary(['params', 'run1/patch.json', '--json'], { cwd: folder.dir });
    expect(params.status).toBe(0);
    const rows = JSON.parse(params.stdout) as { name: string; value: number }[];
    rows.forEach((row, i) => {
      expect(row.name).toBe(summary.parameters[i]!.name);
      expect(row.value).toBeCloseTo(summary.parameters[i]!.value, 3);
    });
    const render = await runBinary(['render', 'run1/patch.json', '-o', 'again.wav'], { cwd: folder.dir });
    expect(render.status).toBe(0);
    const matched = await decodeAudio(readFileSync(file('run1/matched.wav')), 'matched.wav');
    const again = await decodeAudio(readFileSync(file('again.wav')), 'again.wav');
    expect(again.samples.length).toBe(matched.samples.length);
    let worst = 0;
    for (let i = 0; i < again.samples.length; i++) {
      const e = Math.abs(again.samples[i]! - matched.samples[i]!);
      worst = Math.max(worst, e); // NaN propagates
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('the same seed gives the same result; --json prints the summary with the file paths', async () => {
    const a = await runBinary(['match', EXAMPLE, ...fast, '--steps', '4', '--out', 'same-a', '--json'], {
      cwd: folder.dir,
    });
    const b = await runBinary(['match', EXAMPLE, ...fast, '--steps', '4', '--out', 'same-b', '--json'], {
      cwd: folder.dir,
    });
    expect(a.status).toBe(0);
    expect(a.stderr).toBe('');
    const sa = JSON.parse(a.stdout);
    const sb = JSON.parse(b.stdout);
    expect(sa.final_loss).toBe(sb.final_loss);
    expect(sa.parameters).toEqual(sb.parameters);
    expect(sa.files.map((f: string) => f.split('/').pop()).sort()).toEqual([
      'matched.wav',
      'metrics.jsonl',
      'patch.json',
      'report.html',
      'summary.json',
    ]);
  });

  it('--loss picks a loss by name and summary.json says which; an unknown name is refused', async () => {
    const run = await runBinary(
      ['match', EXAMPLE, ...fast, '--loss', 'spectral', '--json', '--out', 'spectral'],
      {
        cwd: folder.dir,
      },
    );
    expect(run.status).toBe(0);
    const chosen = JSON.parse(readFileSync(file('spectral/summary.json'), 'utf8'));
    expect(chosen.loss).toMatch(/^multi-scale spectral loss/);
    expect(summary['loss']).toMatch(/cumulative-spectrum/);
    // A different objective: its losses are on another scale than the default's.
    expect(chosen.final_loss).not.toBe(summary['final_loss']);
    const bad = await runBinary(['match', EXAMPLE, ...fast, '--loss', 'nope', '--out', 'nope'], {
      cwd: folder.dir,
    });
    expect(bad.status).not.toBe(0);
    expect(errorLine(bad)).toMatch(/--loss.*match, log-mel, spectral/);
  }, 60_000);

  it("starts from the target's analysis by default, and compares target and match on the audio", () => {
    // sawlead_62: D4, 293.66 Hz
    const start = summary.parameters[0] as unknown as { initial: number };
    expect(summary).toMatchObject({ init: 'analysis', f0_hint_hz: null });
    expect(Math.abs(1200 * Math.log2(start.initial / 293.66))).toBeLessThan(50);
    const c = summary['comparison'] as Record<string, number | string | null | boolean>;
    expect(Math.abs(1200 * Math.log2((c['target_f0_hz'] as number) / 293.66))).toBeLessThan(50);
    for (const key of ['match_f0_hz', 'loudness_error_db', 'match_peak', 'envelope_correlation'])
      expect(Number.isFinite(c[key]), key).toBe(true);
    expect(c['clipped']).toBe((c['match_peak'] as number) > 1);
    const report = readFileSync(file('run1/report.html'), 'utf8');
    expect(report).toContain('<h2>Target vs match</h2>');
    expect(report).toContain('aria-label="Amplitude envelope"');
  });

  it("--init preset keeps the synth's values; --midi hints the pitch, and an octave off is warned about", async () => {
    const preset = await runBinary(
      [
        'match',
        EXAMPLE,
        '--preset',
        'seed-stub',
        '--init',
        'preset',
        '--method',
        'adam',
        '--steps',
        '1',
        '--json',
        '--out',
        'preset',
      ],
      { cwd: folder.dir },
    );
    expect(preset.status).toBe(0);
    const p = JSON.parse(preset.stdout);
    expect(p.init).toBe('preset');
    expect(p.parameters[0].initial).toBeCloseTo(220, 3);
    // one Adam step evaluates the start only: the match is the hinted start, an octave down
    const hinted = await runBinary(
      [
        'match',
        EXAMPLE,
        '--preset',
        'seed-stub',
        '--midi',
        '50',
        '--method',
        'adam',
        '--steps',
        '1',
        '--json',
        '--out',
        'hinted',
      ],
      { cwd: folder.dir },
    );
    expect(hinted.status).toBe(0);
    const h = JSON.parse(hinted.stdout);
    expect(h.f0_hint_hz).toBeCloseTo(146.832, 2);
    expect(h.parameters[0].initial).toBeCloseTo(146.832, 2);
    expect(h.comparison.harmonic_ratio).toBe('octave down');
    expect(Math.abs(h.comparison.pitch_cents_off + 1200)).toBeLessThan(50);
    const report = readFileSync(file('hinted/report.html'), 'utf8');
    expect(report).toMatch(
      /id="harmonic-warning">⚠ Pitch off by a harmonic ratio \(octave down, -1\d\d\d cents\)/,
    );
    expect(readFileSync(file('run1/report.html'), 'utf8')).not.toContain('harmonic-warning');
  }, 60_000);

  it('long targets train on sliding windows and match.wav covers the whole target', async () => {
    sox([EXAMPLE, EXAMPLE, file('long.wav')]); // 2 s
    const run = await runBinary(['match', 'long.wav', ...fast, '--steps', '4', '--out', 'long', '--quiet'], {
      cwd: folder.dir,
    });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
    const s = JSON.parse(readFileSync(file('long/summary.json'), 'utf8'));
    expect(s.window).toEqual({ samples: 16000, hop: 8000 });
    const windows = readFileSync(file('long/metrics.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).window);
    expect(windows).toEqual([0, 1, 2, 0]);
    const matched = await decodeAudio(readFileSync(file('long/matched.wav')), 'matched.wav');
    expect(matched.samples.length).toBe(32000);
  });

  it('a run with fewer steps than windows sees windows across the whole target, not only its start', async () => {
    sox(Array.from({ length: 12 }, () => EXAMPLE).concat(file('twelve.wav'))); // 12 s: 23 windows
    const run = await runBinary(
      ['match', 'twelve.wav', '--preset', 'seed-stub', '--steps', '6', '--out', 'twelve', '--quiet'],
      {
        cwd: folder.dir,
      },
    );
    expect(run.status).toBe(0);
    const s = JSON.parse(readFileSync(file('twelve/summary.json'), 'utf8'));
    expect(s.window).toEqual({ samples: 16000, hop: 8000, order: 'spread' });
    const windows = readFileSync(file('twelve/metrics.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l).window as number);
    expect(windows).toHaveLength(6);
    expect(new Set(windows).size).toBe(6);
    expect(Math.min(...windows)).toBe(0);
    expect(Math.max(...windows)).toBeGreaterThanOrEqual(18); // in the last quarter (in order: 0…5)
    const matched = await decodeAudio(readFileSync(file('twelve/matched.wav')), 'matched.wav');
    expect(matched.samples.length).toBe(12 * 16000);
  }, 120_000);
});

describe('ae-ddsp match: bad input gets one line, a non-zero status, and leaves the output folder alone', () => {
  const out = () => file('kept');
  beforeAll(() => {
    mkdirSync(out(), { recursive: true });
    writeFileSync(join(out(), 'summary.json'), 'previous run');
    writeFileSync(file('empty.wav'), '');
    writeFileSync(file('text.wav'), 'not audio at all\n');
    writeFileSync(
      file('corrupt.wav'),
      Buffer.concat([readFileSync(EXAMPLE).subarray(0, 36), Buffer.from('garbage!')]),
    );
    sox(['-r', '16000', '-n', '-c', '1', '-b', '16', file('silent.wav'), 'trim', '0', '1']);
    sox([EXAMPLE, file('short.wav'), 'trim', '0', '0.2']); // 3200 samples < 4096
    writeRawFloatWav(
      file('nan.wav'),
      Float32Array.from({ length: 8000 }, (_, i) => (i === 4000 ? Number.NaN : Math.sin(i / 5))),
      16000,
    );
    writeFileSync(file('broken.json'), '{ "format": "ae-ddsp-patch", ');
    writeFileSync(
      file('unknown-module.json'),
      JSON.stringify({
        format: 'ae-ddsp-patch',
        version: 1,
        nodes: [{ id: 'x', type: 'theremin' }],
        connections: [],
        output: 'x.out',
      }),
    );
  });

  const cases: [string, string[], number, RegExp][] = [
    ['missing file', ['nope.wav'], 1, /nope\.wav: no such file$/],
    ['a directory', ['.'], 1, /\.: is a directory, expected an audio file$/],
    ['zero-length file', ['empty.wav'], 1, /empty\.wav: is empty \(0 bytes\)/],
    ['not audio', ['text.wav'], 1, /text\.wav: unsupported or unrecognised audio format/],
    [
      'corrupt WAV',
      ['corrupt.wav'],
      1,
      /corrupt\.wav: (corrupt or unreadable WAV data|contains no audio samples)/,
    ],
    ['silent audio', ['silent.wav'], 1, /silent\.wav: audio is silent/],
    [
      'shorter than one analysis frame',
      ['short.wav'],
      1,
      /short\.wav: audio is 3200 samples \(200\.0 ms\) at 16000 Hz, shorter than one analysis frame \(n_fft 4096\)/,
    ],
    ['NaN samples', ['nan.wav'], 1, /nan\.wav: sample 4000 of channel 0 is NaN/],
    [
      'patch that is not JSON',
      [EXAMPLE, '--patch', 'broken.json'],
      1,
      /broken\.json: invalid patch: patch is not valid JSON/,
    ],
    [
      'patch with an unknown module',
      [EXAMPLE, '--patch', 'unknown-module.json'],
      1,
      /unknown-module\.json: invalid patch: .*theremin/,
    ],
    ['missing patch file', [EXAMPLE, '--patch', 'gone.json'], 1, /gone\.json: no such file/],
    ['--steps 0', [EXAMPLE, '--steps', '0'], 2, /--steps must be an integer in \[1, 100000\]; got "0"/],
    ['--steps 2.5', [EXAMPLE, '--steps', '2.5'], 2, /--steps must be an integer/],
    ['--seed=-1', [EXAMPLE, '--seed=-1'], 2, /--seed must be an integer in \[0, 2147483647\]; got "-1"/],
    [
      '--seed -1',
      [EXAMPLE, '--seed', '-1'],
      2,
      /option --seed got a value starting with '-'; write it as --seed=VALUE/,
    ],
    [
      '--sample-rate 4000',
      [EXAMPLE, '--sample-rate', '4000'],
      2,
      /--sample-rate must be an integer in \[8000, 48000\]; got "4000"/,
    ],
    [
      '--method sgd',
      [EXAMPLE, '--method', 'sgd'],
      2,
      /--method must be one of ae-ddsp, .*adam, scaffold, random, cma-es; got "sgd"/,
    ],
    [
      '--preset moog',
      [EXAMPLE, '--preset', 'moog'],
      2,
      /--preset must be one of subtractive, fm, additive, seed-stub; got "moog"/,
    ],
    [
      '--preset and --patch',
      [EXAMPLE, '--preset', 'fm', '--patch', 'broken.json'],
      2,
      /give --preset or --patch, not both/,
    ],
    ['--f0 and --midi', [EXAMPLE, '--f0', '440', '--midi', '69'], 2, /give --f0 or --midi, not both/],
    [
      '--f0 with --init preset',
      [EXAMPLE, '--f0', '440', '--init', 'preset'],
      2,
      /--f0 sets the pitch of the analysis start; it needs --init analysis, not --init preset/,
    ],
    [
      '--f0 above Nyquist',
      [EXAMPLE, '--f0', '9000'],
      2,
      /the pitch hint 9000\.0 Hz must be below half the sample rate \(8000 Hz\)/,
    ],
    ['--f0 0', [EXAMPLE, '--f0', '0'], 2, /--f0 must be a number in \[1, 24000\]; got "0"/],
    ['--midi 128', [EXAMPLE, '--midi', '128'], 2, /--midi must be an integer in \[0, 127\]; got "128"/],
    ['--init guess', [EXAMPLE, '--init', 'guess'], 2, /--init must be one of analysis, preset; got "guess"/],
    ['unknown flag', [EXAMPLE, '--fast'], 2, /unknown option --fast/],
    ['no target', [], 2, /missing argument: match needs 1 argument/],
  ];
  for (const [name, args, status, pattern] of cases) {
    it(name, async () => {
      const budget = args.includes('--steps') ? [] : ['--steps', '2'];
      const run = await runBinary(['match', ...args, '--out', 'kept', ...budget], { cwd: folder.dir });
      expect(run.status).toBe(status);
      expect(run.stdout).toBe('');
      expect(errorLine(run)).toMatch(new RegExp(`^ae-ddsp: error: ${pattern.source}`));
      expect(readdirSync(out())).toEqual(['summary.json']);
      expect(readFileSync(join(out(), 'summary.json'), 'utf8')).toBe('previous run');
    });
  }

  it('a run that fails while writing leaves every existing output as it was', async () => {
    const target = file('blocked');
    mkdirSync(join(target, 'report.html'), { recursive: true }); // a folder where the report must go
    writeFileSync(join(target, 'summary.json'), 'previous run');
    const run = await runBinary(['match', EXAMPLE, ...fast, '--steps', '2', '--out', 'blocked', '--quiet'], {
      cwd: folder.dir,
    });
    expect(run.status).toBe(1);
    expect(errorLine(run)).toMatch(/report\.html: is a directory/);
    expect(readdirSync(target).sort()).toEqual(['report.html', 'summary.json']);
    expect(readFileSync(join(target, 'summary.json'), 'utf8')).toBe('previous run');
  });
});
