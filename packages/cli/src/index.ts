/**
 * The ae-ddsp command: match, render, inspect and benchmark.
 *
 * This package is being built; see the repository's open issues for its scope.
 *
 * @packageDocumentation
 */
export {};
