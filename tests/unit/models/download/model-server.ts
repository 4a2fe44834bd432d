/**
 * A hub-shaped model file server on 127.0.0.1 for the download manager tests: serves
 * `/models/<repo>/resolve/<revision>/<path>` from memory with Range, If-Range and a SHA-256
 * ETag, like the hub's LFS files, and has switches for the ways a real source goes wrong.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { CatalogEntry } from '../../../../src/models/catalog-types';

const FIXTURE_MODELS = join(import.meta.dirname, '../../../fixtures/models');

export interface ServedRequest {
  repo: string;
  path: string;
  range: string | null;
  ifRange: string | null;
  status: number;
  /** Body bytes written before the response ended or the connection was dropped. */
  bytesSent: number;
}

export interface ServerSwitches {
  /** `repo/path` keys answered with a 200 HTML page instead of the file. */
  html: Set<string>;
  /** `repo/path` → how many more responses carry the file with one bit flipped (Infinity: all). */
  flip: Map<string, number>;
  /** `repo/path` → status to answer with (404, 500…). */
  status: Map<string, number>;
  /** Drops the connection after `afterBytes` body bytes of `key`, once; calls `onDrop` then. */
  drop: { key: string; afterBytes: number; onDrop?: () => void } | null;
  /** Answers range requests with 200 and the whole file, as a server without ranges does. */
  ignoreRange: boolean;
  /** Sends the SHA-256 as ETag (the hub's LFS behaviour); off: no ETag at all. */
  etag: boolean;
  chunkBytes: number;
  chunkDelayMs: number;
}

export interface ModelServer {
  /** Base URL of the hub mirror, e.g. 'http://127.0.0.1:40123/models'. */
  baseUrl: string;
  requests: ServedRequest[];
  switches: ServerSwitches;
  /** Serves `files` (repo path → bytes) under `repo`. */
  addRepo(repo: string, files: Record<string, Uint8Array>): void;
  close(): Promise<void>;
}

export const keyOf = (entry: CatalogEntry, path: string): string => `${entry.repo}/${path}`;

/** The bytes of a fixture model file, as the fixture builder wrote them. */
export function fixtureBytes(entry: CatalogEntry, path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURE_MODELS, entry.id, path)));
}

/** Every file of a fixture entry, for `addRepo`. */
export function fixtureRepo(entry: CatalogEntry): Record<string, Uint8Array> {
  return Object.fromEntries(entry.files.map((file) => [file.path, fixtureBytes(entry, file.path)]));
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startModelServer(): Promise<ModelServer> {
  const repos = new Map<string, Map<string, Uint8Array>>();
  const requests: ServedRequest[] = [];
  const switches: ServerSwitches = {
    html: new Set(),
    flip: new Map(),
    status: new Map(),
    drop: null,
    ignoreRange: false,
    etag: true,
    chunkBytes: 16 * 1024,
    chunkDelayMs: 0,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/models\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repo = decodeURIComponent(match?.[1] ?? '');
    const path = (match?.[3] ?? '').split('/').map(decodeURIComponent).join('/');
    const key = `${repo}/${path}`;
    const served: ServedRequest = {
      repo,
      path,
      range: req.headers.range ?? null,
      ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      status: 200,
      bytesSent: 0,
    };
    requests.push(served);
    const original = repos.get(repo)?.get(path);
    const forced = switches.status.get(key);
    if (original === undefined || forced !== undefined) {
      served.status = forced ?? 404;
      res.writeHead(served.status, { 'content-type': 'text/plain' }).end('no');
      return;
    }
    if (switches.html.has(key)) {
      const page = Buffer.from('<!doctype html><title>Sign in</title><p>Welcome!</p>');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      served.bytesSent = page.length;
      return;
    }
    const sha256 = createHash('sha256').update(original).digest('hex');
    const etag = `"${sha256}"`;
    let bytes = original;
    const flips = switches.flip.get(key) ?? 0;
    if (flips > 0) {
      switches.flip.set(key, flips - 1);
      bytes = original.slice();
      const at = Math.floor(bytes.length / 2);
      bytes[at] = (bytes[at] ?? 0) ^ 0x10;
    }
    const headers: Record<string, string> = {
      'content-type': path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      'accept-ranges': 'bytes',
    };
    if (switches.etag) headers.etag = etag;
    const range = /^bytes=(\d+)-$/.exec(served.range ?? '');
    const rangeApplies =
      range !== null &&
      !switches.ignoreRange &&
      (served.ifRange === null || served.ifRange === etag);
    let start = 0;
    if (rangeApplies) {
      start = Number(range[1]);
      if (start >= bytes.length) {
        served.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
        return;
      }
      served.status = 206;
      headers['content-range'] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    }
    const body = bytes.subarray(start);
    headers['content-length'] = String(body.length);
    res.writeHead(served.status, headers);
    await sendBody(res, body, served, switches.drop?.key === key ? switches : null);
  }

  async function sendBody(
    res: ServerResponse,
    body: Uint8Array,
    served: ServedRequest,
    dropping: ServerSwitches | null,
  ): Promise<void> {
    for (let offset = 0; offset < body.length; offset += switches.chunkBytes) {
      if (switches.chunkDelayMs > 0) await sleep(switches.chunkDelayMs);
      let piece = body.subarray(offset, offset + switches.chunkBytes);
      const drop = dropping?.drop;
      const dropNow = drop != null && served.bytesSent + piece.length >= drop.afterBytes;
      if (drop != null && dropNow) piece = piece.subarray(0, drop.afterBytes - served.bytesSent);
      const flushed = new Promise<void>((resolve) => res.write(piece, () => resolve()));
      served.bytesSent += piece.length;
      await flushed;
      if (drop != null && dropNow) {
        switches.drop = null;
        res.socket?.destroy();
        drop.onDrop?.();
        return;
      }
    }
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/models`,
    requests,
    switches,
    addRepo(repo, files) {
      repos.set(repo, new Map(Object.entries(files)));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
