/**
 * A small WAV reader for the tests (mono 32-bit float or 16-bit PCM RIFF files), not part of
 * the public API.
 *
 * @example
 * ```ts
 * const { samples, sampleRate } = readWav(readFileSync('note.wav'));
 * ```
 * @module
 */

/** Decoded mono audio. */
export interface WavAudio {
  /** Samples in [−1, 1]. */
  readonly samples: Float32Array;
  /** Sample rate, Hz. */
  readonly sampleRate: number;
}

/** Decodes a mono RIFF/WAVE file (format 1 with 16 bits, or format 3 with 32 bits); throws on anything else. */
export function readWav(bytes: Uint8Array): WavAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('readWav: not a RIFF/WAVE file');
  let format = 0;
  let channels = 0;
  let sampleRate = 0;
  let bits = 0;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
    } else if (id === 'data') {
      if (channels !== 1) throw new Error(`readWav: expected mono, got ${channels} channels`);
      if (format === 3 && bits === 32) {
        const samples = new Float32Array(size / 4);
        for (let i = 0; i < samples.length; i++) samples[i] = view.getFloat32(body + 4 * i, true);
        return { samples, sampleRate };
      }
      if (format === 1 && bits === 16) {
        const samples = new Float32Array(size / 2);
        for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + 2 * i, true) / 32768;
        return { samples, sampleRate };
      }
      throw new Error(`readWav: unsupported format ${format} with ${bits} bits`);
    }
    offset = body + size + (size % 2);
  }
  throw new Error('readWav: no data chunk');
}
