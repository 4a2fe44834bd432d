// Why this file exists: parsing a document (pdf.js, mammoth, spreadsheets) is heavy, can be
// slow and can blow up on hostile input, so it runs in the ingest worker, never on the main
// thread. This is the API object that worker exposes; it is also called in-process by the
// Node tests (with pdf.js's legacy build). Images are not parsed, but they are decoded once
// here (checkImage), so a file that only starts like an image fails at once. A file that
// cannot be used is an expected outcome, not a crash: `parse` answers `{ ok: false, problem }`
// with the IngestProblem the UI shows, so the problem's code and detail cross the boundary as
// plain data.
import { transfer } from 'comlink';
import { INGEST_LIMITS, maxBytesFor, type IngestLimits } from '../core/ingest/limits';
import { parseDocument, type PdfJsLib } from '../core/ingest/parsers/parse-document';
import { undecodableImageError } from '../core/ingest/parsers/parser-kit';
import type { PdfOptions } from '../core/ingest/parsers/pdf';
import { SNIFF_HEAD_BYTES, sniffType } from '../core/ingest/sniff';
import {
  IngestError,
  MEDIA_KINDS,
  type IngestProblem,
  type ParsedDocument,
  type SniffResult,
} from '../core/ingest/types';
import type { RgbaImage } from '../models/engines/types';
import { TaskAbortedError, toWorkerTaskError, WorkerTaskError } from './errors';
import { renderPdfPages, type PdfRenderLib } from './pdf-render';
import { releaseControl, signalFromPort, type CallControl } from './rpc';

const WORKER_NAME = 'ingest';

/** The pdf.js module parseDocument drives (the browser build in the worker, legacy in Node). */
export type PdfjsModule = PdfJsLib;

/**
 * Where pdf.js finds the standard fonts and CMaps we serve (URLs ending in '/'). In a worker
 * `useWorkerFetch` must be true: pdf.js's other fetch path reads `document.baseURI`, which a
 * worker does not have. parsePdf passes these options through to getDocument.
 */
export type PdfjsDataOptions = PdfOptions & { useWorkerFetch?: boolean };

/** What parsing one file gave: the document, or the problem a person can act on. */
export type ParseOutcome =
  { ok: true; parsed: ParsedDocument; sniff: SniffResult } | { ok: false; problem: IngestProblem };

export interface IngestApiOptions {
  /** Loads pdf.js on first use (a PDF), with its in-thread "fake worker" set up. */
  loadPdfjs: () => Promise<PdfjsModule>;
  pdfOptions?: PdfjsDataOptions;
  /**
   * Extra getDocument parameters for rendering pages (renderPages): in a worker, canvas and
   * filter factories that need no `document`, and fonts drawn as paths (no FontFace).
   */
  renderOptions?: Record<string, unknown>;
  limits?: IngestLimits;
  /**
   * Resolves when an image file really decodes, rejects with the decoder's reason when not
   * (the worker passes createImageBitmap's check, image-decode.ts). Without it (Node), images
   * are taken on their signature alone.
   */
  checkImage?: (file: Blob) => Promise<void>;
}

/** Options of {@link IngestApi.renderPages}. */
export interface RenderPagesOptions {
  /** Pixels per PDF point; default 200/72 (200 DPI). The long side is capped at 2500 px. */
  scale?: number;
}

function tooLarge(size: number, limit: number, kind: string): IngestProblem {
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
  return {
    code: 'too-large',
    message: `This ${kind.toUpperCase()} file is ${mb(size)} MB; the limit for this type is ${mb(limit)} MB. Split it into smaller files and add them again.`,
    detail: { size, limit },
  };
}

/** Anything a parser threw that is not an IngestError: the bytes broke it. */
function unexpectedProblem(err: unknown): IngestProblem {
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError || /out of memory|allocation failed/i.test(reason)) {
    return {
      code: 'corrupt',
      message:
        'The file made the parser run out of memory. It may be damaged or far too complex; try a smaller or re-saved copy.',
      detail: { reason },
    };
  }
  return {
    code: 'corrupt',
    message: `The file could not be read (${reason}). It may be damaged; try re-saving it from the program that made it.`,
    detail: { reason },
  };
}

/** Handed to parseDocument for files that are not PDFs (it never touches pdf.js for those). */
const NO_PDFJS: PdfjsModule = {
  getDocument() {
    throw new Error('pdf.js is loaded only for PDF files');
  },
};

const CANCELLED: IngestProblem = { code: 'cancelled', message: 'Adding this file was cancelled.' };

