// Model files from a folder (--models-dir): the hub's URL layout, SHA-256 ETags, ranges,
// CORS, the Host check, the rate limit, and the checks at start-up.
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayStartError } from '../../../../src/relay/errors.ts';
import { startRelay } from '../../../../src/relay/start.ts';
import { makeApp, rawRequest } from '../relay-fixture.ts';
import {
  FIXTURE_MODELS,
  manifestFiles,
  sha256,
  startModelRelay,
  type ModelRelay,
} from './models-fixture.ts';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const MODEL = '/omnia/models/omnia-fixture-causal-lm/resolve/main/onnx/model.onnx';
const MODEL_BYTES = readFileSync(join(FIXTURE_MODELS, 'omnia-fixture-causal-lm/onnx/model.onnx'));
const MODEL_ETAG = `"${sha256(MODEL_BYTES)}"`;

let served: ModelRelay;
let port: number;

beforeAll(async () => {
  served = await startModelRelay({ dir: FIXTURE_MODELS, upstreams: [] });
  port = served.relay.port;
});

afterAll(async () => {
  await served.close();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(port, path, { headers });

describe('serving the fixture models', () => {
  it('reports where the models are', () => {
    expect(served.relay.modelsUrl).toBe(`http://127.0.0.1:${port}/omnia/models/`);
  });

  it.each(manifestFiles().map((file) => [`${file.repo}/${file.path}`, file] as const))(
    'serves %s with its bytes and its SHA-256 as ETag',
    async (_name, file) => {
      const res = await get(`/omnia/models/${file.repo}/resolve/main/${file.path}`);
      expect(res.status).toBe(200);
      expect(res.body.equals(readFileSync(join(FIXTURE_MODELS, file.repo, file.path)))).toBe(true);
      expect(res.headers['content-length']).toBe(String(file.size));
      expect(res.headers.etag).toBe(`"${file.sha256}"`);
      expect(res.headers['x-omnia-sha256']).toBe(file.sha256);
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.headers['content-type']).toBe(
        file.path.endsWith('.json') ? 'application/json' : 'application/octet-stream',
      );
    },
  );

  it('is immutable only at a commit', async () => {
    expect((await get(MODEL)).headers['cache-control']).toBe('no-cache');
    const pinned = await get(MODEL.replace('/main/', `/${COMMIT}/`));
    expect(pinned.status).toBe(200);
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends the app headers, CORS and a cross-origin resource policy', async () => {
    const res = await get(MODEL);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['access-control-expose-headers']).toBe(
      'ETag, Content-Length, Content-Range, Accept-Ranges, X-Omnia-Sha256',
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers HEAD with the headers alone', async () => {
    const res = await rawRequest(port, MODEL, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(MODEL_BYTES.length));
    expect(res.headers.etag).toBe(MODEL_ETAG);
    expect(res.body.length).toBe(0);
  });

  it('answers a CORS preflight', async () => {
    const res = await rawRequest(port, MODEL, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'range, if-range',
        'Access-Control-Request-Private-Network': 'true',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('GET');
    expect(res.headers['access-control-allow-methods']).toContain('HEAD');
    expect(res.headers['access-control-allow-headers']).toMatch(/Range, If-Range/);
    expect(res.headers['access-control-allow-private-network']).toBe('true');
  });

  it('refuses other methods', async () => {
    const res = await rawRequest(port, MODEL, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('logs each model request with its source', async () => {
    await get('/omnia/models/omnia-fixture-embedder/resolve/main/config.json');
    await new Promise((done) => setTimeout(done, 20));
    const line =
      /^models GET \/omnia\/models\/omnia-fixture-embedder\/resolve\/main\/config\.json 200 414B folder \d+ms$/;
    // 414 bytes: the size of the embedder's config.json in manifest.json.
    expect(served.logs.some((entry) => line.test(entry))).toBe(true);
  });
});

describe('ranges and validators', () => {
  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, MODEL_BYTES.length - 1],
    ['bytes=-10', MODEL_BYTES.length - 10, MODEL_BYTES.length - 1],
  ])('%s → 206 with the exact slice', async (range, start, end) => {
    const res = await get(MODEL, { Range: range });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${MODEL_BYTES.length}`);
    expect(res.body.equals(MODEL_BYTES.subarray(start, end + 1))).toBe(true);
    expect(res.headers.etag).toBe(MODEL_ETAG);
  });

  it('answers 416 to a range past the end', async () => {
    const res = await get(MODEL, { Range: `bytes=${MODEL_BYTES.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${MODEL_BYTES.length}`);
  });

  it('honours If-Range with the current ETag and sends the whole file for a stale one', async () => {
    const fresh = await get(MODEL, { Range: 'bytes=10-19', 'If-Range': MODEL_ETAG });
    expect(fresh.status).toBe(206);
    expect(fresh.body.equals(MODEL_BYTES.subarray(10, 20))).toBe(true);

    const stale = await get(MODEL, { Range: 'bytes=10-19', 'If-Range': `"${'0'.repeat(64)}"` });
    expect(stale.status).toBe(200);
    expect(stale.body.equals(MODEL_BYTES)).toBe(true);
  });

  it('answers 304 to If-None-Match with the SHA-256', async () => {
    const res = await get(MODEL, { 'If-None-Match': MODEL_ETAG });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
  });
});

describe('not found and malformed', () => {
  it('answers 404 with what is missing and where it looked', async () => {
    const res = await get('/omnia/models/omnia-fixture-embedder/resolve/main/missing.bin');
    expect(res.status).toBe(404);
    expect(res.text).toContain('omnia-fixture-embedder/missing.bin');
    expect(res.text).toContain('no upstream is configured');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect((await get('/omnia/models/org/nope/resolve/main/config.json')).status).toBe(404);
  });

  it.each([
    '/omnia/models',
    '/omnia/models/',
    '/omnia/models/omnia-fixture-embedder',
    '/omnia/models/omnia-fixture-embedder/resolve/main',
    '/omnia/models/omnia-fixture-embedder/resolve/main/',
    '/omnia/models/resolve/main/config.json',
    '/omnia/models/a/b/c/resolve/main/config.json',
    '/omnia/models/omnia-fixture-embedder/blob/main/config.json',
    '/omnia/models/omnia-fixture-embedder/resolve/main//config.json',
    '/omnia/models/omnia-fixture-embedder/resolve/main/./config.json',
    '/omnia/models/omnia-fixture-embedder/resolve/ma%20in/config.json',
    '/omnia/models/omnia-fixture-embedder/resolve/main/config.json.partial',
    '/omnia/models/omnia-fixture-embedder/resolve/main/config.json.omnia.json',
    '/omnia/models/omnia-fixture-embedder/resolve/main/%E0%A4%A',
  ])('answers 400 to %s', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/^Bad Request: /);
  });

  it('still serves the app next to the models', async () => {
    expect((await get('/omnia/')).status).toBe(200);
    expect((await get('/omnia/modelsx')).status).toBe(404);
  });
});

describe('the Host header check (DNS rebinding)', () => {
  it.each(['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST'])('accepts %s:<port>', async (host) => {
    const res = await get(MODEL, { Host: `${host}:${port}`, Range: 'bytes=0-0' });
    expect(res.status).toBe(206);
  });

  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1:1', 'localhost.evil.example:PORT'])(
    'refuses Host %j for models and the app alike',
    async (host) => {
      const value = host.replace('PORT', String(port));
      for (const path of [MODEL, '/omnia/']) {
        const res = await get(path, { Host: value });
        expect(res.status).toBe(421);
        expect(res.text).toContain(`only answers requests for 127.0.0.1:${port}`);
        expect(res.body.includes(MODEL_BYTES.subarray(0, 64))).toBe(false);
      }
    },
  );

  it('refuses a request without a Host header', async () => {
    const socket = connect(port, '127.0.0.1');
    socket.end(`GET ${MODEL} HTTP/1.0\r\n\r\n`);
    let reply = '';
    for await (const chunk of socket) reply += String(chunk);
    expect(reply).toMatch(/^HTTP\/1\.1 421 /);
    expect(reply).toContain('not for Host (none)');
  });
});

describe('rate limit', () => {
  it('paces each model response (64 KiB at 128 KiB/s takes about half a second)', async () => {
    const slow = await startModelRelay({
      dir: FIXTURE_MODELS,
      upstreams: [],
      rateLimitBytesPerSecond: 128 * 1024,
    });
    try {
      const started = performance.now();
      const res = await rawRequest(slow.relay.port, MODEL, { headers: { Range: 'bytes=0-65535' } });
      const seconds = (performance.now() - started) / 1000;
      expect(res.body.equals(MODEL_BYTES.subarray(0, 65536))).toBe(true);
      expect(seconds).toBeGreaterThanOrEqual(0.35);
      expect(seconds).toBeLessThan(5);
    } finally {
      await slow.close();
    }
  });
});

describe('start-up checks', () => {
  it.each([
    [{ dir: '/no/such/models/folder' }, /No models folder at \/no\/such\/models\/folder/],
    [{ upstreams: ['http://huggingface.co'] }, /upstreams must use https/],
    [{ upstreams: ['https://huggingface.co/models'] }, /give only the origin/],
    [{ upstreams: ['not a url'] }, /give an https origin/],
    [{ maxUpstreamFetches: 0 }, /at least 1/],
    [{ rateLimitBytesPerSecond: -5 }, /above 0/],
    [{ upstreamRedirectHosts: ['bad host/'] }, /Invalid redirect host/],
    [{ maxCacheBytes: 0 }, /Invalid cache size 0/],
    [{ maxCacheBytes: 1.5 }, /Invalid cache size/],
    [{ allowRepos: ['mlc-ai'] }, /Invalid --allow-repo "mlc-ai"/],
    [{ modelLibraryUpstream: 'http://raw.githubusercontent.com' }, /upstreams must use https/],
  ])('refuses %j', async (models, message) => {
    const app = await makeApp({ symlinks: false });
    try {
      const start = startRelay({ dist: app.root, port: 0, models });
      await expect(start).rejects.toBeInstanceOf(RelayStartError);
      await expect(start).rejects.toThrow(message);
    } finally {
      await app.cleanup();
    }
  });
});
