// The int8 vector index (the Library's default) against a brute-force float scan: exact ids
// and scores where int8 represents the data exactly, recall@10 ≥ 0.95 on clustered,
// anisotropic embeddings of a few thousand vectors (where the Hamming prefilter is in play),
// built at once or a batch at a time, on the WebAssembly SIMD kernels and on the JavaScript
// ones (which must agree to the bit); adds, replacements, removals, dimension checks, the empty
// index and k past the size. No timings here: bench/retrieval.bench.ts measures speed.
import { describe, expect, it } from 'vitest';
import { Int8VectorIndex } from '../../../../src/core/rag/int8-vector-index';
import { createVectorIndex, type VectorHit } from '../../../../src/core/rag/vector-index';
import { seededRandom } from '../../../../scripts/fixtures/fixture-bytes.ts';

type Item = { id: string; vector: Float32Array };

function dot(a: Float32Array, b: Float32Array): number {
  let total = 0;
  for (let d = 0; d < a.length; d++) total += a[d]! * b[d]!;
  return total;
}

function bruteForce(all: readonly Item[], query: Float32Array, k: number): VectorHit[] {
  return all
    .map(({ id, vector }) => ({ id, score: dot(vector, query) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, k);
}

const lengthOf = (v: Float32Array): number => Math.sqrt(dot(v, v));

/**
 * Embeddings shaped like sentence embeddings, in a space of their own (seeded): a shared
 * direction (unrelated vectors still have a cosine of ~0.3), 40 cluster centres of uneven
 * weight, a few dimensions several times larger than the rest; each vector normalised.
 * Returns a maker of `count` vectors near those clusters (queries: a wider spread).
 */
function embeddingSpace(dim: number, seed: number) {
  const next = seededRandom(seed);
  const normal = (): number =>
    Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const unit = (): Float32Array => {
    const v = Float32Array.from({ length: dim }, normal);
    const norm = lengthOf(v);
    return v.map((x) => x / norm);
  };
  const common = unit();
  const centres = Array.from({ length: 40 }, unit);
  const gain = Float32Array.from({ length: dim }, (_, d) => (d % 97 === 5 ? 3 : 1));
  return (count: number, spread = 0.9): Float32Array[] =>
    Array.from({ length: count }, () => {
      const centre = centres[Math.floor(next() ** 2 * centres.length)]!;
      const sigma = spread / Math.sqrt(dim);
      const v = Float32Array.from(
        { length: dim },
        (_, d) => (0.7 * common[d]! + centre[d]! + sigma * normal()) * gain[d]!,
      );
      const norm = lengthOf(v);
      return v.map((x) => x / norm);
    });
}

const items = (vectors: readonly Float32Array[], prefix = 'c'): Item[] =>
  vectors.map((vector, i) => ({ id: `${prefix}${i}`, vector }));

/** The exact top 10 of each query. */
const truthOf = (all: readonly Item[], queries: Float32Array[]): Set<string>[] =>
  queries.map((query) => new Set(bruteForce(all, query, 10).map((h) => h.id)));

function recallAt(index: Int8VectorIndex, truth: Set<string>[], queries: Float32Array[]): number {
  let found = 0;
  queries.forEach((query, q) => {
    found += index.search(query, 10).filter((h) => truth[q]!.has(h.id)).length;
  });
  return found / (queries.length * 10);
}

describe('Int8VectorIndex', () => {
  it('runs on WebAssembly SIMD in Node, and is the int8 kind', () => {
    const index = createVectorIndex('int8', 8);
    expect(index.kind).toBe('int8');
    expect((index as Int8VectorIndex).implementation).toBe('wasm-simd');
    expect(new Int8VectorIndex(8, { wasm: false }).implementation).toBe('js');
  });

  for (const wasm of [true, false]) {
    it(`matches brute force exactly where int8 holds the data exactly (${wasm ? 'wasm' : 'js'})`, () => {
      // Integer components with one ±127 quantise to themselves; a query of −1/0/1 too.
      const next = seededRandom(11);
      const all = items(
        Array.from({ length: 300 }, (_, i) => {
          const v = Float32Array.from({ length: 40 }, () => Math.round(next() * 200 - 100));
          v[i % 40] = i % 2 ? 127 : -127;
          return v;
        }),
      );
      const index = new Int8VectorIndex(40, { wasm });
      index.add(all);
      for (let q = 0; q < 20; q++) {
        const query = Float32Array.from({ length: 40 }, () => Math.floor(next() * 3) - 1);
        query[q] = 1;
        const got = index.search(query, 10);
        const expected = bruteForce(all, query, 10);
        expect(got.map((h) => h.id)).toEqual(expected.map((h) => h.id));
        got.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 6));
      }
    });
  }

  it('reaches recall@10 ≥ 0.95 on clustered embeddings, built at once or in batches', () => {
    const embeddings = embeddingSpace(384, 21);
    const all = items(embeddings(4000));
    const queries = embeddings(40, 1.2);
    const once = new Int8VectorIndex(384);
    once.add(all);
    const batched = new Int8VectorIndex(384);
    for (let i = 0; i < all.length; i += 150) batched.add(all.slice(i, i + 150));
    expect(batched.size).toBe(4000);
    const truth = truthOf(all, queries);
    const recallOnce = recallAt(once, truth, queries);
    const recallBatched = recallAt(batched, truth, queries);
    console.info(`int8 recall@10 at 4000×384: ${recallOnce} (at once), ${recallBatched} (batched)`);
    expect(recallOnce).toBeGreaterThanOrEqual(0.95);
    expect(recallBatched).toBeGreaterThanOrEqual(0.95);
    const hits = once.search(queries[0]!, 10);
    const exact = bruteForce(all, queries[0]!, 10);
    hits.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(exact[i]!.score, 2);
      if (i > 0) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hit.score);
    });
  }, 20_000);

  it('gives the same hits and scores on the JavaScript kernels as on WebAssembly', () => {
    const embeddings = embeddingSpace(96, 31);
    const all = items(embeddings(3000));
    const wasm = new Int8VectorIndex(96);
    const js = new Int8VectorIndex(96, { wasm: false });
    wasm.add(all);
    js.add(all);
    for (const query of embeddings(15)) {
      expect(js.search(query, 25)).toEqual(wasm.search(query, 25));
    }
  });

  it('adds, replaces and removes only what it is told, and never returns a removed id', () => {
    const embeddings = embeddingSpace(64, 41);
    const all = items(embeddings(2500));
    const index = new Int8VectorIndex(64);
    index.add(all.slice(0, 1000));
    index.add(all.slice(1000));
    expect(index.size).toBe(2500);
    const gone = new Set(all.filter((_, i) => i % 3 === 0).map((item) => item.id));
    index.remove([...gone, 'unknown', 'unknown']);
    expect(index.size).toBe(2500 - gone.size);
    const left = all.filter((item) => !gone.has(item.id));
    const queries = embeddings(20, 1.2);
    for (const query of queries) {
      for (const hit of index.search(query, 50)) expect(gone.has(hit.id)).toBe(false);
    }
    expect(recallAt(index, truthOf(left, queries), queries)).toBeGreaterThanOrEqual(0.95);
    // Replacing an id moves it; the same id twice in one call keeps the last vector.
    const moved = left[0]!;
    const elsewhere = all[0]!;
    index.add([
      { id: moved.id, vector: left[1]!.vector },
      { id: moved.id, vector: elsewhere.vector },
    ]);
    expect(index.size).toBe(2500 - gone.size);
    expect(index.search(elsewhere.vector, 1)[0]).toMatchObject({ id: moved.id });
    expect(index.search(elsewhere.vector, 1)[0]!.score).toBeCloseTo(1, 2);
    // Removing everything, then adding again, works from a clean slate.
    index.remove(all.map((item) => item.id));
    expect(index.size).toBe(0);
    expect(index.search(elsewhere.vector, 5)).toEqual([]);
    index.add(all.slice(0, 10));
    expect(index.search(all[3]!.vector, 1)[0]).toMatchObject({ id: all[3]!.id });
  });

  it('checks dimensions, answers the empty index, and k past the size', () => {
    expect(() => new Int8VectorIndex(0)).toThrow(/dimension/);
    expect(() => new Int8VectorIndex(2.5)).toThrow(/dimension/);
    const index = new Int8VectorIndex(16);
    expect(index.search(new Float32Array(16), 5)).toEqual([]);
    const all = items(embeddingSpace(16, 51)(7));
    expect(() => index.add([...all, { id: 'x', vector: new Float32Array(3) }])).toThrow(
      /3 dimensions/,
    );
    expect(index.size).toBe(0); // a bad vector in a batch adds none of it
    index.add(all);
    expect(() => index.search(new Float32Array(15), 3)).toThrow(/15 dimensions/);
    const hits = index.search(all[2]!.vector, 50);
    expect(hits.map((h) => h.id).sort()).toEqual(all.map((item) => item.id).sort());
    expect(hits[0]!.id).toBe(all[2]!.id);
    expect(index.search(all[2]!.vector, 0)).toEqual([]);
    // A zero vector is stored and found (score 0), and a zero query answers with scores of 0.
    index.add([{ id: 'zero', vector: new Float32Array(16) }]);
    expect(index.search(new Float32Array(16), 3).map((h) => h.score)).toEqual([0, 0, 0]);
  });
});
