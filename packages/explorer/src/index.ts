/**
 * Evolutionary dither and sparse local tests for AE-DDSP (seed section 4), as an ask/tell
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

export type {
  CmaEsBest,
  CmaEsBounds,
  CmaEsInit,
  CmaEsOptions,
  CmaEsState,
  CmaEsStopReason,
} from './cma-es';
export { CmaEs, DEFAULT_CMA_ES_OPTIONS } from './cma-es';
export type { CmaEsStrategy } from './cma-es-strategy';
export { cmaEsStrategy } from './cma-es-strategy';
export type { DitherOptions, DitherShaping } from './dither';
export { dither, ditherScales } from './dither';
export type { ExplorerOptions, ExplorerState, LocalTestResult } from './explorer';
export { DEFAULT_EXPLORER_OPTIONS, Explorer } from './explorer';
export type { OneFifthSuccessDitherOptions } from './one-fifth-success-dither';
export { oneFifthSuccessDither } from './one-fifth-success-dither';
export type { ParameterGroups } from './parameter-groups';
export { checkGroups, cloneGroups, rms } from './parameter-groups';
export type { RandomSource, SeededRandomState } from './seeded-random';
export { SeededRandom } from './seeded-random';
