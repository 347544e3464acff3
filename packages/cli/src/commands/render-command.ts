/**
 * `ae-ddsp render <patch.json|preset> -o out.wav`: renders a patch to a WAV file (16-bit
 * PCM, or 32-bit float with `--float`), rendered and written block by block (bounded memory at
 * any duration), atomically.
 * @module
 */

import { encodeWavSamples, wavHeader } from '../audio/encode-wav';
import type { Command } from '../cli/command';
import { userPath } from '../cli/paths';
import { useCpuBackend } from '../cli/tensorflow';
import { UsageError } from '../cli/usage-error';
import { isStandardOutput, writeOutput } from '../cli/write-output';
import { createPlant, synthSource } from '../synth/synth-source';

/** Sample peak of `samples` in dBFS (−Infinity when silent). */
export function peakDbfs(samples: ArrayLike<number>): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]!));
  return 20 * Math.log10(peak);
}

/** The `render` command. */
export const renderCommand: Command = {
  name: 'render',
  summary: 'render a patch (or preset) to a WAV file',
  description: [
    'Renders a JSON patch (as written by `ae-ddsp match` into patch.json) or a built-in',
    'preset to a mono WAV file: 16-bit PCM by default (clipped to full scale), 32-bit float',
    'with --float. It is rendered and written in blocks, so memory stays bounded at any',
    'duration. The file is written atomically: a failed render never leaves a partial',
    'file or replaces an existing one. A symbolic link is followed (its target is replaced);',
    'a FIFO or device (/dev/null) is written through; - writes the WAV to stdout.',
  ].join('\n'),
  positionals: [{ name: '<patch.json|preset>', description: 'a patch file or a preset name' }],
  flags: {
    output: {
      kind: 'string',
      short: 'o',
      placeholder: 'OUT.wav',
      description: 'output WAV file (required; - for stdout)',
    },
    duration: {
      kind: 'number',
      min: 0.01,
      max: 600,
      default: 1,
      placeholder: 'SECONDS',
      description: 'length, seconds',
    },
    'sample-rate': {
      kind: 'integer',
      min: 8000,
      max: 96000,
      default: 16000,
      placeholder: 'HZ',
      description: 'sample rate, Hz',
    },
    float: { kind: 'boolean', description: 'write 32-bit float samples instead of 16-bit PCM' },
    quiet: { kind: 'boolean', short: 'q', description: 'print nothing on success' },
  },
  examples: [
    ['render out/patch.json -o matched.wav', 'render a matched patch, 1 s at 16 kHz'],
    [
      'render subtractive --duration 2 --sample-rate 44100 --float -o saw.wav',
      'a preset, 2 s at 44.1 kHz, float',
    ],
  ],
  async run({ positionals, values, io }) {
    const output = values['output'] as string | undefined;
    if (!output) throw new UsageError('missing -o/--output OUT.wav', 'render');
    const typed = positionals[0]!;
    await useCpuBackend();
    const source = await synthSource(typed, userPath(io, typed));
    const sampleRateHz = values['sample-rate'] as number;
    const seconds = values['duration'] as number;
    const plant = createPlant(source, sampleRateHz);
    const samples = Math.max(1, Math.round(seconds * sampleRateHz));
    const encoding = values['float'] ? 'float32' : 'pcm16';
    let peak = 0;
    // rendered, checked and encoded block by block as the file is written: memory stays
    // bounded by the block, whatever the duration
    async function* wavChunks(): AsyncGenerator<Uint8Array> {
      yield wavHeader(samples, sampleRateHz, { encoding });
      let first = 0;
      // float32 parameters, as every tfjs render (match's matched.wav) has them
      const normalised = Float32Array.from(plant.initialNormalised());
      for (const block of plant.renderBlocks(normalised, samples)) {
        const bad = block.findIndex((x) => !Number.isFinite(x));
        if (bad >= 0)
          throw new Error(
            `${typed}: the synth produced a non-finite sample (${block[bad]}) at sample ${first + bad}`,
          );
        for (const x of block) peak = Math.max(peak, Math.abs(x));
        yield encodeWavSamples(block, { encoding }, first);
        first += block.length;
      }
    }
    await writeOutput(io, output, wavChunks());
    if (!values['quiet'] && !isStandardOutput(output)) {
      const dbfs = 20 * Math.log10(peak);
      io.stdout.write(
        `wrote ${output} (${seconds} s, ${sampleRateHz} Hz, ${encoding === 'pcm16' ? '16-bit' : '32-bit float'}, peak ${Number.isFinite(dbfs) ? `${dbfs.toFixed(1)} dBFS` : 'silent'}${dbfs > 0 && encoding === 'pcm16' ? ', clipped' : ''})\n`,
      );
    }
    return 0;
  },
};
