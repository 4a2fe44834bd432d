// How far two rankings agree, beyond what chance would give: the trust fusion.ts gives the
// vector list. An embedding model that ranks the Library's passages as BM25 does on the
// first places is reading the same text; one that shares no more of them than a shuffled
// list would is not (yet) worth a vote.

/** How many of each list's first ids are compared. */
const AGREEMENT_DEPTH = 10;

/**
 * How far two rankings of the same `population` of ids agree beyond chance at their top, from
 * 0 (no more than two random lists) to 1 (the same ids in the same order). The measure is the
 * average overlap of their first d ids for d = 1…depth, so agreeing on the first places counts
 * most, less what two random orders of `population` ids would share.
 *
 * @example rankAgreement(['a', 'b'], ['a', 'b'], 100, 2) // 1
 */
export function rankAgreement(
  a: readonly string[],
  b: readonly string[],
  population: number,
  depth = AGREEMENT_DEPTH,
): number {
  const size = Math.min(depth, a.length, b.length);
  if (size === 0) return 0;
  const seenA = new Set<string>();
  const seenB = new Set<string>();
  let shared = 0;
  let overlap = 0;
  for (let d = 0; d < size; d++) {
    const x = a[d] as string;
    const y = b[d] as string;
    if (x === y) shared++;
    else {
      if (seenB.has(x)) shared++;
      if (seenA.has(y)) shared++;
    }
    seenA.add(x);
    seenB.add(y);
    overlap += shared / (d + 1);
  }
  const average = overlap / size;
  const n = Math.max(population, size);
  const chance = (size + 1) / (2 * n);
  if (chance >= 1) return 1;
  return Math.min(1, Math.max(0, (average - chance) / (1 - chance)));
}
