/**
 * The AE-DDSP scheduler law.
 *
 * @packageDocumentation
 */
/** Placeholder to be replaced. */
export const VERSION = '0.0.0';
