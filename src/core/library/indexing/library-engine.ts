// Why this file exists: what the library worker does (DESIGN.md's "embed worker"), as plain
// TypeScript that runs inside it. It owns the tab's embedder and both indexes, chunks parsed
// documents in the embedder's own tokens, embeds them in batches (progress, cancel between
// batches), stores chunks and vectors, and answers questions by hybrid retrieval. The worker's
// API (workers/library-api.ts) adds only the plumbing: abort ports, progress proxies and the
// errors a person reads. A factory, so Node tests inject the embedder loader and voy.
import type { ParsedDocument } from '../../ingest/types';
import type { LibraryIndexStatus, PassageContext } from '../library-service-types';
import { extractiveAnswer } from '../../rag/extractive';
import type { ExtractiveAnswer, Passage, RetrievalQuery } from '../../rag/types';
import type { VoyModule } from '../../rag/voy-module';
import { createSerial } from '../../../models/engines/serial';
import type { Embedder, EngineLoadProgress } from '../../../models/engines/types';
import {
  countChunks,
  countDocuments,
  deleteDocumentCascade,
  libraryVersion,
  listDocuments,
  onRowsChanged,
  vectorCount,
} from '../../../storage';
import { WorkerTaskError } from '../../../workers/errors';
import type { TaskProgress } from '../../../workers/rpc';
import {
  createEmbedderCache,
  embedderUnlessMissing,
  resolveEmbeddingModel,
  type ReportMissingFile,
} from './embedding';
import {
  advance,
  loadIndexes,
  saveSnapshot,
  vectorIndexSource,
  type LibraryIndexes,
  type VectorIndexKind,
} from './indexes';
import { addParsedDocument, type AddContext } from './add-document';
import { reindexTo, type ReindexContext } from './reindex';
import { WORKER_NAME } from './rows';
import { passageContextOf, searchIndexes } from './search';
import { createSnapshotScheduler, type SnapshotPolicy } from './snapshot-scheduler';
import { recordPhase, timed } from './phase-timing';
import { createDocumentCache } from './document-cache';
import { createLoadWatchers } from './load-progress';

/** Texts per embed call: progress and cancel happen between batches. */
export const LIBRARY_EMBED_BATCH = 32;

export interface LibraryEngineDeps {
  /** Loads an installed embedding model from the verified cache, reporting bytes read. */
  loadEmbedder(
    modelId: string,
    signal: AbortSignal,
    onProgress?: (progress: EngineLoadProgress) => void,
  ): Promise<Embedder>;
  /** voy-search, instantiated (only with `vectorIndex: 'voy'`; a rejection builds int8). */
  loadVoy(): Promise<VoyModule>;
  /** Which vector index to run (default 'int8': see indexes.ts's vectorIndexSource). */
  vectorIndex?: VectorIndexKind;
  /** Installed embedding models, in catalog order. */
  installedEmbeddingModels(): Promise<string[]>;
  /** Marks a verified file found missing, so the model shows as needing repair. */
  reportMissingFile?: ReportMissingFile;
  now(): number;
  /** When the keyword snapshot is written (default: after 2 s of quiet, at least every 30 s). */
  snapshotPolicy?: SnapshotPolicy;
}

/** The contract's status, plus which vector index this worker runs (null: none loaded). */
export interface LibraryWorkerStatus extends LibraryIndexStatus {
  vectorIndex: VectorIndexKind | null;
  /** Chunks in this worker's in-memory indexes (null: not loaded yet), for diagnostics. */
  indexed: { keyword: number; vector: number } | null;
}

type OnProgress = ((p: TaskProgress) => unknown) | undefined;

/**
 * The library's indexing and search, as run by the library worker.
 * @example
 * const library = createLibraryEngine({ loadEmbedder, loadVoy, installedEmbeddingModels, now: Date.now });
 * await library.addDocument('doc-1', parsed, new AbortController().signal);
 * const passages = await library.search({ text: 'warranty period' });
 */
