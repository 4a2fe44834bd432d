// Why this file exists: the Library service's media actions, apart from the file queue they
// share. "Process now" runs a kept document (waiting for a model, or with parts left out)
// through the same job as a fresh file, from its stored original; a cancel or failure puts
// the row back as it was and stores no chunks. addTranscript saves a transcript made in the
// Transcribe view as a time-coded document, as a job on the same board.
import {
  addDocument,
  chunksOfDocument,
  deleteDocumentCascade,
  getDocument,
  getDocumentSource,
  listDocuments,
  putDocumentSource,
  updateDocument,
  type DocumentRecord,
} from '../../storage';
import type { IngestProblem } from '../ingest/types';
import { transcriptDocument } from '../voice/transcript-document';
import { problemOf, runIngestJob, type IngestJobContext } from './ingest-job';
import type { JobBoard } from './job-board';
import type { LibraryJob, LibraryService } from './library-service-types';
import { titleOf } from './media-steps';

/** What the actions need from the service that owns the queue. */
export interface MediaActionsHost {
  board: JobBoard;
  jobContext: IngestJobContext;
  newId: () => string;
  now: () => number;
  /** Queues a task; the signal it returns aborts on cancel, queued or running. */
  enqueue(jobId: string, run: (signal: AbortSignal) => Promise<void>): AbortSignal;
  unfinishedJobOf(documentId: string): LibraryJob | undefined;
  cancelled: Readonly<Record<LibraryJob['kind'], IngestProblem>>;
}

/** Video frames per second the Library offers. */
export const VIDEO_FPS_RANGE = { min: 1, max: 5 } as const;

export function clampFps(fps: number): number {
  if (!Number.isFinite(fps)) return VIDEO_FPS_RANGE.min;
  return Math.min(VIDEO_FPS_RANGE.max, Math.max(VIDEO_FPS_RANGE.min, Math.round(fps)));
}

/** Whether "Process now" applies: waiting, failed, or ready with scanned pages or parts left out. */
export function canProcess(doc: DocumentRecord): boolean {
  if (doc.status === 'waiting' || doc.status === 'failed') return true;
  if (doc.status !== 'ready') return false;
  return (
    (doc.pagesNeedingOcr?.length ?? 0) > 0 ||
    (doc.warnings ?? []).some((w) => w.code === 'waiting-for-media')
  );
}

export function createMediaActions(
  host: MediaActionsHost,
): Pick<LibraryService, 'processWaiting' | 'processAllWaiting' | 'addTranscript'> {
  const { board, jobContext, newId, now } = host;

  /** Puts the row back as it was; chunks a late cancel let through make it ready instead. */
  async function restore(row: DocumentRecord): Promise<void> {
    const chunks = await chunksOfDocument(row.id);
    if (chunks.length > 0 && row.status !== 'ready') {
      await updateDocument(row.id, { status: 'ready', chunkCount: chunks.length });
      return;
    }
    await updateDocument(row.id, {
      status: row.status,
      waitingFor: row.waitingFor,
      error: row.error,
      warnings: row.warnings,
      pagesNeedingOcr: row.pagesNeedingOcr,
      chunkCount: row.chunkCount,
    });
  }

  async function processWaiting(documentId: string): Promise<string | null> {
    const [row, source] = await Promise.all([
      getDocument(documentId),
      getDocumentSource(documentId),
    ]);
    if (!row || !source || !canProcess(row) || host.unfinishedJobOf(documentId)) return null;
    const jobId = newId();
    board.add({
      id: jobId,
      kind: 'process',
      documentId,
      label: row.relativePath ?? row.name,
      stage: 'queued',
      progress: 0,
      startedAt: now(),
    });
    host.enqueue(jobId, async (signal) => {
      const file = new File([source.blob], source.name, { type: source.mimeType });
      const spec = {
        jobId,
        documentId,
        input: { file },
        signal,
        indexStarted: false,
        videoFps: source.videoFps,
        reprocess: true,
      };
      const end = await runIngestJob(jobContext, spec);
      if (end === 'cancelled') {
        board.update(jobId, { stage: 'cancelled', problem: host.cancelled.process });
        await restore(row).catch((error: unknown) =>
          console.warn('Omnia: could not put a document back after a cancel', error),
        );
      }
    });
    return jobId;
  }

  return {
    processWaiting,

    async processAllWaiting() {
      const jobIds: string[] = [];
      for (const doc of await listDocuments()) {
        if (doc.status !== 'waiting') continue;
        const jobId = await processWaiting(doc.id);
        if (jobId) jobIds.push(jobId);
      }
      return jobIds;
    },

    async addTranscript(input) {
      const parsed = transcriptDocument(input.transcript, titleOf(input.name));
      const documentId = newId();
      const row: DocumentRecord = {
        id: documentId,
        name: input.name,
        mimeType: input.source?.type || 'audio/wav',
        size: input.source?.size ?? 0,
        addedAt: now(),
        status: 'processing',
        kind: 'audio',
        collectionIds: [...new Set(input.collectionIds ?? [])],
        ...(parsed.title !== undefined ? { title: parsed.title } : {}),
      };
      await addDocument(row);
      const jobId = newId();
      board.add({
        id: jobId,
        kind: 'ingest',
        documentId,
        label: input.name,
        stage: 'queued',
        progress: 0,
        startedAt: now(),
      });
      return new Promise<string>((resolve, reject) => {
        const queued = host.enqueue(jobId, async (signal) => {
          try {
            if (input.source) {
              await putDocumentSource({
                documentId,
                blob: input.source,
                name: input.name,
                mimeType: row.mimeType,
              });
            }
            board.update(jobId, { stage: 'chunking', progress: 0.1 });
            const indexed = await jobContext.library.addDocument(documentId, parsed, {
              signal,
              onProgress: (p) => {
                if (!signal.aborted) {
                  board.update(jobId, { stage: 'embedding', progress: 0.1 + 0.9 * p.progress });
                }
              },
            });
            if (signal.aborted) throw new DOMException('Saving was cancelled.', 'AbortError');
            await updateDocument(documentId, { status: 'ready', chunkCount: indexed.chunkCount });
            board.update(jobId, { stage: 'done', progress: 1 });
            resolve(documentId);
          } catch (error) {
            if (signal.aborted)
              board.update(jobId, { stage: 'cancelled', problem: host.cancelled.ingest });
            else board.update(jobId, { stage: 'failed', problem: problemOf(error) });
            // Nothing half-saved: the row, its chunks and its kept recording all go.
            await jobContext.library
              .removeDocument(documentId)
              .catch(() => deleteDocumentCascade(documentId));
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        // A cancel while still queued never runs the task (the service discards the row).
        queued.addEventListener('abort', () =>
          reject(new DOMException('Saving was cancelled.', 'AbortError')),
        );
      });
    },
  };
}
