/**
 * A 4-pole ladder low-pass (Moog-style, linear): the analog prototype
 * H(s) = 1 / ((1 + s/ωc)⁴ + k) discretised by the bilinear transform with the cutoff
 * prewarped, so |H(e^{jω})| = |1 / ((1 + j·tan(ω/2)/tan(π·fc/fs))⁴ + k)| exactly. Feedback
 * k = 4·{@link LADDER_FEEDBACK_LIMIT}·resonance keeps all poles strictly inside the unit circle
 * for every cutoff, so full resonance rings (near self-oscillation) but stays bounded and
 * stable. `resonance` r sets q = k^(1/4) = r·{@link LADDER_Q_MAX}: the resonant analog pole
 * pair's damping 1 − q·cos(π/4) falls linearly with r. Time-varying cutoff: coefficients are
 * recomputed per sample and the recursion is our all-pole kernel. The `cutoff` input modulates the cutoff by `cutoffModulation` octaves per unit.
 *
 * @example
 * ```ts
 * const node = { id: 'vcf', type: 'ladder', params: { cutoff: 1200, resonance: 0.3 } };
 * ```
 * @module
 */
import { defineParameter } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import { CUTOFF_MODULATION } from './common-parameters';
import { ladderCoefficients } from './ladder-coefficients';
import type { ModuleArgs, ModuleDefinition } from './module-definition';

/** Largest feedback as a fraction of the analog self-oscillation threshold k = 4. */
export const LADDER_FEEDBACK_LIMIT = 0.99;
/** q = k^(1/4) at full resonance. */
export const LADDER_Q_MAX = (4 * LADDER_FEEDBACK_LIMIT) ** 0.25;
/**
 * Highest cutoff used, as a fraction of the sample rate (cutoffs are clamped below it). Near
 * Nyquist the bilinear ladder's four poles crowd towards z = −1 (w = tan(π·fc/fs) grows without
 * bound) and a cutoff modulated into that region makes the output hypersensitive to the
 * parameters (at 0.49 a 1e-5 change of an envelope time moved whole frames' loudness by
 * several per cent); at 0.45 (w ≈ 6.3) the response stays smooth, as in most virtual-analog
 * ladders.
 */
export const MAX_CUTOFF_RATIO = 0.45;

/** Ladder cutoff, Hz. */
export const CUTOFF = defineParameter({
  name: 'cutoff',
  unit: 'Hz',
  min: 20,
  max: 8000,
  default: 1000,
  mapping: { kind: 'log' },
  description: 'Cutoff frequency (clamped below 0.45·sampleRate).',
});

/** Ladder resonance, 0 (none) to 1 (just below self-oscillation). */
export const RESONANCE = defineParameter({
  name: 'resonance',
  unit: 'level',
  min: 0,
  max: 1,
  default: 0.2,
  mapping: { kind: 'linear' },
  description: 'Feedback: k = (r·q_max)^4; 1 rings just below self-oscillation.',
});

/** Cutoff (Hz) after modulation in octaves, clamped to [1 Hz, 0.45·fs]. */
export function modulatedCutoff<S>(
  ops: SignalOps<S>,
  base: S,
  amount: S | undefined,
  control: S | undefined,
): S {
  const maxHz = MAX_CUTOFF_RATIO * ops.sampleRate;
  if (amount === undefined || control === undefined) return ops.clamp(base, 1, maxHz);
  if (ops.octaveModulation) return ops.octaveModulation(base, amount, control, maxHz);
  return ops.clamp(
    ops.mul(base, ops.exp(ops.mul(ops.mul(amount, control), ops.constant(Math.LN2)))),
    1,
    maxHz,
  );
}

/**
 * Filters `x` through the ladder with cutoff `cutoffHz` and `q` = k^(1/4) (signals). The
 * digital transfer function is g·(1 + z⁻¹)⁴ / D(z) with D = ((1+w) + (w−1)z⁻¹)⁴ + k·w⁴(1+z⁻¹)⁴,
 * w = tan(π·fc/fs); its poles have the closed form z = (β − c)/(c − α) with α = 1 + w,
 * β = w − 1 and c = w·q·e^{±jπ/4}, e^{±j3π/4}, so D factors into two second-order sections
 * (better conditioned than one fourth-order recursion, for both the kernel and the scan).
 */
export function ladderFilter<S>(ops: SignalOps<S>, x: S, cutoffHz: S, q: S): S {
  if (ops.ladder) return ops.ladder(x, cutoffHz, q); // the same function, fused by the engine
  const [gain, a11, a12, a21, a22] = ladderCoefficients(ops, cutoffHz, q);
  const y = ops.mul(ops.fir(x, [1, 4, 6, 4, 1]), gain!);
  return ops.allPole(ops.allPole(y, [a11!, a12!]), [a21!, a22!]);
}

/** The ladder filter module (`ladder`). */
export const ladderModule: ModuleDefinition = Object.freeze<ModuleDefinition>({
  type: 'ladder',
  description: '4-pole ladder low-pass (bilinear, prewarped) with bounded resonance and cutoff modulation.',
  inputs: ['in', 'cutoff'],
  requiredInputs: ['in'],
  outputs: ['out'],
  options: Object.freeze({}),
  parameters: (_options, connected) =>
    connected.has('cutoff') ? [CUTOFF, RESONANCE, CUTOFF_MODULATION] : [CUTOFF, RESONANCE],
  render<S>(ops: SignalOps<S>, { inputs, params }: ModuleArgs<S>) {
    const fc = modulatedCutoff(ops, params['cutoff']!, params['cutoffModulation'], inputs['cutoff']);
    const q = ops.mul(params['resonance']!, ops.constant(LADDER_Q_MAX));
    return { out: ladderFilter(ops, inputs['in']!, fc, q) };
  },
});
