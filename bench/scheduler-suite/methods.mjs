// The schedules compared in the suite, each built for one run from its α0 and the problem's
// step budget. Momentum μ0 = 0.9 everywhere (heavy-ball's μ, Adam's β1); only the adaptive
// laws change it. The `step*` methods are the robust law's changes added one at a time to
// the seed's law (the README's ablation table).
import {
  AdaptiveScheduler,
  BoldDriver,
  CosineAnnealing,
  ReduceLROnPlateau,
  robust,
  seedLaw,
  significantTrendLearningRate,
} from '../../packages/scheduler/dist/index.js';

const MOMENTUM = 0.9;

/** A schedule that never changes: the fixed-α baseline. */
function fixed(learningRate) {
  const hyperparameters = Object.freeze({ learningRate, momentum: MOMENTUM, dither: 0 });
  return { hyperparameters, update: () => hyperparameters };
}

const adaptive = (law) => (learningRate) =>
  new AdaptiveScheduler({ ...law, learningRate, momentum: MOMENTUM });
const noDither = { ...seedLaw, dither: 0, ditherBounds: [0, 0.05] };
const trendTest = { ...noDither, varianceWindow: 20, learningRateLaw: significantTrendLearningRate() };
const widerBounds = { ...trendTest, learningRateBounds: [0.1, 10] };

export const METHODS = {
  fixed: (learningRate) => fixed(learningRate),
  seedLaw: adaptive(seedLaw),
  robust: adaptive(robust),
  reduceLROnPlateau: (learningRate) => new ReduceLROnPlateau({ learningRate, momentum: MOMENTUM }),
  cosine: (learningRate, steps) => new CosineAnnealing({ learningRate, steps, momentum: MOMENTUM }),
  boldDriver: (learningRate) => new BoldDriver({ learningRate, momentum: MOMENTUM }),
};

/** The robust law's changes, one at a time on top of the seed's law (robust = the last plus its μ law). */
export const ABLATIONS = {
  step1NoDither: adaptive(noDither),
  step2TrendTest: adaptive(trendTest),
  step3WiderBounds: adaptive(widerBounds),
};

/** What each ablation step changes, for the README. */
export const ABLATION_STEPS = [
  ['seedLaw', "the seed's law and constants"],
  ['step1NoDither', 'dither off (σ0 = 0)'],
  [
    'step2TrendTest',
    '+ trend test against the noise (Mann–Kendall over 20 losses, rise in noise units; u 1.05, d 0.7, hold 0.995)',
  ],
  ['step3WiderBounds', '+ α bounds [0.1, 10]·α0 instead of [0.3, 3]·α0'],
  ['robust', '+ μ held in noise, cut gently (κμ 0.02) on a real rise, regrown to μ0 (= `robust`)'],
];
