// Trainer.resume refuses every corrupted field of a real checkpoint, naming it, and leaks nothing.
import { tf, useBackend } from '@ae-ddsp/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainerCheckpoint } from './checkpoint';
import { drivePlant, mseLoss } from './test-support/drive-plant';
import { Trainer } from './trainer';

const plant = drivePlant();

type Edit = (c: Record<string, unknown>) => void;

describe('Trainer.resume validates every field', () => {
  beforeAll(() => useBackend('cpu'));

  it('rejects the corruptions of the reliability probe and more, each with a message naming the field', () => {
    const target = tf.tidy(() => plant.render(tf.tensor2d([[0.7, 0.3]]), 400));
    const options = { plant, target, loss: mseLoss, initial: [0.3, 0.8], seed: 1, learningRate: 0.03 };
    const trainer = new Trainer(options);
    trainer.run({ steps: 12 });
    const saved = JSON.stringify(trainer.checkpoint());
    trainer.dispose();
    const corrupt = (edit: Edit) => {
      const c = JSON.parse(saved) as Record<string, unknown>;
      edit(c);
      return c as unknown as TrainerCheckpoint;
    };
    const cases: [string, Edit, string][] = [
      // the eight of the probe
      [
        'null parameter',
        (c) => ((c['parameters'] as unknown[])[0] = null),
        'checkpoint.parameters[0] is null; expected a number in [0, 1]',
      ],
      [
        'NaN parameter',
        (c) => ((c['parameters'] as unknown[])[1] = Number.NaN),
        'checkpoint.parameters[1] is NaN',
      ],
      [
        'parameter above 1',
        (c) => ((c['parameters'] as unknown[])[0] = 1.5),
        'checkpoint.parameters[0] is 1.5; expected a number in [0, 1]',
      ],
      [
        'parameter below 0',
        (c) => ((c['bestParameters'] as unknown[])[1] = -0.25),
        'checkpoint.bestParameters[1] is -0.25',
      ],
      [
        'too few parameters',
        (c) => (c['parameters'] = [0.5]),
        'checkpoint has 1 parameters, the plant and batch need 2',
      ],
      [
        'too many lastGood',
        (c) => (c['lastGood'] = [0.5, 0.5, 0.5]),
        'checkpoint has 3 lastGood, the plant and batch need 2',
      ],
      ['negative step', (c) => (c['step'] = -5), 'checkpoint.step is -5; expected an integer ≥ 0'],
      [
        'string bestLoss',
        (c) => (c['bestLoss'] = 'abc'),
        'checkpoint.bestLoss is "abc"; expected a finite number, or null',
      ],
      // and the other fields
      ['fractional step', (c) => (c['step'] = 2.5), 'checkpoint.step is 2.5'],
      [
        'string evaluations',
        (c) => (c['evaluations'] = '12'),
        'checkpoint.evaluations is "12"; expected an integer ≥ 0',
      ],
      ['NaN bestLoss', (c) => (c['bestLoss'] = Number.NaN), 'checkpoint.bestLoss is NaN'],
      [
        'infinite lastUpdate',
        (c) => ((c['lastUpdate'] as unknown[])[0] = Number.POSITIVE_INFINITY),
        'checkpoint.lastUpdate[0] is Infinity; expected a finite number',
      ],
      [
        'parameters not an array',
        (c) => (c['parameters'] = { 0: 0.5 }),
        'checkpoint.parameters is object; expected an array of 2 numbers',
      ],
      ['random of three', (c) => (c['random'] = [1, 2, 3]), 'checkpoint.random is an array of 3'],
      [
        'random with a fraction',
        (c) => ((c['random'] as number[])[0] = 0.5),
        'checkpoint.random is an array of 4; expected the four integers',
      ],
      ['rule a string', (c) => (c['rule'] = 'adam'), 'checkpoint.rule is "adam"'],
      ['scheduler missing', (c) => delete c['scheduler'], 'checkpoint.scheduler is undefined'],
      ['explorer null', (c) => (c['explorer'] = null), 'checkpoint.explorer is null'],
      ['resonance missing', (c) => delete c['resonance'], 'checkpoint.resonance is undefined'],
      [
        'resonance vector of the wrong size',
        (c) => ((c['resonance'] as { updates: unknown[] }).updates[0] = [0.1]),
        'checkpoint has 1 resonance.updates[0], the plant and batch need 2',
      ],
      [
        'negative update norm',
        (c) => ((c['resonance'] as { updateNorms: unknown[] }).updateNorms[0] = -1),
        'checkpoint.resonance.updateNorms[0] is -1; expected a finite number ≥ 0',
      ],
    ];
    const before = tf.memory().numTensors;
    for (const [name, edit, message] of cases)
      expect(() => Trainer.resume(corrupt(edit), options), name).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
    // the checkpoint itself still resumes, and a null bestLoss (before any finite loss) is valid
    Trainer.resume(
      corrupt(() => {}),
      options,
    ).dispose();
    Trainer.resume(
      corrupt((c) => (c['bestLoss'] = null)),
      options,
    ).dispose();
    expect(tf.memory().numTensors).toBe(before);
    target.dispose();
  });
});
