/**
 * Evolutionary dither and sparse local tests (ask/tell) for AE-DDSP.
 *
 * This package is being built; see the repository's open issues for its scope.
 *
 * @packageDocumentation
 */
export {};
