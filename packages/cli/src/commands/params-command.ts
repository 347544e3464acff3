/**
 * `ae-ddsp params <preset|patch.json>`: every parameter of a synth with its unit, range,
 * default, mapping and the value in the patch.
 * @module
 */

import type { Command } from '../cli/command';
import { userPath } from '../cli/paths';
import { useCpuBackend } from '../cli/tensorflow';
import { createPlant, PRESETS, synthSource } from '../synth/synth-source';

const number = (x: number) => String(Number(x.toPrecision(6)));

/** The `params` command. */
export const paramsCommand: Command = {
  name: 'params',
  summary: 'parameter specs of a preset or patch (name, unit, range, default)',
  description: [
    'Lists the parameters of a built-in preset or of a JSON patch file: name (node.param),',
    'unit, range, default, mapping (how the optimiser’s normalised 0..1 value maps to the',
    'physical one) and the value set in the patch.',
  ].join('\n'),
  positionals: [
    { name: '<preset|patch.json>', description: `a preset (${PRESETS.join(', ')}) or a patch file` },
  ],
  flags: { json: { kind: 'boolean', description: 'print the table as JSON' } },
  examples: [
    ['params subtractive', 'the parameters of a preset'],
    ['params my-patch.json --json', 'of a patch file, as JSON'],
  ],
  async run({ positionals, values, io }) {
    const typed = positionals[0]!;
    await useCpuBackend();
    const source = await synthSource(typed, userPath(io, typed));
    const rows = createPlant(source, 16000).describe();
    if (values['json']) {
      io.stdout.write(`${JSON.stringify(rows)}\n`);
      return 0;
    }
    const table = [
      ['name', 'unit', 'min', 'max', 'default', 'value', 'mapping'],
      ...rows.map((r) => [
        r.name,
        r.unit,
        number(r.min),
        number(r.max),
        number(r.default),
        number(r.value),
        r.mapping,
      ]),
    ];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
    const numeric = new Set([2, 3, 4, 5]);
    for (const row of table) {
      io.stdout.write(
        `${row
          .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
          .join('  ')
          .trimEnd()}\n`,
      );
    }
    return 0;
  },
};
