/**
 * The length a WAV file's header gives its audio data, against the bytes actually present:
 * a file cut short (an interrupted copy or download) still decodes, to less audio than it says.
 *
 * @example
 * ```ts
 * const short = truncatedWavData(bytes); // { declaredBytes: 5292000, presentBytes: 2646000 } or undefined
 * ```
 * @module
 */

/** A data chunk shorter than its header says. */
export interface TruncatedWavData {
  /** Bytes of audio data the `data` chunk header declares. */
  readonly declaredBytes: number;
  /** Bytes of audio data in the file. */
  readonly presentBytes: number;
}

/** Sizes streaming writers put in a header when the length is not known in advance. */
const UNKNOWN_SIZES: ReadonlySet<number> = new Set([0, 0xffffffff]);

/** Finds the `data` chunk of RIFF/WAVE `bytes`; returns its sizes when it is cut short, else undefined. */
export function truncatedWavData(bytes: Uint8Array): TruncatedWavData | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return undefined;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const size = view.getUint32(at + 4, true);
    if (tag(at) === 'data') {
      const presentBytes = bytes.length - (at + 8);
      return presentBytes < size && !UNKNOWN_SIZES.has(size)
        ? { declaredBytes: size, presentBytes }
        : undefined;
    }
    at += 8 + size + (size % 2);
  }
  return undefined;
}
