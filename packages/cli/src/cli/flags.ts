/**
 * Declarative flags for the commands, parsed with Node's own `util.parseArgs` and then
 * checked: integers and numbers within a stated range, choices from a list. Every problem
 * is a {@link UsageError} naming the flag, the expectation and the value given.
 *
 * @example
 * ```ts
 * const flags = { steps: { kind: 'integer', min: 1, max: 100000, default: 300, description: 'gradient steps' } };
 * const { values } = parseCommandLine('match', ['x.wav', '--steps', '50'], flags, 1);
 * ```
 * @module
 */

import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** One flag of a command. */
export type FlagSpec =
  | {
      /** A number, optionally restricted to integers. */
      readonly kind: 'integer' | 'number';
      /** Smallest accepted value. */
      readonly min: number;
      /** Largest accepted value. */
      readonly max: number;
      /** Value when the flag is absent. */
      readonly default?: number;
      /** Help text (with the unit). */
      readonly description: string;
      /** Placeholder in help, e.g. `N`. */
      readonly placeholder?: string;
      /** One-letter alias. */
      readonly short?: string;
    }
  | {
      /** One of a list of words. */
      readonly kind: 'choice';
      /** The accepted words. */
      readonly choices: readonly string[];
      /** Value when the flag is absent. */
      readonly default?: string;
      /** Help text. */
      readonly description: string;
      /** Placeholder in help. */
      readonly placeholder?: string;
      /** One-letter alias. */
      readonly short?: string;
    }
  | {
      /** Free text (a path). */
      readonly kind: 'string';
      /** Value when the flag is absent. */
      readonly default?: string;
      /** Help text. */
      readonly description: string;
      /** Placeholder in help. */
      readonly placeholder?: string;
      /** One-letter alias. */
      readonly short?: string;
    }
  | {
      /** A switch. */
      readonly kind: 'boolean';
      /** Help text. */
      readonly description: string;
      /** One-letter alias. */
      readonly short?: string;
    };

/** The flags of a command, by long name (without `--`). */
export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

/** Parsed flag values: numbers for numeric flags, strings for choice/string flags, booleans for switches. */
export type FlagValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** The outcome of {@link parseCommandLine}. */
export interface ParsedCommandLine {
  /** Positional arguments. */
  readonly positionals: readonly string[];
  /** Flag values after checking (defaults filled in). */
  readonly values: FlagValues;
  /** True when `--help`/`-h` was given. */
  readonly help: boolean;
}

/**
 * Parses `argv` for `command` against `specs` (plus `--help`), expecting between
 * `minPositionals` and `maxPositionals` positional arguments. Throws a {@link UsageError}.
 */
export function parseCommandLine(
  command: string,
  argv: readonly string[],
  specs: FlagSpecs,
  minPositionals: number,
  maxPositionals = minPositionals,
): ParsedCommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const [name, spec] of Object.entries(specs)) {
    options[name] = {
      type: spec.kind === 'boolean' ? 'boolean' : 'string',
      ...(spec.short ? { short: spec.short } : {}),
    };
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(cleanParseError((error as Error).message), command);
  }
  const help = parsed.values['help'] === true;
  const values: Record<string, string | number | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(specs)) {
    values[name] = checkFlag(command, name, spec, parsed.values[name]);
  }
  if (!help) {
    const count = parsed.positionals.length;
    if (count < minPositionals) {
      throw new UsageError(
        `missing argument: ${command} needs ${minPositionals} argument(s), got ${count}`,
        command,
      );
    }
    if (count > maxPositionals) {
      throw new UsageError(
        `unexpected argument ${JSON.stringify(parsed.positionals[maxPositionals])}: ${command} takes at most ${maxPositionals}`,
        command,
      );
    }
  }
  return { positionals: parsed.positionals, values, help };
}

function checkFlag(
  command: string,
  name: string,
  spec: FlagSpec,
  raw: string | boolean | undefined,
): string | number | boolean | undefined {
  if (spec.kind === 'boolean') return raw === true;
  if (raw === undefined) return spec.default;
  const text = String(raw);
  if (spec.kind === 'string') {
    if (text === '') throw new UsageError(`--${name} needs a value`, command);
    return text;
  }
  if (spec.kind === 'choice') {
    if (!spec.choices.includes(text)) {
      throw new UsageError(
        `--${name} must be one of ${spec.choices.join(', ')}; got ${JSON.stringify(text)}`,
        command,
      );
    }
    return text;
  }
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const integer = spec.kind === 'integer';
  const range = `${integer ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}]`;
  if (
    !Number.isFinite(value) ||
    (integer && !Number.isInteger(value)) ||
    value < spec.min ||
    value > spec.max
  ) {
    throw new UsageError(`--${name} must be ${range}; got ${JSON.stringify(text)}`, command);
  }
  return value;
}

function cleanParseError(message: string): string {
  // Node's messages are multi-line for some cases and mention "To specify a positional argument...".
  const first = message.split('\n')[0]!.trim();
  const unknown = /^Unknown option '(.+?)'/.exec(first);
  if (unknown) return `unknown option ${unknown[1]}`;
  const missing = /^Option '(.+?)' argument missing/.exec(first);
  const ambiguous = /^Option '(.+?)' argument is ambiguous/.exec(first);
  if (ambiguous) {
    const name = ambiguous[1]!.replace(/^-., /, '').replace(/ <value>$/, '');
    return `option ${name} got a value starting with '-'; write it as ${name}=VALUE (e.g. ${name}=-1)`;
  }
  if (missing) return `option ${missing[1]!.replace(/^-., /, '').replace(/ <value>$/, '')} needs a value`;
  return first;
}