/** Builds the ingest worker's API; the worker entry passes the browser's pdf.js loader. */
export function createIngestApi(options: IngestApiOptions) {
  const limits = options.limits ?? INGEST_LIMITS;
  let pdfjs: Promise<PdfjsModule> | undefined;
  const loadPdfjs = (): Promise<PdfjsModule> => {
    pdfjs ??= options.loadPdfjs().catch((err: unknown) => {
      pdfjs = undefined; // let the next PDF try again
      throw err;
    });
    return pdfjs;
  };
  const renderDocumentOptions: Record<string, unknown> = {
    ...options.pdfOptions,
    ...(options.pdfOptions?.cMapUrl === undefined ? {} : { cMapPacked: true }),
    ...options.renderOptions,
  };

  /**
   * A file whose signature says image must really decode before its job can go on: a PNG
   * header followed by junk fails here, with its type named, instead of waiting or "Done".
   */
  async function checkImage(file: Blob, mimeType: string): Promise<void> {
    if (!options.checkImage) return;
    try {
      await options.checkImage(file);
    } catch (err) {
      throw undecodableImageError(mimeType, err instanceof Error ? err.message : String(err));
    }
  }

  async function parseFile(
    file: Blob,
    fileName: string,
    signal: AbortSignal,
  ): Promise<ParseOutcome> {
    // Sniff from the first bytes only: a 2 GB file is refused without reading it.
    const head = new Uint8Array(await file.slice(0, SNIFF_HEAD_BYTES).arrayBuffer());
    const sniff = sniffType(head, fileName, file.size);
    const limit = maxBytesFor(sniff.kind, limits);
    if (file.size > limit) return { ok: false, problem: tooLarge(file.size, limit, sniff.kind) };
    if (signal.aborted) return { ok: false, problem: CANCELLED };
    if (sniff.kind === 'image') await checkImage(file, sniff.mimeType);
    // Media waits for the voice-and-vision features: its head is enough to say so, and a
    // 2 GB video is never read into memory.
    const bytes = MEDIA_KINDS.has(sniff.kind) ? head : new Uint8Array(await file.arrayBuffer());
    const parsed = await parseDocument(bytes, fileName, {
      pdfjs: sniff.kind === 'pdf' ? await loadPdfjs() : NO_PDFJS,
      ...(options.pdfOptions ? { pdfOptions: options.pdfOptions } : {}),
      limits,
      signal,
    });
    return { ok: true, parsed, sniff };
  }

  return {
    /**
     * Sniffs, checks the size limit for the kind, then reads and parses `file`. Never rejects
     * for a bad file: the outcome carries the problem. Rejects only when `file` is not a Blob.
     */
    async parse(file: Blob, fileName: string, control?: CallControl): Promise<ParseOutcome> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        if (!(file instanceof Blob)) {
          throw new WorkerTaskError('invalid-input', 'The ingest worker needs a file (Blob).', {
            workerName: WORKER_NAME,
          });
        }
        await control?.onProgress?.({ progress: 0, loaded: 0, total: file.size, timeElapsed: 0 });
        const started = Date.now();
        const outcome = await parseFile(file, fileName, signal);
        await control?.onProgress?.({
          progress: 1,
          loaded: file.size,
          total: file.size,
          timeElapsed: Date.now() - started,
        });
        return outcome;
      } catch (err) {
        if (err instanceof IngestError) return { ok: false, problem: err.problem };
        if (err instanceof WorkerTaskError && !(err instanceof TaskAbortedError)) throw err;
        if (signal.aborted || err instanceof TaskAbortedError)
          return { ok: false, problem: CANCELLED };
        return { ok: false, problem: unexpectedProblem(err) };
      } finally {
        releaseControl(control);
      }
    },

    /**
     * Renders pages of a PDF (1-based numbers) to RGBA pixels for OCR, about 200 DPI, one
     * image per page in order, their buffers transferred. Ask a few pages per call: a page is
     * up to 25 MB. Rejects with 'invalid-input' for a password, a damaged file or a missing
     * page, with TaskAbortedError on cancel; progress counts pages.
     */
    async renderPages(
      file: Blob,
      pages: number[],
      pageOptions: RenderPagesOptions = {},
      control?: CallControl,
    ): Promise<RgbaImage[]> {
      const signal = signalFromPort(control?.abortPort, WORKER_NAME);
      try {
        if (!(file instanceof Blob)) {
          throw new WorkerTaskError('invalid-input', 'The ingest worker needs a file (Blob).', {
            workerName: WORKER_NAME,
          });
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        // pdf.js's rendering types name DOM classes; the module is the same one parse uses.
        const pdfjs = (await loadPdfjs()) as unknown as PdfRenderLib;
        const images = await renderPdfPages(pdfjs, {
          bytes,
          pages,
          ...(pageOptions.scale !== undefined ? { scale: pageOptions.scale } : {}),
          documentOptions: renderDocumentOptions,
          signal,
          onProgress: control?.onProgress,
        });
        return transfer(
          images,
          images.map((image) => image.data.buffer as ArrayBuffer),
        );
      } catch (err) {
        throw toWorkerTaskError(signal.aborted ? signal.reason : err, WORKER_NAME);
      } finally {
        releaseControl(control);
      }
    },
  };
}

/** The ingest worker's API as the worker sees it; clients see `Remote<IngestApi>`. */
export type IngestApi = ReturnType<typeof createIngestApi>;
