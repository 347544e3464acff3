/**
 * The patch bank: a continual timbre memory users keep in one JSON file. A Fuzzy ART memory
 * of target embeddings h* = E(target) (`@ae-ddsp/art-memory`) sorts targets into categories;
 * each category keeps the patch matched for each of its targets (synth patch, normalised
 * parameters, final distance, f0). A new target that resonates with a category warm-starts
 * from the stored patch of that category whose f0 is nearest; one that does not is matched
 * cold and then allocates a new category. Stored patches never change once written (a
 * target learned again keeps whichever of its patches is closer), so recalling an early
 * target later gives back exactly its patch.
 *
 * @example
 * ```ts
 * const bank = emptyBank({ name: 'learned', dimensions: 8 });
 * const warm = recall(bank, h, f0); // undefined or { category, entry }
 * const next = addEntry(bank, entry); // a new bank object with the entry learned in
 * ```
 * @module
 */
import { FuzzyART, type FuzzyARTJSON, parseFuzzyARTJSON } from '@ae-ddsp/art-memory';
import type { Patch } from '@ae-ddsp/plant';

/** The format tag of a bank file. */
export const PATCH_BANK_FORMAT = 'ae-ddsp/patch-bank';

/** Default vigilance ρ of a new bank (the middle of the seed's 0.7–0.9). */
export const DEFAULT_BANK_VIGILANCE = 0.8;

/** Which embedding a bank's categories live in; a bank refuses targets embedded by another. */
export interface BankEmbedding {
  /** `learned` (the shipped encoder) or another embedding's name. */
  readonly name: string;
  /** d. */
  readonly dimensions: number;
}

/** One matched target and its patch. */
export interface BankEntry {
  /** The target file, as the user typed it. */
  readonly target: string;
  /** h* of the target. */
  readonly embedding: readonly number[];
  /** Estimated f0 of the target, Hz (null when unpitched). */
  readonly f0Hz: number | null;
  /** The synth preset the match started from, or null for a patch file. */
  readonly preset: string | null;
  /** The matched patch (its parameter values are the matched ones). */
  readonly patch: Patch;
  /** The matched normalised parameters. */
  readonly parameters: readonly number[];
  /** The final distance (loss) of the match. */
  readonly distance: number;
  /** The loss the distance was measured with. */
  readonly loss: string;
  /** Steps the match took. */
  readonly steps: number;
  /** True when the match warm-started from this bank. */
  readonly warmStart: boolean;
}

/** A category: its Fuzzy ART index and the targets and patches assigned to it. */
export interface BankCategory {
  /** Index of the category in the Fuzzy ART memory. */
  readonly id: number;
  /** Its entries, in the order they were added. */
  readonly entries: readonly BankEntry[];
}

/** The whole bank file. */
export interface PatchBank {
  /** Format tag. */
  readonly format: typeof PATCH_BANK_FORMAT;
  /** Format version. */
  readonly version: 1;
  /** The embedding of every h* in the bank. */
  readonly embedding: BankEmbedding;
  /** The Fuzzy ART memory of target embeddings. */
  readonly art: FuzzyARTJSON;
  /** One record per Fuzzy ART category. */
  readonly categories: readonly BankCategory[];
}

/** An empty bank for `embedding`, with vigilance ρ and fast learning (β = 1). */
export function emptyBank(embedding: BankEmbedding, vigilance = DEFAULT_BANK_VIGILANCE): PatchBank {
  const art = new FuzzyART({ rho: vigilance, beta: 1, alpha: 0.001 });
  return { format: PATCH_BANK_FORMAT, version: 1, embedding, art: art.toJSON(), categories: [] };
}

/** Checks a parsed bank file; throws naming the first problem (`where` names the file). */
export function parseBank(json: unknown, where: string): PatchBank {
  const bank = json as PatchBank;
  if (!bank || typeof bank !== 'object' || bank.format !== PATCH_BANK_FORMAT)
    throw new Error(`${where}: not a patch bank (no "format": "${PATCH_BANK_FORMAT}")`);
  if (bank.version !== 1)
    throw new Error(`${where}: patch bank version ${bank.version} is not supported (1)`);
  const e = bank.embedding;
  if (!e || typeof e.name !== 'string' || !(Number.isInteger(e.dimensions) && e.dimensions > 0))
    throw new Error(`${where}: embedding must be { name, dimensions }`);
  const art = parseFuzzyARTJSON(bank.art, `${where}: art`);
  if (art.features !== null && art.features !== e.dimensions)
    throw new Error(`${where}: art has ${art.features} features, the embedding ${e.dimensions}`);
  if (!Array.isArray(bank.categories) || bank.categories.length !== art.weights.length)
    throw new Error(`${where}: categories must hold one record per art category (${art.weights.length})`);
  bank.categories.forEach((c, i) => {
    if (c?.id !== i || !Array.isArray(c.entries))
      throw new Error(`${where}: categories[${i}] must be { id: ${i}, entries: [...] }`);
    for (let k = 0; k < c.entries.length; k++)
      checkEntry(c.entries[k]!, e.dimensions, `${where}: categories[${i}].entries[${k}]`);
  });
  return bank;
}

