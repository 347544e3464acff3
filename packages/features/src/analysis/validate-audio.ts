/**
 * Input checks of the target analysis (plain `Float32Array` audio, not tensors): clear errors
 * naming the input and the expectation.
 *
 * @example
 * ```ts
 * assertAnalysisAudio(audio, 16000, 'yinPitch', 801); // throws on empty, NaN, or too short audio
 * ```
 * @module
 */

/**
 * Throws unless `audio` is a non-empty `Float32Array` (or `Float64Array`) of finite samples
 * with at least `minSamples` samples, and `sampleRate` is a positive finite number of Hz.
 * `op` names the caller in the message.
 */
export function assertAnalysisAudio(
  audio: ArrayLike<number>,
  sampleRate: number,
  op: string,
  minSamples = 1,
): void {
  if (!(audio instanceof Float32Array || audio instanceof Float64Array)) {
    throw new Error(`${op}: audio must be a Float32Array of samples, got ${describe(audio)}`);
  }
  if (!(sampleRate > 0 && Number.isFinite(sampleRate))) {
    throw new Error(`${op}: sampleRate must be a positive number of Hz, got ${sampleRate}`);
  }
  if (audio.length === 0) throw new Error(`${op}: audio is empty (0 samples)`);
  if (audio.length < minSamples) {
    throw new Error(
      `${op}: audio has ${audio.length} samples (${(audio.length / sampleRate).toFixed(4)} s at ${sampleRate} Hz), too short: need at least ${minSamples} samples`,
    );
  }
  for (let i = 0; i < audio.length; i++) {
    if (!Number.isFinite(audio[i]!)) {
      throw new Error(`${op}: audio must be finite, sample ${i} is ${audio[i]}`);
    }
  }
}

/** Throws unless `value` is a finite number > 0 (`name` and `unit` go into the message). */
export function assertPositive(value: number, op: string, name: string, unit: string): void {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new Error(`${op}: ${name} must be a positive number of ${unit}, got ${value}`);
  }
}

function describe(value: unknown): string {
  if (value == null) return String(value);
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value;
}
