// Why this file exists: the library worker's API (DESIGN.md's "embed worker"). It owns this
// tab's embedder and both indexes, chunks parsed documents in the embedder's own tokens,
// embeds them in batches (progress, cancel between batches), stores chunks and vectors, and
// answers questions by hybrid retrieval. A factory, so Node tests inject the embedder loader
// and voy; the worker entry (library.worker.ts) passes the browser's.
import { chunkDocument, chunkOptionsFor, estimateTokenCounts } from '../core/ingest/chunk';
import type { ParsedDocument } from '../core/ingest/types';
import type { LibraryIndexStatus, PassageContext } from '../core/library/library-service-types';
import { extractiveAnswer } from '../core/rag/extractive';
import type { ExtractiveAnswer, Passage, RetrievalQuery } from '../core/rag/types';
import type { VoyModule } from '../core/rag/voy-module';
import { createSerial } from '../models/engines/serial';
import type { Embedder } from '../models/engines/types';
import {
  bumpLibraryVersion,
  chunkNeighbours,
  countChunks,
  countDocuments,
  deleteDocumentCascade,
  deleteVectorsNotOf,
  getChunks,
  getDocument,
  libraryVersion,
  putVectors,
  setSetting,
  vectorCount,
  type Chunk,
} from '../storage';
import { libraryWorkerError, passageOf, vectorRows, WORKER_NAME } from './library-helpers';
import {
  addVectors,
  advance,
  loadIndexes,
  replaceDocument,
  saveSnapshot,
  type LibraryIndexes,
  type VectorIndexKind,
} from './library-indexes';
import { searchIndexes } from './library-search';
import { createEmbedderCache, embedInBatches, resolveEmbeddingModel } from './library-embedding';
import { fillMissingVectors } from './library-reindex';
import { releaseControl, signalFromPort, throwIfAborted, type CallControl } from './rpc';

/** Texts per embed call: progress and cancel happen between batches. */
export const LIBRARY_EMBED_BATCH = 32;
/** Chunks shown on each side of a cited passage. */
const CONTEXT_CHUNKS = 2;

export interface LibraryApiDeps {
  /** Loads an installed embedding model from the verified cache. */
  loadEmbedder(modelId: string, signal: AbortSignal): Promise<Embedder>;
  /** voy-search, instantiated; a rejection falls back to the exact vector index. */
  loadVoy(): Promise<VoyModule>;
  /** Installed embedding models, in catalog order. */
  installedEmbeddingModels(): Promise<string[]>;
  now(): number;
}

/** The contract's status, plus which vector index this worker runs (null: none loaded). */
export interface LibraryWorkerStatus extends LibraryIndexStatus {
  vectorIndex: VectorIndexKind | null;
  /** Chunks in this worker's in-memory indexes (null: not loaded yet), for diagnostics. */
  indexed: { keyword: number; vector: number } | null;
}

/**
 * The library worker's API.
 * @example
 * const api = createLibraryApi({ loadEmbedder, loadVoy, installedEmbeddingModels, now: Date.now });
 * await api.addDocument('doc-1', parsed);
 * const passages = await api.search({ text: 'warranty period' });
 */