function checkEntry(entry: BankEntry, dimensions: number, where: string): void {
  if (!entry || typeof entry.target !== 'string') throw new Error(`${where}.target must be a string`);
  if (
    !Array.isArray(entry.embedding) ||
    entry.embedding.length !== dimensions ||
    !entry.embedding.every((x) => x >= 0 && x <= 1)
  )
    throw new Error(`${where}.embedding must hold ${dimensions} numbers in [0, 1]`);
  if (entry.patch?.format !== 'ae-ddsp-patch') throw new Error(`${where}.patch must be a patch`);
  if (!Array.isArray(entry.parameters) || !entry.parameters.every((x) => x >= 0 && x <= 1))
    throw new Error(`${where}.parameters must be normalised numbers`);
  if (!Number.isFinite(entry.distance)) throw new Error(`${where}.distance must be a finite number`);
}

/** The category `embedding` resonates with and its match, or −1. */
export function resonantCategory(bank: PatchBank, embedding: ArrayLike<number>): number {
  return FuzzyART.fromJSON(bank.art).classify(embedding);
}

/** The entry of category `id` to warm-start from: nearest f0 (in octaves), then lowest distance. */
export function warmStartEntry(category: BankCategory, f0Hz: number | null): BankEntry | undefined {
  const octaves = (entry: BankEntry) =>
    f0Hz && entry.f0Hz ? Math.abs(Math.log2(entry.f0Hz / f0Hz)) : Number.POSITIVE_INFINITY;
  let best: BankEntry | undefined;
  for (const entry of category.entries) {
    if (
      !best ||
      octaves(entry) < octaves(best) ||
      (octaves(entry) === octaves(best) && entry.distance < best.distance)
    )
      best = entry;
  }
  return best;
}

/** What {@link recall} finds for a target. */
export interface Recall {
  /** The resonant category. */
  readonly category: number;
  /** The entry to start from. */
  readonly entry: BankEntry;
}

/** The resonant category of `embedding` and its warm-start entry, or undefined when none resonates. */
export function recall(
  bank: PatchBank,
  embedding: ArrayLike<number>,
  f0Hz: number | null,
): Recall | undefined {
  const category = resonantCategory(bank, embedding);
  const entry = category >= 0 ? warmStartEntry(bank.categories[category]!, f0Hz) : undefined;
  return entry && { category, entry };
}

/**
 * A new bank with `entry` learned: the Fuzzy ART memory learns its embedding (resonant
 * category, or a new one), and the entry joins that category, replacing an entry of the same
 * target only when it is closer. Returns the bank and the category.
 */
export function addEntry(bank: PatchBank, entry: BankEntry): { bank: PatchBank; category: number } {
  if (entry.embedding.length !== bank.embedding.dimensions)
    throw new Error(
      `the target's embedding has ${entry.embedding.length} values, the bank's ${bank.embedding.dimensions}`,
    );
  const art = FuzzyART.fromJSON(bank.art);
  const category = art.learn(entry.embedding);
  if (category < 0) throw new Error('the bank is full (its category cap is reached)');
  const categories = bank.categories.map((c) => ({ id: c.id, entries: [...c.entries] }));
  if (category === categories.length) categories.push({ id: category, entries: [] });
  for (const c of categories) {
    const same = c.entries.findIndex((e) => e.target === entry.target);
    if (same >= 0 && c.id !== category) c.entries.splice(same, 1);
  }
  const entries = categories[category]!.entries;
  const same = entries.findIndex((e) => e.target === entry.target);
  if (same < 0) entries.push(entry);
  else if (entry.distance < entries[same]!.distance) entries[same] = entry;
  return { bank: { ...bank, art: art.toJSON(), categories }, category };
}
