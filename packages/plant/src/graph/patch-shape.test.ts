import { describe, expect, it } from 'vitest';
import { presetPatch } from '../presets/presets';
import { compilePatch, MAX_CURVE_POINTS } from './compile';
import { loadPatch, savePatch } from './patch-io';
import { checkPatchShape, MAX_PATCH_DEPTH, nearestName } from './patch-shape';

type Json = Record<string, unknown> & {
  nodes: Record<string, unknown>[];
  connections: Record<string, unknown>[];
};

/** The subtractive preset as JSON after `mutate` edits its parsed form. */
function edited(mutate: (p: Json) => void): string {
  const p = JSON.parse(savePatch(presetPatch('subtractive'))) as Json;
  mutate(p);
  return JSON.stringify(p);
}

describe('patch keys', () => {
  it('rejects unknown keys at every level, naming the path and the nearest valid name', () => {
    const cases: [string, string][] = [
      [
        edited((p) => (p['node'] = [])),
        'patch: unknown key "node"; did you mean "nodes"? (keys: format, version, nodes, connections, output)',
      ],
      [
        edited((p) => {
          p.nodes[0]!['option'] = p.nodes[0]!['options'];
          delete p.nodes[0]!['options'];
        }),
        'nodes[0]: unknown key "option"; did you mean "options"? (keys: id, type, options, params)',
      ],
      [edited((p) => (p.nodes[2]!['param'] = {})), 'nodes[2]: unknown key "param"; did you mean "params"?'],
      [
        edited((p) => (p.connections[1]!['too'] = 'x')),
        'connections[1]: unknown key "too"; did you mean "to"?',
      ],
      [
        edited((p) => (p.nodes[0]!['colour'] = 'red')),
        'nodes[0]: unknown key "colour" (keys: id, type, options, params)',
      ],
      [
        edited((p) => ((p.nodes[0]!['options'] as Record<string, unknown>)['wavefrom'] = 'sine')),
        'unknown option "wavefrom" for module "oscillator"; did you mean "waveform"? (options: waveform, partials; nodes[0].options.wavefrom)',
      ],
      [
        edited((p) => ((p.nodes[2]!['params'] as Record<string, unknown>)['cutof'] = 1000)),
        'unknown parameter "cutof" for module "ladder" here; did you mean "cutoff"?',
      ],
      [
        edited((p) => (p.nodes[0]!['type'] = 'oscilator')),
        'unknown module type "oscilator"; known: oscillator',
      ],
    ];
    for (const [json, message] of cases) expect(() => loadPatch(json)).toThrow(message);
    expect(() => loadPatch(cases[7]![0])).toThrow(/did you mean "oscillator"\?$/);
  });

  it('suggests a name only when it is a plausible typo', () => {
    expect(nearestName('option', ['id', 'type', 'options', 'params'])).toBe('options');
    expect(nearestName('xyz', ['id', 'type', 'options', 'params'])).toBeUndefined();
    expect(nearestName('anything', [])).toBeUndefined();
  });

  it('rejects __proto__, constructor and prototype keys anywhere, as JSON or built in code', () => {
    // written as text: assigning "__proto__" to an object would set its prototype instead
    const withKey = (key: string, place: (p: Json) => Record<string, unknown>) =>
      edited((p) => (place(p)['@@'] = { x: 1 })).replace('"@@"', JSON.stringify(key));
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const places: [string, string][] = [
        [withKey(key, (p) => p), `patch: key "${key}" is not allowed`],
        [withKey(key, (p) => p.nodes[2]!), `nodes[2]: key "${key}" is not allowed`],
        [
          withKey(key, (p) => p.nodes[2]!['options'] as Json),
          `nodes[2].options: key "${key}" is not allowed`,
        ],
        [
          withKey(key, (p) => p.nodes[0]!['options'] as Json),
          `nodes[0].options: key "${key}" is not allowed`,
        ],
        [withKey(key, (p) => p.nodes[2]!['params'] as Json), `nodes[2].params: key "${key}" is not allowed`],
        [withKey(key, (p) => p.connections[0]!), `connections[0]: key "${key}" is not allowed`],
      ];
      for (const [json, message] of places) {
        expect(json).toContain(`"${key}"`); // the key really is in the text
        expect(() => loadPatch(json), `${key} ${message}`).toThrow(message);
      }
    }
    // a patch object built in code with an own "constructor" option (inherited on every object)
    const patch = JSON.parse(savePatch(presetPatch('subtractive')));
    patch.nodes[2].options = { constructor: 1 };
    expect(() => compilePatch(patch)).toThrow('nodes[2].options: key "constructor" is not allowed');
    expect(() => savePatch(patch)).toThrow(/not allowed/); // never written back
  });

  it('refuses 100 000 levels of nesting with a clear error, not a stack overflow', () => {
    const depth = 100_000;
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const json = edited((p) => ((p.nodes[2]!['params'] as Record<string, unknown>)['cutoff'] = '@'));
    const text = json.replace('"@"', deep);
    expect(() => loadPatch(text)).toThrow(
      `nested more than ${MAX_PATCH_DEPTH} levels deep; a patch nests at most ${MAX_PATCH_DEPTH}`,
    );
    expect(() => loadPatch(text)).toThrow(/^nodes\[2\]\.params\.cutoff(\[0\])+: /);
    expect(() => checkPatchShape(JSON.parse(deep))).toThrow(/^patch(\[0\])+: nested more than/);
    expect(() => checkPatchShape({ a: { b: 1 } })).not.toThrow();
  });
});

describe('curve length', () => {
  it('accepts the documented maximum and refuses one more, naming the field', () => {
    const curve = (n: number) =>
      edited((p) => {
        (p.nodes[2]!['params'] as Record<string, unknown>)['cutoff'] = Array.from({ length: n }, () => 1000);
      });
    expect(compilePatch(loadPatch(curve(MAX_CURVE_POINTS))).parameterCount).toBeGreaterThan(MAX_CURVE_POINTS);
    expect(() => loadPatch(curve(MAX_CURVE_POINTS + 1))).toThrow(
      `node "vcf": parameter "cutoff": a curve has at most ${MAX_CURVE_POINTS} control points, got ${MAX_CURVE_POINTS + 1} (nodes[2].params.cutoff)`,
    );
  });

  it('checks the length before reading a single point (30 M points, never allocated)', () => {
    const patch = JSON.parse(savePatch(presetPatch('subtractive')));
    patch.nodes[2].params.cutoff = new Array(30_000_000); // holes: no memory behind them
    const started = performance.now();
    expect(() => compilePatch(patch)).toThrow(
      `a curve has at most ${MAX_CURVE_POINTS} control points, got 30000000`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
