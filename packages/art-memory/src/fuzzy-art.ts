/**
 * Fuzzy ART (Carpenter, Grossberg & Rosen 1991): an online clustering memory of hyper-box
 * categories over complement-coded inputs in [0, 1], stored flat in one Float64Array.
 *
 * For each input I = [x, 1 − x]: categories are scored by choice T_j = |I ∧ w_j| / (α + |w_j|)
 * and match M_j = |I ∧ w_j| / d; the search visits them in descending T (ties to the lowest
 * index) and the first with M_j ≥ ρ learns, w_j ← β(I ∧ w_j) + (1 − β)w_j; when none
 * resonates a new category starts at w = I (unless the cap is reached: then −1).
 *
 * @example
 * ```ts
 * import { FuzzyART } from '@ae-ddsp/art-memory';
 *
 * const art = new FuzzyART({ rho: 0.8, alpha: 0.001, beta: 1 });
 * const labels = art.fit([[0.1, 0.2], [0.12, 0.22], [0.9, 0.8]]); // Int32Array [0, 0, 1]
 * art.weights; // [Float64Array [0.1, 0.2, 0.88, 0.78], Float64Array [0.9, 0.8, 0.1, 0.2]]
 * art.classify([0.11, 0.21]); // 0
 * art.classify([0.5, 0.5]); // -1: nothing resonates
 * const copy = FuzzyART.fromJSON(JSON.parse(JSON.stringify(art)));
 * ```
 * @module
 */
import { l1Norm, resonantCategory, scoreCategories } from './choice-match';
import { checkUnitRow, checkUnitRows } from './complement-code';
import { type FuzzyARTOptions, resolveFuzzyARTOptions } from './options';
import { type Rows, rowAt, rowCount } from './rows';
import { FUZZY_ART_FORMAT, type FuzzyARTJSON, parseFuzzyARTJSON } from './serialization';

/**
 * Match tracking (MT+) for supervised use: when `accepts(j)` refuses a resonant category j,
 * vigilance rises to M_j + `epsilon` for the rest of this input's search.
 */
export interface MatchTracking {
  /** Whether category `category` may learn this input (e.g. its label agrees). */
  accepts(category: number): boolean;
  /** How far above the refused category's match vigilance rises (≥ 0). */
  readonly epsilon: number;
}

/** A Fuzzy ART memory; see the module description for the equations. */
export class FuzzyART {
  /** The options in force (frozen). */
  readonly options: Readonly<FuzzyARTOptions>;
  #features = 0; // d, fixed by the first row learned (0: not yet known)
  #count = 0;
  #weights = new Float64Array(0); // count × 2d, row-major
  #norms = new Float64Array(0); // |w_j|
  #choice = new Float64Array(0);
  #match = new Float64Array(0);
  #excluded = new Uint8Array(0);
  #input = new Float64Array(0);

  /** A new empty memory; throws for bad options (see {@link resolveFuzzyARTOptions}). */
  constructor(options?: Partial<FuzzyARTOptions>) {
    this.options = resolveFuzzyARTOptions(options);
  }

  /** Number of features d per input (before complement coding); undefined until the first input. */
  get features(): number | undefined {
    return this.#features || undefined;
  }

  /** Number of categories. */
  get categoryCount(): number {
    return this.#count;
  }

