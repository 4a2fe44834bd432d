/**
 * What the Library says about a document, a job or a problem, in the UI's language. The
 * ingest code gives problems as a code plus detail values; this is the one place that turns
 * them into sentences a person can act on (sizes as "52 MB", row counts as "50,000").
 */
import type { IngestProblemCode } from '../../../core/ingest/types';
import type { Locale } from '../../../core/locale';
import { citationLabel } from '../../../core/rag/rag-prompt';
import { formatTimeRange } from '../../../core/voice/time-format';
import type { DocumentProblemRow, DocumentRecord, ResearchSourceRow } from '../../../storage';
import { i18n } from '../../i18n/i18n.svelte';
import type { MessageKey } from '../../i18n/en';
import { shortDate } from '../chat/sidebar/sidebar-text';

const PROBLEM_KEYS: Readonly<Record<IngestProblemCode, MessageKey>> = {
  empty: 'library.problem.empty',
  'unknown-type': 'library.problem.unknown-type',
  'binary-as-text': 'library.problem.binary-as-text',
  'too-large': 'library.problem.too-large',
  truncated: 'library.problem.truncated',
  encrypted: 'library.problem.encrypted',
  'zip-bomb': 'library.problem.zip-bomb',
  corrupt: 'library.problem.corrupt',
  duplicate: 'library.problem.duplicate',
  'index-failed': 'library.problem.index-failed',
  timeout: 'library.problem.timeout',
  'rows-capped': 'library.problem.rows-capped',
  'columns-capped': 'library.problem.columns-capped',
  'cells-capped': 'library.problem.cells-capped',
  'too-deep': 'library.problem.too-deep',
  'media-failed': 'library.problem.media-failed',
  'pages-need-ocr': 'library.problem.pages-need-ocr',
  'waiting-for-media': 'library.problem.waiting-for-media',
  cancelled: 'library.problem.cancelled',
};

/**
 * What a file that is not a kind Omnia reads really is (`detail.format`, and for a zip the
 * name's extension): "… is a zip archive but not a spreadsheet", not "save it as XLSX".
 */
const UNKNOWN_TYPE_KEYS: Readonly<Record<string, MessageKey>> = {
  zip: 'library.problem.unknown-type-zip',
  'zip-xlsx': 'library.problem.unknown-type-zip-xlsx',
  'zip-docx': 'library.problem.unknown-type-zip-docx',
  pptx: 'library.problem.unknown-type-pptx',
  opendocument: 'library.problem.unknown-type-opendocument',
  'legacy-office': 'library.problem.unknown-type-legacy-office',
};

const BYTE_DETAILS = new Set(['size', 'limit']);
const COUNT_DETAILS = new Set(['kept', 'total', 'seconds', 'rows', 'chars', 'depth']);
const PLACEHOLDERS = [
  'name',
  'size',
  'limit',
  'seconds',
  'kept',
  'total',
  'pages',
  'reason',
  'type',
  'rows',
  'chars',
  'depth',
  'line',
];

export function formatCount(value: number): string {
  return new Intl.NumberFormat(i18n.locale).format(value);
}

export function formatDate(time: number): string {
  return shortDate(time, i18n.locale);
}

function isProblemCode(code: string): code is IngestProblemCode {
  return code in PROBLEM_KEYS;
}

/** "2,5" or "2, 5" or 2 → "2, 5". */
function pageList(value: string | number): string {
  return String(value)
    .split(/[,\s]+/)
    .filter(Boolean)
    .join(', ');
}

/** Media notes (core/library/media-models.ts) say which model to install: `detail.reason`. */
const MEDIA_REASONS = new Set([
  'wait-transcription',
  'wait-captioning',
  'wait-video',
  'wait-ocr',
  'no-speech-model',
  'no-captioner',
  'no-ocr',
  'no-audio-track',
] as const);
type MediaReason = typeof MEDIA_REASONS extends Set<infer R> ? R : never;

/** The media note's reason, when the problem is one. */
export function mediaReason(
  problem: Pick<DocumentProblemRow, 'code' | 'detail'>,
): MediaReason | null {
  const reason = problem.detail?.['reason'];
  return problem.code === 'waiting-for-media' && MEDIA_REASONS.has(reason as MediaReason)
    ? (reason as MediaReason)
    : null;
}

/**
 * The translated sentence for a problem, with its {placeholders} filled from `detail` (bytes
 * and counts formatted for the locale) and `name` standing in when detail has no name.
 * An unknown code falls back to the English message it came with.
 */
