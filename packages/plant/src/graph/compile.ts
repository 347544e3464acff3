/**
 * Validation and compilation of a patch into an evaluation order, with clear errors for
 * unknown modules, options or parameters, missing or out-of-range parameters, wrong port
 * names, unconnected required inputs and cycles; and evaluation of the compiled graph on
 * any {@link SignalOps} engine.
 *
 * @example
 * ```ts
 * const graph = compilePatch(patch);
 * graph.parameters.map((p) => p.name); // ['osc.frequency', 'osc.detune', ...]
 * ```
 * @module
 */
import type { ModuleDefinition, ModuleOptions, OptionValue } from '../modules/module-definition';
import { getModule } from '../modules/registry';
import type { ParameterSpec } from '../params/parameter-spec';
import type { SignalOps } from '../signal/signal-ops';
import { PATCH_FORMAT, type ParameterValue, type Patch, type PatchNode } from './patch';
import { checkKeyAllowed, checkKnownKeys, didYouMean } from './patch-shape';

/** Most control points a curve parameter may have (checked before anything is allocated for it). */
export const MAX_CURVE_POINTS = 4096;

/** One parameter of a compiled patch: where it lives in the flat normalised vector. */
export interface PlantParameter {
  /** `node.param` (the columns of a curve are named `node.param[j]` in `SynthPlant.parameterNames`). */
  readonly name: string;
  /** Node id. */
  readonly node: string;
  /** The module parameter's spec. */
  readonly spec: ParameterSpec;
  /** First column in the normalised vector. */
  readonly offset: number;
  /** Columns used: 1 for a constant, F for a curve of F control points. */
  readonly points: number;
  /** Whether the parameter is a time-varying curve. */
  readonly timeVarying: boolean;
}

/** A compiled node. */
export interface CompiledNode {
  /** Node id. */
  readonly id: string;
  /** Its module. */
  readonly module: ModuleDefinition;
  /** Options with defaults filled in. */
  readonly options: ModuleOptions;
  /** Sources of each connected input port, as `[node, port]`. */
  readonly sources: ReadonlyMap<string, readonly (readonly [string, string])[]>;
  /** Its parameters. */
  readonly parameters: readonly PlantParameter[];
}

/** A validated patch in evaluation order. */
export interface CompiledGraph {
  /** The patch it was compiled from. */
  readonly patch: Patch;
  /** Nodes in a topological order. */
  readonly order: readonly CompiledNode[];
  /** All parameters, in patch node order. */
  readonly parameters: readonly PlantParameter[];
  /** Length of the flat parameter vector. */
  readonly parameterCount: number;
  /** The output `[node, port]`. */
  readonly output: readonly [string, string];
}

const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function splitPort(ref: unknown, what: string): [string, string] {
  if (typeof ref !== 'string' || !/^[^.]+\.[^.]+$/.test(ref)) {
    throw new Error(`${what} must be "node.port", got ${JSON.stringify(ref)}`);
  }
  const [node, port] = ref.split('.') as [string, string];
  return [node, port];
}

function fillOptions(node: PatchNode, module: ModuleDefinition, path: string): ModuleOptions {
  const given = node.options ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new Error(`node "${node.id}": options must be an object (${path}.options)`);
  for (const key of Object.keys(given)) {
    checkKeyAllowed(key, `${path}.options`);
    if (!Object.hasOwn(module.options, key)) {
      const names = Object.keys(module.options);
      throw new Error(
        `node "${node.id}": unknown option "${key}" for module "${module.type}"${didYouMean(key, names)} (options: ${names.join(', ') || 'none'}; ${path}.options.${key})`,
      );
    }
  }
  const options: Record<string, OptionValue> = { ...module.options, ...given };
  for (const [key, value] of Object.entries(options)) {
    if (typeof value !== typeof module.options[key]) {
      throw new Error(
        `node "${node.id}": option "${key}" must be a ${typeof module.options[key]}, got ${JSON.stringify(value)}`,
      );
    }
    const choices = module.choices?.[key];
    if (choices && !choices.includes(value as string)) {
      throw new Error(
        `node "${node.id}": option "${key}" must be one of ${choices.join(', ')}, got "${String(value)}"`,
      );
    }
  }
  try {
    module.validateOptions?.(options);
  } catch (e) {
    throw new Error(`node "${node.id}": ${(e as Error).message}`);
  }
  return Object.freeze(options);
}

