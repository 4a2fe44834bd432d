/**
 * Serves the built PWA from a folder, the way a careful static host would: correct types,
 * validators and ranges, revalidation for the app shell, a year's cache for hashed assets,
 * and the app's security headers on every response. Node's `http` alone, so the relay
 * installs nothing. Path safety lives in request-path.ts and resolve-file.ts.
 */
import { createReadStream } from 'node:fs';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import { resolve } from 'node:path';
import { cacheControlFor } from './cache-policy.ts';
import { entityTag, lastModified } from './conditional.ts';
import { contentTypeFor } from './content-types.ts';
import {
  bodyHeaders,
  pipeBody,
  planFileResponse,
  sendText as sendTextWith,
} from './file-response.ts';
import { folderLocation, normaliseBase, parseRequestTarget } from './request-path.ts';
import { resolveFile, type ResolvedFile } from './resolve-file.ts';

export interface StaticServerOptions {
  /** The folder to serve, e.g. Vite's `dist`. */
  root: string;
  /** Where the folder is mounted in URLs: '/' (default) or e.g. '/omnia/'. */
  base?: string;
  /** Sent on every response, errors included (the app's CSP, COOP/COEP…). */
  headers?: Record<string, string>;
  /** Receives one line per finished request. */
  log?: (line: string) => void;
}

type FoundFile = Extract<ResolvedFile, { kind: 'file' }>;

/**
 * An http.Server (not yet listening) that serves `root` at `base`.
 * @example createStaticServer({ root: 'dist', base: '/omnia/' }).listen(4173, '127.0.0.1')
 */
export function createStaticServer(options: StaticServerOptions): Server {
  return createServer(createStaticHandler(options));
}

/** The request listener behind createStaticServer, for a server that also routes elsewhere. */
export function createStaticHandler(options: StaticServerOptions): RequestListener {
  const root = resolve(options.root);
  const base = normaliseBase(options.base ?? '/');
  const shared: OutgoingHttpHeaders = { ...options.headers };
  const log = options.log;

  const sendText = (
    res: ServerResponse,
    status: number,
    body: string,
    extra: OutgoingHttpHeaders = {},
  ) => sendTextWith(res, status, body, { ...shared, ...extra });

  const serveFile = (req: IncomingMessage, res: ServerResponse, file: FoundFile) => {
    const { stats } = file;
    const etag = entityTag(stats);
    const headers: OutgoingHttpHeaders = {
      ...shared,
      'Accept-Ranges': 'bytes',
      'Cache-Control': cacheControlFor(file.urlPath),
      ETag: etag,
      'Last-Modified': lastModified(stats),
    };
    const plan = planFileResponse(req, etag, stats);
    if (plan.kind === 'not-modified') {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (plan.kind === 'unsatisfiable') {
      sendText(res, 416, 'Range Not Satisfiable', {
        ...headers,
        'Content-Range': `bytes */${stats.size}`,
      });
      return;
    }

    const { start, end, status } = plan;
    headers['Content-Type'] = contentTypeFor(file.urlPath);
    Object.assign(headers, bodyHeaders(plan, stats.size));

    if (req.method === 'HEAD' || stats.size === 0) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    streamFile(res, file.path, { start, end }, () => res.writeHead(status, headers));
  };

  const streamFile = (
    res: ServerResponse,
    path: string,
    span: { start: number; end: number },
    writeHead: () => void,
  ) => {
    const stream = createReadStream(path, span);
    // Until the file is open nothing is sent, so a vanished file can still get a clean 500.
    const failToOpen = (error: Error) => {
      log?.(`Could not read ${path}: ${error.message}`);
      if (!res.headersSent && !res.destroyed) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    };
    stream.once('error', failToOpen);
    stream.once('ready', () => {
      stream.off('error', failToOpen);
      writeHead();
      pipeBody(stream, res, (error) => log?.(`Error sending ${path}: ${error.message}`));
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
      return;
    }
    const target = parseRequestTarget(req.url ?? '/', base);
    switch (target.kind) {
      case 'bad-request':
        return sendText(res, 400, `Bad Request: ${target.reason}`);
      case 'forbidden':
        return sendText(res, 403, 'Forbidden');
      case 'outside-base':
        return sendText(res, 404, 'Not Found');
      case 'redirect':
        return sendText(res, 301, 'Moved Permanently', { Location: target.location });
    }
    const file = await resolveFile(root, target.segments, target.trailingSlash);
    switch (file.kind) {
      case 'folder-without-slash': {
        const location = folderLocation(base, target.segments, target.query);
        return sendText(res, 301, 'Moved Permanently', { Location: location });
      }
      case 'not-found':
        return sendText(res, 404, 'Not Found');
      case 'forbidden':
        return sendText(res, 403, 'Forbidden');
      case 'file':
        return serveFile(req, res, file);
    }
  };

  return (req, res) => {
    const started = performance.now();
    if (log) {
      res.once('close', () => {
        const ms = Math.round(performance.now() - started);
        const aborted = res.writableFinished ? '' : ' (aborted)';
        log(`${req.method} ${req.url} ${res.statusCode} ${ms}ms${aborted}`);
      });
    }
    void handle(req, res).catch((error: unknown) => {
      log?.(`Error serving ${req.url}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent && !res.destroyed) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  };
}
