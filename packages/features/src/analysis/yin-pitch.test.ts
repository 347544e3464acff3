import { describe, expect, it } from 'vitest';
import { seededNoise } from '../test-support/reference';
import { estimatePitch } from './estimate-pitch';
import { centsBetween, hzToMidi, midiToHz } from './pitch-units';
import { harmonicTone, WAVEFORMS } from './test-signals';
import { DEFAULT_YIN_OPTIONS, yinPitch } from './yin-pitch';

const RATES = [16000, 22050, 44100, 48000];
const F0S = [50, 82.41, 110, 196, 261.63, 440, 659.26, 1000, 1396.9, 1975.5];

describe('yinPitch on analytic signals', () => {
  for (const [shape, amplitude] of Object.entries(WAVEFORMS)) {
    it(`finds f0 within 5 cents on every voiced frame of a ${shape}, 50 Hz – 2 kHz, at 16–48 kHz, with no octave errors`, () => {
      let worstCents = 0;
      for (const sampleRate of RATES) {
        for (const f0 of F0S) {
          const track = yinPitch(harmonicTone(f0, sampleRate, 0.3, amplitude), sampleRate);
          let voiced = 0;
          track.f0Hz.forEach((hz, k) => {
            if (!track.voiced[k]) return;
            voiced++;
            const cents = Math.abs(centsBetween(f0, hz));
            worstCents = Math.max(worstCents, cents); // NaN propagates
          });
          // a steady periodic tone is voiced in every frame
          expect(voiced, `${shape} ${f0} Hz @ ${sampleRate}`).toBe(track.f0Hz.length);
        }
      }
      console.info(
        `${shape}: worst voiced frame ${worstCents.toFixed(2)} cents off over ${RATES.length * F0S.length} tones`,
      );
      expect(worstCents).toBeLessThan(5);
    });
  }

  it('reports confidence 1 − d′ near 1 for a periodic tone and low for white noise', () => {
    const tone = yinPitch(harmonicTone(220, 16000, 0.3, WAVEFORMS.sawtooth), 16000);
    expect(Math.min(...tone.confidence)).toBeGreaterThan(0.99);
    const noise = yinPitch(seededNoise(8000, 3), 16000);
    expect(Math.max(...noise.confidence)).toBeLessThan(DEFAULT_YIN_OPTIONS.voicingConfidence);
    expect(noise.voiced.some(Boolean)).toBe(false);
  });

  it('times each frame at the middle of the samples compared at its lag', () => {
    const sampleRate = 16000;
    const track = yinPitch(harmonicTone(200, sampleRate, 0.3, WAVEFORMS.sawtooth), sampleRate);
    // W = 400, maxLag = 400: frames of 801 samples every 80; the lag is 16000 / 200 = 80
    expect(track.timesSeconds.length).toBe(1 + Math.floor((4800 - 801) / 80));
    track.timesSeconds.forEach((time, k) => {
      expect(time).toBeCloseTo((80 * k + (400 + sampleRate / track.f0Hz[k]! - 1) / 2) / sampleRate, 12);
      expect(time).toBeCloseTo((80 * k + 239.5) / sampleRate, 5);
    });
    const silent = yinPitch(new Float32Array(4000), sampleRate);
    expect(silent.timesSeconds[3]).toBeCloseTo((240 + 400) / sampleRate, 12);
  });

  it('treats silence as unvoiced: f0 NaN, confidence 0', () => {
    const track = yinPitch(new Float32Array(4000), 16000);
    expect(track.voiced.some(Boolean)).toBe(false);
    expect(track.f0Hz.every(Number.isNaN)).toBe(true);
    expect(track.confidence.every((c) => c === 0)).toBe(true);
    const pitch = estimatePitch(new Float32Array(4000), 16000);
    expect(pitch.voiced).toBe(false);
    expect(pitch.f0Hz).toBeNaN();
    expect(pitch.midi).toBeNaN();
    expect(pitch.confidence).toBe(0);
  });

  it('gates frames far below the loudest frame out of the voiced set', () => {
    const tone = harmonicTone(220, 16000, 0.5, WAVEFORMS.sawtooth);
    for (let t = 4000; t < tone.length; t++) tone[t]! *= 1e-3; // −60 dB after 0.25 s
    const track = yinPitch(tone, 16000);
    track.timesSeconds.forEach((time, k) => {
      if (time < 0.2) expect(track.voiced[k]).toBe(true);
      if (time > 0.3) expect(track.voiced[k]).toBe(false);
    });
  });

  it('throws clear errors on bad input and options', () => {
    const ok = new Float32Array(2000);
    expect(() => yinPitch(new Float32Array(0), 16000)).toThrow(/empty/);
    expect(() => yinPitch(new Float32Array(500), 16000)).toThrow(/500 samples.*too short.*801/);
    expect(() => yinPitch(Float32Array.of(...ok.subarray(0, 1000), Number.NaN), 16000)).toThrow(
      /sample 1000 is NaN/,
    );
    expect(() => yinPitch(ok, 0)).toThrow(/sampleRate must be a positive number of Hz, got 0/);
    expect(() => yinPitch(ok, -16000)).toThrow(/sampleRate/);
    expect(() => yinPitch([0, 1] as unknown as Float32Array, 16000)).toThrow(/Float32Array/);
    expect(() => yinPitch(ok, 16000, { fminHz: 500, fmaxHz: 400 })).toThrow(
      /fminHz \(500\) must be below fmaxHz \(400\)/,
    );
    expect(() => yinPitch(ok, 16000, { fmaxHz: 9000 })).toThrow(
      /fmaxHz must be at most sampleRate \/ 2 = 8000 Hz/,
    );
    expect(() => yinPitch(ok, 16000, { threshold: 0 })).toThrow(/threshold must be in \(0, 1\]/);
    expect(() => yinPitch(ok, 16000, { hopSeconds: -1 })).toThrow(
      /hopSeconds must be a positive number of seconds/,
    );
    expect(() => yinPitch(ok, 16000, { voicingConfidence: 2 })).toThrow(/voicingConfidence/);
  });
});

describe('estimatePitch', () => {
  it('summarises a tone as the median voiced f0 in Hz, MIDI and cents', () => {
    const f0 = midiToHz(57.3); // A3 + 30 cents
    const pitch = estimatePitch(harmonicTone(f0, 22050, 0.5, WAVEFORMS.square), 22050);
    expect(pitch.voiced).toBe(true);
    expect(Math.abs(centsBetween(f0, pitch.f0Hz))).toBeLessThan(1);
    expect(pitch.midi).toBeCloseTo(57.3, 2);
    expect(pitch.nearestMidi).toBe(57);
    expect(pitch.centsOffset).toBeCloseTo(30, 0);
    expect(pitch.confidence).toBeGreaterThan(0.99);
    expect(pitch.voicedFraction).toBe(1);
  });

  it('converts units: A4 = 440 Hz = MIDI 69, an octave is 1200 cents', () => {
    expect(hzToMidi(440)).toBe(69);
    expect(hzToMidi(261.6255653005986)).toBeCloseTo(60, 12);
    expect(midiToHz(81)).toBeCloseTo(880, 12);
    expect(centsBetween(440, 880)).toBeCloseTo(1200, 12);
    expect(hzToMidi(0)).toBeNaN();
    expect(centsBetween(Number.NaN, 440)).toBeNaN();
  });
});
