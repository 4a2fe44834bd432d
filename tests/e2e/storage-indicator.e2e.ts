/** The persist button asks the browser, and the UI tells the truth about the answer. */
import { describe, expect, inject, it } from 'vitest';
import { expectCleanSession, gotoApp, newSession, useBrowser } from './browser';

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
});
