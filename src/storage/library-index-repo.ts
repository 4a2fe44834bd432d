// The Library's derived state on this device: one vector per chunk and embedding model, the
// keyword index snapshot, and the library version — a counter bumped with every change to
// documents or chunks, so each tab's library worker can tell that its in-memory indexes are
// stale (another tab added or removed something) and a snapshot is trusted only when it was
// taken at the current version.
import type { Transaction } from 'dexie';
import { getDatabase, type OmniaDatabase } from './db';
import { toStorageWriteError } from './errors';
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

/** The current library version (0 for a library that never changed). */
export async function libraryVersion(db: OmniaDatabase = getDatabase()): Promise<number> {
  return (await versionRow(db))?.version ?? 0;
}

/**
 * Bumps the library version. Called inside a transaction that includes `libraryIndex`, it
 * joins it, so the change and the bump are committed together or not at all.
 */
export async function bumpLibraryVersion(
  db: OmniaDatabase = getDatabase(),
  now: number = Date.now(),
): Promise<LibraryVersionChange> {
  try {
    return await db.transaction('rw', db.libraryIndex, async () => {
      const from = (await versionRow(db))?.version ?? 0;
      await db.libraryIndex.put({ key: 'version', version: from + 1, updatedAt: now });
      return { from, to: from + 1 };
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

/**
 * Stores the keyword snapshot taken at `version`, but only while that is still the library
 * version: a snapshot that lost a race with another tab's change is dropped, not stored.
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
      if ((await libraryVersion(db)) !== version) return false;
      await db.libraryIndex.put({ key: 'keyword', version, json, updatedAt: now });
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