/** A short JSON text of `value` for a message (never deep: nested values are elided). */
function shortJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? String(value);
  return Array.isArray(value) ? `an array of ${value.length}` : 'an object';
}

function checkValue(node: string, spec: ParameterSpec, value: ParameterValue, path: string): number {
  const where = `node "${node}": parameter "${spec.name}"`;
  const at = ` (${path})`;
  const values = typeof value === 'number' ? [value] : value;
  if (!Array.isArray(values) && typeof value !== 'number') {
    throw new Error(
      `${where} must be a number or an array of at least 2 numbers (${spec.unit}), got ${shortJson(value)}${at}`,
    );
  }
  if (Array.isArray(value) && value.length < 2)
    throw new Error(`${where}: a curve needs at least 2 control points, got ${value.length}${at}`);
  if (Array.isArray(value) && value.length > MAX_CURVE_POINTS)
    throw new Error(
      `${where}: a curve has at most ${MAX_CURVE_POINTS} control points, got ${value.length}${at}`,
    );
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`${where} must be finite numbers, got ${shortJson(v)}${at}`);
    if (v < spec.min || v > spec.max) {
      throw new Error(`${where} = ${v} ${spec.unit} is out of range [${spec.min}, ${spec.max}]${at}`);
    }
  }
  return values.length;
}

/** Validates `patch` strictly (every parameter given) and compiles it; throws a clear Error otherwise. */
export function compilePatch(patch: Patch): CompiledGraph {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    throw new Error('patch must be an object');
  checkKnownKeys(patch, ['format', 'version', 'nodes', 'connections', 'output'], 'patch');
  if (patch.format !== PATCH_FORMAT)
    throw new Error(`patch.format must be "${PATCH_FORMAT}", got ${JSON.stringify(patch.format)}`);
  if (patch.version !== 1) throw new Error(`patch.version must be 1, got ${JSON.stringify(patch.version)}`);
  if (!Array.isArray(patch.nodes) || patch.nodes.length === 0)
    throw new Error('patch.nodes must be a non-empty array');
  if (!Array.isArray(patch.connections)) throw new Error('patch.connections must be an array');

  const byId = new Map<string, { node: PatchNode; module: ModuleDefinition; options: ModuleOptions }>();
  const nodePaths = new Map<string, string>();
  for (const [i, node] of patch.nodes.entries()) {
    const path = `nodes[${i}]`;
    if (typeof node !== 'object' || node === null || Array.isArray(node))
      throw new Error(`${path} must be an object with id, type, options and params`);
    checkKnownKeys(node, ['id', 'type', 'options', 'params'], path);
    if (typeof node?.id !== 'string' || !ID.test(node.id))
      throw new Error(`node id must match ${ID}, got ${JSON.stringify(node?.id)}`);
    if (byId.has(node.id)) throw new Error(`duplicate node id "${node.id}"`);
    let module: ModuleDefinition;
    try {
      module = getModule(node.type);
    } catch (e) {
      throw new Error(`node "${node.id}": ${(e as Error).message}`);
    }
    nodePaths.set(node.id, path);
    byId.set(node.id, { node, module, options: fillOptions(node, module, path) });
  }

  const sources = new Map<string, Map<string, [string, string][]>>();
  for (const id of byId.keys()) sources.set(id, new Map());
  for (const [i, c] of patch.connections.entries()) {
    if (typeof c !== 'object' || c === null || Array.isArray(c))
      throw new Error(`connections[${i}] must be an object { from, to }`);
    checkKnownKeys(c, ['from', 'to'], `connections[${i}]`);
    const [fromNode, fromPort] = splitPort(c?.from, `connections[${i}].from`);
    const [toNode, toPort] = splitPort(c?.to, `connections[${i}].to`);
    const from = byId.get(fromNode);
    const to = byId.get(toNode);
    if (!from) throw new Error(`connections[${i}]: unknown node "${fromNode}" in "${c.from}"`);
    if (!to) throw new Error(`connections[${i}]: unknown node "${toNode}" in "${c.to}"`);
    if (!from.module.outputs.includes(fromPort)) {
      throw new Error(
        `connections[${i}]: "${fromNode}" (${from.module.type}) has no output "${fromPort}" (outputs: ${from.module.outputs.join(', ')})`,
      );
    }
    if (!to.module.inputs.includes(toPort)) {
      throw new Error(
        `connections[${i}]: "${toNode}" (${to.module.type}) has no input "${toPort}" (inputs: ${to.module.inputs.join(', ') || 'none'})`,
      );
    }
    const ports = sources.get(toNode)!;
    ports.set(toPort, [...(ports.get(toPort) ?? []), [fromNode, fromPort]]);
  }
  const [outNode, outPort] = splitPort(patch.output, 'patch.output');
  const out = byId.get(outNode);
  if (!out) throw new Error(`patch.output: unknown node "${outNode}"`);
  if (!out.module.outputs.includes(outPort))
    throw new Error(`patch.output: "${outNode}" has no output "${outPort}"`);

  const parameters: PlantParameter[] = [];
  const compiled = new Map<string, CompiledNode>();
  for (const [id, { node, module, options }] of byId) {
    const ports = sources.get(id)!;
    for (const required of module.requiredInputs) {
      if (!ports.has(required))
        throw new Error(`node "${id}" (${module.type}): required input "${required}" is not connected`);
    }
    const connected = new Set(ports.keys());
    const specs = module.parameters(options, connected);
    const path = `${nodePaths.get(id)!}.params`;
    const given = node.params ?? {};
    if (typeof given !== 'object' || given === null || Array.isArray(given))
      throw new Error(`node "${id}": params must be an object of parameter values (${path})`);
    for (const key of Object.keys(given)) {
      checkKeyAllowed(key, path);
      if (!specs.some((s) => s.name === key)) {
        const names = specs.map((s) => s.name);
        throw new Error(
          `node "${id}": unknown parameter "${key}" for module "${module.type}" here${didYouMean(key, names)} (parameters: ${names.join(', ') || 'none'}; ${path}.${key})`,
        );
      }
    }
    const own: PlantParameter[] = [];
    for (const spec of specs) {
      const value = Object.hasOwn(given, spec.name) ? given[spec.name] : undefined;
      if (value === undefined)
        throw new Error(
          `node "${id}": missing parameter "${spec.name}" (${spec.unit}, [${spec.min}, ${spec.max}])`,
        );
      const points = checkValue(id, spec, value, `${path}.${spec.name}`);
      const offset =
        parameters.length === 0
          ? 0
          : parameters[parameters.length - 1]!.offset + parameters[parameters.length - 1]!.points;
      const p: PlantParameter = Object.freeze({
        name: `${id}.${spec.name}`,
        node: id,
        spec,
        offset,
        points,
        timeVarying: typeof value !== 'number',
      });
      parameters.push(p);
      own.push(p);
    }
    compiled.set(id, Object.freeze({ id, module, options, sources: ports, parameters: own }));
  }

  const order = topologicalOrder(compiled);
  const last = parameters[parameters.length - 1];
  return Object.freeze({
    patch,
    order,
    parameters,
    parameterCount: last ? last.offset + last.points : 0,
    output: [outNode, outPort] as const,
  });
}

