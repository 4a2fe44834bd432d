// Adding a document longer than one embedding batch, on a real IndexedDB (fake-indexeddb) with
// the real fixture embedder: the batches embedded first are written while the next ones are
// embedded, the document is committed once (one version bump), and an add that fails on a
// later batch takes back every row it wrote.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParsedDocument } from '../../../../../src/core/ingest/types';
import {
  createLibraryEngine,
  LIBRARY_EMBED_BATCH,
  type LibraryEngine,
} from '../../../../../src/core/library/indexing/library-engine';
import { getModel } from '../../../../../src/models/catalog';
import { loadTransformersEmbedder } from '../../../../../src/models/engines/transformers/transformers-embedder';
import type { Embedder } from '../../../../../src/models/engines/types';
import {
  addDocument,
  chunksOfDocument,
  deleteAllData,
  libraryVersion,
  vectorCount,
} from '../../../../../src/storage';
import { diskSource } from '../../../models/engines/fixture-files';

const MODEL = 'omnia-fixture-embedder';
const CHUNKS = LIBRARY_EMBED_BATCH * 2 + 5;
const signal = new AbortController().signal;

/** One paragraph per page: one chunk each, with a word only that chunk has. */
function longDocument(tag: string): ParsedDocument {
  return {
    kind: 'pdf',
    pageCount: CHUNKS,
    warnings: [],
    blocks: Array.from({ length: CHUNKS }, (_, i) => ({
      kind: 'paragraph' as const,
      text: `Page ${i} of the ${tag} report: pump ${tag}word${i} checked.`,
      page: i + 1,
    })),
  };
}

async function addRecord(id: string): Promise<void> {
  await addDocument({
    id,
    name: `${id}.pdf`,
    mimeType: 'application/pdf',
    size: 1,
    addedAt: Date.now(),
    status: 'ready',
    collectionIds: [],
  });
}

describe('addDocument past one batch', () => {
  let real: Embedder;
  /** Embed calls from now on that fail (1: the next one). */
  let failOnCall = 0;
  let engine: LibraryEngine;

  beforeAll(async () => {
    await deleteAllData();
    real = await loadTransformersEmbedder({
      entry: getModel(MODEL),
      files: diskSource(MODEL),
      device: 'cpu',
    });
    // The real embedder; a later call can be made to fail, as a lost model or full memory would.
    const failing: Embedder = {
      ...real,
      countTokens: (texts) => real.countTokens(texts),
      embed: (texts, options) => {
        failOnCall -= 1;
        if (failOnCall === 0) return Promise.reject(new Error('the embedder ran out of memory'));
        return real.embed(texts, options);
      },
    };
    engine = createLibraryEngine({
      loadEmbedder: () => Promise.resolve(failing),
      loadVoy: () => Promise.reject(new Error('int8 only')),
      installedEmbeddingModels: () => Promise.resolve([MODEL]),
      now: () => Date.now(),
    });
  });
  afterAll(() => real.dispose());

  it('stores every chunk and vector and commits the document once', async () => {
    await addRecord('long');
    const version = await libraryVersion();
    const added = await engine.addDocument('long', longDocument('alpha'), signal);
    expect(added).toEqual({ chunkCount: CHUNKS, embedded: true });
    expect(await chunksOfDocument('long')).toHaveLength(CHUNKS);
    expect(await vectorCount(MODEL)).toBe(CHUNKS);
    expect(await libraryVersion()).toBe(version + 1);
    for (const i of [0, CHUNKS - 1]) {
      const found = await engine.search({ text: `alphaword${i}` });
      expect(found[0]?.chunkId).toBe(`long:${i}`);
    }
    expect((await engine.status()).indexed).toEqual({ keyword: CHUNKS, vector: CHUNKS });
  });

  it('takes back the batches it wrote when a later batch fails', async () => {
    await addRecord('broken');
    const before = await engine.status();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    failOnCall = 3; // the first two batches are embedded (and the first written), the third fails
    await expect(engine.addDocument('broken', longDocument('beta'), signal)).rejects.toThrow(
      'the embedder ran out of memory',
    );
    vi.restoreAllMocks();
    expect(await chunksOfDocument('broken')).toEqual([]);
    expect(await vectorCount(MODEL)).toBe(CHUNKS);
    const after = await engine.status();
    expect(after.chunks).toBe(before.chunks);
    expect(after.indexed).toEqual(before.indexed);
    const found = await engine.search({ text: 'betaword0 beta report' });
    expect(found.map((p) => p.documentId)).not.toContain('broken');
  });
});
