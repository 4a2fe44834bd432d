// Why this file exists: small pieces the library worker's API shares with its re-index loop:
// the worker's name in messages, how any failure becomes a WorkerTaskError a person can read,
// and the shapes it stores (vector rows) and returns (passages).
import type { Passage } from '../core/rag/types';
import { EngineError } from '../models/engines/errors';
import { StorageWriteError, type Chunk, type ChunkVectorRow } from '../storage';
import {
  TaskAbortedError,
  toWorkerTaskError,
  WorkerTaskError,
  type WorkerErrorKind,
} from './errors';

export const WORKER_NAME = 'library';

/**
 * Anything thrown inside the library worker as a WorkerTaskError: engine and storage errors
 * keep their own (actionable) message; `kind` forces the kind of a plain Error.
 */
export function libraryWorkerError(error: unknown, kind?: WorkerErrorKind): WorkerTaskError {
  const options = { workerName: WORKER_NAME, cause: error };
  if (error instanceof WorkerTaskError) return error;
  if (error instanceof EngineError) {
    if (error.reason === 'aborted')
      return new TaskAbortedError({ ...options, message: error.message });
    const engineKind = error.reason === 'out-of-memory' ? 'out-of-memory' : 'failed';
    return new WorkerTaskError(engineKind, error.message, options);
  }
  if (error instanceof StorageWriteError)
    return new WorkerTaskError('failed', error.message, options);
  if (kind !== undefined && error instanceof Error) {
    const text = error.message.charAt(0).toUpperCase() + error.message.slice(1);
    return new WorkerTaskError(kind, `${text}.`, options);
  }
  return toWorkerTaskError(error, WORKER_NAME);
}

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
