// Reciprocal rank fusion with scores worked out by hand.
import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../../../src/core/rag/fusion';

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
