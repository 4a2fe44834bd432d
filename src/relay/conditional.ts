/**
 * Validators and conditional requests (RFC 9110 §8.8, §13). The app shell is `no-cache`, so
 * every visit revalidates it: a 304 keeps that cheap. `If-Range` keeps a resumed model
 * download from splicing bytes of two different versions of a file.
 */
import { type IncomingHttpHeaders } from 'node:http';

/** What the validators are computed from: a file's size and modification time. */
export interface Validated {
  size: number;
  mtimeMs: number;
}

/** A strong ETag from size and modification time (to the microsecond), e.g. `"1f4-5f3e…"`. */
export function entityTag(stats: Validated): string {
  return `"${stats.size.toString(16)}-${Math.round(stats.mtimeMs * 1000).toString(16)}"`;
}

/** Last-Modified, which HTTP dates carry to the second. */
export function lastModified(stats: Validated): string {
  return new Date(stats.mtimeMs).toUTCString();
}

/** True when the client's copy is current and a 304 may be sent. */
export function isNotModified(
  headers: IncomingHttpHeaders,
  etag: string,
  stats: Validated,
): boolean {
  const ifNoneMatch = headers['if-none-match'];
  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.1.3).
  if (ifNoneMatch !== undefined) {
    return (
      ifNoneMatch.trim() === '*' ||
      listedTags(ifNoneMatch).some((tag) => weakTag(tag) === weakTag(etag))
    );
  }
  const since = Date.parse(headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && wholeSeconds(stats.mtimeMs) <= since;
}

/** True when a Range may be honoured: no If-Range, or one that still names this file. */
export function rangeStillValid(
  headers: IncomingHttpHeaders,
  etag: string,
  stats: Validated,
): boolean {
  const ifRange = headers['if-range'];
  if (ifRange === undefined) return true;
  // Sent twice, it cannot name one version; the whole file is the safe answer.
  if (typeof ifRange !== 'string') return false;
  const value = ifRange.trim();
  // If-Range needs a strong match; a weak tag never matches.
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  return Date.parse(value) === wholeSeconds(stats.mtimeMs);
}

function listedTags(header: string): string[] {
  return header.split(',').map((tag) => tag.trim());
}

function weakTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
