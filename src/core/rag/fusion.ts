// Reciprocal rank fusion: merges the keyword and vector rankings without comparing their
// scores (BM25 and cosine live on different scales). Each list adds weight / (k + rank) for
// every id it holds, so an id near the top of both lists wins; k = 60 is the value of
// Cormack et al. (2009), which keeps one list's first place from drowning the other.
//
// For the Library's two lists (fuseHybrid) two things are added, because an embedding model
// is not always worth an equal say: a weak or unsuited one (the fixture embedder's random
// weights are the extreme) ranks passages little better than chance, and an equal vote then
// pushes BM25's right passage down.
// - The vector list is weighted by how far it agrees with the keyword list beyond chance
//   (rank-agreement.ts): a model that finds what the words find earns its full vote, and
//   with it the passages words alone miss; one that agrees with nothing gets none.
// - The keyword list's ranks keep BM25's margins: a passage scoring a fifth of the first
//   one sits at the rank its score earns (1 + k × 0.8), not at rank 2, so a lightly
//   trusted vector list can break near-ties but not overturn a clear first place.
import { rankAgreement } from './rank-agreement';

export { rankAgreement } from './rank-agreement';

/** One fused id: its score and its 1-based rank in each input list (undefined where absent). */
export interface FusedHit {
  id: string;
  score: number;
  ranks: (number | undefined)[];
}

/** A ranked list to fuse: ids best first, the weight of its votes, and the rank each vote counts at. */
interface Ballot {
  ids: readonly string[];
  weight: number;
  /** The rank the id at 0-based `position` votes with (default position + 1). */
  rankAt?: (position: number) => number;
}

const DEFAULT_K = 60;

function fuse(ballots: readonly Ballot[], k: number): FusedHit[] {
  const fused = new Map<string, FusedHit>();
  ballots.forEach((ballot, listIndex) => {
    ballot.ids.forEach((id, position) => {
      let hit = fused.get(id);
      if (hit === undefined) {
        hit = { id, score: 0, ranks: ballots.map(() => undefined) };
        fused.set(id, hit);
      }
      if (hit.ranks[listIndex] !== undefined) return;
      hit.ranks[listIndex] = position + 1;
      hit.score += ballot.weight / (k + (ballot.rankAt?.(position) ?? position + 1));
    });
  });
  const bestRank = (hit: FusedHit): number =>
    Math.min(...hit.ranks.map((rank) => rank ?? Infinity));
  return [...fused.values()].sort(
    (a, b) =>
      b.score - a.score || bestRank(a) - bestRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Fuses ranked id lists (best first) into one, best first; ties go to the better single
 * rank, then to the smaller id, so the order is deterministic. An id repeated within one
 * list counts at its first rank only. `weights[i]` scales list i's votes (default 1).
 *
 * @example reciprocalRankFusion([['a', 'b'], ['b']])[0] // { id: 'b', score: 1/62 + 1/61, ranks: [2, 1] }
 */
export function reciprocalRankFusion(
  lists: readonly (readonly string[])[],
  k = DEFAULT_K,
  weights: readonly number[] = [],
): FusedHit[] {
  return fuse(
    lists.map((ids, i) => ({ ids, weight: weights[i] ?? 1 })),
    k,
  );
}

/** A keyword hit as fusion needs it. */
export interface ScoredId {
  id: string;
  /** BM25 score, higher is better. */
  score: number;
}

/** Fused hits and the weight the vector list was given. */
export interface HybridFusion {
  hits: FusedHit[];
  vectorWeight: number;
}

/**
 * The keyword hits (best first, with their BM25 scores) and the vector ranking fused: the
 * vector list weighted by its agreement with the keyword list ({@link rankAgreement} over
 * `population`, the ids the vector index holds), each keyword hit voting at its rank or at
 * the rank its share of the best score earns, whichever is lower. With no keyword hit at all
 * the vector list alone decides, at full weight.
 *
 * @example fuseHybrid([{ id: 'a', score: 9 }], ['z', 'y'], 1000).vectorWeight // 0: no agreement
 */
export function fuseHybrid(
  keyword: readonly ScoredId[],
  vectorIds: readonly string[],
  population: number,
  k = DEFAULT_K,
): HybridFusion {
  const keywordIds = keyword.map((hit) => hit.id);
  const vectorWeight =
    keywordIds.length === 0 ? 1 : rankAgreement(keywordIds, vectorIds, population);
  const best = keyword[0]?.score ?? 0;
  const rankAt = (position: number): number => {
    const share = best > 0 ? (keyword[position]?.score ?? 0) / best : 1;
    return Math.max(position + 1, 1 + k * (1 - share));
  };
  const hits = fuse(
    [
      { ids: keywordIds, weight: 1, rankAt },
      { ids: vectorIds, weight: vectorWeight },
    ],
    k,
  );
  return { hits, vectorWeight };
}
