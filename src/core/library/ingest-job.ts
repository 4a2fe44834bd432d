// Why this file exists: one file's way into the Library, step by step — duplicate check,
// parse in the ingest worker, the media part for images, recordings, videos and scanned pages
// (media-job.ts), index in the library worker — and what the document row says after each
// step. Every way a file can go wrong ends here as a row with a readable error;
// nothing is thrown at the queue, so one bad file never stops the others, and a failing job
// writes only its own row (never another document's).
import {
  documentsWithContent,
  putDocumentSource,
  updateDocument,
  type DocumentPatch,
  type DocumentRecord,
} from '../../storage';
import { IngestError, type IngestProblem, type ParsedDocument } from '../ingest/types';
import type { JobBoard } from './job-board';
import type { LibraryFileInput } from './library-service-types';
import { needsMedia, runMediaPart } from './media-job';
import type { IngestPort, LibraryPort, MediaPorts } from './ports';

/** Files above this are not hashed for the duplicate check (they are over every size limit). */
export const DUPLICATE_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/** Share of a job's progress bar that parsing takes; indexing takes the rest. */
const PARSE_SHARE = 0.3;
/** For media: parsing is a sniff, the model's work takes most of the bar, indexing the end. */
const MEDIA_RANGE = { from: 0.05, to: 0.85 };

export interface IngestJobContext {
  ingest: IngestPort;
  library: LibraryPort;
  board: JobBoard;
  parseTimeoutMs: number;
  /** Absent: media documents wait (as before voice and vision). */
  media?: MediaPorts | undefined;
}

export interface IngestJobSpec {
  jobId: string;
  documentId: string;
  input: LibraryFileInput;
  signal: AbortSignal;
  /** Set once the library worker was asked to index: a cancel must then clean its indexes too. */
  indexStarted: boolean;
  /** Frames per second sampled from a video (1–5). */
  videoFps?: number | undefined;
  /** Processing a kept document again (its source is stored, it is no duplicate of itself). */
  reprocess?: boolean;
}

/** How a job ended, for the queue: 'cancelled' means the row must be taken away. */
export type IngestJobEnd = 'done' | 'failed' | 'cancelled' | 'duplicate';

async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function findDuplicate(
  documentId: string,
  file: File,
): Promise<{ sha256?: string; existing?: DocumentRecord }> {
  if (file.size === 0 || file.size > DUPLICATE_CHECK_MAX_BYTES) return {};
  const sha256 = await sha256Hex(file);
  // An indexed lookup: reading every document here made each add cost more than the last.
  const existing = (await documentsWithContent(sha256, file.size)).find(
    (d) => d.id !== documentId && d.status !== 'failed',
  );
  return { sha256, existing };
}

/** What the document row learns from a parse, before indexing. */
function parsedFields(parsed: ParsedDocument, mimeType: string): DocumentPatch {
  const patch: DocumentPatch = { kind: parsed.kind, mimeType, warnings: parsed.warnings };
  if (parsed.pageCount !== undefined) patch.pageCount = parsed.pageCount;
  if (parsed.rowCount !== undefined) patch.rowCount = parsed.rowCount;
  if (parsed.title !== undefined) patch.title = parsed.title;
  if (parsed.documentDate !== undefined) patch.documentDate = parsed.documentDate;
  if (parsed.pagesNeedingOcr?.length) patch.pagesNeedingOcr = parsed.pagesNeedingOcr;
  return patch;
}

/** What the row learns once the media part made the text (waiting state and notes replaced). */
function processedFields(parsed: ParsedDocument, notes: IngestProblem[]): DocumentPatch {
  return {
    ...(parsed.title !== undefined ? { title: parsed.title } : {}),
    waitingFor: undefined,
    error: undefined,
    pagesNeedingOcr: parsed.pagesNeedingOcr?.length ? parsed.pagesNeedingOcr : undefined,
    warnings: [...parsed.warnings, ...notes],
  };
}

const NOTHING_READ: IngestProblem = {
  code: 'empty',
  message: 'Nothing could be heard, seen or read in this file, so there is nothing to search.',
};

/** Keeps the original bytes, so the document can be processed again when a model arrives. */
async function keepSource(spec: IngestJobSpec, file: File, mimeType: string): Promise<void> {
  await putDocumentSource({
    documentId: spec.documentId,
    blob: file,
    name: file.name,
    mimeType,
    ...(spec.videoFps !== undefined ? { videoFps: spec.videoFps } : {}),
  });
}

