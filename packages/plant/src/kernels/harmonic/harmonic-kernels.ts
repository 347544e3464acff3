/**
 * The `AeHarmonic` kernel and its backward kernel `AeHarmonicGrad` for the `cpu` backend,
 * registered with the gradient by {@link ensureHarmonicKernels}.
 *
 * @example
 * ```ts
 * ensureHarmonicKernels();
 * const y = tf.engine().runKernel(HARMONIC_KERNEL, { phase, frequency, amplitudes }, { sampleRate: 16000 });
 * ```
 * @module
 */
import { type CpuKernelSpec, makeFloat32, readFloat32, registerCpuKernel } from '@ae-ddsp/kernel-registry';
import type * as tf from '@tensorflow/tfjs-core';
import { HARMONIC_GRAD_KERNEL, HARMONIC_KERNEL } from '../kernel-names';
import { harmonicBackward } from './harmonic-backward';
import { harmonicForward } from './harmonic-cpu';
import type { HarmonicShape } from './harmonic-taper';

function shapeOf(
  phase: tf.TensorInfo,
  amplitudes: tf.TensorInfo,
  attrs: tf.NamedAttrMap | undefined,
): HarmonicShape {
  return {
    batch: phase.shape[0]!,
    samples: phase.shape[1]!,
    partials: amplitudes.shape[1]!,
    amplitudeRows: amplitudes.shape[0]!,
    sampleRate: (attrs as Record<string, number>)['sampleRate']!,
  };
}

const forwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const phase = inputs['phase'] as tf.TensorInfo;
  const amplitudes = inputs['amplitudes'] as tf.TensorInfo;
  const shape = shapeOf(phase, amplitudes, attrs);
  const y = new Float32Array(shape.batch * shape.samples);
  harmonicForward(
    readFloat32(backend, phase),
    readFloat32(backend, inputs['frequency'] as tf.TensorInfo),
    readFloat32(backend, amplitudes),
    shape,
    y,
  );
  return makeFloat32(backend, [shape.batch, shape.samples], y);
};

const gradKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const phase = inputs['phase'] as tf.TensorInfo;
  const amplitudes = inputs['amplitudes'] as tf.TensorInfo;
  const shape = shapeOf(phase, amplitudes, attrs);
  const dPhase = new Float32Array(shape.batch * shape.samples);
  const dFrequency = new Float32Array(shape.batch * shape.samples);
  const dAmplitudes = new Float32Array(shape.amplitudeRows * shape.partials);
  harmonicBackward(
    readFloat32(backend, inputs['dy'] as tf.TensorInfo),
    readFloat32(backend, phase),
    readFloat32(backend, inputs['frequency'] as tf.TensorInfo),
    readFloat32(backend, amplitudes),
    shape,
    dPhase,
    dFrequency,
    dAmplitudes,
  );
  return [
    makeFloat32(backend, [shape.batch, shape.samples], dPhase),
    makeFloat32(backend, [shape.batch, shape.samples], dFrequency),
    makeFloat32(backend, [shape.amplitudeRows, shape.partials], dAmplitudes),
  ];
};

const spec: CpuKernelSpec = {
  name: HARMONIC_KERNEL,
  forward: forwardKernel,
  backward: {
    name: HARMONIC_GRAD_KERNEL,
    kernel: gradKernel,
    inputsToSave: ['phase', 'frequency', 'amplitudes'],
    saved: ['phase', 'frequency', 'amplitudes'],
    gradients: ['phase', 'frequency', 'amplitudes'],
  },
};

/** Registers `AeHarmonic`, `AeHarmonicGrad` (cpu) and the `AeHarmonic` gradient, once. */
export function ensureHarmonicKernels(): void {
  registerCpuKernel(spec);
}
