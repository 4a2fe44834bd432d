// What a file really is, from its first bytes (issue 5: "the type is found from the bytes,
// not the extension"). Magic numbers decide binary formats; zip archives are told apart by
// the names of their entries; text is classified in sniff-text.ts. A file we cannot use
// throws an IngestError whose message says what to do.
import { classifyText, extensionOf, isTextExtension, looksLikeText } from './sniff-text';
import { IngestError, type DocumentKind, type SniffResult } from './types';

/** How many leading bytes callers pass to sniffType (enough for zip entry names). */
export const SNIFF_HEAD_BYTES = 65536;

/** The canonical MIME type of each kind; media results carry their exact subtype instead. */
export const KIND_MIME_TYPES: Readonly<Record<DocumentKind, string>> = Object.freeze({
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  html: 'text/html',
  txt: 'text/plain',
  md: 'text/markdown',
  json: 'application/json',
  jsonl: 'application/jsonl',
  image: 'image/*',
  audio: 'audio/*',
  video: 'video/*',
});

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  return bytes.every((byte, i) => head[offset + i] === byte);
}

function ascii(head: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...head.subarray(offset, offset + length));
}

function indexOfAscii(head: Uint8Array, needle: string, limit: number): number {
  const end = Math.min(head.length - needle.length, limit);
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (head[i + j] !== needle.charCodeAt(j)) continue outer;
    }
    return i;
  }
  return -1;
}

const media = (kind: 'image' | 'audio' | 'video', mimeType: string): SniffResult => ({
  kind,
  mimeType,
});

/** Images, audio and video by magic number, or null. */
function sniffMedia(head: Uint8Array): SniffResult | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return media('image', 'image/png');
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return media('image', 'image/jpeg');
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') {
    return media('image', 'image/gif');
  }
  const riff = ascii(head, 0, 4) === 'RIFF' ? ascii(head, 8, 4) : '';
  if (riff === 'WEBP') return media('image', 'image/webp');
  if (riff === 'WAVE') return media('audio', 'audio/wav');
  if (riff === 'AVI ') return media('video', 'video/x-msvideo');
  if (ascii(head, 0, 2) === 'BM' && head.length > 26 && head[6] === 0 && head[7] === 0) {
    return media('image', 'image/bmp');
  }
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return media('image', 'image/tiff');
  }
  if (ascii(head, 4, 4) === 'ftyp') {
    const brand = ascii(head, 8, 4);
    if (/^(M4A |M4B |M4P |F4A )$/.test(brand)) return media('audio', 'audio/mp4');
    if (/^(heic|heix|heim|heis|mif1|msf1)$/.test(brand)) return media('image', 'image/heic');
    if (brand === 'avif' || brand === 'avis') return media('image', 'image/avif');
    if (brand === 'qt  ') return media('video', 'video/quicktime');
    return media('video', 'video/mp4');
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return media('video', 'video/webm');
  if (ascii(head, 0, 3) === 'ID3') return media('audio', 'audio/mpeg');
  if (ascii(head, 0, 4) === 'OggS') return media('audio', 'audio/ogg');
  if (ascii(head, 0, 4) === 'fLaC') return media('audio', 'audio/flac');
  if (ascii(head, 0, 4) === 'FORM' && /^AIF[FC]$/.test(ascii(head, 8, 4))) {
    return media('audio', 'audio/aiff');
  }
  return null;
}

/** An MPEG audio frame header (MP3) or AAC ADTS header; checked after text BOMs. */
function isMpegAudio(head: Uint8Array): boolean {
  const [b0, b1, b2] = [head[0] ?? 0, head[1] ?? 0, head[2] ?? 0];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  if ((b1 & 0xf6) === 0xf0) return true; // ADTS: layer bits 00
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 15 && sampleRate !== 3;
}

/** Names of the zip entries whose headers fall inside `head`. */
function zipEntryNames(head: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  for (let i = 0; i + 30 <= head.length; i++) {
    if (head[i] !== 0x50 || head[i + 1] !== 0x4b) continue;
    const signature = view.getUint32(i, true);
    const local = signature === 0x04034b50;
    if (!local && signature !== 0x02014b50) continue;
    const nameOffset = i + (local ? 30 : 46);
    const nameLength = view.getUint16(i + (local ? 26 : 28), true);
    if (nameLength === 0 || nameOffset + nameLength > head.length) continue;
    names.push(new TextDecoder().decode(head.subarray(nameOffset, nameOffset + nameLength)));
  }
  return names;
}

