// Render and render + backward of every @ae-ddsp/plant preset on tfjs-backend-cpu (the fused
// AePlantRender kernel), node --single-threaded, 16 kHz: 1 s at batch 1 and 16, and 1 / 4 / 16 s
// at batch 1, reported as ×-realtime on one core (audio seconds rendered per second of this
// process's CPU time) and as wall time. Render + backward is timed the way the trainer takes
// gradients: a tf.variable of normalised parameters [batch, P] and tf.variableGrads of a loss of
// plant.render(variable, samples). The loss is Σ dy·audio with a fixed random dy, written with
// tf.customGrad as one matrix product forward and one tensor × scalar product backward: the
// timing is the plant's, not the loss's (that harness alone is timed too). The goal figure is
// the median of five more rounds of subtractive at 1 s, batch 1, at the end. For comparison the
// same is timed with the stock tf.sum loss, whose gradient (tfjs-core's Sum gradient: a [1, 1] ×
// [batch, samples] broadcast multiply, which tfjs-backend-cpu runs element by element through
// its generic index mapping) is measured alone too. The seed-stub preset is compared like for
// like with the seed's own PyTorch toy synth on one thread (bench/peers/plant_torch.py) in the
// same run. Also: the tensor engine (plain tfjs ops + our filter / oscillator kernels) for the
// subtractive preset.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
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
// the machine is shared: the load average before and after tells how quiet the run was
const loadBefore = loadavg();
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

/**
 * Σ dy·x as one [1, n] × [n, 1] product, with a backward pass of one tensor × scalar product
 * (the cheapest tfjs ops for the job, so that the plant is what is timed).
 */
function dotLoss(dy) {
  const dyColumn = tf.reshape(dy, [dy.size, 1]);
  return tf.customGrad((x) => ({
    value: tf.reshape(tf.matMul(tf.reshape(x, [1, x.size]), dyColumn), []),
    gradFunc: (g) => tf.mul(dy, tf.reshape(g, [])),
  }));
}

/** One training-style gradient: tf.variableGrads of loss(plant.render(variable, n)). */
function variableGradient(plant, variable, n, loss) {
  const { value, grads } = tf.variableGrads(() => loss(plant.render(variable, n)), [variable]);
  grads[variable.name].dataSync();
  tf.dispose([value, grads[variable.name]]);
}

function timePlant(plant, batch, seconds) {
  const n = SR * seconds;
  const p = plant.initialParameters(batch);
  const variable = tf.variable(p);
  const dy = tf.randomNormal([batch, n], 0, 1, 'float32', 1);
  const loss = dotLoss(dy);
  const render = () => {
    const y = plant.render(p, n);
    y.dataSync();
    y.dispose();
  };
  const big = batch * seconds >= 4;
  const opts = { warmup: big ? 10 : 100, repeats: big ? 15 : 101 }; // warm-up: past JIT compilation
  const r = {
    render: measure(render, opts),
    renderBackward: measure(() => variableGradient(plant, variable, n, loss), opts),
  };
  tf.dispose([p, variable, dy]);
  return r;
}

/** The same gradient with the stock tf.sum loss, and tf.sum's own gradient alone. */
function timeSumLoss(plant, n) {
  const variable = tf.variable(plant.initialParameters(1));
  const y = tf.randomNormal([1, n], 0, 1, 'float32', 2);
  const audio = tf.variable(tf.randomNormal([1, n], 0, 1, 'float32', 3));
  const harness = dotLoss(y);
  const opts = { warmup: 30, repeats: 61 };
  const r = {
    renderBackwardSumLoss: measure(() => variableGradient(plant, variable, n, (a) => tf.sum(a)), opts),
    sumGradientAlone: measure(() => {
      const g = tf.grad((x) => tf.sum(x))(y);
      g.dataSync();
      g.dispose();
    }, opts),
    // the Σ dy·audio harness with the plant taken out: a [1, n] variable straight into the loss
    harnessAlone: measure(() => {
      const { value, grads } = tf.variableGrads(() => harness(audio), [audio]);
      grads[audio.name].dataSync();
      tf.dispose([value, grads[audio.name]]);
    }, opts),
  };
  tf.dispose([variable, y, audio]);
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

// The goal figure: subtractive, 1 s, batch 1, render + backward in five rounds of 101 calls
// after the rest has run (the machine's speed drifts within minutes), median over the rounds.
const goalPlant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR });
const goalRounds = Array.from({ length: 5 }, () => timePlant(goalPlant, 1, 1).renderBackward.cpuMs);
const goalMs = [...goalRounds].sort((a, b) => a - b)[2];
console.log(
  `\nsubtractive, 1 s, batch 1, render + backward, five rounds (CPU ms): ${goalRounds.map((v) => v.toFixed(2)).join(', ')}`,
);
console.log(`median ${goalMs.toFixed(2)} ms = ${(1000 / goalMs).toFixed(0)}× realtime (goal ≥ 200×)`);

const sumLoss = timeSumLoss(new SynthPlant(presetPatch('subtractive'), { sampleRate: SR }), SR);
console.log('\nsubtractive, 1 s, batch 1: render + backward by loss, CPU ms');
printTable([
  { loss: 'Σ dy·audio (customGrad)', 'fwd+bwd': results.subtractive['1x1s'].renderBackward.cpuMs },
  { loss: 'tf.sum (stock gradient)', 'fwd+bwd': sumLoss.renderBackwardSumLoss.cpuMs },
  { loss: "tf.sum's gradient alone", 'fwd+bwd': sumLoss.sumGradientAlone.cpuMs },
  { loss: 'Σ dy·audio harness alone (no plant)', 'fwd+bwd': sumLoss.harnessAlone.cpuMs },
]);

const tensorPlant = new SynthPlant(presetPatch('subtractive'), { sampleRate: SR, engine: 'tensor' });
const n = SR;
const p = tensorPlant.initialParameters(1);
const tensorVariable = tf.variable(p);
const dy = tf.randomNormal([1, n], 0, 1, 'float32', 1);
const tensorEngine = {
  render: measure(() => tf.tidy(() => void tensorPlant.render(p, n).dataSync()), { warmup: 2, repeats: 5 }),
  renderBackward: measure(() => variableGradient(tensorPlant, tensorVariable, n, dotLoss(dy)), {
    warmup: 2,
    repeats: 5,
  }),
};
tf.dispose([p, tensorVariable, dy]);
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
  loadAverage1_5_15min: { before: loadBefore, after: loadavg() },
  renderBackwardPath:
    'tf.variableGrads(() => loss(plant.render(variable, samples)), [variable]), variable [batch, P] normalised; loss Σ dy·audio via tf.customGrad',
  presets: results,
  subtractiveSumLoss1s: sumLoss,
  growth,
  tensorEngineSubtractive1s: tensorEngine,
  pytorchSeedStub: peer,
  seedStubVsTorch: peerRows,
  goal: {
    roundsCpuMs: goalRounds,
    medianCpuMs: goalMs,
    subtractiveFwdBwdTimesRealtime: 1000 / goalMs,
    target: 200,
  },
});
console.log(`\nwrote ${file}`);
