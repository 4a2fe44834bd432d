/**
 * What both the app server and the model server do with a file once they have found it:
 * decide between 304, 416, 206 and 200 from the request's validators and Range, and pipe the
 * bytes out without logging clients that simply went away. Kept in one place so app files
 * and model files resume and revalidate by exactly the same rules.
 */
import { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { pipeline, type Readable, type Transform } from 'node:stream';
import { parseRange, type RangeRequest } from './byte-range.ts';
import { isNotModified, rangeStillValid, type Validated } from './conditional.ts';

export type FilePlan =
  /** The client's copy is current. */
  | { kind: 'not-modified' }
  /** The Range starts past the end: 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' }
  /** Send bytes `start`..`end` (inclusive; `end` is -1 for an empty file). */
  | { kind: 'send'; status: 200 | 206; start: number; end: number };

const WHOLE_FILE: RangeRequest = { kind: 'whole' };

// Errors a client causes by going away mid-download; not worth a log line.
export const CLIENT_GONE: ReadonlySet<string> = new Set([
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_STREAM_DESTROYED',
  'ECONNRESET',
  'EPIPE',
]);

/** Decides the answer for a GET or HEAD of a file whose validator is `etag`. */
export function planFileResponse(req: IncomingMessage, etag: string, stats: Validated): FilePlan {
  if (isNotModified(req.headers, etag, stats)) return { kind: 'not-modified' };
  // Range is defined for GET only (RFC 9110 §14.2); a stale If-Range asks for the whole file.
  const useRange = req.method === 'GET' && rangeStillValid(req.headers, etag, stats);
  const range = useRange ? parseRange(req.headers.range, stats.size) : WHOLE_FILE;
  if (range.kind === 'unsatisfiable') return { kind: 'unsatisfiable' };
  if (range.kind === 'partial') {
    return { kind: 'send', status: 206, start: range.start, end: range.end };
  }
  return { kind: 'send', status: 200, start: 0, end: stats.size - 1 };
}

/** Content-Length, and Content-Range for a 206, of a planned body. */
export function bodyHeaders(
  plan: Extract<FilePlan, { kind: 'send' }>,
  size: number,
): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { 'Content-Length': plan.end - plan.start + 1 };
  if (plan.status === 206) headers['Content-Range'] = `bytes ${plan.start}-${plan.end}/${size}`;
  return headers;
}

/**
 * Pipes `source` (through `through`, if given) into `res`. pipeline destroys the source, and
 * so closes its file descriptor, when the client goes away.
 */
export function pipeBody(
  source: Readable,
  res: ServerResponse,
  onError: (error: NodeJS.ErrnoException) => void,
  through?: Transform,
): void {
  const done = (error: NodeJS.ErrnoException | null) => {
    if (error && !CLIENT_GONE.has(error.code ?? '')) onError(error);
  };
  if (through) pipeline(source, through, res, done);
  else pipeline(source, res, done);
}

/**
 * A short plain-text answer (errors, redirects). `headers` come after the defaults, so a
 * caller can override them; a HEAD gets the headers without the body.
 */
export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    // Error answers are cacheable by default in HTTP; a file added later must not stay missing.
    'Cache-Control': 'no-cache',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
