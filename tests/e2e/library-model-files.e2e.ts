/**
 * The Library's embedding model and its verified files, in a real browser (issue 20): with a
 * thousand documents in the Library (written straight into IndexedDB, with their vectors), the
 * installed fixture embedder still loads after a reload and embeds both the question and a new
 * document; and when one of its verified files is deleted from OPFS behind the app's back, the
 * Library says the model needs repair naming the file (searching by keyword meanwhile, adding
 * documents all the same), the Models view shows it failed naming the file, and installing it
 * again fetches that one file and nothing else.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../src/relay/start.ts';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { APP_SUB_PATH, MODELS_DIRS } from './global-setup';
import {
  addFixtures,
  ask,
  EMBEDDER,
  installEmbedder,
  openLibrary,
  seedLibrary,
  settledStatus,
  storeRows,
} from './library-helpers';
import { card, waitForStatus } from './models-helpers';

const browser = useBrowser();
const LIBRARY_SIZE = 1000;

let relay: RunningRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

/** A relay of our own, to read which model files the page asked for. */
async function ownRelay(): Promise<{ url: string; log: string[] }> {
  const log: string[] = [];
  relay = await startRelay({
    dist: process.env['OMNIA_E2E_DIST'] ?? 'dist',
    port: 0,
    base: APP_SUB_PATH,
    models: { dir: MODELS_DIRS, upstreams: [] },
    log: (line) => log.push(line),
  });
  return { url: relay.url, log };
}

/** `size` documents of two short passages each, with vectors of the embedder. */
function seedNotes(page: Page, size: number): Promise<void> {
  return seedLibrary(page, size, {
    modelId: EMBEDDER,
    passage: (i, order) =>
      `Seeded note ${i} part ${order}: pump valve rotor ${i * 7 + order} gasket.`,
    documentSize: 900,
    tokenCount: 20,
  });
}

async function foundBy(page: Page, question: string): Promise<string[]> {
  const answer = await ask(page, question);
  return answer
    .getByTestId('library-passage')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-found-by') ?? ''));
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('library-view').waitFor();
}

describe('library: the embedding model’s verified files', () => {
  it('loads and embeds after a reload with a thousand documents; a deleted file asks for repair, and only it is fetched again', async () => {
    const { url, log } = await ownRelay();
    const session = await newSession(browser(), url);
    const page = await gotoApp(session, url);
    await installEmbedder(page, url);
    await openLibrary(page, url);
    await seedNotes(page, LIBRARY_SIZE);
    await reload(page);

    // (a) The embedder loads from the verified cache and embeds the question and a new file.
    let how = await foundBy(page, 'pump valve gasket');
    expect(how.some((h) => h === 'vector' || h === 'both')).toBe(true);
    await addFixtures(page, ['notes.md']);
    expect(await settledStatus(page, 'notes.md')).toBe('ready');
    const notesId = await page
      .getByTestId('library-doc')
      .filter({ hasText: 'notes.md' })
      .getAttribute('data-doc-id');
    const vectors = await storeRows<{ documentId: string }>(page, 'chunkVectors', ['documentId']);
    expect(vectors.filter((v) => v.documentId === notesId).length).toBeGreaterThan(0);
    expect(await page.getByTestId('library-embedding-repair').count()).toBe(0);

    // (b) config.json goes missing from OPFS, behind the app's back.
    await page.evaluate(async (id) => {
      const root = await navigator.storage.getDirectory();
      const models = await root.getDirectoryHandle('omnia-models');
      await (await models.getDirectoryHandle(encodeURIComponent(id))).removeEntry('config.json');
    }, EMBEDDER);
    await reload(page);
    how = await foundBy(page, 'pump valve gasket');
    expect(how.length).toBeGreaterThan(0); // keyword search still answers
    expect(how.every((h) => h === 'keyword')).toBe(true);
    const notice = page.getByTestId('library-embedding-repair');
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.getAttribute('data-model-id')).toBe(EMBEDDER);
    expect(await notice.textContent()).toMatch(/needs repair.*config\.json/);
    // Adding goes on, by keyword, and nothing is lost.
    await addFixtures(page, ['notes.txt']);
    expect(await settledStatus(page, 'notes.txt')).toBe('ready');

    await page.goto(`${url}#/models`);
    await waitForStatus(page, EMBEDDER, 'failed');
    expect(await card(page, EMBEDDER).getByTestId('model-error').textContent()).toMatch(
      /File: config\.json/,
    );
    const fetchedBefore = log.length;
    await card(page, EMBEDDER).getByTestId('model-retry').click();
    await waitForStatus(page, EMBEDDER, 'installed');
    // Relay lines read "GET /omnia/models/<repo>/resolve/<revision>/<file> 200 3ms".
    const fetched = log
      .slice(fetchedBefore)
      .map((line) => new RegExp(`/models/${EMBEDDER}/resolve/[^/]+/(\\S+) `).exec(line)?.[1])
      .filter((file) => file !== undefined);
    expect(new Set(fetched)).toEqual(new Set(['config.json']));

    // Repaired: the Library embeds again and says nothing about repair.
    await openLibrary(page, url);
    how = await foundBy(page, 'pump valve gasket');
    expect(how.some((h) => h === 'vector' || h === 'both')).toBe(true);
    expect(await page.getByTestId('library-embedding-repair').count()).toBe(0);

    expectCleanSession(session);
    await session.close();
  });
});
