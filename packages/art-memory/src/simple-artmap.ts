/**
 * Simplified Fuzzy ARTMAP for labelled data: a {@link FuzzyART} whose categories each map to
 * one label. A category that resonates but carries another label triggers match tracking
 * (MT+): vigilance rises to that category's match + ε and the search goes on, so the input
 * ends in a category of its own label, new if need be. Classification returns the label of
 * the category the input resonates with, or −1.
 *
 * @example
 * ```ts
 * import { SimpleARTMAP } from '@ae-ddsp/art-memory';
 *
 * const map = new SimpleARTMAP({ rho: 0 }); // plain vigilance 0: only label conflicts split
 * map.fit([[0.1, 0.1], [0.9, 0.9], [0.15, 0.1]], [0, 1, 0]);
 * map.classify([0.12, 0.1]); // 0
 * map.categoryLabels; // Int32Array [0, 1]
 * ```
 * @module
 */

import { checkUnitRows } from './complement-code';
import { FuzzyART, type MatchTracking } from './fuzzy-art';
import { DEFAULT_FUZZY_ART_OPTIONS, type FuzzyARTOptions } from './options';
import { describe, type Rows, rowAt, rowCount } from './rows';
import { type FuzzyARTJSON, parseFuzzyARTJSON } from './serialization';

/** Options of {@link SimpleARTMAP}: Fuzzy ART's plus the match-tracking ε. */
export interface SimpleARTMAPOptions extends FuzzyARTOptions {
  /** How far above a conflicting category's match vigilance rises (MT+), ≥ 0. */
  readonly epsilon: number;
}

/** The defaults: Fuzzy ART's and ε = 1e-10 (artlib's SimpleARTMAP default). */
export const DEFAULT_SIMPLE_ARTMAP_OPTIONS: Readonly<SimpleARTMAPOptions> = Object.freeze({
  ...DEFAULT_FUZZY_ART_OPTIONS,
  epsilon: 1e-10,
});

/** The `format` tag of a saved SimpleARTMAP. */
export const SIMPLE_ARTMAP_FORMAT = 'ae-ddsp/simple-artmap';

/** A saved {@link SimpleARTMAP}. */
export interface SimpleARTMAPJSON {
  /** Always {@link SIMPLE_ARTMAP_FORMAT}. */
  readonly format: typeof SIMPLE_ARTMAP_FORMAT;
  /** The layout version, 1. */
  readonly version: 1;
  /** The match-tracking ε. */
  readonly epsilon: number;
  /** The underlying Fuzzy ART memory. */
  readonly art: FuzzyARTJSON;
  /** The label of each category, in category order. */
  readonly categoryLabels: number[];
}

function checkLabel(label: unknown, name: string): number {
  if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label > 0x7fffffff) {
    throw new Error(`${name} must be a non-negative integer class label, got ${describe(label)}`);
  }
  return label;
}

function checkEpsilon(epsilon: unknown, name: string): number {
  if (typeof epsilon !== 'number' || !(epsilon >= 0 && epsilon < 1)) {
    throw new Error(`${name} must be a number in [0, 1), got ${describe(epsilon)}`);
  }
  return epsilon;
}

/** A simplified Fuzzy ARTMAP classifier; see the module description. */
export class SimpleARTMAP {
  /** The match-tracking ε. */
  readonly epsilon: number;
  #art: FuzzyART;
  #labels: number[] = [];

  /** A new empty classifier; throws for bad options. */
  constructor(options: Partial<SimpleARTMAPOptions> = {}) {
    const { epsilon = DEFAULT_SIMPLE_ARTMAP_OPTIONS.epsilon, ...art } = options ?? {};
    this.epsilon = checkEpsilon(epsilon, 'SimpleARTMAP: options.epsilon');
    this.#art = new FuzzyART(art);
  }

  /** The underlying Fuzzy ART memory (its weights, vigilance and cap). */
  get art(): FuzzyART {
    return this.#art;
  }

