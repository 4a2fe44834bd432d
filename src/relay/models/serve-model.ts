/**
 * Answers `{base}models/{repo}/resolve/{revision}/{path}`: from the models folders first (in
 * the order given), then the cache, filling it from an upstream on a miss. Responses follow the hub's contract
 * that the browser's download manager relies on: the ETag is the quoted SHA-256 of the file
 * (also sent as X-Omnia-Sha256), ranges and If-Range work as for the app's files, and CORS
 * lets an app on another origin use this relay as its model source. The relay is reachable
 * from the network with `Access-Control-Allow-Origin: *`, so no answer names a path on this
 * machine: messages say which repo and file, never which folder.
 */
import {
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { lastModified } from '../conditional.ts';
import { bodyHeaders, pipeBody, planFileResponse, sendText } from '../file-response.ts';
import { ABSOLUTE_FORM, parseRequestTarget } from '../request-path.ts';
import { type ResolvedModelOptions } from './config.ts';
import {
  CacheFullError,
  ModelNotFoundError,
  RepoNotAllowedError,
  UpstreamFailedError,
  UpstreamRefusedError,
} from './errors.ts';
import { FolderSource } from './folder-source.ts';
import { ModelCache } from './model-cache.ts';
import { BodyMeter } from './rate-limit.ts';
import { MODELS_SEGMENT, parseModelRoute, type ModelRoute } from './route.ts';
import { type ModelSourceKind, type OpenModelFile } from './types.ts';
import { upstreamSources } from './upstream-sources.ts';

export interface ModelServerOptions {
  /** The app's base, normalised (`/` or `/omnia/`). */
  base: string;
  /** The app's security headers, sent with every answer. */
  headers: Record<string, string>;
  models: ResolvedModelOptions;
}

export interface ModelServer {
  /** True when the request is for `{base}models/…` and so belongs here. */
  handles(rawUrl: string): boolean;
  listener: RequestListener;
  /** Stops upstream fetches in progress. */
  close(): void;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
const CORS_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers':
    'ETag, Content-Length, Content-Range, Accept-Ranges, X-Omnia-Sha256',
  'Cross-Origin-Resource-Policy': 'cross-origin',
});

/** What the request log says about one request, filled in as it is answered. */
interface RequestRecord {
  source: ModelSourceKind | '-';
  meter?: BodyMeter;
}

type Located = { kind: 'file'; file: OpenModelFile } | { kind: 'forbidden' };

