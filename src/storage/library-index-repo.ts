// The Library's derived state on this device: one vector per chunk and embedding model, the
// keyword index snapshot, and the library version — a counter bumped with every change to
// documents or chunks, so each tab's library worker can tell that its in-memory indexes are
// stale (another tab added or removed something).
//
// The keyword index is kept as a snapshot plus a journal. Every bump writes a journal row
// naming the documents that changed, in the same transaction as the change itself, so a
// snapshot taken at an older version is brought up to date by reading just those documents
// again: an add costs one small row, not a rewrite of the whole index, and a reload never loses
// a document whose chunks were committed. Writing a snapshot drops the rows it covers.
import type { Transaction } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
import { eachPageByKey } from './paged-read';
import type { ChunkVectorRow, LibraryIndexRow } from './types';

/** What one bump did: `from` is the version before, `to` after (always from + 1). */
export interface LibraryVersionChange {
  from: number;
  to: number;
}

export interface KeywordSnapshot {
  json: string;
  /** The library version the snapshot was taken at. */
  version: number;
}

export async function putVectors(
  rows: readonly ChunkVectorRow[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  if (rows.length === 0) return;
  try {
    await db.chunkVectors.bulkPut([...rows]);
  } catch (error) {
    throw toStorageWriteError(error, 'saving document embeddings');
  }
}

/** Every stored vector of `modelId` (to load an index without embedding anything). */
export function vectorsOf(
  modelId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<ChunkVectorRow[]> {
  return db.chunkVectors.where('modelId').equals(modelId).toArray();
}

/**
 * The stored vectors of `modelId`, `batchSize` rows at a time in chunk-id order, so a caller can
 * index them as they come without holding every row at once. Paged by primary key: each page
 * starts where the last ended, however many rows came before. Rows of other models (present only
 * while a re-index replaces them) are read and skipped.
 */
export async function eachVectorOf(
  modelId: string,
  batchSize: number,
  onBatch: (rows: ChunkVectorRow[]) => void | Promise<void>,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  await eachPageByKey(
    db.chunkVectors,
    (row) => row.chunkId,
    batchSize,
    async (page) => {
      const rows = page.filter((row) => row.modelId === modelId);
      if (rows.length > 0) await onBatch(rows);
    },
  );
}

export function vectorCount(modelId: string, db: OmniaDatabase = getDatabase()): Promise<number> {
  return db.chunkVectors.where('modelId').equals(modelId).count();
}

/** Ids of the chunks that have a vector from `modelId`. */
export async function chunkIdsWithVectors(
  modelId: string,
  db: OmniaDatabase = getDatabase(),
): Promise<Set<string>> {
  const keys = await db.chunkVectors.where('modelId').equals(modelId).primaryKeys();
  return new Set(keys);
}

export async function deleteVectors(
  chunkIds: readonly string[],
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  if (chunkIds.length === 0) return;
  try {
    await db.chunkVectors.bulkDelete([...chunkIds]);
  } catch (error) {
    throw toStorageWriteError(error, 'deleting document embeddings');
  }
}

/** Drops the vectors of every other model (after the embedding model changed). */
export async function deleteVectorsNotOf(
  modelId: string | null,
  db: OmniaDatabase = getDatabase(),
): Promise<void> {
  try {
    if (modelId === null) await db.chunkVectors.clear();
    else await db.chunkVectors.where('modelId').notEqual(modelId).delete();
  } catch (error) {
    throw toStorageWriteError(error, 'deleting old embeddings');
  }
}

async function versionRow(db: OmniaDatabase): Promise<LibraryIndexRow | undefined> {
  return db.libraryIndex.get('version');
}

/**
 * A journal row, kept in the libraryIndex table beside the version and the snapshot (so
 * whatever clears that table clears the journal with it): which documents one bump changed.
 */
interface JournalRow {
  /** `journal:` and the version, zero-padded so keys sort as the versions do. */
  key: string;
  version: number;
  documentIds: string[];
  updatedAt: number;
}

const JOURNAL_PREFIX = 'journal:';

function journalKey(version: number): string {
  return `${JOURNAL_PREFIX}${String(version).padStart(15, '0')}`;
}

function journalTable(db: OmniaDatabase) {
  return db.table<JournalRow, string>(db.libraryIndex.name);
}

/** The current library version (0 for a library that never changed). */
export async function libraryVersion(db: OmniaDatabase = getDatabase()): Promise<number> {
  return (await versionRow(db))?.version ?? 0;
}

/**
 * Bumps the library version and journals which documents changed (none for a change of
 * vectors only). Called inside a transaction that includes `libraryIndex`, it joins it, so
 * the change, the bump and its journal row are committed together or not at all.
 */
export async function bumpLibraryVersion(
  db: OmniaDatabase = getDatabase(),
  now: number = Date.now(),
  documentIds: readonly string[] = [],
): Promise<LibraryVersionChange> {
  try {
    return await db.transaction('rw', db.libraryIndex, async () => {
      const from = (await versionRow(db))?.version ?? 0;
      const to = from + 1;
      await db.libraryIndex.put({ key: 'version', version: to, updatedAt: now });
      await journalTable(db).put({
        key: journalKey(to),
        version: to,
        documentIds: [...new Set(documentIds)],
        updatedAt: now,
      });
      return { from, to };
    });
  } catch (error) {
    throw toStorageWriteError(error, 'saving the library index');
  }
}

/** The keyword snapshot, or undefined when none was written (or it was cleared). */
export async function readKeywordSnapshot(
  db: OmniaDatabase = getDatabase(),
): Promise<KeywordSnapshot | undefined> {
  const row = await db.libraryIndex.get('keyword');
  if (row?.json === undefined) return undefined;
  return { json: row.json, version: row.version };
}

/** What changed between two library versions, from the journal. */
export interface JournalSpan {
  /** Whether every bump in the span left its row (false: rebuild instead of replaying). */
  complete: boolean;
  /** The documents changed in the span (added, replaced or deleted), each once. */
  documentIds: string[];
}

/** The documents changed after version `after` up to and including version `upTo`. */
export async function journalBetween(
  after: number,
  upTo: number,
  db: OmniaDatabase = getDatabase(),
): Promise<JournalSpan> {
  if (upTo <= after) return { complete: upTo === after, documentIds: [] };
  const rows = await journalTable(db)
    .where(':id')
    .between(journalKey(after + 1), journalKey(upTo), true, true)
    .toArray();
  const documentIds = new Set<string>();
  for (const row of rows) for (const id of row.documentIds) documentIds.add(id);
  return { complete: rows.length === upTo - after, documentIds: [...documentIds] };
}

/**
 * Stores the keyword snapshot taken at `version` and drops the journal rows it covers. A
 * snapshot older than the one stored (another tab saved a newer one) is dropped, not stored;
 * one at an older version than the library's is fine: the journal covers the rest.
 * @returns whether it was stored.
 */
export async function writeKeywordSnapshot(
  json: string,
  version: number,
  db: OmniaDatabase = getDatabase(),
  now: number = Date.now(),
): Promise<boolean> {
  try {
    return await db.transaction('rw', db.libraryIndex, async () => {
      if (version > (await libraryVersion(db))) return false;
      const stored = await db.libraryIndex.get('keyword');
      if (stored?.json !== undefined && stored.version > version) return false;
      await db.libraryIndex.put({ key: 'keyword', version, json, updatedAt: now });
      await journalTable(db)
        .where(':id')
        .between(journalKey(0), journalKey(version), true, true)
        .delete();
      return true;
    });
  } catch (error) {
    throw toStorageWriteError(error, 'saving the keyword index');
  }
}

/**
 * Inside a transaction over both derived tables: forgets every vector and the snapshot and
 * bumps the version (import and "delete my data" replace the data they were computed from).
 */
export async function resetLibraryIndex(tx: Transaction, now: number = Date.now()): Promise<void> {
  const vectors = tx.table<ChunkVectorRow, string>('chunkVectors');
  const index = tx.table<LibraryIndexRow, string>('libraryIndex');
  const from = (await index.get('version'))?.version ?? 0;
  await vectors.clear();
  await index.clear();
  await index.put({ key: 'version', version: from + 1, updatedAt: now });
}
