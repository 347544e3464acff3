import { describe, expect, it } from 'vitest';
import { cosineEnvelope } from './cosine-envelope';

describe('cosineEnvelope', () => {
  it('follows floor + (1 − floor)·½(1 + cos(π·t/T)) without warm-up', () => {
    const e = cosineEnvelope({ steps: 100, floor: 0.2 });
    expect(e(0)).toBe(1);
    expect(e(50)).toBeCloseTo(0.2 + 0.8 * 0.5, 12);
    expect(e(25)).toBeCloseTo(0.2 + 0.8 * 0.5 * (1 + Math.SQRT1_2), 12);
    expect(e(100)).toBeCloseTo(0.2, 12);
    expect(e(1000)).toBeCloseTo(0.2, 12);
  });
  it('ramps linearly during warm-up, then starts the cosine at 1', () => {
    const e = cosineEnvelope({ steps: 20, warmupSteps: 4, floor: 0 });
    expect([0, 1, 2, 3].map(e)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(e(4)).toBe(1);
    expect(e(12)).toBeCloseTo(0.5, 12);
  });
  it('rejects invalid shapes with a message naming the option', () => {
    expect(() => cosineEnvelope({ steps: 0 })).toThrow(/steps/);
    expect(() => cosineEnvelope({ steps: 10, floor: 2 })).toThrow(/floor/);
    expect(() => cosineEnvelope({ steps: 10, warmupSteps: 10 })).toThrow(/warmupSteps/);
  });
});
