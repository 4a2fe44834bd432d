/**
 * Scaffolding for the model server's tests: the fixture models and their manifest, a fake
 * hub (an https server on 127.0.0.1 with the test-only certificate) that counts what it is
 * asked, and a relay started in front of both. No test here reaches beyond 127.0.0.1.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ModelRelayOptions } from '../../../../src/relay/models/config.ts';
import { startRelay, type RunningRelay } from '../../../../src/relay/start.ts';
import { makeApp, type AppFixture } from '../relay-fixture.ts';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const FIXTURE_MODELS = join(REPO_ROOT, 'tests/fixtures/models');
const TLS_DIR = join(REPO_ROOT, 'tests/fixtures/tls');
export const TEST_CERT = readFileSync(join(TLS_DIR, 'cert.pem'));
const TEST_KEY = readFileSync(join(TLS_DIR, 'key.pem'));

export interface ManifestFile {
  repo: string;
  path: string;
  size: number;
  sha256: string;
}

interface Manifest {
  models: { id: string; files: { path: string; size: number; sha256: string }[] }[];
}

/** Every file of the fixture models, with size and SHA-256 from manifest.json. */
export function manifestFiles(): ManifestFile[] {
  const manifest = JSON.parse(
    readFileSync(join(FIXTURE_MODELS, 'manifest.json'), 'utf8'),
  ) as Manifest;
  return manifest.models.flatMap((model) =>
    model.files.map((file) => ({ repo: model.id, ...file })),
  );
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `n` bytes of a repeating pattern seeded by `seed`, so files differ from each other. */
export function patterned(n: number, seed = 1): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) % 251));
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export interface HubFile {
  body: Buffer;
  /** Answer the resolve URL with a 302 to `/cdn/…` on the same host, as the hub does for LFS. */
  redirect?: boolean;
  /** Absolute Location for the redirect, instead of `/cdn/…`. */
  location?: string;
  /** The SHA-256 the hub advertises; default the real one. */
  advertisedSha256?: string;
  /** Wait before sending the body, so that requests overlap. */
  delayMs?: number;
  /** Announce the whole length but hang up after this many bytes. */
  cutAfter?: number;
  /** Send no Content-Length (chunked), so the size is known only at the end. */
  chunked?: boolean;
}

/**
 * An https "hub" on 127.0.0.1: `/{repo}/resolve/{revision}/{path}` for the files in `files`
 * (keyed by that path), 404 with the hub's X-Error-Code otherwise.
 */
export class FakeHub {
  readonly files = new Map<string, HubFile>();
  /** Requests received, by path. */
  readonly hits = new Map<string, number>();
  active = 0;
  maxActive = 0;
  #server: Server | undefined;

  get origin(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  get port(): number {
    return (this.#server?.address() as AddressInfo).port;
  }

  hitsOf(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  /** Every request received, whatever its path. */
  get totalHits(): number {
    return [...this.hits.values()].reduce((sum, n) => sum + n, 0);
  }

  async start(): Promise<this> {
    this.#server = createServer({ cert: TEST_CERT, key: TEST_KEY }, (req, res) => {
      void this.#handle(req, res);
    });
    await new Promise<void>((done) => this.#server?.listen(0, '127.0.0.1', done));
    return this;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = req.url ?? '/';
    this.hits.set(path, this.hitsOf(path) + 1);
    if (path.includes('/broken/')) {
      res.writeHead(500).end('Internal Server Error');
      return;
    }
    const fromCdn = path.startsWith('/cdn/');
    const file = this.files.get(fromCdn ? path.slice('/cdn'.length) : path);
    if (!file) {
      res.writeHead(404, { 'X-Error-Code': 'EntryNotFound' }).end('Entry not found');
      return;
    }
    const advertised = file.advertisedSha256 ?? sha256(file.body);
    if (file.redirect && !fromCdn) {
      res.writeHead(302, {
        Location: file.location ?? `/cdn${path}`,
        'X-Linked-ETag': `"${advertised}"`,
        'X-Linked-Size': String(file.body.length),
      });
      res.end();
      return;
    }
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    res.once('close', () => this.active--);
    if (file.delayMs) await sleep(file.delayMs);
    res.writeHead(200, {
      ...(file.chunked ? {} : { 'Content-Length': file.body.length }),
      'Content-Type': 'application/octet-stream',
      // A CDN's own ETag when the hub already advertised the digest on the redirect.
      ETag: file.redirect ? '"cdn-etag-1"' : `"${advertised}"`,
    });
    if (file.cutAfter === undefined) {
      res.end(file.body);
      return;
    }
    res.write(file.body.subarray(0, file.cutAfter), () => res.destroy());
  }
}

export interface ModelRelay {
  relay: RunningRelay;
  app: AppFixture;
  cacheDir: string;
  logs: string[];
  close(): Promise<void>;
}

/** A relay at `/omnia/` with a throw-away app and cache, logging into `logs`. */
export async function startModelRelay(
  models: ModelRelayOptions,
  options: { cacheDir?: string; host?: string } = {},
): Promise<ModelRelay> {
  const app = await makeApp({ symlinks: false });
  const cacheDir = options.cacheDir ?? (await mkdtemp(join(tmpdir(), 'omnia-relay-cache-')));
  const logs: string[] = [];
  const relay = await startRelay({
    dist: app.root,
    port: 0,
    base: '/omnia/',
    ...(options.host ? { host: options.host } : {}),
    log: (line) => logs.push(line),
    models: { cacheDir, ...models },
  });
  let closing: Promise<void> | undefined;
  const running: ModelRelay = {
    relay,
    app,
    cacheDir,
    logs,
    close() {
      openRelays.delete(running);
      closing ??= (async () => {
        await relay.close();
        await app.cleanup();
        if (!options.cacheDir) await rm(cacheDir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
  openRelays.add(running);
  return running;
}

/** Relays started and not yet closed, for `useFakeHub`'s clean-up after each test. */
const openRelays = new Set<ModelRelay>();

/**
 * The scaffolding a test file against the fake hub shares: one hub for the whole file
 * (started before its tests, closed after them), and every relay that `startModelRelay`
 * opened during a test closed when that test ends. Call it at the top level of the file.
 */
export function useFakeHub(): FakeHub {
  const hub = new FakeHub();
  beforeAll(async () => {
    await hub.start();
  });
  afterAll(async () => {
    await hub.close();
  });
  afterEach(async () => {
    await Promise.all([...openRelays].map((relay) => relay.close()));
  });
  return hub;
}

/** Options for a relay whose only upstream is `hub`, trusted as the tests' local server. */
export function hubOptions(hub: FakeHub, extra: ModelRelayOptions = {}): ModelRelayOptions {
  return {
    upstreams: [hub.origin],
    upstreamTls: { ca: TEST_CERT },
    allowPrivateUpstreams: true,
    ...extra,
  };
}
