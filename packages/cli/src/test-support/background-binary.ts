// Runs the built executable in the background (an `ae-ddsp worker`, a batch to be killed) and
// waits for JSON events on its stdout.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { BIN, requireBuiltBinary } from './binary';

/** A running `ae-ddsp` process. */
export interface BackgroundRun {
  /** The process. */
  readonly child: ChildProcess;
  /** JSON lines printed on stdout so far. */
  readonly events: Record<string, unknown>[];
  /** Everything printed on stderr so far. */
  stderr(): string;
  /** Resolves with the first event (past or future) that `matches`; rejects after `timeoutMs`. */
  waitFor(
    matches: (event: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Sends `signal` and resolves with the exit status when the process has ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node dist/bin.js ...args` in `cwd`. */
export function startBinary(args: readonly string[], options: { cwd?: string } = {}): BackgroundRun {
  requireBuiltBinary();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const events: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let pending = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) events.push(JSON.parse(line));
    for (const wake of waiters) wake();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, 'exit').then(() => child.exitCode);
  return {
    child,
    events,
    stderr: () => stderr,
    waitFor(matches, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(matches);
          if (found) {
            cleanup();
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            cleanup();
            reject(new Error(`process ended before the awaited event; stderr: ${stderr}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no such event within ${timeoutMs} ms; events: ${JSON.stringify(events)}; stderr: ${stderr}`,
            ),
          );
        }, timeoutMs);
        const onExit = () => check();
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
          child.off('exit', onExit);
        };
        waiters.add(check);
        child.on('exit', onExit);
        check();
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      return child.exitCode;
    },
  };
}
