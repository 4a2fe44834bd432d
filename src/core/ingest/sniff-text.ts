// Which text kind a text file is (JSON, JSONL, HTML, CSV, Markdown or plain), from its first
// bytes. Content that can only be one thing (valid JSON, JSON lines, an HTML document) wins
// over the name; for content that fits several kinds (a CSV-looking note, a README) the
// extension breaks the tie. Used by sniff.ts once it knows the bytes are text.
import { decodeText, isValidUtf8 } from './parsers/decode-text';
import type { DocumentKind } from './types';

type TextKind = Extract<DocumentKind, 'csv' | 'html' | 'txt' | 'md' | 'json' | 'jsonl'>;

const EXTENSION_KINDS: Readonly<Record<string, TextKind>> = {
  csv: 'csv',
  tsv: 'csv',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'md',
  markdown: 'md',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  txt: 'txt',
  text: 'txt',
  log: 'txt',
};

/** Extensions a person uses for text: binary bytes under one of these are 'binary-as-text'. */
export function isTextExtension(extension: string): boolean {
  return extension in EXTENSION_KINDS;
}

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** Control characters other than tab, newline, form feed and carriage return. */
function isControl(byte: number): boolean {
  return (
    (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) ||
    byte === 0x7f
  );
}

/**
 * Whether `head` looks like text: a BOM, or no NULs and (almost) no control characters, and
 * either valid UTF-8 or a plausible 8-bit text (accented letters, not noise).
 */
export function looksLikeText(head: Uint8Array, complete: boolean): boolean {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return true;
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  let controls = 0;
  let high = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (isControl(byte)) controls++;
    else if (byte >= 0x80) high++;
  }
  if (controls > head.length / 200) return false;
  return isValidUtf8(head, complete) || high <= head.length * 0.3;
}

const HTML_START = /<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]/i;
const MARKDOWN_LINE = /^(?:#{1,6}\s+\S|[-*+]\s+\S|\d+[.)]\s+\S|```|~~~|>\s)/;
const DELIMITERS = [',', ';', '\t', '|'] as const;

function isJsonValue(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Field count of one CSV line for `delimiter`, ignoring delimiters inside double quotes. */
function countFields(line: string, delimiter: string): number {
  let fields = 1;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) fields++;
  }
  return fields;
}

/** The delimiter every one of `lines` splits into the same number (≥ 2) of fields, if any. */
export function consistentDelimiter(lines: string[]): string | null {
  if (lines.length < 2) return null;
  let best: { delimiter: string; fields: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const fields = countFields(lines[0]!, delimiter);
    if (fields < 2 || (best !== null && fields <= best.fields)) continue;
    if (lines.every((line) => countFields(line, delimiter) === fields))
      best = { delimiter, fields };
  }
  return best?.delimiter ?? null;
}

/** Non-empty lines of the head, leaving out a last line the head may have cut. */
function headLines(text: string, complete: boolean): string[] {
  const lines = text.split(/\r?\n/);
  if (!complete) lines.pop();
  return lines.filter((line) => line.trim() !== '');
}

/** The text kind of `head` (the first bytes of a file of `size` bytes named `fileName`). */
export function classifyText(head: Uint8Array, fileName: string, size: number): TextKind {
  const complete = head.length >= size;
  const text = decodeText(head, complete);
  const trimmed = text.trimStart();
  const byExtension = EXTENSION_KINDS[extensionOf(fileName)];
  const lines = headLines(text, complete);

  // Content that can only be one kind.
  if (/^[[{]/.test(trimmed)) {
    if (complete && isJsonValue(text)) return byExtension === 'jsonl' ? 'jsonl' : 'json';
    const sample = lines.slice(0, 50);
    if (sample.length >= 2 && sample.every((line) => isJsonValue(line))) return 'jsonl';
    if (!complete || byExtension === 'json') return 'json';
  }
  if (HTML_START.test(trimmed.slice(0, 1024))) return 'html';

  // Content that fits several kinds: the name decides when it names a text kind.
  if (byExtension !== undefined) return byExtension;
  if (consistentDelimiter(lines.slice(0, 20)) !== null) return 'csv';
  const markdownLines = lines.slice(0, 200).filter((line) => MARKDOWN_LINE.test(line));
  if (markdownLines.length >= 2 && markdownLines.some((line) => /^(?:#|```|~~~)/.test(line))) {
    return 'md';
  }
  return 'txt';
}
