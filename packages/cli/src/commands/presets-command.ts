/**
 * `ae-ddsp presets`: the built-in synth presets with a line about each and their number of
 * parameters.
 * @module
 */

import type { Command } from '../cli/command';
import { createPlant, PRESET_DESCRIPTIONS, PRESETS, presetSource } from '../synth/synth-source';

/** The `presets` command. */
export const presetsCommand: Command = {
  name: 'presets',
  summary: 'list the built-in synth presets',
  description:
    "Lists the built-in synth presets of @ae-ddsp/plant. Use 'ae-ddsp params <preset>' for their parameters.",
  positionals: [],
  flags: { json: { kind: 'boolean', description: 'print the list as JSON' } },
  examples: [
    ['presets', 'the list'],
    ['presets --json', 'as JSON'],
  ],
  async run({ values, io }) {
    const rows = PRESETS.map((name) => ({
      name,
      parameters: createPlant(presetSource(name), 16000).parameterCount,
      description: PRESET_DESCRIPTIONS[name] ?? '',
    }));
    if (values['json']) {
      io.stdout.write(`${JSON.stringify(rows)}\n`);
      return 0;
    }
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) {
      io.stdout.write(
        `${r.name.padEnd(width)}  ${String(r.parameters).padStart(2)} parameters  ${r.description}\n`,
      );
    }
    return 0;
  },
};
