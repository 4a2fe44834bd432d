// Why this file exists: the typed door to the library worker for the app and core's Library
// service. Only `import type` of the worker's API, so transformers.js, MiniSearch and voy stay
// out of the main bundle. The worker is kept while the tab lives: its indexes and embedder
// are expensive to load again.
import type { ParsedDocument } from '../core/ingest/types';
import type { PassageContext } from '../core/library/library-service-types';
import type { ExtractiveAnswer, Passage, RetrievalQuery } from '../core/rag/types';
import type { LibraryApi, LibraryWorkerStatus } from './library-api';
import { workerNameInSpace } from '../storage/space';
import { ManagedWorker } from './managed-worker';
import { callControl, type TaskProgress } from './rpc';

export type { LibraryWorkerStatus } from './library-api';

/** Options of the long calls: cancel, and progress (chunks embedded of all). */
export interface LibraryCallOptions {
  signal?: AbortSignal;
  onProgress?: (p: TaskProgress) => void;
}

export interface LibraryClient {
  /**
   * Starts the worker and loads what the first question needs (indexes, document list,
   * embedding model); `onProgress` hears the model's load. Resolves once all of it is loaded.
   */
  warm(onProgress?: (p: TaskProgress) => void): Promise<{ embeddingModelId: string | null }>;
  /** Chunks, embeds and indexes a parsed document; a cancel leaves nothing of it stored. */
  addDocument(
    documentId: string,
    parsed: ParsedDocument,
    options?: LibraryCallOptions,
  ): Promise<{ chunkCount: number; embedded: boolean }>;
  /** Deletes the document with its chunks and vectors, and takes it out of both indexes. */
  removeDocument(documentId: string): Promise<void>;
  search(query: RetrievalQuery): Promise<Passage[]>;
  answer(query: RetrievalQuery): Promise<ExtractiveAnswer>;
  passageContext(chunkId: string): Promise<PassageContext | null>;
  /** Sets the embedding model (null: keyword only) and embeds chunks without a vector. */
  reindex(modelId: string | null, options?: LibraryCallOptions): Promise<{ embedded: number }>;
  status(): Promise<LibraryWorkerStatus>;
  readonly worker: ManagedWorker<LibraryApi>;
}

function createDefaultWorker(): Worker {
  return new Worker(new URL('./library.worker.ts', import.meta.url), {
    type: 'module',
    // The name carries this tab's space, so the worker opens the same database (storage/space.ts).
    name: workerNameInSpace('omnia-library'),
  });
}

/** A structured-clone-safe copy of a query (readonly arrays from Svelte state may be proxies). */
function plainQuery(query: RetrievalQuery): RetrievalQuery {
  return {
    text: query.text,
    ...(query.limit !== undefined ? { limit: query.limit } : {}),
    ...(query.collectionIds !== undefined ? { collectionIds: [...query.collectionIds] } : {}),
    ...(query.documentIds !== undefined ? { documentIds: [...query.documentIds] } : {}),
    ...(query.dateRange !== undefined ? { dateRange: { ...query.dateRange } } : {}),
  };
}

/**
 * Creates the library client; the worker starts on the first call.
 * @example
 * const library = createLibraryClient();
 * await library.addDocument(id, parsed, { signal, onProgress: (p) => bar(p.progress) });
 * const passages = await library.search({ text: 'prazo de garantia', collectionIds: ['k1'] });
 */
export function createLibraryClient(create: () => Worker = createDefaultWorker): LibraryClient {
  const worker = new ManagedWorker<LibraryApi>({ name: 'library', create, idleTimeoutMs: 0 });
  const runOptions = (options: LibraryCallOptions): { signal?: AbortSignal } =>
    options.signal ? { signal: options.signal } : {};
  return {
    worker,
    warm: (onProgress) => worker.run((api) => api.warm(callControl(onProgress, undefined))),
    addDocument: (documentId, parsed, options = {}) =>
      worker.run(
        (api, abortPort) =>
          api.addDocument(documentId, parsed, callControl(options.onProgress, abortPort)),
        runOptions(options),
      ),
    removeDocument: (documentId) => worker.run((api) => api.removeDocument(documentId)),
    search: (query) => worker.run((api) => api.search(plainQuery(query))),
    answer: (query) => worker.run((api) => api.answer(plainQuery(query))),
    passageContext: (chunkId) => worker.run((api) => api.passageContext(chunkId)),
    reindex: (modelId, options = {}) =>
      worker.run(
        (api, abortPort) => api.reindex(modelId, callControl(options.onProgress, abortPort)),
        runOptions(options),
      ),
    status: () => worker.run((api) => api.status()),
  };
}