export function problemMessage(
  problem: Pick<DocumentProblemRow, 'code' | 'message' | 'detail'>,
  name: string,
): string {
  const reason = mediaReason(problem);
  if (reason) return i18n.t(`library.media.${reason}`);
  if (!isProblemCode(problem.code)) return problem.message;
  const detail = problem.detail ?? {};
  const params: Record<string, string> = {};
  for (const key of PLACEHOLDERS) {
    const value = detail[key];
    if (value === undefined || value === '') {
      params[key] = key === 'name' ? name : i18n.t('library.problem.unknownValue');
    } else if (typeof value === 'number' && BYTE_DETAILS.has(key)) {
      params[key] = i18n.bytes(value);
    } else if (typeof value === 'number' && COUNT_DETAILS.has(key)) {
      params[key] = formatCount(value);
    } else if (key === 'pages') {
      params[key] = pageList(value);
    } else {
      params[key] = String(value);
    }
  }
  return i18n.t(problemKey(problem.code, detail, params), params);
}

/** The message of `code`, or the variant its detail calls for (a total, one page, a format). */
function problemKey(
  code: IngestProblemCode,
  detail: Readonly<Record<string, string | number>>,
  params: Readonly<Record<string, string>>,
): MessageKey {
  const format = detail['format'];
  if (code === 'rows-capped' && detail['unit'] === 'pages')
    return 'library.problem.rows-capped-pages';
  if (code === 'rows-capped' && detail['unit'] === 'blocks') {
    return 'library.problem.rows-capped-blocks';
  }
  if (code === 'rows-capped' && detail['total'] !== undefined) {
    return 'library.problem.rows-capped-total';
  }
  if (code === 'pages-need-ocr' && !params['pages']?.includes(',')) {
    return 'library.problem.pages-need-ocr-one';
  }
  if (code === 'cells-capped' && detail['rows'] === 1) return 'library.problem.cells-capped-one';
  if (code === 'too-deep' && detail['line'] !== undefined) return 'library.problem.too-deep-line';
  if (code === 'corrupt' && format === 'image') return 'library.problem.corrupt-image';
  if (code === 'unknown-type' && format !== undefined) {
    const key =
      UNKNOWN_TYPE_KEYS[`${format}-${detail['extension'] ?? ''}`] ??
      UNKNOWN_TYPE_KEYS[String(format)];
    if (key) return key;
  }
  return PROBLEM_KEYS[code];
}

/** "Ready", "Waiting for OCR", … */
export function statusLabel(doc: Pick<DocumentRecord, 'status' | 'waitingFor'>): string {
  if (doc.status === 'waiting' && doc.waitingFor) {
    return i18n.t(`library.media.status.waiting.${doc.waitingFor}`);
  }
  return i18n.t(`library.status.${doc.status}`);
}

const KINDS = new Set([
  'pdf',
  'docx',
  'xlsx',
  'csv',
  'html',
  'txt',
  'md',
  'json',
  'jsonl',
  'image',
  'audio',
  'video',
] as const);
type KnownKind = typeof KINDS extends Set<infer K> ? K : never;

export function kindLabel(kind: string | undefined): string {
  return kind && KINDS.has(kind as KnownKind)
    ? i18n.t(`library.kind.${kind as KnownKind}`)
    : i18n.t('library.kind.unknown');
}

/** "12 pages" or "1,204 rows"; '' when neither is known. */
export function extentLabel(doc: Pick<DocumentRecord, 'pageCount' | 'rowCount'>): string {
  if (doc.pageCount !== undefined) {
    return i18n.t('library.docs.pages', { count: doc.pageCount });
  }
  if (doc.rowCount !== undefined) {
    return i18n.t('library.docs.rows', { count: doc.rowCount });
  }
  return '';
}

/** "00:01:05–00:01:30" for a passage of a recording or video; '' without a time. */
export function timeLabel(time: readonly [number, number] | undefined): string {
  return time ? formatTimeRange(time) : '';
}

/**
 * Where a passage is, as separate phrases: "Page 2", "Sheet Despesas", "Rows 5–9",
 * "Time 00:01:05–00:01:30", "Section: …" (a transcript's section repeats its time: left out).
 */
export function locationParts(ref: {
  page?: number | undefined;
  sheet?: string | undefined;
  rows?: readonly [number, number] | undefined;
  section?: string | undefined;
  time?: readonly [number, number] | undefined;
}): string[] {
  const parts: string[] = [];
  const time = timeLabel(ref.time);
  if (time) parts.push(i18n.t('library.media.time', { range: time }));
  if (ref.page !== undefined) parts.push(i18n.t('library.passage.page', { page: ref.page }));
  if (ref.sheet) parts.push(i18n.t('library.passage.sheet', { sheet: ref.sheet }));
  if (ref.rows) {
    parts.push(
      i18n.t('library.passage.rows', {
        from: formatCount(ref.rows[0]),
        to: formatCount(ref.rows[1]),
      }),
    );
  }
  if (ref.section && ref.section !== time) {
    parts.push(i18n.t('library.passage.section', { section: ref.section }));
  }
  return parts;
}

/** Turns any thrown value into the text after "That did not work: ". */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "report.pdf, p. 2" for a research source (a stored reference, without the passage text). */
export function sourceLabel(source: ResearchSourceRow, language: Locale = i18n.locale): string {
  return citationLabel(source, language);
}
