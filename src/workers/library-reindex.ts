// Why this file exists: re-indexing embeds every chunk that has no vector from the chosen
// model — after the model changed, after an import (exports carry no vectors), or after a
// model was installed for a library that was keyword-only. It runs batch by batch, storing
// each batch as it goes, so a cancel keeps the work already done and the next run resumes.
import type { Embedder } from '../models/engines/types';
import { chunkIdsWithVectors, eachChunk, type Chunk, type ChunkVectorRow } from '../storage';
import { embedInBatches } from './library-embedding';
import { vectorRows } from './library-helpers';
import type { TaskProgress } from './rpc';

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
