// The Library's repositories on a real IndexedDB (fake-indexeddb): cascades that leave no
// orphan chunk or vector, collections that vanish from every reference, neighbours that stay
// on their page, the library version, and what export/import/delete-all do to derived data.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  bumpLibraryVersion,
  chunkIdsWithVectors,
  chunkNeighbours,
  chunksOfDocument,
  CollectionNameError,
  countChunks,
  createCollection,
  createConversation,
  deleteCollection,
  deleteDocumentCascade,
  deleteDocumentChunks,
  deleteFinishedJobsOlderThan,
  deleteResearchSession,
  deleteVectorsNotOf,
  eachChunk,
  getChunks,
  getConversation,
  getDocument,
  getResearchSession,
  getSetting,
  libraryVersion,
  listCollections,
  listDocuments,
  listJobs,
  putChunks,
  putJob,
  putVectors,
  readKeywordSnapshot,
  renameCollection,
  renameResearchSession,
  saveResearchSession,
  setDocumentCollections,
  setSetting,
  updateDocument,
  updateJob,
  vectorCount,
  vectorsOf,
  watchDocuments,
  writeKeywordSnapshot,
  addDocument,
  deleteAllData,
  exportAllData,
  importAllData,
  type Chunk,
  type DocumentRecord,
} from '../../../src/storage';
import { getDatabase } from '../../../src/storage/db';
import { sampleRows } from './sample-rows';

function doc(id: string, addedAt: number, collectionIds: string[] = []): DocumentRecord {
  return {
    id,
    name: `${id}.pdf`,
    mimeType: 'application/pdf',
    size: 100,
    addedAt,
    status: 'ready',
    collectionIds,
  };
}

function chunk(documentId: string, order: number, place: Partial<Chunk> = {}): Chunk {
  return {
    id: `${documentId}:${order}`,
    documentId,
    order,
    text: `text ${documentId} ${order}`,
    tokenCount: 3,
    ...place,
  };
}

function vector(
  c: Chunk,
  modelId = 'm1',
): {
  chunkId: string;
  documentId: string;
  modelId: string;
  vector: Float32Array;
} {
  return { chunkId: c.id, documentId: c.documentId, modelId, vector: new Float32Array([1, 0]) };
}

beforeEach(async () => {
  await deleteAllData();
});

describe('documents and chunks', () => {
  it('lists newest first, patches only named fields, and watches changes', async () => {
    await addDocument(doc('a', 1));
    await addDocument(doc('b', 2));
    await updateDocument('a', { status: 'failed', chunkCount: 0 });
    expect((await listDocuments()).map((d) => d.id)).toEqual(['b', 'a']);
    expect(await getDocument('a')).toMatchObject({
      name: 'a.pdf',
      status: 'failed',
      chunkCount: 0,
    });

    const seen: string[][] = [];
    const stop = watchDocuments((docs) => seen.push(docs.map((d) => d.id)));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await addDocument(doc('c', 3));
    await expect.poll(() => seen.at(-1)).toEqual(['c', 'b', 'a']);
    stop();
  });

  it('deletes a document with its chunks and vectors in one go, and bumps the version', async () => {
    const aChunks = [chunk('a', 0), chunk('a', 1)];
    await addDocument(doc('a', 1));
    await addDocument(doc('b', 2));
    await putChunks([...aChunks, chunk('b', 0)]);
    await putVectors([...aChunks, chunk('b', 0)].map((c) => vector(c)));
    const before = await libraryVersion();

    const deleted = await deleteDocumentCascade('a');
    expect(deleted.chunkIds.sort()).toEqual(['a:0', 'a:1']);
    expect(deleted.version).toEqual({ from: before, to: before + 1 });
    expect(await libraryVersion()).toBe(before + 1);
    expect(await getDocument('a')).toBeUndefined();
    expect(await chunksOfDocument('a')).toEqual([]);
    expect([...(await chunkIdsWithVectors('m1'))]).toEqual(['b:0']);
    expect(await countChunks()).toBe(1);
  });

  it('takes back the chunks and vectors of a failed ingest but keeps the document', async () => {
    await addDocument(doc('a', 1));
    await putChunks([chunk('a', 0)]);
    await putVectors([vector(chunk('a', 0))]);
    const { chunkIds } = await deleteDocumentChunks('a');
    expect(chunkIds).toEqual(['a:0']);
    expect(await getDocument('a')).toBeDefined();
    expect(await vectorCount('m1')).toBe(0);
  });

  it('reads chunks in order, by id with gaps, and in batches', async () => {
    await putChunks([chunk('a', 2), chunk('a', 0), chunk('a', 1), chunk('b', 0)]);
    expect((await chunksOfDocument('a')).map((c) => c.order)).toEqual([0, 1, 2]);
    expect((await getChunks(['a:1', 'gone', 'b:0'])).map((c) => c?.id)).toEqual([
      'a:1',
      undefined,
      'b:0',
    ]);
    const batches: string[][] = [];
    await eachChunk(3, (batch) => {
      batches.push(batch.map((c) => c.id));
    });
    expect(batches).toEqual([['a:0', 'a:1', 'a:2'], ['b:0']]);
  });

  it('gives neighbours on the same page or sheet only, in reading order', async () => {
    await putChunks([
      chunk('p', 0, { page: 1 }),
      chunk('p', 1, { page: 2 }),
      chunk('p', 2, { page: 2 }),
      chunk('p', 3, { page: 2 }),
      chunk('p', 4, { page: 3 }),
      chunk('x', 0, { sheet: 'A', rows: [1, 5] }),
      chunk('x', 1, { sheet: 'B', rows: [1, 5] }),
    ]);
    const around = await chunkNeighbours('p:2', 2, 2);
    expect(around?.chunk.id).toBe('p:2');
    expect(around?.before.map((c) => c.id)).toEqual(['p:1']);
    expect(around?.after.map((c) => c.id)).toEqual(['p:3']);
    const wide = await chunkNeighbours('p:3', 5, 5);
    expect(wide?.before.map((c) => c.id)).toEqual(['p:1', 'p:2']);
    expect(wide?.after).toEqual([]);
    expect((await chunkNeighbours('x:0', 1, 1))?.after).toEqual([]);
    expect(await chunkNeighbours('missing', 1, 1)).toBeNull();
  });
});

