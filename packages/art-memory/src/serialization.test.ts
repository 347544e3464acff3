import { describe, expect, it } from 'vitest';
import { FuzzyART } from './fuzzy-art';
import { parseFuzzyARTJSON } from './serialization';

function trained(): FuzzyART {
  const art = new FuzzyART({ rho: 0.7, alpha: 0.01, beta: 0.37, maxCategories: 50 });
  let s = 7;
  const next = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647; // irrational-looking doubles, to exercise exact decimal round trips
  };
  for (let i = 0; i < 200; i++) art.learn([next(), next(), next()]);
  return art;
}

describe('FuzzyART JSON', () => {
  it('round-trips exactly through JSON text, and the copy learns like the original', () => {
    const art = trained();
    const copy = FuzzyART.fromJSON(JSON.parse(JSON.stringify(art)));
    expect(copy.options).toEqual(art.options);
    expect(copy.features).toBe(3);
    expect(copy.weights).toEqual(art.weights); // Float64Array equality: bit for bit
    const rows = [
      [0.2, 0.4, 0.6],
      [0.9, 0.1, 0.5],
      [0.33, 0.66, 0.99],
    ];
    expect(copy.partialFit(rows)).toEqual(art.partialFit(rows));
    expect(copy.weights).toEqual(art.weights);
  });

  it('keeps "no cap" and an empty memory', () => {
    const empty = new FuzzyART();
    const json = JSON.parse(JSON.stringify(empty));
    expect(json.options.maxCategories).toBeNull();
    expect(json.features).toBeNull();
    const copy = FuzzyART.fromJSON(json);
    expect(copy.options.maxCategories).toBe(Number.POSITIVE_INFINITY);
    expect(copy.categoryCount).toBe(0);
    expect(copy.features).toBeUndefined();
  });

  type Saved = { options: Record<string, unknown>; [field: string]: unknown };
  const good = () => JSON.parse(JSON.stringify(trained())) as Saved;
  it.each<[string, (j: Saved) => unknown, string]>([
    ['not an object', () => [1], 'json must be an object, got an array of length 1'],
    ['an unknown field', (j) => ({ ...j, extra: 1 }), 'json.extra is not a field'],
    ['format', (j) => ({ ...j, format: 'fuzzy' }), 'json.format must be "ae-ddsp/fuzzy-art", got "fuzzy"'],
    ['version', (j) => ({ ...j, version: 2 }), 'json.version must be 1, got 2'],
    [
      'options',
      (j) => ({ ...j, options: null }),
      'json.options must be an object { rho, alpha, beta, maxCategories }',
    ],
    [
      'options.rho missing',
      (j) => ({ ...j, options: { ...j.options, rho: undefined } }),
      'json.options.rho must be a number in [0, 1], got undefined',
    ],
    [
      'options.beta',
      (j) => ({ ...j, options: { ...j.options, beta: 2 } }),
      'json.options.beta must be a number in (0, 1], got 2',
    ],
    [
      'options.maxCategories',
      (j) => ({ ...j, options: { ...j.options, maxCategories: 'many' } }),
      'json.options.maxCategories must be a positive integer or null (no cap), got "many"',
    ],
    [
      'options unknown key',
      (j) => ({ ...j, options: { ...j.options, rate: 1 } }),
      'json.options.rate is not an option',
    ],
    [
      'features',
      (j) => ({ ...j, features: 2.5 }),
      'json.features must be a positive integer or null, got 2.5',
    ],
    ['weights', (j) => ({ ...j, weights: {} }), 'json.weights must be an array of rows, got an object'],
    [
      'weights without features',
      (j) => ({ ...j, features: null }),
      'json.weights must be empty when features is null',
    ],
    [
      'a short weight row',
      (j) => ({ ...j, weights: [[0.1, 0.2]] }),
      'json.weights[0] must be an array of 6 numbers (2 × features)',
    ],
    [
      'a weight out of range',
      (j) => ({ ...j, weights: [[0.1, 0.2, 0.3, 0.4, 0.5, 1.5]] }),
      'json.weights[0][5] must be a number in [0, 1], got 1.5',
    ],
    [
      'a NaN weight',
      (j) => ({ ...j, weights: [[0.1, null, 0.3, 0.4, 0.5, 0.5]] }),
      'json.weights[0][1] must be a number in [0, 1], got null',
    ],
    [
      'an empty box',
      (j) => ({ ...j, weights: [[0.6, 0.2, 0.3, 0.5, 0.5, 0.5]] }),
      'json.weights[0][0] + .weights[0][3] must be at most 1',
    ],
    [
      'more categories than the cap',
      (j) => ({ ...j, options: { ...j.options, maxCategories: 1 } }),
      'json.weights must be at most options.maxCategories = 1 rows',
    ],
  ])('rejects %s, naming the field', (_, edit, message) => {
    expect(() => FuzzyART.fromJSON(edit(good()))).toThrow(`FuzzyART.fromJSON: ${message}`);
  });

  it('parseFuzzyARTJSON returns the checked value typed', () => {
    const parsed = parseFuzzyARTJSON(good());
    expect(parsed.features).toBe(3);
    expect(parsed.options.maxCategories).toBe(50);
  });
});
