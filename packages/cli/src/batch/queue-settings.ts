/**
 * The BullMQ engine's fixed settings: attempts and backoff of a job that throws, and how a
 * dead worker's job is taken again.
 * @module
 */

/** Attempts per job (the first run and its retries) and the first retry's delay (doubling after). */
export const QUEUE_RETRIES = Object.freeze({ attempts: 3, backoffMs: 2000 });

/** Default seconds before a dead worker's job is taken by another. */
export const DEFAULT_STALL_SECONDS = 30;

/** How many times a job may be taken from a dead worker before it fails. */
export const MAX_STALLS = 2;
