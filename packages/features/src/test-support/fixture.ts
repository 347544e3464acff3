// The torchaudio reference fixture (copied verbatim from ../shared/fixtures).
import { readFileSync } from 'node:fs';

export interface FixtureScale {
  logmel: number[][];
  centroid_hz: number[];
  rolloff85_hz: number[];
  rolloff95_hz: number[];
  flatness: number[];
}
export interface FixtureSignal {
  signal: number[];
  fft1024: FixtureScale;
  fft4096: FixtureScale;
}
export interface Fixture {
  sample_rate: number;
  hop_length: number;
  n_mels: number;
  signals: Record<string, FixtureSignal>;
}

let cached: Fixture | undefined;
export function loadFixture(): Fixture {
  cached ??= JSON.parse(
    readFileSync(new URL('../../test-data/features-torchaudio.json', import.meta.url), 'utf8'),
  ) as Fixture;
  return cached;
}
