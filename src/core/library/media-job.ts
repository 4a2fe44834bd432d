// Why this file exists: the media part of a Library job. After the ingest worker has sniffed
// (and, for a PDF, parsed) a file, this decides whether a model is needed and installed, runs
// the matching step (captions and OCR, transcription, video, scanned pages) with stage texts
// and progress on the job, and says what to index — or that the document waits for a model,
// with a message naming what to install. It stores nothing itself (see media-steps.ts).
import { IngestError, MEDIA_KINDS, type IngestProblem, type ParsedDocument } from '../ingest/types';
import type { JobBoard } from './job-board';
import {
  installedMediaModels,
  missingModelFor,
  WAITING_MESSAGES,
  type WaitingFor,
} from './media-models';
import {
  DEFAULT_VIDEO_FPS,
  ocrPdfPages,
  processAudio,
  processImage,
  processVideo,
  type MediaOutcome,
  type MediaStepContext,
} from './media-steps';
import type { MediaPorts } from './ports';

/** What to do after the media part. */
export type MediaResult =
  | { kind: 'index'; parsed: ParsedDocument; notes: IngestProblem[] }
  | { kind: 'waiting'; waitingFor: WaitingFor; message: IngestProblem };

export interface MediaJobContext {
  media?: MediaPorts | undefined;
  board: JobBoard;
}

export interface MediaJobSpec {
  jobId: string;
  signal: AbortSignal;
  /** Frames per second sampled from a video (1–5). */
  videoFps?: number | undefined;
}

/** Whether a parsed file needs the media part (and so its original bytes kept). */
export function needsMedia(parsed: ParsedDocument): boolean {
  return MEDIA_KINDS.has(parsed.kind) || (parsed.pagesNeedingOcr?.length ?? 0) > 0;
}

/** The capability a document would wait for, from what its parse gave. */
function waitingReason(parsed: ParsedDocument): WaitingFor | undefined {
  if (parsed.kind === 'image') return 'captioning';
  if (parsed.kind === 'audio') return 'transcription';
  if (parsed.kind === 'video') return 'video';
  if (parsed.kind === 'pdf' && parsed.blocks.length === 0 && parsed.pagesNeedingOcr?.length) {
    return 'ocr';
  }
  return undefined;
}

function waiting(waitingFor: WaitingFor): MediaResult {
  return { kind: 'waiting', waitingFor, message: WAITING_MESSAGES[waitingFor] };
}

/** The parser's "waits for the voice-and-vision features" note, replaced by what happened. */
function withoutParserNote(parsed: ParsedDocument): ParsedDocument {
  return { ...parsed, warnings: parsed.warnings.filter((w) => w.code !== 'waiting-for-media') };
}

/**
 * Runs the media part of a job for `file` (parsed as `parsed`), reporting progress between
 * `from` and `to` of the job's bar. Throws on failure or cancel (an AbortError).
 */
export async function runMediaPart(
  ctx: MediaJobContext,
  spec: MediaJobSpec,
  file: Blob,
  name: string,
  parsed: ParsedDocument,
  range: { from: number; to: number },
): Promise<MediaResult> {
  const reason = waitingReason(parsed);
  const textPdf = parsed.kind === 'pdf' && reason === undefined;
  const asIs: MediaResult = { kind: 'index', parsed, notes: [] };
  if (!ctx.media) return reason ? waiting(reason) : asIs;

  const models = await installedMediaModels(ctx.media);
  const missing = missingModelFor(parsed.kind, models);
  if (missing) return textPdf ? asIs : waiting(missing);

  const step: MediaStepContext = {
    ports: ctx.media,
    models,
    signal: spec.signal,
    onProgress: (stage, progress) => {
      if (spec.signal.aborted) return;
      ctx.board.update(spec.jobId, {
        stage,
        progress: range.from + (range.to - range.from) * Math.min(1, Math.max(0, progress)),
      });
    },
  };
  let outcome: MediaOutcome;
  try {
    outcome = await runStep(step, spec, file, name, parsed);
  } catch (error) {
    throw asMediaFailure(error, spec.signal);
  }
  return { kind: 'index', parsed: outcome.parsed, notes: outcome.notes };
}

function runStep(
  step: MediaStepContext,
  spec: MediaJobSpec,
  file: Blob,
  name: string,
  parsed: ParsedDocument,
): Promise<MediaOutcome> {
  switch (parsed.kind) {
    case 'image':
      return processImage(step, file, name);
    case 'audio':
      return processAudio(step, file, name);
    case 'video':
      return processVideo(step, file, name, spec.videoFps ?? DEFAULT_VIDEO_FPS);
    default:
      return ocrPdfPages(step, file, withoutParserNote(parsed));
  }
}

/**
 * A media step's failure as the row must show it: the decoder's or model's own words ("This
 * image could not be read: … Try PNG or JPEG."), as 'media-failed' — not 'index-failed', whose
 * advice (choose another embedding model) would send the person the wrong way. A cancel and
 * the steps' own IngestErrors pass through unchanged.
 */
function asMediaFailure(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted || error instanceof IngestError) return error;
  if (error instanceof Error && error.name === 'AbortError') return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new IngestError({ code: 'media-failed', message: reason, detail: { reason } });
}
