/**
 * ADSR envelope with linear segments: from 0 to 1 in `attack` seconds, down to `sustain` in
 * `decay` seconds, held until note-off (seconds), then from the level reached at note-off to
 * 0 in `release` seconds. Note-off is the `noteOff` option, fixed; with the option
 * `learnNoteOff: true` it is a parameter `noteOff` instead, which a match can learn (how long
 * the note is held). In closed form, with t in seconds,
 * on(t) = clamp(t/A, 0, 1) − (1 − S)·clamp((t − A)/D, 0, 1) and
 * env(t) = on(min(t, noteOff)) · (1 − clamp((t − noteOff)/R, 0, 1)),
 * so it is differentiable in A, D, S, R and a learned note-off (piecewise; each sample's value
 * is smooth in every parameter except where a segment boundary crosses that sample).
 *
 * @example
 * ```ts
 * const node = { id: 'env', type: 'adsr', options: { noteOff: 0.5 }, params: { attack: 0.01, decay: 0.1, sustain: 0.7, release: 0.2 } };
 * const held = { id: 'env', type: 'adsr', options: { learnNoteOff: true }, params: { attack: 0.3, noteOff: 2.5 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import type { ModuleArgs, ModuleDefinition, ModuleOptions } from './module-definition';

/** Attack time, seconds. */
export const ATTACK = defineParameter({
  name: 'attack',
  unit: 'seconds',
  min: 0.001,
  max: 4,
  default: 0.01,
  mapping: { kind: 'log' },
  description: 'Time from 0 to 1.',
});

/** Decay time, seconds. */
export const DECAY = defineParameter({
  name: 'decay',
  unit: 'seconds',
  min: 0.001,
  max: 4,
  default: 0.1,
  mapping: { kind: 'log' },
  description: 'Time from 1 to the sustain level.',
});

/** Sustain level, 0..1. */
export const SUSTAIN = defineParameter({
  name: 'sustain',
  unit: 'level',
  min: 0,
  max: 1,
  default: 0.7,
  mapping: { kind: 'linear' },
  description: 'Level held until note-off.',
});

/** Release time, seconds. */
export const RELEASE = defineParameter({
  name: 'release',
  unit: 'seconds',
  min: 0.001,
  max: 4,
  default: 0.2,
  mapping: { kind: 'log' },
  description: 'Time from the note-off level to 0.',
});

/** Note-off time, seconds: a parameter only with the option `learnNoteOff: true`. */
export const NOTE_OFF = defineParameter({
  name: 'noteOff',
  unit: 'seconds',
  min: 0.001,
  max: 30,
  default: 0.5,
  mapping: { kind: 'log' },
  description: 'Time of note-off, from which the release starts.',
});

let lastTimes: { samples: number; sampleRate: number; times: Float32Array } | undefined;

/**
 * Sample times (first + n) / sampleRate, seconds (the last size from 0 is cached: treat the
 * array as read-only).
 */
export function sampleTimes(samples: number, sampleRate: number, first = 0): Float32Array {
  if (first !== 0) return Float32Array.from({ length: samples }, (_, n) => (first + n) / sampleRate);
  if (lastTimes?.samples === samples && lastTimes.sampleRate === sampleRate) return lastTimes.times;
  const t = new Float32Array(samples);
  for (let n = 0; n < samples; n++) t[n] = n / sampleRate;
  lastTimes = { samples, sampleRate, times: t };
  return t;
}

/**
 * The envelope composed of signal operations (see module docs) over sample times `t` in
 * seconds, for engines without a fused `adsr` (a clamp passes the gradient on its bounds, as
 * in tfjs).
 */
export function composeAdsr<S>(
  ops: SignalOps<S>,
  [t, attack, decay, sustain, release]: readonly [S, S, S, S, S],
  off: S,
): S {
  const on = (time: S) =>
    ops.sub(
      ops.clamp(ops.div(time, attack), 0, 1),
      ops.mul(ops.sub(ops.constant(1), sustain), ops.clamp(ops.div(ops.sub(time, attack), decay), 0, 1)),
    );
  // broadcast first: tfjs's minimum does not reduce a broadcast operand's gradient
  const held = on(ops.minimum(t, ops.audio(off)));
  const released = ops.clamp(ops.div(ops.sub(t, off), release), 0, 1);
  return ops.mul(held, ops.sub(ops.constant(1), released));
}

/** The envelope as a signal (see module docs); `noteOff` in seconds. Fused where the engine has `adsr`. */
export function adsrEnvelope<S>(ops: SignalOps<S>, params: Readonly<Record<string, S>>, noteOff: S): S {
  const attack = params['attack']!;
  const decay = params['decay']!;
  const sustain = params['sustain']!;
  const release = params['release']!;
  if (ops.adsr) return ops.adsr(attack, decay, sustain, release, noteOff);
  const t = ops.curve(sampleTimes(ops.samples, ops.sampleRate, ops.firstSample), 1);
  return composeAdsr(ops, [t, attack, decay, sustain, release], noteOff);
}

/** The envelope module (`adsr`). */
export const adsrModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'adsr',
  description: 'Linear ADSR envelope (seconds, sustain level) with a fixed or learned note-off time.',
  inputs: [],
  requiredInputs: [],
  outputs: ['out'],
  options: Object.freeze({ noteOff: 0.5, learnNoteOff: false }),
  validateOptions(options: ModuleOptions) {
    const t = options['noteOff'];
    if (!(typeof t === 'number' && Number.isFinite(t) && t >= 0)) {
      throw new Error(`option "noteOff" must be a finite number of seconds ≥ 0, got ${String(t)}`);
    }
  },
  parameters: (options) =>
    options['learnNoteOff'] === true
      ? [ATTACK, DECAY, SUSTAIN, RELEASE, NOTE_OFF]
      : [ATTACK, DECAY, SUSTAIN, RELEASE],
  render<S>(ops: SignalOps<S>, { params, options }: ModuleArgs<S>) {
    const noteOff =
      options['learnNoteOff'] === true ? params['noteOff']! : ops.constant(options['noteOff'] as number);
    return { out: adsrEnvelope(ops, params, noteOff) };
  },
});
