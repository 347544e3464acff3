// Fuzzing the WAV reader: random bytes and valid headers with random bytes changed, cut or
// resized. Every outcome must be audio or an Error whose one-line message names the file:
// never a crash with a raw stack trace, a non-Error throw, or a hang.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runBinary } from '../test-support/binary';
import { temporaryFolder, writeRawFloatWav } from '../test-support/fixtures';
import { decodeAudio } from './read-audio';

const folder = temporaryFolder();
afterAll(folder.remove);

/** A valid mono float WAV of a short tone: the seed every mutation starts from. */
const valid: Uint8Array = (() => {
  const path = join(folder.dir, 'seed.wav');
  writeRawFloatWav(
    path,
    Float32Array.from({ length: 512 }, (_, i) => 0.5 * Math.sin(i / 5)),
    16000,
  );
  return new Uint8Array(readFileSync(path));
})();

/** A 16-bit PCM stereo header variant, so the mutations reach the integer decoder too. */
const pcmStereo: Uint8Array = (() => {
  const bytes = valid.slice();
  const view = new DataView(bytes.buffer);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 2, true); // two channels
  view.setUint16(32, 4, true); // block align
  view.setUint16(34, 16, true); // bits
  return bytes;
})();

const mutation = fc.record({
  base: fc.constantFrom(valid, pcmStereo),
  edits: fc.array(fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 0, max: 255 })), {
    minLength: 1,
    maxLength: 8,
  }),
  // A 32-bit field (RIFF size, fmt size, rate, byte rate, data size) set to an extreme value.
  field: fc.option(
    fc.tuple(
      fc.constantFrom(4, 16, 24, 28, 40),
      fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 384000, 192001),
    ),
  ),
  length: fc.option(fc.integer({ min: 0, max: valid.length })),
});

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate({ base, edits, field, length }: Mutation): Uint8Array {
  const bytes = base.slice();
  for (const [at, value] of edits) bytes[at] = value;
  if (field) new DataView(bytes.buffer).setUint32(field[0], field[1], true);
  return length === null ? bytes : bytes.subarray(0, length);
}

/** Decodes `bytes` as file `name`; returns the failure's message, or undefined when it decoded. */
async function outcome(bytes: Uint8Array, name: string, sampleRateHz?: number): Promise<string | undefined> {
  try {
    const clip = await decodeAudio(bytes, name, sampleRateHz === undefined ? {} : { sampleRateHz });
    expect(clip.samples.length).toBeGreaterThan(0);
    expect(clip.samples.every(Number.isFinite)).toBe(true);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message.startsWith(`${name}: `), message).toBe(true);
    expect(message).not.toMatch(/\n|\s+at \S+ \(/);
    return message;
  }
}

describe('WAV reader fuzz: every failure is one clear line naming the file', () => {
  it('mutated valid headers (fixed seed, 200 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, fc.constantFrom(undefined, 16000), async (m, rate) => {
        await outcome(mutate(m), 'fuzz.wav', rate);
      }),
      { seed: 424242, numRuns: 200 },
    );
  });

  it('random bytes behind a RIFF/WAVE tag and with none (fixed seed, 200 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.boolean(),
        async (tail, tagged) => {
          const head = tagged
            ? new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt ')
            : new Uint8Array();
          const bytes = new Uint8Array(head.length + tail.length);
          bytes.set(head);
          bytes.set(tail, head.length);
          await outcome(bytes, 'noise.wav');
        },
      ),
      { seed: 1234, numRuns: 200 },
    );
  });

  it('a handful of mutated files through the executable: status 0 or 1, never a stack trace', async () => {
    const cases = fc.sample(mutation, { seed: 77, numRuns: 4 });
    for (const [i, m] of cases.entries()) {
      const name = `case${i}.wav`;
      writeFileSync(join(folder.dir, name), mutate(m));
      const result = await runBinary(['features', name, '--sample-rate', '16000'], { cwd: folder.dir });
      expect([0, 1]).toContain(result.status);
      const lines = result.stderr.split('\n').filter(Boolean);
      for (const line of lines) expect(line).toMatch(new RegExp(`^ae-ddsp: (error|warning): ${name}: `));
      if (result.status === 1) expect(lines.at(-1)).toMatch(/^ae-ddsp: error: /);
    }
  });
});
