// The keyword index kept as a snapshot plus a journal, on a real IndexedDB (fake-indexeddb):
// after any mix of adds, replacements and deletes, with the snapshot written at any point or
// never, a load equals an index built from scratch from the stored chunks; a tab killed after
// a change and before the snapshot loses nothing; a gap in the journal is noticed and rebuilt.
// The vector index (int8 by default) follows each change and loads back from stored vectors.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addDocument,
  deleteAllData,
  deleteDocumentCascade,
  journalBetween,
  libraryVersion,
  readKeywordSnapshot,
  type Chunk,
} from '../../../../../src/storage';
import { loadVoy } from '../../../../../src/core/rag/voy-module';
import { getDatabase } from '../../../../../src/storage/db';
import {
  advance,
  loadIndexes,
  replaceDocument,
  saveSnapshot,
  vectorIndexSource,
  type LibraryIndexes,
} from '../../../../../src/core/library/indexing/indexes';
import { createSnapshotScheduler } from '../../../../../src/core/library/indexing/snapshot-scheduler';

const newIndex = vectorIndexSource('int8', () => Promise.resolve(null));
const QUERIES = ['zircon', 'turbine pump', 'garantia', 'valve seal', 'doc3', 'papa quebec'];

function chunksOf(documentId: string, texts: string[]): Chunk[] {
  return texts.map((text, order) => ({
    id: `${documentId}:${order}`,
    documentId,
    order,
    text,
    tokenCount: text.split(' ').length,
  }));
}

async function add(indexes: LibraryIndexes, documentId: string, texts: string[]): Promise<void> {
  await replaceDocument(
    indexes,
    {
      documentId,
      documentName: `${documentId}.txt`,
      chunks: chunksOf(documentId, texts),
      rows: [],
    },
    newIndex,
    Date.now(),
  );
}

async function remove(indexes: LibraryIndexes, documentId: string): Promise<void> {
  const { chunkIds, version } = await deleteDocumentCascade(documentId);
  indexes.keyword.removeDocument(documentId);
  indexes.vector?.remove(chunkIds);
  advance(indexes, version);
}

/** Every query's hits, to compare two indexes by what they find. */
function answers(indexes: LibraryIndexes): unknown {
  return {
    size: indexes.keyword.size,
    hits: QUERIES.map((q) => indexes.keyword.search(q, { limit: 50 })),
  };
}

async function load(): Promise<LibraryIndexes> {
  return loadIndexes(await libraryVersion(), null, newIndex);
}

/** An index built from every stored chunk, with no snapshot or journal involved. */
async function rebuilt(): Promise<LibraryIndexes> {
  await getDatabase().libraryIndex.delete('keyword');
  return load();
}

beforeEach(async () => {
  await deleteAllData();
  for (let i = 0; i < 6; i++) {
    await addDocument({
      id: `doc${i}`,
      name: `doc${i}.txt`,
      mimeType: 'text/plain',
      size: 1,
      addedAt: i,
      status: 'ready',
      collectionIds: [],
    });
  }
});

describe('keyword index: snapshot + journal', () => {
  it('loads after adds, a replacement and deletes exactly as a fresh build, snapshot or not', async () => {
    const indexes = await load();
    await add(indexes, 'doc0', ['zircon turbine maintenance', 'pump valve seal']);
    await add(indexes, 'doc1', ['garantia da bomba', 'papa quebec romeo']);
    await add(indexes, 'doc2', ['turbine blades', 'doc3 is mentioned here']);
    expect(await saveSnapshot(indexes)).toBe(true);
    const snapshotAt = (await readKeywordSnapshot())?.version;
    // After the snapshot: one more add, a replacement, a delete — journal only.
    await add(indexes, 'doc3', ['valve seal gasket', 'zircon again']);
    await add(indexes, 'doc0', ['only papa now']);
    await remove(indexes, 'doc1');
    expect((await readKeywordSnapshot())?.version).toBe(snapshotAt);
    const span = await journalBetween(snapshotAt!, await libraryVersion());
    expect(span.complete).toBe(true);
    expect(span.documentIds.sort()).toEqual(['doc0', 'doc1', 'doc3']);

    const reloaded = await load();
    expect(reloaded.replayed).toBe(3);
    const expected = answers(await rebuilt());
    expect(answers(reloaded)).toEqual(expected);
    expect(answers(indexes)).toEqual(expected); // the live index agrees too
  });

  it('a tab killed after a change and before any snapshot loses nothing', async () => {
    const first = await load();
    await add(first, 'doc4', ['zircon turbine']);
    // No saveSnapshot: the tab is gone. Storage holds the chunks and the journal row together.
    const second = await load();
    expect(second.keyword.search('zircon', { limit: 5 }).map((h) => h.documentId)).toEqual([
      'doc4',
    ]);
    expect(answers(second)).toEqual(answers(await rebuilt()));
  });

  it('writing a snapshot drops the journal it covers, and an older one never replaces it', async () => {
    const a = await load();
    await add(a, 'doc0', ['zircon']);
    const stale = await load(); // another tab, at this version
    await add(a, 'doc1', ['turbine']);
    expect(await saveSnapshot(a)).toBe(true);
    const version = await libraryVersion();
    expect(await journalBetween(0, version)).toMatchObject({ complete: false });
    expect(await journalBetween(version, version)).toEqual({ complete: true, documentIds: [] });
    // The other tab's index is older: its snapshot is refused, and loads stay right.
    expect(await saveSnapshot(stale)).toBe(false);
    expect((await readKeywordSnapshot())?.version).toBe(version);
    expect(answers(await load())).toEqual(answers(await rebuilt()));
  });

  it('a gap in the journal is noticed: the index is rebuilt from the chunks', async () => {
    const indexes = await load();
    await add(indexes, 'doc0', ['zircon']);
    await saveSnapshot(indexes);
    await add(indexes, 'doc1', ['turbine']);
    await add(indexes, 'doc2', ['pump']);
    // Journal rows share the libraryIndex table under keys "journal:<version>".
    const table = getDatabase().table<{ key: string }, string>('libraryIndex');
    const keys = await table.toCollection().primaryKeys();
    const journal = keys.filter((k) => k.startsWith('journal:')).sort();
    await table.delete(journal[0]!);
    const reloaded = await load();
    expect(reloaded.replayed).toBe(0); // rebuilt, not replayed
    expect(reloaded.keyword.search('turbine', { limit: 5 }).map((h) => h.documentId)).toEqual([
      'doc1',
    ]);
    expect(answers(reloaded)).toEqual(answers(await rebuilt()));
  });

  it('a failed store changes neither storage nor the index', async () => {
    const indexes = await load();
    await add(indexes, 'doc0', ['zircon']);
    const before = { version: await libraryVersion(), answers: answers(indexes) };
    const bad = [{ ...chunksOf('doc1', ['turbine'])[0]!, id: undefined as unknown as string }];
    await expect(
      replaceDocument(
        indexes,
        { documentId: 'doc1', documentName: 'doc1.txt', chunks: bad, rows: [] },
        newIndex,
        Date.now(),
      ),
    ).rejects.toThrow();
    expect(await libraryVersion()).toBe(before.version);
    expect(answers(indexes)).toEqual(before.answers);
    expect(answers(await load())).toEqual(before.answers);
  });
});

