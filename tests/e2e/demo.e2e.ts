/**
 * Demo mode in Chromium against the built app: from Home into a separate demo space whose
 * sample documents (pt-BR and en) the Library answers from, with citations and no model
 * installed; then out again, with the demo database deleted and the person's own database
 * exactly as it was before, row for row.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { dumpDatabase, seedDatabase } from './idb';
import { ask } from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

const databases = (page: Page): Promise<string[]> =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));

describe('demo mode', () => {
  it('answers from the sample documents in a separate space and leaves the person’s data untouched', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    await seedDatabase(page, {
      conversations: [
        {
          id: 'mine',
          title: 'My own conversation',
          createdAt: 1,
          updatedAt: 1,
          pinned: false,
          archived: false,
          collectionIds: [],
        },
      ],
      messages: [
        {
          id: 'm1',
          conversationId: 'mine',
          parentId: null,
          role: 'user',
          content: 'hi',
          createdAt: 1,
        },
      ],
      settings: [{ key: 'theme', value: 'dark' }],
    });
    const before = await dumpDatabase(page);

    await page.getByTestId('home-demo').click();
    await page.getByTestId('demo-banner').waitFor({ timeout: 30_000 });
    await page.getByTestId('demo-ready').waitFor({ timeout: 90_000 });
    expect(await databases(page)).toContain('omnia-demo');
    // The person's theme came along; their data did not.
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await page.getByTestId('demo-question').count()).toBe(4);

    await page.goto(`${appUrl}#/library`);
    let answer = await ask(page, 'How much does an electric bike cost per hour?');
    expect(await answer.getByTestId('library-highlight').first().innerText()).toContain(
      '$9 per hour',
    );
    await answer.getByTestId('citation').first().waitFor();
    expect(await answer.getByTestId('library-passage-open').first().innerText()).toContain(
      'harbor-bikes-rental-handbook.md',
    );
    answer = await ask(page, 'Qual é o prazo para devolver um produto?');
    expect(await answer.getByTestId('library-highlight').first().innerText()).toContain('30 dias');
    await answer.getByTestId('citation').first().waitFor();
    // Nothing of the demo reached the person's database.
    expect(await dumpDatabase(page)).toEqual(before);

    await page.getByTestId('demo-leave').click();
    await page.waitForFunction(
      () => location.hash === '#/' && document.documentElement.dataset['ready'],
    );
    await page.getByTestId('home-counts').waitFor();
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    expect(await databases(page)).not.toContain('omnia-demo');
    expect(await dumpDatabase(page)).toEqual(before);
    expect(await page.getByTestId('home-counts').innerText()).toContain('1 conversation');
    expectCleanSession(session);
    await session.close();
  });
});
