// DOCX and XLSX are zip files, and a zip can be a bomb: a 1 MB file that inflates to
// gigabytes and takes the tab down inside mammoth or read-excel-file. Before either library
// sees the bytes, this reads the central directory (declared sizes, ratio, encryption) and
// then really inflates every entry with a running cap, because headers can lie. Memory stays
// small: compressed data is fed in 4 KB pieces and inflated output is counted, not kept.
import { Inflate } from 'fflate';
import { IngestError } from '../types';
import { checkpoint, corruptError, type ParserContext } from './parser-kit';

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Compressed bytes per inflate push: bounds one output chunk to ~4 MB even at ratio 1032. */
const FEED_BYTES = 4096;
/** Below this many inflated bytes the ratio guard does not apply (small XML compresses well). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

function truncatedError(what: string): IngestError {
  return new IngestError({
    code: 'truncated',
    message: `This ${what} is cut off: the end of the file is missing. Download or copy it again and add the complete file.`,
  });
}

export function zipBombError(limitBytes: number): IngestError {
  const limitMb = Math.round(limitBytes / (1024 * 1024));
  return new IngestError({
    code: 'zip-bomb',
    message: `This document expands to more than ${limitMb} MB when unpacked, far more than its text could need, so it was not opened. If it is a real document, save a smaller copy (without embedded media) and add that.`,
    detail: { limit: limitBytes },
  });
}

/** The central directory's entries. Throws 'truncated' or 'corrupt'. */
export function readZipDirectory(bytes: Uint8Array, what: string): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw truncatedError(what);
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntryInfo[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== CENTRAL) {
      throw corruptError('its zip directory is damaged', what);
    }
    const nameLength = view.getUint16(offset + 28, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      declaredSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset +=
      46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return entries;
}

/** Where an entry's compressed data starts, from its local header. */
function dataStart(bytes: Uint8Array, view: DataView, entry: ZipEntryInfo, what: string): number {
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) {
    throw corruptError(`the zip entry ${entry.name} is damaged`, what);
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) throw truncatedError(what);
  return start;
}

/**
 * Throws IngestError unless `bytes` is a zip that inflates to at most maxUnzippedBytes:
 * 'truncated', 'encrypted', 'zip-bomb' (declared or actual size, or ratio) or 'corrupt'.
 */
export function guardZip(bytes: Uint8Array, context: ParserContext, what: string): ZipEntryInfo[] {
  const { maxUnzippedBytes, maxZipRatio } = context.limits;
  const entries = readZipDirectory(bytes, what);
  if (entries.some((entry) => (entry.flags & 1) !== 0)) {
    throw new IngestError({
      code: 'encrypted',
      message: `This ${what} is password-protected. Open it, save a copy without a password, and add that copy.`,
    });
  }
  const declared = entries.reduce((sum, entry) => sum + entry.declaredSize, 0);
  const compressed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (declared > maxUnzippedBytes) throw zipBombError(maxUnzippedBytes);
  if (declared > RATIO_FLOOR_BYTES && declared > compressed * maxZipRatio)
    throw zipBombError(maxUnzippedBytes);

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inflated = 0;
  for (const entry of entries) {
    checkpoint(context);
    const start = dataStart(bytes, view, entry, what);
    if (entry.method === 0) {
      inflated += entry.compressedSize;
    } else if (entry.method === 8) {
      inflated += inflateCounting(
        bytes.subarray(start, start + entry.compressedSize),
        inflated,
        context,
        what,
      );
    } else {
      throw corruptError(
        `the zip entry ${entry.name} uses an unsupported compression method (${entry.method})`,
        what,
      );
    }
    if (inflated > maxUnzippedBytes) throw zipBombError(maxUnzippedBytes);
  }
  if (inflated > RATIO_FLOOR_BYTES && inflated > compressed * maxZipRatio)
    throw zipBombError(maxUnzippedBytes);
  return entries;
}

/** Inflates `data`, counting output and stopping once `before` + output passes the cap. */
function inflateCounting(
  data: Uint8Array,
  before: number,
  context: ParserContext,
  what: string,
): number {
  const cap = context.limits.maxUnzippedBytes;
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
  });
  try {
    for (let at = 0; at < data.length; at += FEED_BYTES) {
      const end = Math.min(at + FEED_BYTES, data.length);
      inflate.push(data.subarray(at, end), end === data.length);
      if (before + produced > cap) return produced;
      if ((at / FEED_BYTES) % 256 === 255) checkpoint(context);
    }
    if (data.length === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof IngestError) throw error;
    throw corruptError(
      `its compressed data is damaged (${error instanceof Error ? error.message : String(error)})`,
      what,
    );
  }
  return produced;
}
