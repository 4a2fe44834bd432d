// Why this file exists: the Library as the app uses it (LibraryService). It turns dropped files
// into documents and jobs at once, then runs the jobs one at a time in the background (one
// parse at a time keeps memory bounded; the library worker embeds one document at a time
// anyway), and passes questions to the library worker. It holds this tab's job list and the
// dropped Files (for Retry) in memory; documents, chunks and job records live in storage.
import {
  addDocument,
  deleteDocumentCascade,
  getDocument,
  type DocumentRecord,
} from '../../storage';
import { INGEST_LIMITS } from '../ingest/limits';
import type { IngestProblem } from '../ingest/types';
import { inputLabel, isFolderJunk } from './folder-input';
import { runIngestJob, problemOf, type IngestJobContext } from './ingest-job';
import { JobBoard, isFinished } from './job-board';
import { createMediaActions, clampFps } from './library-media-actions';
import type { LibraryFileInput, LibraryJob, LibraryService } from './library-service-types';
import type { IngestPort, LibraryPort, MediaPorts } from './ports';

export interface LibraryServiceDeps {
  ingest: IngestPort;
  library: LibraryPort;
  newId: () => string;
  now: () => number;
  /** Parse time limit per file; default INGEST_LIMITS.parseTimeoutMs. */
  parseTimeoutMs?: number;
  /** The media workers and decoders; absent: images, recordings and videos wait. */
  media?: MediaPorts;
}

/** LibraryService plus what this implementation adds for the view. */
export interface LibraryServiceImpl extends LibraryService {
  /** Adds a failed document again from the File kept in this tab; null when it is not kept. */
  retry(documentId: string): Promise<string | null>;
  /** Starts a re-index job when chunks lack vectors of the current model; returns its id. */
  ensureIndexed(): Promise<string | null>;
  /** Resolves once every queued job has ended (tests, and before closing). */
  idle(): Promise<void>;
}

interface QueuedTask {
  jobId: string;
  controller: AbortController;
  run: (signal: AbortSignal) => Promise<void>;
}

const CANCELLED: Readonly<Record<LibraryJob['kind'], IngestProblem>> = {
  ingest: { code: 'cancelled', message: 'Adding this file was cancelled.' },
  process: { code: 'cancelled', message: 'Processing was cancelled; the document is as it was.' },
  reindex: { code: 'cancelled', message: 'Re-indexing was cancelled; what was embedded is kept.' },
};

