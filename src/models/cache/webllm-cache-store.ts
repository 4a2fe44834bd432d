/**
 * One copy on disk for web-llm models. Downloads still land in the resumable store (OPFS:
 * Range resume, checkpoints, hashing), but once a file is verified `seal` moves it into
 * web-llm's own Cache API store, where web-llm's loader finds it and fetches nothing; the OPFS
 * copy is removed at once, so at rest each file exists once. Reads, sizes, listing and removal
 * look in both places, so the download manager, repair and the engines see one store.
 * Files of other engines pass straight through to the inner store.
 */
import type { CatalogEntry } from '../catalog-types';
import type { ByteStore, StoredFileKey } from '../download/types';
import {
  WEBLLM_CACHE_NAMES,
  webLlmPathOf,
  webLlmSlot,
  type WebLlmSlot,
} from '../engines/webllm/webllm-store-layout';

/** The part of CacheStorage this store uses (the browser's `caches`). */
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
}

export interface CacheLike {
  match(request: RequestInfo): Promise<Response | undefined>;
  put(request: RequestInfo, response: Response): Promise<void>;
  delete(request: RequestInfo): Promise<boolean>;
  keys(): Promise<readonly Request[]>;
}

export interface WebLlmCacheStoreOptions {
  inner: ByteStore;
  caches: CacheStorageLike;
  /** The catalog entry of a model id (undefined for ids the catalog no longer has). */
  entryOf: (modelId: string) => CatalogEntry | undefined;
  /** Every web-llm entry, to map cached URLs back to models when listing. */
  webLlmEntries: readonly CatalogEntry[];
}

/** Bytes of a cached response: the length we stored it with, else its body's size. */
async function cachedSize(response: Response): Promise<number> {
  const header = response.headers.get('content-length');
  if (header !== null && /^\d+$/.test(header)) return Number(header);
  return (await response.blob()).size;
}

export function createWebLlmCacheStore(options: WebLlmCacheStoreOptions): ByteStore {
  const { inner, caches, entryOf, webLlmEntries } = options;
  const slotOf = (key: StoredFileKey): WebLlmSlot | null => {
    const entry = entryOf(key.modelId);
    return entry === undefined ? null : webLlmSlot(entry, key.path);
  };
  const cached = async (slot: WebLlmSlot): Promise<Response | undefined> =>
    (await caches.open(slot.cacheName)).match(slot.url);

  /** Whether another web-llm model still holds this URL (two builds may share a library). */
  async function sharedWithAnother(modelId: string, slot: WebLlmSlot): Promise<boolean> {
    for (const other of webLlmEntries) {
      if (other.id === modelId) continue;
      const path = webLlmPathOf(other, slot.url);
      if (path === null) continue;
      const config = webLlmSlot(other, 'mlc-chat-config.json');
      if (config !== null && (await cached(config)) !== undefined) return true;
    }
    return false;
  }

  return {
    async size(key) {
      const slot = slotOf(key);
      const response = slot === null ? undefined : await cached(slot);
      return response === undefined ? inner.size(key) : cachedSize(response);
    },
    async openWriter(key, writerOptions) {
      // A file being (re)written is not verified: web-llm must not read the old copy meanwhile.
      // A resumed write continues from the sealed bytes (a tab killed between seal and record).
      const slot = slotOf(key);
      const sealed = slot === null ? undefined : await cached(slot);
      if (slot !== null && sealed !== undefined) {
        if (writerOptions?.truncateTo !== 0 && (await inner.size(key)) === null) {
          const restore = await inner.openWriter(key, { truncateTo: 0 });
          await restore.write(new Uint8Array(await sealed.arrayBuffer()));
          await restore.close();
        }
        await (await caches.open(slot.cacheName)).delete(slot.url);
      }
      return inner.openWriter(key, writerOptions);
    },
    async read(key) {
      const slot = slotOf(key);
      const response = slot === null ? undefined : await cached(slot);
      return response === undefined ? inner.read(key) : response.blob();
    },
    async seal(key) {
      const slot = slotOf(key);
      if (slot === null) return;
      const blob = await inner.read(key);
      if (blob === null) return; // already sealed
      const headers = { 'content-type': contentTypeOf(key.path), 'content-length': `${blob.size}` };
      await (await caches.open(slot.cacheName)).put(slot.url, new Response(blob, { headers }));
      await inner.remove(key);
    },
    async remove(key) {
      const slot = slotOf(key);
      if (slot !== null && !(await sharedWithAnother(key.modelId, slot))) {
        await (await caches.open(slot.cacheName)).delete(slot.url);
      }
      await inner.remove(key);
    },
    async removeModel(modelId) {
      const entry = entryOf(modelId);
      if (entry?.engine === 'web-llm') {
        for (const name of Object.values(WEBLLM_CACHE_NAMES)) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (webLlmPathOf(entry, request.url) === null) continue;
            const slot = { cacheName: name, url: request.url };
            if (await sharedWithAnother(modelId, slot)) continue;
            await cache.delete(request);
          }
        }
      }
      await inner.removeModel(modelId);
    },
    async list() {
      const found = await inner.list();
      for (const name of Object.values(WEBLLM_CACHE_NAMES)) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          for (const entry of webLlmEntries) {
            const path = webLlmPathOf(entry, request.url);
            if (path === null || webLlmSlot(entry, path)?.cacheName !== name) continue;
            if (!found.some((k) => k.modelId === entry.id && k.path === path)) {
              found.push({ modelId: entry.id, path });
            }
          }
        }
      }
      return found;
    },
  };
}

function contentTypeOf(path: string): string {
  if (path.endsWith('.json')) return 'application/json';
  if (path.endsWith('.wasm')) return 'application/wasm';
  return 'application/octet-stream';
}
