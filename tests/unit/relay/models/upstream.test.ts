// Filling the cache from an https upstream (a fake hub on 127.0.0.1 with the test-only
// certificate): redirects, verification, sidecars, corruption, and every refused upstream.
import { existsSync } from 'node:fs';
import { open, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../relay-fixture.ts';
import {
  hubOptions,
  patterned,
  sha256,
  startModelRelay,
  TEST_CERT,
  useFakeHub,
  type ModelRelay,
} from './models-fixture.ts';

const hub = useFakeHub();
let relay: ModelRelay | undefined;

const WEIGHTS = patterned(300_000, 3);
const CONFIG = Buffer.from('{"model_type":"bert"}');

async function start(extra: Parameters<typeof hubOptions>[1] = {}): Promise<ModelRelay> {
  relay = await startModelRelay(hubOptions(hub, extra));
  return relay;
}

function modelPath(hubPath: string): string {
  return `/omnia/models${hubPath}`;
}

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

describe('filling the cache', () => {
  it('fetches through a redirect, verifies, caches with a sidecar, then serves from the cache', async () => {
    const hubPath = '/org/fill/resolve/main/onnx/model.onnx';
    hub.files.set(hubPath, { body: WEIGHTS, redirect: true });
    const { relay: running, cacheDir, logs } = await start();

    const first = await rawRequest(running.port, modelPath(hubPath));
    expect(first.status).toBe(200);
    expect(first.body.equals(WEIGHTS)).toBe(true);
    expect(first.headers.etag).toBe(`"${sha256(WEIGHTS)}"`);
    expect(hub.hitsOf(hubPath)).toBe(1);
    expect(hub.hitsOf(`/cdn${hubPath}`)).toBe(1);

    const host = `127.0.0.1_${hub.port}`;
    const cached = join(cacheDir, host, 'org', 'fill', 'main', 'onnx', 'model.onnx');
    expect((await readFile(cached)).equals(WEIGHTS)).toBe(true);
    const sidecar = JSON.parse(await readFile(`${cached}.omnia.json`, 'utf8')) as Record<
      string,
      unknown
    >;
    expect(sidecar).toEqual({
      size: WEIGHTS.length,
      sha256: sha256(WEIGHTS),
      mtimeMs: (await stat(cached)).mtimeMs,
      fetchedFrom: `${hub.origin}${hubPath}`,
      fetchedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
    });
    expect(await filesUnder(cacheDir)).toEqual([
      `${host}/org/fill/main/onnx/model.onnx`,
      `${host}/org/fill/main/onnx/model.onnx.omnia.json`,
    ]);

    const ranged = await rawRequest(running.port, modelPath(hubPath), {
      headers: { Range: 'bytes=100-199' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.body.equals(WEIGHTS.subarray(100, 200))).toBe(true);
    expect(hub.hitsOf(hubPath)).toBe(1);
    await new Promise((done) => setTimeout(done, 20));
    expect(logs.filter((line) => line.startsWith('models GET'))).toEqual([
      expect.stringMatching(/ 200 300000B upstream \d+ms$/),
      expect.stringMatching(/ 206 100B cache \d+ms$/),
    ]);
    expect(logs).toContain(
      `Cached org/fill/onnx/model.onnx@main from ${hub.origin}: ${WEIGHTS.length} bytes, SHA-256 ${sha256(WEIGHTS)}.`,
    );
  });

  it('caches a file the hub serves directly, and a one-segment repo under _/', async () => {
    const hubPath = '/bert-tiny/resolve/main/config.json';
    hub.files.set(hubPath, { body: CONFIG });
    const { relay: running, cacheDir } = await start();
    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.status).toBe(200);
    expect(res.text).toBe(CONFIG.toString());
    expect(res.headers['content-type']).toBe('application/json');
    expect(await filesUnder(cacheDir)).toEqual([
      `127.0.0.1_${hub.port}/_/bert-tiny/main/config.json`,
      `127.0.0.1_${hub.port}/_/bert-tiny/main/config.json.omnia.json`,
    ]);
  });

  it('answers 404 when the hub has no such file, and caches nothing', async () => {
    const { relay: running, cacheDir } = await start();
    const res = await rawRequest(running.port, '/omnia/models/org/none/resolve/main/x.bin');
    expect(res.status).toBe(404);
    expect(res.text).toContain(`${hub.origin} has no org/none/x.bin at revision main.`);
    expect(await filesUnder(cacheDir)).toEqual([]);
  });

  it('answers 502 when the upstream advertises another SHA-256, and caches nothing', async () => {
    const hubPath = '/org/lying/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WEIGHTS, redirect: true, advertisedSha256: 'ab'.repeat(32) });
    const { relay: running, cacheDir } = await start();
    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.status).toBe(502);
    expect(res.text).toContain(
      `but the upstream advertised ${'ab'.repeat(32)}; nothing was cached`,
    );
    expect(res.text).not.toContain(WEIGHTS.subarray(0, 32).toString('latin1'));
    expect(await filesUnder(cacheDir)).toEqual([]);
  });

  it('answers 502 when the upstream hangs up before Content-Length bytes, and caches nothing', async () => {
    const hubPath = '/org/cut/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WEIGHTS, cutAfter: 70_000 });
    const { relay: running, cacheDir } = await start();
    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.status).toBe(502);
    expect(res.text).toContain(
      `Downloading org/cut/model.bin at revision main from ${hub.origin} failed`,
    );
    expect(await filesUnder(cacheDir)).toEqual([]);
  });

  it('answers 502 when the upstream fails', async () => {
    const { relay: running } = await start();
    const res = await rawRequest(running.port, '/omnia/models/org/broken/resolve/main/x.bin');
    expect(res.status).toBe(502);
    expect(res.text).toBe(
      `Bad Gateway: ${hub.origin} answered 500 for org/broken/x.bin at revision main.`,
    );
  });

  it('detects a corrupted cached file, evicts it and fetches it again', async () => {
    const hubPath = '/org/corrupt/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WEIGHTS });
    const { relay: running, cacheDir, logs } = await start();
    expect((await rawRequest(running.port, modelPath(hubPath))).status).toBe(200);

    const cached = join(cacheDir, `127.0.0.1_${hub.port}`, 'org/corrupt/main/model.bin');
    await flipByte(cached, 1234);
    // Whoever changed the file also moved its mtime; the relay notices and hashes again.
    const later = new Date(Date.now() + 5000);
    await utimes(cached, later, later);

    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.status).toBe(200);
    expect(res.body.equals(WEIGHTS)).toBe(true);
    expect(hub.hitsOf(hubPath)).toBe(2);
    expect(logs.some((line) => line.includes(`Cached ${cached} is corrupt`))).toBe(true);
    expect((await readFile(cached)).equals(WEIGHTS)).toBe(true);
  });

  it('detects corruption that kept the mtime, on the first use after a restart', async () => {
    const hubPath = '/org/bitrot/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WEIGHTS });
    const first = await start();
    expect((await rawRequest(first.relay.port, modelPath(hubPath))).status).toBe(200);
    const cacheDir = first.cacheDir;
    const cached = join(cacheDir, `127.0.0.1_${hub.port}`, 'org/bitrot/main/model.bin');
    const { atime, mtime } = await stat(cached);
    await first.relay.close();

    await flipByte(cached, 99);
    await utimes(cached, atime, mtime);
    const again = await startModelRelay(hubOptions(hub), { cacheDir });
    try {
      const res = await rawRequest(again.relay.port, modelPath(hubPath));
      expect(res.status).toBe(200);
      expect(res.body.equals(WEIGHTS)).toBe(true);
      expect(hub.hitsOf(hubPath)).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('fetches again when a file has no sidecar (an interrupted fill)', async () => {
    const hubPath = '/org/nosidecar/resolve/main/model.bin';
    hub.files.set(hubPath, { body: CONFIG });
    const { relay: running, cacheDir } = await start();
    const cached = join(cacheDir, `127.0.0.1_${hub.port}`, 'org/nosidecar/main/model.bin');
    expect((await rawRequest(running.port, modelPath(hubPath))).status).toBe(200);
    await writeFile(cached, 'garbage that has no sidecar');
    await writeFile(`${cached}.omnia.json`, 'not json');
    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.text).toBe(CONFIG.toString());
    expect(hub.hitsOf(hubPath)).toBe(2);
  });
});

describe('refused and failing upstreams', () => {
  it('refuses a redirect to a host that is not allow-listed', async () => {
    const hubPath = '/org/elsewhere/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WEIGHTS, redirect: true, location: 'https://evil.example/x' });
    const { relay: running, cacheDir } = await start();
    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.status).toBe(502);
    expect(res.text).toContain(
      `Refused a redirect from 127.0.0.1:${hub.port} to https://evil.example: evil.example is neither an upstream nor an allowed redirect host`,
    );
    expect(await filesUnder(cacheDir)).toEqual([]);
  });

  it('refuses a redirect to plain http', async () => {
    const hubPath = '/org/plain/resolve/main/model.bin';
    const location = `http://127.0.0.1:${hub.port}/cdn${hubPath}`;
    hub.files.set(hubPath, { body: WEIGHTS, redirect: true, location });
    const { relay: running } = await start();
    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.status).toBe(502);
    expect(res.text).toContain('the relay only fetches over https');
    expect(hub.hitsOf(`/cdn${hubPath}`)).toBe(0);
  });

  it.each([
    [
      'localhost',
      (port: number) => `https://localhost:${port}`,
      /localhost resolves to (127\.0\.0\.1|::1) \(loopback\)/,
    ],
    [
      '169.254.169.254',
      () => 'https://169.254.169.254',
      /169\.254\.169\.254 resolves to 169\.254\.169\.254 \(link-local\)/,
    ],
  ])(
    'refuses a redirect to an allowed host on a private address (%s)',
    async (host, origin, message) => {
      const hubPath = `/org/private-${host}/resolve/main/model.bin`;
      const location = `${origin(hub.port)}/cdn${hubPath}`;
      hub.files.set(hubPath, { body: WEIGHTS, redirect: true, location });
      const { relay: running } = await start({ upstreamRedirectHosts: [host] });
      const res = await rawRequest(running.port, modelPath(hubPath));
      expect(res.status).toBe(502);
      expect(res.text).toMatch(message);
      expect(res.text).toContain('never fetches from private, loopback or link-local addresses');
      expect(hub.hitsOf(`/cdn${hubPath}`)).toBe(0);
    },
  );

  it('refuses an upstream whose name resolved publicly at start-up but privately at fetch time', async () => {
    const hubPath = '/org/dns/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WEIGHTS });
    const answers = ['93.184.216.34', '127.0.0.1'];
    relay = await startModelRelay({
      upstreams: [`https://models.rebind.example:${hub.port}`],
      upstreamTls: { ca: TEST_CERT },
      // DNS rebinding: the start-up check sees a public address, the fetch a loopback one.
      lookup: () => {
        const address = answers.shift() ?? '127.0.0.1';
        return Promise.resolve([{ address, family: 4 }]);
      },
    });
    const res = await rawRequest(relay.relay.port, modelPath(hubPath));
    expect(res.status).toBe(502);
    expect(res.text).toContain('models.rebind.example resolves to 127.0.0.1 (loopback)');
    expect(hub.hitsOf(hubPath)).toBe(0);
  });

  it('gives up after five redirects', async () => {
    const hubPath = '/org/loop/resolve/main/model.bin';
    hub.files.set(hubPath, { body: WEIGHTS, redirect: true, location: hubPath });
    const { relay: running } = await start();
    const res = await rawRequest(running.port, modelPath(hubPath));
    expect(res.status).toBe(502);
    expect(res.text).toContain('redirected more than 5 times');
    expect(hub.hitsOf(hubPath)).toBe(6);
  });

  it('answers 502 when the upstream cannot be reached or its certificate is not trusted', async () => {
    relay = await startModelRelay({
      upstreams: ['https://127.0.0.1:1'],
      allowPrivateUpstreams: true,
    });
    const unreachable = await rawRequest(relay.relay.port, '/omnia/models/o/r/resolve/main/x');
    expect(unreachable.status).toBe(502);
    expect(unreachable.text).toContain('Could not fetch from 127.0.0.1:1');
    expect(unreachable.text).toContain('ECONNREFUSED');
    await relay.close();

    hub.files.set('/o/r/resolve/main/x', { body: CONFIG });
    relay = await startModelRelay({ upstreams: [hub.origin], allowPrivateUpstreams: true });
    const untrusted = await rawRequest(relay.relay.port, '/omnia/models/o/r/resolve/main/x');
    expect(untrusted.status).toBe(502);
    expect(untrusted.text).toMatch(/certificate/i);
  });
});

async function flipByte(path: string, at: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    await handle.write(byte, 0, 1, at);
  } finally {
    await handle.close();
  }
}
