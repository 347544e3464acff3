// Fuzzing patch files: arbitrary JSON, and valid patches with a field changed, a key added
// (typos, prototype names, anything), nesting deepened or a curve lengthened, read the way the
// CLI reads them. Every outcome must be a patch that builds and renders, or an Error whose
// one-line message names the file: never a crash with a raw stack trace or a non-Error throw.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESET_NAMES, presetPatch, savePatch } from '@ae-ddsp/plant';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';
import { createPlant, patchFileSource } from './synth-source';

const folder = temporaryFolder();
afterAll(folder.remove);

/** What an internal failure looks like, as opposed to a message written for the user. */
const CRASH =
  /Maximum call stack|is not a function|Cannot read propert|is not iterable|Cannot convert|undefined is not/;

type Json = unknown;

/** Keys a mutation adds: the format's own, near misses, prototype names and anything. */
const key = fc.oneof(
  fc.constantFrom('format', 'version', 'nodes', 'connections', 'output', 'id', 'type', 'options', 'params'),
  fc.constantFrom('option', 'param', 'node', 'connection', 'from', 'to', 'waveform', 'cutoff', 'frequency'),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.string({ maxLength: 12 }),
);

/** Values a mutation writes: any JSON, numbers at the edges, nested or long arrays. */
const value: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(0, -1, 1e308, -1e308, 0.5, 20, 8000, 1e-300, null, true, '', 'sine', 'osc.out'),
  fc.integer({ min: 0, max: 3000 }).map((depth) => {
    let v: Json = 1;
    for (let i = 0; i < depth; i++) v = [v];
    return v;
  }),
  fc.integer({ min: 0, max: 6000 }).map((n) => Array.from({ length: n }, (_, i) => 100 + (i % 7))),
);

/** The objects of a parsed patch a mutation may change. */
function places(patch: Record<string, Json>): Record<string, Json>[] {
  const out: Record<string, Json>[] = [patch];
  const isObject = (x: Json): x is Record<string, Json> =>
    typeof x === 'object' && x !== null && !Array.isArray(x);
  for (const n of (patch['nodes'] as Json[]) ?? []) {
    if (!isObject(n)) continue;
    out.push(n);
    for (const k of ['options', 'params']) if (isObject(n[k])) out.push(n[k] as Record<string, Json>);
  }
  for (const c of (patch['connections'] as Json[]) ?? []) if (isObject(c)) out.push(c);
  return out;
}

/** A preset whose existing parameter values are replaced by numbers, in range or not, or by other JSON. */
const retunedPreset = fc
  .record({
    preset: fc.constantFrom(...PRESET_NAMES),
    edits: fc.array(
      fc.record({
        node: fc.nat(),
        param: fc.nat(),
        value: fc.oneof(fc.double({ min: -1e4, max: 1e5, noNaN: true }), fc.double(), value),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ preset, edits }) => {
    const patch = JSON.parse(savePatch(presetPatch(preset))) as {
      nodes: { params?: Record<string, Json> }[];
    };
    const withParams = patch.nodes.filter((n) => n.params && Object.keys(n.params).length > 0);
    for (const edit of edits) {
      const params = withParams[edit.node % withParams.length]!.params!;
      const names = Object.keys(params);
      params[names[edit.param % names.length]!] = edit.value;
    }
    return JSON.stringify(patch);
  });

/** A patch file's text: arbitrary JSON, a preset with 1–3 mutations, or a retuned preset. */
const patchText = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: retunedPreset },
  {
    weight: 4,
    arbitrary: fc
      .record({
        preset: fc.constantFrom(...PRESET_NAMES),
        edits: fc.array(fc.record({ place: fc.nat(), key, value, remove: fc.boolean() }), {
          minLength: 1,
          maxLength: 3,
        }),
      })
      .map(({ preset, edits }) => {
        const patch = JSON.parse(savePatch(presetPatch(preset))) as Record<string, Json>;
        const marks: [string, string][] = [];
        for (const [i, edit] of edits.entries()) {
          const all = places(patch);
          const target = all[edit.place % all.length]!;
          const present = Object.keys(target);
          if (edit.remove && present.length > 0) {
            delete target[present[edit.place % present.length]!];
            continue;
          }
          // a marker key, swapped for the real one in the text: assigning "__proto__" would
          // set the object's prototype instead of adding a key
          const mark = `@@${i}@@`;
          target[mark] = edit.value;
          marks.push([mark, edit.key]);
        }
        let text = JSON.stringify(patch);
        for (const [mark, real] of marks) text = text.replace(JSON.stringify(mark), JSON.stringify(real));
        return text;
      }),
  },
);

describe('patch JSON fuzz', () => {
  it('every patch file is read into a synth that renders, or refused with one line naming the file', async () => {
    const path = join(folder.dir, 'fuzz.json');
    let refused = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(patchText, async (text) => {
        writeFileSync(path, text);
        let source: Awaited<ReturnType<typeof patchFileSource>>;
        try {
          source = await patchFileSource(path, 'fuzz.json');
        } catch (error) {
          refused++;
          expect(error).toBeInstanceOf(Error);
          const message = (error as Error).message;
          expect(message.startsWith('fuzz.json: ')).toBe(true);
          expect(message).not.toContain('\n');
          expect(message).not.toMatch(CRASH);
          return;
        }
        accepted++;
        const plant = createPlant(source, 8000);
        const [block] = plant.renderBlocks(plant.initialNormalised(), 256);
        expect(block!.length).toBe(256);
      }),
      { seed: 18, numRuns: 300 },
    );
    // the generator reaches both outcomes
    expect(refused).toBeGreaterThan(50);
    expect(accepted).toBeGreaterThan(5);
  }, 120_000);

  it('through the executable, a few fuzzed patches give status 0 or one error line, never a stack trace', async () => {
    const texts = fc.sample(patchText, { seed: 1818, numRuns: 6 });
    for (const [i, text] of texts.entries()) {
      const name = `fuzz-${i}.json`;
      writeFileSync(join(folder.dir, name), text);
      const run = await runBinary(['params', name], { cwd: folder.dir });
      if (run.status === 0) continue;
      expect(run.status).toBe(1);
      const lines = run.stderr.split('\n').filter(Boolean);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(`ae-ddsp: error: ${name}: `)).toBe(true);
      expect(lines[0]).not.toMatch(CRASH);
    }
  }, 120_000);
});
