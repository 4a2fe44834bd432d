// Chunks: the retrievable passages of each document, in reading order, with the page, sheet
// and rows a citation points back to. Written by the library worker; read for indexing,
// citations and the passage side panel.
import Dexie from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import { bumpLibraryVersion, type LibraryVersionChange } from './library-index-repo';
import type { Chunk, ChunkVectorRow } from './types';
import { eachPageByKey } from './paged-read';

export async function putChunks(
  chunks: readonly Chunk[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  if (chunks.length === 0) return;
  try {
    await db.chunks.bulkPut([...chunks]);
  } catch (error) {
    throw toStorageWriteError(error, 'saving document passages');
  }
}

/** The chunks of one document, in reading order. */
export function chunksOfDocument(
  documentId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<Chunk[]> {
  return db.chunks
    .where('[documentId+order]')
    .between([documentId, Dexie.minKey], [documentId, Dexie.maxKey])
    .toArray();
}

/** The chunks with these ids, in the same order; a missing one is `undefined`. */
export function getChunks(
  ids: readonly string[],
  db: OmniaDatabase = getDatabase(),
): Promise<(Chunk | undefined)[]> {
  return db.chunks.bulkGet([...ids]);
}

function samePlace(a: Chunk, b: Chunk): boolean {
  return a.documentId === b.documentId && a.page === b.page && a.sheet === b.sheet;
}

/**
 * Up to `before` chunks just before `chunkId` and `after` just after it, in reading order,
 * stopping at the edge of its page or sheet; null when the chunk is gone.
 */
export async function chunkNeighbours(
  chunkId: string,
  before: number,
  after: number,
  db: OmniaDatabase = getDatabase(),
): Promise<{ chunk: Chunk; before: Chunk[]; after: Chunk[] } | null> {
  const chunk = await db.chunks.get(chunkId);
  if (!chunk) return null;
  const { documentId, order } = chunk;
  const around = await db.chunks
    .where('[documentId+order]')
    .between([documentId, order - before], [documentId, order + after], true, true)
    .toArray();
  const previous: Chunk[] = [];
  for (const c of around.filter((c) => c.order < order).reverse()) {
    if (!samePlace(c, chunk)) break;
    previous.unshift(c);
  }
  const next: Chunk[] = [];
  for (const c of around.filter((c) => c.order > order)) {
    if (!samePlace(c, chunk)) break;
    next.push(c);
  }
  return { chunk, before: previous, after: next };
}

export function countChunks(db: OmniaDatabase = getDatabase()): Promise<number> {
  return db.chunks.count();
}

/**
 * Calls `onBatch` with every chunk, `batchSize` at a time in id order. Each batch is its own
 * short read, so a large library never holds one long transaction open.
 */
export async function eachChunk(
  batchSize: number,
  onBatch: (chunks: Chunk[]) => void | Promise<void>,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  await eachPageByKey(db.chunks, (chunk) => chunk.id, batchSize, onBatch);
}

export function allChunks(db: OmniaDatabase = getDatabase()): Promise<Chunk[]> {
  return db.chunks.toArray();
}

/**
 * Deletes the chunks of a document and their vectors, leaving the document row (an ingest
 * that failed or was cancelled takes back what it stored), and bumps the library version.
 */
export async function deleteDocumentChunks(
  documentId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<{ chunkIds: string[]; version: LibraryVersionChange }> {
  try {
    return await db.transaction('rw', db.chunks, db.chunkVectors, db.libraryIndex, async () => {
      const chunkIds = await db.chunks.where('documentId').equals(documentId).primaryKeys();
      await db.chunks.bulkDelete(chunkIds);
      await db.chunkVectors.where('documentId').equals(documentId).delete();
      return { chunkIds, version: await bumpLibraryVersion(db, Date.now(), [documentId]) };
    });
  } catch (error) {
    throw toStorageWriteError(error, 'removing document passages');
  }
}

/**
 * Writes the passages of a document still being indexed, without their vectors and without
 * bumping the library version: a long document's rows are stored while it is being embedded.
 * replaceDocumentChunks(…, staged) then commits them, with the vectors, and the version; an
 * ingest that fails or is cancelled takes them back (deleteDocumentChunks).
 */
export function stageDocumentChunks(
  chunks: readonly Chunk[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  return putChunks(chunks, db);
}

/**
 * Puts `chunks` and their `vectors` in place of whatever the document had, and bumps the
 * library version, in one transaction: a reload sees the old passages or the new ones, never
 * a mix, and the journal row that tells the keyword index to read this document again is
 * committed with them. `staged`: the document's chunks were all written before
 * (stageDocumentChunks) and are kept, with whatever of their vectors was written; `vectors`
 * are the rest of theirs.
 * @returns the ids of the chunks it had before (to take out of in-memory indexes).
 */
export async function replaceDocumentChunks(
  documentId: string,
  chunks: readonly Chunk[],
  vectors: readonly ChunkVectorRow[],
  db: OmniaDatabase = getDatabase(),
  now: number = Date.now(),
  staged: ReadonlySet<string> = new Set(),
): Promise<{ chunkIds: string[]; version: LibraryVersionChange }> {
  try {
    return await db.transaction('rw', db.chunks, db.chunkVectors, db.libraryIndex, async () => {
      const oldIds = db.chunks.where('documentId').equals(documentId).primaryKeys();
      if (staged.size > 0) {
        // Every chunk was staged and every vector is one of theirs (keyed by the chunk's id): the
        // vectors are written at once, beside the read of what else the document had.
        const writes = db.chunkVectors.bulkPut([...vectors]);
        const chunkIds = await oldIds;
        const gone = chunkIds.filter((id) => !staged.has(id));
        await Promise.all([writes, db.chunks.bulkDelete(gone), db.chunkVectors.bulkDelete(gone)]);
        return { chunkIds, version: await bumpLibraryVersion(db, now, [documentId]) };
      }
      const chunkIds = await oldIds;
      await db.chunks.bulkDelete(chunkIds);
      await db.chunkVectors.where('documentId').equals(documentId).delete();
      if (chunks.length > 0) await db.chunks.bulkPut([...chunks]);
      if (vectors.length > 0) await db.chunkVectors.bulkPut([...vectors]);
      return { chunkIds, version: await bumpLibraryVersion(db, now, [documentId]) };
    });
  } catch (error) {
    throw toStorageWriteError(error, 'saving document passages');
  }
}
