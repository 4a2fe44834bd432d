// Why this file exists: scanned PDF pages have no text layer, so tesseract must read them as
// pictures. This renders chosen pages to RGBA pixels with pdf.js inside the ingest worker: at
// about 200 DPI (what tesseract reads best), capped so a poster-sized page stays a few tens
// of MB. pdf.js draws on canvases from the document's own canvas factory: OffscreenCanvas in
// the worker (ingest.worker.ts passes it), @napi-rs/canvas in Node tests (pdf.js's default).
import type { RgbaImage } from '../models/engines/types';
import { WorkerTaskError } from './errors';
import { createProgressReporter } from './progress';
import { throwIfAborted, type TaskProgress } from './rpc';

const WORKER_NAME = 'ingest';
/** 200 DPI over PDF's 72 points per inch. */
export const OCR_RENDER_SCALE = 200 / 72;
/** The longest side of a rendered page, in pixels. */
export const MAX_RENDER_SIDE = 2500;

interface CanvasAndContext {
  canvas: unknown;
  context: {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}

interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(entry: CanvasAndContext): void;
}

interface RenderablePage {
  getViewport(params: { scale: number }): { width: number; height: number };
  render(params: { canvasContext: unknown; viewport: unknown; background?: string }): {
    promise: Promise<void>;
    cancel(): void;
  };
  cleanup(): unknown;
}

interface RenderableDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<RenderablePage>;
  canvasFactory: unknown;
}

/**
 * The part of pdf.js rendering uses. pdf.js's own types name DOM classes (HTMLCanvasElement)
 * that a worker does not have, so callers hand the module in as this shape.
 */
export interface PdfRenderLib {
  getDocument(params: Record<string, unknown> & { data: Uint8Array }): {
    promise: Promise<RenderableDocument>;
    destroy(): Promise<void>;
  };
}

export interface RenderPagesRequest {
  bytes: Uint8Array;
  /** 1-based page numbers, rendered in this order. */
  pages: readonly number[];
  /** Pixels per PDF point; default {@link OCR_RENDER_SCALE}. The long side is capped at 2500 px. */
  scale?: number;
  /** Extra getDocument parameters (fonts, canvas and filter factories for a worker). */
  documentOptions?: Record<string, unknown>;
  signal: AbortSignal;
  onProgress?: (p: TaskProgress) => unknown;
}

function problem(message: string): WorkerTaskError {
  return new WorkerTaskError('invalid-input', message, { workerName: WORKER_NAME });
}

/** pdf.js's failures to open a document, in words a person can act on. */
function openError(error: unknown): WorkerTaskError {
  const name = error instanceof Error ? error.name : '';
  const detail = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
  if (name === 'PasswordException') {
    return problem(
      'This PDF is password-protected. Open it, save a copy without a password, and add that copy.',
    );
  }
  if (name === 'InvalidPDFException' || name === 'MissingPDFException') {
    return problem(`This file is not a valid PDF (${detail}). Try re-saving it as PDF.`);
  }
  return problem(`This PDF could not be opened (${detail}). It may be damaged; try re-saving it.`);
}

function isCanvasFactory(value: unknown): value is CanvasFactory {
  const factory = value as Partial<CanvasFactory> | null;
  return typeof factory?.create === 'function' && typeof factory.destroy === 'function';
}

/** The scale to draw `page` at: the one asked for, lowered so the long side fits the cap. */
export function renderScale(size: { width: number; height: number }, scale: number): number {
  const longSide = Math.max(size.width, size.height);
  return longSide * scale > MAX_RENDER_SIDE ? MAX_RENDER_SIDE / longSide : scale;
}

async function renderOne(
  doc: RenderableDocument,
  factory: CanvasFactory,
  pageNumber: number,
  scale: number,
  signal: AbortSignal,
): Promise<RgbaImage> {
  const page = await doc.getPage(pageNumber);
  try {
    const viewport = page.getViewport({
      scale: renderScale(page.getViewport({ scale: 1 }), scale),
    });
    const width = Math.max(1, Math.floor(viewport.width));
    const height = Math.max(1, Math.floor(viewport.height));
    const entry = factory.create(width, height);
    try {
      if (!entry.context) throw new Error('no 2D canvas to draw the page on');
      const task = page.render({ canvasContext: entry.context, viewport, background: '#ffffff' });
      const cancel = (): void => task.cancel();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        await task.promise;
      } catch (error) {
        throwIfAborted(signal, WORKER_NAME); // a cancelled render rejects with its own error
        throw error;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
      throwIfAborted(signal, WORKER_NAME);
      const { data } = entry.context.getImageData(0, 0, width, height);
      return { width, height, data: new Uint8ClampedArray(data) };
    } finally {
      factory.destroy(entry);
    }
  } finally {
    page.cleanup();
  }
}

/**
 * Renders `pages` of the PDF in `bytes`, one RGBA image per page, in order. Rejects with an
 * 'invalid-input' WorkerTaskError for a password, a damaged file or a page that does not exist,
 * with TaskAbortedError when `signal` aborts (checked between pages, and mid-page).
 */
export async function renderPdfPages(
  pdfjs: PdfRenderLib,
  request: RenderPagesRequest,
): Promise<RgbaImage[]> {
  const { pages, signal } = request;
  const scale = request.scale ?? OCR_RENDER_SCALE;
  if (!Number.isFinite(scale) || scale <= 0) {
    throw problem(`A page cannot be drawn at scale ${scale}: give a positive number.`);
  }
  if (pages.length === 0) return [];
  const task = pdfjs.getDocument({
    // pdf.js transfers (detaches) the buffer it is given: give a copy.
    data: request.bytes.slice(),
    isEvalSupported: false,
    verbosity: 0,
    ...request.documentOptions,
  });
  try {
    let doc: RenderableDocument;
    try {
      doc = await task.promise;
    } catch (error) {
      throw openError(error);
    }
    const missing = pages.filter((p) => !Number.isInteger(p) || p < 1 || p > doc.numPages);
    if (missing.length > 0) {
      throw problem(
        `This PDF has ${doc.numPages} page${doc.numPages === 1 ? '' : 's'}; page ${missing.join(', ')} does not exist.`,
      );
    }
    const factory = doc.canvasFactory;
    if (!isCanvasFactory(factory)) throw new Error('pdf.js gave no canvas factory to render with');
    const progress = createProgressReporter(request.onProgress, pages.length);
    const images: RgbaImage[] = [];
    for (const pageNumber of pages) {
      throwIfAborted(signal, WORKER_NAME);
      images.push(await renderOne(doc, factory, pageNumber, scale, signal));
      progress.update(images.length, `Page ${pageNumber}`);
    }
    await progress.finish();
    return images;
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
