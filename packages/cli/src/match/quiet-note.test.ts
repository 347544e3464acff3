import { fileURLToPath } from 'node:url';
import { loudnessEnvelope } from '@ae-ddsp/features';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAudio } from '../audio/read-audio';
import { useCpuBackend } from '../cli/tensorflow';
import { createPlant, presetSource } from '../synth/synth-source';
import { renderParameters, runMatch } from './run-match';

/** A real note (General MIDI flute, 1 s at 16 kHz) from the features package's test data. */
const NOTE = fileURLToPath(new URL('../../../features/test-data/notes/flute_70.wav', import.meta.url));

/**
 * The default match of a quiet real note ends at the target's level: before the loudness term,
 * `matchLoss` barely depended on level and matches ended 7–26 dB too loud, often clipping.
 */
describe('match of a quiet real note', () => {
  beforeAll(async () => {
    await useCpuBackend();
  });

  it('ends within 2 dB of the target loudness and under full scale', async () => {
    const clip = await readAudio(NOTE, { sampleRateHz: 16000 });
    const gain = 10 ** (-20 / 20); // 20 dB quieter than the file
    const target = clip.samples.map((x) => x * gain);
    const plant = createPlant(presetSource('subtractive'), 16000);
    const result = await runMatch({
      target,
      sampleRateHz: 16000,
      plant,
      method: 'ae-ddsp',
      steps: 60,
      seed: 1,
    });
    const targetDb = loudnessEnvelope(target, 16000).overallRmsDb;
    const matchedDb = loudnessEnvelope(result.matched, 16000).overallRmsDb;
    const start = loudnessEnvelope(
      renderParameters(plant, result.initialNormalised, target.length),
      16000,
    ).overallRmsDb;
    expect(Math.abs(start - targetDb)).toBeGreaterThan(10); // the preset starts far too loud
    expect(Math.abs(matchedDb - targetDb)).toBeLessThan(2);
    let peak = 0;
    for (const x of result.matched) peak = Math.max(peak, Math.abs(x));
    expect(peak).toBeLessThan(1);
  }, 600_000);
});
