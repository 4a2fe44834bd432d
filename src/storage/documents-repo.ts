// Documents: the files in the person's Library, with their status, size, pages or rows and
// collections. Writes name the fields they change (Dexie `update`), so the ingest job moving
// a document along and the person filing it into a collection never overwrite each other.
import { getDatabase, type OmniaDatabase } from './db';
import { StorageWriteError, toStorageWriteError } from './errors';
import { bumpLibraryVersion, type LibraryVersionChange } from './library-index-repo';
import { onRowsChanged } from './row-changes';
import type { DocumentRecord } from './types';

export type DocumentPatch = Partial<Omit<DocumentRecord, 'id'>>;

export async function addDocument(
  row: DocumentRecord,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.documents.add(row);
  } catch (error) {
    throw toStorageWriteError(error, `adding the document "${row.name}"`);
  }
}

/** Changes only the given fields; a document deleted meanwhile stays deleted. */
export async function updateDocument(
  id: string,
  patch: DocumentPatch,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    await db.documents.update(id, patch);
  } catch (error) {
    throw toStorageWriteError(error, 'saving the document');
  }
}

export function getDocument(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<DocumentRecord | undefined> {
  return db.documents.get(id);
}

/** Every document, newest first. */
export function listDocuments(db: OmniaDatabase = getDatabase()): Promise<DocumentRecord[]> {
  return db.documents.orderBy('addedAt').reverse().toArray();
}

/**
 * Documents holding exactly these bytes (same SHA-256 and size), through the sha256 index: the
 * duplicate check costs one lookup however large the Library is.
 */
export async function documentsWithContent(
  sha256: string,
  size: number,
  db: OmniaDatabase = getDatabase(),
): Promise<DocumentRecord[]> {
  const found = await db.documents.where('sha256').equals(sha256).toArray();
  return found.filter((d) => d.size === size);
}

export function countDocuments(db: OmniaDatabase = getDatabase()): Promise<number> {
  return db.documents.count();
}

/** Newest first, as listDocuments reads them (ties: the larger id first, as IndexedDB does). */
function newestFirst(a: DocumentRecord, b: DocumentRecord): number {
  if (a.addedAt !== b.addedAt) return b.addedAt - a.addedAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Calls `onChange` with every document, newest first: once, then after each write to the
 * documents table (this tab or another). Only the rows a write changed are read again, and
 * the others are handed over as the same objects: an added file updates its row several times,
 * and reading a Library of thousands of documents for each of those made every add cost more
 * than the last. A change Dexie gives only as a range reads them all.
 */
export function watchDocuments(
  onChange: (documents: DocumentRecord[]) => void,
  db: OmniaDatabase = getDatabase(),
): () => void {
  let stopped = false;
  let rows: Map<string, DocumentRecord> | null = null;
  const readAll = async (): Promise<void> => {
    rows = new Map((await listDocuments(db)).map((d) => [d.id, d]));
  };
  const readSome = async (known: Map<string, DocumentRecord>, keys: readonly string[]) => {
    const found = await db.documents.bulkGet([...keys]);
    keys.forEach((key, i) => {
      const document = found[i];
      if (document) known.set(key, document);
      else known.delete(key);
    });
  };
  let chain = Promise.resolve();
  const run = (step: () => Promise<void>): void => {
    chain = chain
      .then(step)
      .then(() => {
        if (!stopped && rows) onChange([...rows.values()].sort(newestFirst));
      })
      .catch((error: unknown) => console.warn('Omnia: could not read documents', error));
  };
  run(readAll);
  const unwatch = onRowsChanged(['documents'], (changes) => {
    const keys = changes['documents'];
    run(() => (rows && keys ? readSome(rows, keys) : readAll()));
  });
  return () => {
    stopped = true;
    unwatch();
  };
}

export interface DeletedDocument {
  /** The chunks that were deleted with it (to take out of in-memory indexes). */
  chunkIds: string[];
  version: LibraryVersionChange;
}

/**
 * Deletes the document, its chunks and their vectors, its kept original file, and bumps the
 * library version, in one transaction: all of it goes, or nothing does.
 */
export async function deleteDocumentCascade(
  id: string,
  db: OmniaDatabase = getDatabase(),
): Promise<DeletedDocument> {
  try {
    return await db.transaction(
      'rw',
      [db.documents, db.chunks, db.chunkVectors, db.libraryIndex, db.documentSources],
      async () => {
        const chunkIds = await db.chunks.where('documentId').equals(id).primaryKeys();
        await db.chunks.bulkDelete(chunkIds);
        await db.chunkVectors.where('documentId').equals(id).delete();
        await db.documentSources.delete(id);
        await db.documents.delete(id);
        return { chunkIds, version: await bumpLibraryVersion(db, Date.now(), [id]) };
      },
    );
  } catch (error) {
    throw toStorageWriteError(error, 'deleting the document');
  }
}

/** Files the document into exactly these collections. */
export async function setDocumentCollections(
  id: string,
  collectionIds: readonly string[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  let updated: number;
  try {
    updated = await db.documents.update(id, { collectionIds: [...new Set(collectionIds)] });
  } catch (error) {
    throw toStorageWriteError(error, 'saving the document collections');
  }
  if (updated === 0) {
    throw new StorageWriteError(
      'not-found',
      'This document is no longer in the Library (it may have been deleted in another tab).',
    );
  }
}
