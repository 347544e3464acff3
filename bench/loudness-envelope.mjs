// Loudness and envelope of `ae-ddsp match` with its defaults on real notes (issue 13): each
// note is matched by the built CLI (`packages/cli/dist/bin.js match`, so run `npm run build`
// first) with each preset, and the matched audio is compared with the target:
//   loudness error  whole-file RMS of the match − the target's, dB;
//   envelope corr.  Pearson correlation of the two RMS envelopes (30 ms frames every 5 ms);
//   log-mel         the seed's multi-resolution log-mel distance (n_fft 1024 and 4096);
//   peak            the match's sample peak, dBFS (above 0: it clips in a 16-bit file).
// A small dev subset by default; choose with the environment:
//   LE_NOTES=flute_70,violin_59 (names in ../shared/notes, or long:NAME for ../shared/notes-long)
//   LE_PRESETS=subtractive,fm,additive  LE_STEPS=150  LE_GAIN_DB=0 (target gain before matching)
//   LE_NAME=loudness-envelope (results file bench/results/<LE_NAME>.json)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeWav, readAudio } from '@ae-ddsp/cli';
import { createLogMelLoss, loudnessEnvelope } from '@ae-ddsp/features';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { printTable, writeResults } from './lib.mjs';

await tf.setBackend('cpu');
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const shared = join(root, '..', '..', 'shared');
const env = process.env;
const NOTES = (
  env.LE_NOTES ?? 'flute_70,violin_59,piano_45,trumpet_65,clarinet_64,bass_37,long:flute_65,long:violin_66'
).split(',');
const PRESETS = (env.LE_PRESETS ?? 'subtractive,fm,additive').split(',');
const STEPS = Number(env.LE_STEPS ?? 150);
const GAIN_DB = Number(env.LE_GAIN_DB ?? 0);
const SR = 16000;
const bin = join(root, 'packages', 'cli', 'dist', 'bin.js');

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: root,
  encoding: 'utf8',
}).stdout.trim();
const work = mkdtempSync(join(tmpdir(), 'loudness-envelope-'));

function pearson(a, b) {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function peakDb(x) {
  let p = 0;
  for (const v of x) p = Math.max(p, Math.abs(v));
  return 20 * Math.log10(p);
}

function logMelDistance(target, matched) {
  return tf.tidy(() => {
    const t = tf.tensor2d(target, [1, target.length]);
    const loss = createLogMelLoss(t, { sampleRate: SR });
    const value = loss(tf.tensor2d(matched, [1, matched.length])).dataSync()[0];
    loss.dispose();
    return value;
  });
}

const rows = [];
try {
  for (const name of NOTES) {
    const long = name.startsWith('long:');
    const file = join(shared, long ? 'notes-long' : 'notes', `${long ? name.slice(5) : name}.wav`);
    const clip = await readAudio(file, { sampleRateHz: SR });
    const gain = 10 ** (GAIN_DB / 20);
    const target = clip.samples.map((x) => x * gain);
    const targetFile = join(work, `${name.replace(':', '-')}.wav`);
    writeFileSync(targetFile, encodeWav(target, SR, { encoding: 'float32' }));
    for (const preset of PRESETS) {
      const out = join(work, `${name.replace(':', '-')}-${preset}`);
      const run = spawnSync(
        process.execPath,
        [
          bin,
          'match',
          targetFile,
          '--preset',
          preset,
          '--steps',
          String(STEPS),
          '--out',
          out,
          '--float',
          '--json',
        ],
        { encoding: 'utf8', maxBuffer: 64 << 20 },
      );
      if (run.status !== 0) throw new Error(`match ${name} ${preset} failed: ${run.stderr}`);
      const summary = JSON.parse(run.stdout.trim().split('\n').pop());
      const matched = (await readAudio(join(out, 'matched.wav'), { sampleRateHz: SR, rejectSilence: false }))
        .samples;
      const te = loudnessEnvelope(target, SR);
      const me = loudnessEnvelope(matched, SR);
      rows.push({
        note: name,
        preset,
        loudnessErrorDb: me.overallRmsDb - te.overallRmsDb,
        envelopeCorrelation: pearson(te.rms, me.rms),
        logMel: logMelDistance(target, matched),
        peakDbfs: peakDb(matched),
        seconds: summary.time_s,
      });
      printTable(rows.slice(-1));
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = {
  runs: rows.length,
  within2Db: rows.filter((r) => Math.abs(r.loudnessErrorDb) <= 2).length / rows.length,
  medianAbsLoudnessErrorDb: median(rows.map((r) => Math.abs(r.loudnessErrorDb))),
  medianEnvelopeCorrelation: median(rows.map((r) => r.envelopeCorrelation)),
  meanLogMel: rows.reduce((s, r) => s + r.logMel, 0) / rows.length,
  maxPeakDbfs: Math.max(...rows.map((r) => r.peakDbfs)),
  clipped: rows.filter((r) => r.peakDbfs > 0).length,
};
console.log('\nall runs');
printTable(rows);
console.log('\nsummary');
printTable([summary]);
const file = writeResults(env.LE_NAME ?? 'loudness-envelope', {
  commit,
  split: 'dev',
  notes: NOTES,
  presets: PRESETS,
  steps: STEPS,
  gainDb: GAIN_DB,
  summary,
  rows,
});
console.log(`wrote ${file}`);
