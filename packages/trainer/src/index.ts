/**
 * The AE-DDSP closed loop: a trainer that matches a target sound with any plant, encoder, loss and scheduler law.
 *
 * This package is being built; see the repository's open issues for its scope.
 *
 * @packageDocumentation
 */
export {};
