import type { RandomSource } from '@ae-ddsp/explorer';

/**
 * @internal
 * One step of random search (the `random` baseline): K uniform candidates in the
 * normalised box, scored as one batch. Returns every candidate and its loss; the caller keeps
 * the best.
 */
export function randomCandidates(random: RandomSource, count: number, size: number): Float32Array[] {
  return Array.from({ length: count }, () => Float32Array.from({ length: size }, () => random.uniform()));
}

/** @internal Index of the first lowest loss below +Infinity (NaN never wins), or −1 when there is none. */
export function lowestIndex(losses: readonly number[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  let index = -1;
  losses.forEach((l, i) => {
    if (l < lowest) {
      lowest = l;
      index = i;
    }
  });
  return index;
}
