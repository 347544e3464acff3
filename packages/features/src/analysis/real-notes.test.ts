// The 48 real instrument notes of test-data/notes (a General MIDI soundfont rendered at
// 16 kHz; labels.json gives each note's MIDI number and f0): the note-level pitch must land
// within 50 cents of the label. Target set before measuring: 46/48. Reached: 45/48: the
// three misses are organ notes whose sound has a sub-octave (16′) rank 2–9 dB under its
// strongest partials, so the waveform's period really is twice the key's (librosa's yin and
// pyin agree, 104 Hz for organ_56); they are asserted to be exactly that octave.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estimatePitch } from './estimate-pitch';
import { centsBetween } from './pitch-units';
import { readWav } from './read-wav';

interface Labels {
  sample_rate: number;
  notes: Record<string, { instrument: string; midi: number; f0_hz: number }>;
}
const testData = (name: string) => new URL(`../../test-data/${name}`, import.meta.url);
const labels = JSON.parse(readFileSync(testData('notes/labels.json'), 'utf8')) as Labels;

describe('estimatePitch on 48 real instrument notes', () => {
  const results = Object.entries(labels.notes).map(([name, label]) => {
    const { samples, sampleRate } = readWav(readFileSync(testData(`notes/${name}`)));
    const pitch = estimatePitch(samples, sampleRate);
    return { name, label, pitch, cents: centsBetween(label.f0_hz, pitch.f0Hz) };
  });

  it('gets f0 within 50 cents of the label on at least 45 of the 48 notes', () => {
    const hits = results.filter((r) => Math.abs(r.cents) <= 50);
    const misses = results.filter((r) => !(Math.abs(r.cents) <= 50));
    console.info(
      `real notes: ${hits.length}/${results.length} within 50 cents of the label; misses: ${
        misses
          .map((m) => `${m.name} ${m.pitch.f0Hz.toFixed(1)} Hz (${m.cents.toFixed(0)} cents)`)
          .join(', ') || 'none'
      }`,
    );
    expect(results.length).toBe(48);
    expect(hits.length).toBeGreaterThanOrEqual(45);
    for (const miss of misses) {
      expect(miss.label.instrument).toBe('organ');
      expect(Math.abs(miss.cents + 1200), miss.name).toBeLessThan(50);
    }
  });

  it('is confident and voiced through most of every note', () => {
    for (const { name, pitch } of results) {
      expect(pitch.voiced, name).toBe(true);
      expect(pitch.confidence, name).toBeGreaterThan(0.9);
      expect(pitch.voicedFraction, name).toBeGreaterThan(0.8);
    }
  });

  it('names the right MIDI note for every hit', () => {
    for (const { name, label, pitch, cents } of results) {
      if (Math.abs(cents) <= 50) expect(pitch.nearestMidi, name).toBe(label.midi);
    }
  });
});
