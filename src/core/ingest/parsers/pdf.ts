// PDFs page by page with pdf.js, so every block keeps its page number (citations point at
// pages). pdf.js is injected: Node tests use 'pdfjs-dist/legacy/build/pdf.mjs', the ingest
// worker 'pdfjs-dist' with its own fake-worker setup. Pages without a text layer are flagged
// for OCR (the voice-and-vision issue); password, truncation and damage become IngestErrors.
import type { ParsedDocument } from '../types';
import { IngestError, type IngestProblem } from '../types';
import { groupPdfLines, pdfPageLines, type PdfTextContent } from './pdf-text';
import {
  BlockList,
  checkpoint,
  corruptError,
  createContext,
  rowsCapped,
  SectionPath,
  type ParserContext,
} from './parser-kit';

export interface PdfPage {
  getTextContent(): Promise<PdfTextContent>;
  cleanup(): unknown;
}

export interface PdfDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info: unknown }>;
}

export interface PdfLoadingTask {
  promise: Promise<PdfDocument>;
  destroy(): Promise<void>;
}

export interface PdfDocumentParams {
  data: Uint8Array;
  useWorkerFetch?: boolean;
  isEvalSupported?: boolean;
  standardFontDataUrl?: string;
  cMapUrl?: string;
  cMapPacked?: boolean;
  verbosity?: number;
}

/** The part of pdf.js we use; both 'pdfjs-dist' and its legacy build fit it. */
export interface PdfJsLib {
  getDocument(params: PdfDocumentParams): PdfLoadingTask;
}

export interface PdfOptions {
  standardFontDataUrl?: string;
  cMapUrl?: string;
}

const WHAT = 'PDF';

/** A PDF date ("D:20240315093000Z", "D:2024031509+01'00'") as epoch ms. */
export function parsePdfDate(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(
      value.trim(),
    );
  if (match === null) return undefined;
  const [
    ,
    year,
    month = '01',
    day = '01',
    hour = '00',
    minute = '00',
    second = '00',
    sign,
    offH = '00',
    offM = '00',
  ] = match;
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const offset = (Number(offH) * 60 + Number(offM)) * 60_000;
  const time = sign === '+' ? utc - offset : sign === '-' ? utc + offset : utc;
  return Number.isNaN(time) ? undefined : time;
}

/** Whether the file ends the way a complete PDF does (%%EOF in its last 1 KB). */
function hasEndMarker(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return tail.includes('%%EOF');
}

function truncatedPdf(): IngestError {
  return new IngestError({
    code: 'truncated',
    message:
      'This PDF is cut off: the end of the file is missing. Download or copy it again and add the complete file.',
  });
}

function pdfJsError(error: unknown): IngestError {
  if (error instanceof IngestError) return error;
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return new IngestError({
      code: 'encrypted',
      message:
        'This PDF is password-protected. Open it, save a copy without a password, and add that copy.',
    });
  }
  if (name === 'InvalidPDFException' || name === 'MissingPDFException') {
    return corruptError(`it is not a valid PDF (${message.replace(/\.$/, '')})`, WHAT);
  }
  return corruptError(message.replace(/\.$/, ''), WHAT);
}

function readInfo(info: unknown): { title?: string; documentDate?: number } {
  if (info === null || typeof info !== 'object') return {};
  const record = info as Record<string, unknown>;
  const title = typeof record.Title === 'string' ? record.Title.trim() : '';
  const documentDate = parsePdfDate(record.CreationDate);
  return {
    ...(title === '' ? {} : { title }),
    ...(documentDate === undefined ? {} : { documentDate }),
  };
}

/** A PDF's text, page by page; pages with no text layer listed in pagesNeedingOcr. */
export async function parsePdf(
  bytes: Uint8Array,
  pdfjs: PdfJsLib,
  context: ParserContext = createContext(),
  options: PdfOptions = {},
): Promise<ParsedDocument> {
  if (!hasEndMarker(bytes)) throw truncatedPdf();
  checkpoint(context);
  // pdf.js transfers (detaches) the buffer it is given, even to its fake worker: give a copy.
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    useWorkerFetch: false,
    isEvalSupported: false,
    verbosity: 0,
    ...options,
    ...(options.cMapUrl === undefined ? {} : { cMapPacked: true }),
  });
  try {
    let doc: PdfDocument;
    try {
      doc = await task.promise;
    } catch (error) {
      throw pdfJsError(error);
    }
    const list = new BlockList(context.limits);
    const sections = new SectionPath();
    const pagesNeedingOcr: number[] = [];
    const pageCount = doc.numPages;
    const pagesToRead = Math.min(pageCount, context.limits.maxPages);
    for (let pageNumber = 1; pageNumber <= pagesToRead; pageNumber++) {
      checkpoint(context);
      let content: PdfTextContent;
      try {
        const page = await doc.getPage(pageNumber);
        content = await page.getTextContent();
        page.cleanup();
      } catch (error) {
        throw pdfJsError(error);
      }
      const blocks = groupPdfLines(pdfPageLines(content));
      if (blocks.length === 0) pagesNeedingOcr.push(pageNumber);
      for (const block of blocks) {
        if (block.kind === 'heading') sections.enter(block.level ?? 1, block.text);
        list.push({ ...block, page: pageNumber, section: sections.current() });
      }
    }
    checkpoint(context);
    const info = readInfo((await doc.getMetadata().catch(() => ({ info: null }))).info);
    const warnings: IngestProblem[] = [];
    if (pagesNeedingOcr.length > 0) {
      warnings.push({
        code: 'pages-need-ocr',
        message: `${pagesNeedingOcr.length === 1 ? 'Page' : 'Pages'} ${pagesNeedingOcr.join(', ')} ${pagesNeedingOcr.length === 1 ? 'has' : 'have'} no text layer (scanned). ${pagesNeedingOcr.length === 1 ? 'It waits' : 'They wait'} for text recognition (OCR) before they can be searched.`,
        detail: { pages: pagesNeedingOcr.join(', ') },
      });
    }
    if (pagesToRead < pageCount) warnings.push(rowsCapped(pagesToRead, pageCount, 'pages'));
    return {
      kind: 'pdf',
      blocks: list.blocks,
      pageCount,
      pagesNeedingOcr,
      ...info,
      warnings: [...warnings, ...list.warnings()],
    };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
