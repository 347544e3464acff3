/**
 * Fast, differentiable spectral front end (STFT, log-mel, spectral statistics) and feature-space losses on TensorFlow.js.
 *
 * This package is being built; see the repository's open issues for its scope.
 *
 * @packageDocumentation
 */
export {};
