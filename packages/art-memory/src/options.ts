/**
 * Fuzzy ART's options, with frozen defaults and strict checks.
 *
 * @example
 * ```ts
 * resolveFuzzyARTOptions({ rho: 0.9 }); // { rho: 0.9, alpha: 0.001, beta: 1, maxCategories: Infinity }
 * resolveFuzzyARTOptions({ rho: 1.2 }); // throws: FuzzyART: options.rho must be a number in [0, 1], got 1.2
 * ```
 * @module
 */
import { describe } from './rows';

/** Options of a Fuzzy ART memory (`FuzzyART`). */
export interface FuzzyARTOptions {
  /** Vigilance ρ in [0, 1]: the match |I ∧ w_j| / d a category needs to learn an input. */
  readonly rho: number;
  /** Choice parameter α ≥ 0 in T_j = |I ∧ w_j| / (α + |w_j|); small α prefers small boxes. */
  readonly alpha: number;
  /** Learning rate β in (0, 1]; 1 is fast learning (w ← I ∧ w). The DAR-DDSP prototype rate η. */
  readonly beta: number;
  /** Most categories the memory holds; an input that resonates with none when full gets −1. */
  readonly maxCategories: number;
}

/** The defaults: vigilance 0.8 (mid of DAR-DDSP's 0.7–0.9), α 0.001, fast learning, no cap. */
export const DEFAULT_FUZZY_ART_OPTIONS: Readonly<FuzzyARTOptions> = Object.freeze({
  rho: 0.8,
  alpha: 0.001,
  beta: 1,
  maxCategories: Number.POSITIVE_INFINITY,
});

const KEYS = Object.keys(DEFAULT_FUZZY_ART_OPTIONS) as (keyof FuzzyARTOptions)[];

/**
 * `options` over the defaults, frozen; throws a message naming `where` and the option for an
 * unknown key, ρ outside [0, 1], α < 0, β outside (0, 1] or a cap that is not a positive
 * integer (or Infinity).
 */
export function resolveFuzzyARTOptions(
  options: Partial<FuzzyARTOptions> | undefined = {},
  where = 'FuzzyART: options',
): Readonly<FuzzyARTOptions> {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${where} must be an object like { rho, alpha, beta }, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(KEYS as string[]).includes(key)) {
      throw new Error(`${where}.${key} is not an option; expected one of ${KEYS.join(', ')}`);
    }
  }
  const o = { ...DEFAULT_FUZZY_ART_OPTIONS, ...options };
  const bad = (key: string, expected: string, got: unknown) =>
    new Error(`${where}.${key} must be ${expected}, got ${describe(got)}`);
  if (typeof o.rho !== 'number' || !(o.rho >= 0 && o.rho <= 1)) throw bad('rho', 'a number in [0, 1]', o.rho);
  if (typeof o.alpha !== 'number' || !(o.alpha >= 0 && o.alpha < Number.POSITIVE_INFINITY)) {
    throw bad('alpha', 'a finite number >= 0', o.alpha);
  }
  if (typeof o.beta !== 'number' || !(o.beta > 0 && o.beta <= 1))
    throw bad('beta', 'a number in (0, 1]', o.beta);
  const cap = o.maxCategories;
  if (typeof cap !== 'number' || !(cap === Number.POSITIVE_INFINITY || (Number.isInteger(cap) && cap >= 1))) {
    throw bad('maxCategories', 'a positive integer or Infinity', cap);
  }
  return Object.freeze(o);
}
