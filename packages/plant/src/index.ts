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
 * The surface: the plant (`SynthPlant` and its options), patches (built in code, loaded from
 * JSON, presets) and what a module of your own needs (`registerModule`, `ModuleDefinition`,
 * `defineParameter`, `SignalOps`, `TensorOps`; see the README's "Adding a module with its
 * own kernel").
 *
 * @packageDocumentation
 */
import '@ae-ddsp/tfjs-gradients';

export { MAX_CURVE_POINTS } from './graph/compile';
export type { ParameterValue, Patch, PatchConnection, PatchNode } from './graph/patch';
export type { NodeInit, PatchInit } from './graph/patch-io';
export { createPatch, loadPatch, node, parallel, savePatch, series } from './graph/patch-io';
export { MAX_PATCH_DEPTH } from './graph/patch-shape';
export type { ModuleArgs, ModuleDefinition, ModuleOptions, OptionValue } from './modules/module-definition';
export { getModule, moduleTypes, registerModule, unregisterModule } from './modules/registry';
export type { CurveMapping, LinearMapping, LogMapping, ParameterMapping } from './params/mapping';
export type { ParameterSpec, ParameterUnit } from './params/parameter-spec';
export { defineParameter } from './params/parameter-spec';
export type { ParameterRow, RenderEngine, SynthPlantOptions } from './plant/synth-plant';
export { DEFAULT_BLOCK_SAMPLES, DEFAULT_PLANT_OPTIONS, SynthPlant } from './plant/synth-plant';
export type { PresetName } from './presets/presets';
export { PRESET_NAMES, presetPatch } from './presets/presets';
export type { SignalOps } from './signal/signal-ops';
export { TensorOps } from './signal/tensor-ops';