/** What a zip that is neither DOCX nor XLSX is said to be, by what it is named (issue 15). */
const ZIP_NAMED: Record<string, { is: string; program: string }> = {
  xlsx: { is: 'a spreadsheet: it holds no Excel workbook', program: 'a spreadsheet program' },
  docx: { is: 'a Word document: it holds no document text', program: 'a word processor' },
};

/** The 'unknown-type' error for a zip; `detail.format` lets the UI say it in its language. */
function zipError(format: string, message: string, extension: string): IngestError {
  return new IngestError({
    code: 'unknown-type',
    message,
    detail: extension === '' ? { format } : { format, extension },
  });
}

function sniffZip(head: Uint8Array, fileName: string): SniffResult {
  const names = zipEntryNames(head);
  if (names.some((name) => name.startsWith('word/'))) {
    return { kind: 'docx', mimeType: KIND_MIME_TYPES.docx };
  }
  if (names.some((name) => name.startsWith('xl/'))) {
    return { kind: 'xlsx', mimeType: KIND_MIME_TYPES.xlsx };
  }
  const extension = extensionOf(fileName);
  if (names.some((name) => name.startsWith('ppt/'))) {
    const message =
      'This file is a PowerPoint presentation, which the Library does not read yet. Save it as PDF and add that copy.';
    throw zipError('pptx', message, extension);
  }
  if (names.includes('mimetype') || names.some((name) => name.startsWith('content.xml'))) {
    const message =
      'This file is an OpenDocument file: save it as .docx or .xlsx and add that copy.';
    throw zipError('opendocument', message, extension);
  }
  const named = ZIP_NAMED[extension];
  const message = named
    ? `This .${extension} file is a zip archive but not ${named.is}. If it should be one, open it in ${named.program}, save it again as .${extension} and add that copy; if it is an archive, unzip it and add the files inside.`
    : 'This file is a zip archive, not a Word (.docx) or Excel (.xlsx) document: unzip it and add the files inside.';
  throw zipError('zip', message, extension);
}

/** OLE compound file: an encrypted Office file (any version) or a legacy .doc/.xls. */
function cfbError(head: Uint8Array): IngestError {
  const utf16 = (text: string): string => text.split('').join('\0');
  if (indexOfAscii(head, utf16('EncryptedPackage'), head.length) >= 0) {
    return new IngestError({
      code: 'encrypted',
      message:
        'This Office document is password-protected. Open it, save a copy without a password, and add that copy.',
    });
  }
  return new IngestError({
    code: 'unknown-type',
    message:
      'This is a legacy Word or Excel file (.doc/.xls) or an encrypted Office file. Save it as .docx or .xlsx without a password and add that copy.',
    detail: { format: 'legacy-office' },
  });
}

/**
 * What the file whose first bytes are `head` (≥ SNIFF_HEAD_BYTES of it when the file is that
 * long) really is. `fileName` only breaks ties between text kinds. Throws IngestError with
 * code 'empty', 'unknown-type', 'binary-as-text' or 'encrypted'.
 * @example sniffType(bytes.subarray(0, SNIFF_HEAD_BYTES), 'report.txt', bytes.length) // → { kind: 'pdf', … }
 */
export function sniffType(head: Uint8Array, fileName: string, size: number): SniffResult {
  if (size === 0 || head.length === 0) {
    throw new IngestError({
      code: 'empty',
      message: 'This file is empty (0 bytes). Check that it was saved completely and add it again.',
    });
  }
  if (indexOfAscii(head, '%PDF-', 1024) >= 0) return { kind: 'pdf', mimeType: KIND_MIME_TYPES.pdf };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(head, fileName);
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw cfbError(head);
  const mediaResult = sniffMedia(head);
  if (mediaResult !== null) return mediaResult;

  const complete = head.length >= size;
  if (looksLikeText(head, complete)) {
    const kind = classifyText(head, fileName, size);
    return { kind, mimeType: KIND_MIME_TYPES[kind] };
  }
  if (isMpegAudio(head)) return media('audio', 'audio/mpeg');
  const extension = extensionOf(fileName);
  if (isTextExtension(extension)) {
    throw new IngestError({
      code: 'binary-as-text',
      message: `This file is named .${extension} but holds binary data, not text. Check that it is the file you meant, or export it again as text.`,
      detail: { extension },
    });
  }
  throw new IngestError({
    code: 'unknown-type',
    message:
      'This file type is not supported. The Library reads PDF, Word (.docx), Excel (.xlsx), CSV, HTML, text, Markdown, JSON and JSONL, and queues images, audio and video.',
  });
}
