// The cache's size cap (--max-cache): least recently used files make room, a file being
// served is never evicted, and a file larger than the whole cache is refused (a LAN finding:
// the cache had no cap, so anyone could fill the relay's disk).
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawRequest } from '../relay-fixture.ts';
import {
  hubOptions,
  patterned,
  startModelRelay,
  useFakeHub,
  type ModelRelay,
} from './models-fixture.ts';

const hub = useFakeHub();
let relay: ModelRelay | undefined;

/** Puts a `size`-byte file on the hub for `repo` and returns its relay path. */
function hubFile(repo: string, size: number, extra: { chunked?: boolean } = {}): string {
  const hubPath = `/${repo}/resolve/main/model.bin`;
  hub.files.set(hubPath, { body: patterned(size, size % 97), ...extra });
  return `/omnia/models${hubPath}`;
}

/** The model files (no sidecars) in the cache, as `org/name`, sorted. */
async function cachedRepos(cacheDir: string): Promise<string[]> {
  if (!existsSync(cacheDir)) return [];
  const names = await readdir(cacheDir, { recursive: true });
  return names
    .filter((name) => /model\.bin(\.partial)?$/.test(name))
    .map((name) => name.split('/').slice(1, 3).join('/') + (name.endsWith('.partial') ? '!' : ''))
    .sort();
}

const fetchOk = async (path: string) => {
  const res = await rawRequest(relay!.relay.port, path);
  expect(res.status, res.text).toBe(200);
};

describe('the cache size cap', () => {
  it('evicts the least recently used files to make room', async () => {
    const [a, b, c] = ['cap/a', 'cap/b', 'cap/c'].map((repo) => hubFile(repo, 400));
    relay = await startModelRelay(hubOptions(hub, { maxCacheBytes: 1000 }));
    await fetchOk(a!);
    await fetchOk(b!);
    await fetchOk(a!); // from the cache: now b is the least recently used
    await fetchOk(c!);
    expect(await cachedRepos(relay.cacheDir)).toEqual(['cap/a', 'cap/c']);
    expect(
      relay.logs.some((line) => /^Evicted .*cap\/b\/main\/model\.bin \(400 bytes/.test(line)),
    ).toBe(true);

    await fetchOk(b!);
    expect(await cachedRepos(relay.cacheDir)).toEqual(['cap/b', 'cap/c']);
    expect(hub.hitsOf('/cap/b/resolve/main/model.bin')).toBe(2);
    expect(hub.hitsOf('/cap/a/resolve/main/model.bin')).toBe(1);
  });

  it('never evicts a file while it is being served', async () => {
    const served = hubFile('pin/served', 40_000);
    const other = hubFile('pin/other', 30_000);
    // Paced, so the served file stays open for about a second.
    relay = await startModelRelay(
      hubOptions(hub, { maxCacheBytes: 60_000, rateLimitBytesPerSecond: 40_000 }),
    );
    await fetchOk(served);

    const slow = await openResponse(relay.relay.port, served);
    const refused = await rawRequest(relay.relay.port, other);
    expect(refused.status).toBe(507);
    expect(refused.text).toMatch(
      /^Insufficient Storage: The relay's cache is full \(40000 of 60000 bytes\) of files being served or downloaded, so pin\/other\/model\.bin \(30000 bytes\) cannot be stored now\./,
    );
    expect(await cachedRepos(relay.cacheDir)).toEqual(['pin/served']);
    expect((await readAll(slow)).length).toBe(40_000);

    await fetchOk(other);
    expect(await cachedRepos(relay.cacheDir)).toEqual(['pin/other']);
  });

  it('refuses a file larger than the whole cache before downloading it', async () => {
    const big = hubFile('big/known', 5000);
    relay = await startModelRelay(hubOptions(hub, { maxCacheBytes: 1000 }));
    const res = await rawRequest(relay.relay.port, big);
    expect(res.status).toBe(507);
    expect(res.text).toBe(
      "Insufficient Storage: big/known/model.bin is 5000 bytes, more than the relay's whole cache (1000 bytes). Nothing was cached; the relay's operator can raise --max-cache.",
    );
    expect(await cachedRepos(relay.cacheDir)).toEqual([]);
  });

  it('takes room as bytes come when the size is not announced, and stops past the cap', async () => {
    const small = hubFile('chunked/small', 800, { chunked: true });
    const big = hubFile('chunked/big', 300_000, { chunked: true });
    relay = await startModelRelay(hubOptions(hub, { maxCacheBytes: 100_000 }));
    await fetchOk(small);
    const res = await rawRequest(relay.relay.port, big);
    expect(res.status).toBe(507);
    expect(res.text).toMatch(
      /chunked\/big\/model\.bin is \d+ bytes or more, more than the relay's whole cache \(100000 bytes\)/,
    );
    expect(await cachedRepos(relay.cacheDir)).toEqual(['chunked/small']);
  });

  it('counts what an earlier run cached, oldest use first', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'omnia-cap-restart-'));
    try {
      const [a, b, c] = ['old/a', 'old/b', 'old/c'].map((repo) => hubFile(repo, 400));
      relay = await startModelRelay(hubOptions(hub, { maxCacheBytes: 10_000 }), { cacheDir });
      await fetchOk(b!);
      await fetchOk(a!);
      await relay.close();
      // b was used last before the restart.
      const sidecar = (repo: string) =>
        join(cacheDir, `127.0.0.1_${hub.port}`, repo, 'main', 'model.bin.omnia.json');
      await utimes(sidecar('old/a'), new Date(1_000_000), new Date(1_000_000));
      await utimes(sidecar('old/b'), new Date(2_000_000), new Date(2_000_000));

      relay = await startModelRelay(hubOptions(hub, { maxCacheBytes: 1000 }), { cacheDir });
      await fetchOk(c!);
      expect(await cachedRepos(cacheDir)).toEqual(['old/b', 'old/c']);
    } finally {
      await relay?.close();
      relay = undefined;
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

function openResponse(port: number, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path }, resolve).once('error', reject);
  });
}

async function readAll(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  // The relay closes the file right after the last byte; give the close a moment.
  await new Promise((done) => setTimeout(done, 50));
  return Buffer.concat(chunks);
}
