import { describe, expect, it } from 'vitest';
import { getModule, moduleTypes } from '../modules/registry';
import { PRESET_NAMES, presetPatch } from '../presets/presets';
import { compilePatch } from './compile';
import type { Patch } from './patch';
import { createPatch, loadPatch, node, parallel, savePatch, series } from './patch-io';

const base = (): Patch => presetPatch('subtractive');

function edit(
  mutate: (p: {
    nodes: Record<string, unknown>[];
    connections: Record<string, unknown>[];
    output: string;
  }) => void,
): string {
  const p = JSON.parse(savePatch(base()));
  mutate(p);
  return JSON.stringify(p);
}

describe('JSON patches', () => {
  it('every preset round-trips through JSON exactly', () => {
    for (const name of PRESET_NAMES) {
      const patch = presetPatch(name);
      const text = savePatch(patch);
      const loaded = loadPatch(text);
      expect(loaded).toEqual(patch);
      expect(savePatch(loaded)).toBe(text);
    }
  });

  it('curves (time-varying parameters) and odd values round-trip exactly too', () => {
    const patch = series([
      node('osc', 'oscillator', { params: { frequency: [110.125, 220.0000001, 0.1 + 0.2 + 100] } }),
      node('vcf', 'ladder', { params: { cutoff: [20, 8000], resonance: 1 / 3 } }),
    ]);
    expect(loadPatch(savePatch(patch))).toEqual(patch);
    expect(compilePatch(patch).parameters.map((p) => [p.name, p.points, p.timeVarying])).toContainEqual([
      'osc.frequency',
      3,
      true,
    ]);
  });

  it('gives clear errors for bad patches', () => {
    const cases: [string, RegExp][] = [
      ['{ nope', /not valid JSON/],
      [
        edit((p) => (p.nodes[0]!['type'] = 'theremin')),
        /node "osc": unknown module type "theremin"; known: oscillator/,
      ],
      [
        edit((p) => delete (p.nodes[2]!['params'] as Record<string, unknown>)['resonance']),
        /node "vcf": missing parameter "resonance"/,
      ],
      [
        edit((p) => ((p.nodes[2]!['params'] as Record<string, unknown>)['cutoff'] = 9e9)),
        /"cutoff" = 9000000000 Hz is out of range \[20, 8000\]/,
      ],
      [
        edit((p) => ((p.nodes[2]!['params'] as Record<string, unknown>)['cutoff'] = [100])),
        /at least 2 control points/,
      ],
      [
        edit((p) => ((p.nodes[2]!['params'] as Record<string, unknown>)['cutoff'] = 'high')),
        /must be a number or an array/,
      ],
      [
        edit((p) => ((p.nodes[2]!['params'] as Record<string, unknown>)['q'] = 1)),
        /unknown parameter "q" for module "ladder"/,
      ],
      [
        edit((p) => (p.connections[0]!['to'] = 'vcf.input')),
        /"vcf" \(ladder\) has no input "input" \(inputs: in, cutoff\)/,
      ],
      [
        edit((p) => (p.connections[0]!['from'] = 'osc.output')),
        /"osc" \(oscillator\) has no output "output"/,
      ],
      [edit((p) => (p.connections[0]!['from'] = 'ghost.out')), /unknown node "ghost"/],
      [edit((p) => (p.connections[0]!['to'] = 'vcf')), /must be "node.port"/],
      [edit((p) => p.connections.push({ from: 'vca.out', to: 'vcf.cutoff' })), /patch has a cycle/],
      [
        edit((p) => (p.connections = p.connections.filter((c) => c['to'] !== 'vcf.in'))),
        /required input "in" is not connected/,
      ],
      [
        edit((p) => (p.nodes[0]!['options'] = { waveform: 'noise' })),
        /option "waveform" must be one of sine, sawtooth, square, triangle/,
      ],
      [edit((p) => (p.nodes[0]!['options'] = { color: 'red' })), /unknown option "color"/],
      [edit((p) => (p.nodes[1]!['id'] = 'osc')), /duplicate node id "osc"/],
      [edit((p) => (p.output = 'vca.gain')), /"vca" has no output "gain"/],
      [edit((p) => (p.nodes = [])), /non-empty array/],
    ];
    for (const [json, pattern] of cases) expect(() => loadPatch(json), json.slice(0, 60)).toThrow(pattern);
  });

  it('names the nodes of a cycle', () => {
    const json = edit((p) => p.connections.push({ from: 'vca.out', to: 'vcf.cutoff' }));
    expect(() => loadPatch(json)).toThrow(/patch has a cycle: (vcf → vca → vcf|vca → vcf → vca)/);
  });
});

describe('composition in code', () => {
  it('series wires out → in and fills defaults; parallel mixes branches', () => {
    const chain = series([
      node('osc', 'oscillator', { options: { waveform: 'sawtooth' } }),
      node('vcf', 'ladder'),
      node('amp', 'vca'),
    ]);
    expect(chain.connections).toEqual([
      { from: 'osc.out', to: 'vcf.in' },
      { from: 'vcf.out', to: 'amp.in' },
    ]);
    expect(chain.output).toBe('amp.out');
    expect(chain.nodes[1]!.params).toEqual({ cutoff: 1000, resonance: 0.2 });
    const mix = parallel([[node('a', 'oscillator')], [node('n', 'noise'), node('f', 'biquad')]], 'sum');
    expect(mix.output).toBe('sum.out');
    expect(mix.connections).toContainEqual({ from: 'f.out', to: 'sum.in2' });
    expect(mix.nodes.find((n) => n.id === 'sum')!.params).toEqual({ gain1: 1, gain2: 1 });
  });

  it('a DAG with modulation routing: connected ports add their amount parameters', () => {
    const patch = createPatch({
      nodes: [node('lfo', 'lfo'), node('osc', 'oscillator'), node('vcf', 'ladder')],
      connections: [
        { from: 'osc.out', to: 'vcf.in' },
        { from: 'lfo.out', to: 'vcf.cutoff' },
        { from: 'lfo.out', to: 'osc.pitch' },
      ],
      output: 'vcf.out',
    });
    const names = compilePatch(patch).parameters.map((p) => p.name);
    expect(names).toContain('vcf.cutoffModulation');
    expect(names).toContain('osc.pitchModulation');
    expect(names).not.toContain('osc.fmDepth');
  });

  it('every module lists introspectable, valid parameter specs', () => {
    for (const type of moduleTypes()) {
      const m = getModule(type);
      const specs = m.parameters(m.options, new Set(m.inputs));
      for (const s of specs) {
        expect(s.min).toBeLessThan(s.max);
        expect(s.default).toBeGreaterThanOrEqual(s.min);
        expect(s.default).toBeLessThanOrEqual(s.max);
        expect(typeof s.unit).toBe('string');
        expect(Object.isFrozen(s)).toBe(true);
      }
    }
  });
});
