/**
 * Inputs of the ingest-growth bench: small text files to add (2–4 KB, distinct words so no
 * two are duplicates), and a Library of N documents written straight into IndexedDB with the
 * raw API (two passages each, and 32-dimension vectors when an embedding model is named), with
 * the library version bumped so the library worker loads them all.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const WORDS =
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu turbine zircon pump valve maintenance interval warranty bearing gasket seal motor rotor stator coolant filter pressure'.split(
    ' ',
  );

/** A deterministic paragraph of `count` words, seeded by `seed`. */
export function paragraph(seed: number, count: number): string {
  let state = seed * 7919 + 17;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 16807) % 2147483647;
    words.push(WORDS[state % WORDS.length]!);
  }
  return words.join(' ');
}

/** `count` text files of about 3 KB in `dir`; returns their paths. */
export function growthFiles(dir: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const path = join(dir, `growth-${String(i).padStart(3, '0')}.txt`);
    const body = [0, 1, 2, 3].map((p) => `${paragraph(i * 10 + p, 100)} unique${i}x${p}.`);
    writeFileSync(path, `Growth note ${i}\n\n${body.join('\n\n')}\n`);
    return path;
  });
}

/** Writes `size` documents (and their chunks, and vectors of `modelId`) into the app's database. */
export function seedLibrary(page: Page, size: number, modelId: string | null): Promise<void> {
  const texts = Array.from({ length: size * 2 }, (_, i) => `${paragraph(100_000 + i, 120)} s${i}`);
  return page.evaluate(
    async ({ size, modelId, texts }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('omnia');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
      });
      const tx = db.transaction(
        ['documents', 'chunks', 'chunkVectors', 'libraryIndex'],
        'readwrite',
      );
      for (let i = 0; i < size; i++) {
        const id = `seed-${i}`;
        tx.objectStore('documents').put({
          id,
          name: `seed-${i}.txt`,
          mimeType: 'text/plain',
          size: 2000,
          addedAt: Date.now() - (i + 1) * 60_000,
          status: 'ready',
          collectionIds: [],
          kind: 'txt',
          chunkCount: 2,
        });
        for (let order = 0; order < 2; order++) {
          const chunkId = `${id}:${order}`;
          const text = texts[i * 2 + order] ?? '';
          tx.objectStore('chunks').put({
            id: chunkId,
            documentId: id,
            order,
            text,
            tokenCount: 130,
          });
          if (modelId === null) continue;
          const vector = new Float32Array(32).map((_, k) => Math.sin(i * 31 + order * 7 + k));
          tx.objectStore('chunkVectors').put({ chunkId, documentId: id, modelId, vector });
        }
      }
      const index = tx.objectStore('libraryIndex');
      const current = index.get('version');
      current.onsuccess = () => {
        const row = current.result as { version?: number } | undefined;
        index.put({ key: 'version', version: (row?.version ?? 0) + 1, updatedAt: Date.now() });
      };
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
      });
      db.close();
    },
    { size, modelId, texts },
  );
}
