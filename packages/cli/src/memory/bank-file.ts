/**
 * Reading and updating a patch bank file safely. A missing file is an empty bank; a file
 * that is not a bank (corrupt JSON, another format, another embedding) is a clear error and
 * is never overwritten. An update holds the folder lock of `@ae-ddsp/cli`'s atomic writes,
 * re-reads the file under it, applies the change to what is there now and renames a
 * temporary file over it, so concurrent writers never lose each other's entries.
 *
 * @example
 * ```ts
 * const bank = await readBank('bank.json', 'bank.json'); // undefined when missing
 * await updateBank('bank.json', 'bank.json', embedding, (b) => addEntry(b, entry).bank);
 * ```
 * @module
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { withFolderLock } from '../cli/folder-lock';
import { type BankEmbedding, emptyBank, type PatchBank, parseBank } from './patch-bank';

/** Largest bank file read, bytes (64 MiB). */
export const MAX_BANK_BYTES = 64 * 1024 * 1024;

/** The bank at `path` (`shown` is the path as typed), or undefined when there is no file. */
export async function readBank(path: string, shown: string): Promise<PatchBank | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new Error(`${shown}: cannot read the bank (${code === 'EISDIR' ? 'is a directory' : code})`);
  }
  if (text.length > MAX_BANK_BYTES) throw new Error(`${shown}: larger than a bank may be`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${shown}: not a patch bank (invalid JSON: ${(error as Error).message})`);
  }
  return parseBank(json, shown);
}

/** Throws unless `bank` was made with `embedding`. */
export function checkEmbedding(bank: PatchBank, embedding: BankEmbedding, shown: string): void {
  if (bank.embedding.name !== embedding.name || bank.embedding.dimensions !== embedding.dimensions)
    throw new Error(
      `${shown}: the bank holds ${bank.embedding.name} embeddings of ${bank.embedding.dimensions} values, this run makes ${embedding.name} of ${embedding.dimensions}`,
    );
}

/**
 * Applies `change` to the bank at `path` as it is under the lock (an empty bank with
 * `vigilance` when there is no file) and writes the result atomically; returns what it wrote.
 */
export async function updateBank<T>(
  path: string,
  shown: string,
  embedding: BankEmbedding,
  vigilance: number,
  change: (bank: PatchBank) => { bank: PatchBank; result: T },
): Promise<{ bank: PatchBank; result: T }> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  return withFolderLock(folder, async () => {
    const current = (await readBank(path, shown)) ?? emptyBank(embedding, vigilance);
    checkEmbedding(current, embedding, shown);
    const next = change(current);
    const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, `${JSON.stringify(next.bank)}\n`);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return next;
  });
}
