// Both vector indexes against a brute-force scan over seeded random unit vectors: the exact
// index must match it, voy-search (real WASM, loaded by hand as in the worker) must reach
// recall@10 ≥ 0.9 at 2,000 vectors of 32 and 384 dimensions. Recall figures are printed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createVectorIndex,
  ExactVectorIndex,
  VoyVectorIndex,
  type VectorHit,
  type VectorIndex,
} from '../../../../src/core/rag/vector-index';
import { loadVoy, type VoyModule } from '../../../../src/core/rag/voy-module';
import { seededRandom } from '../../../../scripts/fixtures/fixture-bytes.ts';

const WASM = fileURLToPath(
  new URL('../../../../node_modules/voy-search/voy_search_bg.wasm', import.meta.url),
);

function unitVectors(count: number, dim: number, seed: number): Float32Array[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, () => next() * 2 - 1);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function bruteForce(
  items: readonly { id: string; vector: Float32Array }[],
  query: Float32Array,
  k: number,
): VectorHit[] {
  return items
    .map(({ id, vector }) => ({
      id,
      score: vector.reduce((s, x, d) => s + x * (query[d] ?? 0), 0),
    }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, k);
}

const items = (
  vectors: readonly Float32Array[],
  prefix = 'c',
): { id: string; vector: Float32Array }[] =>
  vectors.map((vector, i) => ({ id: `${prefix}${i}`, vector }));

function recallAt(
  index: VectorIndex,
  all: ReturnType<typeof items>,
  queries: Float32Array[],
  k: number,
): number {
  let found = 0;
  for (const query of queries) {
    const truth = new Set(bruteForce(all, query, k).map((h) => h.id));
    found += index.search(query, k).filter((h) => truth.has(h.id)).length;
  }
  return found / (queries.length * k);
}

describe('ExactVectorIndex', () => {
  it('matches brute force, ids and scores', () => {
    const all = items(unitVectors(3000, 48, 1));
    const index = new ExactVectorIndex(48, 16);
    index.add(all);
    expect(index.size).toBe(3000);
    for (const query of unitVectors(20, 48, 2)) {
      const expected = bruteForce(all, query, 10);
      const got = index.search(query, 10);
      expect(got.map((h) => h.id)).toEqual(expected.map((h) => h.id));
      got.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]?.score ?? NaN, 5));
    }
  });

  it('removes by swapping, replaces an id, and checks dimensions', () => {
    const all = items(unitVectors(200, 8, 3));
    const index = new ExactVectorIndex(8, 4);
    index.add(all);
    const gone = all.filter((_, i) => i % 3 === 0).map((item) => item.id);
    index.remove([...gone, 'unknown']);
    expect(index.size).toBe(200 - gone.length);
    const left = all.filter((item) => !gone.includes(item.id));
    for (const query of unitVectors(10, 8, 4)) {
      expect(index.search(query, 5).map((h) => h.id)).toEqual(
        bruteForce(left, query, 5).map((h) => h.id),
      );
    }
    const target = left[0] as { id: string; vector: Float32Array };
    index.add([{ id: 'c2', vector: target.vector }]);
    expect(index.size).toBe(200 - gone.length);
    expect(
      index
        .search(target.vector, 2)
        .map((h) => h.id)
        .sort(),
    ).toEqual([target.id, 'c2'].sort());
    expect(() => index.add([{ id: 'x', vector: new Float32Array(3) }])).toThrow(/3 dimensions/);
    expect(new ExactVectorIndex(8).search(target.vector, 5)).toEqual([]);
  });
});

describe('VoyVectorIndex (voy-search WASM)', () => {
  let voy: VoyModule;
  beforeAll(async () => {
    voy = await loadVoy(readFileSync(WASM));
  });

  it('loads once per realm', async () => {
    expect(await loadVoy(new Uint8Array())).toBe(voy);
  });

  for (const dim of [32, 384]) {
    it(`reaches recall@10 ≥ 0.9 against exact search at 2,000 × ${dim}`, () => {
      const all = items(unitVectors(2000, dim, dim));
      const index = createVectorIndex('voy', dim, voy);
      const started = performance.now();
      index.add(all);
      const built = performance.now() - started;
      const queries = unitVectors(40, dim, dim + 1);
      const recall = recallAt(index, all, queries, 10);
      console.info(
        `voy recall@10 at 2000×${dim}: ${recall.toFixed(3)} (build ${built.toFixed(0)} ms)`,
      );
      expect(index.kind).toBe('voy');
      expect(recall).toBeGreaterThanOrEqual(0.9);
      const hits = index.search(queries[0] as Float32Array, 10);
      for (let i = 1; i < hits.length; i++) {
        expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? Infinity);
      }
    });
  }

  it('adds and removes, and never returns a removed id', () => {
    const all = items(unitVectors(500, 16, 7));
    const index = new VoyVectorIndex(voy, 16);
    index.add(all.slice(0, 300));
    index.add(all.slice(300));
    expect(index.size).toBe(500);
    const gone = new Set(all.filter((_, i) => i % 2 === 0).map((item) => item.id));
    index.remove([...gone]);
    expect(index.size).toBe(250);
    const left = all.filter((item) => !gone.has(item.id));
    const queries = unitVectors(20, 16, 8);
    for (const query of queries) {
      for (const hit of index.search(query, 10)) expect(gone.has(hit.id)).toBe(false);
    }
    expect(recallAt(index, left, queries, 10)).toBeGreaterThanOrEqual(0.9);
    // Replacing an id moves it: the old point must not answer any more.
    const moved = left[0] as { id: string; vector: Float32Array };
    const elsewhere = all[0] as { id: string; vector: Float32Array };
    index.add([{ id: moved.id, vector: elsewhere.vector }]);
    expect(index.size).toBe(250);
    expect(index.search(elsewhere.vector, 1)[0]).toMatchObject({ id: moved.id });
    expect(index.search(elsewhere.vector, 1)[0]?.score).toBeCloseTo(1, 5);
  });

  it('answers an empty index and refuses to build without the module', () => {
    expect(new VoyVectorIndex(voy, 4).search(new Float32Array(4), 3)).toEqual([]);
    expect(() => createVectorIndex('voy', 4)).toThrow(/loadVoy/);
    expect(createVectorIndex('exact', 4).kind).toBe('exact');
  });
});
