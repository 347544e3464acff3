/**
 * The `ae-ddsp` command line: dispatches to a command, prints help, and turns every error
 * into one line on stderr and a non-zero exit status (1 for a failed command, 2 for a bad
 * command line).
 *
 * @example
 * ```ts
 * const status = await runCli(['features', 'note.wav', '--json']);
 * ```
 * @module
 */

import { COMMANDS } from '../commands/registry';
import type { Command } from './command';
import { parseCommandLine } from './flags';
import { commandHelp, PROGRAM, programHelp } from './help';
import { type CliIo, processIo } from './io';
import { printable } from './printable';
import { EXIT_CODES, UsageError } from './usage-error';
import { CLI_VERSION } from './version';

/** Finds a command by name. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Runs the command line `argv` (without `node` and the script) and resolves to the exit status. */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      const topic = name === 'help' ? rest[0] : undefined;
      const command = topic === undefined ? undefined : findCommand(topic);
      if (topic !== undefined && !command) throw new UsageError(unknownCommand(topic));
      io.stdout.write(command ? commandHelp(command) : programHelp(COMMANDS, CLI_VERSION));
      return name === undefined ? EXIT_CODES.usage : EXIT_CODES.ok;
    }
    if (name === '--version' || name === '-v') {
      io.stdout.write(`${CLI_VERSION}\n`);
      return EXIT_CODES.ok;
    }
    const command = findCommand(name);
    if (!command) throw new UsageError(unknownCommand(name));
    const required = command.positionals.filter((p) => !p.optional).length;
    const most = command.positionals.at(-1)?.variadic ? Number.POSITIVE_INFINITY : command.positionals.length;
    const parsed = parseCommandLine(command.name, rest, command.flags, required, most);
    if (parsed.help) {
      io.stdout.write(commandHelp(command));
      return EXIT_CODES.ok;
    }
    return await command.run({ positionals: parsed.positionals, values: parsed.values, io });
  } catch (error) {
    return reportError(error, io);
  }
}

function unknownCommand(name: string): string {
  return `unknown command ${JSON.stringify(name)}; commands: ${COMMANDS.map((c) => c.name).join(', ')}`;
}

/** Prints one line for `error` (control characters escaped) and returns the matching exit status. */
export function reportError(error: unknown, io: CliIo): number {
  const message = error instanceof Error ? error.message : String(error);
  const line = printable(message.split('\n')[0]!.trim()) || 'unknown error';
  if (error instanceof UsageError) {
    const hint = error.command ? `${PROGRAM} ${error.command} --help` : `${PROGRAM} --help`;
    io.stderr.write(`${PROGRAM}: error: ${line} (see '${hint}')\n`);
    return EXIT_CODES.usage;
  }
  io.stderr.write(`${PROGRAM}: error: ${line}\n`);
  if (process.env['AE_DDSP_DEBUG'] && error instanceof Error && error.stack)
    io.stderr.write(`${error.stack.split('\n').map(printable).join('\n')}\n`);
  return EXIT_CODES.failure;
}