/** Marks the job a skipped duplicate when the same bytes are already in; records the hash. */
async function skipDuplicate(ctx: IngestJobContext, spec: IngestJobSpec): Promise<boolean> {
  const { sha256, existing } = await findDuplicate(spec.documentId, spec.input.file);
  if (existing) {
    const name = existing.relativePath ?? existing.name;
    ctx.board.update(spec.jobId, {
      stage: 'cancelled',
      progress: 1,
      problem: {
        code: 'duplicate',
        message: `Already in the library as ${name}; this copy was not added.`,
        detail: { duplicateOf: existing.id, name },
      },
    });
    return true;
  }
  if (sha256) await updateDocument(spec.documentId, { sha256 });
  return false;
}

/** An index failure as the row shows it: the worker's own message, which says what to do. */
export function problemOf(error: unknown): IngestProblem {
  // A media document builder's own problem ('empty': nothing said or seen) says it best.
  if (error instanceof IngestError) return error.problem;
  const reason = error instanceof Error ? error.message : String(error);
  return { code: 'index-failed', message: reason, detail: { reason } };
}

async function fail(ctx: IngestJobContext, spec: IngestJobSpec, problem: IngestProblem) {
  ctx.board.update(spec.jobId, { stage: 'failed', problem });
  await updateDocument(spec.documentId, {
    status: 'failed',
    error: {
      kind: problem.code,
      message: problem.message,
      ...(problem.detail ? { detail: problem.detail } : {}),
    },
  });
  return 'failed' as const;
}

/**
 * Runs one ingest job to its end. Resolves how it ended; the caller removes the row of a
 * cancelled or duplicate job (the board already says so).
 */
export async function runIngestJob(
  ctx: IngestJobContext,
  spec: IngestJobSpec,
): Promise<IngestJobEnd> {
  const { board } = ctx;
  const { jobId, documentId, input, signal } = spec;
  const file = input.file;
  try {
    board.update(jobId, { stage: 'parsing', progress: 0 });
    await updateDocument(documentId, { status: 'processing' });

    if (!spec.reprocess && (await skipDuplicate(ctx, spec))) return 'duplicate';
    if (signal.aborted) return 'cancelled';

    const outcome = await ctx.ingest.parse(file, file.name, {
      signal,
      timeoutMs: ctx.parseTimeoutMs,
    });
    if (signal.aborted || (!outcome.ok && outcome.problem.code === 'cancelled')) return 'cancelled';
    if (!outcome.ok) return await fail(ctx, spec, outcome.problem);
    const { parsed, sniff } = outcome;
    await updateDocument(documentId, parsedFields(parsed, sniff.mimeType));
    board.update(jobId, { progress: needsMedia(parsed) ? MEDIA_RANGE.from : PARSE_SHARE });

    let toIndex = parsed;
    let notes: IngestProblem[] = [];
    let indexFrom = PARSE_SHARE;
    if (needsMedia(parsed)) {
      if (!spec.reprocess) await keepSource(spec, file, sniff.mimeType);
      const media = await runMediaPart(ctx, spec, file, file.name, parsed, MEDIA_RANGE);
      if (signal.aborted) return 'cancelled';
      if (media.kind === 'waiting') {
        const warnings = parsed.warnings.filter((w) => w.code !== 'waiting-for-media');
        await updateDocument(documentId, {
          status: 'waiting',
          waitingFor: media.waitingFor,
          warnings: [...warnings, media.message],
          chunkCount: 0,
        });
        board.update(jobId, { stage: 'done', progress: 1 });
        return 'done';
      }
      toIndex = media.parsed;
      notes = media.notes;
      indexFrom = MEDIA_RANGE.to;
      if (toIndex.blocks.length === 0) return await fail(ctx, spec, NOTHING_READ);
    }

    board.update(jobId, { stage: 'chunking', progress: indexFrom });
    spec.indexStarted = true;
    const indexed = await ctx.library.addDocument(documentId, toIndex, {
      signal,
      onProgress: (p) => {
        if (signal.aborted) return;
        board.update(jobId, {
          stage: 'embedding',
          progress: indexFrom + (1 - indexFrom) * p.progress,
        });
      },
    });
    if (signal.aborted) return 'cancelled';
    await updateDocument(documentId, {
      status: 'ready',
      chunkCount: indexed.chunkCount,
      ...(toIndex === parsed ? {} : processedFields(toIndex, notes)),
    });
    board.update(jobId, { stage: 'done', progress: 1 });
    return 'done';
  } catch (error) {
    if (signal.aborted) return 'cancelled';
    try {
      return await fail(ctx, spec, problemOf(error));
    } catch (writeError) {
      // Even the error could not be written (storage full, tab closing): the job still ends.
      board.update(jobId, { stage: 'failed', problem: problemOf(writeError) });
      return 'failed';
    }
  }
}
