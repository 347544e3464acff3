import type { Feedback } from './types';

/** Throws a RangeError naming `who`'s option, what it must be and what it got. */
export function failOption(who: string, name: string, expected: string, got: unknown): never {
  throw new RangeError(
    `${who}: option "${name}" must be ${expected}, got ${JSON.stringify(got) ?? String(got)}`,
  );
}

/** True for a finite number. */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Checks `value` is a finite number in [lo, hi] (bounds optional), naming the option otherwise. */
export function checkNumber(
  who: string,
  name: string,
  value: unknown,
  lo = -Infinity,
  hi = Infinity,
): number {
  if (!isFiniteNumber(value) || value < lo || value > hi) {
    const range = lo === -Infinity && hi === Infinity ? '' : ` in [${lo}, ${hi}]`;
    failOption(who, name, `a finite number${range}`, value);
  }
  return value as number;
}

/** Checks `value` is an integer ≥ `lo`, naming the option otherwise. */
export function checkInteger(who: string, name: string, value: unknown, lo: number): number {
  if (!Number.isInteger(value) || (value as number) < lo) failOption(who, name, `an integer ≥ ${lo}`, value);
  return value as number;
}

/** The feedback as an object (a bare number is the loss), with the loss checked to be a number. */
export function readFeedback(who: string, feedback: Feedback | number): Feedback {
  const fed: Feedback = typeof feedback === 'number' ? { loss: feedback } : feedback;
  if (fed === null || typeof fed !== 'object' || typeof fed.loss !== 'number') {
    throw new TypeError(
      `${who}.update: feedback must be a number or { loss: number }, got ${JSON.stringify(feedback)}`,
    );
  }
  if (fed.reward !== undefined && typeof fed.reward !== 'number') {
    throw new TypeError(`${who}.update: reward must be a number or undefined, got ${typeof fed.reward}`);
  }
  return fed;
}

/** Parses a state given as JSON text and checks its `format` tag; returns it as a record. */
export function readState(who: string, state: unknown, format: string): Record<string, unknown> {
  let s = state;
  if (typeof s === 'string') {
    try {
      s = JSON.parse(s);
    } catch (error) {
      throw new SyntaxError(`${who}.restore: state is not valid JSON (${(error as Error).message})`);
    }
  }
  if (s === null || typeof s !== 'object' || Array.isArray(s))
    throw new TypeError(`${who}.restore: state must be an object from toJSON()`);
  const record = s as Record<string, unknown>;
  if (record.format !== format)
    throw new TypeError(
      `${who}.restore: state.format must be "${format}", got ${JSON.stringify(record.format)}`,
    );
  return record;
}

/** Reads a field of a restored state that must satisfy `ok`, naming it otherwise. */
export function stateField<T>(
  who: string,
  s: Record<string, unknown>,
  name: string,
  ok: (x: unknown) => x is T,
  expected: string,
): T {
  const x = s[name];
  if (!ok(x))
    throw new TypeError(
      `${who}.restore: state.${name} must be ${expected}, got ${JSON.stringify(x) ?? String(x)}`,
    );
  return x;
}

/** A non-negative integer. */
export function isCount(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) >= 0;
}
