/**
 * Loading, saving and building patches: `loadPatch` parses and validates JSON strictly,
 * `savePatch` writes it back (a loaded patch saves to an equal object, so patches round-trip
 * exactly), `createPatch` fills in default options and parameter values for patches built
 * in code, and `series` / `parallel` build chains.
 *
 * @example
 * ```ts
 * const patch = series([node('osc', 'oscillator', { options: { waveform: 'sawtooth' } }), node('vcf', 'ladder')]);
 * const text = savePatch(patch);
 * loadPatch(text); // deep-equals patch
 * ```
 * @module
 */
import type { OptionValue } from '../modules/module-definition';
import { getModule } from '../modules/registry';
import { compilePatch } from './compile';
import { PATCH_FORMAT, type ParameterValue, type Patch, type PatchConnection, type PatchNode } from './patch';
import { checkPatchShape } from './patch-shape';

/** Options and parameter values of a node built in code (missing ones get defaults). */
export interface NodeInit {
  /** Module options. */
  readonly options?: Readonly<Record<string, OptionValue>>;
  /** Physical parameter values. */
  readonly params?: Readonly<Record<string, ParameterValue>>;
}

/** A node built in code. */
export function node(id: string, type: string, init: NodeInit = {}): PatchNode {
  return {
    id,
    type,
    ...(init.options ? { options: init.options } : {}),
    ...(init.params ? { params: init.params } : {}),
  };
}

/** Parts of a patch built in code. */
export interface PatchInit {
  /** Nodes. */
  readonly nodes: readonly PatchNode[];
  /** Connections (default none). */
  readonly connections?: readonly PatchConnection[];
  /** Output port `"node.port"`. */
  readonly output: string;
}

/**
 * A complete, validated patch from `init`: every node gets its module's default options and
 * default parameter values where none are given.
 */
export function createPatch(init: PatchInit): Patch {
  const connections = [...(init.connections ?? [])];
  const connectedPorts = new Map<string, Set<string>>();
  for (const c of connections) {
    const [id, port] = String(c.to).split('.');
    if (id !== undefined && port !== undefined)
      connectedPorts.set(id, (connectedPorts.get(id) ?? new Set()).add(port));
  }
  const nodes = init.nodes.map((n) => {
    const module = getModule(n.type);
    const options = { ...module.options, ...(n.options ?? {}) };
    const params: Record<string, ParameterValue> = {};
    for (const spec of module.parameters(options, connectedPorts.get(n.id) ?? new Set())) {
      params[spec.name] = n.params?.[spec.name] ?? spec.default;
    }
    for (const [k, v] of Object.entries(n.params ?? {})) if (!(k in params)) params[k] = v; // let validation name it
    return { id: n.id, type: n.type, options, params };
  });
  const patch: Patch = { format: PATCH_FORMAT, version: 1, nodes, connections, output: init.output };
  compilePatch(patch);
  return patch;
}

/**
 * Nodes in series: each node's `out` feeds the next node's `in`; the output is the last
 * node's `out`. Extra connections (modulation routing) may be added.
 */
export function series(nodes: readonly PatchNode[], extra: readonly PatchConnection[] = []): Patch {
  if (nodes.length === 0) throw new Error('series: needs at least one node');
  const connections: PatchConnection[] = [];
  for (let i = 1; i < nodes.length; i++)
    connections.push({ from: `${nodes[i - 1]!.id}.out`, to: `${nodes[i]!.id}.in` });
  return createPatch({
    nodes,
    connections: [...connections, ...extra],
    output: `${nodes[nodes.length - 1]!.id}.out`,
  });
}

/**
 * Branches in parallel, mixed: each branch is a series of nodes; the last node of branch i
 * feeds input `in{i}` of a mixer node `mixerId`, which is the output.
 */
export function parallel(
  branches: readonly (readonly PatchNode[])[],
  mixerId = 'mix',
  extra: readonly PatchConnection[] = [],
): Patch {
  if (branches.length === 0) throw new Error('parallel: needs at least one branch');
  const nodes: PatchNode[] = [];
  const connections: PatchConnection[] = [];
  branches.forEach((branch, b) => {
    if (branch.length === 0) throw new Error(`parallel: branch ${b} is empty`);
    nodes.push(...branch);
    for (let i = 1; i < branch.length; i++)
      connections.push({ from: `${branch[i - 1]!.id}.out`, to: `${branch[i]!.id}.in` });
    connections.push({ from: `${branch[branch.length - 1]!.id}.out`, to: `${mixerId}.in${b + 1}` });
  });
  nodes.push(node(mixerId, 'mixer', { options: { inputs: branches.length } }));
  return createPatch({ nodes, connections: [...connections, ...extra], output: `${mixerId}.out` });
}

/**
 * Parses and strictly validates a JSON patch: every parameter present and in range, no
 * unknown keys (the error names the nearest valid one), no `__proto__`/`constructor`/
 * `prototype` keys, at most `MAX_PATCH_DEPTH` levels of nesting and `MAX_CURVE_POINTS`
 * points per curve. Errors name the field's path (`nodes[0].options`).
 */
export function loadPatch(json: string): Patch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (e) {
    throw new Error(`patch is not valid JSON: ${(e as Error).message}`);
  }
  checkPatchShape(parsed);
  compilePatch(parsed as Patch);
  return parsed as Patch;
}

/** The patch as JSON (2-space indented); validates it first. */
export function savePatch(patch: Patch): string {
  compilePatch(patch);
  return JSON.stringify(patch, null, 2);
}
