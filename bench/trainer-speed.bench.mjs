// Trainer speed, like with like (issue 5, benchmark 1): one full AE-DDSP step on the
// `seed-stub` preset with the seed's loss (mean over n_fft 1024 and 4096 of the MSE of
// log-mel, 64 mels, hop 256), 1 s at 16 kHz, on tfjs-backend-cpu — against a PyTorch
// re-implementation of the seed scaffold loop (bench/peers/scaffold_torch.py, one thread),
// as the seed writes it and with the target's features cached, in the same run.
// Also the `subtractive` preset's ms/step, and the plain gradient step without local tests.
import { createLogMelLoss } from '@ae-ddsp/features';
import { presetPatch, SynthPlant } from '@ae-ddsp/plant';
import { Trainer } from '@ae-ddsp/trainer';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { printTable, runPythonPeer, writeResults } from './lib.mjs';

await tf.setBackend('cpu');
const SR = 16000;
const STEPS = Number(process.env.TRAINER_BENCH_STEPS ?? 100);
// Warm-up past V8's compilation of every path, the batched local-test renders included (a
// test every 5 steps: 50 steps warm them 10 times).
const WARMUP_STEPS = 50;

/** Mean ms/step of `steps` trainer steps after the warm-up steps (local tests amortised in). */
function msPerStep(preset, method, steps) {
  const plant = new SynthPlant(presetPatch(preset), { sampleRate: SR });
  const truth = plant.initialNormalised();
  const target = tf.tidy(() =>
    plant.render(tf.tensor2d(Float32Array.from(truth), [1, plant.parameterCount]), SR),
  );
  const start = Float32Array.from(truth, (u, i) => Math.min(1, Math.max(0, u + (i % 2 ? 0.03 : -0.03))));
  const trainer = new Trainer({
    plant,
    target,
    loss: (t) => createLogMelLoss(t),
    method,
    initial: start,
    seed: 1,
  });
  trainer.run({ steps: WARMUP_STEPS });
  const t0 = performance.now();
  const { history } = trainer.run({ steps });
  const ms = (performance.now() - t0) / steps;
  const evaluations = history.at(-1).evaluations - history[0].evaluations;
  trainer.dispose();
  target.dispose();
  return { ms, evaluationsPerStep: evaluations / (steps - 1) };
}

const CONFIGS = [
  ['seed-stub', 'ae-ddsp'],
  ['seed-stub', 'ae-ddsp-no-local-tests'],
  ['seed-stub', 'adam'],
  ['subtractive', 'ae-ddsp'],
  ['subtractive', 'ae-ddsp-no-local-tests'],
];
// Two alternating rounds (peer, ours, peer, ours); each side keeps its lower figure, so a
// burst of load on the shared machine penalises neither.
const ROUNDS = 2;
const peers = [];
const results = {};
for (let round = 0; round < ROUNDS; round++) {
  peers.push(runPythonPeer('scaffold_torch.py', [STEPS]));
  for (const [preset, method] of CONFIGS) {
    const { ms, evaluationsPerStep } = msPerStep(preset, method, STEPS);
    const key = `${preset}/${method}`;
    if (!(results[key]?.msPerStep <= ms)) results[key] = { msPerStep: ms, evaluationsPerStep };
  }
}
const measured = peers.filter((p) => !p.unavailable);
const peer = measured.length
  ? {
      ...measured[0],
      ms_per_step_seed: Math.min(...measured.map((p) => p.ms_per_step_seed)),
      ms_per_step_cached: Math.min(...measured.map((p) => p.ms_per_step_cached)),
    }
  : peers[0];
const rows = CONFIGS.map(([preset, method]) => {
  const { msPerStep: ms, evaluationsPerStep } = results[`${preset}/${method}`];
  return {
    preset,
    method,
    'ms/step': ms,
    'evals/step': evaluationsPerStep,
    'vs seed scaffold': peer.unavailable ? 'n/a' : ms / peer.ms_per_step_seed,
    'vs cached scaffold': peer.unavailable ? 'n/a' : ms / peer.ms_per_step_cached,
  };
});
printTable(rows);
if (peer.unavailable) console.log(`PyTorch peer unavailable: ${peer.unavailable}`);
else {
  console.log(
    `PyTorch scaffold (1 thread): ${peer.ms_per_step_seed.toFixed(2)} ms/step as the seed writes it, ` +
      `${peer.ms_per_step_cached.toFixed(2)} ms/step with cached target features; ` +
      `260 Hz → ${peer.freq_after_50_steps_hz.toFixed(2)} Hz after 50 steps`,
  );
}
const file = writeResults('trainer-speed', {
  steps: STEPS,
  rounds: ROUNDS,
  warmupSteps: WARMUP_STEPS,
  sampleRate: SR,
  seconds: 1,
  results,
  peer,
});
console.log(`wrote ${file}`);
