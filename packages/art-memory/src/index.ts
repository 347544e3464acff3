/**
 * Adaptive-resonance memory of timbre prototypes for DAR-DDSP: a Fuzzy ART core in plain
 * TypeScript over flat Float64Array storage (complement coding, choice and match, fast or
 * slow learning, a category cap, exact JSON round trip) and a simplified Fuzzy ARTMAP with
 * match tracking (MT+) for labelled data. Its results agree with artlib's FuzzyART.
 *
 * @example
 * ```ts
 * import { FuzzyART, minMaxBounds, minMaxNormalize } from '@ae-ddsp/art-memory';
 *
 * const rows = minMaxNormalize(features, minMaxBounds(features)); // into [0, 1]
 * const art = new FuzzyART({ rho: 0.8, alpha: 0.001, beta: 1 });
 * const labels = art.fit(rows); // one category per row
 * art.weights; // complement-coded boxes, one row per category
 * art.classify(rows[0]); // the category it resonates with, or -1
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/art-memory
 */

export { adjustedRandIndex } from './adjusted-rand-index';
export { l1Norm, resonantCategory, scoreCategories } from './choice-match';
export { checkUnitRow, checkUnitRows, complementCode } from './complement-code';
export type { MatchTracking } from './fuzzy-art';
export { FuzzyART } from './fuzzy-art';
export type { MinMaxBounds } from './min-max';
export { minMaxBounds, minMaxNormalize } from './min-max';
export type { FuzzyARTOptions } from './options';
export { DEFAULT_FUZZY_ART_OPTIONS, resolveFuzzyARTOptions } from './options';
export type { Matrix, Rows } from './rows';
export type { FuzzyARTJSON } from './serialization';
export { FUZZY_ART_FORMAT, parseFuzzyARTJSON } from './serialization';
export type { SimpleARTMAPJSON, SimpleARTMAPOptions } from './simple-artmap';
export { DEFAULT_SIMPLE_ARTMAP_OPTIONS, SIMPLE_ARTMAP_FORMAT, SimpleARTMAP } from './simple-artmap';
