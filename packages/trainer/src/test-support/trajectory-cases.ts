import * as tf from '@tensorflow/tfjs-core';
import { Trainer, type TrainerOptions } from '../trainer';
import { drivePlant, mseLoss } from './drive-plant';

/**
 * Short seeded runs that pin the trainer's trajectories: one per method name on a small
 * plant (two targets in a batch), plus runs that exercise windows, annealing, the reward, the
 * risk limits and a rollback. `scripts/record-trajectories.mjs` writes their output to
 * `test/fixtures/trajectories.json`; `trajectories.test.ts` checks the trainer still follows
 * them exactly.
 */
export const TRAJECTORY_STEPS = 30;

const METHODS = [
  'ae-ddsp',
  'ae-ddsp-no-dither',
  'ae-ddsp-no-local-tests',
  'ae-ddsp-fixed-lr',
  'adam',
  'scaffold',
  'random',
] as const;

/** MSE with a NaN at the `at`-th evaluation, flowing through the graph like a real blow-up. */
function flakyMse(at: number) {
  return (target: tf.Tensor2D) => {
    const mse = mseLoss(target);
    let calls = 0;
    return (audio: tf.Tensor2D) => {
      calls++;
      return calls === at ? (tf.mul(mse(audio), Number.NaN) as tf.Scalar) : mse(audio);
    };
  };
}

/** exp(−20·MSE): a bounded reward in [0, 1]. */
function closeness(target: tf.Tensor2D) {
  const mse = mseLoss(target);
  return (audio: tf.Tensor2D) => tf.tidy(() => tf.exp(tf.mul(-20, mse(audio))) as tf.Scalar);
}

type CaseOptions = Omit<TrainerOptions, 'plant' | 'target'>;

/** The pinned runs, by name: trainer options over the shared plant, targets and start. */
export function trajectoryCases(): Record<string, CaseOptions> {
  const cases: Record<string, CaseOptions> = {};
  for (const method of METHODS) cases[method] = { method };
  for (const method of ['ae-ddsp', 'adam', 'scaffold', 'random'] as const) {
    cases[`${method} annealed, windowed`] = {
      method,
      anneal: { steps: TRAJECTORY_STEPS },
      window: { samples: 300, hop: 100 },
    };
  }
  cases['ae-ddsp with reward and risk limits'] = {
    reward: closeness,
    rewardInLoss: 0.1,
    loudnessPenalty: { capDb: -6, weight: 0.01 },
    maxGradientNorm: 0.5,
    maxSlew: 0.05,
    anneal: { steps: TRAJECTORY_STEPS, floor: 0.1 },
    scheduler: { momentum: 0.8 },
    explorer: { testEvery: 3, probes: 3 },
  };
  cases['scaffold with reward'] = { method: 'scaffold', reward: closeness };
  cases['ae-ddsp rolling back a NaN'] = { loss: flakyMse(12), explorer: { testEvery: 4 } };
  cases['adam rolling back a NaN'] = { method: 'adam', loss: flakyMse(6) };
  return cases;
}

/** A number as JSON keeps it: finite numbers as they are, NaN and ±Infinity as strings. */
type Exact = number | string;

/** One step of a pinned trajectory: every number the step reported. */
export interface TrajectoryStep {
  readonly loss: Exact;
  readonly bestLoss: Exact;
  readonly reward: Exact | null;
  readonly learningRate: Exact;
  readonly momentum: Exact;
  readonly dither: Exact;
  readonly gradientNorm: Exact;
  readonly evaluations: number;
  readonly rolledBack: boolean;
  readonly localTest: { readonly improved: boolean; readonly bestLoss: Exact } | null;
  readonly window: number;
  readonly compositeReward: Exact;
  readonly parameters: readonly Exact[];
}

const exact = (x: number): Exact => (Number.isFinite(x) ? x : String(x));

/** Runs every case for {@link TRAJECTORY_STEPS} steps on the active backend and records it. */
export function recordTrajectories(): Record<string, TrajectoryStep[]> {
  const plant = drivePlant();
  const target = tf.tidy(() => plant.render(tf.tensor2d([0.7, 0.3, 0.4, 0.9], [2, 2]), 400));
  const out: Record<string, TrajectoryStep[]> = {};
  for (const [name, options] of Object.entries(trajectoryCases())) {
    const trainer = new Trainer({
      plant,
      target,
      loss: mseLoss,
      initial: [0.3, 0.8, 0.6, 0.2],
      seed: 3,
      learningRate: 0.03,
      ...options,
    });
    out[name] = trainer.run({ steps: TRAJECTORY_STEPS }).history.map((e) => ({
      loss: exact(e.loss),
      bestLoss: exact(e.bestLoss),
      reward: e.reward === undefined ? null : exact(e.reward),
      learningRate: exact(e.learningRate),
      momentum: exact(e.momentum),
      dither: exact(e.dither),
      gradientNorm: exact(e.gradientNorm),
      evaluations: e.evaluations,
      rolledBack: e.rolledBack,
      localTest: e.localTest
        ? { improved: e.localTest.improved, bestLoss: exact(e.localTest.bestLoss) }
        : null,
      window: e.window,
      compositeReward: exact(e.resonance.reward),
      parameters: Array.from(e.parameters, exact),
    }));
    trainer.dispose();
  }
  target.dispose();
  return out;
}
