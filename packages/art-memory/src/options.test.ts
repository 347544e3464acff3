import { describe, expect, it } from 'vitest';
import { DEFAULT_FUZZY_ART_OPTIONS, resolveFuzzyARTOptions } from './options';

describe('resolveFuzzyARTOptions', () => {
  it('fills the frozen defaults', () => {
    const o = resolveFuzzyARTOptions({ rho: 0.9 });
    expect(o).toEqual({ ...DEFAULT_FUZZY_ART_OPTIONS, rho: 0.9 });
    expect(Object.isFrozen(o)).toBe(true);
    expect(Object.isFrozen(DEFAULT_FUZZY_ART_OPTIONS)).toBe(true);
  });

  it('accepts the edges: rho 0 and 1, alpha 0 (artlib allows it), beta 1, a cap of 1', () => {
    expect(() => resolveFuzzyARTOptions({ rho: 0, alpha: 0, beta: 1, maxCategories: 1 })).not.toThrow();
    expect(() => resolveFuzzyARTOptions({ rho: 1, beta: 1e-6 })).not.toThrow();
  });

  it.each([
    [{ rho: 1.01 }, 'options.rho must be a number in [0, 1], got 1.01'],
    [{ rho: -0.1 }, 'options.rho must be a number in [0, 1], got -0.1'],
    [{ rho: Number.NaN }, 'options.rho must be a number in [0, 1], got NaN'],
    [{ alpha: -1e-3 }, 'options.alpha must be a finite number >= 0, got -0.001'],
    [{ alpha: Number.POSITIVE_INFINITY }, 'options.alpha must be a finite number >= 0, got Infinity'],
    [{ beta: 0 }, 'options.beta must be a number in (0, 1], got 0'],
    [{ beta: 1.5 }, 'options.beta must be a number in (0, 1], got 1.5'],
    [{ maxCategories: 0 }, 'options.maxCategories must be a positive integer or Infinity, got 0'],
    [{ maxCategories: 2.5 }, 'options.maxCategories must be a positive integer or Infinity, got 2.5'],
    [
      { vigilance: 0.8 },
      'options.vigilance is not an option; expected one of rho, alpha, beta, maxCategories',
    ],
  ])('rejects %o', (options, message) => {
    expect(() => resolveFuzzyARTOptions(options as never)).toThrow(`FuzzyART: ${message}`);
  });

  it('rejects a non-object', () => {
    expect(() => resolveFuzzyARTOptions(0.8 as never)).toThrow('FuzzyART: options must be an object');
  });
});