  /** Each category's weight as a complement-coded row [u, v] of 2d values (copies). */
  get weights(): Float64Array[] {
    const width = 2 * this.#features;
    const out: Float64Array[] = [];
    for (let j = 0; j < this.#count; j++) out.push(this.#weights.slice(j * width, (j + 1) * width));
    return out;
  }

  /** Forgets every category (and the number of features). */
  reset(): void {
    this.#features = 0;
    this.#count = 0;
  }

  /**
   * Batch fit: forgets everything, then presents `rows` once in order. Returns each row's
   * category (−1 for a row that found none with the cap reached). Every row is checked
   * before anything is learned.
   */
  fit(rows: Rows): Int32Array {
    checkUnitRows(rows, 'FuzzyART.fit');
    this.reset();
    return this.#learnRows(rows);
  }

  /** Incremental fit: presents `rows` once in order to the current memory; returns their categories. */
  partialFit(rows: Rows): Int32Array {
    checkUnitRows(rows, 'FuzzyART.partialFit', this.features);
    return this.#learnRows(rows);
  }

  /**
   * Presents one row (features in [0, 1]) and returns the category that learned it: a
   * resonant one, a new one, or −1 when none resonates and the cap is reached. With
   * `matchTracking`, a category it refuses raises vigilance (MT+) and the search goes on.
   */
  learn(row: ArrayLike<number>, matchTracking?: MatchTracking): number {
    checkUnitRow(row, 'FuzzyART.learn: row', this.features);
    if (matchTracking !== undefined && !(matchTracking.epsilon >= 0)) {
      throw new Error(
        `FuzzyART.learn: matchTracking.epsilon must be a number >= 0, got ${String(matchTracking.epsilon)}`,
      );
    }
    return this.#learnChecked(row, matchTracking);
  }

  /**
   * The category `row` resonates with, without learning: the highest choice among those
   * with match ≥ ρ (ties to the lowest index), or −1 when none does.
   */
  classify(row: ArrayLike<number>): number {
    checkUnitRow(row, 'FuzzyART.classify: row', this.features);
    return this.#classifyChecked(row);
  }

  /** {@link FuzzyART.classify} for every row. */
  predict(rows: Rows): Int32Array {
    const n = checkUnitRows(rows, 'FuzzyART.predict', this.features);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = this.#classifyChecked(rowAt(rows, i));
    return labels;
  }

  /** A plain, JSON-safe snapshot: options, features and weights (exact through JSON.stringify). */
  toJSON(): FuzzyARTJSON {
    const { rho, alpha, beta, maxCategories } = this.options;
    return {
      format: FUZZY_ART_FORMAT,
      version: 1,
      options: { rho, alpha, beta, maxCategories: Number.isFinite(maxCategories) ? maxCategories : null },
      features: this.features ?? null,
      weights: this.weights.map((w) => Array.from(w)),
    };
  }

  /** Restores a memory saved by {@link FuzzyART.toJSON}; every field is checked first. */
  static fromJSON(json: unknown): FuzzyART {
    const parsed = parseFuzzyARTJSON(json);
    const { maxCategories, ...rest } = parsed.options;
    const art = new FuzzyART({ ...rest, maxCategories: maxCategories ?? Number.POSITIVE_INFINITY });
    if (parsed.features !== null) {
      art.#setFeatures(parsed.features);
      for (const w of parsed.weights) art.#addCategory(w);
    }
    return art;
  }

  #learnRows(rows: Rows): Int32Array {
    const n = rowCount(rows, 'FuzzyART');
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) labels[i] = this.#learnChecked(rowAt(rows, i), undefined);
    return labels;
  }

  #setFeatures(d: number): void {
    this.#features = d;
    this.#input = new Float64Array(2 * d);
    this.#weights = new Float64Array(0);
    this.#norms = new Float64Array(0);
  }

  #encode(row: ArrayLike<number>): void {
    if (this.#features === 0) this.#setFeatures(row.length);
    const d = this.#features;
    const input = this.#input;
    for (let k = 0; k < d; k++) {
      input[k] = row[k]!;
      input[d + k] = 1 - row[k]!;
    }
  }

  #classifyChecked(row: ArrayLike<number>): number {
    if (this.#count === 0) return -1;
    this.#encode(row);
    const { alpha, rho } = this.options;
    scoreCategories(
      this.#input,
      this.#weights,
      this.#norms,
      this.#count,
      alpha,
      rho,
      this.#choice,
      this.#match,
    );
    return resonantCategory(this.#choice, this.#match, this.#count, rho);
  }

  #learnChecked(row: ArrayLike<number>, tracking: MatchTracking | undefined): number {
    this.#encode(row);
    const count = this.#count;
    const choice = this.#choice;
    const match = this.#match;
    let rho = this.options.rho;
    scoreCategories(this.#input, this.#weights, this.#norms, count, this.options.alpha, rho, choice, match);
    if (tracking !== undefined) this.#excluded.fill(0, 0, count);
    for (;;) {
      const j = resonantCategory(choice, match, count, rho, tracking && this.#excluded);
      if (j < 0) break;
      if (tracking === undefined || tracking.accepts(j)) {
        this.#update(j);
        return j;
      }
      rho = match[j]! + tracking.epsilon; // MT+: just above this category's match
      this.#excluded[j] = 1;
    }
    if (count >= this.options.maxCategories) return -1;
    this.#addCategory(this.#input);
    return count;
  }

  // w_j ← β(I ∧ w_j) + (1 − β)w_j, computed as w_j − β(w_j − I ∧ w_j) so that no weight ever
  // grows or leaves [0, 1] through rounding; β = 1 is exactly I ∧ w_j.
  #update(j: number): void {
    const input = this.#input;
    const w = this.#weights;
    const width = input.length;
    const o = j * width;
    const beta = this.options.beta;
    for (let k = 0; k < width; k++) {
      const old = w[o + k]!;
      const and = Math.min(input[k]!, old);
      w[o + k] = beta === 1 ? and : old - beta * (old - and);
    }
    this.#norms[j] = l1Norm(w, o, width);
  }

  #addCategory(w: ArrayLike<number>): void {
    const width = 2 * this.#features;
    const j = this.#count;
    if (j === this.#norms.length) this.#grow(Math.max(8, 2 * j));
    this.#weights.set(w, j * width);
    this.#norms[j] = l1Norm(this.#weights, j * width, width);
    this.#count = j + 1;
  }

  #grow(capacity: number): void {
    const width = 2 * this.#features;
    const weights = new Float64Array(capacity * width);
    weights.set(this.#weights.subarray(0, this.#count * width));
    const norms = new Float64Array(capacity);
    norms.set(this.#norms.subarray(0, this.#count));
    this.#weights = weights;
    this.#norms = norms;
    this.#choice = new Float64Array(capacity);
    this.#match = new Float64Array(capacity);
    this.#excluded = new Uint8Array(capacity);
  }
}
