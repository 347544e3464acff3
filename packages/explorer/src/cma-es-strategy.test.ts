import { describe, expect, it } from 'vitest';
import { cmaEsStrategy } from './cma-es-strategy';

// Reference constants printed by Debian's python3-cmaes 0.9.1 (`cmaes.CMA(mean=np.zeros(n),
// sigma=1, population_size=λ)`, its private fields _popsize, _mu, _mu_eff, _c_sigma, _d_sigma,
// _cc, _c1, _cmu, _chi_n, _weights), so the defaults are checked against the peer of the benchmark.
const reference = [
  {
    n: 2,
    lambda: undefined,
    expected: {
      populationSize: 6,
      parents: 3,
      muEff: 2.0286114646100617,
      cSigma: 0.44620498737831715,
      dSigma: 1.4462049873783172,
      cc: 0.6245545390268264,
      c1: 0.1548153998964136,
      cMu: 0.057859085071916304,
      chiN: 1.254272742818995,
    },
    weights: [
      0.6370425712412168, 0.28457025743803294, 0.07838717132075033, -0.28638378259655295, -0.7649580940851276,
      -1.1559817781589212,
    ],
  },
  {
    n: 8,
    lambda: undefined,
    expected: {
      populationSize: 10,
      parents: 5,
      muEff: 3.1672992814107026,
      cSigma: 0.31961425291063345,
      dSigma: 1.3196142529106334,
      cc: 0.34365014154838475,
      c1: 0.022307163120344784,
      cMu: 0.02874991769272156,
      chiN: 2.742143261565689,
    },
    weights: [
      0.45627264690340597, 0.2707530970017852, 0.1622311171586698, 0.08523354710016448, 0.025509591835974777,
      -0.08617304522615575, -0.23883852374145578, -0.37108337647049555, -0.48773160351442746,
      -0.5920769982771728,
    ],
  },
  {
    n: 16,
    lambda: undefined,
    expected: {
      populationSize: 12,
      parents: 6,
      muEff: 3.729458934303068,
      cSigma: 0.23168557587628988,
      dSigma: 1.23168557587629,
      cc: 0.20683345372038306,
      c1: 0.006600236192863163,
      cMu: 0.01219050829720422,
      chiN: 3.9382440476190474,
    },
    weights: [
      0.40240294281871264, 0.25338908403288657, 0.1662215645554205, 0.10437522524706051, 0.0564034775763251,
      0.017207705769594465, -0.05246850698019671, -0.14700884592594773, -0.2303993348151429,
      -0.3049946690359046, -0.37247435696980075, -0.43407848549010364,
    ],
  },
  {
    n: 5,
    lambda: 20,
    expected: {
      populationSize: 20,
      parents: 10,
      muEff: 5.938804235601241,
      cSigma: 0.49808028997990733,
      dSigma: 1.4980802899799073,
      cc: 0.4560459719176525,
      c1: 0.043831961707195645,
      cMu: 0.14951866383011372,
      chiN: 2.1285237557247996,
    },
    weights: [
      0.27961472096101825, 0.19718884917099674, 0.14897280508458438, 0.11476297738097527, 0.08822777350618366,
      0.06654693329456288, 0.048216044086412384, 0.03233710559095377, 0.01833088920815047,
      0.005801901716162117, -0.013502492727090016, -0.03875765373557714, -0.061990149758382955,
      -0.08350008137316231, -0.10352534862124291, -0.12225773510873945, -0.1398541074226173,
      -0.15644440853565084, -0.17213748713875185, -0.18702542999440522,
    ],
  },
];

describe('cmaEsStrategy', () => {
  it.each(reference)(
    'has the constants of python3-cmaes in $n dimensions (λ = $lambda)',
    ({ n, lambda, expected, weights }) => {
      const strategy = cmaEsStrategy(n, lambda);
      expect(strategy.dimension).toBe(n);
      expect(strategy.populationSize).toBe(expected.populationSize);
      expect(strategy.parents).toBe(expected.parents);
      for (const key of ['muEff', 'cSigma', 'dSigma', 'cc', 'c1', 'cMu', 'chiN'] as const) {
        expect(strategy[key], key).toBeCloseTo(expected[key], 14);
      }
      expect(strategy.weights).toHaveLength(weights.length);
      weights.forEach((w, i) => {
        expect(strategy.weights[i], `w_${i + 1}`).toBeCloseTo(w, 14);
      });
    },
  );

  it('has positive weights summing to 1, descending', () => {
    const { weights, parents } = cmaEsStrategy(7, 13);
    const positive = Array.from(weights.subarray(0, parents));
    expect(positive.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(Array.from(weights)).toEqual(Array.from(weights).sort((a, b) => b - a));
  });

  it('refuses a dimension below 1 or a population below 4', () => {
    expect(() => cmaEsStrategy(0)).toThrow(/dimension must be an integer ≥ 1, got 0/);
    expect(() => cmaEsStrategy(3, 3)).toThrow(/populationSize must be an integer ≥ 4, got 3/);
    expect(() => cmaEsStrategy(3, 6.5)).toThrow(/populationSize/);
  });
});
