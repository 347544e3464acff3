/**
 * The JSON form of a {@link FuzzyART} memory and its strict validation: every field is
 * checked, with a message naming it, before anything is restored. Numbers round-trip
 * exactly through `JSON.stringify`/`JSON.parse` (shortest round-trip decimal form).
 *
 * @example
 * ```ts
 * const json = JSON.stringify(art); // calls art.toJSON()
 * const restored = FuzzyART.fromJSON(JSON.parse(json)); // same options, same weights, bit for bit
 * parseFuzzyARTJSON({ format: 'ae-ddsp/fuzzy-art', version: 2 }); // throws: json.version must be 1, got 2
 * ```
 * @module
 */
import { resolveFuzzyARTOptions } from './options';
import { describe } from './rows';

/** The `format` tag of a saved Fuzzy ART memory. */
export const FUZZY_ART_FORMAT = 'ae-ddsp/fuzzy-art';

/** A saved Fuzzy ART memory (what `FuzzyART.toJSON` returns). */
export interface FuzzyARTJSON {
  /** Always {@link FUZZY_ART_FORMAT}. */
  readonly format: typeof FUZZY_ART_FORMAT;
  /** The layout version, 1. */
  readonly version: 1;
  /** The options; `maxCategories: null` means no cap. */
  readonly options: {
    /** Vigilance ρ. */
    rho: number;
    /** Choice parameter α. */
    alpha: number;
    /** Learning rate β. */
    beta: number;
    /** The category cap, or null for none. */
    maxCategories: number | null;
  };
  /** Features d before complement coding; null before the first input. */
  readonly features: number | null;
  /** One complement-coded row of 2d values in [0, 1] per category. */
  readonly weights: number[][];
}

// A complement-coded box [u, 1 − v] has u_k ≤ 1 − v_k; rounding of 1 − x may add an ulp.
const BOX_SLACK = 1e-12;

/** Checks `value` field by field and returns it typed; throws a message naming the bad field. */
export function parseFuzzyARTJSON(value: unknown, where = 'FuzzyART.fromJSON: json'): FuzzyARTJSON {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new Error(`${where}${field} must be ${expected}, got ${describe(got)}`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail('', 'an object', value);
  const json = value as Record<string, unknown>;
  const known = ['format', 'version', 'options', 'features', 'weights'];
  for (const key of Object.keys(json)) {
    if (!known.includes(key))
      throw new Error(`${where}.${key} is not a field; expected only ${known.join(', ')}`);
  }
  if (json.format !== FUZZY_ART_FORMAT) fail('.format', JSON.stringify(FUZZY_ART_FORMAT), json.format);
  if (json.version !== 1) fail('.version', '1', json.version);

  const options = json.options as Record<string, unknown> | null;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail('.options', 'an object { rho, alpha, beta, maxCategories }', options);
  }
  for (const key of ['rho', 'alpha', 'beta', 'maxCategories']) {
    if (!(key in options!)) fail(`.options.${key}`, 'present', undefined);
  }
  const cap = options!.maxCategories;
  if (cap !== null && (typeof cap !== 'number' || !Number.isFinite(cap))) {
    fail('.options.maxCategories', 'a positive integer or null (no cap)', cap);
  }
  const resolved = resolveFuzzyARTOptions(
    { ...options, maxCategories: cap === null ? Number.POSITIVE_INFINITY : (cap as number) },
    `${where}.options`,
  );

  const features = json.features;
  if (features !== null && (typeof features !== 'number' || !Number.isInteger(features) || features < 1)) {
    fail('.features', 'a positive integer or null', features);
  }
  const weights = json.weights;
  if (!Array.isArray(weights)) fail('.weights', 'an array of rows', weights);
  const rows = weights as unknown[];
  if (features === null && rows.length > 0) fail('.weights', 'empty when features is null', weights);
  if (rows.length > resolved.maxCategories) {
    fail('.weights', `at most options.maxCategories = ${resolved.maxCategories} rows`, weights);
  }
  const d = features as number;
  rows.forEach((row, j) => {
    if (!Array.isArray(row) || row.length !== 2 * d) {
      fail(`.weights[${j}]`, `an array of ${2 * d} numbers (2 × features)`, row);
    }
    const w = row as unknown[];
    w.forEach((v, k) => {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) fail(`.weights[${j}][${k}]`, 'a number in [0, 1]', v);
    });
    for (let k = 0; k < d; k++) {
      const sum = (w[k] as number) + (w[d + k] as number);
      if (sum > 1 + BOX_SLACK) {
        fail(
          `.weights[${j}][${k}] + .weights[${j}][${d + k}]`,
          'at most 1 (a complement-coded box [u, 1 − v] has u ≤ 1 − v)',
          sum,
        );
      }
    }
  });
  return {
    format: FUZZY_ART_FORMAT,
    version: 1,
    options: {
      rho: resolved.rho,
      alpha: resolved.alpha,
      beta: resolved.beta,
      maxCategories: cap as number | null,
    },
    features: features as number | null,
    weights: rows as number[][],
  };
}
