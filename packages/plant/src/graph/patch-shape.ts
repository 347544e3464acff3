/**
 * Checks on the shape of patch JSON before it is read as a patch: how deep it nests, keys that
 * would reach an object's prototype (`__proto__`, `constructor`, `prototype`), and keys that
 * are not part of the format (with the nearest valid name). Every error names the field by
 * its path in the patch (`nodes[0].options`). The walk is iterative, so no nesting overflows
 * the stack.
 *
 * @example
 * ```ts
 * checkPatchShape(JSON.parse(text)); // throws e.g. 'nodes[0]: unknown key "option"; did you mean "options"?'
 * ```
 * @module
 */
import { closest, distance } from 'fastest-levenshtein';

/** Deepest nesting a patch may have (a patch itself nests 5 levels: patch, nodes, node, params, curve). */
export const MAX_PATCH_DEPTH = 16;

/** Keys refused anywhere in a patch: they name or reach an object's prototype. */
export const FORBIDDEN_KEYS: readonly string[] = Object.freeze(['__proto__', 'constructor', 'prototype']);

/** `path.key`, or `path[index]` for an array element. */
export function fieldPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

/**
 * Throws when `value` (parsed JSON) nests deeper than {@link MAX_PATCH_DEPTH} or has a key in
 * {@link FORBIDDEN_KEYS} anywhere, naming the path.
 */
export function checkPatchShape(value: unknown): void {
  const pending: [unknown, string, number][] = [[value, 'patch', 1]];
  while (pending.length > 0) {
    const [item, path, depth] = pending.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > MAX_PATCH_DEPTH)
      throw new Error(
        `${path}: nested more than ${MAX_PATCH_DEPTH} levels deep; a patch nests at most ${MAX_PATCH_DEPTH}`,
      );
    if (Array.isArray(item)) {
      for (const [i, element] of item.entries()) pending.push([element, `${path}[${i}]`, depth + 1]);
      continue;
    }
    for (const key of Object.keys(item)) {
      checkKeyAllowed(key, path);
      pending.push([
        (item as Record<string, unknown>)[key],
        fieldPath(path === 'patch' ? '' : path, key),
        depth + 1,
      ]);
    }
  }
}

/** Throws when `key` is one of {@link FORBIDDEN_KEYS}. */
export function checkKeyAllowed(key: string, path: string): void {
  if (FORBIDDEN_KEYS.includes(key))
    throw new Error(`${path}: key "${key}" is not allowed (it would reach an object's prototype)`);
}

/** The nearest of `names` to `typed` when it is plausibly a typo of it (at most a third of its letters differ). */
export function nearestName(typed: string, names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const best = closest(typed, [...names]);
  return distance(typed, best) <= Math.max(1, Math.floor(Math.max(typed.length, best.length) / 3))
    ? best
    : undefined;
}

/** `; did you mean "x"?` when a name is near `typed`, else the empty string. */
export function didYouMean(typed: string, names: readonly string[]): string {
  const near = nearestName(typed, names);
  return near === undefined ? '' : `; did you mean "${near}"?`;
}

/**
 * Throws when `object` has a key outside `allowed` (naming the nearest allowed key) or a
 * key in {@link FORBIDDEN_KEYS}; `path` names the object in the patch.
 */
export function checkKnownKeys(object: object, allowed: readonly string[], path: string): void {
  for (const key of Object.keys(object)) {
    checkKeyAllowed(key, path);
    if (!allowed.includes(key))
      throw new Error(
        `${path}: unknown key "${key}"${didYouMean(key, allowed)} (keys: ${allowed.join(', ')})`,
      );
  }
}
