/**
 * Down-mixing to one channel.
 *
 * @example
 * ```ts
 * const mono = mixToMono([left, right]); // (l + r) / 2 per sample
 * ```
 * @module
 */

/** Averages the channels sample by sample (equal gain 1/channels each). One channel is copied. */
export function mixToMono(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 0) throw new Error('mixToMono: expected at least one channel, got none');
  const length = channels[0]!.length;
  for (const [index, channel] of channels.entries()) {
    if (channel.length !== length) {
      throw new Error(`mixToMono: channel ${index} has ${channel.length} samples, channel 0 has ${length}`);
    }
  }
  if (channels.length === 1) return Float32Array.from(channels[0]!);
  const mono = new Float32Array(length);
  const gain = 1 / channels.length;
  for (const channel of channels) {
    for (let i = 0; i < length; i++) mono[i]! += channel[i]! * gain;
  }
  return mono;
}
