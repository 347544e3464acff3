import { FuzzyART } from '@ae-ddsp/art-memory';
import type { LossFactory } from '@ae-ddsp/features';
import { centralDifference, maxRelativeError, tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { Objective } from './objective';
import { type MemoryEmbedding, ResonanceMemory } from './resonance-memory';
import { drivePlant, mseLoss } from './test-support/drive-plant';
import { Trainer, type TrainerOptions } from './trainer';

const plant = drivePlant();
const SAMPLES = 400;

/** A small differentiable embedding of the drive plant's audio: level and shape in (0, 1)². */
const embedding: MemoryEmbedding = {
  dimensions: 2,
  embed: (audio) =>
    tf.tidy(() => {
      const rms = tf.sqrt(tf.add(tf.mean(tf.square(audio), 1, true), 1e-9));
      const meanAbs = tf.add(tf.mean(tf.abs(audio), 1, true), 1e-9);
      const shape = tf.sub(tf.div(rms, meanAbs), 1.11); // 0 for a sine, larger as drive squares it
      return tf.sigmoid(tf.concat([tf.sub(tf.mul(6, rms), 1.5), tf.mul(-12, shape)], 1)) as tf.Tensor2D;
    }),
};
const embedAt = (theta: ArrayLike<number>) =>
  tf.tidy(() =>
    Array.from(embedding.embed(plant.render(tf.tensor2d([Array.from(theta)]), SAMPLES)).dataSync()),
  );

const target = () => tf.tidy(() => plant.render(tf.tensor2d([[0.7, 0.3]]), SAMPLES));
/** One prototype: a box around the embedding of θ = (0.5, 0.5), wide enough to resonate near it. */
function prototypes() {
  const h = embedAt([0.5, 0.5]);
  const art = new FuzzyART({ rho: 0.5, beta: 1 });
  art.learn(h.map((x) => Math.max(0, x - 0.05)));
  art.learn(h.map((x) => Math.min(1, x + 0.05)));
  return art.toJSON();
}
/** One point prototype at the embedding of θ = (0.6, 0.4): every other h* it learns moves it. */
function pointPrototype() {
  const art = new FuzzyART({ rho: 0.5, beta: 1 });
  art.learn(embedAt([0.6, 0.4]));
  return art.toJSON();
}
const base = (over: Partial<TrainerOptions> = {}): TrainerOptions => ({
  plant,
  target: over.target ?? target(),
  loss: mseLoss,
  method: 'adam',
  initial: [0.45, 0.55],
  seed: 5,
  ...over,
});

describe('the DAR-DDSP memory of the trainer', () => {
  beforeAll(() => useBackend('cpu'));

  it('adds λ_ART‖h* − w_j‖² to the objective: its gradient agrees with central differences', () => {
    const t = target();
    const memory = new ResonanceMemory({
      embedding,
      prototypes: prototypes(),
      resonanceWeight: 0.5,
      vigilance: 0.5,
    });
    const objective = new Objective({ plant, target: t, loss: mseLoss, regulariser: (a) => memory.term(a) });
    const theta = Float32Array.of(0.45, 0.55);
    const { gradient } = objective.evaluate(theta, 0);
    const w = FuzzyART.fromJSON(prototypes()).weights[0]!;
    const centre = [0, 1].map((k) => (w[k]! + 1 - w[2 + k]!) / 2);
    const report = memory.commit()!;
    expect(report.category).toBe(0);
    const f = (x: Float64Array) =>
      tf.tidy(() => {
        const audio = plant.render(tf.tensor2d([Array.from(x)]), SAMPLES);
        const h = embedding.embed(audio);
        const reg = tf.mul(0.5, tf.sum(tf.square(tf.sub(h, tf.tensor2d([centre])))));
        return tf.add(mseLoss(t)(audio), reg).dataSync()[0]!;
      });
    const numeric = centralDifference(f, theta, 1e-3);
    expect(maxRelativeError(gradient, numeric, 1e-3)).toBeLessThan(2e-2);
    // without the term the gradient differs (the regulariser is not a no-op here)
    const plain = new Objective({ plant, target: t, loss: mseLoss });
    expect(maxRelativeError(plain.evaluate(theta, 0).gradient, numeric, 1e-3)).toBeGreaterThan(2e-2);
    tf.dispose(t);
    objective.dispose();
    plain.dispose();
  });

  it('applies feedbackGain·J^T·embeddingPull·(w_j − h*) to θ: the VJP agrees with central differences', () => {
    const t = target();
    const options = { embedding, prototypes: prototypes(), vigilance: 0.5, resonanceWeight: 0 };
    const run = (feedbackGain: number) => {
      const trainer = new Trainer(
        base({ target: t, memory: { ...options, feedbackGain, embeddingPull: 0.5 } }),
      );
      const event = trainer.step();
      trainer.dispose();
      return event;
    };
    const withFeedback = run(2);
    const without = run(0);
    const h0 = embedAt([0.45, 0.55]);
    const w = FuzzyART.fromJSON(prototypes()).weights[0]!;
    const v = [0, 1].map((k) => 0.5 * ((w[k]! + 1 - w[2 + k]!) / 2 - h0[k]!));
    const vjp = centralDifference(
      (x) => embedAt(x).reduce((s, hk, k) => s + v[k]! * hk, 0),
      [0.45, 0.55],
      1e-3,
    );
    const moved = Array.from(withFeedback.parameters, (x, i) => x - without.parameters[i]!);
    expect(
      maxRelativeError(
        moved,
        Array.from(vjp, (g) => 2 * g),
        1e-4,
      ),
    ).toBeLessThan(2e-2);
    expect(Math.hypot(...moved)).toBeGreaterThan(1e-4);
    // the correction moves h* towards the prototype
    const h1 = embedAt(withFeedback.parameters);
    const h1Without = embedAt(without.parameters);
    const toward = (h: number[]) => h.reduce((s, x, k) => s + (x - h0[k]!) * v[k]!, 0);
    expect(toward(h1)).toBeGreaterThan(toward(h1Without));
    expect(withFeedback.evaluations).toBe(2); // the feedback's render counts
    expect(without.evaluations).toBe(1);
    t.dispose();
  });

  it('learns the resonant prototype at prototypeRate, and allocates a new one when none resonates', () => {
    const t = target();
    const trainer = new Trainer(
      base({
        target: t,
        memory: { embedding, prototypes: prototypes(), vigilance: 0.5, prototypeRate: 0.25 },
      }),
    );
    const before = FuzzyART.fromJSON(trainer.memory!.prototypes).weights[0]!;
    const h = embedAt([0.45, 0.55]);
    const event = trainer.step();
    expect(event.memory!.category).toBe(0);
    expect(event.memory!.allocated).toBe(false);
    const after = FuzzyART.fromJSON(trainer.memory!.prototypes).weights[0]!;
    const input = [...h, ...h.map((x) => 1 - x)];
    const expected = before.map((w, k) => 0.25 * Math.min(input[k]!, w) + 0.75 * w);
    expect(maxRelativeError(after, expected, 1e-6)).toBeLessThan(1e-5);
    trainer.dispose();
    const empty = new Trainer(base({ target: t, memory: { embedding } }));
    const first = empty.step();
    expect(first.memory).toMatchObject({ category: -1, allocated: true });
    const w0 = FuzzyART.fromJSON(empty.memory!.prototypes).weights[0]!;
    expect(maxRelativeError(w0, input, 1e-6)).toBeLessThan(1e-5); // a new category starts at w = I
    const second = empty.step();
    expect(second.memory!.category).toBe(0); // h* moved a little: it resonates with the new one
    empty.dispose();
    t.dispose();
  });

  it('a rolled-back step leaves the prototypes as they were', () => {
    let calls = 0;
    const flaky: LossFactory = (t) => {
      const mse = mseLoss(t);
      return (audio) => (++calls === 4 ? tf.mul(mse(audio), Number.NaN) : mse(audio));
    };
    const trainer = new Trainer(
      base({
        loss: flaky,
        memory: { embedding, prototypes: pointPrototype(), vigilance: 0.5, prototypeRate: 0.5 },
      }),
    );
    let previous = JSON.stringify(trainer.memory);
    for (let step = 0; step < 6; step++) {
      const event = trainer.step();
      const now = JSON.stringify(trainer.memory);
      if (event.rolledBack) expect(now).toBe(previous);
      else expect(now).not.toBe(previous);
      previous = now;
    }
    trainer.dispose();
  });

  it('resumes bit-exactly from a checkpoint with its prototypes, and leaks no tensors', () => {
    const t = target();
    const options = base({
      target: t,
      method: 'ae-ddsp',
      memory: { embedding, prototypes: prototypes(), vigilance: 0.5, prototypeRate: 0.1 },
    });
    const whole = new Trainer(options);
    whole.run({ steps: 4 });
    const saved = JSON.parse(JSON.stringify(whole.checkpoint()));
    expect(saved.memory.prototypes.format).toBe('ae-ddsp/fuzzy-art');
    const rest = whole.run({ steps: 6 }).history;
    const resumed = Trainer.resume(saved, options);
    const again = resumed.run({ steps: 6 }).history;
    expect(again.map((e) => [Array.from(e.parameters), e.loss, e.memory])).toEqual(
      rest.map((e) => [Array.from(e.parameters), e.loss, e.memory]),
    );
    expect(resumed.memory).toEqual(whole.memory);
    expect(() => Trainer.resume(saved, base({ target: t, method: 'ae-ddsp' }))).toThrow(
      /checkpoint has memory, the options have none/,
    );
    const before = tf.memory().numTensors;
    resumed.run({ steps: 30 });
    expect(tf.memory().numTensors).toBe(before);
    whole.dispose();
    resumed.dispose();
    t.dispose();
  });

  it('refuses bad memory options by name', () => {
    const t = target();
    expect(() => new Trainer(base({ target: t, memory: { embedding, vigilance: 1.5 } }))).toThrow(
      /memory.vigilance must be a number in \[0, 1\], got 1.5/,
    );
    expect(() => new Trainer(base({ target: t, memory: { embedding, prototypeRate: 0 } }))).toThrow(
      /memory.prototypeRate/,
    );
    expect(() => new Trainer(base({ target: t, method: 'random', memory: { embedding } }))).toThrow(
      /needs a gradient method/,
    );
    expect(
      () =>
        new Trainer(
          base({
            target: t,
            memory: { embedding: { dimensions: 3, embed: embedding.embed }, prototypes: prototypes() },
          }),
        ),
    ).toThrow(/prototypes have 2 features, the embedding has 3/);
    t.dispose();
  });
});
