// The shapes every ingest stage agrees on (DESIGN.md "Ingest"): sniff → parse (ingest worker)
// → chunk (library worker, in the embedder's tokens) → index. Plain data: it crosses worker
// boundaries by structured clone.

/** What a file really is, found from its bytes (extension only breaks ties between text kinds). */
export type DocumentKind =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  | 'csv'
  | 'html'
  | 'txt'
  | 'md'
  | 'json'
  | 'jsonl'
  | 'image'
  | 'audio'
  | 'video';

/** Kinds whose text comes from the voice-and-vision issue (OCR, captions, transcripts). */
export const MEDIA_KINDS: ReadonlySet<DocumentKind> = new Set(['image', 'audio', 'video']);

/**
 * Why a file (or part of it) could not be used. The UI translates by code and fills the
 * message's {placeholders} from `detail`; `message` is the English text for logs and tests.
 */
export type IngestProblemCode =
  | 'empty' // zero bytes, or no text at all after parsing
  | 'unknown-type' // bytes match no supported format (detail: format? zip|pptx|opendocument|legacy-office, extension?)
  | 'binary-as-text' // named .txt/.csv/… but the bytes are binary
  | 'too-large' // over the size limit for its kind (detail: size, limit)
  | 'truncated' // the file ends early (a cut-off PDF or zip)
  | 'encrypted' // password-protected PDF or Office file
  | 'zip-bomb' // a DOCX/XLSX that expands past the limit (detail: limit)
  | 'corrupt' // the parser refused the bytes (detail: reason; format 'image' + type for an image that does not decode)
  | 'timeout' // parsing took longer than the limit (detail: seconds)
  | 'rows-capped' // warning: only the first N rows were kept (detail: kept, total?)
  | 'columns-capped' // warning: only the first N columns of a table were kept (detail: kept, total)
  | 'cells-capped' // warning: rows longer than the limit were cut (detail: rows, chars)
  | 'too-deep' // JSON nested deeper than the limit (detail: depth, line? for JSON Lines)
  | 'media-failed' // the image, recording or video step failed (detail: reason)
  | 'pages-need-ocr' // warning: pages with no text layer wait for OCR (detail: pages)
  | 'waiting-for-media' // info: image/audio/video queued for the voice-and-vision features
  | 'duplicate' // the same bytes are already in the library (detail: name)
  | 'index-failed' // parsed, but chunking/embedding/storing failed (detail: reason)
  | 'cancelled';

export interface IngestProblem {
  code: IngestProblemCode;
  message: string;
  detail?: Record<string, string | number>;
}

/** Thrown by sniffing and parsers for a file that cannot be used. */
export class IngestError extends Error {
  readonly problem: IngestProblem;
  constructor(problem: IngestProblem) {
    super(problem.message);
    this.name = 'IngestError';
    this.problem = problem;
  }
}

export interface SniffResult {
  kind: DocumentKind;
  /** The canonical MIME type of `kind` (e.g. 'application/pdf'), not the browser's guess. */
  mimeType: string;
}

/** One structural piece of a parsed document, in reading order. */
export interface TextBlock {
  kind: 'heading' | 'paragraph' | 'row' | 'code' | 'list-item';
  text: string;
  /** Heading level 1–6 (kind 'heading' only). */
  level?: number;
  /** 1-based PDF page the text is on. */
  page?: number;
  /** Sheet name (XLSX); CSV rows leave it unset. */
  sheet?: string;
  /** 1-based row number in the sheet or CSV file, as a spreadsheet program shows it (header row included). */
  row?: number;
  /** Headings above this block, outermost first, joined with ' › ' (e.g. "Manual › Segurança"). */
  section?: string;
  /** Seconds from the start of the audio or video, start and end (transcripts, video). */
  time?: [number, number];
}

export interface ParsedDocument {
  kind: DocumentKind;
  blocks: TextBlock[];
  /** PDF pages. */
  pageCount?: number;
  /** Data rows (header excluded) across all sheets, or lines of JSONL. */
  rowCount?: number;
  /** 1-based PDF pages with no text layer: the voice-and-vision issue OCRs them. */
  pagesNeedingOcr?: number[];
  /** A date the document itself carries (PDF CreationDate, DOCX dcterms:created), epoch ms. */
  documentDate?: number;
  title?: string;
  /** Non-fatal problems ('rows-capped', 'columns-capped', 'cells-capped', 'pages-need-ocr', 'waiting-for-media'). */
  warnings: IngestProblem[];
}

/** A chunk before it is stored: the storage `Chunk` without id and documentId. */
export interface ChunkDraft {
  order: number;
  text: string;
  tokenCount: number;
  page?: number;
  sheet?: string;
  /** First and last 1-based row numbers the chunk covers. */
  rows?: [number, number];
  section?: string;
  /** Seconds from the start of the audio or video, start and end (transcripts, video). */
  time?: [number, number];
}