function topologicalOrder(nodes: Map<string, CompiledNode>): CompiledNode[] {
  const state = new Map<string, 'visiting' | 'done'>();
  const order: CompiledNode[] = [];
  const visit = (id: string, path: string[]) => {
    const s = state.get(id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(id)), id];
      throw new Error(`patch has a cycle: ${cycle.join(' → ')}`);
    }
    state.set(id, 'visiting');
    const node = nodes.get(id)!;
    for (const list of node.sources.values()) for (const [from] of list) visit(from, [...path, id]);
    state.set(id, 'done');
    order.push(node);
  };
  for (const id of nodes.keys()) visit(id, []);
  return order;
}

/**
 * Evaluates a compiled graph: `params` maps each {@link PlantParameter} name to its physical
 * signal (`[batch, 1]` or `[batch, samples]`); returns the output signal.
 */
export function evaluateGraph<S>(graph: CompiledGraph, ops: SignalOps<S>, params: ReadonlyMap<string, S>): S {
  const outputs = new Map<string, Record<string, S>>();
  for (const node of graph.order) {
    const inputs: Record<string, S | undefined> = {};
    for (const [port, list] of node.sources) {
      let sum: S | undefined;
      for (const [from, fromPort] of list) {
        const x = outputs.get(from)![fromPort]!;
        sum = sum === undefined ? x : ops.add(sum, x);
      }
      inputs[port] = sum;
    }
    const values: Record<string, S> = {};
    for (const p of node.parameters) values[p.spec.name] = params.get(p.name)!;
    outputs.set(node.id, node.module.render(ops, { inputs, params: values, options: node.options }));
  }
  const [node, port] = graph.output;
  return ops.audio(outputs.get(node)![port]!);
}
