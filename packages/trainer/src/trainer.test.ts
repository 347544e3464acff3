import { Explorer } from '@ae-ddsp/explorer';
import { type LossFactory, matchLoss } from '@ae-ddsp/features';
import { AdaptiveScheduler } from '@ae-ddsp/scheduler';
import { BACKENDS, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainerScheduler } from './interfaces';
import { METHOD_NAMES } from './presets';
import { drivePlant, mseLoss } from './test-support/drive-plant';
import { Trainer, type TrainerOptions } from './trainer';
import { heavyBall } from './update-rules/heavy-ball';

const plant = drivePlant();

/** The trainer's scheduler, which these tests expect to be an `AdaptiveScheduler` (the default). */
function adaptive(scheduler: TrainerScheduler): AdaptiveScheduler {
  expect(scheduler).toBeInstanceOf(AdaptiveScheduler);
  return scheduler as AdaptiveScheduler;
}
const SAMPLES = 400;
const TRUE = [0.7, 0.3];

function target(params: number[][] = [TRUE]): tf.Tensor2D {
  return tf.tidy(() => plant.render(tf.tensor2d(params), SAMPLES));
}

for (const backend of BACKENDS) {
  describe(`Trainer on ${backend}`, () => {
    beforeAll(() => useBackend(backend));

    it('recovers a known patch from its own render', () => {
      const t = target();
      const trainer = new Trainer({
        plant,
        target: t,
        loss: mseLoss,
        initial: [0.3, 0.8],
        seed: 1,
        learningRate: 0.03,
      });
      const result = trainer.run({ steps: 300 });
      expect(result.bestLoss).toBeLessThan(1e-5);
      expect(result.bestParameters[0]).toBeCloseTo(TRUE[0]!, 2);
      expect(result.bestParameters[1]).toBeCloseTo(TRUE[1]!, 2);
      // The scheduler really moved α and μ, and local tests ran.
      expect(new Set(result.history.map((e) => e.learningRate)).size).toBeGreaterThan(5);
      expect(result.history.some((e) => e.localTest !== undefined)).toBe(true);
      trainer.dispose();
      t.dispose();
    });
  });
}

