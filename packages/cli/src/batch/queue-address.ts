/**
 * The `--queue` address of the BullMQ engine: `redis://[user:password@]host:port/name`
 * (`rediss://` for TLS), where `name` is the queue's name (default `ae-ddsp`).
 *
 * @example
 * ```ts
 * parseQueueAddress('redis://127.0.0.1:6379/library'); // { host: '127.0.0.1', port: 6379, name: 'library', ... }
 * ```
 * @module
 */

import type { ConnectionOptions } from 'bullmq';

/** A parsed `--queue` address. */
export interface QueueAddress {
  /** Redis host. */
  readonly host: string;
  /** Redis port. */
  readonly port: number;
  /** Queue name. */
  readonly name: string;
  /** User name, if any. */
  readonly username?: string;
  /** Password, if any. */
  readonly password?: string;
  /** Connect with TLS (`rediss://`). */
  readonly tls: boolean;
}

/** Default queue name when the address has no path. */
export const DEFAULT_QUEUE_NAME = 'ae-ddsp';

/** Parses `text`; throws an error naming `--queue` and the expected form. */
export function parseQueueAddress(text: string): QueueAddress {
  const expected = 'expected redis://host:port/name';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--queue ${JSON.stringify(text)}: not a URL; ${expected}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new Error(
      `--queue ${JSON.stringify(text)}: protocol ${url.protocol} is not redis: or rediss:; ${expected}`,
    );
  if (url.hostname === '') throw new Error(`--queue ${JSON.stringify(text)}: no host; ${expected}`);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || DEFAULT_QUEUE_NAME;
  if (!/^[A-Za-z0-9_.-]+$/.test(name))
    throw new Error(
      `--queue ${JSON.stringify(text)}: queue name ${JSON.stringify(name)} may use only letters, digits, '.', '_', '-'`,
    );
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 6379 : Number(url.port),
    name,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
  };
}

/**
 * ioredis options for `address`: BullMQ's workers need `maxRetriesPerRequest: null` (a
 * command waits through a Redis restart instead of failing), and ioredis reconnects by itself.
 */
export function connectionOptions(address: QueueAddress): ConnectionOptions {
  return {
    host: address.host,
    port: address.port,
    ...(address.username ? { username: address.username } : {}),
    ...(address.password ? { password: address.password } : {}),
    ...(address.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}
