// Render and render + backward of every @ae-ddsp/plant preset on tfjs-backend-cpu (the fused
// AePlantRender kernel), node --single-threaded, 16 kHz: 1 s at batch 1 and 16, and 1 / 4 / 16 s at batch 1, reported
// as ×-realtime on one core (audio seconds rendered per second of this process's CPU time)
// and as wall time. The backward pass gets an upstream gradient (tf.grad(f)(x, dy)), so no
// loss is timed. The seed-stub preset is compared like for like with the seed's own PyTorch
// toy synth on one thread (bench/peers/plant_torch.py) in the same run. Also: the tensor
// engine (plain tfjs ops + our filter / oscillator kernels) for the subtractive preset.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { PRESET_NAMES, presetPatch, SynthPlant } from '../packages/plant/dist/index.js';
import { printTable, runPythonPeer, writeResults } from './lib.mjs';

// One core means one core: V8's garbage collector and compilers also run on the main thread.
if (!process.execArgv.includes('--single-threaded')) {
  const r = spawnSync(process.execPath, ['--single-threaded', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

await tf.setBackend('cpu');
const SR = 16000;
const configs = [
  [1, 1],
  [16, 1],
  [1, 4],
  [1, 16],
];

/** Median CPU time and wall time (ms) of `fn`: CPU time is what one core spends, load or not. */
function measure(fn, { warmup, repeats }) {
  for (let i = 0; i < warmup; i++) fn();
  const cpu = [];
  const wall = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  return { cpuMs: median(cpu), wallMs: median(wall) };
}

function timePlant(plant, batch, seconds) {
  const n = SR * seconds;
  const p = plant.initialParameters(batch);
  const dy = tf.randomNormal([batch, n], 0, 1, 'float32', 1);
  const render = () => {
    const y = plant.render(p, n);
    y.dataSync();
    y.dispose();
  };
  const renderBackward = () => {
    const g = tf.grad((x) => plant.render(x, n))(p, dy);
    g.dataSync();
    g.dispose();
  };
  const big = batch * seconds >= 4;
  const opts = { warmup: big ? 2 : 5, repeats: big ? 5 : 15 };
  const r = { render: measure(render, opts), renderBackward: measure(renderBackward, opts) };
  tf.dispose([p, dy]);
  return r;
}

const rows = [];
const results = {};
for (const name of PRESET_NAMES) {
  const plant = new SynthPlant(presetPatch(name), { sampleRate: SR });
  results[name] = {};
  for (const [batch, seconds] of configs) {
    const r = timePlant(plant, batch, seconds);
    const audioSeconds = batch * seconds;
    results[name][`${batch}x${seconds}s`] = r;
    rows.push({
      preset: name,
      batch,
      seconds,
      'render ms (cpu)': r.render.cpuMs,
      'render ×RT': (1000 * audioSeconds) / r.render.cpuMs,
      'fwd+bwd ms (cpu)': r.renderBackward.cpuMs,
      'fwd+bwd ×RT': (1000 * audioSeconds) / r.renderBackward.cpuMs,
      'fwd+bwd wall ms': r.renderBackward.wallMs,
    });
  }
}
console.log('\n@ae-ddsp/plant presets on tfjs-backend-cpu (fused engine), 16 kHz, one core');
printTable(rows);

console.log('\nGrowth of render + backward cost (CPU time ratio)');
const growth = PRESET_NAMES.map((name) => {
  const t = (k) => results[name][k].renderBackward.cpuMs;
  return {
    preset: name,
    'batch 16 / batch 1': t('16x1s') / t('1x1s'),
    '4 s / 1 s': t('1x4s') / t('1x1s'),
    '16 s / 1 s': t('1x16s') / t('1x1s'),
  };
});
printTable(growth);

const tensorPlant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR, engine: 'tensor' });
const n = SR;
const p = tensorPlant.initialParameters(1);
const dy = tf.randomNormal([1, n], 0, 1, 'float32', 1);
const tensorEngine = {
  render: measure(() => tf.tidy(() => void tensorPlant.render(p, n).dataSync()), { warmup: 2, repeats: 5 }),
  renderBackward: measure(
    () => {
      const g = tf.grad((x) => tensorPlant.render(x, n))(p, dy);
      g.dataSync();
      g.dispose();
    },
    { warmup: 2, repeats: 5 },
  ),
};
tf.dispose([p, dy]);
const fused = results.subtractive['1x1s'];
console.log('\nsubtractive, 1 s, batch 1: fused engine vs tensor engine (tfjs ops + our kernels), CPU ms');
printTable([
  { engine: 'fused (AePlantRender)', render: fused.render.cpuMs, 'fwd+bwd': fused.renderBackward.cpuMs },
  {
    engine: 'tensor (tfjs ops)',
    render: tensorEngine.render.cpuMs,
    'fwd+bwd': tensorEngine.renderBackward.cpuMs,
  },
]);

const peer = runPythonPeer('plant_torch.py');
const peerRows = [];
if (peer.unavailable) console.log(`\nPyTorch peer unavailable: ${peer.unavailable}`);
else {
  for (const [batch, seconds] of configs) {
    const key = `${batch}x${seconds}s`;
    const ours = results['seed-stub'][key];
    const theirs = peer.seedStub[key];
    peerRows.push({
      config: key,
      'ours fwd+bwd wall ms': ours.renderBackward.wallMs,
      'torch fwd+bwd ms': theirs.renderBackward,
      'ours / torch': ours.renderBackward.wallMs / theirs.renderBackward,
      'ours render wall ms': ours.render.wallMs,
      'torch render ms': theirs.render,
    });
  }
  console.log(`\nseed-stub vs the seed's PyTorch toy synth (torch ${peer.torch}, 1 thread), wall ms`);
  printTable(peerRows);
}

const file = writeResults('plant', {
  sampleRate: SR,
  timing: 'median CPU time (process.cpuUsage) and wall time per call, ms; ×RT = audio seconds / CPU seconds',
  presets: results,
  growth,
  tensorEngineSubtractive1s: tensorEngine,
  pytorchSeedStub: peer,
  seedStubVsTorch: peerRows,
  goal: {
    subtractiveFwdBwdTimesRealtime: 1000 / results.subtractive['1x1s'].renderBackward.cpuMs,
    target: 200,
  },
});
console.log(`\nwrote ${file}`);