describe('vector index', () => {
  const MODEL = 'omnia-test-embedder';
  const vector = (seed: number) =>
    Float32Array.from({ length: 24 }, (_, d) => Math.sin(seed * 7.1 + d * 1.3));

  async function put(indexes: LibraryIndexes, documentId: string, seeds: number[]) {
    const chunks = chunksOf(
      documentId,
      seeds.map((s) => `passage ${s}`),
    );
    const rows = chunks.map((c, i) => ({
      chunkId: c.id,
      documentId,
      modelId: MODEL,
      vector: vector(seeds[i]!),
    }));
    const content = { documentId, documentName: `${documentId}.txt`, chunks, rows };
    await replaceDocument(indexes, content, newIndex, Date.now());
  }

  it('is int8 by default, follows each change, and loads back from the stored vectors', async () => {
    const indexes = await loadIndexes(await libraryVersion(), MODEL, newIndex);
    expect(indexes.vector).toBeNull();
    await put(indexes, 'doc0', [0, 1, 2]);
    await put(indexes, 'doc1', [3, 4, 5]);
    await put(indexes, 'doc2', [6, 7, 8]);
    await put(indexes, 'doc1', [9, 10]); // replaced: its old vectors go
    expect(indexes.vector?.kind).toBe('int8');
    expect(indexes.vector?.size).toBe(8);
    expect(indexes.vector?.search(vector(9), 1)[0]?.id).toBe('doc1:0');
    expect(indexes.vector?.search(vector(4), 8).map((h) => h.id)).not.toContain('doc1:2');
    const loaded = await loadIndexes(await libraryVersion(), MODEL, newIndex);
    expect(loaded.vector?.kind).toBe('int8');
    for (let seed = 0; seed < 11; seed++) {
      expect(loaded.vector?.search(vector(seed), 4)).toEqual(
        indexes.vector?.search(vector(seed), 4),
      );
    }
  });

  it('builds voy when asked and its module loads, and int8 when it does not', async () => {
    const wasm = readFileSync(
      createRequire(import.meta.url).resolve('voy-search/voy_search_bg.wasm'),
    );
    const voy = vectorIndexSource('voy', () => loadVoy(wasm));
    expect((await voy(8)).kind).toBe('voy');
    const failing = vectorIndexSource('voy', () => Promise.resolve(null));
    expect((await failing(8)).kind).toBe('int8');
    expect(
      (await vectorIndexSource('exact', () => Promise.reject(new Error('unused')))(8)).kind,
    ).toBe('exact');
  });
});

describe('snapshot scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes after a quiet moment, at least every maxDelay during a run of changes, once', async () => {
    const save = vi.fn(() => Promise.resolve(true));
    const scheduler = createSnapshotScheduler(save, { idleMs: 100, maxDelayMs: 1000 }, () =>
      Date.now(),
    );
    for (let i = 0; i < 25; i++) {
      scheduler.changed();
      await vi.advanceTimersByTimeAsync(50); // never quiet for 100 ms
    }
    expect(save).toHaveBeenCalledTimes(1); // at 1000 ms, the longest it may wait
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(2); // the quiet moment after the run
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(await scheduler.flush()).toBe(true); // nothing pending: no write
    expect(save).toHaveBeenCalledTimes(2);
    expect(await scheduler.flush(true)).toBe(true);
    expect(save).toHaveBeenCalledTimes(3);
  });
});
