// The download manager filling web-llm's store. In the browser this is the Cache API (and the
// browser test checks it with web-llm's own code); Node has no Cache API, so here the caches
// are a STAND-IN: a Map per cache name with the Cache methods the store uses. What is under
// test is ours: each verified file is sealed into the cache web-llm reads under the URL web-llm
// looks it up by, the resumable copy is then removed (one copy), the library comes from its
// own repo, a flipped bit is caught before sealing, a file an engine found missing is fetched
// again alone, and removal empties web-llm's caches.
import { describe, expect, it } from 'vitest';
import { getModel } from '../../../../src/models/catalog';
import {
  createWebLlmCacheStore,
  type CacheLike,
  type CacheStorageLike,
} from '../../../../src/models/cache/webllm-cache-store';
import { MemoryByteStore } from '../../../../src/models/download/memory-stores';
import { sha256OfBlob } from '../../../../src/models/download/digest';
import { rig } from './helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const WEBLLM = getModel('omnia-fixture-webllm');
const FIXTURES = join(import.meta.dirname, '../../../fixtures/models');
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'webllm-manifest.json'), 'utf8')) as {
  models: { files: { path: string; size: number; sha256: string }[] }[];
};
const files = manifest.models[0]?.files ?? [];
const LIB = WEBLLM.webllm?.libPath ?? '';
const FOLDER = `https://huggingface.co/${WEBLLM.repo}/resolve/main/`;
const LIB_URL = `https://raw.githubusercontent.com/${WEBLLM.webllm?.libRepo}/main/${LIB}`;

/** A stand-in for CacheStorage: requests keyed by URL, responses kept as bytes. */
interface Stored {
  body: Uint8Array;
  headers: Headers;
}

class MapCaches implements CacheStorageLike {
  readonly caches = new Map<string, Map<string, Stored>>();
  open(name: string): Promise<CacheLike> {
    const entries = this.caches.get(name) ?? new Map<string, Stored>();
    this.caches.set(name, entries);
    const url = (r: RequestInfo): string => (typeof r === 'string' ? r : r.url);
    const hitOf = (r: RequestInfo): Stored | undefined => entries.get(url(r));
    return Promise.resolve({
      match: (r) => {
        const hit = hitOf(r);
        return Promise.resolve(hit && new Response(hit.body.slice(), { headers: hit.headers }));
      },
      put: async (r, response) => {
        entries.set(url(r), {
          body: new Uint8Array(await response.arrayBuffer()),
          headers: response.headers,
        });
      },
      delete: (r) => Promise.resolve(entries.delete(url(r))),
      keys: () => Promise.resolve([...entries.keys()].map((u) => new Request(u))),
    });
  }
  /** URL → cache name of every entry. */
  index(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, entries] of this.caches) for (const u of entries.keys()) out[u] = name;
    return out;
  }
}

function fixtureRepoFiles(folder: string, paths: readonly string[]): Record<string, Uint8Array> {
  return Object.fromEntries(
    paths.map((p) => [p, new Uint8Array(readFileSync(join(FIXTURES, folder, p)))]),
  );
}

async function webLlmRig() {
  const inner = new MemoryByteStore();
  const caches = new MapCaches();
  const bytes = createWebLlmCacheStore({
    inner,
    caches,
    entryOf: (id) => (id === WEBLLM.id ? WEBLLM : undefined),
    webLlmEntries: [WEBLLM],
  });
  const r = await rig({ bytes });
  r.server.addRepo(
    WEBLLM.repo,
    fixtureRepoFiles(
      WEBLLM.repo,
      files.filter((f) => f.path !== LIB).map((f) => f.path),
    ),
  );
  r.server.addRepo(
    WEBLLM.webllm?.libRepo ?? '',
    fixtureRepoFiles(WEBLLM.webllm?.libRepo ?? '', [LIB]),
  );
  return { ...r, inner, caches };
}

const expectedIndex = Object.fromEntries(
  files.map((f) => [
    f.path === LIB ? LIB_URL : FOLDER + f.path,
    f.path === LIB
      ? 'webllm/wasm'
      : f.path === 'mlc-chat-config.json'
        ? 'webllm/config'
        : 'webllm/model',
  ]),
);

