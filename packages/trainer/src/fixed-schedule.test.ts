import { cosineEnvelope } from '@ae-ddsp/scheduler';
import { describe, expect, it } from 'vitest';
import { FixedSchedule } from './fixed-schedule';

const initial = { learningRate: 0.03, momentum: 0.9, dither: 1e-3 };

describe('FixedSchedule', () => {
  it('never adapts, whatever the feedback', () => {
    const s = new FixedSchedule(initial);
    for (const loss of [1, Number.NaN, 1e9, 0]) expect(s.update({ loss })).toEqual(initial);
    expect(s.hyperparameters).toEqual(initial);
  });

  it('puts α under the envelope, update t at envelope(t), and resumes where it was', () => {
    const envelope = cosineEnvelope({ steps: 10, floor: 0.1 });
    const s = new FixedSchedule(initial, envelope);
    const seen = Array.from({ length: 4 }, () => s.update({ loss: 1 }).learningRate);
    expect(seen).toEqual([0, 1, 2, 3].map((t) => 0.03 * envelope(t)));
    const resumed = new FixedSchedule(initial, envelope);
    resumed.restore(JSON.parse(JSON.stringify(s.toJSON())));
    expect(resumed.update({ loss: 1 })).toEqual(s.update({ loss: 1 }));
    expect(() => resumed.restore({ format: 'ae-ddsp/scheduler@1', step: 2 })).toThrow(/fixed-schedule/);
  });
});