export function createModelServer(options: ModelServerOptions): ModelServer {
  const { base, models } = options;
  const shared: OutgoingHttpHeaders = { ...options.headers, ...CORS_HEADERS };
  const folders = models.dirs.map((dir) => new FolderSource(dir));
  const sourcesFor = upstreamSources(models);
  const cache = new ModelCache({
    cacheDir: models.cacheDir,
    maxBytes: models.maxCacheBytes,
    sourcesFor,
    ...(models.ca ? { ca: models.ca } : {}),
    maxUpstreamFetches: models.maxUpstreamFetches,
    ...(models.log ? { log: models.log } : {}),
  });
  const log = models.log;
  const prefix = `${base}${MODELS_SEGMENT}`;
  const hide = pathHider(models);

  const text = (res: ServerResponse, status: number, body: string, extra = {}) =>
    sendText(res, status, hide(body), { ...shared, ...extra });

  const locate = async (route: ModelRoute): Promise<Located> => {
    for (const folder of folders) {
      const inFolder = await folder.open(route);
      if (inFolder.kind === 'found') return { kind: 'file', file: inFolder.file };
      // A file that a folder refuses is refused, not looked for in the next folder.
      if (inFolder.kind === 'forbidden') return { kind: 'forbidden' };
    }
    const name = `${route.repo}/${route.path}`;
    const where =
      folders.length === 0 ? 'No models folder is set' : 'It is not in the models folder';
    if (sourcesFor(route.repo).length === 0) {
      throw new ModelNotFoundError(
        `No such model file: ${name}. ${where}, and no upstream is configured.`,
      );
    }
    const allowed = models.allowRepos;
    if (allowed && !allowed.allows(route.repo)) {
      throw new RepoNotAllowedError(
        `${route.repo} is not one of the repositories this relay fetches (${allowed.patterns.join(', ')}); its operator can add it with --allow-repo.`,
      );
    }
    try {
      return { kind: 'file', file: await cache.open(route) };
    } catch (error) {
      if (!(error instanceof ModelNotFoundError)) throw error;
      throw new ModelNotFoundError(`No such model file: ${name}. ${where}. ${error.message}`, {
        cause: error,
      });
    }
  };

  const serve = (
    req: IncomingMessage,
    res: ServerResponse,
    route: ModelRoute,
    file: OpenModelFile,
    record: RequestRecord,
  ) => {
    const closeFile = () => void file.handle.close().catch(() => undefined);
    // The client gave up while the file was fetched or hashed.
    if (res.destroyed) return closeFile();
    const etag = `"${file.sha256}"`;
    const headers: OutgoingHttpHeaders = {
      ...shared,
      'Accept-Ranges': 'bytes',
      'Cache-Control': route.immutable ? IMMUTABLE : 'no-cache',
      ETag: etag,
      'X-Omnia-Sha256': file.sha256,
      'Last-Modified': lastModified(file),
    };
    const plan = planFileResponse(req, etag, file);
    if (plan.kind === 'not-modified') {
      closeFile();
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (plan.kind === 'unsatisfiable') {
      closeFile();
      text(res, 416, 'Range Not Satisfiable', {
        ...headers,
        'Content-Range': `bytes */${file.size}`,
      });
      return;
    }
    headers['Content-Type'] = contentTypeOf(route.path);
    Object.assign(headers, bodyHeaders(plan, file.size));
    res.writeHead(plan.status, headers);
    if (req.method === 'HEAD' || file.size === 0) {
      closeFile();
      res.end();
      return;
    }
    // The stream closes the file when it ends or when the client goes away.
    const stream = file.handle.createReadStream({ start: plan.start, end: plan.end });
    const meter = new BodyMeter(models.rateLimitBytesPerSecond);
    record.meter = meter;
    pipeBody(stream, res, (error) => log?.(`Error sending ${req.url}: ${error.message}`), meter);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, record: RequestRecord) => {
    if (req.method === 'OPTIONS') return preflight(req, res, shared);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return text(res, 405, 'Method Not Allowed: model files answer GET and HEAD.', {
        Allow: 'GET, HEAD, OPTIONS',
      });
    }
    const target = parseRequestTarget(req.url ?? '/', base);
    if (target.kind === 'bad-request') return text(res, 400, `Bad Request: ${target.reason}.`);
    if (target.kind === 'forbidden') return text(res, 403, `Forbidden: ${target.reason}.`);
    if (target.kind !== 'path') return text(res, 404, 'Not Found');
    const parsed = parseModelRoute(target.relative);
    if (parsed.kind === 'malformed') return text(res, 400, `Bad Request: ${parsed.reason}`);

    let located: Located;
    try {
      located = await locate(parsed.route);
    } catch (error) {
      if (error instanceof ModelNotFoundError) return text(res, 404, error.message);
      if (error instanceof RepoNotAllowedError)
        return text(res, 403, `Forbidden: ${error.message}`);
      if (error instanceof CacheFullError) {
        return text(res, 507, `Insufficient Storage: ${error.message}`);
      }
      if (error instanceof UpstreamRefusedError || error instanceof UpstreamFailedError) {
        return text(res, 502, `Bad Gateway: ${error.message}`);
      }
      throw error;
    }
    if (located.kind === 'forbidden') {
      return text(res, 403, 'Forbidden: the file lies outside the models folder.');
    }
    record.source = located.file.source;
    serve(req, res, parsed.route, located.file, record);
  };

  return {
    handles(rawUrl) {
      const path = rawUrl.replace(ABSOLUTE_FORM, '').split(/[?#]/, 1)[0] ?? '';
      const under = (p: string) => p === prefix || p.startsWith(`${prefix}/`);
      if (under(path)) return true;
      try {
        return under(decodeURIComponent(path));
      } catch {
        return false;
      }
    },
    listener(req, res) {
      const started = performance.now();
      const record: RequestRecord = { source: '-' };
      if (log) {
        res.once('close', () => {
          const ms = Math.round(performance.now() - started);
          const aborted = res.writableFinished ? '' : ' (aborted)';
          const bytes = record.meter?.bytes ?? 0;
          log(
            `models ${req.method} ${req.url} ${res.statusCode} ${bytes}B ${record.source} ${ms}ms${aborted}`,
          );
        });
      }
      void handle(req, res, record).catch((error: unknown) => {
        log?.(
          `Error serving ${req.url}: ${error instanceof Error ? error.message : String(error)}`,
        );
        if (!res.headersSent && !res.destroyed) text(res, 500, 'Internal Server Error');
        else res.destroy();
      });
    },
    close: () => cache.close(),
  };
}

function preflight(req: IncomingMessage, res: ServerResponse, shared: OutgoingHttpHeaders): void {
  res.writeHead(204, {
    ...shared,
    'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
    'Access-Control-Allow-Headers': 'Range, If-Range, If-None-Match, If-Modified-Since',
    'Access-Control-Max-Age': '86400',
    // Chrome asks before a public page may reach a relay on a private network.
    ...(req.headers['access-control-request-private-network'] === 'true'
      ? { 'Access-Control-Allow-Private-Network': 'true' }
      : {}),
  });
  res.end();
}

// Browsers compile a model library with WebAssembly.instantiateStreaming only if it is
// application/wasm (and nosniff forbids guessing).
function contentTypeOf(path: string): string {
  const lower = path.toLowerCase();
  if (lower.endsWith('.json')) return 'application/json';
  if (lower.endsWith('.wasm')) return 'application/wasm';
  return 'application/octet-stream';
}

/**
 * A last line of defence for error answers: replaces the models folders and the cache folder,
 * should any message ever carry one, with a neutral name.
 */
function pathHider(models: ResolvedModelOptions): (text: string) => string {
  const secrets = [
    ...models.dirs.map((dir) => [dir, '<models folder>'] as const),
    [models.cacheDir, '<cache>'] as const,
  ].sort((a, b) => b[0].length - a[0].length);
  return (text) => secrets.reduce((result, [path, name]) => result.split(path).join(name), text);
}
