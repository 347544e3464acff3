/**
 * Adaptive-resonance (Fuzzy ART) memory of timbre prototypes for DAR-DDSP.
 *
 * This package is being built; see the repository's open issues for its scope.
 *
 * @packageDocumentation
 */
export {};
