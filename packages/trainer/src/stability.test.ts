import { describe, expect, it } from 'vitest';
import { Stability } from './stability';

const v = (...x: number[]) => Float32Array.from(x);

describe('Stability', () => {
  it('calls non-finite losses and gradients divergent, and exploding ones once a best exists', () => {
    const s = new Stability(v(0.5), 10);
    expect(s.diverged(Number.NaN, 1)).toBe(true);
    expect(s.diverged(1, Number.POSITIVE_INFINITY)).toBe(true);
    expect(s.diverged(1e30, 1)).toBe(false); // nothing to compare with yet
    s.offer(2, v(0.4));
    expect(s.diverged(22, 1)).toBe(false); // 22 − 2 = 10·|2|: not above
    expect(s.diverged(22.5, 1)).toBe(true);
  });

  it('keeps the lowest finite loss: NaN and ties never replace the best', () => {
    const s = new Stability(v(0.5, 0.5));
    expect(s.bestLoss).toBe(Number.POSITIVE_INFINITY);
    s.offer(Number.NaN, v(0, 0));
    s.offer(Number.NEGATIVE_INFINITY, v(0, 0));
    expect(Array.from(s.best)).toEqual([0.5, 0.5]);
    s.offer(3, v(0.1, 0.2));
    s.offer(3, v(0.9, 0.9));
    s.offer(4, v(0.8, 0.8));
    expect(s.bestLoss).toBe(3);
    expect(Array.from(s.best)).toEqual(Array.from(v(0.1, 0.2)));
  });

  it('hands out copies, rolls back to the last accepted parameters and round-trips through JSON', () => {
    const s = new Stability(v(0.5));
    const theta = v(0.25);
    s.accept(theta);
    theta[0] = 1;
    s.lastGood[0] = 1;
    expect(Array.from(s.lastGood)).toEqual([0.25]);
    s.offer(1.5, v(0.75));
    const copy = new Stability(v(0));
    copy.restore(JSON.parse(JSON.stringify(s.toJSON())));
    expect([copy.bestLoss, copy.best[0], copy.lastGood[0]]).toEqual([1.5, 0.75, 0.25]);
    expect(new Stability(v(0)).toJSON().bestLoss).toBeNull();
    expect(() => new Stability(v(0), Number.NaN)).toThrow(/explodeFactor/);
  });
});