export function createLibraryApi(deps: LibraryApiDeps) {
  const lock = createSerial();
  const embedders = createEmbedderCache((id, signal) => deps.loadEmbedder(id, signal));
  let indexes: LibraryIndexes | undefined;
  let voy: Promise<VoyModule | null> | undefined;
  let embeddedThisSession = 0;

  const voySource = (): Promise<VoyModule | null> =>
    (voy ??= deps.loadVoy().catch((error: unknown) => {
      console.warn('Omnia: voy-search did not load; using exact vector search', error);
      return null;
    }));

  const resolveModelId = (): Promise<string | null> =>
    resolveEmbeddingModel(() => deps.installedEmbeddingModels());

  /** The indexes for the stored library now (reloaded after another tab's change). Under the lock. */
  async function fresh(): Promise<LibraryIndexes> {
    const [version, modelId] = await Promise.all([libraryVersion(), resolveModelId()]);
    if (indexes?.version === version && indexes.modelId === modelId) return indexes;
    indexes = await loadIndexes(version, modelId, voySource);
    return indexes;
  }

  async function embedAll(
    embedder: Embedder,
    texts: readonly string[],
    signal: AbortSignal,
    control: CallControl | undefined,
  ): Promise<Float32Array[]> {
    const vectors: Float32Array[] = [];
    await embedInBatches({
      embedder,
      texts,
      batchSize: LIBRARY_EMBED_BATCH,
      signal,
      onProgress: control?.onProgress,
      onBatch: (_start, batch) => {
        vectors.push(...batch);
        embeddedThisSession += batch.length;
      },
    });
    return vectors;
  }

  /** Stores a document's chunks and vectors and indexes them; on failure takes all of it back. */
  async function storeAndIndex(
    documentId: string,
    chunks: Chunk[],
    modelId: string | null,
    vectors: Float32Array[],
  ): Promise<void> {
    const name = (await getDocument(documentId))?.name ?? documentId;
    const rows = modelId === null ? [] : vectorRows(chunks, modelId, vectors);
    await lock(async () =>
      replaceDocument(
        await fresh(),
        { documentId, documentName: name, chunks, rows },
        voySource,
        deps.now(),
      ),
    );
  }

  async function retrieve(query: RetrievalQuery): Promise<Passage[]> {
    const state = await lock(fresh);
    let embedder: Embedder | null = null;
    if (state.modelId !== null && state.vector !== null && state.vector.size > 0) {
      embedder = await embedders
        .get(state.modelId, new AbortController().signal)
        .catch((error: unknown) => {
          console.warn('Omnia: the embedding model did not load; keyword search only', error);
          return null;
        });
    }
    return searchIndexes(state, query, embedder, () => (embeddedThisSession += 1));
  }

  return {
    /** Chunks, embeds (batches of 32, cancellable) and indexes a parsed document. */
    async addDocument(
      documentId: string,
      parsed: ParsedDocument,
      control?: CallControl,
    ): Promise<{ chunkCount: number; embedded: boolean }> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        const modelId = await resolveModelId();
        const embedder = modelId === null ? null : await embedders.get(modelId, signal);
        const options = embedder
          ? chunkOptionsFor(embedder.maxTokens, (texts) => embedder.countTokens(texts))
          : chunkOptionsFor(null, estimateTokenCounts);
        const drafts = await chunkDocument(parsed, options);
        throwIfAborted(signal, WORKER_NAME);
        const chunks: Chunk[] = drafts.map((d) => ({
          ...d,
          id: `${documentId}:${d.order}`,
          documentId,
        }));
        const texts = chunks.map((c) => c.text);
        const vectors = embedder ? await embedAll(embedder, texts, signal, control) : [];
        await storeAndIndex(documentId, chunks, embedder ? modelId : null, vectors);
        return { chunkCount: chunks.length, embedded: embedder !== null };
      } catch (error) {
        throw libraryWorkerError(error);
      } finally {
        releaseControl(control);
      }
    },

    /** Deletes the document, its chunks and vectors, and takes it out of both indexes. */
    async removeDocument(documentId: string): Promise<void> {
      try {
        await lock(async () => {
          const state = await fresh();
          const { chunkIds, version } = await deleteDocumentCascade(documentId);
          state.keyword.removeDocument(documentId);
          state.vector?.remove(chunkIds);
          advance(state, version);
          await saveSnapshot(state);
        });
      } catch (error) {
        throw libraryWorkerError(error);
      }
    },

    async search(query: RetrievalQuery): Promise<Passage[]> {
      try {
        return await retrieve(query);
      } catch (error) {
        throw libraryWorkerError(error);
      }
    },

    /** The extractive answer: the best passages, ranked and cited (no LLM needed). */
    async answer(query: RetrievalQuery): Promise<ExtractiveAnswer> {
      try {
        return extractiveAnswer(query.text, await retrieve(query));
      } catch (error) {
        throw libraryWorkerError(error);
      }
    },

    async passageContext(chunkId: string): Promise<PassageContext | null> {
      try {
        const found = await chunkNeighbours(chunkId, CONTEXT_CHUNKS, CONTEXT_CHUNKS);
        if (!found) return null;
        const document = await getDocument(found.chunk.documentId);
        const passage = passageOf(found.chunk, document?.name ?? '');
        return { passage, before: found.before, after: found.after };
      } catch (error) {
        throw libraryWorkerError(error);
      }
    },

    /**
     * Chooses the embedding model (null: keyword only), drops other models' vectors and embeds
     * every chunk that has no vector yet; a cancel keeps what was embedded.
     */
    async reindex(modelId: string | null, control?: CallControl): Promise<{ embedded: number }> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        if (modelId !== null && !(await deps.installedEmbeddingModels()).includes(modelId)) {
          throw libraryWorkerError(
            new Error(
              `the embedding model "${modelId}" is not installed; install it in Models first`,
            ),
            'invalid-input',
          );
        }
        await setSetting('libraryEmbeddingModelId', modelId);
        await deleteVectorsNotOf(modelId);
        await embedders.disposeExcept(modelId);
        try {
          if (modelId === null) return { embedded: 0 };
          const embedder = await embedders.get(modelId, signal);
          const embedded = await fillMissingVectors({
            embedder,
            modelId,
            signal,
            onProgress: control?.onProgress,
            batchSize: LIBRARY_EMBED_BATCH,
            onEmbedded: (n) => (embeddedThisSession += n),
            store: (batch) =>
              lock(async () => {
                // A document deleted while its chunks were embedding leaves no vectors behind.
                const still = await getChunks(batch.map((r) => r.chunkId));
                const rows = batch.filter((_, i) => still[i] !== undefined);
                await putVectors(rows);
                if (indexes) await addVectors(indexes, modelId, rows, voySource);
              }),
          });
          return { embedded };
        } finally {
          await lock(async () => {
            const state = await fresh();
            advance(state, await bumpLibraryVersion(undefined, deps.now()));
            await saveSnapshot(state);
          });
        }
      } catch (error) {
        throw libraryWorkerError(error);
      } finally {
        releaseControl(control);
      }
    },

    async status(): Promise<LibraryWorkerStatus> {
      try {
        const modelId = await resolveModelId();
        const [documents, chunks, embeddedChunks] = await Promise.all([
          countDocuments(),
          countChunks(),
          modelId === null ? Promise.resolve(0) : vectorCount(modelId),
        ]);
        return {
          documents,
          chunks,
          embeddedChunks,
          embeddingModelId: modelId,
          embeddedThisSession,
          vectorIndex: indexes?.vector?.kind ?? null,
          indexed: indexes
            ? { keyword: indexes.keyword.size, vector: indexes.vector?.size ?? 0 }
            : null,
        };
      } catch (error) {
        throw libraryWorkerError(error);
      }
    },
  };
}

export type LibraryApi = ReturnType<typeof createLibraryApi>;
