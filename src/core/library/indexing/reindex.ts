// Why this file exists: re-indexing embeds every chunk that has no vector from the chosen
// model — after the model changed, after an import (exports carry no vectors), or after a
// model was installed for a library that was keyword-only. It runs batch by batch, storing
// each batch as it goes, so a cancel keeps the work already done and the next run resumes.
import type { Serial } from '../../../models/engines/serial';
import type { Embedder } from '../../../models/engines/types';
import {
  bumpLibraryVersion,
  chunkIdsWithVectors,
  deleteVectorsNotOf,
  eachChunk,
  getChunks,
  putVectors,
  setSetting,
  type Chunk,
  type ChunkVectorRow,
} from '../../../storage';
import { WorkerTaskError } from '../../../workers/errors';
import { embedInBatches } from './embedding';
import { vectorRows, WORKER_NAME } from './rows';
import { addVectors, advance, type LibraryIndexes, type VectorIndexSource } from './indexes';
import type { TaskProgress } from '../../../workers/rpc';

const SCAN_BATCH = 2000;

export interface FillVectorsRequest {
  embedder: Embedder;
  modelId: string;
  signal: AbortSignal;
  batchSize: number;
  onProgress: ((p: TaskProgress) => unknown) | undefined;
  /** Texts embedded (counted as they happen, cancelled runs included). */
  onEmbedded: (count: number) => void;
  /**
   * Stores one batch of vectors (and adds them to the in-memory index), leaving out chunks
   * deleted while they were being embedded.
   */
  store: (rows: ChunkVectorRow[]) => Promise<void>;
}

async function chunksWithoutVectors(modelId: string): Promise<Chunk[]> {
  const have = await chunkIdsWithVectors(modelId);
  const missing: Chunk[] = [];
  await eachChunk(SCAN_BATCH, (chunks) => {
    for (const chunk of chunks) if (!have.has(chunk.id)) missing.push(chunk);
  });
  return missing;
}

/**
 * Embeds and stores a vector for every chunk that lacks one from `modelId`.
 * @returns how many chunks got a vector.
 */
export async function fillMissingVectors(request: FillVectorsRequest): Promise<number> {
  const { modelId, batchSize } = request;
  const missing = await chunksWithoutVectors(modelId);
  let done = 0;
  await embedInBatches({
    embedder: request.embedder,
    texts: missing.map((c) => c.text),
    batchSize,
    signal: request.signal,
    onProgress: request.onProgress,
    onBatch: async (start, vectors) => {
      request.onEmbedded(vectors.length);
      const batch = missing.slice(start, start + batchSize);
      await request.store(vectorRows(batch, modelId, vectors));
      done += batch.length;
    },
  });
  return done;
}

/** What a re-index needs from the library worker that runs it. */
export interface ReindexContext {
  lock: Serial;
  /** The worker's indexes as they are (undefined: not loaded yet). */
  current: () => LibraryIndexes | undefined;
  /** The indexes for the stored library now. Under the lock. */
  fresh: () => Promise<LibraryIndexes>;
  /** The model's embedder; null when a file of it is missing (it was marked for repair). */
  embedderFor: (modelId: string, signal: AbortSignal) => Promise<Embedder | null>;
  disposeExcept: (modelId: string | null) => Promise<void>;
  newIndex: VectorIndexSource;
  batchSize: number;
  onEmbedded: (count: number) => void;
  /** The library version moved (the caller schedules the snapshot). */
  onChanged: () => void;
  now: () => number;
}

/**
 * Makes `modelId` the embedding model (null: keyword only): drops other models' vectors and
 * embeds every chunk without one, storing batch by batch, so a cancel keeps what was done.
 */
export async function reindexTo(
  ctx: ReindexContext,
  modelId: string | null,
  signal: AbortSignal,
  onProgress: ((p: TaskProgress) => unknown) | undefined,
): Promise<{ embedded: number }> {
  await setSetting('libraryEmbeddingModelId', modelId);
  await deleteVectorsNotOf(modelId);
  await ctx.disposeExcept(modelId);
  try {
    if (modelId === null) return { embedded: 0 };
    const embedder = await ctx.embedderFor(modelId, signal);
    if (embedder === null) {
      throw new WorkerTaskError(
        'failed',
        `A file of the embedding model "${modelId}" is missing, so it needs repair: install it ` +
          'again in Models (only the missing file is fetched), then index again.',
        { workerName: WORKER_NAME },
      );
    }
    const embedded = await fillMissingVectors({
      embedder,
      modelId,
      signal,
      onProgress,
      batchSize: ctx.batchSize,
      onEmbedded: ctx.onEmbedded,
      store: (batch) =>
        ctx.lock(async () => {
          // A document deleted while its chunks were embedding leaves no vectors behind.
          const still = await getChunks(batch.map((r) => r.chunkId));
          const rows = batch.filter((_, i) => still[i] !== undefined);
          await putVectors(rows);
          const indexes = ctx.current();
          if (indexes) await addVectors(indexes, modelId, rows, ctx.newIndex);
        }),
    });
    return { embedded };
  } finally {
    await ctx.lock(async () => {
      const state = await ctx.fresh();
      advance(state, await bumpLibraryVersion(undefined, ctx.now()));
    });
    ctx.onChanged();
  }
}