  /** The label of each category, in category order (a copy). */
  get categoryLabels(): Int32Array {
    return Int32Array.from(this.#labels);
  }

  /** Forgets everything, then learns `rows` with their `labels` in order; returns each row's category. */
  fit(rows: Rows, labels: ArrayLike<number>): Int32Array {
    this.#checkLabels(rows, labels, 'SimpleARTMAP.fit');
    checkUnitRows(rows, 'SimpleARTMAP.fit'); // before anything is forgotten
    this.#art.reset();
    this.#labels = [];
    return this.partialFit(rows, labels);
  }

  /** Learns `rows` with their `labels` in order on top of what is known; returns their categories. */
  partialFit(rows: Rows, labels: ArrayLike<number>): Int32Array {
    const n = this.#checkLabels(rows, labels, 'SimpleARTMAP.partialFit');
    checkUnitRows(rows, 'SimpleARTMAP.partialFit', this.#art.features); // before anything is learned
    const categories = new Int32Array(n);
    for (let i = 0; i < n; i++) categories[i] = this.learn(rowAt(rows, i), labels[i]!);
    return categories;
  }

  /**
   * Learns one row with its label; returns the category that learned it (−1 when every
   * category refused it and the cap is reached).
   */
  learn(row: ArrayLike<number>, label: number): number {
    checkLabel(label, 'SimpleARTMAP.learn: label');
    const labels = this.#labels;
    const tracking: MatchTracking = { accepts: (j) => labels[j] === label, epsilon: this.epsilon };
    const category = this.#art.learn(row, tracking);
    if (category === labels.length) labels.push(label);
    return category;
  }

  /** The label of the category `row` resonates with, or −1 when none does. */
  classify(row: ArrayLike<number>): number {
    const category = this.#art.classify(row);
    return category < 0 ? -1 : this.#labels[category]!;
  }

  /** {@link SimpleARTMAP.classify} for every row. */
  predict(rows: Rows): Int32Array {
    const categories = this.#art.predict(rows);
    return categories.map((c) => (c < 0 ? -1 : this.#labels[c]!));
  }

  /** A plain, JSON-safe snapshot (exact through JSON.stringify). */
  toJSON(): SimpleARTMAPJSON {
    return {
      format: SIMPLE_ARTMAP_FORMAT,
      version: 1,
      epsilon: this.epsilon,
      art: this.#art.toJSON(),
      categoryLabels: [...this.#labels],
    };
  }

  /** Restores a classifier saved by {@link SimpleARTMAP.toJSON}; every field is checked first. */
  static fromJSON(json: unknown): SimpleARTMAP {
    const where = 'SimpleARTMAP.fromJSON: json';
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new Error(`${where} must be an object, got ${describe(json)}`);
    }
    const j = json as Record<string, unknown>;
    const known = ['format', 'version', 'epsilon', 'art', 'categoryLabels'];
    for (const key of Object.keys(j)) {
      if (!known.includes(key))
        throw new Error(`${where}.${key} is not a field; expected only ${known.join(', ')}`);
    }
    if (j.format !== SIMPLE_ARTMAP_FORMAT) {
      throw new Error(
        `${where}.format must be ${JSON.stringify(SIMPLE_ARTMAP_FORMAT)}, got ${describe(j.format)}`,
      );
    }
    if (j.version !== 1) throw new Error(`${where}.version must be 1, got ${describe(j.version)}`);
    const epsilon = checkEpsilon(j.epsilon, `${where}.epsilon`);
    const art = parseFuzzyARTJSON(j.art, `${where}.art`);
    const labels = j.categoryLabels;
    if (!Array.isArray(labels) || labels.length !== art.weights.length) {
      throw new Error(
        `${where}.categoryLabels must be an array of ${art.weights.length} labels (one per category), got ${describe(labels)}`,
      );
    }
    for (let i = 0; i < labels.length; i++) checkLabel(labels[i], `${where}.categoryLabels[${i}]`);
    const { maxCategories, ...options } = art.options;
    const map = new SimpleARTMAP({
      ...options,
      maxCategories: maxCategories ?? Number.POSITIVE_INFINITY,
      epsilon,
    });
    map.#art = FuzzyART.fromJSON(art);
    map.#labels = [...(labels as number[])];
    return map;
  }

  #checkLabels(rows: Rows, labels: ArrayLike<number>, op: string): number {
    const n = rowCount(rows, op);
    if (labels == null || typeof labels !== 'object' || labels.length !== n) {
      throw new Error(`${op}: labels must hold one label per row (${n}), got ${describe(labels)}`);
    }
    for (let i = 0; i < n; i++) checkLabel(labels[i], `${op}: labels[${i}]`);
    return n;
  }
}
