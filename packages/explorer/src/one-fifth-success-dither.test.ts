import { AdaptiveScheduler, type FeedbackSignals } from '@ae-ddsp/scheduler';
import { describe, expect, it } from 'vitest';
import { oneFifthSuccessDither } from './one-fifth-success-dither';

const base = { learningRate: 0.1, momentum: 0.9, dither: 1e-3 };
const neutral = () => 1;
const signals = (successRate: number | undefined) => ({ successRate }) as FeedbackSignals;

describe('oneFifthSuccessDither', () => {
  it('grows σ above a 1/5 success rate and shrinks it below', () => {
    const law = oneFifthSuccessDither({ base: neutral });
    expect(law(signals(0.5), base, base)).toBeCloseTo(1 / 0.817, 15);
    expect(law(signals(0.1), base, base)).toBe(0.817);
    expect(law(signals(0.2), base, base)).toBe(1);
    expect(law(signals(undefined), base, base)).toBe(1);
  });

  it('multiplies with its base law', () => {
    const law = oneFifthSuccessDither({ base: () => 2, factor: 0.5 });
    expect(law(signals(0), base, base)).toBe(1);
    expect(law(signals(1), base, base)).toBe(4);
  });

  it('drives the scheduler’s σ from the fed success rate', () => {
    const s = new AdaptiveScheduler({ dither: 1e-3, ditherLaw: oneFifthSuccessDither({ base: neutral }) });
    s.update({ loss: 1, successRate: 0.6 });
    expect(s.hyperparameters.dither).toBeCloseTo(1e-3 / 0.817, 15);
    s.update({ loss: 1, successRate: 0 });
    expect(s.hyperparameters.dither).toBeCloseTo(1e-3, 15);
  });

  it('rejects constants outside their ranges', () => {
    expect(() => oneFifthSuccessDither({ target: 1 })).toThrow(/target/);
    expect(() => oneFifthSuccessDither({ factor: 1.2 })).toThrow(/factor/);
  });
});
