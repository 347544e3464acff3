/**
 * Low-frequency oscillator for modulation: sine, triangle, sawtooth or (smoothed) square at
 * `rate` Hz, scaled by `depth`, output in [−depth, depth]. Not band-limited (it is a control
 * signal). The square is tanh(20·sin)/tanh(20) so it stays differentiable in rate.
 *
 * @example
 * ```ts
 * const node = { id: 'lfo', type: 'lfo', options: { waveform: 'triangle' }, params: { rate: 5, depth: 0.5 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import type { ModuleArgs, ModuleDefinition } from './module-definition';
import { WAVEFORMS } from './oscillator';

/** LFO rate, Hz. */
export const RATE = defineParameter({
  name: 'rate',
  unit: 'Hz',
  min: 0.01,
  max: 50,
  default: 5,
  mapping: { kind: 'log' },
  description: 'Cycles per second.',
});

/** LFO depth (output scale). */
export const DEPTH = defineParameter({
  name: 'depth',
  unit: 'level',
  min: 0,
  max: 1,
  default: 1,
  mapping: { kind: 'linear' },
  description: 'Output amplitude.',
});

/** Sharpness of the smoothed square. */
export const LFO_SQUARE_SHARPNESS = 20;

/** The LFO module (`lfo`). */
export const lfoModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'lfo',
  description: 'Sine / triangle / sawtooth / square LFO with rate (Hz) and depth.',
  inputs: [],
  requiredInputs: [],
  outputs: ['out'],
  options: Object.freeze({ waveform: 'sine' }),
  choices: Object.freeze({ waveform: WAVEFORMS }),
  parameters: () => [RATE, DEPTH],
  render<S>(ops: SignalOps<S>, { params, options }: ModuleArgs<S>) {
    const phase = ops.accumulate(ops.div(params['rate']!, ops.constant(ops.sampleRate)));
    let wave: S;
    switch (options['waveform']) {
      case 'sawtooth':
        wave = ops.sub(
          ops.mul(ops.wrap(ops.add(phase, ops.constant(0.5))), ops.constant(2)),
          ops.constant(1),
        );
        break;
      case 'triangle':
        wave = ops.sub(
          ops.constant(1),
          ops.mul(
            ops.abs(ops.sub(ops.wrap(ops.add(phase, ops.constant(0.25))), ops.constant(0.5))),
            ops.constant(4),
          ),
        );
        break;
      case 'square':
        wave = ops.mul(
          ops.tanh(
            ops.mul(ops.sin(ops.mul(phase, ops.constant(2 * Math.PI))), ops.constant(LFO_SQUARE_SHARPNESS)),
          ),
          ops.constant(1 / Math.tanh(LFO_SQUARE_SHARPNESS)),
        );
        break;
      default:
        wave = ops.sin(ops.mul(phase, ops.constant(2 * Math.PI)));
    }
    return { out: ops.mul(wave, params['depth']!) };
  },
});
