// Why this file exists: the steps that turn a media file into a parsed document, one per kind:
// an image is captioned and OCR'd, a recording transcribed, a video's audio transcribed and
// its frames captioned, a PDF's scanned pages rendered and OCR'd and merged with its text
// pages. Each step only computes: nothing is stored here, so a cancel or a failure anywhere
// leaves nothing half-saved (the job stores the result once, at the end).
import { imageDocument } from '../vision/image-document';
import { sampleTimes, videoDocument } from '../vision/video-document';
import { transcriptDocument } from '../voice/transcript-document';
import type { FrameDescription, Transcript } from '../voice/types';
import type { IngestProblem, ParsedDocument, TextBlock } from '../ingest/types';
import { PARTIAL_NOTES, type MediaModels } from './media-models';
import type { MediaPorts } from './ports';
import type { RgbaImage } from '../../models/engines/types';

/** Stages a media job reports, with progress 0..1 within the media part of the job. */
export type MediaStage = 'transcribing' | 'captioning' | 'recognising';

export interface MediaStepContext {
  ports: MediaPorts;
  models: MediaModels;
  signal: AbortSignal;
  onProgress(stage: MediaStage, progress: number): void;
}

/** A parsed document made from media, and notes about parts left out. */
export interface MediaOutcome {
  parsed: ParsedDocument;
  notes: IngestProblem[];
}

/** Default frames per second sampled from a video (the Library's add options offer 1–5). */
export const DEFAULT_VIDEO_FPS = 1;

/** Render scale for scanned PDF pages: about 200 DPI, what tesseract reads best. */
const OCR_PAGE_SCALE = 2.8;

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new DOMException('Processing was cancelled.', 'AbortError');
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** "lecture.final.mp3" → "lecture.final". */
export function titleOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

async function transcribe(
  ctx: MediaStepContext,
  pcm: Float32Array,
  share: number,
): Promise<Transcript> {
  const modelId = ctx.models.speech;
  if (!modelId) throw new Error('No speech-to-text model is installed.');
  ctx.onProgress('transcribing', 0);
  const result = await ctx.ports.speech.transcribe(
    { modelId, audio: pcm, timestamps: true, language: null },
    {
      signal: ctx.signal,
      onProgress: (p) => ctx.onProgress('transcribing', (share * p.windowsDone) / p.windows),
    },
  );
  const { language, durationSeconds, segments, text, windows } = result;
  return { language, durationSeconds, segments, text, windows };
}

/** A recording: decoded on the main thread, transcribed with timestamps, language detected. */
export async function processAudio(
  ctx: MediaStepContext,
  file: Blob,
  name: string,
): Promise<MediaOutcome> {
  ctx.onProgress('transcribing', 0);
  const { pcm } = await ctx.ports.decodeAudio(file, { signal: ctx.signal });
  throwIfAborted(ctx.signal);
  const transcript = await transcribe(ctx, pcm, 1);
  throwIfAborted(ctx.signal);
  return { parsed: transcriptDocument(transcript, titleOf(name)), notes: [] };
}

/**
 * An image: described in detail by the image-to-text model and read by OCR, whichever are
 * installed. With no OCR language installed, an image model that reads text (Florence-2's OCR
 * task: `models.textReader`) reads it instead; tesseract stays first when it is there (it keeps
 * lines and boxes).
 */
export async function processImage(
  ctx: MediaStepContext,
  file: Blob,
  name: string,
): Promise<MediaOutcome> {
  const { captioner, ocr, textReader } = ctx.models;
  const notes: IngestProblem[] = [];
  let caption: string | null = null;
  let ocrText: string | null = null;
  if (captioner) {
    ctx.onProgress('captioning', 0);
    const described = await ctx.ports.vision.caption(
      { modelId: captioner, image: file, task: 'detailed-caption' },
      { signal: ctx.signal },
    );
    caption = described.text.trim() || null;
  } else {
    notes.push(PARTIAL_NOTES.noCaptioner);
  }
  throwIfAborted(ctx.signal);
  if (ocr.length > 0) {
    ctx.onProgress('recognising', 0.5);
    const read = await ctx.ports.vision.ocr({ modelIds: ocr, image: file }, { signal: ctx.signal });
    ocrText = read.text.trim() || null;
  } else if (textReader) {
    ctx.onProgress('recognising', 0.5);
    ocrText = await readTextWithImageModel(ctx, textReader, file);
  } else {
    notes.push(PARTIAL_NOTES.noOcr);
  }
  throwIfAborted(ctx.signal);
  ctx.onProgress('recognising', 1);
  return { parsed: imageDocument({ title: titleOf(name), caption, ocrText }), notes };
}

