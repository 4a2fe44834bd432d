// Why this file exists: the library worker's API. The indexing and search themselves live in
// core/library/indexing (createLibraryEngine); this adds the worker's plumbing around each
// call: the abort port becomes a signal, progress crosses back through its proxy, the control
// is released when the call ends, and any failure becomes a WorkerTaskError a person can read.
import type { ParsedDocument } from '../core/ingest/types';
import {
  createLibraryEngine,
  type LibraryEngineDeps,
  type LibraryWorkerStatus,
} from '../core/library/indexing/library-engine';
import { WORKER_NAME } from '../core/library/indexing/rows';
import type { PassageContext } from '../core/library/library-service-types';
import type { ExtractiveAnswer, Passage, RetrievalQuery } from '../core/rag/types';
import { libraryWorkerError } from './library-helpers';
import { releaseControl, signalFromPort, type CallControl } from './rpc';

export type { LibraryWorkerStatus } from '../core/library/indexing/library-engine';

/** Runs `call`, turning any failure into the worker's error. */
async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw libraryWorkerError(error);
  }
}

/** Runs a long `call` with the control's signal and progress, releasing the control after. */
async function controlled<T>(
  control: CallControl | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  try {
    return await guarded(() => call(signalFromPort(control?.abortPort, WORKER_NAME)));
  } finally {
    releaseControl(control);
  }
}

/**
 * The library worker's API.
 * @example
 * const api = createLibraryApi({ loadEmbedder, loadVoy, installedEmbeddingModels, now: Date.now });
 * await api.addDocument('doc-1', parsed);
 * const passages = await api.search({ text: 'warranty period' });
 */
export function createLibraryApi(deps: LibraryEngineDeps) {
  const library = createLibraryEngine(deps);
  return {
    /** Loads the indexes, the document list and the embedding model (its progress: `control`). */
    warm: (control?: CallControl): Promise<{ embeddingModelId: string | null }> =>
      controlled(control, () => library.warm(control?.onProgress)),

    /** Chunks, embeds (batches of 32, cancellable) and indexes a parsed document. */
    addDocument: (
      documentId: string,
      parsed: ParsedDocument,
      control?: CallControl,
    ): Promise<{ chunkCount: number; embedded: boolean }> =>
      controlled(control, (signal) =>
        library.addDocument(documentId, parsed, signal, control?.onProgress),
      ),

    /** Deletes the document, its chunks and vectors, and takes it out of both indexes. */
    removeDocument: (documentId: string): Promise<void> =>
      guarded(() => library.removeDocument(documentId)),

    search: (query: RetrievalQuery): Promise<Passage[]> => guarded(() => library.search(query)),

    /** The extractive answer: the best passages, ranked and cited (no LLM needed). */
    answer: (query: RetrievalQuery): Promise<ExtractiveAnswer> =>
      guarded(() => library.answer(query)),

    passageContext: (chunkId: string): Promise<PassageContext | null> =>
      guarded(() => library.passageContext(chunkId)),

    /**
     * Chooses the embedding model (null: keyword only), drops other models' vectors and embeds
     * every chunk that has no vector yet; a cancel keeps what was embedded.
     */
    reindex: (modelId: string | null, control?: CallControl): Promise<{ embedded: number }> =>
      controlled(control, (signal) => library.reindex(modelId, signal, control?.onProgress)),

    /** Writes the keyword snapshot now if storage's is older (tests, benchmarks, a job's end). */
    saveIndex: (): Promise<boolean> => guarded(() => library.saveIndex()),

    status: (): Promise<LibraryWorkerStatus> => guarded(() => library.status()),
  };
}

export type LibraryApi = ReturnType<typeof createLibraryApi>;
