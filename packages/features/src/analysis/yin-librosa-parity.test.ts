// Peer check: our framewise YIN against librosa.yin (test-data/yin_librosa_reference.py
// made the fixture, with the same frames: 801 samples every 80 at 16 kHz, 40–2000 Hz,
// threshold 0.1). librosa's difference function runs over its whole frame, so its f0 belongs
// to the frame's middle; ours to the middle of the samples compared at the chosen lag: we
// compare at our frame times, interpolating librosa's track (in cents) between its frames.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { centsBetween } from './pitch-units';
import { readWav } from './read-wav';
import { yinPitch } from './yin-pitch';

interface LibrosaFixture {
  librosa_version: string;
  sample_rate: number;
  frame_length: number;
  hop_length: number;
  notes: Record<string, number[]>;
  glide: { signal: number[]; f0_hz: number[] };
}

const testData = (name: string) => new URL(`../../test-data/${name}`, import.meta.url);
const fixture = JSON.parse(readFileSync(testData('yin-librosa.json'), 'utf8')) as LibrosaFixture;

/**
 * |cents| between our voiced frames and librosa's track at their times, interpolated (in
 * cents) between its two nearest frames, or from the nearest one (where librosa jumps
 * octaves between frames, interpolating would invent pitches between them).
 */
function disagreement(audio: Float32Array, librosa: number[], interpolate = true): number[] {
  const { sample_rate: sampleRate, frame_length: frameLength, hop_length: hop } = fixture;
  const track = yinPitch(audio, sampleRate);
  expect(track.f0Hz.length).toBe(librosa.length); // same framing
  const out: number[] = [];
  track.f0Hz.forEach((hz, k) => {
    if (!track.voiced[k]) return;
    const position = (track.timesSeconds[k]! * sampleRate - (frameLength - 1) / 2) / hop;
    const i = Math.max(0, Math.min(librosa.length - 2, Math.floor(position)));
    let fraction = Math.max(0, Math.min(1, position - i));
    if (!interpolate) fraction = Math.round(fraction);
    const log2 = (1 - fraction) * Math.log2(librosa[i]!) + fraction * Math.log2(librosa[i + 1]!);
    out.push(Math.abs(centsBetween(2 ** log2, hz)));
  });
  return out;
}

const fractionWithin = (values: number[], cents: number) =>
  values.filter((v) => v <= cents).length / values.length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

describe(`yinPitch against librosa ${fixture.librosa_version} yin`, () => {
  it('agrees on the real notes (organ apart: see the next test)', () => {
    const all: number[] = [];
    for (const [name, librosa] of Object.entries(fixture.notes)) {
      if (name.startsWith('organ')) continue;
      all.push(...disagreement(readWav(readFileSync(testData(`notes/${name}`))).samples, librosa));
    }
    console.info(
      `librosa parity, 44 notes, ${all.length} voiced frames: median ${median(all).toFixed(2)} cents, ` +
        `${(100 * fractionWithin(all, 10)).toFixed(2)} % within 10 cents, ${(100 * fractionWithin(all, 50)).toFixed(2)} % within 50`,
    );
    expect(all.length).toBeGreaterThan(8000);
    expect(median(all)).toBeLessThan(2);
    expect(fractionWithin(all, 10)).toBeGreaterThan(0.97);
    expect(fractionWithin(all, 50)).toBeGreaterThan(0.99);
  });

  it('differs on the organ notes only by whole octaves (their 16′ rank is nearly as loud as the 8′)', () => {
    for (const [name, librosa] of Object.entries(fixture.notes)) {
      if (!name.startsWith('organ')) continue;
      const cents = disagreement(readWav(readFileSync(testData(`notes/${name}`))).samples, librosa, false);
      const offOctave = cents.map((c) => Math.abs(c - 1200 * Math.round(c / 1200)));
      console.info(
        `${name}: ${cents.filter((c) => c > 50).length} of ${cents.length} voiced frames an octave from librosa's`,
      );
      expect(Math.max(...offOctave), name).toBeLessThan(50);
    }
  });

  it('tracks a sawtooth gliding 110 → 880 Hz in 1 s: exactly at its frame times, close to librosa', () => {
    const audio = Float32Array.from(fixture.glide.signal);
    // independent reference: the glide's instantaneous f0 is 110·2^(3t) Hz at t seconds
    const track = yinPitch(audio, fixture.sample_rate);
    const analytic: number[] = [];
    track.f0Hz.forEach((hz, k) => {
      if (track.voiced[k]) analytic.push(Math.abs(centsBetween(110 * 2 ** (3 * track.timesSeconds[k]!), hz)));
    });
    const peer = disagreement(audio, fixture.glide.f0_hz);
    console.info(
      `glide: median ${median(analytic).toFixed(2)} cents from the analytic f0 (worst ${Math.max(...analytic).toFixed(1)}), ` +
        `median ${median(peer).toFixed(2)} cents from librosa`,
    );
    expect(analytic.length).toBeGreaterThan(180);
    expect(median(analytic)).toBeLessThan(2);
    expect(Math.max(...analytic)).toBeLessThan(20); // 3 octaves a second: 180 cents within one frame
    // librosa's own track sits ~4.5 cents off the analytic glide (its frame-centre timing)
    expect(median(peer)).toBeLessThan(10);
    expect(fractionWithin(peer, 25)).toBeGreaterThan(0.95);
  });
});