/** A video: its audio track transcribed (when there is one) and frames captioned at `fps`. */
export async function processVideo(
  ctx: MediaStepContext,
  file: Blob,
  name: string,
  fps: number,
): Promise<MediaOutcome> {
  const { ports, models, signal } = ctx;
  const notes: IngestProblem[] = [];
  const durationSeconds = await ports.videoDuration(file, { signal });
  let transcript: Transcript | null = null;
  const speechShare = models.speech ? 0.5 : 0;
  if (!models.speech) {
    notes.push(PARTIAL_NOTES.noSpeechModel);
  } else {
    ctx.onProgress('transcribing', 0);
    let pcm: Float32Array | null = null;
    try {
      pcm = (await ports.decodeAudio(file, { signal })).pcm;
    } catch (error) {
      if (isAbort(error) || signal.aborted) throw error;
      notes.push(PARTIAL_NOTES.noAudioTrack);
    }
    if (pcm && pcm.length > 0) transcript = await transcribe(ctx, pcm, speechShare);
  }
  throwIfAborted(signal);

  const captioner = models.captioner;
  if (!captioner) throw new Error('No image-to-text model is installed.');
  const times = sampleTimes(durationSeconds, fps);
  const frames: FrameDescription[] = [];
  ctx.onProgress('captioning', speechShare);
  for await (const frame of ports.sampleVideoFrames(file, times, { signal })) {
    throwIfAborted(signal);
    const described = await ports.vision.caption(
      { modelId: captioner, image: frame.image },
      { signal },
    );
    frames.push({ time: frame.time, caption: described.text.trim() });
    const done = frames.length / Math.max(1, times.length);
    ctx.onProgress('captioning', speechShare + (1 - speechShare) * done);
  }
  throwIfAborted(signal);
  const parsed = videoDocument({ title: titleOf(name), durationSeconds, transcript, frames });
  return { parsed, notes };
}

/** OCR text as paragraphs (blank lines split them; lines inside one are joined). */
function pageBlocks(text: string, page: number): TextBlock[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0)
    .map((p) => ({ kind: 'paragraph', text: p, page }));
}

/** The text in an image as an image-to-text model that reads text gives it (Florence-2's <OCR>). */
async function readTextWithImageModel(
  ctx: MediaStepContext,
  modelId: string,
  image: Blob | RgbaImage,
): Promise<string | null> {
  const read = await ctx.ports.vision.caption(
    { modelId, image, task: 'text' },
    { signal: ctx.signal },
  );
  return read.text.trim() || null;
}

/**
 * A PDF's scanned pages, rendered one at a time (bounded memory, progress and cancel per
 * page) and OCR'd (tesseract, or an image model that reads text when no OCR language is
 * installed), merged with its text pages in page order.
 */
export async function ocrPdfPages(
  ctx: MediaStepContext,
  file: Blob,
  parsed: ParsedDocument,
): Promise<MediaOutcome> {
  const pages = [...(parsed.pagesNeedingOcr ?? [])].sort((a, b) => a - b);
  const modelIds = ctx.models.ocr;
  const textReader = ctx.models.textReader;
  if (modelIds.length === 0 && !textReader) throw new Error('No OCR model is installed.');
  const recognised = new Map<number, TextBlock[]>();
  for (const [i, page] of pages.entries()) {
    throwIfAborted(ctx.signal);
    ctx.onProgress('recognising', i / pages.length);
    const [image] = await ctx.ports.renderPdfPages(file, [page], {
      scale: OCR_PAGE_SCALE,
      signal: ctx.signal,
    });
    if (!image) throw new Error(`Page ${page} of this PDF could not be rendered for OCR.`);
    const text =
      modelIds.length > 0 || !textReader
        ? (await ctx.ports.vision.ocr({ modelIds, image }, { signal: ctx.signal })).text
        : ((await readTextWithImageModel(ctx, textReader, image)) ?? '');
    recognised.set(page, pageBlocks(text, page));
  }
  throwIfAborted(ctx.signal);
  ctx.onProgress('recognising', 1);
  // Stable by page: text pages keep their order, each scanned page lands where it belongs.
  const blocks = [...parsed.blocks, ...[...recognised.values()].flat()]
    .map((block, index) => ({ block, index }))
    .sort((a, b) => (a.block.page ?? 0) - (b.block.page ?? 0) || a.index - b.index)
    .map(({ block }) => block);
  const { pagesNeedingOcr: _done, ...rest } = parsed;
  const warnings = parsed.warnings.filter((w) => w.code !== 'pages-need-ocr');
  return { parsed: { ...rest, blocks, warnings }, notes: [] };
}