describe('Trainer', () => {
  beforeAll(() => useBackend('cpu'));
  const base = (over: Partial<TrainerOptions> = {}): TrainerOptions => ({
    plant,
    target: over.target ?? target(),
    loss: mseLoss,
    initial: [0.3, 0.8],
    seed: 3,
    learningRate: 0.03,
    ...over,
  });

  it('runs every method within the same budget of evaluations and improves on the start', () => {
    const t = target();
    for (const method of METHOD_NAMES) {
      const trainer = new Trainer(base({ target: t, method }));
      const start = trainer.evaluate([0.3, 0.8]);
      const result = trainer.run({ evaluations: 120 });
      expect(result.evaluations, method).toBeLessThanOrEqual(120);
      expect(result.evaluations, method).toBeGreaterThan(100);
      expect(result.bestLoss, method).toBeLessThan(start);
      trainer.dispose();
    }
    t.dispose();
  });

  it('rolls back to the last good parameters on an injected NaN and keeps going', () => {
    let calls = 0;
    const flaky: LossFactory = (t) => {
      const mse = mseLoss(t);
      return (audio) => {
        calls++;
        // A NaN that flows through the graph, as a real numerical blow-up would.
        return calls === 6 ? tf.mul(mse(audio), Number.NaN) : mse(audio);
      };
    };
    const trainer = new Trainer(base({ loss: flaky, explorer: { testEvery: 0 } }));
    const events = trainer.run({ steps: 200 }).history;
    const bad = events.findIndex((e) => e.rolledBack);
    expect(bad).toBe(5);
    // Step 5 started from θ5 (NaN loss): back to θ4, where step 4 started with a finite loss.
    expect(Array.from(events[bad]!.parameters)).toEqual(Array.from(events[bad - 2]!.parameters));
    expect(events[bad]!.learningRate).toBeLessThan(events[bad - 1]!.learningRate);
    expect(adaptive(trainer.scheduler).divergences).toBe(1);
    expect(events.filter((e) => e.rolledBack)).toHaveLength(1);
    expect(events.at(-1)!.bestLoss).toBeLessThan(1e-4);
    trainer.dispose();
  });

  it('resumes from a checkpoint with the identical trajectory', () => {
    const t = target();
    const whole = new Trainer(base({ target: t }));
    const first = whole.run({ steps: 25 });
    const saved = JSON.parse(JSON.stringify(whole.checkpoint()));
    const rest = whole.run({ steps: 25 }).history;
    const resumed = Trainer.resume(saved, base({ target: t }));
    const again = resumed.run({ steps: 25 }).history;
    expect(
      again.map((e) => [e.loss, e.learningRate, e.momentum, e.dither, Array.from(e.parameters)]),
    ).toEqual(rest.map((e) => [e.loss, e.learningRate, e.momentum, e.dither, Array.from(e.parameters)]));
    expect(first.steps).toBe(25);
    whole.dispose();
    resumed.dispose();
  });

  it('gives the same result for the same seed and a different one for another seed', () => {
    const t = target();
    const run = (seed: number) => {
      const trainer = new Trainer(base({ target: t, seed }));
      const r = trainer.run({ steps: 30 });
      trainer.dispose();
      return Array.from(r.history.at(-1)!.parameters);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('matches a batch of targets, each patch to its own', () => {
    const t = target([TRUE, [0.4, 0.9]]);
    const trainer = new Trainer(base({ target: t, initial: [0.5, 0.5] }));
    const r = trainer.run({ steps: 300 });
    expect(r.bestParameters[0]).toBeCloseTo(0.7, 1);
    expect(r.bestParameters[2]).toBeCloseTo(0.4, 1);
    trainer.dispose();
  });

  it('cycles through target windows in windowed mode', () => {
    const t = target();
    const trainer = new Trainer(base({ target: t, window: { samples: 200, hop: 100 } }));
    const r = trainer.run({ steps: 150 });
    expect(r.history.slice(0, 4).map((e) => e.window)).toEqual([0, 1, 2, 0]);
    expect(r.bestParameters[0]).toBeCloseTo(0.7, 1);
    trainer.dispose();
  });

  it('feeds the composite reward to the scheduler and reports the regime every step', () => {
    const t = target();
    const closeness = (tt: tf.Tensor2D) => (audio: tf.Tensor2D) =>
      tf.exp(tf.mul(-20, mseLoss(tt)(audio))) as tf.Scalar;
    const trainer = new Trainer(base({ target: t, reward: closeness }));
    const events = trainer.run({ steps: 40 }).history;
    const last = events.at(-1)!;
    // The scheduler's reward: R_aud at θ_t with the optimiser and policy parts of the step before
    // (weights 1, 0.25, 0.1; the audio stays under the loudness cap and the knobs under the slew limit).
    const before = events.at(-2)!.resonance;
    expect(last.resonance.penalty).toBe(0);
    expect(adaptive(trainer.scheduler).snapshot().signals!.reward).toBeCloseTo(
      (last.reward! + 0.25 * before.optimiserReward + 0.1 * before.policyReward) / 1.35,
      12,
    );
    expect(last.reward).toBeGreaterThan(events[0]!.reward!);
    expect(
      events.every((e) => ['resonant', 'damped', 'stalled', 'exploding'].includes(e.resonance.regime)),
    ).toBe(true);
    // Checkpoints carry the resonance history: the resumed run is identical.
    const saved = JSON.parse(JSON.stringify(trainer.checkpoint()));
    const rest = trainer.run({ steps: 10 }).history.map((e) => e.resonance);
    const resumed = Trainer.resume(saved, base({ target: t, reward: closeness }));
    expect(resumed.run({ steps: 10 }).history.map((e) => e.resonance)).toEqual(rest);
    trainer.dispose();
    resumed.dispose();
  });

  it('honours the risk limits: knob slew, gradient norm and the loudness cap', () => {
    const t = target([[1, 0.3]]);
    const slewed = new Trainer(
      base({ target: t, method: 'adam', maxSlew: 0.01, learningRate: 0.5, initial: [0.1, 0.8] }),
    );
    for (const e of slewed.run({ steps: 20 }).history) {
      expect(e.updateNorm).toBeLessThanOrEqual(Math.SQRT2 * 0.01 + 1e-6);
    }
    // A full-scale target, a −12 dBFS cap: the penalty keeps the match quieter.
    const free = new Trainer(base({ target: t, initial: [0.2, 0.3] }));
    const capped = new Trainer(
      base({ target: t, initial: [0.2, 0.3], loudnessPenalty: { capDb: -12, weight: 1 } }),
    );
    const loudFree = free.run({ steps: 150 }).history.at(-1)!.loudnessDb!;
    const loudCapped = capped.run({ steps: 150 }).history.at(-1)!.loudnessDb!;
    expect(loudCapped).toBeLessThan(loudFree - 2);
    tf.dispose([t]);
    for (const x of [slewed, free, capped]) x.dispose();
  });

  it('anneals α and σ over a known budget', () => {
    const t = target();
    const adamRun = new Trainer(base({ target: t, method: 'adam', anneal: { steps: 20, floor: 0.1 } }));
    const events = adamRun.run({ steps: 20 }).history;
    const envelope = (s: number) => 0.1 + 0.9 * 0.5 * (1 + Math.cos((Math.PI * s) / 20));
    events.forEach((e) => {
      expect(e.learningRate).toBeCloseTo(0.03 * envelope(e.step), 12);
    });
    const ae = new Trainer(base({ target: t, anneal: { steps: 20, floor: 0.1 } }));
    const annealed = ae.run({ steps: 20 }).history;
    // The scheduler's own σ, times the envelope, is what the step used.
    expect(annealed[19]!.dither).toBeCloseTo(ae.scheduler.hyperparameters.dither * envelope(19), 15);
    expect(annealed[19]!.learningRate).toBe(ae.scheduler.hyperparameters.learningRate);
    expect(adaptive(ae.scheduler).snapshot().envelope).toBeCloseTo(envelope(19), 12);
    for (const x of [adamRun, ae]) x.dispose();
  });

  it('does not leak tensors over 500 steps', () => {
    const t = target();
    const trainer = new Trainer(base({ target: t }));
    trainer.run({ steps: 20 });
    const settled = tf.memory().numTensors;
    trainer.run({ steps: 500 });
    expect(tf.memory().numTensors).toBe(settled);
    trainer.dispose();
    t.dispose();
  });

  it('runs the seed’s exact heavy ball when given `rule: heavyBall`, no method name needed', () => {
    const t = target();
    const trajectory = (rule: TrainerOptions['rule']) => {
      const trainer = new Trainer(base({ target: t, rule }));
      const r = trainer.run({ steps: 40 });
      const state = trainer.checkpoint().rule!;
      trainer.dispose();
      return { params: r.history.map((e) => Array.from(e.parameters)), best: r.bestLoss, state };
    };
    const byFactory = trajectory(heavyBall);
    expect(byFactory.state.rule).toBe('heavy-ball');
    const probe = new Trainer(base({ target: t }));
    expect(byFactory.best).toBeLessThan(probe.evaluate([0.3, 0.8]));
    probe.dispose();
    expect(trajectory((n) => heavyBall(n)).params).toEqual(byFactory.params);
    expect(trajectory(heavyBall(2)).params).toEqual(byFactory.params);
    expect(trajectory(undefined).state.rule).toBe('adam');
    t.dispose();
  });

  it('runs with a scheduler and an explorer object of the caller’s, and resumes them exactly', () => {
    const t = target();
    const make = () =>
      base({
        target: t,
        learningRate: undefined,
        scheduler: new AdaptiveScheduler({ learningRate: 0.03, momentum: 0.8 }),
        explorer: new Explorer({ seed: 11, testEvery: 3 }),
      });
    const options = make();
    const trainer = new Trainer(options);
    expect(trainer.scheduler).toBe(options.scheduler);
    const first = trainer.run({ steps: 12 }).history;
    expect(first[0]!.momentum).toBe(0.8);
    expect(first.filter((e) => e.localTest).map((e) => e.step)).toEqual([3, 6, 9]);
    const saved = JSON.parse(JSON.stringify(trainer.checkpoint()));
    const rest = trainer.run({ steps: 10 }).history.map((e) => Array.from(e.parameters));
    const resumed = Trainer.resume(saved, make());
    expect(resumed.run({ steps: 10 }).history.map((e) => Array.from(e.parameters))).toEqual(rest);
    for (const x of [trainer, resumed]) x.dispose();
    t.dispose();
  });

  it('defaults the loss to matchLoss of @ae-ddsp/features at the plant’s sample rate', () => {
    const long = tf.tidy(() => plant.render(tf.tensor2d([TRUE]), 4096));
    const run = (loss: LossFactory | undefined) => {
      const trainer = new Trainer(base({ target: long, loss }));
      const r = trainer.run({ steps: 3 }).history.map((e) => [e.loss, Array.from(e.parameters)]);
      trainer.dispose();
      return r;
    };
    const byDefault = run(undefined);
    expect(byDefault).toEqual(run(matchLoss({ sampleRate: plant.sampleRate })));
    expect(byDefault).not.toEqual(run(matchLoss({ sampleRate: 16000 })));
    long.dispose();
  });

  it('frees every tensor it made: numTensors unchanged over 50 constructions and disposals', () => {
    const t = target();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i++)
      new Trainer(base({ target: t, window: { samples: 200, hop: 100 } })).dispose();
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('rejects bad options with messages naming them', () => {
    const t = target();
    expect(() => new Trainer(base({ target: t, initial: [0.5] }))).toThrow(/initial must have 2/);
    expect(() => new Trainer(base({ target: t, initial: [0.5, 2] }))).toThrow(/initial\[1\]/);
    expect(() => new Trainer(base({ target: tf.zeros([10]) as never }))).toThrow(
      /target must be a 2-D tensor/,
    );
    expect(() => new Trainer(base({ target: t, method: 'sgd' as never }))).toThrow(/unknown method/);
    expect(() => new Trainer(base({ target: t, window: { samples: 1000, hop: 10 } }))).toThrow(
      /window.samples/,
    );
    expect(() => new Trainer(base({ target: t })).run({})).toThrow(/finite budget/);
    expect(() => new Trainer(base({ target: t, loss: 3 as never }))).toThrow(
      /options.loss must be a loss factory/,
    );
    expect(
      () => new Trainer(base({ target: t, learningRate: 0.1, scheduler: { learningRate: 0.2 } })),
    ).toThrow(/disagree/);
  });
});
