// Forward + backward of the seed's multi-resolution log-mel loss (n_fft 1024 & 4096, hop 256,
// 64 HTK mels, 16 kHz, MSE of log(mel + 1e-6) averaged over the two scales, target features
// cached) w.r.t. the audio, on tfjs-backend-cpu with @ae-ddsp/features' kernels, against
// PyTorch/torchaudio on one thread (bench/peers/features_torch.py) in the same run.
// Also: the real FFT alone vs fft.js, where the time of one step goes, and the fused
// cumulative-spectrum loss (n_fft 1024, hop 256) forward and forward + backward.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import FFT from 'fft.js';
import {
  createCumulativeSpectrumLoss,
  createLogMelLoss,
  getRealFft,
  logMelDistance,
  logMelSpectrogram,
} from '../packages/features/dist/index.js';
import { medianMs, printTable, runPythonPeer, writeResults } from './lib.mjs';

await tf.setBackend('cpu');
const SR = 16000;
const configs = [
  [1, 1],
  [8, 1],
  [1, 4],
  [1, 16],
];

// A seeded uniform(-1, 1) signal (mulberry32), so runs are reproducible.
function noise(n, seed) {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2147483648 - 1;
  }
  return out;
}

// Two alternating rounds (ours, then the peer, twice); each side keeps its lower median, so a
// burst of load from other jobs on the shared machine penalises neither side.
async function measureOurs() {
  const out = {};
  for (const [batch, seconds] of configs) {
    const n = SR * seconds;
    const target = tf.tensor2d(noise(batch * n, 1), [batch, n]);
    const audio = tf.tensor2d(noise(batch * n, 2), [batch, n]);
    const loss = createLogMelLoss(target);
    const step = () => {
      const { value, grad } = tf.valueAndGrad((x) => loss(x))(audio);
      grad.dataSync();
      value.dispose();
      grad.dispose();
    };
    const big = batch * n > 64000;
    out[`${batch}x${seconds}s`] = await medianMs(step, { warmup: big ? 3 : 20, repeats: big ? 7 : 25 });
    loss.dispose();
    tf.dispose([target, audio]);
  }
  return out;
}

const ours = {};
const torchMs = {};
let peer = {};
for (let round = 0; round < 2; round++) {
  const mine = await measureOurs();
  peer = runPythonPeer('features_torch.py', [JSON.stringify(configs)]);
  for (const key of Object.keys(mine)) {
    ours[key] = Math.min(ours[key] ?? Number.POSITIVE_INFINITY, mine[key]);
    const t = peer.ms?.[key];
    if (t != null) torchMs[key] = Math.min(torchMs[key] ?? Number.POSITIVE_INFINITY, t);
  }
}
const rows = Object.keys(ours).map((key) => {
  const torch = torchMs[key];
  return {
    'batch x duration': key,
    'ae-ddsp ms': ours[key],
    'torch ms': torch ?? 'n/a',
    ratio: torch ? ours[key] / torch : 'n/a',
  };
});
console.log('multi-resolution log-mel loss, forward + backward (ratio < 1: faster than PyTorch, 1 thread)');
if (peer.unavailable) console.log(`PyTorch peer unavailable: ${peer.unavailable}`);
printTable(rows);

// Where the time of one 1 s step goes: the fused log-mel distance kernel per scale, forward
// alone and forward + backward; the FFTs alone below. (tf.profile is not used: its per-kernel
// error checks read every output and inflate the kernels' times.)
const one = tf.tensor2d(noise(SR, 2), [1, SR]);
const breakdown = {};
for (const fftLength of [1024, 4096]) {
  const t = logMelSpectrogram(tf.tensor2d(noise(SR, 1), [1, SR]), { fftLength });
  breakdown[`logMelDistance ${fftLength} forward`] = await medianMs(
    () => logMelDistance(one, t, { fftLength }).dispose(),
    {
      warmup: 10,
      repeats: 25,
    },
  );
  breakdown[`logMelDistance ${fftLength} forward+backward`] = await medianMs(
    () => {
      const { value, grad } = tf.valueAndGrad((x) => logMelDistance(x, t, { fftLength }))(one);
      grad.dataSync();
      value.dispose();
      grad.dispose();
    },
    { warmup: 10, repeats: 25 },
  );
  t.dispose();
}
// The cumulative-spectrum loss (pitch term of the trainer) at n_fft 1024, hop 256, 1 s.
{
  const target = tf.tensor2d(noise(SR, 1), [1, SR]);
  const cumulative = createCumulativeSpectrumLoss(target, { fftLength: 1024, hopLength: 256 });
  breakdown['cumulativeSpectrumLoss 1024 forward'] = await medianMs(() => cumulative(one).dispose(), {
    warmup: 10,
    repeats: 25,
  });
  breakdown['cumulativeSpectrumLoss 1024 forward+backward'] = await medianMs(
    () => {
      const { value, grad } = tf.valueAndGrad((x) => cumulative(x))(one);
      grad.dataSync();
      value.dispose();
      grad.dispose();
    },
    { warmup: 10, repeats: 25 },
  );
  cumulative.dispose();
  target.dispose();
}
// The FFT alone: 63 frames (1 s) of our real FFT forward and adjoint vs fft.js realTransform.
for (const size of [1024, 4096]) {
  const plan = getRealFft(size);
  const src = Float64Array.from(noise(size, 3));
  const re = new Float64Array(size / 2 + 1);
  const im = new Float64Array(size / 2 + 1);
  const out = new Float64Array(size);
  breakdown[`63 x RealFft.forward ${size}`] = await medianMs(() => {
    for (let f = 0; f < 63; f++) plan.forward(src, 0, null, re, im, 0);
  });
  breakdown[`63 x RealFft.adjointAdd ${size}`] = await medianMs(() => {
    out.fill(0);
    for (let f = 0; f < 63; f++) plan.adjointAdd(re, im, 0, null, out, 0);
  });
  const fftjs = new FFT(size);
  const spectrum = fftjs.createComplexArray();
  breakdown[`63 x fft.js realTransform ${size}`] = await medianMs(() => {
    for (let f = 0; f < 63; f++) fftjs.realTransform(spectrum, src);
  });
}
one.dispose();
console.log('\nbreakdown (ms, median)');
printTable(Object.entries(breakdown).map(([what, ms]) => ({ what, ms })));

const file = writeResults('features', {
  description: 'multi-resolution log-mel loss forward+backward vs PyTorch/torchaudio, 1 thread',
  ours,
  torch: {
    versions: { torch: peer.torch, torchaudio: peer.torchaudio },
    ms: torchMs,
    unavailable: peer.unavailable,
  },
  ratio: Object.fromEntries(rows.map((r) => [r['batch x duration'], r.ratio])),
  breakdown,
});
console.log(`\nwrote ${file}`);
