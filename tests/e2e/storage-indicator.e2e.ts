/**
 * The persist button asks the browser, and the UI tells the truth about the answer; the
 * header's figure follows what the Library writes and deletes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';
import { deleteDocument, openLibrary, settledStatus } from './library-helpers';

const appUrl = inject('appUrl');
const browser = useBrowser();

describe('storage indicator', () => {
  it('shows usage from navigator.storage.estimate() and asks navigator.storage.persist()', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl, 'settings');
    const details = page.getByTestId('storage-details');
    await details.getByTestId('storage-usage').filter({ hasText: 'used of' }).waitFor();
    const quota = await page.evaluate(async () => (await navigator.storage.estimate()).quota ?? 0);
    expect(quota).toBeGreaterThan(0);
    expect(await details.getByRole('meter').count()).toBe(1);

    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(false);
    await details.getByRole('button', { name: 'Keep my data' }).click();
    const result = details.getByTestId('persist-result');
    await result.waitFor();
    // Whatever the browser decided, the message and the badge must agree with it.
    const persisted = await page.evaluate(() => navigator.storage.persisted());
    expect(await result.textContent()).toContain(
      persisted ? 'The browser will keep' : 'The browser declined for now',
    );
    expect(await details.getByTestId('storage-persisted').textContent()).toContain(
      persisted ? 'Persistent' : 'Not persistent',
    );
    expectCleanSession(session);
    await session.close();
  });

  it('the header figure updates after a document is added and after it is deleted', async () => {
    const session = await newSession(browser(), appUrl);
    const page = await gotoApp(session, appUrl);
    const figure = page.getByRole('banner').getByTestId('storage-usage');
    const shown = async (): Promise<string> => (await figure.textContent())?.trim() ?? '';
    const usage = (p: Page): Promise<number> =>
      p.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await figure.filter({ hasText: 'used of' }).waitFor();
    const before = await shown();

    // About 3 MB of ordinary text: its copy, passages and index are written to IndexedDB.
    const paragraph = (i: number): string =>
      `Paragraph ${i}: the orchard ledger records ${i * 7} crates of pears and ${i * 3} of plums.\n\n`;
    const text = Array.from({ length: 30_000 }, (_, i) => paragraph(i)).join('');
    await openLibrary(page, appUrl);
    const usageBefore = await usage(page);
    await page.getByTestId('library-file-input').setInputFiles({
      name: 'ledger.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    });
    expect(await settledStatus(page, 'ledger.txt', 120_000)).toBe('ready');
    expect(await usage(page)).toBeGreaterThan(usageBefore + 1_000_000);
    await expect.poll(shown, { timeout: 10_000 }).not.toBe(before);
    const afterAdd = await shown();

    await deleteDocument(page, 'ledger.txt');
    await expect.poll(shown, { timeout: 10_000 }).not.toBe(afterAdd);
    expectCleanSession(session);
    await session.close();
  });
});
