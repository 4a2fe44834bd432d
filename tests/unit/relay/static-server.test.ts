// The static server's everyday behaviour: what it serves, with which types, caching and headers.
import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from '../../../src/relay/static-server.ts';
import { listen, makeApp, rawRequest, type AppFixture, type Listening } from './relay-fixture.ts';

const APP_HEADERS = { 'Content-Security-Policy': "default-src 'self'", 'X-Test-Header': 'present' };

let app: AppFixture;
let atRoot: Listening;
let mounted: Listening;
const logged: string[] = [];

beforeAll(async () => {
  app = await makeApp({ symlinks: false });
  atRoot = await listen(
    createStaticServer({ root: app.root, headers: APP_HEADERS, log: (line) => logged.push(line) }),
  );
  mounted = await listen(
    createStaticServer({ root: app.root, base: '/omnia/', headers: APP_HEADERS }),
  );
});

afterAll(async () => {
  await atRoot.close();
  await mounted.close();
  await app.cleanup();
});

describe('serving at /', () => {
  it('serves index.html for / and for a folder with a trailing slash', async () => {
    const index = await rawRequest(atRoot.port, '/');
    expect(index.status).toBe(200);
    expect(index.text).toBe('<!doctype html><title>Omnia</title>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');

    const docs = await rawRequest(atRoot.port, '/docs/');
    expect(docs.text).toBe('<p>docs</p>');
  });

  it('redirects a folder named without its slash, keeping the query', async () => {
    const res = await rawRequest(atRoot.port, '/docs?lang=fr');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/docs/?lang=fr');
  });

  it('answers 404 in plain text for a missing file, and for a file named like a folder', async () => {
    const missing = await rawRequest(atRoot.port, '/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(missing.text).toBe('Not Found');
    expect((await rawRequest(atRoot.port, '/notes.txt/')).status).toBe(404);
  });

  it('ignores the query string when finding the file', async () => {
    expect((await rawRequest(atRoot.port, '/notes.txt?v=2#x')).text).toBe('hello');
  });

  it('decodes percent-encoded names and answers 400 to malformed encoding', async () => {
    expect((await rawRequest(atRoot.port, '/not%65s.txt')).text).toBe('hello');
    const bad = await rawRequest(atRoot.port, '/%E0%A4%A');
    expect(bad.status).toBe(400);
  });

  it.each([
    ['/index.html', 'text/html; charset=utf-8'],
    ['/assets/index-a1b2c3.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-a1b2c3.css', 'text/css; charset=utf-8'],
    ['/assets/ort-d4e5f6.wasm', 'application/wasm'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/icon.svg', 'image/svg+xml; charset=utf-8'],
    ['/favicon.ico', 'image/x-icon'],
    ['/notes.txt', 'text/plain; charset=utf-8'],
    ['/model.onnx', 'application/octet-stream'],
    ['/unknown.xyz', 'application/octet-stream'],
  ])('sends %s as %s', async (path, type) => {
    const res = await rawRequest(atRoot.port, path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });

  it('sends the exact bytes of a binary file with its length', async () => {
    const res = await rawRequest(atRoot.port, '/assets/ort-d4e5f6.wasm');
    expect([...res.body]).toEqual([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(res.headers['content-length']).toBe('8');
    expect(res.headers['accept-ranges']).toBe('bytes');
  });

  it('serves an empty file', async () => {
    const res = await rawRequest(atRoot.port, '/empty.txt');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.body.length).toBe(0);
  });

  it.each([
    ['/', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/sw.js', 'no-cache'],
    ['/registerSW.js', 'no-cache'],
    ['/manifest.webmanifest', 'no-cache'],
    ['/icon.svg', 'no-cache'],
    ['/assets/index-a1b2c3.js', 'public, max-age=31536000, immutable'],
    ['/assets/ort-d4e5f6.wasm', 'public, max-age=31536000, immutable'],
  ])('caches %s with %s', async (path, cacheControl) => {
    expect((await rawRequest(atRoot.port, path)).headers['cache-control']).toBe(cacheControl);
  });
});

describe('validators', () => {
  it('sends a strong ETag and Last-Modified, and 304 for a matching If-None-Match', async () => {
    const first = await rawRequest(atRoot.port, '/notes.txt');
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['last-modified']).toMatch(/GMT$/);

    const again = await rawRequest(atRoot.port, '/notes.txt', {
      headers: { 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);

    const listed = await rawRequest(atRoot.port, '/notes.txt', {
      headers: { 'If-None-Match': `"other", W/${etag}` },
    });
    expect(listed.status).toBe(304);

    const stale = await rawRequest(atRoot.port, '/notes.txt', {
      headers: { 'If-None-Match': '"other"' },
    });
    expect(stale.status).toBe(200);
    expect(stale.text).toBe('hello');
  });

  it('changes the ETag when the file changes', async () => {
    const before = (await rawRequest(atRoot.port, '/data.json')).headers.etag;
    await utimes(join(app.root, 'data.json'), new Date(2001, 1, 1), new Date(2001, 1, 1));
    const after = (await rawRequest(atRoot.port, '/data.json')).headers.etag;
    expect(after).not.toBe(before);
  });

  it('answers If-Modified-Since with 304 when the file is not newer', async () => {
    const { headers } = await rawRequest(atRoot.port, '/sw.js');
    const res = await rawRequest(atRoot.port, '/sw.js', {
      headers: { 'If-Modified-Since': headers['last-modified'] ?? '' },
    });
    expect(res.status).toBe(304);
    const old = await rawRequest(atRoot.port, '/sw.js', {
      headers: { 'If-Modified-Since': 'Mon, 01 Jan 1990 00:00:00 GMT' },
    });
    expect(old.status).toBe(200);
  });
});

describe('methods', () => {
  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await rawRequest(atRoot.port, '/assets/index-a1b2c3.js');
    const head = await rawRequest(atRoot.port, '/assets/index-a1b2c3.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])(
    'answers %s with 405 and Allow',
    async (method) => {
      const res = await rawRequest(atRoot.port, '/index.html', { method });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
    },
  );
});

describe('the headers option', () => {
  it.each([
    ['200', '/', {}],
    ['304', '/notes.txt', { 'If-None-Match': '*' }],
    ['206', '/counting.bin', { Range: 'bytes=0-1' }],
    ['416', '/counting.bin', { Range: 'bytes=5000-' }],
    ['301', '/docs', {}],
    ['400', '/%zz', {}],
    ['403', '/../secret.txt', {}],
    ['404', '/missing', {}],
  ])('is on a %s response', async (status, path, headers) => {
    const res = await rawRequest(atRoot.port, path, { headers });
    expect(String(res.status)).toBe(status);
    expect(res.headers['content-security-policy']).toBe("default-src 'self'");
    expect(res.headers['x-test-header']).toBe('present');
  });

  it('is on a 405 response', async () => {
    const res = await rawRequest(atRoot.port, '/', { method: 'POST' });
    expect(res.headers['x-test-header']).toBe('present');
  });
});

describe('mounted at /omnia/', () => {
  it('serves the index at the base', async () => {
    const res = await rawRequest(mounted.port, '/omnia/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Omnia</title>');
    expect((await rawRequest(mounted.port, '/omnia/assets/index-a1b2c3.js')).text).toBe(
      'console.log("app");',
    );
  });

  it('redirects the base without its slash, keeping the query', async () => {
    const res = await rawRequest(mounted.port, '/omnia?x=1');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/omnia/?x=1');
  });

  it('answers 404 outside the base', async () => {
    for (const path of ['/', '/index.html', '/omniax/', '/other/omnia/']) {
      expect((await rawRequest(mounted.port, path)).status, path).toBe(404);
    }
  });

  it('accepts the absolute form of a request target', async () => {
    const res = await rawRequest(mounted.port, 'http://127.0.0.1/omnia/notes.txt');
    expect(res.text).toBe('hello');
  });
});

describe('the log option', () => {
  it('gets one line per request with method, path and status', async () => {
    await rawRequest(atRoot.port, '/notes.txt?logged=1');
    await expect
      .poll(() => logged.some((line) => /^GET \/notes\.txt\?logged=1 200 \d+ms$/.test(line)))
      .toBe(true);
  });
});
