// Reciprocal rank fusion: merges the keyword and vector rankings without comparing their
// scores (BM25 and cosine live on different scales). Each list adds 1 / (k + rank) for
// every id it holds, so an id near the top of both lists wins; k = 60 is the value of
// Cormack et al. (2009), which keeps one list's first place from drowning the other.

/** One fused id: its score and its 1-based rank in each input list (undefined where absent). */
export interface FusedHit {
  id: string;
  score: number;
  ranks: (number | undefined)[];
}

const DEFAULT_K = 60;

/**
 * Fuses ranked id lists (best first) into one, best first; ties go to the better single
 * rank, then to the smaller id, so the order is deterministic. An id repeated within one
 * list counts at its first rank only.
 *
 * @example reciprocalRankFusion([['a', 'b'], ['b']])[0] // { id: 'b', score: 1/62 + 1/61, ranks: [2, 1] }
 */
export function reciprocalRankFusion(
  lists: readonly (readonly string[])[],
  k = DEFAULT_K,
): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  lists.forEach((list, listIndex) => {
    list.forEach((id, position) => {
      let hit = fused.get(id);
      if (hit === undefined) {
        hit = { id, score: 0, ranks: lists.map(() => undefined) };
        fused.set(id, hit);
      }
      if (hit.ranks[listIndex] !== undefined) return;
      hit.ranks[listIndex] = position + 1;
      hit.score += 1 / (k + position + 1);
    });
  });
  const bestRank = (hit: FusedHit): number =>
    Math.min(...hit.ranks.map((rank) => rank ?? Infinity));
  return [...fused.values()].sort(
    (a, b) =>
      b.score - a.score || bestRank(a) - bestRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
