/**
 * How a worker is named in the index: `host:pid`, plus `/thread` for a pool thread.
 * @module
 */

import { hostname } from 'node:os';
import { isMainThread, threadId } from 'node:worker_threads';

/** This process's (and thread's) worker name. */
export function workerName(): string {
  return `${hostname()}:${process.pid}${isMainThread ? '' : `/${threadId}`}`;
}
