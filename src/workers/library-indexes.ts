// Why this file exists: the library worker's two in-memory indexes are expensive to build, so
// they are loaded from what storage already holds — the keyword snapshot when it was taken at
// the current library version, the stored vectors of the current embedding model — and never
// by re-embedding. This file loads them and keeps the snapshot in step with each change; the
// library version tells when another tab changed the library and the indexes must reload.
import {
  KeywordIndex,
  KeywordSnapshotError,
  type IndexedChunkText,
} from '../core/rag/keyword-index';
import { createVectorIndex, type VectorIndex } from '../core/rag/vector-index';
import type { VoyModule } from '../core/rag/voy-module';
import {
  bumpLibraryVersion,
  deleteDocumentChunks,
  eachChunk,
  listDocuments,
  putChunks,
  putVectors,
  readKeywordSnapshot,
  vectorsOf,
  writeKeywordSnapshot,
  type Chunk,
  type ChunkVectorRow,
  type LibraryVersionChange,
} from '../storage';

/** Chunks read per batch when rebuilding the keyword index from storage. */
const REBUILD_BATCH = 2000;
/** A version no library has: indexes marked with it reload on the next call. */
export const STALE_VERSION = -1;

export type VectorIndexKind = 'voy' | 'exact';

/** The indexes of this worker, and the library state they reflect. */
export interface LibraryIndexes {
  /** The library version the indexes reflect (STALE_VERSION: reload before use). */
  version: number;
  /** The embedding model of `vector` (null: keyword only). */
  modelId: string | null;
  keyword: KeywordIndex;
  /** Created with the first vector when the model has none stored yet. */
  vector: VectorIndex | null;
}

/** Which vector index to build: voy when its module loads, else the exact scan. */
export type VoySource = () => Promise<VoyModule | null>;

export function keywordEntry(chunk: Chunk, documentName: string): IndexedChunkText {
  return {
    id: chunk.id,
    documentId: chunk.documentId,
    text: chunk.text,
    documentName,
    ...(chunk.section !== undefined ? { section: chunk.section } : {}),
  };
}

async function rebuildKeyword(version: number): Promise<KeywordIndex> {
  const names = new Map((await listDocuments()).map((d) => [d.id, d.name]));
  const keyword = new KeywordIndex();
  await eachChunk(REBUILD_BATCH, (chunks) => {
    keyword.add(chunks.map((c) => keywordEntry(c, names.get(c.documentId) ?? '')));
  });
  await writeKeywordSnapshot(keyword.toJSON(), version);
  return keyword;
}

async function loadKeyword(version: number): Promise<KeywordIndex> {
  const snapshot = await readKeywordSnapshot();
  if (snapshot?.version === version) {
    try {
      return KeywordIndex.fromJSON(snapshot.json);
    } catch (error) {
      if (!(error instanceof KeywordSnapshotError)) throw error;
      console.warn('Omnia: rebuilding the keyword index', error.message);
    }
  }
  return rebuildKeyword(version);
}

/** An empty vector index of `dim`: voy when available, else exact. */
export async function newVectorIndex(dim: number, voy: VoySource): Promise<VectorIndex> {
  const module = await voy();
  return module ? createVectorIndex('voy', dim, module) : createVectorIndex('exact', dim);
}

async function loadVector(modelId: string | null, voy: VoySource): Promise<VectorIndex | null> {
  if (modelId === null) return null;
  const rows = await vectorsOf(modelId);
  const first = rows[0];
  if (first === undefined) return null;
  const index = await newVectorIndex(first.vector.length, voy);
  index.add(rows.map((row) => ({ id: row.chunkId, vector: row.vector })));
  return index;
}

/** Loads both indexes for library `version` and model `modelId` from storage. */
export async function loadIndexes(
  version: number,
  modelId: string | null,
  voy: VoySource,
): Promise<LibraryIndexes> {
  const [keyword, vector] = await Promise.all([loadKeyword(version), loadVector(modelId, voy)]);
  return { version, modelId, keyword, vector };
}

/**
 * Follows one version bump this worker made: the indexes move with it when they were
 * current before it, and are marked stale when another tab changed the library meanwhile.
 */
export function advance(indexes: LibraryIndexes, change: LibraryVersionChange): void {
  indexes.version = indexes.version === change.from ? change.to : STALE_VERSION;
}

/** Saves the keyword snapshot at the indexes' version (nothing when they are stale). */
export async function saveSnapshot(indexes: LibraryIndexes): Promise<void> {
  if (indexes.version === STALE_VERSION) return;
  await writeKeywordSnapshot(indexes.keyword.toJSON(), indexes.version);
}

/** Adds stored vectors of `modelId` to the vector index, when it is that model's. */
export async function addVectors(
  indexes: LibraryIndexes,
  modelId: string,
  rows: readonly ChunkVectorRow[],
  voy: VoySource,
): Promise<void> {
  const first = rows[0];
  if (indexes.modelId !== modelId || first === undefined) return;
  indexes.vector ??= await newVectorIndex(first.vector.length, voy);
  indexes.vector.add(rows.map((r) => ({ id: r.chunkId, vector: r.vector })));
}

export interface DocumentContent {
  documentId: string;
  documentName: string;
  chunks: Chunk[];
  /** Vectors of the chunks from `indexes.modelId`'s model ([] when keyword only). */
  rows: ChunkVectorRow[];
}

/**
 * Stores a document's chunks and vectors in place of whatever it had, indexes them, bumps the
 * version and saves the snapshot. On failure it takes back everything it stored and rethrows.
 * Call it holding the worker's lock, with fresh indexes.
 */
export async function replaceDocument(
  indexes: LibraryIndexes,
  content: DocumentContent,
  voy: VoySource,
  now: number,
): Promise<void> {
  const { documentId, chunks, rows } = content;
  advance(indexes, (await deleteDocumentChunks(documentId)).version);
  indexes.keyword.removeDocument(documentId);
  indexes.vector?.remove(chunks.map((c) => c.id));
  try {
    await putChunks(chunks);
    await putVectors(rows);
    indexes.keyword.add(chunks.map((c) => keywordEntry(c, content.documentName)));
    const modelId = rows[0]?.modelId;
    if (modelId !== undefined) await addVectors(indexes, modelId, rows, voy);
    advance(indexes, await bumpLibraryVersion(undefined, now));
    await saveSnapshot(indexes);
  } catch (error) {
    indexes.keyword.removeDocument(documentId);
    indexes.vector?.remove(chunks.map((c) => c.id));
    await deleteDocumentChunks(documentId).then(
      (taken) => advance(indexes, taken.version),
      () => undefined,
    );
    throw error;
  }
}
