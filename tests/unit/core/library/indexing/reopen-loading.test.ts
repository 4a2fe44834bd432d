// What a reload loads before the first answer, on a real IndexedDB (fake-indexeddb): the
// stored vectors come a batch at a time (never all rows at once) into the same index an all-at-
// once load builds, other models' rows skipped; the worker's copy of the document list is read
// once and again only after a write to the documents (through the app, or another connection
// as another tab has); and warming the engine loads the indexes and the real fixture embedder
// before any question, reporting the model's load from 0 to done.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addDocument,
  deleteAllData,
  deleteDocumentCascade,
  eachVectorOf,
  listDocuments,
  onRowsChanged,
  putVectors,
  updateDocument,
  type ChunkVectorRow,
  type DocumentRecord,
} from '../../../../../src/storage';
import { createDocumentCache } from '../../../../../src/core/library/indexing/document-cache';
import { loadVector, vectorIndexSource } from '../../../../../src/core/library/indexing/indexes';
import { createLibraryEngine } from '../../../../../src/core/library/indexing/library-engine';
import { getModel } from '../../../../../src/models/catalog';
import { loadTransformersEmbedder } from '../../../../../src/models/engines/transformers/transformers-embedder';
import type { TaskProgress } from '../../../../../src/workers/rpc';
import { diskSource } from '../../../models/engines/fixture-files';

const MODEL = 'omnia-fixture-embedder';
const OTHER = 'omnia-other-embedder';
const newIndex = vectorIndexSource('int8', () => Promise.resolve(null));
const vector = (seed: number, dim = 24): Float32Array =>
  Float32Array.from({ length: dim }, (_, d) => Math.sin(seed * 7.1 + d * 1.3));

function record(id: string, name: string): DocumentRecord {
  return {
    id,
    name,
    mimeType: 'text/plain',
    size: 1,
    addedAt: 1,
    status: 'ready',
    collectionIds: [],
  };
}

beforeEach(async () => {
  await deleteAllData();
});

describe('vectors load a batch at a time', () => {
  async function storeVectors(): Promise<ChunkVectorRow[]> {
    const rows: ChunkVectorRow[] = [];
    for (let i = 0; i < 23; i++) {
      // Interleaved with another model's rows, as during a re-index.
      rows.push({
        chunkId: `d${i % 5}:${i}`,
        documentId: `d${i % 5}`,
        modelId: MODEL,
        vector: vector(i),
      });
      if (i % 3 === 0) {
        rows.push({
          chunkId: `d${i % 5}:${i}x`,
          documentId: `d${i % 5}`,
          modelId: OTHER,
          vector: vector(-i),
        });
      }
    }
    await putVectors(rows);
    return rows.filter((r) => r.modelId === MODEL);
  }

  it('reads each of the model’s rows once, in batches no larger than asked', async () => {
    const mine = await storeVectors();
    const batches: string[][] = [];
    await eachVectorOf(MODEL, 4, (rows) => {
      batches.push(rows.map((r) => r.chunkId));
    });
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(4);
    expect(batches.flat().sort()).toEqual(mine.map((r) => r.chunkId).sort());
  });

  it('builds the same index as loading every row at once', async () => {
    const mine = await storeVectors();
    const whole = await newIndex(24);
    whole.add(mine.map((r) => ({ id: r.chunkId, vector: r.vector })));
    const added: number[] = [];
    const batched = await loadVector(
      MODEL,
      async (dim) => {
        const index = await newIndex(dim);
        const add = index.add.bind(index);
        index.add = (items) => {
          added.push(items.length);
          add(items);
        };
        return index;
      },
      5,
    );
    expect(batched?.size).toBe(mine.length);
    expect(Math.max(...added)).toBeLessThanOrEqual(5);
    for (let seed = 0; seed < 23; seed++) {
      expect(batched?.search(vector(seed), 3)).toEqual(whole.search(vector(seed), 3));
    }
    expect(await loadVector('omnia-no-vectors', newIndex)).toBeNull();
  });
});

describe('the worker’s copy of the document list', () => {
  function countedCache() {
    let reads = 0;
    const cache = createDocumentCache({
      read: () => {
        reads++;
        return listDocuments();
      },
      watch: onRowsChanged,
    });
    return { cache, reads: () => reads };
  }

  /** Dexie tells listeners once the write's transaction has committed: poll until it has. */
  const names = async (cache: ReturnType<typeof countedCache>['cache']) =>
    (await cache.get()).names;

  it('is read once, and again after an add, a rename, a delete or another connection’s write', async () => {
    await addDocument(record('a', 'a.txt'));
    const { cache, reads } = countedCache();
    expect((await cache.get()).names.get('a')).toBe('a.txt');
    await cache.get();
    expect(reads()).toBe(1);

    await addDocument(record('b', 'b.txt'));
    await expect.poll(async () => (await names(cache)).get('b')).toBe('b.txt');
    await updateDocument('a', { name: 'renamed.txt' });
    await expect.poll(async () => (await names(cache)).get('a')).toBe('renamed.txt');
    await deleteDocumentCascade('b');
    await expect.poll(async () => (await names(cache)).has('b')).toBe(false);
    expect(reads()).toBe(4);

    // Another tab writes through its own connection to the same database.
    const other = new Dexie('omnia');
    await other.open();
    await other.table('documents').update('a', { collectionIds: ['k1'] });
    other.close();
    await expect
      .poll(async () => (await cache.get()).documents.find((d) => d.id === 'a')?.collectionIds)
      .toEqual(['k1']);
    expect(reads()).toBe(5);
    cache.close();
  });
});

describe('warming the engine', () => {
  it('loads the indexes and the embedder before any question, reporting the model’s load', async () => {
    await addDocument(record('a', 'a.txt'));
    const engine = createLibraryEngine({
      loadEmbedder: (modelId, signal, onProgress) =>
        loadTransformersEmbedder({
          entry: getModel(modelId),
          files: diskSource(modelId),
          device: 'cpu',
          signal,
          ...(onProgress ? { onProgress } : {}),
        }),
      loadVoy: () => Promise.reject(new Error('unused')),
      installedEmbeddingModels: () => Promise.resolve([MODEL]),
      now: () => Date.now(),
    });
    expect((await engine.status()).indexed).toBeNull();
    const heard: TaskProgress[] = [];
    const warmed = await engine.warm((p) => {
      heard.push(p);
    });
    expect(warmed.embeddingModelId).toBe(MODEL);
    expect((await engine.status()).indexed).toEqual({ keyword: 0, vector: 0 });
    // Watchers hear each report a microtask later.
    await Promise.resolve();
    expect(heard[0]).toMatchObject({ progress: 0, text: MODEL });
    expect(heard.at(-1)).toMatchObject({ progress: 1, text: MODEL });
    expect(heard.map((p) => p.progress)).toEqual([...heard.map((p) => p.progress)].sort());

    // A rename reaches the next answer's citations (the cached names are dropped).
    await engine.addDocument(
      'a',
      {
        kind: 'txt',
        warnings: [],
        blocks: [{ kind: 'paragraph', text: 'The zircon pump is blue.' }],
      },
      new AbortController().signal,
    );
    expect((await engine.search({ text: 'zircon pump' }))[0]?.documentName).toBe('a.txt');
    await updateDocument('a', { name: 'pump notes.txt' });
    await expect
      .poll(async () => (await engine.search({ text: 'zircon pump' }))[0]?.documentName)
      .toBe('pump notes.txt');
  });
});
