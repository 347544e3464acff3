/**
 * One target through the patch bank: embed it (the shipped timbre encoder), recall the
 * resonant category's patch from a snapshot of the bank, match warm from that patch (or cold
 * from the given synth), then add the result to the bank under its lock. Used by
 * `ae-ddsp memory learn` and `ae-ddsp match --memory`.
 *
 * @example
 * ```ts
 * const target = describeTarget(clip.samples, 16000, 'note.wav');
 * const start = await warmStart(bankPath, 'bank.json', target); // undefined: match cold
 * ```
 * @module
 */
import { createHash } from 'node:crypto';
import { DEFAULT_TIMBRE_ENCODER_WEIGHTS, embedClip, timbreEncoder } from '@ae-ddsp/art-memory/encoder';
import { estimatePitch } from '@ae-ddsp/features';
import { type Patch, savePatch } from '@ae-ddsp/plant';
import { DEFAULT_MEMORY_OPTIONS, type ResonanceMemoryOptions } from '@ae-ddsp/trainer';
import type { SynthSource } from '../synth/synth-source';
import { checkEmbedding, readBank, updateBank } from './bank-file';
import {
  addEntry,
  type BankEmbedding,
  type BankEntry,
  DEFAULT_BANK_VIGILANCE,
  type Recall,
  recall,
} from './patch-bank';

const encoder = timbreEncoder();

/** The embedding every bank made by the CLI uses: the shipped encoder, named with a hash of its weights. */
export const BANK_EMBEDDING: BankEmbedding = Object.freeze({
  name: `learned:${createHash('sha256').update(JSON.stringify(DEFAULT_TIMBRE_ENCODER_WEIGHTS)).digest('hex').slice(0, 12)}`,
  dimensions: encoder.dimensions,
});

/** A target as the bank sees it. */
export interface BankTarget {
  /** The path as typed. */
  readonly shown: string;
  /** h* = E(target). */
  readonly embedding: number[];
  /** Estimated f0, Hz, or null when unpitched. */
  readonly f0Hz: number | null;
}

/** Embeds a mono clip and estimates its f0. Throws when the sample rate is not the encoder's. */
export function describeTarget(samples: Float32Array, sampleRateHz: number, shown: string): BankTarget {
  if (sampleRateHz !== encoder.sampleRate)
    throw new Error(
      `--memory needs --sample-rate ${encoder.sampleRate} (the timbre encoder's), got ${sampleRateHz}`,
    );
  const pitch = estimatePitch(samples, sampleRateHz);
  return {
    shown,
    embedding: Array.from(embedClip(encoder, samples)),
    f0Hz: pitch.voiced && Number.isFinite(pitch.f0Hz) ? pitch.f0Hz : null,
  };
}

/** Where a warm start comes from: the category and the stored entry, as a synth source. */
export interface WarmStart extends Recall {
  /** The stored patch, whose values are the matched parameters: the trainer starts there. */
  readonly source: SynthSource;
}

/** The warm start for `target` from the bank at `path`, or undefined (no bank, nothing resonates). */
export async function warmStart(
  path: string,
  shown: string,
  target: BankTarget,
): Promise<WarmStart | undefined> {
  const bank = await readBank(path, shown);
  if (!bank) return undefined;
  checkEmbedding(bank, BANK_EMBEDDING, shown);
  const found = recall(bank, target.embedding, target.f0Hz);
  if (!found) return undefined;
  return {
    ...found,
    source: {
      kind: 'patch',
      name: `${shown}#${found.category}:${found.entry.target}`,
      patch: found.entry.patch,
    },
  };
}

/** The DAR-DDSP trainer memory for a match against `path`'s prototypes (the seed's defaults), or the bank is empty. */
export async function darMemory(path: string, shown: string): Promise<ResonanceMemoryOptions> {
  const bank = await readBank(path, shown);
  return {
    ...DEFAULT_MEMORY_OPTIONS,
    embedding: encoder,
    ...(bank && bank.art.features !== null ? { prototypes: bank.art } : {}),
  };
}

/** What a finished match adds to the bank. */
export interface MatchedPatch {
  /** The preset a cold match started from (null for a patch file). */
  readonly preset: string | null;
  /** The matched patch. */
  readonly patch: Patch;
  /** The matched normalised parameters. */
  readonly parameters: ArrayLike<number>;
  /** The final distance. */
  readonly distance: number;
  /** The loss's name. */
  readonly loss: string;
  /** Steps taken. */
  readonly steps: number;
  /** True for a warm start from the bank. */
  readonly warmStart: boolean;
}

/** Adds a matched target to the bank at `path` (lock, re-read, learn, atomic write); returns its category. */
export async function rememberMatch(
  path: string,
  shown: string,
  target: BankTarget,
  matched: MatchedPatch,
  vigilance = DEFAULT_BANK_VIGILANCE,
): Promise<number> {
  const entry: BankEntry = {
    target: target.shown,
    embedding: target.embedding,
    f0Hz: target.f0Hz,
    preset: matched.preset,
    patch: JSON.parse(savePatch(matched.patch)),
    parameters: Array.from(matched.parameters),
    distance: matched.distance,
    loss: matched.loss,
    steps: matched.steps,
    warmStart: matched.warmStart,
  };
  const { result } = await updateBank(path, shown, BANK_EMBEDDING, vigilance, (bank) => {
    const added = addEntry(bank, entry);
    return { bank: added.bank, result: added.category };
  });
  return result;
}
