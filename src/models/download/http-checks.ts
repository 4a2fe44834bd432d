/**
 * What a model-file response must look like before a single byte of it is stored: a success
 * status, not a web page (a mistyped relay URL or a captive portal answers with HTML), the
 * range that was asked for, and the size the catalog expects when that size is exact.
 */
import { DownloadError } from './errors';

export interface ContentRange {
  start: number;
  end: number;
  /** null for 'bytes a-b/*' (total unknown). */
  total: number | null;
}

/** Parses 'bytes 100-199/1000' (or '/*'); null when malformed. */
export function parseContentRange(header: string | null): ContentRange | null {
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const [, start = '', end = '', total = ''] = match;
  return { start: Number(start), end: Number(end), total: total === '*' ? null : Number(total) };
}

/** The total in a 416 answer's 'bytes *\/1000', or null. */
export function unsatisfiedRangeTotal(header: string | null): number | null {
  const match = /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(header ?? '');
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Content-Length as a number, unless a content coding makes it the size of other bytes. */
export function bodyLength(headers: Headers): number | null {
  const encoding = headers.get('content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return null;
  const length = headers.get('content-length');
  return length !== null && /^\d+$/.test(length.trim()) ? Number(length) : null;
}

/** Rejects an unsuccessful status and a web page served in place of a model file. */
export function assertModelFileResponse(response: Response, path: string): void {
  if (!response.ok) {
    const why =
      response.status === 404
        ? 'has no such file (404); check the relay URL, or the source may not have this model'
        : response.status === 401 || response.status === 403
          ? `refused it (${response.status}); the model may need a sign-in the app cannot give`
          : `answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new DownloadError('bad-response', `The source ${why} for ${path}.`, { path });
  }
  const type = response.headers.get('content-type')?.toLowerCase() ?? '';
  if (type.startsWith('text/html') && !path.toLowerCase().endsWith('.html')) {
    throw new DownloadError(
      'bad-response',
      `The source sent a web page instead of ${path}; check the relay URL or source.`,
      { path },
    );
  }
}

/** Rejects a response whose file size differs from an exact expected size. */
export function assertExactSize(path: string, total: number, expected: number): void {
  if (total === expected) return;
  throw new DownloadError(
    'bad-response',
    `The source's ${path} is ${total} bytes but the catalog expects ${expected}; the source ` +
      'may serve another revision of the model.',
    { path },
  );
}

/** A weak ETag may not be used in If-Range (RFC 9110 §13.1.5). */
export const isStrongEtag = (etag: string): boolean => !etag.trim().startsWith('W/');

const WEB_PAGE_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>])/i;
const TEXT_EXTENSIONS = /\.(?:html?|txt|md)$/i;

/**
 * Rejects the first bytes of a model file when they are an HTML page: a misconfigured relay or
 * proxy can send a page with a binary Content-Type, and nothing else would say so until the
 * size or hash check fails with a less helpful message.
 */
export function assertNotWebPage(firstChunk: Uint8Array, path: string): void {
  if (TEXT_EXTENSIONS.test(path)) return;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(firstChunk.subarray(0, 256));
  if (!WEB_PAGE_START.test(head.replace(/^\uFEFF/, ''))) return;
  throw new DownloadError(
    'bad-response',
    `The source sent a web page instead of ${path}; check the relay URL or source.`,
    { path },
  );
}
