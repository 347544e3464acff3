/**
 * Differentiable synth modules (oscillators, filters, envelopes, amplifiers) on TensorFlow.js.
 *
 * This package is being built; see the repository's open issues for its scope.
 *
 * @packageDocumentation
 */
export {};
