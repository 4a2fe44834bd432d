// Why this file exists: the library worker's two in-memory indexes are expensive to build, so
// they are loaded from what storage already holds — the keyword snapshot brought up to date
// by the journal of documents changed since it was taken, the stored vectors of the current
// embedding model — and never by re-embedding. Each change is committed to storage first (one
// transaction with its journal row) and then applied in memory; the snapshot itself is written
// now and then (library-snapshots.ts), not per change. The library version tells when another
// tab changed the library and the indexes must reload.
import { KeywordIndex, KeywordSnapshotError, type IndexedChunkText } from '../../rag/keyword-index';
import { createVectorIndex, type VectorIndex, type VectorIndexKind } from '../../rag/vector-index';
import type { VoyModule } from '../../rag/voy-module';
import { timed } from './phase-timing';
import {
  chunksOfDocument,
  eachChunk,
  eachVectorOf,
  getDocument,
  journalBetween,
  listDocuments,
  readKeywordSnapshot,
  replaceDocumentChunks,
  writeKeywordSnapshot,
  type Chunk,
  type ChunkVectorRow,
  type LibraryVersionChange,
} from '../../../storage';

/** Chunks read per batch when rebuilding the keyword index from storage. */
const REBUILD_BATCH = 2000;
/** Stored vectors read per batch when loading the vector index (the index quantises as they come). */
export const VECTOR_LOAD_BATCH = 2000;
/** A version no library has: indexes marked with it reload on the next call. */
export const STALE_VERSION = -1;

export type { VectorIndexKind } from '../../rag/vector-index';

/** The indexes of this worker, and the library state they reflect. */
export interface LibraryIndexes {
  /** The library version the indexes reflect (STALE_VERSION: reload before use). */
  version: number;
  /** The version of the keyword snapshot in storage, as far as this worker knows. */
  savedVersion: number;
  /** Documents read again from storage on load because the snapshot predates them. */
  replayed: number;
  /** The embedding model of `vector` (null: keyword only). */
  modelId: string | null;
  keyword: KeywordIndex;
  /** Created with the first vector when the model has none stored yet. */
  vector: VectorIndex | null;
}

/** Makes an empty vector index of a dimension, of the kind this worker runs. */
export type VectorIndexSource = (dim: number) => Promise<VectorIndex>;

/**
 * The source of `kind` indexes: 'int8' by default (bench/retrieval.bench.ts: the one that meets
 * the goal at 100k and 1M chunks); 'voy' loads voy-search first and builds int8 when it does
 * not load. Nothing of the vector index is persisted: it is rebuilt from the stored vectors.
 */
export function vectorIndexSource(
  kind: VectorIndexKind,
  loadVoy: () => Promise<VoyModule | null>,
): VectorIndexSource {
  return async (dim) => {
    if (kind !== 'voy') return createVectorIndex(kind, dim);
    const module = await loadVoy();
    return module ? createVectorIndex('voy', dim, module) : createVectorIndex('int8', dim);
  };
}

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

/** Reads each document's chunks again from storage into `keyword` (gone ones: taken out). */
async function refreshDocuments(keyword: KeywordIndex, documentIds: readonly string[]) {
  for (const documentId of documentIds) {
    keyword.removeDocument(documentId);
    const [chunks, document] = await Promise.all([
      chunksOfDocument(documentId),
      getDocument(documentId),
    ]);
    if (chunks.length > 0) keyword.add(chunks.map((c) => keywordEntry(c, document?.name ?? '')));
  }
}

interface LoadedKeyword {
  keyword: KeywordIndex;
  savedVersion: number;
  replayed: number;
}

/**
 * The keyword index at `version`: the snapshot plus the documents the journal says changed
 * since it was taken; rebuilt from every chunk when there is no usable snapshot or the journal
 * does not cover the gap.
 */
async function loadKeyword(version: number): Promise<LoadedKeyword> {
  const snapshot = await timed('snapshot-read', () => readKeywordSnapshot());
  if (snapshot !== undefined && snapshot.version <= version) {
    const span = await journalBetween(snapshot.version, version);
    if (span.complete) {
      try {
        const keyword = await timed('parse', () =>
          Promise.resolve(KeywordIndex.fromJSON(snapshot.json)),
        );
        await timed('journal-replay', () => refreshDocuments(keyword, span.documentIds));
        return { keyword, savedVersion: snapshot.version, replayed: span.documentIds.length };
      } catch (error) {
        if (!(error instanceof KeywordSnapshotError)) throw error;
        console.warn('Omnia: rebuilding the keyword index', error.message);
      }
    }
  }
  const keyword = await timed('keyword-rebuild', () => rebuildKeyword(version));
  return { keyword, savedVersion: version, replayed: 0 };
}

/**
 * The vector index of `modelId`'s stored vectors, read a batch at a time and added as they come,
 * so the float rows of the whole library are never held at once (the int8 index keeps a quarter
 * of their size). Null when the model has no vectors.
 */
export async function loadVector(
  modelId: string | null,
  newIndex: VectorIndexSource,
  batchSize: number = VECTOR_LOAD_BATCH,
): Promise<VectorIndex | null> {
  if (modelId === null) return null;
  let index: VectorIndex | null = null;
  await eachVectorOf(modelId, batchSize, async (rows) => {
    index ??= await newIndex(rows[0]!.vector.length);
    index.add(rows.map((row) => ({ id: row.chunkId, vector: row.vector })));
  });
  return index;
}

