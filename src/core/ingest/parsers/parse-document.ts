// The one entry the ingest worker calls: sniff the bytes, check the size limit for what they
// really are, and hand them to the parser for that kind. Media files are not parsed here;
// they come back with no blocks and a 'waiting-for-media' note for the voice-and-vision issue.
import { INGEST_LIMITS, maxBytesFor, type IngestLimits } from '../limits';
import { SNIFF_HEAD_BYTES, sniffType } from '../sniff';
import { IngestError, MEDIA_KINDS, type DocumentKind, type ParsedDocument } from '../types';
import { parseCsv } from './csv';
import { decodeText } from './decode-text';
import { parseDocx } from './docx';
import { parseHtml } from './html';
import { checkpoint, createContext, type ParserContext } from './parser-kit';
import { parsePdf, type PdfJsLib, type PdfOptions } from './pdf';
import { parseJson, parseJsonl, parseMarkdown, parseTxt } from './text';
import { parseXlsx } from './xlsx';

export { decodeText } from './decode-text';
export type { PdfJsLib } from './pdf';

export interface ParseOptions {
  /** pdf.js: 'pdfjs-dist' in the worker, 'pdfjs-dist/legacy/build/pdf.mjs' in Node. */
  pdfjs: PdfJsLib;
  pdfOptions?: PdfOptions;
  /** Defaults to INGEST_LIMITS; tests pass tiny ones. */
  limits?: IngestLimits;
  signal?: AbortSignal;
}

const MEDIA_NOUNS: Partial<Record<DocumentKind, string>> = {
  image: 'image',
  audio: 'audio file',
  video: 'video',
};

function tooLarge(kind: DocumentKind, size: number, limit: number): IngestError {
  const mb = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return new IngestError({
    code: 'too-large',
    message: `This file is ${mb(size)}, over the ${mb(limit)} limit for ${kind.toUpperCase()} files. Split it into smaller files and add those.`,
    detail: { size, limit },
  });
}

function parseText(kind: DocumentKind, bytes: Uint8Array, context: ParserContext): ParsedDocument {
  const text = decodeText(bytes);
  checkpoint(context);
  switch (kind) {
    case 'csv':
      return parseCsv(text, context);
    case 'html':
      return parseHtml(text, context);
    case 'md':
      return parseMarkdown(text, context);
    case 'json':
      return parseJson(text, context);
    case 'jsonl':
      return parseJsonl(text, context);
    default:
      return parseTxt(text, context);
  }
}

/**
 * Parses one file into blocks. Throws IngestError (sniffing, limits, the parser's own
 * errors, 'cancelled', 'timeout').
 * @example await parseDocument(bytes, 'report.pdf', { pdfjs: await import('pdfjs-dist') })
 */
export async function parseDocument(
  bytes: Uint8Array,
  fileName: string,
  options: ParseOptions,
): Promise<ParsedDocument> {
  const limits = options.limits ?? INGEST_LIMITS;
  const context = createContext(limits, options.signal);
  checkpoint(context);
  const { kind } = sniffType(bytes.subarray(0, SNIFF_HEAD_BYTES), fileName, bytes.length);
  const limit = maxBytesFor(kind, limits);
  if (bytes.length > limit) throw tooLarge(kind, bytes.length, limit);

  if (MEDIA_KINDS.has(kind)) {
    const noun = MEDIA_NOUNS[kind] ?? 'file';
    return {
      kind,
      blocks: [],
      warnings: [
        {
          code: 'waiting-for-media',
          message: `This ${noun} was added and waits for the voice-and-vision features to read it.`,
        },
      ],
    };
  }
  switch (kind) {
    case 'pdf':
      return parsePdf(bytes, options.pdfjs, context, options.pdfOptions);
    case 'docx':
      return parseDocx(bytes, context);
    case 'xlsx':
      return parseXlsx(bytes, context);
    default:
      return parseText(kind, bytes, context);
  }
}
