// Why this file exists: the shapes the library's indexing stores (vector rows) and returns
// (passages), and the name of the worker it runs in, which its messages name.
import type { Passage } from '../../rag/types';
import type { Chunk, ChunkVectorRow } from '../../../storage';

/** The worker this code runs in (library.worker.ts), as named in its messages. */
export const WORKER_NAME = 'library';

/** One row per chunk, pairing each with its vector (same order). */
export function vectorRows(
  chunks: readonly Chunk[],
  modelId: string,
  vectors: readonly Float32Array[],
): ChunkVectorRow[] {
  if (vectors.length !== chunks.length) {
    throw new Error(
      `The embedder returned ${vectors.length} vectors for ${chunks.length} passages`,
    );
  }
  return chunks.map((chunk, i) => ({
    chunkId: chunk.id,
    documentId: chunk.documentId,
    modelId,
    vector: vectors[i]!,
  }));
}

/** A stored chunk as a passage (no retrieval score: it was opened, not searched). */
export function passageOf(chunk: Chunk, documentName: string): Passage {
  const passage: Passage = {
    chunkId: chunk.id,
    documentId: chunk.documentId,
    documentName,
    text: chunk.text,
    score: 0,
  };
  if (chunk.page !== undefined) passage.page = chunk.page;
  if (chunk.sheet !== undefined) passage.sheet = chunk.sheet;
  if (chunk.rows !== undefined) passage.rows = [chunk.rows[0], chunk.rows[1]];
  if (chunk.section !== undefined) passage.section = chunk.section;
  if (chunk.time !== undefined) passage.time = [chunk.time[0], chunk.time[1]];
  return passage;
}
