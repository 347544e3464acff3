/**
 * The constants of a (μ/μ_w, λ)-CMA-ES in n dimensions: Hansen's defaults ("The CMA Evolution
 * Strategy: A Tutorial", arXiv:1604.00772, eqs. 48–56), the same as python3-cmaes 0.9.
 */
export interface CmaEsStrategy {
  /** n: the search space's dimension. */
  readonly dimension: number;
  /** λ: samples per generation (default 4 + ⌊3 ln n⌋). */
  readonly populationSize: number;
  /** μ = ⌊λ/2⌋: the number of positive recombination weights. */
  readonly parents: number;
  /**
   * w_1 ≥ … ≥ w_λ: the first μ are positive and sum to 1 (weighted recombination); the
   * others are negative (active covariance update), scaled as in the tutorial's eq. 53.
   */
  readonly weights: Float64Array;
  /** μ_eff = (Σw⁺)² / Σ(w⁺)²: the variance-effective selection mass. */
  readonly muEff: number;
  /** c_σ: learning rate of the step-size path. */
  readonly cSigma: number;
  /** d_σ: damping of the step-size update. */
  readonly dSigma: number;
  /** c_c: learning rate of the covariance path. */
  readonly cc: number;
  /** c_1: learning rate of the rank-one update. */
  readonly c1: number;
  /** c_μ: learning rate of the rank-μ update. */
  readonly cMu: number;
  /** E‖N(0, I)‖ ≈ √n (1 − 1/(4n) + 1/(21n²)). */
  readonly chiN: number;
}

/**
 * Hansen's default CMA-ES constants for dimension n and population λ (default 4 + ⌊3 ln n⌋).
 * Throws a RangeError for n < 1 or λ < 4 (with fewer, μ_eff = 1 and the rank-μ rate is 0).
 *
 * @example
 * ```ts
 * const { populationSize, weights } = cmaEsStrategy(8); // λ = 10, weights[0..4] sum to 1
 * ```
 */
export function cmaEsStrategy(dimension: number, populationSize?: number): CmaEsStrategy {
  const n = dimension;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`cmaEsStrategy: dimension must be an integer ≥ 1, got ${dimension}`);
  }
  const lambda = populationSize ?? 4 + Math.floor(3 * Math.log(n));
  if (!Number.isInteger(lambda) || lambda < 4) {
    throw new RangeError(`cmaEsStrategy: populationSize must be an integer ≥ 4, got ${populationSize}`);
  }
  const mu = Math.floor(lambda / 2);
  const raw = Array.from({ length: lambda }, (_, i) => Math.log((lambda + 1) / 2) - Math.log(i + 1));
  const positive = raw.slice(0, mu);
  const negative = raw.slice(mu);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const sumSquares = (xs: number[]) => xs.reduce((a, b) => a + b * b, 0);
  const muEff = sum(positive) ** 2 / sumSquares(positive);
  const muEffMinus = sum(negative) ** 2 / sumSquares(negative);

  const alphaCov = 2;
  const c1 = alphaCov / ((n + 1.3) ** 2 + muEff);
  const cMu = Math.min(
    1 - c1 - 1e-8,
    (alphaCov * (muEff - 2 + 1 / muEff)) / ((n + 2) ** 2 + (alphaCov * muEff) / 2),
  );
  // The negative weights' total, the smallest of the tutorial's three bounds (eqs. 50–52).
  const alphaMinus = Math.min(1 + c1 / cMu, 1 + (2 * muEffMinus) / (muEff + 2), (1 - c1 - cMu) / (n * cMu));
  const positiveSum = sum(raw.filter((w) => w > 0));
  const negativeSum = -sum(raw.filter((w) => w < 0));
  const weights = Float64Array.from(raw, (w) => (w >= 0 ? w / positiveSum : (alphaMinus * w) / negativeSum));

  const cSigma = (muEff + 2) / (n + muEff + 5);
  const dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
  const cc = (4 + muEff / n) / (n + 4 + (2 * muEff) / n);
  const chiN = Math.sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
  return {
    dimension: n,
    populationSize: lambda,
    parents: mu,
    weights,
    muEff,
    cSigma,
    dSigma,
    cc,
    c1,
    cMu,
    chiN,
  };
}
