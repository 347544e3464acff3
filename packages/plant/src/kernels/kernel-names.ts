/**
 * The names of every tfjs kernel plant registers (on the `cpu` backend), in one place. Each
 * forward kernel's gradient is registered under the forward kernel's name; a `…Grad` kernel
 * is the backward pass that gradient runs. The code of kernel `AeX` lives in the folder named
 * after it (`kernels/x/`: `x.ts` op, `x-cpu.ts` math, `x-kernels.ts` registration,
 * `x-composite.ts` fallback, `x.test.ts`); the fused render's in `plant/fused-render.ts`.
 *
 * @example
 * ```ts
 * tf.getKernel(ALL_POLE_KERNEL, 'cpu'); // registered once an all-pole filter has run
 * ```
 * @module
 */

/** Phase accumulation: input `{increment}` `[batch, samples]`, output the wrapped phase. */
export const ACCUMULATE_KERNEL = 'AeAccumulate';

/** The time-varying all-pole filter: inputs `{x, a}`, output `y`. */
export const ALL_POLE_KERNEL = 'AeAllPole';
/** Its backward pass: inputs `{dy, y, a}`, outputs `[dx, da]`. */
export const ALL_POLE_GRAD_KERNEL = 'AeAllPoleGrad';

/** Band-limited additive synthesis: inputs `{phase, frequency, amplitudes}`, attrs `{sampleRate}`, output `y`. */
export const HARMONIC_KERNEL = 'AeHarmonic';
/** Its backward pass: inputs `{dy, phase, frequency, amplitudes}`, outputs `[dPhase, dFrequency, dAmplitudes]`. */
export const HARMONIC_GRAD_KERNEL = 'AeHarmonicGrad';

/** A whole plant rendered by the fused engine: input `{parameters}` `[batch, P]`, attrs `{plant, samples}`. */
export const PLANT_RENDER_KERNEL = 'AePlantRender';
/** Its backward pass: inputs `{dy, parameters}`, output `[batch, P]`. */
export const PLANT_RENDER_GRAD_KERNEL = 'AePlantRenderGrad';
