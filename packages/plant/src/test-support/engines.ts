/**
 * Runs one signal computation on the fused engine and on the tensor engine of
 * the active backend, for tests that compare both with analytic values.
 * @module
 */
import * as tf from '@tensorflow/tfjs-core';
import { FusedOps } from '../fused/fused-ops';
import type { SignalOps } from '../signal/signal-ops';
import { TensorOps } from '../signal/tensor-ops';

/** A computation written once against the signal algebra. */
export type SignalProgram = <S>(ops: SignalOps<S>) => S;

/** The program's `[batch, samples]` output from the fused engine. */
export function runTape(
  program: SignalProgram,
  batch: number,
  samples: number,
  sampleRate: number,
): Float64Array {
  const ops = new FusedOps(batch, samples, sampleRate);
  return ops.audio(program(ops)).values;
}

/** The program's `[batch, samples]` output from the tensor engine on the active backend. */
export function runTensor(
  program: SignalProgram,
  batch: number,
  samples: number,
  sampleRate: number,
): Float32Array {
  const out = tf.tidy(() => {
    const ops = new TensorOps(batch, samples, sampleRate);
    return ops.audio(program(ops));
  });
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/** A unit impulse of `samples` samples. */
export function impulse(samples: number): Float32Array {
  const x = new Float32Array(samples);
  x[0] = 1;
  return x;
}
