// Reciprocal rank fusion with scores worked out by hand, and the Library's hybrid fusion: the
// vector list weighted by its agreement with the keywords beyond chance.
import { describe, expect, it } from 'vitest';
import { fuseHybrid, rankAgreement, reciprocalRankFusion } from '../../../../src/core/rag/fusion';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over the lists and records each rank', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'a', 'd'],
    ]);
    expect(fused.map((h) => h.id)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]).toEqual({ id: 'a', score: 1 / 61 + 1 / 62, ranks: [1, 2] });
    expect(fused[1]).toEqual({ id: 'c', score: 1 / 63 + 1 / 61, ranks: [3, 1] });
    expect(fused[2]).toEqual({ id: 'b', score: 1 / 62, ranks: [2, undefined] });
    expect(fused[3]).toEqual({ id: 'd', score: 1 / 63, ranks: [undefined, 3] });
  });

  it('uses the given k', () => {
    const [top] = reciprocalRankFusion([['x'], ['y', 'x']], 1);
    expect(top).toEqual({ id: 'x', score: 1 / 2 + 1 / 3, ranks: [1, 2] });
  });

  it('breaks ties by best single rank, then by id', () => {
    // p: ranks 1 and 4 → 1/61 + 1/64; q: ranks 3 and 3 → 2/63 (smaller); z: 1/61;
    // r and s both rank 2 in one list only: equal scores, equal best rank → by id.
    const fused = reciprocalRankFusion([
      ['p', 'r', 'q'],
      ['z', 's', 'q', 'p'],
    ]);
    expect(fused.map((h) => h.id)).toEqual(['p', 'q', 'z', 'r', 's']);
    const tie = reciprocalRankFusion([['b'], ['a']]);
    expect(tie.map((h) => h.id)).toEqual(['a', 'b']);
    expect(tie[0]?.score).toBe(tie[1]?.score);
  });

  it('counts a repeated id once per list and handles empty input', () => {
    expect(reciprocalRankFusion([['a', 'a']])).toEqual([{ id: 'a', score: 1 / 61, ranks: [1] }]);
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});

describe('weighted fusion', () => {
  it("scales a list's votes by its weight", () => {
    const fused = reciprocalRankFusion([['a', 'b'], ['b']], 60, [1, 0.5]);
    expect(fused.map((h) => [h.id, h.score])).toEqual([
      ['b', 1 / 62 + 0.5 / 61],
      ['a', 1 / 61],
    ]);
    expect(reciprocalRankFusion([['a'], ['b']], 60, [1, 0]).map((h) => h.id)).toEqual(['a', 'b']);
  });
});

const ids = (prefix: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** A fixed shuffle (mulberry32, seeded), so the "random" lists are the same every run. */
function shuffled(list: readonly string[], seed: number): string[] {
  const out = [...list];
  let state = seed;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}

describe('rankAgreement', () => {
  const population = 1000;
  it('is 1 for the same ranking and 0 for rankings that share nothing', () => {
    expect(rankAgreement(ids('a', 10), ids('a', 10), population)).toBe(1);
    expect(rankAgreement(ids('a', 10), ids('b', 10), population)).toBe(0);
    expect(rankAgreement([], ids('b', 10), population)).toBe(0);
  });

  it('weighs the first places most', () => {
    const keyword = ids('a', 10);
    const topAgrees = [...keyword.slice(0, 3), ...ids('b', 7)];
    const tailAgrees = [...ids('b', 7), ...keyword.slice(0, 3)];
    expect(rankAgreement(keyword, topAgrees, population)).toBeGreaterThan(
      rankAgreement(keyword, tailAgrees, population) + 0.2,
    );
  });

  it('stays near 0 for shuffled lists of a small library', () => {
    const all = ids('c', 60);
    const values = Array.from({ length: 40 }, (_, seed) =>
      rankAgreement(shuffled(all, seed + 1), shuffled(all, seed + 1001), all.length),
    ).sort((a, b) => a - b);
    expect(values[20]).toBe(0); // the median
    expect(values.reduce((sum, v) => sum + v, 0) / values.length).toBeLessThan(0.1);
  });
});

describe('fuseHybrid', () => {
  const keyword = ids('k', 20).map((id, i) => ({ id, score: 20 - i * 0.5 }));

  it('gives an agreeing vector list a strong vote: it lifts what the words missed', () => {
    // BM25 as it usually falls: a few good passages, then many that share one common word.
    const bm25 = ids('k', 20).map((id, i) => ({ id, score: i < 4 ? 10 - 2 * i : 1 }));
    const vector = ['v-only', ...ids('k', 5), 'x1', 'x2', 'x3', 'x4'];
    const { hits, vectorWeight } = fuseHybrid(bm25, vector, 1000);
    expect(vectorWeight).toBeGreaterThan(0.5);
    expect(hits.slice(0, 8).map((h) => h.id)).toContain('v-only');
    expect(hits[0]?.id).toBe('k0');
  });

  it('gives a vector list that agrees with nothing no vote on the order', () => {
    const vector = ids('z', 20);
    const { hits, vectorWeight } = fuseHybrid(keyword, vector, 1000);
    expect(vectorWeight).toBe(0);
    expect(hits.slice(0, 20).map((h) => h.id)).toEqual(ids('k', 20));
    expect(hits[20]?.ranks).toEqual([undefined, 1]);
  });

  it('keeps a clear keyword first place against a lightly trusted vector list', () => {
    // "k0" scores five times the rest; the vector list agrees a little and prefers "k1".
    const clear = [
      { id: 'k0', score: 10 },
      ...ids('k', 12)
        .slice(1)
        .map((id) => ({ id, score: 2 })),
    ];
    const vector = ['k1', 'k2', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8'];
    const { hits, vectorWeight } = fuseHybrid(clear, vector, 40);
    expect(vectorWeight).toBeGreaterThan(0);
    expect(vectorWeight).toBeLessThan(0.5);
    expect(hits[0]?.id).toBe('k0');
    expect(hits[1]?.id).toBe('k1');
  });

  it('lets the vector list alone decide when no keyword matched', () => {
    const { hits, vectorWeight } = fuseHybrid([], ['v1', 'v2'], 100);
    expect(vectorWeight).toBe(1);
    expect(hits.map((h) => [h.id, h.score])).toEqual([
      ['v1', 1 / 61],
      ['v2', 1 / 62],
    ]);
  });
});
