// A private redis-server for the BullMQ tests (Debian `redis-server`, installed by .ci/run):
// started on 127.0.0.1 on a free port, in memory or with an append-only file when a test
// restarts it, and stopped afterwards. Tests never touch any other Redis.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { temporaryFolder } from './fixtures';

/** A running test Redis. */
export interface TestRedis {
  /** Its port on 127.0.0.1. */
  readonly port: number;
  /** `redis://127.0.0.1:PORT/name`, the `--queue` address of queue `name`. */
  url(name: string): string;
  /** Stops it (SIGTERM: with persistence it writes its append-only file first) and starts it again on the same port. */
  restart(options?: { readonly downMs?: number }): Promise<void>;
  /** Stops it and removes its data folder. */
  stop(): Promise<void>;
}

/** A port that was free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts redis-server; `persistent` keeps its data in an append-only file across {@link TestRedis.restart}. */
export async function startRedis(options: { readonly persistent?: boolean } = {}): Promise<TestRedis> {
  const port = await freePort();
  const data = temporaryFolder('ae-ddsp-redis-');
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    data.dir,
    '--save',
    '',
    ...(options.persistent ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let child = await launch(args);
  return {
    port,
    url: (name) => `redis://127.0.0.1:${port}/${name}`,
    async restart({ downMs = 500 } = {}) {
      await terminate(child);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      child = await launch(args);
    },
    async stop() {
      await terminate(child);
      data.remove();
    },
  };
}

async function launch(args: readonly string[]): Promise<ChildProcess> {
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.on('error', (error) =>
      reject(
        new Error(
          `cannot run redis-server (${error.message}): install it with 'apt-get install redis-server' (.ci/run does)`,
        ),
      ),
    );
    child.on('exit', (code) =>
      reject(new Error(`redis-server exited (${code}) before it was ready: ${log}`)),
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) resolve();
    });
  });
  const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    await ready;
  } finally {
    clearTimeout(timeout);
  }
  child.removeAllListeners('exit');
  return child;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
