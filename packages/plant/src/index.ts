/**
 * Differentiable synth modules (oscillators, waveshapers, ladder and biquad filters,
 * envelopes, LFOs, amplifiers, mixers), composable into chains and JSON patches, rendering
 * `[batch, samples]` audio from normalised parameters on any tfjs backend, with fast cpu
 * kernels (exact adjoint backward passes) and composite fallbacks.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { SynthPlant, presetPatch } from '@ae-ddsp/plant';
 *
 * const plant = new SynthPlant(presetPatch('subtractive'), { sampleRate: 16000 });
 * const audio = plant.render(plant.initialParameters(1), 16000); // [1, 16000]
 * ```
 *
 * @packageDocumentation
 */
import '@ae-ddsp/tfjs-gradients';

export type { CompiledGraph, CompiledNode, PlantParameter } from './graph/compile';
export { compilePatch, evaluateGraph } from './graph/compile';
export type { ParameterValue, Patch, PatchConnection, PatchNode } from './graph/patch';
export { PATCH_FORMAT } from './graph/patch';
export type { NodeInit, PatchInit } from './graph/patch-io';
export { createPatch, loadPatch, node, parallel, savePatch, series } from './graph/patch-io';
export { accumulate } from './kernels/accumulate/accumulate';
export { accumulateComposite } from './kernels/accumulate/accumulate-composite';
export { allPole } from './kernels/all-pole/all-pole';
export { allPoleComposite } from './kernels/all-pole/all-pole-composite';
export { harmonic } from './kernels/harmonic/harmonic';
export { harmonicComposite } from './kernels/harmonic/harmonic-composite';
export { HARMONIC_FADE } from './kernels/harmonic/harmonic-taper';
export {
  ACCUMULATE_KERNEL,
  ALL_POLE_GRAD_KERNEL,
  ALL_POLE_KERNEL,
  HARMONIC_GRAD_KERNEL,
  HARMONIC_KERNEL,
} from './kernels/kernel-names';
export { adsrEnvelope, adsrModule } from './modules/adsr';
export { biquadFilter, biquadModule } from './modules/biquad-filter';
export { crossfadeModule } from './modules/crossfade';
export { harmonicModule } from './modules/harmonic-oscillator';
export {
  LADDER_FEEDBACK_LIMIT,
  LADDER_Q_MAX,
  ladderFilter,
  ladderModule,
  MAX_CUTOFF_RATIO,
} from './modules/ladder-filter';
export { lfoModule } from './modules/lfo';
export { mixerModule } from './modules/mixer';
export type { ModuleArgs, ModuleDefinition, ModuleOptions, OptionValue } from './modules/module-definition';
export { noiseModule } from './modules/noise';
export { oscillatorModule } from './modules/oscillator';
export { mulberry32, whiteNoise } from './modules/random';
export {
  BUILTIN_MODULES,
  getModule,
  moduleTypes,
  registerModule,
  unregisterModule,
} from './modules/registry';
export { seedShaperModule, seedSineModule, seedTimes } from './modules/seed-stub';
export { vcaModule } from './modules/vca';
export { sawtoothPartials, trianglePartials } from './modules/waveforms';
export { HARD_CLIP_SHARPNESS, waveshaperModule } from './modules/waveshaper';
export { mapFromNormalised } from './params/map-signal';
export type { CurveMapping, LinearMapping, LogMapping, ParameterMapping } from './params/mapping';
export { CURVE_EPSILON, fromNormalised, toNormalised } from './params/mapping';
export type { ParameterSpec, ParameterUnit } from './params/parameter-spec';
export { clampPhysical, defineParameter, denormalise, inRange, normalise } from './params/parameter-spec';
export type { ParameterRow, RenderEngine, SynthPlantOptions } from './plant/synth-plant';
export { DEFAULT_PLANT_OPTIONS, SynthPlant } from './plant/synth-plant';
export type { PresetName } from './presets/presets';
export { PRESET_NAMES, presetPatch } from './presets/presets';
export type { SignalOps } from './signal/signal-ops';
export { TensorOps } from './signal/tensor-ops';
export { interpolationWeights } from './signal/upsample';