export function createLibraryService(deps: LibraryServiceDeps): LibraryServiceImpl {
  const { ingest, library, newId, now, media } = deps;
  const parseTimeoutMs = deps.parseTimeoutMs ?? INGEST_LIMITS.parseTimeoutMs;
  const board = new JobBoard(now);
  const jobContext: IngestJobContext = { ingest, library, board, parseTimeoutMs, media };
  const queue: QueuedTask[] = [];
  const controllers = new Map<string, AbortController>();
  /** Files of this tab's documents, for Retry; forgotten once a document is ready. */
  const files = new Map<string, LibraryFileInput>();
  let draining: Promise<void> | undefined;
  /** Rows of cancelled queued jobs being removed (idle() waits for them). */
  const cleanups = new Set<Promise<void>>();

  function drain(): Promise<void> {
    draining ??= (async () => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        if (!task.controller.signal.aborted) await task.run(task.controller.signal);
        controllers.delete(task.jobId);
      }
    })().finally(() => {
      draining = undefined;
    });
    return draining;
  }

  /** Queues a task; its signal aborts on cancel, queued or running. */
  function enqueue(jobId: string, run: (signal: AbortSignal) => Promise<void>): AbortSignal {
    const controller = new AbortController();
    controllers.set(jobId, controller);
    queue.push({ jobId, controller, run });
    void drain();
    return controller.signal;
  }

  /** Takes a cancelled or skipped document out of storage and both indexes. */
  async function discard(documentId: string, indexStarted: boolean): Promise<void> {
    try {
      if (indexStarted) await library.removeDocument(documentId);
      await deleteDocumentCascade(documentId);
    } catch (error) {
      console.warn('Omnia: could not remove a cancelled document', error);
    }
  }

  function ingestTask(
    jobId: string,
    documentId: string,
    input: LibraryFileInput,
    videoFps: number | undefined,
  ) {
    return async (signal: AbortSignal): Promise<void> => {
      const spec = { jobId, documentId, input, signal, indexStarted: false, videoFps };
      const end = await runIngestJob(jobContext, spec);
      if (end === 'cancelled') {
        board.update(jobId, { stage: 'cancelled', problem: CANCELLED.ingest });
      }
      if (end === 'cancelled' || end === 'duplicate') {
        files.delete(documentId);
        await discard(documentId, spec.indexStarted);
      }
      if (end === 'done') files.delete(documentId);
    };
  }

  function queueIngest(documentId: string, input: LibraryFileInput, videoFps?: number): string {
    const jobId = newId();
    files.set(documentId, input);
    board.add({
      id: jobId,
      kind: 'ingest',
      documentId,
      label: inputLabel(input),
      stage: 'queued',
      progress: 0,
      startedAt: now(),
    });
    enqueue(jobId, ingestTask(jobId, documentId, input, videoFps));
    return jobId;
  }

  function queueReindex(modelId: string | null): string {
    const jobId = newId();
    board.add({
      id: jobId,
      kind: 'reindex',
      label: modelId ?? 'keyword search only',
      stage: 'queued',
      progress: 0,
      startedAt: now(),
    });
    enqueue(jobId, async (signal) => {
      board.update(jobId, { stage: 'embedding' });
      try {
        await library.reindex(modelId, {
          signal,
          onProgress: (p) => board.update(jobId, { progress: p.progress }),
        });
        board.update(jobId, { stage: 'done', progress: 1 });
      } catch (error) {
        if (signal.aborted) board.update(jobId, { stage: 'cancelled', problem: CANCELLED.reindex });
        else board.update(jobId, { stage: 'failed', problem: problemOf(error) });
      }
    });
    return jobId;
  }

  function cancel(jobId: string): void {
    const job = board.get(jobId);
    if (!job || isFinished(job.stage)) return;
    const queued = queue.findIndex((t) => t.jobId === jobId);
    board.update(jobId, { stage: 'cancelled', problem: CANCELLED[job.kind] });
    controllers.get(jobId)?.abort();
    if (queued < 0) return; // running: its task cleans up when the worker lets go
    queue.splice(queued, 1);
    controllers.delete(jobId);
    if (job.documentId) {
      files.delete(job.documentId);
      const removing = discard(job.documentId, false);
      cleanups.add(removing);
      void removing.finally(() => cleanups.delete(removing));
    }
  }

  function unfinishedJobOf(documentId: string): LibraryJob | undefined {
    return board.list().find((j) => j.documentId === documentId && !isFinished(j.stage));
  }

  const mediaActions = createMediaActions({
    board,
    jobContext,
    newId,
    now,
    enqueue,
    unfinishedJobOf,
    cancelled: CANCELLED,
  });

  return {
    async addFiles(inputs, options = {}) {
      const jobIds: string[] = [];
      const videoFps = options.videoFps === undefined ? undefined : clampFps(options.videoFps);
      for (const input of inputs) {
        if (isFolderJunk(input)) continue;
        const row: DocumentRecord = {
          id: newId(),
          name: input.file.name,
          // The browser's guess until the bytes are sniffed.
          mimeType: input.file.type || 'application/octet-stream',
          size: input.file.size,
          addedAt: now(),
          status: 'queued',
          collectionIds: [...new Set(options.collectionIds ?? [])],
          ...(input.relativePath ? { relativePath: input.relativePath } : {}),
        };
        await addDocument(row);
        jobIds.push(queueIngest(row.id, input, videoFps));
      }
      return jobIds;
    },

    cancel,
    ...mediaActions,

    watchJobs: (listener) => board.watch(listener),

    async removeDocument(documentId) {
      const job = unfinishedJobOf(documentId);
      if (job) cancel(job.id);
      files.delete(documentId);
      await library.removeDocument(documentId);
    },

    search: (query) => library.search(query),
    answer: (query) => library.answer(query),
    passageContext: (chunkId) => library.passageContext(chunkId),
    indexStatus: () => library.status(),

    setEmbeddingModel(modelId) {
      for (const job of board.list()) {
        if (job.kind === 'reindex' && !isFinished(job.stage)) cancel(job.id);
      }
      return Promise.resolve(queueReindex(modelId));
    },

    async ensureIndexed() {
      const running = board.list().some((j) => j.kind === 'reindex' && !isFinished(j.stage));
      if (running) return null;
      const status = await library.status();
      if (!status.embeddingModelId || status.embeddedChunks >= status.chunks) return null;
      return queueReindex(status.embeddingModelId);
    },

    async retry(documentId) {
      const input = files.get(documentId);
      const row = await getDocument(documentId);
      if (!input || !row || row.status !== 'failed' || unfinishedJobOf(documentId)) return null;
      // A fresh row: nothing from the failed attempt (error, warnings, kind) survives.
      await deleteDocumentCascade(documentId);
      await addDocument({
        id: row.id,
        name: row.name,
        mimeType: input.file.type || 'application/octet-stream',
        size: row.size,
        addedAt: row.addedAt,
        status: 'queued',
        collectionIds: row.collectionIds,
        ...(row.relativePath ? { relativePath: row.relativePath } : {}),
      });
      return queueIngest(documentId, input);
    },

    async idle() {
      while (draining) await draining;
      await Promise.all(cleanups);
      await board.flushed();
    },
  };
}
