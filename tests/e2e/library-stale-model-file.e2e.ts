/**
 * A verified model file replaced after the app opened it (issue 20), in a real browser with the
 * real fixture embedder in real OPFS. The model store hands engines `File` snapshots, which
 * transformers.js reads later; Chromium refuses a snapshot whose file was written or replaced
 * since, even with the same bytes (opfs-snapshots.e2e.ts). Here the library worker's own
 * script is served with a few lines before it that, the first time the worker takes a
 * snapshot of the embedder's config.json, rewrite that file with its own bytes through a
 * writable, as another worker or tab writing to it would, and hand back the now stale snapshot.
 * The Library must re-open the file and embed as usual: vector search answers, no repair
 * notice, the model stays installed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { ask, EMBEDDER, installEmbedder, openLibrary, seedLibrary } from './library-helpers';
import { card, waitForStatus } from './models-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

/** Runs in the library worker before its own code: the stale-snapshot injection. */
const REPLACE_AFTER_SNAPSHOT = `
(() => {
  const getFile = FileSystemFileHandle.prototype.getFile;
  self.__omniaStaleSnapshots = 0;
  FileSystemFileHandle.prototype.getFile = async function () {
    const snapshot = await getFile.call(this);
    if (this.name === 'config.json' && self.__omniaStaleSnapshots === 0) {
      self.__omniaStaleSnapshots++;
      const same = await snapshot.arrayBuffer();
      const writable = await this.createWritable({ keepExistingData: false });
      await writable.write(same);
      await writable.close();
    }
    return snapshot;
  };
})();
`;

async function foundBy(page: Page, question: string): Promise<string[]> {
  const answer = await ask(page, question);
  return answer
    .getByTestId('library-passage')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-found-by') ?? ''));
}

describe('library: a verified model file replaced after it was opened', () => {
  it('is opened again and the embedder loads', async () => {
    // Blocked so the worker script comes from the network, through the route below.
    const session = await newSession(browser(), appUrl, { serviceWorkers: 'block' });
    let injected = 0;
    await session.context.route(/\/assets\/library\.worker-[^/]+\.js$/, async (route) => {
      const response = await route.fetch();
      injected++;
      await route.fulfill({ response, body: REPLACE_AFTER_SNAPSHOT + (await response.text()) });
    });
    const warnings: string[] = [];
    session.page.on('console', (msg) => {
      if (msg.type() === 'warning') warnings.push(msg.text());
    });
    const page = await gotoApp(session, appUrl);
    await installEmbedder(page, appUrl);
    await openLibrary(page, appUrl);
    await seedLibrary(page, 50, {
      modelId: EMBEDDER,
      passage: (i, order) => `Seeded note ${i} part ${order}: pump valve rotor ${i} gasket.`,
      documentSize: 900,
      tokenCount: 20,
    });

    const how = await foundBy(page, 'pump valve gasket');
    expect(injected).toBeGreaterThan(0);
    const worker = page.workers().find((w) => /library\.worker-/.test(w.url()));
    expect(
      await worker?.evaluate(
        () => (self as { __omniaStaleSnapshots?: number }).__omniaStaleSnapshots,
      ),
    ).toBe(1);
    expect(how.some((h) => h === 'vector' || h === 'both')).toBe(true);
    expect(await page.getByTestId('library-embedding-repair').count()).toBe(0);
    expect(warnings.some((w) => /config\.json changed after it was opened/.test(w))).toBe(true);

    await page.goto(`${appUrl}#/models`);
    await waitForStatus(page, EMBEDDER, 'installed');
    expect(await card(page, EMBEDDER).getByTestId('model-error').count()).toBe(0);
    expectCleanSession(session);
    await session.close();
  });
});
