import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdaptiveScheduler } from '../adaptive-scheduler';
import { applyHyperparameters, supportsMomentum } from './apply-hyperparameters';
import { scheduleOptimizer } from './scheduled-optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Applies one gradient of 1 to a fresh variable at 1 and returns how far it moved. */
function stepWith(optimizer: tf.Optimizer, variable: tf.Variable): number {
  const before = variable.dataSync()[0]!;
  const gradient = tf.scalar(1);
  optimizer.applyGradients({ [variable.name]: gradient });
  gradient.dispose();
  return before - variable.dataSync()[0]!;
}

describe('applyHyperparameters: momentum really changes the update', () => {
  it('tf.train.momentum: stock setMomentum has no effect, ours does', () => {
    // Heavy ball in tfjs: a ← μ·a + g; θ ← θ − α·a. Step 1 (μ = 0.9): a = 1, Δ = 0.1.
    const stockVar = tf.variable(tf.scalar(1), true, 'stock');
    const stock = tf.train.momentum(0.1, 0.9);
    expect(stepWith(stock, stockVar)).toBeCloseTo(0.1, 6);
    stock.setMomentum(0);
    // Step 2 should be 0.1 with μ = 0, but tfjs 4.22 still uses 0.9: a = 1.9, Δ = 0.19.
    expect(stepWith(stock, stockVar)).toBeCloseTo(0.19, 6);

    const oursVar = tf.variable(tf.scalar(1), true, 'ours');
    const ours = tf.train.momentum(0.1, 0.9);
    expect(stepWith(ours, oursVar)).toBeCloseTo(0.1, 6);
    expect(applyHyperparameters(ours, { learningRate: 0.1, momentum: 0 })).toEqual({
      learningRate: true,
      momentum: true,
    });
    expect(stepWith(ours, oursVar)).toBeCloseTo(0.1, 6);
    applyHyperparameters(ours, { learningRate: 0.2, momentum: 0.5 });
    // a = 0.5·1 + 1 = 1.5, Δ = 0.2·1.5.
    expect(stepWith(ours, oursVar)).toBeCloseTo(0.3, 6);
    tf.dispose([stockVar, oursVar]);
    stock.dispose();
    ours.dispose();
  });

  it('tf.train.rmsprop: momentum enters the next update', () => {
    // RMSProp(decay ρ, momentum μ, ε): ms ← ρ·ms + (1−ρ)g²; mom ← μ·mom + α·g/√(ms + ε).
    const v = tf.variable(tf.scalar(1), true, 'rms');
    const opt = tf.train.rmsprop(0.1, 0.5, 0, 1e-8);
    expect(stepWith(opt, v)).toBeCloseTo(0.1 / Math.sqrt(0.5), 5);
    applyHyperparameters(opt, { learningRate: 0.1, momentum: 0.5 });
    const ms2 = 0.5 * 0.5 + 0.5;
    expect(stepWith(opt, v)).toBeCloseTo(0.5 * (0.1 / Math.sqrt(0.5)) + 0.1 / Math.sqrt(ms2), 5);
    v.dispose();
    opt.dispose();
  });

  it('reports which optimisers cannot take a momentum', () => {
    for (const opt of [
      tf.train.sgd(0.1),
      tf.train.adam(0.1),
      tf.train.adagrad(0.1),
      tf.train.adadelta(0.1),
      tf.train.adamax(0.1),
    ]) {
      expect(supportsMomentum(opt)).toBe(false);
      expect(applyHyperparameters(opt, { learningRate: 0.05, momentum: 0.5 })).toEqual({
        learningRate: true,
        momentum: false,
      });
      opt.dispose();
    }
    expect(supportsMomentum(tf.train.momentum(0.1, 0.9))).toBe(true);
  });
});

describe('applyHyperparameters: the learning rate reaches every tfjs optimiser', () => {
  const factories: Record<string, () => tf.Optimizer> = {
    sgd: () => tf.train.sgd(1),
    momentum: () => tf.train.momentum(1, 0.9),
    adam: () => tf.train.adam(1),
    adamax: () => tf.train.adamax(1),
    adagrad: () => tf.train.adagrad(1),
    adadelta: () => tf.train.adadelta(1),
    rmsprop: () => tf.train.rmsprop(1),
  };
  it.each(Object.keys(factories))(
    '%s: the first step scales linearly with the applied learning rate',
    (name) => {
      const moves = [0.01, 0.03].map((lr, i) => {
        const opt = factories[name]!();
        const v = tf.variable(tf.scalar(1), true, `${name}-${i}`);
        applyHyperparameters(opt, { learningRate: lr });
        const moved = stepWith(opt, v);
        v.dispose();
        opt.dispose();
        return moved;
      });
      expect(moves[0]).toBeGreaterThan(0);
      expect(moves[1]! / moves[0]!).toBeCloseTo(3, 4);
    },
  );

  it('rejects invalid values with a clear message', () => {
    const opt = tf.train.sgd(0.1);
    expect(() => applyHyperparameters(opt, { learningRate: Number.NaN })).toThrow(/learningRate/);
    expect(() => applyHyperparameters(opt, { learningRate: 0.1, momentum: 1 })).toThrow(/momentum/);
    opt.dispose();
  });
});

describe('scheduleOptimizer', () => {
  it('feeds the scheduler and drives the optimiser each step without leaking tensors', () => {
    const v = tf.variable(tf.scalar(1), true, 'driven');
    const driven = scheduleOptimizer(
      tf.train.momentum(0.1, 0.9),
      new AdaptiveScheduler({ learningRate: 0.1 }),
    );
    const internals = driven.optimizer as unknown as { learningRate: number; m: tf.Scalar };
    const start = tf.memory().numTensors;
    let last = driven.scheduler.hyperparameters;
    for (let i = 0; i < 200; i++) {
      const loss = 0.5 * v.dataSync()[0]! ** 2;
      last = driven.step({ loss });
      expect(internals.learningRate).toBe(last.learningRate);
      expect(internals.m.dataSync()[0]).toBeCloseTo(last.momentum, 6);
      const g = tf.scalar(v.dataSync()[0]!);
      driven.optimizer.applyGradients({ driven: g });
      g.dispose();
      if (i === 1) expect(tf.memory().numTensors).toBeGreaterThan(start); // the accumulator appears
    }
    const settled = tf.memory().numTensors;
    for (let i = 0; i < 50; i++) driven.step({ loss: i % 2 ? 1 : 2 });
    expect(tf.memory().numTensors).toBe(settled);
    expect(Math.abs(v.dataSync()[0]!)).toBeLessThan(1e-2);
    v.dispose();
    driven.optimizer.dispose();
  });
});
