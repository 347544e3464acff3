import { describe, expect, it } from 'vitest';
import { CHECKPOINT_FORMAT, checkCheckpoint, type TrainerCheckpoint } from './checkpoint';

const good: TrainerCheckpoint = {
  format: CHECKPOINT_FORMAT,
  method: 'adam',
  step: 3,
  evaluations: 3,
  parameters: [0.1, 0.2],
  lastGood: [0.1, 0.2],
  bestParameters: [0.1, 0.2],
  bestLoss: 0.5,
  rule: null,
  scheduler: {},
  explorer: {},
  random: [1, 2, 3, 4],
  lastUpdate: [0, 0],
  resonance: { updates: [], parameters: [], updateNorms: [] },
};

describe('checkCheckpoint', () => {
  it('accepts a checkpoint of the right method and size', () => {
    expect(() => checkCheckpoint(good, 'adam', 2)).not.toThrow();
  });

  it('names what is wrong', () => {
    expect(() => checkCheckpoint({ ...good, format: 'x' as never }, 'adam', 2)).toThrow(
      /not a trainer checkpoint/,
    );
    expect(() => checkCheckpoint(good, 'ae-ddsp', 2)).toThrow(/of method adam, options say ae-ddsp/);
    expect(() => checkCheckpoint(good, 'adam', 3)).toThrow(/has 2 parameters, the plant and batch need 3/);
    expect(() => checkCheckpoint({ ...good, lastGood: [0.1, Number.NaN] }, 'adam', 2)).toThrow(
      'checkpoint.lastGood[1] is NaN; expected a number in [0, 1]',
    );
    expect(() => checkCheckpoint({ ...good, step: -1 }, 'adam', 2)).toThrow(
      'checkpoint.step is -1; expected an integer ≥ 0',
    );
  });
});
