/**
 * Evolutionary dither and sparse local tests for AE-DDSP (§4, docs/method.md), as an ask/tell
 * explorer over plain Float32Array parameter groups: usable with tfjs or without it.
 *
 * @example
 * ```ts
 * import { Explorer } from '@ae-ddsp/explorer';
 *
 * const explorer = new Explorer({ probes: 4, fraction: 0.5, seed: 7 });
 * let theta = [Float32Array.from([0.1, 0.9])];
 * theta = explorer.dither(theta, 1e-3);
 * const probes = explorer.ask(theta);
 * theta = explorer.tell(probes.map(objective), objective(theta)).parameters;
 * ```
 *
 * @packageDocumentation
 * @module @ae-ddsp/explorer
 */

// The explorer: shaped dither and sparse local tests

export { dither } from './dither';
export { DEFAULT_EXPLORER_OPTIONS, Explorer } from './explorer';

// CMA-ES: a global ask/tell optimiser (baseline and global phase)

export { CmaEs, DEFAULT_CMA_ES_OPTIONS } from './cma-es';
export { cmaEsStrategy } from './cma-es-strategy';

// The scheduler dither law driven by the local tests' success rate

export { oneFifthSuccessDither } from './one-fifth-success-dither';

// Seeded, checkpointable randomness

export { SeededRandom } from './seeded-random';

// Types

export type {
  CmaEsBest,
  CmaEsBounds,
  CmaEsInit,
  CmaEsOptions,
  CmaEsState,
  CmaEsStopReason,
} from './cma-es';
export type { CmaEsStrategy } from './cma-es-strategy';
export type { DitherOptions, DitherShaping } from './dither';
export type { ExplorerOptions, ExplorerState, LocalTestResult } from './explorer';
export type { OneFifthSuccessDitherOptions } from './one-fifth-success-dither';
export type { ParameterGroups } from './parameter-groups';
export type { RandomSource, SeededRandomState } from './seeded-random';