/** Loads both indexes for library `version` and model `modelId` from storage. */
export async function loadIndexes(
  version: number,
  modelId: string | null,
  newIndex: VectorIndexSource,
): Promise<LibraryIndexes> {
  const [loaded, vector] = await Promise.all([
    loadKeyword(version),
    timed('vector-load', () => loadVector(modelId, newIndex)),
  ]);
  const { keyword, savedVersion, replayed } = loaded;
  return { version, savedVersion, replayed, modelId, keyword, vector };
}

/**
 * Follows one version bump this worker made: the indexes move with it when they were
 * current before it, and are marked stale when another tab changed the library meanwhile.
 */
export function advance(indexes: LibraryIndexes, change: LibraryVersionChange): void {
  indexes.version = indexes.version === change.from ? change.to : STALE_VERSION;
}

/**
 * Saves the keyword snapshot at the indexes' version when it is newer than the stored one
 * (nothing when they are stale). Costs a serialisation of the whole index: called now and then,
 * never per change. @returns whether storage now holds a snapshot at the indexes' version.
 */
export async function saveSnapshot(indexes: LibraryIndexes): Promise<boolean> {
  if (indexes.version === STALE_VERSION) return false;
  if (indexes.savedVersion === indexes.version) return true;
  const version = indexes.version;
  const saved = await writeKeywordSnapshot(indexes.keyword.toJSON(), version);
  if (saved) indexes.savedVersion = version;
  return saved;
}

/** Adds stored vectors of `modelId` to the vector index, when it is that model's. */
export async function addVectors(
  indexes: LibraryIndexes,
  modelId: string,
  rows: readonly ChunkVectorRow[],
  newIndex: VectorIndexSource,
): Promise<void> {
  const first = rows[0];
  if (indexes.modelId !== modelId || first === undefined) return;
  indexes.vector ??= await newIndex(first.vector.length);
  indexes.vector.add(rows.map((r) => ({ id: r.chunkId, vector: r.vector })));
}

export interface DocumentContent {
  documentId: string;
  documentName: string;
  chunks: Chunk[];
  /** Vectors of the chunks from `indexes.modelId`'s model ([] when keyword only). */
  rows: ChunkVectorRow[];
  /** Chunks already written by stageDocumentChunks (indexed here, not written again). */
  staged?: ReadonlySet<string> | undefined;
  /** Of those, the chunks whose vectors are stored too. */
  stagedVectors?: ReadonlySet<string> | undefined;
}

/** Puts the document's passages in the keyword index in place of its old ones. */
function indexKeywords(
  indexes: LibraryIndexes,
  content: DocumentContent,
): { error: unknown } | null {
  try {
    indexes.keyword.removeDocument(content.documentId);
    indexes.keyword.add(content.chunks.map((c) => keywordEntry(c, content.documentName)));
    return null;
  } catch (error) {
    return { error };
  }
}

/**
 * Stores a document's chunks and vectors in place of whatever it had (one transaction, with
 * the version bump and its journal row), then indexes them in memory (a staged document: while
 * storage commits). A failure to store leaves storage and indexes as they were (a staged
 * document's indexes: marked stale, to reload). Call it holding the worker's lock, with fresh
 * indexes; the caller schedules the snapshot.
 */
export async function replaceDocument(
  indexes: LibraryIndexes,
  content: DocumentContent,
  newIndex: VectorIndexSource,
  now: number,
): Promise<void> {
  const { documentId, chunks, rows } = content;
  const staged = content.staged ?? new Set<string>();
  const stagedVectors = content.stagedVectors ?? new Set<string>();
  const committed = replaceDocumentChunks(
    documentId,
    staged.size === 0 ? chunks : chunks.filter((c) => !staged.has(c.id)),
    stagedVectors.size === 0 ? rows : rows.filter((r) => !stagedVectors.has(r.chunkId)),
    undefined,
    now,
    staged,
  );
  committed.catch(() => undefined); // awaited below; handled here while the keyword index works
  let failure: { error: unknown } | null = null;
  if (staged.size > 0) {
    // A long document's rows are stored already and its vectors are being written: the keyword
    // index takes the passages meanwhile (IndexedDB works beside this thread once the writes are
    // issued). A commit that fails takes them out again and marks the indexes stale.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    failure = indexKeywords(indexes, content);
  }
  let stored: Awaited<typeof committed>;
  try {
    stored = await committed;
  } catch (error) {
    if (staged.size > 0) {
      indexes.keyword.removeDocument(documentId);
      indexes.version = STALE_VERSION;
    }
    throw error;
  }
  try {
    if (staged.size === 0) failure = indexKeywords(indexes, content);
    if (failure) throw failure.error;
    indexes.vector?.remove(stored.chunkIds);
    const modelId = rows[0]?.modelId;
    if (modelId !== undefined) await addVectors(indexes, modelId, rows, newIndex);
    advance(indexes, stored.version);
  } catch (error) {
    // Stored, so not lost: the indexes reload from storage on the next call.
    indexes.version = STALE_VERSION;
    console.warn('Omnia: the library indexes reload after a failed update', error);
  }
}
