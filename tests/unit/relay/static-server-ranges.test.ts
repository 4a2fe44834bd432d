// Range requests (how model downloads resume) and client aborts in the middle of a file.
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaticServer } from '../../../src/relay/static-server.ts';
import {
  COUNTING,
  listen,
  makeApp,
  rawRequest,
  type AppFixture,
  type Listening,
} from './relay-fixture.ts';

let app: AppFixture;
let server: Listening;
let etag: string;

beforeAll(async () => {
  app = await makeApp({ symlinks: false });
  server = await listen(createStaticServer({ root: app.root }));
  etag = (await rawRequest(server.port, '/counting.bin', { method: 'HEAD' })).headers.etag ?? '';
});

afterAll(async () => {
  await server.close();
  await app.cleanup();
});

const get = (range: string, headers: Record<string, string> = {}) =>
  rawRequest(server.port, '/counting.bin', { headers: { Range: range, ...headers } });

describe('single ranges', () => {
  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=500-999', 500, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=300-', 300, 999],
    ['bytes=-10', 990, 999],
    ['bytes=-5000', 0, 999],
    ['bytes=7-7', 7, 7],
  ])('%s → 206 with bytes %i-%i', async (range, start, end) => {
    const res = await get(range);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(res.headers['content-length']).toBe(String(end - start + 1));
    expect(res.body.equals(COUNTING.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0', 'bytes=9-3'])(
    '%s → 416',
    async (range) => {
      const res = await get(range);
      expect(res.status).toBe(416);
      expect(res.headers['content-range']).toBe('bytes */1000');
    },
  );

  it('answers any range of an empty file with 416', async () => {
    const res = await rawRequest(server.port, '/empty.txt', { headers: { Range: 'bytes=0-' } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */0');
  });
});

describe('ranges answered with the whole file', () => {
  it.each(['bytes=0-1,5-6', 'bytes=0-1, -1', 'items=0-5', 'bytes=abc', 'bytes=-'])(
    '%s → 200',
    async (range) => {
      const res = await get(range);
      expect(res.status).toBe(200);
      expect(res.headers['content-range']).toBeUndefined();
      expect(res.body.equals(COUNTING)).toBe(true);
    },
  );

  it('honours If-Range with the current ETag', async () => {
    const res = await get('bytes=0-3', { 'If-Range': etag });
    expect(res.status).toBe(206);
    expect(res.body.length).toBe(4);
  });

  it('sends the whole file when If-Range names another version', async () => {
    for (const ifRange of ['"stale-tag"', `W/${etag}`, 'Mon, 01 Jan 1990 00:00:00 GMT']) {
      const res = await get('bytes=0-3', { 'If-Range': ifRange });
      expect(res.status, ifRange).toBe(200);
      expect(res.body.equals(COUNTING)).toBe(true);
    }
  });

  it('honours If-Range with the current Last-Modified date', async () => {
    const { headers } = await rawRequest(server.port, '/counting.bin', { method: 'HEAD' });
    const res = await get('bytes=0-3', { 'If-Range': headers['last-modified'] ?? '' });
    expect(res.status).toBe(206);
  });

  it('ignores Range on HEAD, as RFC 9110 defines ranges for GET only', async () => {
    const res = await rawRequest(server.port, '/counting.bin', {
      method: 'HEAD',
      headers: { Range: 'bytes=0-3' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('1000');
    expect(res.body.length).toBe(0);
  });
});

describe('client aborts', () => {
  // Descriptors are only countable this way on Linux; elsewhere the test still checks the server survives.
  const countFds = () => (existsSync('/proc/self/fd') ? readdirSync('/proc/self/fd').length : 0);

  it('closes the file when the client goes away mid-download, and keeps serving', async () => {
    await writeFile(join(app.root, 'large.bin'), Buffer.alloc(8 * 1024 * 1024, 7));
    const before = countFds();
    const abortAfterFirstChunk = () =>
      new Promise<void>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: server.port, path: '/large.bin', agent: false },
          (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) =>
          error.code === 'ECONNRESET' ? resolve() : reject(error),
        );
        req.end();
      });
    for (let i = 0; i < 10; i += 1) await abortAfterFirstChunk();

    await expect.poll(countFds, { timeout: 3000 }).toBeLessThanOrEqual(before);
    const after = await get('bytes=0-1');
    expect(after.status).toBe(206);
  });
});
