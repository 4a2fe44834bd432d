/**
 * Shared by the Library browser tests: add the committed fixture files through the real file
 * input, wait for each document to settle, ask the Library, and read what the app stored
 * with the raw IndexedDB API (independently of the app's own storage code).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import plantedJson from '../fixtures/library/planted.json';
import { card, openModelsWithRelay, waitForStatus } from './models-helpers';

export const LIBRARY_FIXTURES = 'tests/fixtures/library';
export const EMBEDDER = 'omnia-fixture-embedder';

export interface Planted {
  text: string;
  page?: number;
  sheet?: string;
  row?: number;
  section?: string;
  pageCount?: number;
}
export const PLANTED = plantedJson as Record<string, Planted>;

export function planted(key: string): Planted {
  const entry = PLANTED[key];
  if (!entry) throw new Error(`planted.json has no ${key}`);
  return entry;
}

export async function openLibrary(page: Page, appUrl: string): Promise<void> {
  await page.goto(`${appUrl}#/library`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('library-view').waitFor();
}

/** Adds fixture files (names in tests/fixtures/library) through the "Choose files" input. */
export async function addFixtures(page: Page, names: readonly string[]): Promise<void> {
  await page
    .getByTestId('library-file-input')
    .setInputFiles(names.map((n) => `${LIBRARY_FIXTURES}/${n}`));
}

export function documentRow(page: Page, name: string): Locator {
  return page
    .getByTestId('library-doc')
    .filter({ has: page.getByTestId('library-doc-name').getByText(name, { exact: true }) });
}

/** Deletes the document named `name` through its row and the confirmation, and waits until it is gone. */
export async function deleteDocument(page: Page, name: string): Promise<void> {
  await documentRow(page, name).getByTestId('library-doc-delete').click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /delete/i })
    .click();
  // A large document's passages and vectors go in one transaction: seconds on a busy machine.
  await expect.poll(() => documentRow(page, name).count(), { timeout: 30_000 }).toBe(0);
}

/** Waits until the document named `name` has left queued/processing; returns its status. */
export async function settledStatus(page: Page, name: string, timeout = 60_000): Promise<string> {
  const row = documentRow(page, name);
  let status = '';
  await expect
    .poll(
      async () => {
        status = (await row.getAttribute('data-status').catch(() => null)) ?? '';
        return ['ready', 'waiting', 'failed'].includes(status);
      },
      { timeout, interval: 200 },
    )
    .toBe(true);
  return status;
}

/** Asks the Library and waits for this question's answer (or its "no results" note). */
export async function ask(page: Page, question: string): Promise<Locator> {
  const section = page.getByTestId('library-ask-section');
  const before = Number((await section.getAttribute('data-answered')) ?? '0');
  await page.getByTestId('library-ask').fill(question);
  await page.getByTestId('library-ask-submit').click();
  await expect
    .poll(async () => Number((await section.getAttribute('data-answered')) ?? '0'), {
      timeout: 30_000,
      interval: 100,
    })
    .toBeGreaterThan(before);
  return page.getByTestId('library-answer');
}

/** Installs the fixture embedder through the Models view (developer mode, relay source). */
export async function installEmbedder(page: Page, appUrl: string): Promise<void> {
  await openModelsWithRelay(page, appUrl);
  await card(page, EMBEDDER).getByTestId('model-install').click();
  await waitForStatus(page, EMBEDDER, 'installed');
}

/** Rows of one object store, read with the raw IndexedDB API; `pick` keeps what a test needs. */
export function storeRows<T>(page: Page, store: string, pick: readonly string[]): Promise<T[]> {
  return page.evaluate(
    async ({ store, pick }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('omnia');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      try {
        const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
          req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
        });
        return rows.map((row) => Object.fromEntries(pick.map((k) => [k, row[k]])));
      } finally {
        db.close();
      }
    },
    { store, pick: [...pick] },
  ) as Promise<T[]>;
}

/** How `seedLibrary` fills the Library. */
export interface SeedOptions {
  /** Vectors of this embedding model (32 dimensions) for every passage; none when null. */
  modelId: string | null;
  /** The text of passage `order` (0 or 1) of document `i`. */
  passage: (i: number, order: number) => string;
  /** The size in bytes each document claims. */
  documentSize: number;
  /** The token count each passage claims. */
  tokenCount: number;
}

/**
 * Writes `size` documents of two passages each (and their vectors, when a model is named)
 * straight into the app's database with the raw IndexedDB API, then bumps the library version
 * so the library worker loads them all.
 */
export function seedLibrary(page: Page, size: number, options: SeedOptions): Promise<void> {
  const texts = Array.from({ length: size * 2 }, (_, k) =>
    options.passage(Math.floor(k / 2), k % 2),
  );
  const { modelId, documentSize, tokenCount } = options;
  return page.evaluate(
    async ({ size, modelId, texts, documentSize, tokenCount }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('omnia');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
      });
      const stores = ['documents', 'chunks', 'chunkVectors', 'libraryIndex'];
      const tx = db.transaction(stores, 'readwrite');
      for (let i = 0; i < size; i++) {
        const id = `seed-${i}`;
        tx.objectStore('documents').put({
          id,
          name: `seed-${i}.txt`,
          mimeType: 'text/plain',
          size: documentSize,
          addedAt: Date.now() - (i + 1) * 60_000,
          status: 'ready',
          collectionIds: [],
          kind: 'txt',
          chunkCount: 2,
        });
        for (let order = 0; order < 2; order++) {
          const chunkId = `${id}:${order}`;
          const text = texts[i * 2 + order] ?? '';
          tx.objectStore('chunks').put({ id: chunkId, documentId: id, order, text, tokenCount });
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
    { size, modelId, texts, documentSize, tokenCount },
  );
}
