/**
 * Reopening the Library: a library of 400 documents (800 passages) seeded straight into
 * IndexedDB, then the page is reloaded and the first question must answer the planted passage,
 * cited, whether the indexes are still loading when it is asked or not — keyword only, and with
 * the fixture embedder installed, where the model's load shows its progress in the Library.
 * Timing lives in bench/reopen.bench.ts; nothing here is timed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { ask, EMBEDDER, installEmbedder, openLibrary } from './library-helpers';
import {
  PLANTED_ANSWER,
  plantedDocument,
  REOPEN_QUESTION,
  seedReopenLibrary,
} from './library-reopen-data';

const appUrl = inject('appUrl');
const browser = useBrowser({ webgpu: false });
const DOCUMENTS = 400;

/** Installed before each navigation: notes every model id whose load progress was shown. */
const PROGRESS_WATCH = `(() => {
  const seen = (window.__modelLoads = []);
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="library-embedder-load"]');
    const id = el && el.getAttribute('data-model-id');
    if (id && !seen.includes(id)) seen.push(id);
  }).observe(document, { childList: true, subtree: true });
})();`;

const modelLoadsShown = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __modelLoads: string[] }).__modelLoads);

/** Asks the planted question and checks the answer cites the planted passage. */
async function expectPlantedAnswer(page: Page): Promise<void> {
  const answer = await ask(page, REOPEN_QUESTION);
  const first = answer.getByTestId('library-passage').first();
  expect(await first.getAttribute('data-document-id')).toBe(
    plantedDocument(DOCUMENTS).replace(/\.txt$/, ''),
  );
  expect(await first.getAttribute('data-chunk-id')).toMatch(/:1$/);
  const highlight = answer.getByTestId('library-highlight').first();
  expect(await highlight.textContent()).toContain(PLANTED_ANSWER);
  // The answer sentence is cited, and its citation opens the planted passage.
  const citation = highlight.getByTestId('citation').first();
  expect(await citation.getAttribute('data-chunk-id')).toBe(
    await first.getAttribute('data-chunk-id'),
  );
}

async function reload(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('html[data-ready="true"]');
  await page.getByTestId('library-view').waitFor();
}

describe('library: the first question after a reload', () => {
  it('keyword only: answers cited, before and after the snapshot is stored', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await openLibrary(page, appUrl);
    await seedReopenLibrary(page, DOCUMENTS, null);
    // No snapshot yet: the worker builds the index from the stored passages.
    await reload(page);
    await expectPlantedAnswer(page);
    // Again, now from the stored snapshot, asked at once while the Library loads it.
    await reload(page);
    await expectPlantedAnswer(page);
    expect(await page.getByTestId('library-embedder-load').count()).toBe(0);
    expectCleanSession(session);
    await session.close();
  });

  it('with an embedding model: its load shows progress, and the answer is cited', async () => {
    const session = await newSession(browser(), appUrl);
    await session.context.addInitScript(PROGRESS_WATCH);
    const page = await gotoApp(session, appUrl);
    await installEmbedder(page, appUrl);
    await openLibrary(page, appUrl);
    await seedReopenLibrary(page, DOCUMENTS, EMBEDDER);
    for (let round = 0; round < 2; round++) {
      await reload(page);
      await expectPlantedAnswer(page);
      await expect.poll(() => modelLoadsShown(page), { timeout: 30_000 }).toEqual([EMBEDDER]);
      // Loaded: the progress goes away. (The seeded vectors are not the model's, so which
      // list found a passage is not checked here: library-index.e2e.ts does that.)
      await expect
        .poll(() => page.getByTestId('library-embedder-load').count(), { timeout: 30_000 })
        .toBe(0);
    }
    expectCleanSession(session);
    await session.close();
  });
});
