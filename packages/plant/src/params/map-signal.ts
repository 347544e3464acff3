/**
 * The parameter mappings applied to signals, so that normalised values become physical
 * values inside the differentiable render (on either engine).
 *
 * @example
 * ```ts
 * const hz = mapFromNormalised(ops, FREQUENCY, u); // u: [batch, 1] in [0, 1]
 * ```
 * @module
 */
import type { SignalOps } from '../signal/signal-ops';
import { CURVE_EPSILON } from './mapping';
import type { ParameterSpec } from './parameter-spec';

/** Physical values of normalised signal `u` (assumed already clamped to [0, 1]). */
export function mapFromNormalised<S>(ops: SignalOps<S>, spec: ParameterSpec, u: S): S {
  const { min, max, mapping } = spec;
  switch (mapping.kind) {
    case 'linear':
      return ops.add(ops.mul(u, ops.constant(max - min)), ops.constant(min));
    case 'log':
      return ops.exp(ops.add(ops.mul(u, ops.constant(Math.log(max / min))), ops.constant(Math.log(min))));
    case 'curve': {
      const c = mapping.curve;
      if (!mapping.symmetric) {
        const bent = c === 1 ? u : ops.pow(ops.maximum(u, ops.constant(CURVE_EPSILON)), 1 / c);
        return ops.add(ops.mul(bent, ops.constant(max - min)), ops.constant(min));
      }
      const d = ops.sub(ops.mul(u, ops.constant(2)), ops.constant(1));
      // sign(d)·|d|^(1/c) = d·|d|^(1/c − 1), with |d| floored so the gradient stays finite
      const bent =
        c === 1 ? d : ops.mul(d, ops.pow(ops.maximum(ops.abs(d), ops.constant(CURVE_EPSILON)), 1 / c - 1));
      return ops.add(
        ops.mul(ops.add(bent, ops.constant(1)), ops.constant((max - min) / 2)),
        ops.constant(min),
      );
    }
  }
}
