/**
 * One run of a plant on the fused engine ({@link FusedOps}): its engine (the recorded tape
 * and arrays), its output and its input, ready for a backward pass.
 *
 * @example
 * ```ts
 * const { ops, output } = recordFused(plant, normalised, 1, 16000);
 * ```
 * @module
 */
import type { SignalOps } from '../signal/signal-ops';
import type { BufferPool } from './buffer-pool';
import { FusedOps, type FusedSignal } from './fused-ops';

/** What the fused engine needs of a plant. */
export interface FusedRenderable {
  /** Sample rate, Hz. */
  readonly sampleRate: number;
  /** Length of the normalised vector. */
  readonly parameterCount: number;
  /** Renders on any engine from normalised parameters. */
  renderWith<S>(ops: SignalOps<S>, normalised: S): S;
}

/** A forward pass on the fused engine, kept for its backward pass. */
export interface FusedRecording {
  /** The engine holding the tape and the arrays. */
  readonly ops: FusedOps;
  /** The rendered audio `[batch, samples]`. */
  readonly output: FusedSignal;
  /** The normalised input (its gradient is filled by the backward pass). */
  readonly input: FusedSignal;
}

/** Renders `plant` on a new fused engine (arrays from `pool` if given) and returns the recording. */
export function recordFused(
  plant: FusedRenderable,
  normalised: ArrayLike<number>,
  batch: number,
  samples: number,
  pool?: BufferPool,
): FusedRecording {
  if (normalised.length !== batch * plant.parameterCount) {
    throw new Error(
      `normalised must hold batch × ${plant.parameterCount} = ${batch * plant.parameterCount} values, got ${normalised.length}`,
    );
  }
  const ops = new FusedOps(batch, samples, plant.sampleRate, pool);
  const input = ops.input(Float64Array.from(normalised), batch, plant.parameterCount);
  const output = plant.renderWith(ops, input);
  return { ops, output, input };
}
