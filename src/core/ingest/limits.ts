// The parsing limits that keep a hostile or huge file from freezing the tab or eating memory
// (issue 5, "Bad input"): size per kind before parsing, how much a DOCX/XLSX may inflate,
// how many rows, columns, pages and blocks are kept, how deep JSON may nest, and how long
// parsing may take. One frozen object so the worker, the parsers and the UI's messages agree;
// tests pass smaller copies.
import type { DocumentKind } from './types';

const MB = 1024 * 1024;

export interface IngestLimits {
  /** Largest file accepted per kind, in bytes (compressed size for DOCX/XLSX). */
  readonly maxBytesByKind: Readonly<Record<DocumentKind, number>>;
  /** Most bytes all entries of a DOCX/XLSX may inflate to, together. */
  readonly maxUnzippedBytes: number;
  /** Most a zip entry may inflate relative to its compressed size (bombs reach ~1000). */
  readonly maxZipRatio: number;
  /** Data rows kept from a CSV, XLSX (all sheets) or JSONL; more → 'rows-capped' warning. */
  readonly maxRows: number;
  /** PDF pages read; more → 'rows-capped' warning with unit 'pages'. */
  readonly maxPages: number;
  /** Text blocks kept from any document; more → 'rows-capped' warning with unit 'blocks'. */
  readonly maxBlocks: number;
  /** Columns (cells per row) read from a CSV or sheet; wider → 'columns-capped' warning. */
  readonly maxColumns: number;
  /**
   * Characters kept of one table row's text ("Header: value; …"), so one row can never become
   * more than about fifteen passages; longer → cut, with a 'cells-capped' warning.
   */
  readonly maxRowChars: number;
  /** How deep JSON may nest (objects and arrays); deeper → 'too-deep' error, never a stack overflow. */
  readonly maxJsonDepth: number;
  /** Wall-clock budget for one parse; parsers check it between pages and rows. */
  readonly parseTimeoutMs: number;
}

export const INGEST_LIMITS: Readonly<IngestLimits> = Object.freeze({
  maxBytesByKind: Object.freeze({
    pdf: 200 * MB,
    docx: 50 * MB,
    xlsx: 50 * MB,
    csv: 100 * MB,
    html: 100 * MB,
    txt: 100 * MB,
    md: 100 * MB,
    json: 100 * MB,
    jsonl: 100 * MB,
    image: 50 * MB,
    audio: 500 * MB,
    video: 2048 * MB,
  }),
  maxUnzippedBytes: 200 * MB,
  maxZipRatio: 100,
  maxRows: 50_000,
  maxPages: 2_000,
  maxBlocks: 200_000,
  maxColumns: 256,
  maxRowChars: 10_000,
  maxJsonDepth: 100,
  parseTimeoutMs: 60_000,
});

/** The size limit for `kind`, in bytes. */
export function maxBytesFor(kind: DocumentKind, limits: IngestLimits = INGEST_LIMITS): number {
  return limits.maxBytesByKind[kind];
}
