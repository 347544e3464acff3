// Runs the real built executable (dist/bin.js) the way a user does, and captures its output.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Path of the built executable. */
export const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/** Throws a clear message when the package has not been built. */
export function requireBuiltBinary(): void {
  if (!existsSync(BIN)) {
    throw new Error(
      `${BIN} is missing: build first with 'npx turbo run build --filter=@ae-ddsp/cli...' (npm test builds before testing)`,
    );
  }
}

/** The outcome of one run. */
export interface BinaryRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node dist/bin.js ...args` in `cwd`; `env` is added to the environment. */
export function runBinary(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<BinaryRun> {
  requireBuiltBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Asserts-friendly view of an error run: exactly one line on stderr starting with `ae-ddsp: error:`. */
export function errorLine(run: BinaryRun): string {
  const lines = run.stderr.split('\n').filter((l) => l.length > 0);
  if (lines.length !== 1)
    throw new Error(`expected one stderr line, got ${lines.length}: ${JSON.stringify(run.stderr)}`);
  return lines[0]!;
}