describe('the web-llm store behind the download manager', () => {
  it('seals every verified file into web-llm’s caches and keeps no second copy', async () => {
    const { manager, source, inner, caches, bytes, server } = await webLlmRig();
    const record = await manager.install(WEBLLM, source);
    expect(record.status).toBe('installed');
    expect(caches.index()).toEqual(expectedIndex);
    expect(inner.usedBytes).toBe(0);
    // The library came from its own repo on the relay, in the hub layout.
    expect(server.requests.some((q) => q.repo === WEBLLM.webllm?.libRepo && q.path === LIB)).toBe(
      true,
    );
    // Reads, sizes and the verified-files gate see the sealed bytes, exact.
    for (const f of files) {
      const blob = await manager.verifiedFiles(WEBLLM).open(f.path);
      expect(blob?.size, f.path).toBe(f.size);
      expect(await sha256OfBlob(blob as Blob), f.path).toBe(f.sha256);
      expect(await bytes.size({ modelId: WEBLLM.id, path: f.path })).toBe(f.size);
    }
    // Deep repair re-hashes the sealed copies and finds nothing wrong.
    expect(await manager.repair({ deep: true })).toEqual({
      orphansRemoved: [],
      corruptRemoved: [],
      recordsFixed: [],
    });
  });

  it('catches a shard served with a flipped bit before it is sealed, and fetches it again', async () => {
    const { manager, source, caches, server } = await webLlmRig();
    server.switches.flip.set(`${WEBLLM.repo}/params_shard_0.bin`, 1);
    const record = await manager.install(WEBLLM, source);
    expect(record.status).toBe('installed');
    const shardRequests = server.requests.filter((q) => q.path === 'params_shard_0.bin');
    expect(shardRequests.length).toBe(2);
    const cache = await caches.open('webllm/model');
    const stored = await (await cache.match(`${FOLDER}params_shard_0.bin`))!.blob();
    expect(await sha256OfBlob(stored)).toBe(
      files.find((f) => f.path === 'params_shard_0.bin')?.sha256,
    );
  });

  it('marks a file an engine found missing, then fetches only that one', async () => {
    const { manager, source, caches, server } = await webLlmRig();
    await manager.install(WEBLLM, source);
    expect(await manager.reportMissing(WEBLLM, ['params_shard_1.bin'])).toBe(true);
    const broken = await manager.status(WEBLLM.id);
    expect(broken?.status).toBe('failed');
    expect(broken?.error?.message).toMatch(/params_shard_1\.bin/);
    expect(caches.index()[`${FOLDER}params_shard_1.bin`]).toBeUndefined();
    const before = server.requests.length;
    await manager.install(WEBLLM, source);
    const fetched = server.requests
      .slice(before)
      .filter((q) => q.status < 300)
      .map((q) => q.path);
    expect(fetched).toEqual(['params_shard_1.bin']);
    expect(caches.index()).toEqual(expectedIndex);
  });

  it('imports a web-llm model folder with its .wasm into the same store, air-gapped', async () => {
    const { manager, caches, inner, server } = await webLlmRig();
    // A folder as a person copies it: the library beside the weights, under the folder's name.
    const picked = files.map((f) => ({
      path: `Fixture-MLC/${f.path === LIB ? LIB.split('/').pop() : f.path}`,
      blob: new Blob([
        new Uint8Array(
          readFileSync(
            f.path === LIB
              ? join(FIXTURES, WEBLLM.webllm?.libRepo ?? '', LIB)
              : join(FIXTURES, WEBLLM.repo, f.path),
          ),
        ),
      ]),
    }));
    const record = await manager.importFiles(WEBLLM, picked);
    expect(record).toMatchObject({ status: 'installed', source: 'imported' });
    expect(caches.index()).toEqual(expectedIndex);
    expect(inner.usedBytes).toBe(0);
    expect(server.requests).toEqual([]);
    // Without the library the folder is refused before anything is stored.
    await manager.remove(WEBLLM.id);
    await expect(
      manager.importFiles(
        WEBLLM,
        picked.filter((p) => !p.path.endsWith('.wasm')),
      ),
    ).rejects.toThrow(/missing .*omnia-stand-in-webgpu\.wasm/);
    expect(caches.index()).toEqual({});
  });

  it('removes every entry from web-llm’s caches with the model', async () => {
    const { manager, source, caches, inner } = await webLlmRig();
    await manager.install(WEBLLM, source);
    await manager.remove(WEBLLM.id);
    expect(caches.index()).toEqual({});
    expect(inner.usedBytes).toBe(0);
    expect(await manager.status(WEBLLM.id)).toBeUndefined();
  });
});
