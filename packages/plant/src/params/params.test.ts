import { describe, expect, it } from 'vitest';
import { FusedOps } from '../fused/fused-ops';
import { mapFromNormalised } from './map-signal';
import { fromNormalised, type ParameterMapping, toNormalised } from './mapping';
import { clampPhysical, defineParameter, denormalise, inRange, normalise } from './parameter-spec';

const spec = (mapping: ParameterMapping, min = 20, max = 20000) =>
  defineParameter({ name: 'x', unit: 'Hz', min, max, default: min, mapping });

describe('parameter mappings', () => {
  it('map normalised values to the hand-computed physical values', () => {
    expect(fromNormalised({ kind: 'linear' }, -1, 3, 0.25)).toBe(0);
    expect(fromNormalised({ kind: 'log' }, 20, 20000, 0.5)).toBeCloseTo(Math.sqrt(20 * 20000), 9);
    expect(fromNormalised({ kind: 'log' }, 20, 20000, 1 / 3)).toBeCloseTo(200, 9);
    // torchsynth: min + (max − min)·u^(1/curve)
    expect(fromNormalised({ kind: 'curve', curve: 2 }, 0, 10, 0.25)).toBeCloseTo(5, 12);
    // symmetric: min + (max − min)/2·(1 + sign(d)|d|^(1/curve)), d = 2u − 1
    expect(fromNormalised({ kind: 'curve', curve: 2, symmetric: true }, -10, 10, 0.625)).toBeCloseTo(5, 12);
    expect(fromNormalised({ kind: 'curve', curve: 2, symmetric: true }, -10, 10, 0.375)).toBeCloseTo(-5, 12);
    expect(fromNormalised({ kind: 'curve', curve: 2, symmetric: true }, -10, 10, 0.5)).toBe(0);
  });

  it('round-trip between physical and normalised values, and clamp outside the range', () => {
    const mappings: ParameterMapping[] = [
      { kind: 'linear' },
      { kind: 'log' },
      { kind: 'curve', curve: 3 },
      { kind: 'curve', curve: 0.5, symmetric: true },
    ];
    for (const m of mappings) {
      const s = spec(m);
      for (const v of [20, 21.5, 440, 9999, 20000]) expect(denormalise(s, normalise(s, v))).toBeCloseTo(v, 6);
      for (const u of [0, 0.1, 0.5, 0.77, 1]) expect(normalise(s, denormalise(s, u))).toBeCloseTo(u, 9);
      expect(normalise(s, 1e9)).toBe(1);
      expect(normalise(s, -5)).toBe(0);
      expect(denormalise(s, 2)).toBeCloseTo(20000, 6);
      expect(toNormalised(m, 20, 20000, 20000)).toBeCloseTo(1, 12);
    }
  });

  it('the signal mapping inside the render equals the scalar mapping', () => {
    const mappings: ParameterMapping[] = [
      { kind: 'linear' },
      { kind: 'log' },
      { kind: 'curve', curve: 2 },
      { kind: 'curve', curve: 2, symmetric: true },
    ];
    const us = Float64Array.of(0, 0.05, 0.3, 0.5, 0.71, 1);
    for (const m of mappings) {
      const s = spec(m, m.kind === 'log' ? 20 : -100, 100);
      const ops = new FusedOps(us.length, 1, 16000);
      const out = mapFromNormalised(ops, s, ops.input(us, us.length, 1)).values;
      us.forEach((u, i) => {
        expect(out[i]).toBeCloseTo(fromNormalised(m, s.min, s.max, u), 6);
      });
    }
  });

  it('rejects bad specs and values with clear errors', () => {
    expect(() => spec({ kind: 'log' }, 0, 10)).toThrow(/log mapping needs min > 0/);
    expect(() => spec({ kind: 'curve', curve: 0 })).toThrow(/curve must be a finite number > 0/);
    expect(() =>
      defineParameter({ name: 'q', unit: 'none', min: 1, max: 2, default: 3, mapping: { kind: 'linear' } }),
    ).toThrow(/default 3 is outside \[1, 2\]/);
    expect(() =>
      defineParameter({ name: 'q', unit: 'none', min: 2, max: 1, default: 1, mapping: { kind: 'linear' } }),
    ).toThrow(/finite min < max/);
    const s = spec({ kind: 'linear' });
    expect(() => clampPhysical(s, Number.NaN)).toThrow(/NaN/);
    expect(() => denormalise(s, Number.NaN)).toThrow(/NaN/);
    expect(clampPhysical(s, 1)).toBe(20);
    expect(inRange(s, 100)).toBe(true);
    expect(inRange(s, 1)).toBe(false);
  });
});