export function createLibraryEngine(deps: LibraryEngineDeps) {
  const lock = createSerial();
  const loads = createLoadWatchers(() => performance.now());
  const embedders = createEmbedderCache((id, signal) =>
    timed('embedder-load', () =>
      loads.track(id, (onFile) => deps.loadEmbedder(id, signal, onFile)),
    ),
  );
  // The document list for names and filters, read again only after a write to it (any tab).
  const documents = createDocumentCache({ read: () => listDocuments(), watch: onRowsChanged });
  let indexes: LibraryIndexes | undefined;
  let voy: Promise<VoyModule | null> | undefined;
  let embeddedThisSession = 0;
  const snapshots = createSnapshotScheduler(
    () => lock(async () => (indexes ? saveSnapshot(indexes) : false)),
    deps.snapshotPolicy,
  );

  const voySource = (): Promise<VoyModule | null> =>
    (voy ??= deps.loadVoy().catch((error: unknown) => {
      console.warn('Omnia: voy-search did not load; using the int8 vector index', error);
      return null;
    }));
  const newIndex = vectorIndexSource(deps.vectorIndex ?? 'int8', voySource);

  const reportMissing: ReportMissingFile = deps.reportMissingFile ?? (() => Promise.resolve());
  const embedderFor = (modelId: string | null, signal: AbortSignal): Promise<Embedder | null> =>
    modelId === null
      ? Promise.resolve(null)
      : embedderUnlessMissing(embedders, modelId, signal, reportMissing);

  const resolveModelId = (): Promise<string | null> =>
    resolveEmbeddingModel(() => deps.installedEmbeddingModels());

  /** The indexes for the stored library now (reloaded after another tab's change). Under the lock. */
  async function fresh(): Promise<LibraryIndexes> {
    const [version, modelId] = await Promise.all([libraryVersion(), resolveModelId()]);
    if (indexes?.version === version && indexes.modelId === modelId) return indexes;
    // Another tab's add or delete may also have renamed or refiled documents.
    if (indexes !== undefined) documents.invalidate();
    indexes = await loadIndexes(version, modelId, newIndex);
    // Documents read again past the stored snapshot: a newer one makes the next load quicker.
    if (indexes.replayed > 0) snapshots.changed();
    return indexes;
  }

  const reindexContext: ReindexContext = {
    lock,
    current: () => indexes,
    fresh: () => fresh(),
    embedderFor: (modelId, signal) => embedderFor(modelId, signal),
    disposeExcept: (modelId) => embedders.disposeExcept(modelId),
    newIndex,
    batchSize: LIBRARY_EMBED_BATCH,
    onEmbedded: (count) => (embeddedThisSession += count),
    onChanged: () => snapshots.changed(),
    now: () => deps.now(),
  };

  // An add needs the same of the engine as re-indexing does.
  const addContext: AddContext = reindexContext;

  /** The embedder of `modelId`, or null (none, or it failed to load: keyword search only). */
  const queryEmbedder = (modelId: string | null): Promise<Embedder | null> =>
    embedderFor(modelId, new AbortController().signal).catch((error: unknown) => {
      console.warn('Omnia: the embedding model did not load; keyword search only', error);
      return null;
    });

  async function retrieve(query: RetrievalQuery): Promise<Passage[]> {
    const start = performance.now();
    // The embedder loads while the indexes do (both once per worker).
    const embedderLoad = resolveModelId().then(queryEmbedder);
    const [state, list] = await Promise.all([lock(fresh), documents.get()]);
    const embedder = state.vector !== null && state.vector.size > 0 ? await embedderLoad : null;
    const searched = performance.now();
    const passages = await searchIndexes(state, query, embedder, list, () => {
      embeddedThisSession += 1;
    });
    recordPhase('query', searched);
    recordPhase('retrieve', start);
    return passages;
  }

  return {
    /**
     * Loads what the first question needs — both indexes, the document list and the embedding
     * model, the model in parallel with the indexes — so that question does not wait for them.
     * Called when the Library (or a chat that asks it) opens. `onProgress` hears the model's
     * load (bytes of its files read; `text` is its id) while this call lasts.
     */
    async warm(onProgress?: OnProgress): Promise<{ embeddingModelId: string | null }> {
      const modelId = await resolveModelId();
      const stop = onProgress ? loads.watch(onProgress) : () => undefined;
      try {
        // One tiny embedding too: a model's first run is slower than the rest (its session
        // warms up), and that run should not be the first question's.
        const warmEmbedder = queryEmbedder(modelId).then((embedder) =>
          embedder?.embed(['warm up']).catch(() => undefined),
        );
        await Promise.all([lock(fresh), documents.get(), warmEmbedder]);
      } finally {
        stop();
      }
      return { embeddingModelId: modelId };
    },

    /** Chunks, embeds (batches of 32, cancellable) and indexes a parsed document. */
    async addDocument(
      documentId: string,
      parsed: ParsedDocument,
      signal: AbortSignal,
      onProgress?: OnProgress,
    ): Promise<{ chunkCount: number; embedded: boolean }> {
      const modelId = await resolveModelId();
      const model = await embedderFor(modelId, signal);
      const embedder = model && modelId !== null ? { model, modelId } : null;
      return addParsedDocument(addContext, { documentId, parsed, embedder, signal, onProgress });
    },

    /** Deletes the document, its chunks and vectors, and takes it out of both indexes. */
    async removeDocument(documentId: string): Promise<void> {
      await lock(async () => {
        const state = await fresh();
        const { chunkIds, version } = await deleteDocumentCascade(documentId);
        state.keyword.removeDocument(documentId);
        state.vector?.remove(chunkIds);
        advance(state, version);
      });
      snapshots.changed();
    },

    search: retrieve,

    /** The extractive answer: the best passages, ranked and cited (no LLM needed). */
    async answer(query: RetrievalQuery): Promise<ExtractiveAnswer> {
      return extractiveAnswer(query.text, await retrieve(query));
    },

    passageContext: (chunkId: string): Promise<PassageContext | null> => passageContextOf(chunkId),

    /**
     * Chooses the embedding model (null: keyword only), drops other models' vectors and embeds
     * every chunk that has no vector yet; a cancel keeps what was embedded.
     */
    async reindex(
      modelId: string | null,
      signal: AbortSignal,
      onProgress?: OnProgress,
    ): Promise<{ embedded: number }> {
      if (modelId !== null && !(await deps.installedEmbeddingModels()).includes(modelId)) {
        throw new WorkerTaskError(
          'invalid-input',
          `The embedding model "${modelId}" is not installed; install it in Models first.`,
          { workerName: WORKER_NAME },
        );
      }
      return reindexTo(reindexContext, modelId, signal, onProgress);
    },

    /** Writes the keyword snapshot now if storage's is older (tests, benchmarks, a job's end). */
    saveIndex: (): Promise<boolean> => snapshots.flush(true),

    async status(): Promise<LibraryWorkerStatus> {
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
    },
  };
}

export type LibraryEngine = ReturnType<typeof createLibraryEngine>;
