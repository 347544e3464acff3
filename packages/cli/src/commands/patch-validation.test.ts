// Bad patch files through the real executable: each gives one error line naming the file and
// the field, and nothing is written.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { presetPatch, savePatch } from '@ae-ddsp/plant';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLine, runBinary } from '../test-support/binary';
import { temporaryFolder } from '../test-support/fixtures';

const EXAMPLE = fileURLToPath(new URL('../../examples/sawlead_62.wav', import.meta.url));
const folder = temporaryFolder();
afterAll(folder.remove);
const file = (name: string) => join(folder.dir, name);
const run = (args: string[]) => runBinary(args, { cwd: folder.dir });

/** The subtractive preset's JSON text after `mutate` edits it as text. */
function patchText(mutate: (text: string) => string): string {
  return mutate(savePatch(presetPatch('subtractive')));
}

describe('patch files with mistakes', () => {
  const cases: [string, string, string][] = [
    [
      'typo.json',
      patchText((t) => t.replace('"options"', '"option"')),
      'typo.json: invalid patch: nodes[0]: unknown key "option"; did you mean "options"? (keys: id, type, options, params)',
    ],
    [
      'proto.json',
      JSON.stringify({
        ...presetPatch('subtractive'),
        nodes: presetPatch('subtractive').nodes.map((n) =>
          n.id === 'vcf' ? { ...n, options: { '@@': { x: 1 } } } : n,
        ),
      }).replace('"@@"', '"__proto__"'),
      'proto.json: invalid patch: nodes[2].options: key "__proto__" is not allowed',
    ],
    [
      'deep.json',
      patchText((t) =>
        t.replace(/"cutoff": [^,]+,/, `"cutoff": ${'['.repeat(100_000)}${']'.repeat(100_000)},`),
      ),
      'deep.json: invalid patch: nodes[2].params.cutoff',
    ],
    [
      'long-curve.json',
      patchText((t) => t.replace(/"cutoff": [^,]+,/, `"cutoff": [${Array(5000).fill(1000).join(',')}],`)),
      'long-curve.json: invalid patch: node "vcf": parameter "cutoff": a curve has at most 4096 control points, got 5000 (nodes[2].params.cutoff)',
    ],
  ];

  for (const [name, text, message] of cases) {
    it(`${name}: render, params and match refuse it in one line and write nothing`, async () => {
      writeFileSync(file(name), text);
      for (const args of [
        ['render', name, '-o', `${name}.wav`],
        ['params', name],
        ['match', EXAMPLE, '--patch', name, '--steps', '1', '--out', `${name}-out`],
      ]) {
        const result = await run(args);
        expect(result.status, args.join(' ')).toBe(1);
        const line = errorLine(result);
        expect(line).toContain(`ae-ddsp: error: ${message}`);
        expect(line).not.toMatch(/Maximum call stack|is not a function|\n\s+at /);
      }
      expect(existsSync(file(`${name}.wav`))).toBe(false);
      expect(existsSync(file(`${name}-out`))).toBe(false);
    });
  }

  it('a patch with no parameters is refused before match starts, naming the file', async () => {
    writeFileSync(
      file('no-params.json'),
      JSON.stringify({
        format: 'ae-ddsp-patch',
        version: 1,
        nodes: [{ id: 'mix', type: 'mixer', options: { inputs: 2 }, params: {} }],
        connections: [],
        output: 'mix.out',
      }),
    );
    const result = await run(['match', EXAMPLE, '--patch', 'no-params.json', '--out', 'none']);
    expect(result.status).toBe(1);
    expect(errorLine(result)).toBe(
      "ae-ddsp: error: no-params.json: the patch has no parameters to match (nodes: mix (mixer)); it needs at least one, e.g. an oscillator's frequency",
    );
    expect(existsSync(file('none'))).toBe(false);
  });
});
