// CONTRIBUTING.md, task (c): a custom update rule passed to the trainer, no method name needed.
// The rule below is the one CONTRIBUTING.md shows; the first test checks the page still does.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { drivePlant, mseLoss } from './test-support/drive-plant';
import { Trainer } from './trainer';
import type { UpdateRule } from './update-rules/update-rule';

const EXAMPLE = `function signSgd(size: number): UpdateRule {
  let steps = 0;
  return {
    name: 'sign-sgd',
    step: (g, { learningRate }) => {
      steps++;
      return g.map((x) => learningRate * Math.sign(x));
    },
    toJSON: () => ({ rule: 'sign-sgd', steps, buffers: {} }),
    restore: (state) => {
      steps = state.steps;
    },
  };
}`;

function signSgd(_size: number): UpdateRule {
  let steps = 0;
  return {
    name: 'sign-sgd',
    step: (g, { learningRate }) => {
      steps++;
      return g.map((x) => learningRate * Math.sign(x));
    },
    toJSON: () => ({ rule: 'sign-sgd', steps, buffers: {} }),
    restore: (state) => {
      steps = state.steps;
    },
  };
}

describe('a custom update rule (CONTRIBUTING.md, task c)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('CONTRIBUTING.md shows this rule', () => {
    const page = readFileSync(new URL('../../../CONTRIBUTING.md', import.meta.url), 'utf8');
    expect(page).toContain(EXAMPLE.replace('_size', 'size'));
    expect(page).toContain('rule: signSgd');
  });

  it('drives the steps: every parameter moves by exactly ±α while nothing else acts', () => {
    const plant = drivePlant();
    const target = tf.tidy(() => plant.render(tf.tensor2d([[0.6, 0.3]]), 2000));
    // `adam` preset: fixed α, no dither, no local tests; the rule replaces its Adam update.
    const trainer = new Trainer({ plant, target, loss: mseLoss, rule: signSgd, method: 'adam', seed: 1 });
    const alpha = trainer.scheduler.hyperparameters.learningRate;
    let before = trainer.parameters;
    for (let i = 0; i < 5; i++) {
      trainer.step();
      const after = trainer.parameters;
      for (let k = 0; k < after.length; k++) expect(Math.abs(after[k]! - before[k]!)).toBeCloseTo(alpha, 6);
      before = after;
    }
    expect(trainer.checkpoint().rule).toEqual({ rule: 'sign-sgd', steps: 5, buffers: {} });
    expect(trainer.best.loss).toBeLessThan(trainer.evaluate([0.5, 0.5]) + 1e-12);
    trainer.dispose();
    target.dispose();
  });
});