describe('collections', () => {
  it('trims names and refuses empty and case-insensitive duplicates with a clear message', async () => {
    const k = await createCollection('  Pesquisa  ', { now: 5 });
    expect(k).toMatchObject({ name: 'Pesquisa', createdAt: 5 });
    await expect(createCollection('   ')).rejects.toThrow(/needs a name/);
    const error: unknown = await createCollection('PESQUISA').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CollectionNameError);
    expect((error as CollectionNameError).kind).toBe('duplicate');
    expect((error as Error).message).toBe(
      'There is already a collection called "Pesquisa". Choose another name.',
    );
    const other = await createCollection('Contratos');
    await expect(renameCollection(other.id, 'pesquisa')).rejects.toThrow(/already a collection/);
    await renameCollection(k.id, 'pesquisa'); // its own name in another case is fine
    expect((await listCollections()).map((c) => c.name)).toEqual(['Contratos', 'pesquisa']);
  });

  it('deleting one removes it from every document and conversation, keeping the rest', async () => {
    const a = await createCollection('A');
    const b = await createCollection('B');
    await addDocument(doc('d1', 1, [a.id, b.id]));
    await addDocument(doc('d2', 2, [a.id]));
    await createConversation({ id: 'c1', title: 't', now: 1 });
    await getDatabase().conversations.update('c1', { collectionIds: [a.id, b.id] });
    await setDocumentCollections('d2', [a.id, a.id]);
    expect((await getDocument('d2'))?.collectionIds).toEqual([a.id]);

    await deleteCollection(a.id);
    expect((await getDocument('d1'))?.collectionIds).toEqual([b.id]);
    expect((await getDocument('d2'))?.collectionIds).toEqual([]);
    expect((await getConversation('c1'))?.collectionIds).toEqual([b.id]);
    expect((await listCollections()).map((c) => c.name)).toEqual(['B']);
    await expect(setDocumentCollections('gone', [b.id])).rejects.toThrow(
      /no longer in the Library/,
    );
  });
});

