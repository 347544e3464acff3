// `-o` output paths through the real executable: what is at the path decides how it is written,
// and nothing that is not a regular file is ever unlinked or renamed over.
import { spawn, spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, errorLine, requireBuiltBinary, runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';

const folder = temporaryFolder();
const file = (name: string) => join(folder.dir, name);
afterAll(folder.remove);
const run = (args: string[]) => runBinary(args, { cwd: folder.dir });

/** The bytes `render fm` writes to a plain new file: what every other kind of path must receive. */
let reference: Buffer;
beforeAll(async () => {
  expect((await run(['render', 'fm', '-q', '-o', 'reference.wav'])).status).toBe(0);
  reference = readFileSync(file('reference.wav'));
  expect(reference.subarray(0, 4).toString('latin1')).toBe('RIFF');
});

/** Runs the binary with stdout captured as bytes. */
function runForBytes(args: string[]): Promise<{ status: number | null; stdout: Buffer; stderr: string }> {
  requireBuiltBinary();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: folder.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out), stderr }));
  });
}

describe('ae-ddsp render -o <path>: what is at the path decides how it is written', () => {
  it('follows a symbolic link: the link stays, its target is replaced, no temporary file is left', async () => {
    mkdirSync(file('elsewhere'));
    writeFileSync(file('elsewhere/real.wav'), 'x\n');
    symlinkSync('elsewhere/real.wav', file('link.wav'));
    const result = await run(['render', 'fm', '-o', 'link.wav']);
    expect(result.status).toBe(0);
    expect(lstatSync(file('link.wav')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(file('link.wav'))).toBe('elsewhere/real.wav');
    expect(readFileSync(file('elsewhere/real.wav')).equals(reference)).toBe(true);
    expect(readdirSync(file('elsewhere'))).toEqual(['real.wav']);
  });

  it('follows a dangling symbolic link by creating its target', async () => {
    symlinkSync('made-by-render.wav', file('dangling.wav'));
    expect((await run(['render', 'fm', '-q', '-o', 'dangling.wav'])).status).toBe(0);
    expect(lstatSync(file('dangling.wav')).isSymbolicLink()).toBe(true);
    expect(readFileSync(file('made-by-render.wav')).equals(reference)).toBe(true);
  });

  it('writes through a FIFO to its reader and leaves the FIFO in place', async () => {
    const fifo = file('pipe.wav');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    const received: Buffer[] = [];
    reader.stdout.on('data', (chunk: Buffer) => received.push(chunk));
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    const result = await run(['render', 'fm', '-q', '-o', 'pipe.wav']);
    await readerDone;
    expect(result.status).toBe(0);
    expect(Buffer.concat(received).equals(reference)).toBe(true);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('writes through a character device (a null device made in a temporary folder) and leaves it a device', async () => {
    const device = file('null-device');
    const made = spawnSync('mknod', [device, 'c', '1', '3']);
    // Only root may create device nodes; elsewhere /dev/null itself is the device under test below.
    if (made.status !== 0) return expect(process.getuid?.()).not.toBe(0);
    const result = await run(['render', 'fm', '-o', device]);
    expect(result.status).toBe(0);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(folder.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through /dev/null, which is still a character device afterwards', async () => {
    const result = await run(['render', 'fm', '-o', '/dev/null']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote \/dev\/null /);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(statSync('/dev/null').rdev).toBe(259); // major 1, minor 3
  });

  it('streams the WAV to stdout for - and /dev/stdout, with no "wrote" line mixed in', async () => {
    for (const target of ['-', '/dev/stdout']) {
      const result = await runForBytes(['render', 'fm', '-o', target]);
      expect(result.status).toBe(0);
      expect(result.stdout.equals(reference)).toBe(true);
      expect(result.stderr).toBe('');
    }
  });

  it('features -o - prints the JSON on stdout', async () => {
    const result = await run(['features', 'reference.wav', '-o', '-']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).frames).toBe(63);
  });

  it('refuses a socket with one line naming it, and leaves it in place', async () => {
    const server = createServer();
    const socket = file('listening.sock');
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const result = await run(['render', 'fm', '-o', 'listening.sock']);
      expect(result.status).toBe(1);
      expect(errorLine(result)).toMatch(/listening\.sock: is a socket; refusing to write to it/);
      expect(lstatSync(socket).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });
});
