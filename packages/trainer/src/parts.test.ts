import { Explorer, type ExplorerOptions, oneFifthSuccessDither } from '@ae-ddsp/explorer';
import {
  AdaptiveScheduler,
  DEFAULT_SCHEDULER_OPTIONS,
  type DitherLaw,
  type SchedulerOptions,
} from '@ae-ddsp/scheduler';
import { describe, expect, it } from 'vitest';
import { FixedSchedule } from './fixed-schedule';
import { DEFAULT_LEARNING_RATE, type PartsOptions, resolveParts, TRAINER_EXPLORER_DEFAULTS } from './parts';
import { METHOD_PRESETS } from './presets';
import { adam } from './update-rules/adam';
import { heavyBall } from './update-rules/heavy-ball';

const SIZE = 4;
const parts = (options: PartsOptions) => resolveParts(options, SIZE, undefined);
/** The options an AdaptiveScheduler was built with. */
const schedulerOptions = (options: PartsOptions): SchedulerOptions => {
  const { scheduler } = parts(options);
  expect(scheduler).toBeInstanceOf(AdaptiveScheduler);
  return (scheduler as AdaptiveScheduler).options;
};
const myLaw: DitherLaw = () => 1.5;

describe('resolveParts: explicit option > method preset > defaults', () => {
  it('defaults: ae-ddsp, Adam-style U, α0 = 0.02 and the seed’s plateau-gated dither law', () => {
    const p = parts({});
    expect(p.preset).toBe(METHOD_PRESETS['ae-ddsp']);
    expect(p.rule!.name).toBe('adam');
    const o = schedulerOptions({});
    expect(o.learningRate).toBe(DEFAULT_LEARNING_RATE);
    expect(o.ditherLaw).toBe(DEFAULT_SCHEDULER_OPTIONS.ditherLaw);
  });

  it('a user’s scheduler.ditherLaw wins over the preset’s, for every method that sets one', () => {
    for (const method of ['ae-ddsp', 'ae-ddsp-fixed-lr', 'scaffold'] as const) {
      expect(schedulerOptions({ method, scheduler: { ditherLaw: myLaw } }).ditherLaw, method).toBe(myLaw);
    }
    // and the rest of the preset stays: the fixed-lr ablation keeps its constant α law
    const fixedLr = schedulerOptions({ method: 'ae-ddsp-fixed-lr', scheduler: { ditherLaw: myLaw } });
    expect(fixedLr.learningRateLaw).toBe(
      (METHOD_PRESETS['ae-ddsp-fixed-lr'].scheduler as Partial<SchedulerOptions>).learningRateLaw,
    );
  });

  it('scheduler.learningRate is never replaced: alone, with an equal learningRate, or refused when they disagree', () => {
    expect(schedulerOptions({ scheduler: { learningRate: 0.07 } }).learningRate).toBe(0.07);
    expect(schedulerOptions({ learningRate: 0.05 }).learningRate).toBe(0.05);
    expect(schedulerOptions({ learningRate: 0.07, scheduler: { learningRate: 0.07 } }).learningRate).toBe(
      0.07,
    );
    expect(() => parts({ learningRate: 0.05, scheduler: { learningRate: 0.07 } })).toThrow(
      /learningRate \(0.05\) and options.scheduler.learningRate \(0.07\) disagree/,
    );
    // an explicit undefined means "not set"
    expect(
      schedulerOptions({ learningRate: 0.05, scheduler: { learningRate: undefined } }).learningRate,
    ).toBe(0.05);
  });

  it('uses a scheduler object as it is, and refuses a learningRate it could not apply', () => {
    const mine = new AdaptiveScheduler({ learningRate: 0.3, ditherLaw: myLaw });
    expect(parts({ scheduler: mine }).scheduler).toBe(mine);
    expect(parts({ method: 'adam', scheduler: mine }).scheduler).toBe(mine);
    expect(() => parts({ scheduler: mine, learningRate: 0.1 })).toThrow(/learningRate cannot be applied/);
  });

  it('calls a scheduler factory with the merged options', () => {
    let seen: Partial<SchedulerOptions> | undefined;
    const built = parts({
      method: 'scaffold',
      learningRate: 0.04,
      scheduler: (o) => {
        seen = o;
        return new AdaptiveScheduler(o);
      },
    }).scheduler;
    expect(built).toBeInstanceOf(AdaptiveScheduler);
    expect(seen!.learningRate).toBe(0.04);
    expect(seen!.ditherLaw).toBe((METHOD_PRESETS.scaffold.scheduler as Partial<SchedulerOptions>).ditherLaw);
    expect(() => parts({ scheduler: () => ({}) as never })).toThrow(/factory must return a scheduler/);
  });

  it('fixed presets keep α0, μ0, σ0 from the same merged options, and follow anneal', () => {
    const envelope = (t: number) => 1 / (1 + t);
    const p = resolveParts(
      { method: 'adam', learningRate: 0.1, scheduler: { momentum: 0.5 } },
      SIZE,
      envelope,
    );
    expect(p.scheduler).toBeInstanceOf(FixedSchedule);
    expect(p.scheduler.update({ loss: 1 })).toEqual({ learningRate: 0.1, momentum: 0.5, dither: 1e-3 });
    expect(p.scheduler.update({ loss: 1 }).learningRate).toBe(0.05);
    // an explicit scheduler.envelope wins over anneal's
    const own = resolveParts({ scheduler: { envelope: () => 0.5 } }, SIZE, envelope)
      .scheduler as AdaptiveScheduler;
    expect(own.hyperparameters.learningRate).toBe(0.01);
  });

  it('selects the rule: the seed’s heavy ball with no method name, a factory or an object', () => {
    expect(parts({ rule: heavyBall }).rule!.name).toBe('heavy-ball');
    expect(parts({ rule: (n) => heavyBall(n, { dampening: false }) }).rule!.name).toBe('sgd-momentum');
    const mine = adam(SIZE);
    expect(parts({ method: 'scaffold', rule: mine }).rule).toBe(mine);
    expect(parts({ method: 'scaffold' }).rule!.name).toBe('sgd-momentum');
    expect(() => parts({ method: 'random', rule: heavyBall })).toThrow(
      /does not apply to a search without gradients \(method "random"\)/,
    );
    expect(() => parts({ rule: {} as never })).toThrow(/options.rule must be an UpdateRule/);
  });

  it('builds the explorer from its defaults, your options and a seed of its own; or takes yours', () => {
    let seen: Partial<ExplorerOptions> | undefined;
    parts({
      seed: 4,
      explorer: (o) => {
        seen = o;
        return new Explorer(o);
      },
    });
    expect(seen).toEqual({ ...TRAINER_EXPLORER_DEFAULTS, seed: 9 });
    const built = parts({ seed: 4, explorer: { probes: 7 } }).explorer as Explorer;
    expect(built.options).toMatchObject({ probes: 7, testEvery: 5, probeScale: 0.1, seed: 9 });
    const mine = new Explorer({ probes: 2 });
    expect(parts({ explorer: mine }).explorer).toBe(mine);
  });

  it('ae-ddsp raises σ only on plateaus, whatever the local tests’ success; the 1/5th rule is an option', () => {
    const law = schedulerOptions({}).ditherLaw;
    const h = { learningRate: 1, momentum: 0.9, dither: 1e-3 };
    const off = { successRate: 0.9, plateau: false, relativeVariance: 0 } as never;
    const on = { successRate: 0, plateau: true, relativeVariance: 0 } as never;
    expect(law(off, h, h)).toBe(1);
    expect(law(on, h, h)).toBeGreaterThan(1);
    const fifth = schedulerOptions({ scheduler: { ditherLaw: oneFifthSuccessDither() } }).ditherLaw;
    expect(fifth(off, h, h)).toBeGreaterThan(1); // raised off a plateau by a high success rate
    expect(() => parts({ method: 'sgd' as never })).toThrow(/unknown method "sgd"; expected one of ae-ddsp/);
  });
});
