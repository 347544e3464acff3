/**
 * Help texts: the command list and each command's usage, arguments, flags (with ranges,
 * choices and defaults) and examples.
 * @module
 */

import type { Command } from './command';
import type { FlagSpec } from './flags';

/** Name of the executable, as typed. */
export const PROGRAM = 'ae-ddsp';

function flagPlaceholder(spec: FlagSpec): string {
  if (spec.kind === 'boolean') return '';
  if (spec.placeholder) return ` ${spec.placeholder}`;
  return spec.kind === 'choice' ? ` ${spec.choices.join('|')}` : spec.kind === 'string' ? ' VALUE' : ' N';
}

function flagDetails(spec: FlagSpec): string {
  const parts: string[] = [];
  if (spec.kind === 'integer' || spec.kind === 'number') parts.push(`${spec.min}..${spec.max}`);
  if (spec.kind === 'choice' && spec.placeholder) parts.push(spec.choices.join(', '));
  if (spec.kind !== 'boolean' && spec.default !== undefined) parts.push(`default ${spec.default}`);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** The `--help` text of one command. */
export function commandHelp(command: Command): string {
  const args = command.positionals.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(' ');
  const lines = [
    `Usage: ${PROGRAM} ${command.name}${args ? ` ${args}` : ''} [options]`,
    '',
    command.description,
    '',
  ];
  if (command.positionals.length) {
    lines.push('Arguments:');
    const width = Math.max(...command.positionals.map((p) => p.name.length));
    for (const p of command.positionals) lines.push(`  ${p.name.padEnd(width)}  ${p.description}`);
    lines.push('');
  }
  const flagLines = Object.entries(command.flags).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    return [
      `  ${short}--${name}${flagPlaceholder(spec)}`,
      `${spec.description}${flagDetails(spec)}`,
    ] as const;
  });
  flagLines.push(['  -h, --help', 'show this help']);
  const width = Math.max(...flagLines.map(([left]) => left.length));
  lines.push('Options:');
  for (const [left, right] of flagLines) lines.push(`${left.padEnd(width)}  ${right}`);
  lines.push('', 'Examples:');
  for (const [invocation, comment] of command.examples)
    lines.push(`  # ${comment}`, `  ${PROGRAM} ${invocation}`);
  return `${lines.join('\n')}\n`;
}

/** The top-level help: what the program does and its commands. */
export function programHelp(commands: readonly Command[], version: string): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `${PROGRAM} ${version}: match a target sound with a differentiable synth (AE-DDSP), render patches, inspect features.`,
    '',
    `Usage: ${PROGRAM} <command> [arguments] [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${PROGRAM} <command> --help' for a command's arguments, options and examples.`,
    `Options: -h, --help (this text), -v, --version (the version).`,
    'Exit status: 0 success, 1 failure (bad input file, invalid patch, failed run), 2 bad command line.',
    '',
  ].join('\n');
}