describe('library index state', () => {
  it('stores a snapshot only while its version is current', async () => {
    const { to } = await bumpLibraryVersion();
    expect(await writeKeywordSnapshot('{"a":1}', to)).toBe(true);
    expect(await readKeywordSnapshot()).toEqual({ json: '{"a":1}', version: to });
    expect(await writeKeywordSnapshot('{"stale":1}', to - 1)).toBe(false);
    expect((await readKeywordSnapshot())?.json).toBe('{"a":1}');
  });

  it('keeps the vectors of one model only when asked', async () => {
    await putVectors([vector(chunk('a', 0), 'm1'), vector(chunk('a', 1), 'm2')]);
    expect((await vectorsOf('m1')).map((v) => v.chunkId)).toEqual(['a:0']);
    expect((await vectorsOf('m1'))[0]?.vector).toBeInstanceOf(Float32Array);
    await deleteVectorsNotOf('m2');
    expect(await vectorCount('m1')).toBe(0);
    expect(await vectorCount('m2')).toBe(1);
    await deleteVectorsNotOf(null);
    expect(await vectorCount('m2')).toBe(0);
  });
});

describe('research sessions, jobs and the embedding setting', () => {
  it('saves, renames and deletes research sessions', async () => {
    const [session] = sampleRows().researchSessions;
    await saveResearchSession(session!);
    await renameResearchSession('r1', '  Novo título ');
    expect(await getResearchSession('r1')).toEqual({ ...session, title: 'Novo título' });
    await deleteResearchSession('r1');
    expect(await getResearchSession('r1')).toBeUndefined();
    await expect(renameResearchSession('r1', 'x')).rejects.toThrow(/no longer exists/);
  });

  it('lists jobs by kind and forgets only old finished ones', async () => {
    const job = { progress: 0, createdAt: 0, status: 'done' as const };
    await putJob({ ...job, id: 'old-done', kind: 'ingest', updatedAt: 100 });
    await putJob({ ...job, id: 'old-running', kind: 'ingest', status: 'running', updatedAt: 100 });
    await putJob({ ...job, id: 'new-failed', kind: 'reindex', status: 'failed', updatedAt: 900 });
    await updateJob('old-running', { progress: 0.5 });
    expect((await listJobs('ingest')).map((j) => j.id).sort()).toEqual(['old-done', 'old-running']);
    expect(await deleteFinishedJobsOlderThan(500, 1000)).toBe(1);
    expect((await listJobs()).map((j) => j.id)).toEqual(['new-failed', 'old-running']);
  });

  it('remembers null (keyword only) apart from unset (auto)', async () => {
    expect(await getSetting('libraryEmbeddingModelId')).toBeUndefined();
    await setSetting('libraryEmbeddingModelId', null);
    expect(await getSetting('libraryEmbeddingModelId')).toBeNull();
    await setSetting('libraryEmbeddingModelId', 'omnia-fixture-embedder');
    expect(await getSetting('libraryEmbeddingModelId')).toBe('omnia-fixture-embedder');
  });
});

describe('export, import and delete-all with the Library', () => {
  it('exports research sessions but never vectors or snapshots, and import clears them', async () => {
    const rows = sampleRows();
    await saveResearchSession(rows.researchSessions[0]!);
    await addDocument(doc('a', 1));
    await putChunks([chunk('a', 0)]);
    await putVectors([vector(chunk('a', 0))]);
    const { to } = await bumpLibraryVersion();
    await writeKeywordSnapshot('{"k":1}', to);

    const file = await exportAllData();
    const text = await file.text();
    const tables = (JSON.parse(text) as { tables: Record<string, unknown[]> }).tables;
    expect(tables['researchSessions']).toHaveLength(1);
    expect(Object.keys(tables)).not.toContain('chunkVectors');
    expect(Object.keys(tables)).not.toContain('libraryIndex');

    const summary = await importAllData(file);
    expect(summary.tables.researchSessions).toBe(1);
    expect(await getResearchSession('r1')).toEqual(rows.researchSessions[0]);
    expect(await countChunks()).toBe(1);
    // Derived from the replaced data: gone, and the version moved on so every tab reloads.
    expect(await vectorCount('m1')).toBe(0);
    expect(await readKeywordSnapshot()).toBeUndefined();
    expect(await libraryVersion()).toBeGreaterThan(to);
  });

  it('delete-all clears vectors and the snapshot with the documents', async () => {
    await addDocument(doc('a', 1));
    await putChunks([chunk('a', 0)]);
    await putVectors([vector(chunk('a', 0))]);
    const { to } = await bumpLibraryVersion();
    await writeKeywordSnapshot('{"k":1}', to);
    await deleteAllData();
    expect(await countChunks()).toBe(0);
    expect(await vectorCount('m1')).toBe(0);
    expect(await readKeywordSnapshot()).toBeUndefined();
    expect(await libraryVersion()).toBe(to + 1);
  });
});
