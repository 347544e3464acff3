/**
 * The module registry: built-in module types by name, and registration of your own.
 *
 * @example
 * ```ts
 * getModule('ladder').parameters({}, new Set()).map((p) => p.name); // ['cutoff', 'resonance']
 * ```
 * @module
 */

import { didYouMean } from '../graph/patch-shape';
import { adsrModule } from './adsr';
import { biquadModule } from './biquad-filter';
import { crossfadeModule } from './crossfade';
import { harmonicModule } from './harmonic-oscillator';
import { ladderModule } from './ladder-filter';
import { lfoModule } from './lfo';
import { mixerModule } from './mixer';
import type { ModuleDefinition } from './module-definition';
import { noiseModule } from './noise';
import { oscillatorModule } from './oscillator';
import { seedShaperModule, seedSineModule } from './seed-stub';
import { vcaModule } from './vca';
import { waveshaperModule } from './waveshaper';

/** The built-in modules. */
export const BUILTIN_MODULES: readonly ModuleDefinition[] = Object.freeze([
  oscillatorModule,
  harmonicModule,
  noiseModule,
  waveshaperModule,
  ladderModule,
  biquadModule,
  vcaModule,
  adsrModule,
  lfoModule,
  mixerModule,
  crossfadeModule,
  seedSineModule,
  seedShaperModule,
]);

const registry = new Map<string, ModuleDefinition>(BUILTIN_MODULES.map((m) => [m.type, m]));

/** The module registered as `type`; throws a clear Error listing the known types otherwise. */
export function getModule(type: string): ModuleDefinition {
  const m = registry.get(type);
  if (!m) {
    const known = [...registry.keys()];
    throw new Error(
      `unknown module type "${String(type)}"; known: ${known.join(', ')}${didYouMean(String(type), known)}`,
    );
  }
  return m;
}

/** Names of all registered module types. */
export function moduleTypes(): string[] {
  return [...registry.keys()];
}

/**
 * Registers a module type of your own (its `type` must not be taken), for patches to use by
 * name. The plant README's "Adding a module with its own kernel" is a worked example.
 */
export function registerModule(definition: ModuleDefinition): void {
  if (registry.has(definition.type))
    throw new Error(`module type "${definition.type}" is already registered`);
  registry.set(definition.type, definition);
}

/**
 * Removes a module type registered with {@link registerModule} (plants already built keep
 * working; new patches can no longer use it). Built-in modules cannot be removed.
 */
export function unregisterModule(type: string): void {
  if (BUILTIN_MODULES.some((m) => m.type === type))
    throw new Error(`module type "${type}" is built in and cannot be unregistered`);
  if (!registry.delete(type)) throw new Error(`module type "${type}" is not registered`);
}
