/**
 * Reads and seeds the app's IndexedDB with the raw browser API, independently of the app's
 * own storage code, so a test can check what the app really stored.
 */
import type { Page } from 'playwright-core';

export type RawDump = Record<string, unknown[]>;

/** Every row of every object store; Blobs become {blobType, base64} so dumps compare by value. */
export function dumpDatabase(page: Page, name = 'omnia'): Promise<RawDump> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
    const toPlain = async (value: unknown): Promise<unknown> => {
      if (value instanceof Blob) {
        const bytes = new Uint8Array(await value.arrayBuffer());
        let binary = '';
        for (const b of bytes) binary += String.fromCharCode(b);
        return { blobType: value.type, base64: btoa(binary) };
      }
      if (Array.isArray(value)) return Promise.all(value.map(toPlain));
      if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) out[k] = await toPlain(v);
        return out;
      }
      return value;
    };
    const dump: Record<string, unknown[]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      dump[store] = await Promise.all(rows.map(toPlain));
    }
    db.close();
    return dump;
  }, name);
}

/** Puts rows straight into object stores (which the app must already have created). */
export function seedDatabase(
  page: Page,
  rows: Record<string, unknown[]>,
  name = 'omnia',
): Promise<void> {
  return page.evaluate(
    async ({ dbName, data }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(dbName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      const stores = Object.keys(data);
      const tx = db.transaction(stores, 'readwrite');
      for (const store of stores) {
        for (const row of data[store] ?? []) {
          const value = row as Record<string, unknown>;
          // Attachments are described as {blobText, type} and become real Blobs here.
          if (Array.isArray(value['attachments'])) {
            value['attachments'] = (
              value['attachments'] as { name: string; blobText: string; type: string }[]
            ).map((a) => ({
              name: a.name,
              mimeType: a.type,
              data: new Blob([a.blobText], { type: a.type }),
            }));
          }
          tx.objectStore(store).put(value);
        }
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      });
      db.close();
    },
    { dbName: name, data: rows },
  );
}
